//! Queue batches as the runtime hands them over, and which consumer takes
//! each queue's: intake writes, forwarding events, or their dead letters.
//!
//! `worker` 0.8.7 wraps messages without their `attempts` count, which the
//! backoff needs, so this binds the few members of the runtime's objects we
//! use. Every call is `catch`, so a runtime error is a value, never a panic.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use worker::js_sys;
use worker::Env;

use crate::{forward, intake};

/// What a queue is for, read from the end of its name, so each deployment
/// (`wrangler.toml`'s environments) can name its queues its own way.
#[derive(Debug, PartialEq, Eq)]
enum Role {
    /// Answers waiting to be written (`…-intake`), and the ones its retries
    /// gave up on (`…-intake-dead`): the same consumer writes both.
    Intake,
    /// Events waiting for delivery (`…-events`).
    Events,
    /// Deliveries given up on (`…-events-dead`, or anything else: kept).
    DeadLetters,
}

impl Role {
    fn of(queue: &str) -> Role {
        if queue.ends_with("-intake") || queue.ends_with("-intake-dead") {
            Role::Intake
        } else if queue.ends_with("-events") {
            Role::Events
        } else {
            Role::DeadLetters
        }
    }
}

/// Hands a batch to the consumer of the queue it came from. Never fails:
/// every message is settled by its consumer, so one bad message cannot make
/// the runtime retry (and re-send) the whole batch.
pub async fn dispatch(batch: QueueBatch, env: &Env) {
    match Role::of(&batch.queue_name()) {
        Role::Intake => intake::consume(&batch, env).await,
        Role::Events => forward::deliver(&batch, env).await,
        Role::DeadLetters => forward::record_dead_letters(&batch, env).await,
    }
}

/// The longest wait between two tries of a message that waits for D1: D1
/// may be down for hours, and the queue keeps the message (see
/// `max_retries` in `wrangler.toml`: 100 tries, over 8 hours).
pub const MAX_RETRY_SECS: u32 = 300;

/// Seconds before try `attempts + 1` of a message that waits for D1 (an
/// intake write, a dead letter to record): the base
/// (`INTAKE_RETRY_BASE_SECONDS`, default 2) doubling per attempt, at most
/// [`MAX_RETRY_SECS`].
pub fn retry_delay(env: &Env, attempts: u32) -> u32 {
    let base = env
        .var("INTAKE_RETRY_BASE_SECONDS")
        .ok()
        .and_then(|v| v.to_string().parse::<u32>().ok())
        .unwrap_or(2)
        .max(1);
    let doublings = attempts.saturating_sub(1).min(16);
    base.saturating_mul(1 << doublings).min(MAX_RETRY_SECS)
}

#[wasm_bindgen]
extern "C" {
    /// A `MessageBatch` of the Workers runtime.
    #[derive(Debug)]
    pub type QueueBatch;
    #[wasm_bindgen(method, getter, js_name = queue)]
    fn queue_js(this: &QueueBatch) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = messages)]
    fn messages_js(this: &QueueBatch) -> JsValue;

    /// One `Message` of a batch.
    #[derive(Debug)]
    pub type QueuedMessage;
    #[wasm_bindgen(method, getter, js_name = id)]
    fn id_js(this: &QueuedMessage) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = body)]
    fn body_js(this: &QueuedMessage) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = attempts)]
    fn attempts_js(this: &QueuedMessage) -> JsValue;
    #[wasm_bindgen(method, catch, js_name = ack)]
    fn ack_js(this: &QueuedMessage) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = retry)]
    fn retry_js(this: &QueuedMessage, options: &JsValue) -> Result<(), JsValue>;
}

impl QueueBatch {
    /// The name of the queue the batch came from.
    pub fn queue_name(&self) -> String {
        self.queue_js().as_string().unwrap_or_default()
    }

    /// The batch's messages.
    pub fn messages(&self) -> Vec<QueuedMessage> {
        let array: js_sys::Array = self.messages_js().unchecked_into();
        array.iter().map(JsCast::unchecked_into).collect()
    }
}

impl QueuedMessage {
    /// The queue's id for this message.
    pub fn id(&self) -> String {
        self.id_js().as_string().unwrap_or_default()
    }

    /// The body, if it is text: we only ever send JSON text.
    pub fn text(&self) -> Option<String> {
        self.body_js().as_string()
    }

    /// 1 on the first delivery, +1 on each retry.
    pub fn attempts(&self) -> u32 {
        self.attempts_js()
            .as_f64()
            .map_or(1, |n| n.clamp(1.0, 1e6) as u32)
    }

    /// Settles the message: it is done with.
    pub fn ack(&self) {
        // An ack that fails leaves the message to be redelivered, which the
        // event id makes harmless: nothing to do but let it happen.
        let _ = self.ack_js();
    }

    /// Asks for the message again after `delay_secs`.
    pub fn retry_after(&self, delay_secs: u32) {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"delaySeconds".into(), &delay_secs.into());
        // `retry` throws only for a message already settled, and each
        // message is settled exactly once here.
        let _ = self.retry_js(&options);
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn every_deployments_queues_reach_their_consumer() {
        for prefix in ["ambassador", "ambassador-staging", "ambassador-production"] {
            assert_eq!(Role::of(&format!("{prefix}-intake")), Role::Intake);
            assert_eq!(Role::of(&format!("{prefix}-intake-dead")), Role::Intake);
            assert_eq!(Role::of(&format!("{prefix}-events")), Role::Events);
            assert_eq!(
                Role::of(&format!("{prefix}-events-dead")),
                Role::DeadLetters
            );
        }
    }
}
