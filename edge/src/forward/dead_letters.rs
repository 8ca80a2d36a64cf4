//! The consumer of the dead-letter queue: every delivery given up on becomes
//! a row in D1's `dead_letters`, where an operator can see and resend it.

use ambassador_shared::forward::{DeadLetter, QueueMessage};
use wasm_bindgen::JsValue;
use worker::{Date, Env};

use super::batch::{QueueBatch, QueuedMessage};
use super::ForwardError;

const INSERT: &str = "INSERT INTO dead_letters \
    (delivery_key, event_id, survey_id, destination_id, reason, attempts, message, created_at) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
    ON CONFLICT (delivery_key) DO NOTHING";

/// A row to write: a readable dead letter, or a message we could not read,
/// kept verbatim.
enum Row {
    Letter(Box<DeadLetter>),
    Unreadable { message_id: String, text: String },
}

/// Records each message; one that cannot be written yet stays queued.
pub async fn record(batch: &QueueBatch, env: &Env) {
    for message in batch.messages() {
        match insert(env, &row(&message)).await {
            Ok(()) => message.ack(),
            Err(_) => message.retry_after(30),
        }
    }
}

fn row(message: &QueuedMessage) -> Row {
    let text = message.text().unwrap_or_default();
    match serde_json::from_str::<QueueMessage>(&text) {
        Ok(parsed) => Row::Letter(Box::new(parsed.into_dead_letter(message.attempts()))),
        Err(_) => Row::Unreadable {
            message_id: message.id(),
            text,
        },
    }
}

async fn insert(env: &Env, row: &Row) -> Result<(), ForwardError> {
    let now = JsValue::from(Date::now().as_millis() as f64);
    let values = match row {
        Row::Letter(letter) => {
            let delivery = &letter.delivery;
            let message = serde_json::to_string(delivery)
                .map_err(|e| ForwardError::Runtime(e.to_string()))?;
            [
                delivery.key().into(),
                delivery.event.id.as_str().into(),
                delivery.event.data.survey_id.as_str().into(),
                delivery.destination_id.as_str().into(),
                letter.reason.as_str().into(),
                letter.attempts.into(),
                message.into(),
                now,
            ]
        }
        Row::Unreadable { message_id, text } => [
            format!("unreadable:{message_id}").into(),
            JsValue::NULL,
            JsValue::NULL,
            JsValue::NULL,
            "the queue message is not a delivery".into(),
            JsValue::from(0),
            text.as_str().into(),
            now,
        ],
    };
    env.d1("DB")?.prepare(INSERT).bind(&values)?.run().await?;
    Ok(())
}
