//! Invitations: the survey emails a company sends after a trade, one per
//! recipient, each with its own signed links.
//!
//! A batch names up to [`MAX_INVITATIONS`] recipients (both parties of a
//! trade may be in one call). Each is read with the rules of a link's
//! claims, every problem named by its index (`invitations[17].role`), so a
//! bad batch is refused whole and nothing is stored. [`mint`] turns a
//! recipient into what a mailer needs: the eleven score links, the rendered
//! email, the unsubscribe link and its headers (RFC 8058 one-click).
//!
//! An invitation is who answers about what: survey, customer, transaction,
//! touchpoint and role, the identity [`LinkClaims::response_id`] is derived
//! from. Its id is derived from that response id, so inviting the same
//! person about the same trade again is the same invitation, with fresh
//! links, and an answer joins its invitation by the response id.

pub mod email;
pub mod reminder;
pub mod sent;

use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::answer::submission::uuid_v4;
use crate::input::json_fields::{any_text, read_object, slug, BodyError, FieldReader};
use crate::input::limits::{MAX_REF_CHARS, MAX_SLUG_CHARS};
use crate::link::unsubscribe::{self, UnsubscribeClaims, LIST_UNSUBSCRIBE_POST};
use crate::link::{self, score_url, InvalidClaims, LinkClaims, LinkSecret};
use crate::survey::SurveyDefinition;
use crate::{FieldErrorCode, Locale, Score};
use email::{InvitationEmail, Occasion};

/// Most recipients in one request: 500 rendered emails are a few MB of
/// JSON, and a mailer's batch is rarely larger.
pub const MAX_INVITATIONS: usize = 500;
/// Days the score links work unless the request says otherwise.
pub const DEFAULT_EXPIRES_IN_DAYS: i64 = 30;
/// Longest a score link may work: a survey a year after the trade tells
/// nothing about the trade.
pub const MAX_EXPIRES_IN_DAYS: i64 = 365;

/// One person to invite. The customer is required: an email goes to
/// someone, and their opt-out is recorded by this reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    /// The company's id for the customer.
    pub customer_ref: String,
    /// The company's id for the order, trade or case.
    pub transaction_ref: Option<String>,
    /// Where the experience happened, e.g. `pickup`.
    pub touchpoint: Option<String>,
    /// The customer's part in it, e.g. `buyer`, `seller`.
    pub role: Option<String>,
    /// The email's language.
    pub locale: Locale,
}

/// A checked batch: its recipients in order, and how long their links work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationBatch {
    /// Recipients, in the request's order.
    pub recipients: Vec<Recipient>,
    /// Days until the score links expire.
    pub expires_in_days: i64,
}

const FIELDS: [&str; 2] = ["invitations", "expires_in_days"];
const RECIPIENT_FIELDS: [&str; 5] = [
    "customer_ref",
    "transaction_ref",
    "touchpoint",
    "role",
    "locale",
];

impl InvitationBatch {
    /// Reads `{"invitations": [...], "expires_in_days": N}`, naming every
    /// bad field of every recipient; a recipient listed twice is refused at
    /// its second index, since both would be one invitation.
    pub fn from_json(body: &[u8]) -> Result<InvitationBatch, BodyError> {
        let object = read_object(body)?;
        let mut errors = Vec::new();
        let items = match object.get("invitations") {
            Some(Value::Array(items)) => items.as_slice(),
            _ => &[],
        };
        let expires_in_days = Self::read_top(&object, items.len(), &mut errors);
        let mut recipients = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let path = format!("invitations[{index}]");
            let Some(object) = item.as_object() else {
                let message = "must be an object with customer_ref and locale".to_owned();
                errors.push(crate::FieldError::new(
                    &path,
                    FieldErrorCode::WrongType,
                    message,
                ));
                continue;
            };
            let recipient = Recipient::read(object, &path, &mut errors);
            if let Some(recipient) = recipient {
                if let Some(first) = recipients
                    .iter()
                    .position(|r| same_invitation(r, &recipient))
                {
                    let message = format!(
                        "names the same customer, transaction, touchpoint and role as \
                         invitations[{first}]; each invitation once per request"
                    );
                    errors.push(crate::FieldError::new(
                        &path,
                        FieldErrorCode::Duplicate,
                        message,
                    ));
                }
                recipients.push(recipient);
            }
        }
        match expires_in_days {
            Some(expires_in_days) if errors.is_empty() => Ok(InvitationBatch {
                recipients,
                expires_in_days,
            }),
            _ => Err(BodyError::Invalid(errors)),
        }
    }
}

impl InvitationBatch {
    /// Checks the batch's own fields; `items` recipients were sent.
    fn read_top(
        object: &Map<String, Value>,
        items: usize,
        errors: &mut Vec<crate::FieldError>,
    ) -> Option<i64> {
        let mut reader = FieldReader::new(object, "", errors);
        reader.reject_unknown(&FIELDS);
        let expires_in_days = match reader.value("expires_in_days") {
            None => Some(DEFAULT_EXPIRES_IN_DAYS),
            Some(_) => reader.required_int("expires_in_days", 1..=MAX_EXPIRES_IN_DAYS),
        };
        let (code, message) = match reader.value("invitations") {
            None => (
                FieldErrorCode::Missing,
                format!("required: an array of 1 to {MAX_INVITATIONS} recipients"),
            ),
            Some(Value::Array(_)) if items > MAX_INVITATIONS => (
                FieldErrorCode::TooLong,
                format!("{items} recipients; send at most {MAX_INVITATIONS} per request"),
            ),
            Some(Value::Array(_)) if items == 0 => (
                FieldErrorCode::Missing,
                "is empty; name at least one recipient".to_owned(),
            ),
            Some(Value::Array(_)) => return expires_in_days,
            Some(_) => (
                FieldErrorCode::WrongType,
                "must be an array of recipients".to_owned(),
            ),
        };
        reader.fail("invitations", code, message);
        expires_in_days
    }
}

fn same_invitation(a: &Recipient, b: &Recipient) -> bool {
    (&a.customer_ref, &a.transaction_ref, &a.touchpoint, &a.role)
        == (&b.customer_ref, &b.transaction_ref, &b.touchpoint, &b.role)
}

impl Recipient {
    fn read(
        object: &Map<String, Value>,
        path: &str,
        errors: &mut Vec<crate::FieldError>,
    ) -> Option<Recipient> {
        let before = errors.len();
        let mut reader = FieldReader::new(object, &format!("{path}."), errors);
        reader.reject_unknown(&RECIPIENT_FIELDS);
        let customer_ref = reader.required_str("customer_ref", MAX_REF_CHARS, any_text);
        let transaction_ref = reader.optional_str("transaction_ref", MAX_REF_CHARS, any_text);
        let touchpoint = reader.optional_str("touchpoint", MAX_SLUG_CHARS, slug);
        let role = reader.optional_str("role", MAX_SLUG_CHARS, slug);
        let locale = reader.required_str("locale", MAX_SLUG_CHARS, Locale::check_tag);
        let locale = locale.and_then(|l| Locale::from_tag(&l));
        if errors.len() > before {
            return None;
        }
        Some(Recipient {
            customer_ref: customer_ref?,
            transaction_ref,
            touchpoint,
            role,
            locale: locale?,
        })
    }

    /// The claims of this recipient's score links for `survey_id`, minted at
    /// `issued_at` (a click within seconds of it is a mail scanner's, see
    /// [`crate::link::scanner`]) and valid until `expires_at`, unix seconds.
    pub fn claims(&self, survey_id: &str, issued_at: u64, expires_at: u64) -> LinkClaims {
        LinkClaims {
            survey_id: survey_id.to_owned(),
            customer_ref: Some(self.customer_ref.clone()),
            transaction_ref: self.transaction_ref.clone(),
            touchpoint: self.touchpoint.clone(),
            role: self.role.clone(),
            locale: self.locale,
            expires_at,
            issued_at: Some(issued_at),
        }
    }
}

/// The id of the invitation whose answer has `response_id`: a hash of it,
/// so it is as stable and as unguessable as the response id, and one never
/// passes for the other.
pub fn invitation_id(response_id: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"invitation:")
        .chain_update(response_id.as_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid_v4(bytes)
}

/// The headers a mailer puts on the email so a mailbox provider can offer
/// its own unsubscribe button (RFC 2369, RFC 8058 one-click).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailHeaders {
    /// `<{unsubscribe_url}>`.
    #[serde(rename = "List-Unsubscribe")]
    pub list_unsubscribe: String,
    /// `List-Unsubscribe=One-Click`.
    #[serde(rename = "List-Unsubscribe-Post")]
    pub list_unsubscribe_post: &'static str,
}

/// One recipient's invitation, minted: everything a mailer needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Minted {
    /// The invitation's id.
    pub invitation_id: String,
    /// The id the recipient's answer will have.
    pub response_id: String,
    /// The signed token of the score links.
    pub token: String,
    /// When the score links stop working, unix seconds.
    pub expires_at: u64,
    /// The eleven score links, 0 first.
    pub links: Vec<String>,
    /// The signed unsubscribe link (GET shows a page, POST opts out).
    pub unsubscribe_url: String,
    /// Header values for the mailer.
    pub headers: MailHeaders,
    /// The email, rendered.
    pub email: InvitationEmail,
}

/// Mints `recipient`'s links for `survey` at `issued_at`, valid until
/// `expires_at` (unix seconds), under `base_url` (where the Worker
/// answers), and renders their email.
pub fn mint(
    survey: &SurveyDefinition,
    recipient: &Recipient,
    secret: &LinkSecret,
    base_url: &str,
    issued_at: u64,
    expires_at: u64,
    occasion: Occasion,
) -> Result<Minted, InvalidClaims> {
    let claims = recipient.claims(&survey.id, issued_at, expires_at);
    let token = link::sign(&claims, secret)?;
    let response_id = claims.response_id(secret);
    let unsubscribe_token = UnsubscribeClaims {
        survey_id: survey.id.clone(),
        customer_ref: recipient.customer_ref.clone(),
        locale: recipient.locale,
    }
    .sign(secret)?;
    let unsubscribe_url = unsubscribe::url(base_url, &unsubscribe_token);
    let email = email::render(
        survey,
        recipient.locale,
        base_url,
        &token,
        &unsubscribe_url,
        occasion,
    );
    Ok(Minted {
        invitation_id: invitation_id(&response_id),
        response_id,
        links: Score::all()
            .map(|score| score_url(base_url, &token, score))
            .collect(),
        token,
        expires_at,
        headers: MailHeaders {
            list_unsubscribe: unsubscribe::list_unsubscribe(&unsubscribe_url),
            list_unsubscribe_post: LIST_UNSUBSCRIBE_POST,
        },
        unsubscribe_url,
        email,
    })
}

#[cfg(test)]
mod tests;
