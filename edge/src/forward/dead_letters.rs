//! The consumer of the dead-letter queue: every delivery given up on becomes
//! a row in D1's `dead_letters`, where an operator can see and resend it.

use ambassador_shared::forward::{DeadLetter, QueueMessage};
use worker::Env;

use super::erased::erasure_key;
use super::ForwardError;
use crate::queue::{retry_delay, QueueBatch, QueuedMessage};
use crate::store::{self, DeadLetterRow};
use crate::switches::{self, Switch};

/// A row to write: a readable dead letter, or a message we could not read,
/// kept verbatim.
enum Row {
    Letter(Box<DeadLetter>),
    Unreadable { message_id: String, text: String },
}

/// Records each message; one that cannot be written yet stays queued. A
/// delivery its customer's erasure reaches is not kept: the insert itself
/// checks (`store::insert_dead_letter`).
pub async fn record(batch: &QueueBatch, env: &Env) {
    let messages = batch.messages();
    if switches::is_on(env, Switch::DeadLettersStalled).await {
        return messages.iter().for_each(|m| m.retry_after(1));
    }
    for message in messages {
        match insert(env, &row(&message)).await {
            Ok(()) => message.ack(),
            // D1 down: kept on the queue, tried again as intake's writes are.
            Err(_) => message.retry_after(retry_delay(env, message.attempts())),
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
    match row {
        Row::Letter(letter) => {
            let delivery = &letter.delivery;
            let message = serde_json::to_string(delivery)
                .map_err(|e| ForwardError::Runtime(e.to_string()))?;
            let row = DeadLetterRow {
                delivery_key: &delivery.key(),
                ids: Some([
                    delivery.event.id(),
                    delivery.event.survey_id(),
                    &delivery.destination_id,
                ]),
                reason: &letter.reason,
                attempts: letter.attempts,
                message: &message,
                unless_erased: erasure_key(env, delivery),
            };
            store::insert_dead_letter(env, &row).await
        }
        Row::Unreadable { message_id, text } => {
            let row = DeadLetterRow {
                delivery_key: &format!("unreadable:{message_id}"),
                ids: None,
                reason: "the queue message is not a delivery",
                attempts: 0,
                message: text,
                unless_erased: None,
            };
            store::insert_dead_letter(env, &row).await
        }
    }
    .map_err(|e| ForwardError::Runtime(format!("{e:?}")))
}
