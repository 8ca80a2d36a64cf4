//! The consumer of the events queue: each message is one delivery, sent and
//! then settled on its own: acked, retried later, or dead-lettered.

use ambassador_shared::forward::{DeadLetter, Delivery, ReplyOutcome, Retry};
use futures_util::future::join_all;
use worker::Env;

use super::send::send;
use super::settings::Settings;
use super::ForwardError;
use crate::log;
use crate::queue::{QueueBatch, QueuedMessage};

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
/// settles each by its own outcome.
pub async fn deliver(batch: &QueueBatch, env: &Env) {
    let settings = Settings::from_env(env);
    let messages = batch.messages();
    join_all(messages.iter().map(|message| async {
        let settle = match &settings {
            Ok(settings) => decide(message, env, settings).await,
            // Broken settings break every delivery alike: keep them queued
            // (after the queue's own retries they land in the dead letters).
            Err(_) => Settle::RetryAfter(60),
        };
        apply(message, env, settle).await;
    }))
    .await;
}

async fn decide(message: &QueuedMessage, env: &Env, settings: &Settings) -> Settle {
    let Some(text) = message.text() else {
        return Settle::DeadLetter(format!("message {} has no text body", message.id()));
    };
    let Ok(delivery) = serde_json::from_str::<Delivery>(&text) else {
        // Not ours to read: the dead-letter consumer keeps it verbatim.
        return Settle::DeadLetter(text);
    };
    let attempts = message.attempts();
    let (outcome, detail, status) = match send(env, &delivery, settings.timeout).await {
        Ok(attempt) => (attempt.outcome, attempt.detail, attempt.status),
        Err(error) => (ReplyOutcome::Reject, error.to_string(), None),
    };
    let settle = match outcome {
        ReplyOutcome::Delivered | ReplyOutcome::Gone => Settle::Ack,
        ReplyOutcome::Retry => match settings.backoff.after_failure(attempts) {
            Retry::After(secs) => Settle::RetryAfter(secs),
            Retry::GiveUp => dead_letter(&delivery, format!("gave up: {detail}"), attempts),
        },
        ReplyOutcome::Reject => dead_letter(&delivery, detail, attempts),
    };
    let (what, next) = match (&outcome, &settle) {
        (ReplyOutcome::Gone, _) => ("gone", None),
        (_, Settle::Ack) => ("delivered", None),
        (_, Settle::RetryAfter(secs)) => ("retry", Some(*secs)),
        (_, Settle::DeadLetter(_)) => ("dead_letter", None),
    };
    let (destination, event) = (&delivery.destination_id, &delivery.event.id);
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
