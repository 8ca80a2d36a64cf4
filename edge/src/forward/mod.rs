//! Forwarding stored answers to their destinations through Cloudflare Queues.
//!
//! The rules (event shape, routing, backoff, what a reply means, the Slack
//! message) are in `ambassador_shared::forward`; this module does the I/O:
//! [`enqueue_answers`] after intake wrote answers, and the two queue
//! consumers, one that delivers ([`deliver`]) and one that records what could
//! not be delivered in D1 ([`record_dead_letters`]), so nothing is silently
//! lost.

mod consumer;
mod dead_letters;
mod enqueue;
mod erased;
mod error;
mod send;
mod settings;

pub use consumer::{deliver, send_dead_letter};
pub use dead_letters::record as record_dead_letters;
pub use enqueue::{enqueue_answers, enqueue_case, enqueue_deliveries, enqueue_settled};
pub use error::ForwardError;
