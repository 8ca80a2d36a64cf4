//! The consumer of the intake queue: each batch is written to D1 at once,
//! then its click messages (a hidden link's visit, a click's settling) are
//! applied one by one, each settled on its own.

use ambassador_shared::intake::{ClickMessage, IntakeMessage, IntakeWrite};
use worker::Env;

use super::settle::{self, Settled};
use super::store_and_forward;
use crate::queue::{retry_delay, QueueBatch, QueuedMessage, MAX_RETRY_SECS};
use crate::switches::{self, Switch};
use crate::{forward, log};

/// Applies the batch's answer writes together ([`store_writes`]), then its
/// click messages one by one, after the writes they may follow. A message
/// that is not an intake message is kept as a dead letter.
pub async fn consume(batch: &QueueBatch, env: &Env) {
    if switches::is_on(env, Switch::IntakeConsumerStalled).await {
        return batch.messages().iter().for_each(|m| m.retry_after(1));
    }
    let mut writes = Vec::new();
    let mut messages = Vec::new();
    let mut clicks = Vec::new();
    for message in batch.messages() {
        match message.text().as_deref().map(IntakeMessage::from_json) {
            Some(Ok(IntakeMessage::Write(write))) => {
                writes.push(*write);
                messages.push(message);
            }
            Some(Ok(IntakeMessage::Click(click))) => clicks.push((click, message)),
            Some(Err(error)) => keep_as_dead_letter(env, message, error.to_string()).await,
            None => keep_as_dead_letter(env, message, "no text body".into()).await,
        }
    }
    store_writes(env, &writes, &messages).await;
    for (click, message) in clicks {
        apply_click(env, &click, &message).await;
    }
}

/// Applies one click message: acked when done, retried later when its click
/// is not stored yet or D1 failed.
async fn apply_click(env: &Env, click: &ClickMessage, message: &QueuedMessage) {
    match settle::apply(env, click).await {
        Ok(Settled::Done) => message.ack(),
        Ok(Settled::NotStored) => message.retry_after(retry_delay(env, message.attempts())),
        Err(error) => {
            let detail = error.server_side_detail().unwrap_or_default();
            let delay = retry_delay(env, message.attempts());
            log::intake_retry(1, message.attempts(), delay, &detail);
            message.retry_after(delay);
        }
    }
}

/// Writes the answers to D1 and queues their events, then acks their
/// messages; if either step fails, retries them all later with a growing
/// delay.
async fn store_writes(env: &Env, writes: &[IntakeWrite], messages: &[QueuedMessage]) {
    if writes.is_empty() {
        return;
    }
    match store_and_forward(env, writes).await {
        Ok(_) => messages.iter().for_each(QueuedMessage::ack),
        Err(error) => {
            let attempt = messages
                .iter()
                .map(QueuedMessage::attempts)
                .max()
                .unwrap_or(1);
            let detail = error.server_side_detail().unwrap_or_default();
            log::intake_retry(messages.len(), attempt, retry_delay(env, attempt), &detail);
            for message in messages {
                message.retry_after(retry_delay(env, message.attempts()));
            }
        }
    }
}

async fn keep_as_dead_letter(env: &Env, message: QueuedMessage, reason: String) {
    let text = format!("{reason}: {}", message.text().unwrap_or_default());
    match forward::send_dead_letter(env, text).await {
        Ok(()) => message.ack(),
        Err(_) => message.retry_after(MAX_RETRY_SECS),
    }
}
