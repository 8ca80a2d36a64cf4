//! When the mailer sent the invitations: `POST
//! /v1/surveys/{id}/invitations/sent` with `{"sent": [{"invitation_id",
//! "sent_at"}, ...]}`.
//!
//! A mail scanner opens a message's links as it is delivered, so a click
//! within seconds of the sending is a scanner's ([`crate::link::scanner`]).
//! The links only know when they were minted, and a mailer that sends hours
//! after asking for them defeats that sign for every scanner; a mailer that
//! reports its sendings makes "too soon" count from the sending.

use serde_json::Value;

use super::MAX_INVITATIONS;
use crate::input::json_fields::{any_text, read_object, BodyError, FieldReader};
use crate::{FieldError, FieldErrorCode};

/// How far ahead of the Worker's clock a reported sending may be: the
/// mailer's clock may run a little fast, never minutes.
pub const MAX_CLOCK_SKEW_MS: u64 = 120_000;

/// The longest invitation id taken (ours are UUIDs, 36 characters).
const MAX_ID_CHARS: usize = 64;

/// One invitation's email, sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The invitation, as `POST .../invitations` returned it.
    pub invitation_id: String,
    /// When the mailer handed the email over, unix milliseconds.
    pub sent_at: u64,
}

/// Reads the report at `now_ms`, naming every bad field of every item:
/// 1 to 500 items, each with an invitation id and a time in milliseconds
/// from 2020 on, and not after now (give or take [`MAX_CLOCK_SKEW_MS`]).
pub fn from_json(body: &[u8], now_ms: u64) -> Result<Vec<Sent>, BodyError> {
    let object = read_object(body)?;
    let mut errors: Vec<FieldError> = Vec::new();
    let items = match object.get("sent") {
        Some(Value::Array(items)) if !items.is_empty() && items.len() <= MAX_INVITATIONS => {
            items.as_slice()
        }
        _ => &[],
    };
    {
        let mut reader = FieldReader::new(&object, "", &mut errors);
        reader.reject_unknown(&["sent"]);
        let problem = match reader.value("sent") {
            Some(Value::Array(all)) if items.is_empty() => Some((
                FieldErrorCode::TooLong,
                format!(
                    "{} items; report 1 to {MAX_INVITATIONS} sendings per request",
                    all.len()
                ),
            )),
            Some(Value::Array(_)) => None,
            Some(_) => Some((
                FieldErrorCode::WrongType,
                "must be an array of {invitation_id, sent_at}".to_owned(),
            )),
            None => Some((
                FieldErrorCode::Missing,
                "required: an array of {invitation_id, sent_at}".to_owned(),
            )),
        };
        if let Some((code, message)) = problem {
            reader.fail("sent", code, message);
        }
    }
    // 2020-01-01T00:00:00Z: a time before it is seconds, not milliseconds.
    let earliest = 1_577_836_800_000_i64;
    let latest = i64::try_from(now_ms.saturating_add(MAX_CLOCK_SKEW_MS)).unwrap_or(i64::MAX);
    let mut sent = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let path = format!("sent[{index}]");
        let Some(item) = item.as_object() else {
            let message = "must be an object with invitation_id and sent_at".to_owned();
            errors.push(FieldError::new(&path, FieldErrorCode::WrongType, message));
            continue;
        };
        let prefix = format!("{path}.");
        let mut reader = FieldReader::new(item, &prefix, &mut errors);
        reader.reject_unknown(&["invitation_id", "sent_at"]);
        let id = reader.required_str("invitation_id", MAX_ID_CHARS, any_text);
        let at = reader.required_int("sent_at", earliest..=latest);
        if let (Some(invitation_id), Some(at)) = (id, at) {
            sent.push(Sent {
                invitation_id,
                sent_at: at.unsigned_abs(),
            });
        }
    }
    if errors.is_empty() {
        Ok(sent)
    } else {
        Err(BodyError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: u64 = 1_796_000_000_000;

    fn fields(body: Value) -> Vec<(String, FieldErrorCode)> {
        match from_json(body.to_string().as_bytes(), NOW) {
            Err(error) => error
                .field_errors()
                .iter()
                .map(|e| (e.field.clone(), e.code))
                .collect(),
            Ok(sent) => panic!("refused: {sent:?}"),
        }
    }

    #[test]
    fn a_report_reads_back() {
        let body = json!({"sent": [{"invitation_id": "a", "sent_at": NOW - 60_000}]});
        let sent = from_json(body.to_string().as_bytes(), NOW).expect("valid");
        assert_eq!(
            sent,
            [Sent {
                invitation_id: "a".into(),
                sent_at: NOW - 60_000
            }]
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let body = json!({"sent": [
            {"invitation_id": "a", "sent_at": NOW / 1000},
            {"invitation_id": "", "sent_at": NOW + 600_000},
            {"sent_at": NOW, "colour": "red"},
            7,
        ], "extra": 1});
        let got = fields(body);
        let want = [
            ("extra", FieldErrorCode::Unknown),
            ("sent[0].sent_at", FieldErrorCode::OutOfRange),
            ("sent[1].invitation_id", FieldErrorCode::Missing),
            ("sent[1].sent_at", FieldErrorCode::OutOfRange),
            ("sent[2].colour", FieldErrorCode::Unknown),
            ("sent[2].invitation_id", FieldErrorCode::Missing),
            ("sent[3]", FieldErrorCode::WrongType),
        ];
        let want: Vec<(String, FieldErrorCode)> =
            want.iter().map(|(f, c)| ((*f).to_owned(), *c)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn an_empty_or_oversized_report_is_refused() {
        assert_eq!(
            fields(json!({"sent": []})),
            [("sent".to_owned(), FieldErrorCode::TooLong)]
        );
        let many: Vec<Value> = (0..=MAX_INVITATIONS)
            .map(|i| json!({"invitation_id": i.to_string(), "sent_at": NOW}))
            .collect();
        assert_eq!(
            fields(json!({ "sent": many })),
            [("sent".to_owned(), FieldErrorCode::TooLong)]
        );
        assert_eq!(
            fields(json!({})),
            [("sent".to_owned(), FieldErrorCode::Missing)]
        );
    }
}
