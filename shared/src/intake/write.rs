//! One write of an answer, as it travels on the intake queue.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

use super::precedence;
use crate::input::json_fields::BodyError;
use crate::Submission;

/// How the answer arrived, which decides how it merges with a stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteKind {
    /// Posted by the embedded widget: confirmed, and the first one stays.
    Widget,
    /// A score button clicked in an email: recorded, not yet confirmed.
    Click,
    /// Sent from the email's landing page: the customer's confirmed answer.
    Confirm,
}

/// One answer write: what the edge acknowledged, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeWrite {
    /// How it arrived.
    pub kind: WriteKind,
    /// When the edge acknowledged it, in unix milliseconds: the answer's time,
    /// and the order among writes of the same answer.
    pub at_ms: u64,
    /// Whether the answer, once confirmed, opens a case (the survey's
    /// `cases.categories` holds its category), decided at the edge with the
    /// survey definition that was live then.
    pub opens_case: bool,
    /// The answer; for email writes with the survey and context of the signed
    /// link, and never with the token itself.
    pub answer: Submission,
    /// For a click, the link's `issued_at` (unix seconds), which the
    /// scanner rule reads ([`crate::link::scanner`]).
    pub issued_at: Option<u64>,
    /// For a click from a mail filter's network, whose
    /// ([`crate::link::networks`]); the scanner rule holds it.
    pub scanner_network: Option<String>,
}

/// The longest `scanner_network` a message may carry: a provider's name, or
/// `bot: ` and a category the edge cut to 40 characters.
pub const MAX_NETWORK_CHARS: usize = 48;

/// The envelope on the queue; `answer` is the same JSON a client posts, so it
/// is read back through the same validation.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    kind: WriteKind,
    at_ms: u64,
    opens_case: bool,
    answer: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    issued_at: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scanner_network: Option<String>,
}

/// A queue message that is not an intake write. Ours are always valid, so
/// this means a message from elsewhere or a bug: it is kept, not applied.
#[derive(Debug)]
pub enum IntakeError {
    /// The envelope: not JSON, or a field missing or of the wrong type (the
    /// parser's message names it).
    Envelope(String),
    /// The answer inside, with every bad field.
    Answer(BodyError),
}

impl fmt::Display for IntakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntakeError::Envelope(why) => write!(f, "not an intake write: {why}"),
            IntakeError::Answer(error) => {
                write!(f, "the intake write's answer is invalid: {error}")?;
                for field in error.field_errors() {
                    write!(f, "; answer.{field}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for IntakeError {}

impl IntakeWrite {
    /// Its place in the merge order (see [`precedence`]).
    pub fn precedence(&self) -> u64 {
        precedence::precedence(self.kind, self.at_ms, self.answer.score)
    }

    /// Whether the stored row is confirmed after this write: everything but
    /// an email click.
    pub fn confirmed(&self) -> bool {
        self.kind != WriteKind::Click
    }

    /// The `source` column: where the answer came from.
    pub fn source(&self) -> &'static str {
        precedence::source(self.kind)
    }

    /// The queue message.
    pub fn to_json(&self) -> String {
        let answer = Submission {
            token: None,
            ..self.answer.clone()
        };
        let envelope = Envelope {
            kind: self.kind,
            at_ms: self.at_ms,
            opens_case: self.opens_case,
            answer: serde_json::to_value(answer).unwrap_or(Value::Null),
            issued_at: self.issued_at,
            scanner_network: self.scanner_network.clone(),
        };
        serde_json::to_string(&envelope).unwrap_or_default()
    }

    /// Reads a queue message back, validating the answer as a POST would.
    pub fn from_json(text: &str) -> Result<IntakeWrite, IntakeError> {
        let envelope: Envelope =
            serde_json::from_str(text).map_err(|e| IntakeError::Envelope(e.to_string()))?;
        let answer = Submission::from_json(envelope.answer.to_string().as_bytes())
            .map_err(IntakeError::Answer)?;
        if envelope
            .scanner_network
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NETWORK_CHARS)
        {
            return Err(IntakeError::Envelope(format!(
                "scanner_network is longer than {MAX_NETWORK_CHARS} characters"
            )));
        }
        Ok(IntakeWrite {
            kind: envelope.kind,
            at_ms: envelope.at_ms,
            opens_case: envelope.opens_case,
            answer,
            issued_at: envelope.issued_at,
            scanner_network: envelope.scanner_network,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer() -> Submission {
        let body = json!({
            "id": "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51", "survey_id": "pickup",
            "score": 3, "comment": "Late", "locale": "sv", "answers": {"reason": "speed"},
            "context": {"touchpoint": "store", "customer_ref": "C-1"}, "token": "secret.token"
        });
        Submission::from_json(body.to_string().as_bytes()).expect("valid")
    }

    #[test]
    fn a_write_survives_the_queue_without_its_token() {
        let write = IntakeWrite {
            kind: WriteKind::Confirm,
            at_ms: 1_780_000_000_123,
            opens_case: true,
            answer: answer(),
            issued_at: Some(1_780_000_000),
            scanner_network: Some("Microsoft".to_owned()),
        };
        let text = write.to_json();
        assert!(!text.contains("secret.token"));
        let back = IntakeWrite::from_json(&text).expect("reads back");
        let expected = IntakeWrite {
            answer: Submission {
                token: None,
                ..answer()
            },
            ..write
        };
        assert_eq!(back, expected);
    }

    #[test]
    fn a_message_with_a_network_too_long_is_refused() {
        let write = IntakeWrite {
            kind: WriteKind::Click,
            at_ms: 1,
            opens_case: false,
            answer: answer(),
            issued_at: None,
            scanner_network: Some("x".repeat(MAX_NETWORK_CHARS + 1)),
        };
        let error = IntakeWrite::from_json(&write.to_json()).expect_err("too long");
        assert!(error.to_string().contains("scanner_network"), "{error}");
    }

    #[test]
    fn a_foreign_message_names_what_is_wrong() {
        let missing = IntakeWrite::from_json(r#"{"kind":"click","at_ms":1,"answer":{}}"#)
            .expect_err("no opens_case");
        assert!(missing.to_string().contains("opens_case"), "{missing}");
        let bad_answer = IntakeWrite::from_json(
            r#"{"kind":"widget","at_ms":1,"opens_case":false,"answer":{"id":"x","survey_id":"s","score":11}}"#,
        )
        .expect_err("bad answer");
        let text = bad_answer.to_string();
        assert!(
            text.contains("answer.id") && text.contains("answer.score"),
            "{text}"
        );
        assert!(IntakeWrite::from_json("not json").is_err());
    }
}
