//! Signed survey links: the score buttons in an email.
//!
//! An email carries eleven links, one per score. A click must record who
//! answered what without a login, so each link carries its context (survey,
//! customer, transaction, role, language) in a token the Worker can trust and
//! nobody else can read: the claims encrypted and authenticated under a key
//! derived from a secret only the sender and the Worker know ([`opaque`]).
//! Nobody can forge a link, change a reference in one or read one, and links
//! stop working when they expire.
//!
//! Tokens minted before were signed, not encrypted: the claims as base64url
//! JSON, a `.`, and an HMAC-SHA256 of that text. They are still accepted
//! until they expire ([`open`]).

pub mod email;
pub mod networks;
mod opaque;
pub mod scanner;
pub mod unsubscribe;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::Sha256;
use std::fmt;

use crate::answer::submission::uuid_v4;
use crate::input::json_fields::{any_text, slug, FieldReader};
use crate::input::limits::{MAX_REF_CHARS, MAX_SLUG_CHARS};
use crate::{Context, FieldError, Locale, Score};

/// Fewest secret bytes accepted: HMAC-SHA256 is only as strong as its key, and
/// 32 random bytes match the hash's own strength.
pub const MIN_SECRET_BYTES: usize = 32;

/// What a link says about the answer it records. Everything but the survey is
/// optional, as in [`crate::Context`]; an auction house sets `role` to `buyer`
/// or `seller` so both parties of one `transaction_ref` answer separately.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkClaims {
    /// Which survey the click answers.
    pub survey_id: String,
    /// The company's own id for the customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_ref: Option<String>,
    /// The company's own id for the order, trade or case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_ref: Option<String>,
    /// Where the experience happened, e.g. `pickup`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<String>,
    /// The customer's part in it, e.g. `buyer`, `seller`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The language the email was written in, so the landing page matches it.
    pub locale: Locale,
    /// Unix seconds after which the link is refused.
    pub expires_at: u64,
    /// Unix seconds at which the links were minted, signed like the rest: a
    /// click within seconds of it is a mail scanner's, not a person's (see
    /// [`scanner`]). Absent from tokens minted before it existed, which stay
    /// valid and are judged by the other signs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<u64>,
}

/// The key links are signed with. Built only through [`LinkSecret::new`], so a
/// short key is refused once, at startup, rather than weakening every link.
#[derive(Clone)]
pub struct LinkSecret(Vec<u8>);

/// A secret too short to sign links safely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeakSecret {
    /// How many bytes the refused secret had.
    pub len: usize,
}

impl fmt::Display for WeakSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the link secret is {} bytes; use at least {MIN_SECRET_BYTES} random bytes, \
             e.g. the output of `openssl rand -base64 32`",
            self.len
        )
    }
}

impl std::error::Error for WeakSecret {}

impl LinkSecret {
    /// Accepts a key of at least [`MIN_SECRET_BYTES`]. The bytes are used as
    /// given: a secret configured as text is its UTF-8 bytes, not decoded.
    pub fn new(bytes: &[u8]) -> Result<LinkSecret, WeakSecret> {
        if bytes.len() < MIN_SECRET_BYTES {
            return Err(WeakSecret { len: bytes.len() });
        }
        Ok(LinkSecret(bytes.to_vec()))
    }

    fn mac(&self) -> Hmac<Sha256> {
        keyed_mac(&self.0)
    }
}

/// Keeps the key out of logs and panic messages.
impl fmt::Debug for LinkSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LinkSecret({} bytes, redacted)", self.0.len())
    }
}

/// HMAC-SHA256 under `key`, for this module and the webhook signatures.
pub(crate) fn keyed_mac(key: &[u8]) -> Hmac<Sha256> {
    // HMAC hashes or pads any key to its block size; this cannot fail.
    <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length")
}

/// Claims that break the rules a submission's context follows; one entry per
/// bad field, named as in the token's JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidClaims(pub Vec<FieldError>);

impl fmt::Display for InvalidClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields: Vec<String> = self.0.iter().map(FieldError::to_string).collect();
        write!(f, "invalid link claims: {}", fields.join("; "))
    }
}

impl std::error::Error for InvalidClaims {}

/// Which part of a token is not in the link format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// There is no `.` between claims and signature.
    NoSeparator,
    /// The signature part is not a base64url HMAC-SHA256.
    Signature,
    /// The claims part is not base64url.
    PayloadNotBase64,
    /// The claims are not a JSON object; holds the parser's description.
    PayloadNotJson(String),
    /// The claims are JSON but break the field rules.
    Claims(InvalidClaims),
    /// An opaque token that is not base64url.
    NotBase64,
    /// An opaque token shorter or longer than it says: cut when copied.
    Truncated,
    /// An opaque token of a version we do not make.
    Version(u8),
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Malformed::NoSeparator => f.write_str("it has no '.' between claims and signature"),
            Malformed::Signature => f.write_str("its signature is not a base64url HMAC-SHA256"),
            Malformed::PayloadNotBase64 => f.write_str("its claims are not base64url"),
            Malformed::PayloadNotJson(why) => write!(f, "its claims are not a JSON object: {why}"),
            Malformed::Claims(invalid) => invalid.fmt(f),
            Malformed::NotBase64 => f.write_str("it is not base64url"),
            Malformed::Truncated => f.write_str("it is not as long as it was made: cut short"),
            Malformed::Version(v) => write!(f, "its version {v} is not one we make"),
        }
    }
}

/// Why a link token is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Not a token in our format, usually a link cut short when copied.
    Malformed(Malformed),
    /// The signature does not match: the link was altered, forged, or signed
    /// with another secret.
    BadSignature,
    /// The link was genuine but is past its expiry.
    Expired {
        /// Unix seconds at which it expired.
        expired_at: u64,
    },
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Malformed(what) => write!(f, "the link token is malformed: {what}"),
            LinkError::BadSignature => f.write_str(
                "the link signature does not match: the link was altered or signed with another secret",
            ),
            LinkError::Expired { expired_at } => {
                write!(f, "the link expired at {expired_at} (unix seconds)")
            }
        }
    }
}

impl std::error::Error for LinkError {}

const FIELDS: [&str; 8] = [
    "survey_id",
    "customer_ref",
    "transaction_ref",
    "touchpoint",
    "role",
    "locale",
    "expires_at",
    "issued_at",
];

impl LinkClaims {
    /// Reads claims from JSON with the rules of a submission's context:
    /// slugs for survey, touchpoint and role; length limits on references;
    /// surrounding whitespace trimmed and empty text taken as absent.
    fn read(object: &Map<String, Value>) -> Result<LinkClaims, InvalidClaims> {
        let mut errors = Vec::new();
        let mut reader = FieldReader::new(object, "", &mut errors);
        reader.reject_unknown(&FIELDS);
        let survey_id = reader.required_str("survey_id", MAX_SLUG_CHARS, slug);
        let customer_ref = reader.optional_str("customer_ref", MAX_REF_CHARS, any_text);
        let transaction_ref = reader.optional_str("transaction_ref", MAX_REF_CHARS, any_text);
        let touchpoint = reader.optional_str("touchpoint", MAX_SLUG_CHARS, slug);
        let role = reader.optional_str("role", MAX_SLUG_CHARS, slug);
        let locale = reader.required_str("locale", MAX_SLUG_CHARS, Locale::check_tag);
        let expires_at = reader.required_int("expires_at", 0..=i64::MAX);
        let issued_at = reader.optional_int("issued_at", 0..=i64::MAX);
        let locale = locale.and_then(|l| Locale::from_tag(&l));
        let expires_at = expires_at.and_then(|e| u64::try_from(e).ok());
        match (survey_id, locale, expires_at) {
            (Some(survey_id), Some(locale), Some(expires_at)) if errors.is_empty() => {
                Ok(LinkClaims {
                    survey_id,
                    customer_ref,
                    transaction_ref,
                    touchpoint,
                    role,
                    locale,
                    expires_at,
                    issued_at: issued_at.and_then(|i| u64::try_from(i).ok()),
                })
            }
            _ => Err(InvalidClaims(errors)),
        }
    }

    /// The same claims as the token carries them: checked and trimmed.
    fn normalized(&self) -> Result<LinkClaims, InvalidClaims> {
        match serde_json::to_value(self) {
            Ok(Value::Object(object)) => LinkClaims::read(&object),
            _ => Err(InvalidClaims(Vec::new())),
        }
    }

    /// The answer's context as a widget would send it: the link knows no page.
    pub fn context(&self) -> Context {
        Context {
            touchpoint: self.touchpoint.clone(),
            role: self.role.clone(),
            customer_ref: self.customer_ref.clone(),
            transaction_ref: self.transaction_ref.clone(),
            page_url: None,
        }
    }

    /// The id of the response these claims record, as a lowercase UUID.
    ///
    /// Re-clicking another score in the same email must update one answer, not
    /// add a second, and so must a reminder email, which carries a new expiry
    /// and perhaps another language. So the id is a function of who answers
    /// about what (survey, customer, transaction, touchpoint, role) and of
    /// nothing else: the buyer's and the seller's links give different ids. It
    /// is keyed by the secret so nobody holding a link can predict or collide
    /// with another's id. Call it on claims returned by [`verify`].
    pub fn response_id(&self, secret: &LinkSecret) -> String {
        let identity = (
            &self.survey_id,
            &self.customer_ref,
            &self.transaction_ref,
            &self.touchpoint,
            &self.role,
        );
        // A JSON array keeps the parts apart: ("a", "b c") never meets ("a b", "c").
        let identity = serde_json::to_vec(&identity).unwrap_or_default();
        let mut mac = secret.mac();
        // Never equal to a signed payload: base64url has no ':'.
        mac.update(b"response-id:");
        mac.update(&identity);
        let digest = mac.finalize().into_bytes();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        uuid_v4(bytes)
    }
}

/// The MAC of one kind of token: score links sign the payload alone
/// (`domain` empty), every other kind prefixes its own domain, so a token
/// of one kind never verifies as another; other keyed digests under the
/// same key (`intake::erasure`) take a domain of their own too.
pub(crate) fn mac_in(domain: &[u8], payload: &str, secret: &LinkSecret) -> Hmac<Sha256> {
    let mut mac = secret.mac();
    mac.update(domain);
    mac.update(payload.as_bytes());
    mac
}

/// `payload`, a `.`, and its signature in `domain` (see [`mac_in`]): a
/// signed, readable token. Links are no longer made so (their claims say
/// who the customer is, [`opaque`]); a wallboard's token is, since its
/// payload is a random id that says nothing.
pub(crate) fn seal(domain: &[u8], payload: &str, secret: &LinkSecret) -> String {
    let signature = URL_SAFE_NO_PAD.encode(mac_in(domain, payload, secret).finalize().into_bytes());
    format!("{payload}.{signature}")
}

/// The claims object of a token sealed in `domain`, read only once its
/// signature holds (checked in constant time over the raw text), so nothing
/// an attacker sends reaches the JSON parser unless we signed it.
///
/// A token cut anywhere (a mail client wrapping a long line) is still told
/// from a forged one without parsing what nobody signed: a cut token has no
/// `.`, or a signature that is not exactly one HMAC-SHA256, and is
/// malformed (400); a whole token whose MAC does not match is forged (403),
/// whatever its claims decode to. Only claims we signed that are not a JSON
/// object (a bug of ours, never a customer's doing) are malformed after the
/// check.
pub(crate) fn open(
    domain: &[u8],
    token: &str,
    secret: &LinkSecret,
) -> Result<Map<String, Value>, LinkError> {
    decode_object(unseal(domain, token, secret)?).map_err(LinkError::Malformed)
}

/// The payload of a token sealed in `domain`, as signed text, once its
/// signature holds (constant time); nothing of it is read before. For
/// tokens whose payload is not claims (a wallboard's id) and for [`open`].
pub(crate) fn unseal<'a>(
    domain: &[u8],
    token: &'a str,
    secret: &LinkSecret,
) -> Result<&'a str, LinkError> {
    let malformed = LinkError::Malformed;
    let (payload, signature) = token
        .split_once('.')
        .ok_or(malformed(Malformed::NoSeparator))?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .ok()
        .filter(|s| s.len() == SIGNATURE_BYTES)
        .ok_or(malformed(Malformed::Signature))?;
    mac_in(domain, payload, secret)
        .verify_slice(&signature)
        .map_err(|_| LinkError::BadSignature)?;
    Ok(payload)
}

/// Score links' opaque tokens: their claims, in [`FIELDS`]' order.
const SCORE: opaque::Kind = opaque::Kind {
    name: "score",
    fields: &FIELDS,
};

/// Encrypts `claims` into a token for a link (see [`opaque`]), after
/// checking and trimming them with the rules [`verify`] applies, so every
/// token minted also verifies.
pub fn sign(claims: &LinkClaims, secret: &LinkSecret) -> Result<String, InvalidClaims> {
    let claims = claims.normalized()?;
    let Ok(Value::Object(object)) = serde_json::to_value(&claims) else {
        return Err(InvalidClaims(Vec::new()));
    };
    Ok(opaque::close(&SCORE, claims.locale, &object, secret))
}

/// Checks a token's shape and authenticity (see [`opaque::open`], or
/// [`open`] for a signed token of before), then its claims and its expiry
/// at `now_unix` (seconds).
pub fn verify(token: &str, secret: &LinkSecret, now_unix: u64) -> Result<LinkClaims, LinkError> {
    let claims = authentic(token, secret)?;
    if now_unix >= claims.expires_at {
        return Err(LinkError::Expired {
            expired_at: claims.expires_at,
        });
    }
    Ok(claims)
}

/// The claims of a genuine token, expired or not.
fn authentic(token: &str, secret: &LinkSecret) -> Result<LinkClaims, LinkError> {
    let object = if opaque::is_opaque(token) {
        opaque::open(&SCORE, token, secret)?
    } else {
        open(b"", token, secret)?
    };
    LinkClaims::read(&object).map_err(|e| LinkError::Malformed(Malformed::Claims(e)))
}

/// The language a token names, read *without* checking it: only for
/// choosing the language of an error page about that very link (expired,
/// altered, ...). An opaque token carries it in clear for that; a signed
/// one in its readable claims. Never use anything else from an unchecked
/// token.
pub fn peek_locale(token: &str) -> Option<Locale> {
    if opaque::is_opaque(token) {
        return opaque::peek_locale(token);
    }
    let payload = token.split_once('.')?.0;
    let json = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let value: Value = serde_json::from_slice(&json).ok()?;
    Locale::from_tag(value.get("locale")?.as_str()?)
}

/// The survey of a genuine token, expired or not: for dressing the page
/// that refuses an expired link in the survey's brand. An altered or
/// forged token names no survey.
pub fn survey_of(token: &str, secret: &LinkSecret) -> Option<String> {
    authentic(token, secret).ok().map(|claims| claims.survey_id)
}

/// The length of an HMAC-SHA256 signature.
const SIGNATURE_BYTES: usize = 32;

fn decode_object(payload: &str) -> Result<Map<String, Value>, Malformed> {
    let json = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| Malformed::PayloadNotBase64)?;
    let value: Value =
        serde_json::from_slice(&json).map_err(|e| Malformed::PayloadNotJson(e.to_string()))?;
    match value {
        Value::Object(object) => Ok(object),
        _ => Err(Malformed::PayloadNotJson("it is not an object".to_owned())),
    }
}

/// The link for one score button: `{base_url}/v1/l/{token}?score={score}`.
/// A trailing `/` on `base_url` is ignored. The token is base64url and `.`,
/// all safe in a URL path, so nothing needs escaping.
pub fn score_url(base_url: &str, token: &str, score: Score) -> String {
    let base = base_url.trim_end_matches('/');
    format!("{base}/v1/l/{token}?score={score}")
}

/// The query parameter of the email's hidden link (see [`honeypot_url`]).
pub const HONEYPOT_PARAM: &str = "honeypot";

/// The email's hidden link: `{base_url}/v1/l/{token}?honeypot=1`. No person
/// sees or reaches it (see [`email::render`]), so a visit is a scanner's, and
/// marks every click on the same token's links as suspect ([`scanner`]).
pub fn honeypot_url(base_url: &str, token: &str) -> String {
    let base = base_url.trim_end_matches('/');
    format!("{base}/v1/l/{token}?{HONEYPOT_PARAM}=1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldErrorCode;
    use proptest::prelude::*;

    const NOW: u64 = 1_767_225_600;

    fn secret() -> LinkSecret {
        LinkSecret::new(b"0123456789abcdef0123456789abcdef").expect("32 bytes")
    }

    fn claims(role: &str, customer: &str) -> LinkClaims {
        LinkClaims {
            survey_id: "pickup".to_owned(),
            customer_ref: Some(customer.to_owned()),
            transaction_ref: Some("LOT-2026-0042".to_owned()),
            touchpoint: Some("pickup".to_owned()),
            role: Some(role.to_owned()),
            locale: Locale::Sv,
            expires_at: NOW + 3600,
            issued_at: Some(NOW - 60),
        }
    }

    fn buyer() -> LinkClaims {
        claims("buyer", "C-1001")
    }

    fn token() -> String {
        sign(&buyer(), &secret()).expect("valid claims")
    }

    /// `claims` as base64url JSON, as the signed tokens of before carried them.
    fn encode_payload(claims: &LinkClaims) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialize"))
    }

    /// The buyer's token as minted before tokens were opaque: signed claims.
    fn signed_token() -> String {
        seal(b"", &encode_payload(&buyer()), &secret())
    }

    /// A token whose signature is right but whose claims are `json`.
    fn token_for_json(json: &str) -> String {
        seal(b"", &URL_SAFE_NO_PAD.encode(json), &secret())
    }

    fn malformed(token: &str) -> Malformed {
        match verify(token, &secret(), NOW) {
            Err(LinkError::Malformed(what)) => what,
            other => panic!("expected malformed, got {other:?}"),
        }
    }

    #[test]
    fn minted_claims_verify_back() {
        assert_eq!(verify(&token(), &secret(), NOW), Ok(buyer()));
    }

    /// Links mailed before tokens were opaque keep working until they expire.
    #[test]
    fn a_signed_token_of_before_verifies_until_it_expires() {
        assert_eq!(verify(&signed_token(), &secret(), NOW), Ok(buyer()));
        assert_eq!(
            verify(&signed_token(), &secret(), buyer().expires_at),
            Err(LinkError::Expired {
                expired_at: buyer().expires_at
            })
        );
    }

    /// Whoever sees the URL learns nothing of the customer: not in the
    /// text, not in its decoded bytes. Only the language is in clear.
    #[test]
    fn an_opaque_token_reveals_no_claim() {
        let token = token();
        let bytes = URL_SAFE_NO_PAD.decode(&token).expect("base64url");
        for claim in ["C-1001", "LOT-2026-0042", "pickup", "buyer", "survey_id"] {
            assert!(!token.contains(claim), "{claim} in {token}");
            let found = bytes.windows(claim.len()).any(|w| w == claim.as_bytes());
            assert!(!found, "{claim} in the decoded token");
        }
        let seller = sign(&claims("seller", "C-1001"), &secret()).expect("valid");
        assert_ne!(token, seller);
        assert_eq!(token, sign(&buyer(), &secret()).expect("valid"), "pure");
    }

    /// The same claims in a third fewer characters.
    #[test]
    fn opaque_tokens_are_shorter_than_signed_ones() {
        let (opaque, signed) = (token().len(), signed_token().len());
        assert!(opaque * 3 <= signed * 2, "{opaque} against {signed}");
    }

    /// A mail client that wraps a long line cuts the link somewhere: every
    /// cut is malformed (400), never "forged" (403), opaque or signed.
    #[test]
    fn a_token_cut_anywhere_is_malformed_not_forged() {
        for token in [token(), signed_token()] {
            for end in 0..token.len() {
                let cut = &token[..end];
                assert!(
                    matches!(verify(cut, &secret(), NOW), Err(LinkError::Malformed(_))),
                    "cut after {end} characters: {:?}",
                    verify(cut, &secret(), NOW)
                );
            }
        }
    }

    /// Any character after the clear bytes (the first six characters hold
    /// their 32 bits) changed to any other: the token does not
    /// authenticate, whatever it would decrypt to. (The last
    /// character also holds padding bits; a change there that leaves them
    /// set is not base64url at all.)
    #[test]
    fn an_opaque_token_altered_anywhere_is_forged() {
        let token = token();
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for at in 6..token.len() {
            for c in alphabet.chars() {
                let mut altered = token.clone();
                altered.replace_range(at..at + 1, &c.to_string());
                match verify(&altered, &secret(), NOW) {
                    _ if altered == token => {}
                    Err(LinkError::BadSignature) => {}
                    Err(LinkError::Malformed(Malformed::NotBase64)) if at == token.len() - 1 => {}
                    other => panic!("altered at {at} to {c:?}: {other:?}"),
                }
            }
        }
    }

    /// The clear bytes are authenticated too: another language is forged.
    #[test]
    fn an_opaque_tokens_language_cannot_be_changed() {
        let mut bytes = URL_SAFE_NO_PAD.decode(token()).expect("base64url");
        bytes[1] = 0;
        let altered = URL_SAFE_NO_PAD.encode(&bytes);
        assert_eq!(peek_locale(&altered), Some(Locale::ALL[0]));
        assert_eq!(
            verify(&altered, &secret(), NOW),
            Err(LinkError::BadSignature)
        );
        bytes[0] = 3;
        assert_eq!(
            malformed(&URL_SAFE_NO_PAD.encode(&bytes)),
            Malformed::Version(3)
        );
    }

    #[test]
    fn only_a_whole_token_with_another_signature_is_forged() {
        let other = seal(b"", &encode_payload(&claims("seller", "C-1001")), &secret());
        let (payload, _) = signed_token()
            .split_once('.')
            .map(|(p, s)| (p.to_owned(), s.to_owned()))
            .expect("a dot");
        let (_, signature) = other.split_once('.').expect("a dot");
        let swapped = format!("{payload}.{signature}");
        assert_eq!(
            verify(&swapped, &secret(), NOW),
            Err(LinkError::BadSignature)
        );
    }

    #[test]
    fn signing_trims_and_drops_empty_text() {
        let mut padded = buyer();
        padded.customer_ref = Some("  C-1001 ".to_owned());
        padded.touchpoint = Some(String::new());
        let verified = verify(&sign(&padded, &secret()).expect("valid"), &secret(), NOW);
        let expected = LinkClaims {
            touchpoint: None,
            ..buyer()
        };
        assert_eq!(verified, Ok(expected));
    }

    #[test]
    fn signing_refuses_claims_that_would_not_verify() {
        let mut bad = buyer();
        bad.role = Some("Buyer".to_owned());
        bad.transaction_ref = Some("x".repeat(MAX_REF_CHARS + 1));
        let InvalidClaims(errors) = sign(&bad, &secret()).expect_err("invalid");
        let codes: Vec<(&str, FieldErrorCode)> =
            errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            [
                ("transaction_ref", FieldErrorCode::TooLong),
                ("role", FieldErrorCode::InvalidFormat)
            ]
        );
    }

    #[test]
    fn tampered_payload_is_a_bad_signature() {
        let token = signed_token();
        let (_, signature) = token.split_once('.').expect("dot");
        let mut other = buyer();
        other.customer_ref = Some("C-9999".to_owned());
        let forged = format!("{}.{signature}", encode_payload(&other));
        assert_eq!(
            verify(&forged, &secret(), NOW),
            Err(LinkError::BadSignature)
        );
    }

    /// One character of the claims changed, to every character a URL may
    /// carry: whatever the claims now decode to (other JSON, broken JSON, no
    /// base64 at all), the whole token is forged, never malformed, because
    /// the signature is checked before anything is parsed.
    #[test]
    fn a_token_altered_anywhere_in_its_claims_is_forged() {
        let token = signed_token();
        let (payload, signature) = token.split_once('.').expect("a dot");
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~!*'()";
        for at in 0..payload.len() {
            for c in alphabet.chars() {
                let mut altered = payload.to_owned();
                altered.replace_range(at..at + 1, &c.to_string());
                if altered == payload {
                    continue;
                }
                assert_eq!(
                    verify(&format!("{altered}.{signature}"), &secret(), NOW),
                    Err(LinkError::BadSignature),
                    "claims altered at {at} to {c:?}"
                );
            }
        }
    }

    #[test]
    fn tampered_signature_is_a_bad_signature() {
        let mut token = signed_token();
        let last = token.pop().expect("non-empty");
        token.push(if last == 'A' { 'Q' } else { 'A' });
        assert_eq!(verify(&token, &secret(), NOW), Err(LinkError::BadSignature));
    }

    #[test]
    fn another_secret_is_a_bad_signature() {
        let other = LinkSecret::new(&[7u8; 32]).expect("32 bytes");
        assert_eq!(verify(&token(), &other, NOW), Err(LinkError::BadSignature));
        assert_eq!(
            verify(&signed_token(), &other, NOW),
            Err(LinkError::BadSignature)
        );
    }

    #[test]
    fn expired_links_say_when() {
        let expires_at = buyer().expires_at;
        assert!(verify(&token(), &secret(), expires_at - 1).is_ok());
        assert_eq!(
            verify(&token(), &secret(), expires_at),
            Err(LinkError::Expired {
                expired_at: expires_at
            })
        );
    }

    #[test]
    fn malformed_tokens_say_which_part() {
        assert_eq!(malformed("not*base64"), Malformed::NotBase64);
        assert_eq!(malformed("AgA"), Malformed::Truncated);
        assert_eq!(malformed("abc.not*base64"), Malformed::Signature);
        assert_eq!(
            malformed(&seal(b"", "!!!", &secret())),
            Malformed::PayloadNotBase64
        );
        assert!(matches!(
            malformed(&token_for_json("{")),
            Malformed::PayloadNotJson(_)
        ));
        assert!(matches!(
            malformed(&token_for_json("[1]")),
            Malformed::PayloadNotJson(_)
        ));
    }

    #[test]
    fn signed_but_invalid_claims_are_malformed() {
        let json = r#"{"survey_id":"Pick Up","locale":"sv","expires_at":1,"colour":"red"}"#;
        let Malformed::Claims(InvalidClaims(errors)) = malformed(&token_for_json(json)) else {
            panic!("expected invalid claims");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["colour", "survey_id"]);
    }

    #[test]
    fn error_pages_can_speak_the_links_language() {
        let expired = sign(
            &LinkClaims {
                expires_at: 1,
                ..buyer()
            },
            &secret(),
        )
        .expect("valid");
        assert_eq!(peek_locale(&expired), Some(Locale::Sv));
        assert_eq!(peek_locale(&signed_token()), Some(Locale::Sv));
        assert_eq!(survey_of(&expired, &secret()).as_deref(), Some("pickup"));
        assert_eq!(
            survey_of(&signed_token(), &secret()).as_deref(),
            Some("pickup")
        );
        let other = LinkSecret::new(&[7u8; 32]).expect("32 bytes");
        assert_eq!(survey_of(&expired, &other), None, "a forged link's brand");
        assert_eq!(survey_of("garbage", &secret()), None);
        assert_eq!(peek_locale("garbage"), None);
        assert_eq!(peek_locale(&token_for_json("[1]")), None);
    }

    #[test]
    fn short_secrets_are_refused() {
        assert_eq!(
            LinkSecret::new(&[1u8; 31]).map(|_| ()),
            Err(WeakSecret { len: 31 })
        );
        assert!(!format!("{:?}", secret()).contains("0123"));
    }

    #[test]
    fn response_id_is_stable_per_link_and_differs_by_party() {
        let verified = verify(&token(), &secret(), NOW).expect("valid");
        let id = verified.response_id(&secret());
        assert_eq!(id, buyer().response_id(&secret()));
        assert_eq!(id.len(), 36);
        assert_ne!(id, claims("seller", "C-2002").response_id(&secret()));
        assert_ne!(id, claims("seller", "C-1001").response_id(&secret()));
        let other = LinkSecret::new(&[7u8; 32]).expect("32 bytes");
        assert_ne!(id, buyer().response_id(&other));
    }

    #[test]
    fn reminder_with_new_expiry_and_language_updates_the_same_answer() {
        let reminder = LinkClaims {
            expires_at: NOW + 7 * 86_400,
            locale: Locale::En,
            ..buyer()
        };
        assert_eq!(
            reminder.response_id(&secret()),
            buyer().response_id(&secret())
        );
        let other_order = LinkClaims {
            transaction_ref: Some("LOT-2026-0043".to_owned()),
            ..buyer()
        };
        assert_ne!(
            other_order.response_id(&secret()),
            buyer().response_id(&secret())
        );
    }

    #[test]
    fn claims_accept_locale_tags_and_name_bad_ones() {
        let json = r#"{"survey_id":"pickup","locale":"sv-SE","expires_at":99999999999}"#;
        let claims = verify(&token_for_json(json), &secret(), NOW).expect("valid");
        assert_eq!(claims.locale, Locale::Sv);
        let json = r#"{"survey_id":"pickup","locale":"es","expires_at":99999999999}"#;
        let Malformed::Claims(InvalidClaims(errors)) = malformed(&token_for_json(json)) else {
            panic!("expected invalid claims");
        };
        assert_eq!(errors[0].field, "locale");
    }

    #[test]
    fn tokens_without_issued_at_stay_valid() {
        let json = r#"{"survey_id":"pickup","locale":"sv","expires_at":99999999999}"#;
        let claims = verify(&token_for_json(json), &secret(), NOW).expect("valid");
        assert_eq!(claims.issued_at, None);
        let json =
            r#"{"survey_id":"pickup","locale":"sv","expires_at":99999999999,"issued_at":-1}"#;
        let Malformed::Claims(InvalidClaims(errors)) = malformed(&token_for_json(json)) else {
            panic!("expected invalid claims");
        };
        assert_eq!(errors[0].field, "issued_at");
    }

    #[test]
    fn the_honeypot_is_the_same_token_with_its_own_parameter() {
        assert_eq!(
            honeypot_url("https://nps.example.com/", "abc.def"),
            "https://nps.example.com/v1/l/abc.def?honeypot=1"
        );
    }

    #[test]
    fn score_urls_point_at_the_click_route() {
        let score = Score::new(9).expect("score");
        assert_eq!(
            score_url("https://nps.example.com/", "abc.def", score),
            "https://nps.example.com/v1/l/abc.def?score=9"
        );
    }

    fn any_claims() -> impl Strategy<Value = LinkClaims> {
        let slug = "[a-z0-9_-]{1,64}";
        let reference = "[A-Za-z0-9æøå/-][A-Za-z0-9æøå /-]{0,126}[A-Za-z0-9æøå/-]";
        (
            slug,
            proptest::option::of(reference),
            proptest::option::of(reference),
            proptest::option::of(slug),
            proptest::option::of(slug),
            proptest::sample::select(Locale::ALL.to_vec()),
            1u64..=i64::MAX as u64,
            proptest::option::of(0u64..=i64::MAX as u64),
        )
            .prop_map(
                |(
                    survey_id,
                    customer_ref,
                    transaction_ref,
                    touchpoint,
                    role,
                    locale,
                    expires_at,
                    issued_at,
                )| {
                    LinkClaims {
                        survey_id,
                        customer_ref,
                        transaction_ref,
                        touchpoint,
                        role,
                        locale,
                        expires_at,
                        issued_at,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn any_valid_claims_round_trip(claims in any_claims()) {
            let token = sign(&claims, &secret()).expect("valid");
            prop_assert_eq!(verify(&token, &secret(), 0), Ok(claims));
        }

        #[test]
        fn arbitrary_tokens_never_panic(token in "[A-Za-z0-9_.*-]{0,200}") {
            let _ = verify(&token, &secret(), NOW);
            let _ = peek_locale(&token);
        }
    }
}
