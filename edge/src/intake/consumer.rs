//! The consumer of the intake queue: each batch is written to D1 at once.

use ambassador_shared::intake::IntakeWrite;
use worker::Env;

use super::store_and_forward;
use crate::queue::{QueueBatch, QueuedMessage};
use crate::{forward, log};

/// The longest wait between two tries of a batch: D1 may be down for hours,
/// and the queue keeps the writes (see `max_retries` in `wrangler.toml`).
const MAX_RETRY_SECS: u32 = 300;

/// Writes the batch's answers to D1 and queues their events, then acks every
/// message; if either step fails, retries them all later with a growing
/// delay. A message that is not an intake write is kept as a dead letter.
pub async fn consume(batch: &QueueBatch, env: &Env) {
    let mut writes = Vec::new();
    let mut messages = Vec::new();
    for message in batch.messages() {
        match message.text().as_deref().map(IntakeWrite::from_json) {
            Some(Ok(write)) => {
                writes.push(write);
                messages.push(message);
            }
            Some(Err(error)) => keep_as_dead_letter(env, message, error.to_string()).await,
            None => keep_as_dead_letter(env, message, "no text body".into()).await,
        }
    }
    match store_and_forward(env, &writes).await {
        Ok(_) => messages.iter().for_each(QueuedMessage::ack),
        Err(error) => {
            let attempt = messages
                .iter()
                .map(QueuedMessage::attempts)
                .max()
                .unwrap_or(1);
            let detail = error.server_side_detail().unwrap_or_default();
            log::intake_retry(messages.len(), attempt, retry_delay(env, attempt), &detail);
            for message in &messages {
                message.retry_after(retry_delay(env, message.attempts()));
            }
        }
    }
}

/// Seconds before try `attempts + 1`: the base (`INTAKE_RETRY_BASE_SECONDS`,
/// default 2) doubling per attempt, at most [`MAX_RETRY_SECS`].
fn retry_delay(env: &Env, attempts: u32) -> u32 {
    let base = env
        .var("INTAKE_RETRY_BASE_SECONDS")
        .ok()
        .and_then(|v| v.to_string().parse::<u32>().ok())
        .unwrap_or(2)
        .max(1);
    let doublings = attempts.saturating_sub(1).min(16);
    base.saturating_mul(1 << doublings).min(MAX_RETRY_SECS)
}

async fn keep_as_dead_letter(env: &Env, message: QueuedMessage, reason: String) {
    let text = format!("{reason}: {}", message.text().unwrap_or_default());
    match forward::send_dead_letter(env, text).await {
        Ok(()) => message.ack(),
        Err(_) => message.retry_after(MAX_RETRY_SECS),
    }
}
