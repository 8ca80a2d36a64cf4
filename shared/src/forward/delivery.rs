//! The queue messages: one per (event, destination), and the dead letter a
//! delivery becomes when it cannot succeed.

use serde::{Deserialize, Serialize};

use super::{Event, ResponseEvent};
use crate::SurveyDefinition;

/// One event for one destination: the unit that is sent, retried and, if it
/// cannot succeed, dead-lettered. Retrying one never re-sends another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// The event, exactly as the receiver gets it.
    pub event: Event,
    /// The destination's id within the event's survey. Looked up when sent,
    /// so a corrected URL in a redeploy applies to pending retries.
    pub destination_id: String,
}

impl Delivery {
    /// `{event id}@{destination id}`: unique per delivery, so recording a
    /// dead letter twice (the queue delivers at least once) keeps one row.
    pub fn key(&self) -> String {
        format!("{}@{}", self.event.id(), self.destination_id)
    }
}

/// A delivery given up, and why: what an operator needs to resend it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadLetter {
    /// What could not be delivered.
    pub delivery: Delivery,
    /// Why, e.g. `the destination answered 400`.
    pub reason: String,
    /// How many attempts were made.
    pub attempts: u32,
}

/// Anything the dead-letter queue may hold: a [`DeadLetter`] the consumer
/// gave up on, or a plain [`Delivery`] the queue moved there by itself after
/// its own retry limit (e.g. the consumer kept failing before it could decide).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum QueueMessage {
    /// Given up by the consumer, with its reason.
    DeadLetter(DeadLetter),
    /// Moved by the queue.
    Delivery(Delivery),
}

impl QueueMessage {
    /// The dead letter this message stands for; a moved delivery gets a
    /// reason saying the queue's own retry limit was reached.
    pub fn into_dead_letter(self, queue_attempts: u32) -> DeadLetter {
        match self {
            QueueMessage::DeadLetter(letter) => letter,
            QueueMessage::Delivery(delivery) => DeadLetter {
                delivery,
                reason: "the queue's retry limit was reached before the consumer settled it"
                    .to_owned(),
                attempts: queue_attempts,
            },
        }
    }
}

/// One delivery per destination of `survey` that receives `event`'s category;
/// none when nobody does (passives, by default).
pub fn fan_out(survey: &SurveyDefinition, event: &ResponseEvent) -> Vec<Delivery> {
    survey
        .destinations_for(event.data.category)
        .map(|destination| Delivery {
            event: Event::Response(event.clone()),
            destination_id: destination.id.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forward::EventKind;
    use crate::{Submission, Surveys};
    use serde_json::json;

    const SURVEYS: &str = r#"
        [[survey]]
        id = "pickup"
        brand = "Nordauktion"
        allowed_origins = ["https://www.nordauktion.example"]
        [[survey.destinations]]
        id = "customer-service"
        kind = "webhook"
        url = "https://crm.example/hooks"
        secret_env = "CS_WEBHOOK_SECRET"
        categories = ["detractor"]
        [[survey.destinations]]
        id = "staff"
        kind = "slack"
        url = "https://hooks.slack.example/T1"
        categories = ["promoter"]
        [[survey.destinations]]
        id = "archive"
        kind = "webhook"
        url = "https://archive.example/in"
        secret_env = "ARCHIVE_SECRET"
        categories = ["detractor", "promoter"]
    "#;

    fn event(score: i64) -> ResponseEvent {
        let body = json!({"id": "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51",
                          "survey_id": "pickup", "score": score});
        let s = Submission::from_json(body.to_string().as_bytes()).expect("valid");
        ResponseEvent::new(EventKind::Created, &s, 1, 0)
    }

    fn routed(score: i64) -> Vec<String> {
        let surveys = Surveys::from_toml_str(SURVEYS).expect("valid");
        let survey = surveys.get("pickup").expect("defined");
        fan_out(survey, &event(score))
            .into_iter()
            .map(|d| d.destination_id)
            .collect()
    }

    #[test]
    fn detractors_go_to_customer_service_and_promoters_to_staff() {
        assert_eq!(routed(2), ["customer-service", "archive"]);
        assert_eq!(routed(10), ["staff", "archive"]);
        assert!(routed(8).is_empty(), "nobody takes passives here");
    }

    #[test]
    fn dead_letter_queue_reads_both_shapes() {
        let delivery = Delivery {
            event: event(2).into(),
            destination_id: "customer-service".to_owned(),
        };
        let letter = DeadLetter {
            delivery: delivery.clone(),
            reason: "the destination answered 400".to_owned(),
            attempts: 1,
        };
        let as_message = |v: serde_json::Value| -> QueueMessage {
            serde_json::from_value(v).expect("a queue message")
        };
        let given_up = as_message(serde_json::to_value(&letter).expect("json"));
        assert_eq!(given_up.into_dead_letter(7), letter);
        let moved = as_message(serde_json::to_value(&delivery).expect("json"));
        let moved = moved.into_dead_letter(7);
        assert_eq!(moved.delivery.key(), delivery.key());
        assert_eq!(moved.attempts, 7);
        assert!(serde_json::from_value::<QueueMessage>(json!({"x": 1})).is_err());
    }
}
