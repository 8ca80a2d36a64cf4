//! Forwarding stored answers to their destinations through Cloudflare Queues.
//!
//! The rules (event shape, routing, backoff, what a reply means, the Slack
//! message) are in `ambassador_shared::forward`; this module does the I/O:
//! [`enqueue_stored`] after an answer is stored or changed, and the two queue consumers, one
//! that delivers ([`consumer`]) and one that records what could not be
//! delivered in D1 ([`dead_letters`]), so nothing is silently lost.

mod batch;
mod consumer;
mod dead_letters;
mod enqueue;
mod error;
mod send;
mod settings;

pub use batch::QueueBatch;
pub use enqueue::{enqueue_case, enqueue_stored};
pub use error::ForwardError;

use worker::Env;

/// The queue events wait in for delivery (see `wrangler.toml`).
const EVENTS_QUEUE: &str = "ambassador-events";

/// Hands a batch to the consumer of the queue it came from. Never fails:
/// every message is settled one by one, so one bad message cannot make the
/// runtime retry (and re-send) the whole batch.
pub async fn handle_batch(batch: QueueBatch, env: &Env) {
    if batch.queue_name() == EVENTS_QUEUE {
        consumer::deliver(&batch, env).await;
    } else {
        dead_letters::record(&batch, env).await;
    }
}
