//! The intake queue's messages about email clicks that are not answer
//! writes: the hidden link's visit, and the delayed request to settle a
//! click once its quiet period is over (see [`crate::link::scanner`]).

use serde::{Deserialize, Serialize};

use super::{IntakeError, IntakeWrite};

/// A message about an email's clicks, as JSON `{"settle": {...}}` or
/// `{"honeypot": {...}}`, never mistaken for an [`IntakeWrite`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ClickMessage {
    /// Queued with each click, delayed by the survey's
    /// `click_settle_seconds`: judge the click made at `click_at_ms` by the
    /// visits around it, and do what [`super::settle`] says.
    Settle {
        /// The answer (the link's response id).
        id: String,
        /// Its survey, for the quiet period, destinations and cases.
        survey_id: String,
        /// When the edge took in the click, unix milliseconds.
        click_at_ms: u64,
        /// The link's customer as [`super::erasure::customer_digest`], if
        /// the link names one: a click whose write was dropped by the
        /// customer's erasure is never stored, and there is nothing to settle.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        customer_digest: Option<String>,
    },
    /// The email's hidden link was visited.
    Honeypot {
        /// The answer whose links the email carried.
        id: String,
        /// When the edge took in the visit, unix milliseconds.
        at_ms: u64,
        /// The link's `issued_at`, unix seconds, if its token says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        issued_at: Option<u64>,
    },
}

/// One message of the intake queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeMessage {
    /// An answer write (boxed: it is far larger than a click message).
    Write(Box<IntakeWrite>),
    /// A click's settling, or the hidden link's visit.
    Click(ClickMessage),
}

impl ClickMessage {
    /// The queue message.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl IntakeMessage {
    /// Reads a queue message: a click message if it is one, else an answer
    /// write, validated as a POST would be.
    pub fn from_json(text: &str) -> Result<IntakeMessage, IntakeError> {
        if let Ok(click) = serde_json::from_str::<ClickMessage>(text) {
            return Ok(IntakeMessage::Click(click));
        }
        IntakeWrite::from_json(text).map(|w| IntakeMessage::Write(Box::new(w)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn click_messages_survive_the_queue() {
        let settle = ClickMessage::Settle {
            id: "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51".to_owned(),
            survey_id: "pickup".to_owned(),
            click_at_ms: 1_780_000_000_123,
            customer_digest: Some("xI4u2oJf0qJ2cA3n0R1rZ1m0b6bXqk1l0mZpK2yX3cE".to_owned()),
        };
        let anonymous = ClickMessage::Settle {
            id: "5f0c1b6a-8e51-4a1f-9d7e-0b7e4c9a4c39".to_owned(),
            survey_id: "pickup".to_owned(),
            click_at_ms: 1_780_000_000_124,
            customer_digest: None,
        };
        let honeypot = ClickMessage::Honeypot {
            id: "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51".to_owned(),
            at_ms: 1_780_000_000_456,
            issued_at: Some(1_780_000_000),
        };
        for message in [settle, anonymous, honeypot] {
            assert_eq!(
                IntakeMessage::from_json(&message.to_json()).expect("reads back"),
                IntakeMessage::Click(message)
            );
        }
    }

    #[test]
    fn anything_else_is_read_as_an_answer_write() {
        let error = IntakeMessage::from_json(r#"{"settle":{"id":"x"}}"#).expect_err("incomplete");
        assert!(error.to_string().contains("not an intake write"), "{error}");
    }
}
