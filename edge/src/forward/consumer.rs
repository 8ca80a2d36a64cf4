//! The consumer of the events queue: each message is one delivery, sent and
//! then settled on its own: acked, retried later, or dead-lettered.

use ambassador_shared::forward::{DeadLetter, Delivery, ReplyOutcome, Retry};
use futures_util::future::join_all;
use worker::Env;

use super::erased::Erasures;
use super::send::send;
use super::settings::Settings;
use super::ForwardError;
use crate::log;
use crate::queue::{QueueBatch, QueuedMessage};
use crate::switches::{self, Switch};

/// What happens to a message after its attempt.
enum Settle {
    /// Done: delivered, or the receiver said 410 Gone.
    Ack,
    /// Try again after this many seconds.
    RetryAfter(u32),
    /// Give up: this text goes to the dead-letter queue.
    DeadLetter(String),
}

/// Sends every delivery of the batch at once (they are independent) and
/// settles each by its own outcome. A delivery its customer's erasure
/// reaches is dropped unsent (`erased`).
pub async fn deliver(batch: &QueueBatch, env: &Env) {
    let messages = batch.messages();
    if switches::is_on(env, Switch::EventsConsumerStalled).await {
        return messages.iter().for_each(|m| m.retry_after(1));
    }
    let settings = Settings::from_env(env);
    let read: Vec<Result<Delivery, String>> = messages.iter().map(read).collect();
    let erasures = Erasures::of(env, read.iter().flatten()).await;
    let attempts = messages
        .iter()
        .zip(&read)
        .map(|(message, delivery)| attempt(message, delivery, env, &settings, &erasures));
    join_all(attempts).await;
}

/// One message's attempt, settled.
async fn attempt(
    message: &QueuedMessage,
    delivery: &Result<Delivery, String>,
    env: &Env,
    settings: &Result<Settings, ForwardError>,
    erasures: &Erasures,
) {
    let settle = match (delivery, settings) {
        (Err(text), _) => Settle::DeadLetter(text.clone()),
        // Broken settings break every delivery alike: keep them queued
        // (after the queue's own retries they land in the dead letters).
        (_, Err(_)) => Settle::RetryAfter(60),
        (Ok(delivery), Ok(settings)) => decide(message, delivery, env, settings, erasures).await,
    };
    apply(message, env, settle).await;
}

/// The message's delivery; else the text to keep as its dead letter.
fn read(message: &QueuedMessage) -> Result<Delivery, String> {
    let Some(text) = message.text() else {
        return Err(format!("message {} has no text body", message.id()));
    };
    // Not ours to read: the dead-letter consumer keeps it verbatim.
    serde_json::from_str(&text).map_err(|_| text)
}

async fn decide(
    message: &QueuedMessage,
    delivery: &Delivery,
    env: &Env,
    settings: &Settings,
    erasures: &Erasures,
) -> Settle {
    let attempts = message.attempts();
    let (destination, event) = (&delivery.destination_id, delivery.event.id());
    if erasures.reach(delivery) {
        log::delivery(destination, event, None, attempts, "erased", None);
        return Settle::Ack;
    }
    let (outcome, detail, status) = match send(env, delivery, settings.timeout).await {
        Ok(attempt) => (attempt.outcome, attempt.detail, attempt.status),
        Err(error) => (ReplyOutcome::Reject, error.to_string(), None),
    };
    let settle = match outcome {
        ReplyOutcome::Delivered | ReplyOutcome::Gone => Settle::Ack,
        ReplyOutcome::Retry => match settings.backoff.after_failure(attempts) {
            Retry::After(secs) => Settle::RetryAfter(secs),
            Retry::GiveUp => dead_letter(delivery, format!("gave up: {detail}"), attempts),
        },
        ReplyOutcome::Reject => dead_letter(delivery, detail, attempts),
    };
    let (what, next) = match (&outcome, &settle) {
        (ReplyOutcome::Gone, _) => ("gone", None),
        (_, Settle::Ack) => ("delivered", None),
        (_, Settle::RetryAfter(secs)) => ("retry", Some(*secs)),
        (_, Settle::DeadLetter(_)) => ("dead_letter", None),
    };
    log::delivery(destination, event, status, attempts, what, next);
    settle
}

fn dead_letter(delivery: &Delivery, reason: String, attempts: u32) -> Settle {
    let letter = DeadLetter {
        delivery: delivery.clone(),
        reason,
        attempts,
    };
    match serde_json::to_string(&letter) {
        Ok(text) => Settle::DeadLetter(text),
        Err(_) => Settle::RetryAfter(60),
    }
}

async fn apply(message: &QueuedMessage, env: &Env, settle: Settle) {
    match settle {
        Settle::Ack => message.ack(),
        Settle::RetryAfter(secs) => message.retry_after(secs),
        Settle::DeadLetter(text) => match send_dead_letter(env, text).await {
            Ok(()) => message.ack(),
            // Not recorded yet: keep the delivery rather than lose it.
            Err(_) => message.retry_after(60),
        },
    }
}

pub async fn send_dead_letter(env: &Env, text: String) -> Result<(), ForwardError> {
    env.queue("DEAD_LETTERS")?.send(text).await?;
    Ok(())
}
