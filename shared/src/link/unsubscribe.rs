//! Signed unsubscribe links: one per invitation email, naming the customer
//! and the survey they opt out of.
//!
//! The link must work without a login and must not let anyone opt out
//! somebody else, so it is signed like a score link, with the same secret.
//! It must never be mistaken for one, though: the MAC is over
//! `unsubscribe:` and the payload, and a score token's MAC is over the
//! payload alone (base64url, which has no `:`), so neither verifies as the
//! other. It does not expire: mailbox providers and the law expect an
//! unsubscribe link to work as long as the email can be read.

use serde::Serialize;
use serde_json::{Map, Value};

use super::opaque::{self, Kind};
use super::{open, InvalidClaims, LinkError, LinkSecret, Malformed};
use crate::input::json_fields::{any_text, slug, FieldReader};
use crate::input::limits::{MAX_REF_CHARS, MAX_SLUG_CHARS};
use crate::text::email::EmailText;
use crate::text::html::{self, escape};
use crate::text::i18n::fill;
use crate::Locale;

/// Who opts out of what, and the language of the page they see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnsubscribeClaims {
    /// The survey whose emails stop.
    pub survey_id: String,
    /// The company's id for the customer.
    pub customer_ref: String,
    /// The email's language, for the page.
    pub locale: Locale,
}

/// The MAC's domain: never the first bytes of a score token's payload.
const DOMAIN: &[u8] = b"unsubscribe:";

const FIELDS: [&str; 3] = ["survey_id", "customer_ref", "locale"];

/// Unsubscribe links' opaque tokens: their claims, in [`FIELDS`]' order.
const UNSUBSCRIBE: Kind = Kind {
    name: "unsubscribe",
    fields: &FIELDS,
};

impl UnsubscribeClaims {
    fn read(object: &Map<String, Value>) -> Result<UnsubscribeClaims, InvalidClaims> {
        let mut errors = Vec::new();
        let mut reader = FieldReader::new(object, "", &mut errors);
        reader.reject_unknown(&FIELDS);
        let survey_id = reader.required_str("survey_id", MAX_SLUG_CHARS, slug);
        let customer_ref = reader.required_str("customer_ref", MAX_REF_CHARS, any_text);
        let locale = reader.required_str("locale", MAX_SLUG_CHARS, Locale::check_tag);
        let locale = locale.and_then(|l| Locale::from_tag(&l));
        match (survey_id, customer_ref, locale) {
            (Some(survey_id), Some(customer_ref), Some(locale)) if errors.is_empty() => {
                Ok(UnsubscribeClaims {
                    survey_id,
                    customer_ref,
                    locale,
                })
            }
            _ => Err(InvalidClaims(errors)),
        }
    }

    /// The opaque token (`link::opaque`), after the checks [`verify`]
    /// applies, so every token made also verifies.
    pub fn sign(&self, secret: &LinkSecret) -> Result<String, InvalidClaims> {
        let object = match serde_json::to_value(self) {
            Ok(Value::Object(object)) => object,
            _ => return Err(InvalidClaims(Vec::new())),
        };
        let claims = UnsubscribeClaims::read(&object)?;
        let Ok(Value::Object(object)) = serde_json::to_value(&claims) else {
            return Err(InvalidClaims(Vec::new()));
        };
        Ok(opaque::close(&UNSUBSCRIBE, claims.locale, &object, secret))
    }
}

/// Checks an unsubscribe token: an opaque one decrypts and authenticates
/// under the unsubscribe key; a signed one of before has its shape, then
/// its signature checked in constant time; then the claims. A score token
/// is a [`LinkError::BadSignature`].
pub fn verify(token: &str, secret: &LinkSecret) -> Result<UnsubscribeClaims, LinkError> {
    let object = if opaque::is_opaque(token) {
        opaque::open(&UNSUBSCRIBE, token, secret)?
    } else {
        open(DOMAIN, token, secret)?
    };
    UnsubscribeClaims::read(&object).map_err(|e| LinkError::Malformed(Malformed::Claims(e)))
}

/// The unsubscribe URL for `token`: `{base_url}/v1/unsubscribe/{token}`.
/// The same URL takes the page's POST and RFC 8058's one-click POST.
pub fn url(base_url: &str, token: &str) -> String {
    format!("{}/v1/unsubscribe/{token}", base_url.trim_end_matches('/'))
}

/// The `List-Unsubscribe` header's value for `url` (RFC 2369).
pub fn list_unsubscribe(url: &str) -> String {
    format!("<{url}>")
}

/// The `List-Unsubscribe-Post` header's value: the mailbox provider may
/// unsubscribe with one POST of this body (RFC 8058).
pub const LIST_UNSUBSCRIBE_POST: &str = "List-Unsubscribe=One-Click";

/// Which page the unsubscribe URL shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Asks first: a GET (which mail scanners make too) changes nothing.
    Confirm,
    /// The opt-out is recorded.
    Done,
}

/// The page at the unsubscribe URL, in `locale`, for the survey's `brand`,
/// in the frame of every link page ([`html::page`]). `Confirm` holds a form that POSTs to the page's own URL with
/// the one-click body, so the page and a mailbox provider take one path.
pub fn page(kind: PageKind, locale: Locale, brand: &str) -> String {
    let plain = |t: EmailText| fill(t.get(locale), "brand", brand);
    let text = |t: EmailText| escape(&plain(t));
    let (heading, body) = match kind {
        PageKind::Confirm => (
            plain(EmailText::UnsubscribeHeading),
            format!(
                "<p>{}</p>\n<form method=\"post\">\
                 <input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\
                 <button type=\"submit\">{}</button></form>",
                text(EmailText::UnsubscribeExplain),
                text(EmailText::UnsubscribeButton)
            ),
        ),
        PageKind::Done => (
            plain(EmailText::UnsubscribedHeading),
            format!("<p>{}</p>", text(EmailText::UnsubscribedExplain)),
        ),
    };
    html::page(locale, Some(brand), &heading, &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::{self, LinkClaims};
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn secret() -> LinkSecret {
        LinkSecret::new(b"0123456789abcdef0123456789abcdef").expect("32 bytes")
    }

    fn claims() -> UnsubscribeClaims {
        UnsubscribeClaims {
            survey_id: "pickup".to_owned(),
            customer_ref: "C-1001".to_owned(),
            locale: Locale::Da,
        }
    }

    #[test]
    fn minted_claims_verify_back_and_say_nothing() {
        let token = claims().sign(&secret()).expect("valid");
        assert_eq!(verify(&token, &secret()), Ok(claims()));
        assert!(!token.contains("C-1001") && !token.contains("pickup"));
        let other = LinkSecret::new(&[7u8; 32]).expect("32 bytes");
        assert_eq!(verify(&token, &other), Err(LinkError::BadSignature));
    }

    /// Unsubscribe links mailed before tokens were opaque still work: they
    /// do not expire.
    #[test]
    fn a_signed_token_of_before_still_verifies() {
        let json = serde_json::to_vec(&claims()).expect("claims serialize");
        let token = super::super::seal(DOMAIN, &URL_SAFE_NO_PAD.encode(json), &secret());
        assert_eq!(verify(&token, &secret()), Ok(claims()));
    }

    /// Neither kind of token passes for the other: a score link cannot opt
    /// anyone out, and an unsubscribe link records no score.
    #[test]
    fn score_and_unsubscribe_tokens_never_verify_as_each_other() {
        let score = link::sign(
            &LinkClaims {
                survey_id: "pickup".to_owned(),
                customer_ref: Some("C-1001".to_owned()),
                transaction_ref: None,
                touchpoint: None,
                role: None,
                locale: Locale::Da,
                expires_at: u64::MAX / 4,
                issued_at: None,
            },
            &secret(),
        )
        .expect("valid");
        assert_eq!(verify(&score, &secret()), Err(LinkError::BadSignature));
        let unsubscribe = claims().sign(&secret()).expect("valid");
        assert_eq!(
            link::verify(&unsubscribe, &secret(), 0),
            Err(LinkError::BadSignature)
        );
    }

    #[test]
    fn a_customer_is_required() {
        let blank = UnsubscribeClaims {
            customer_ref: " ".to_owned(),
            ..claims()
        };
        let InvalidClaims(errors) = blank.sign(&secret()).expect_err("no customer");
        assert_eq!(errors[0].field, "customer_ref");
    }

    #[test]
    fn a_cut_token_is_malformed() {
        let token = claims().sign(&secret()).expect("valid");
        for end in 0..token.len() {
            assert!(matches!(
                verify(&token[..end], &secret()),
                Err(LinkError::Malformed(_))
            ));
        }
    }

    #[test]
    fn urls_and_headers() {
        let url = url("https://nps.example/", "a.b");
        assert_eq!(url, "https://nps.example/v1/unsubscribe/a.b");
        assert_eq!(
            list_unsubscribe(&url),
            "<https://nps.example/v1/unsubscribe/a.b>"
        );
    }

    #[test]
    fn pages_speak_the_language_and_only_the_confirmation_has_a_form() {
        let confirm = page(PageKind::Confirm, Locale::Da, "Bid & <Co>");
        assert!(confirm.contains("<html lang=\"da\">"));
        assert!(
            confirm.contains("<h1>Vil du afmelde dig Bid &amp; &lt;Co&gt;s undersøgelser?</h1>")
        );
        assert!(confirm.contains("<form method=\"post\">"));
        assert!(confirm.contains("name=\"List-Unsubscribe\" value=\"One-Click\""));
        assert!(confirm.contains("<main"));
        assert!(!confirm.contains("<script"));
        let done = page(PageKind::Done, Locale::De, "Bid");
        assert!(done.contains("<h1>Sie sind abgemeldet</h1>"));
        assert!(!done.contains("<form"));
    }
}
