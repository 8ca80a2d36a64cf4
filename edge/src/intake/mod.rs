//! Queue-first intake: an answer is acknowledged once it is on the intake
//! queue, never waiting on D1, and written there in batches by the queue's
//! consumer.
//!
//! The rules (the write on the queue, the merge of writes that arrive in any
//! order) are in `ambassador_shared::intake`; this module does the I/O:
//! [`accept`] on the request path, [`consume`] on the queue. Both end in the
//! same step, [`store_and_forward`]: apply the writes to D1 in one round
//! trip, then queue the events of what they changed. Email clicks wait for
//! their settling before they count (`settle`).

mod accept;
mod consumer;
mod settle;

pub use accept::{accept, Acknowledged};
pub use consumer::consume;
pub use settle::{accept_click, settle_overdue};

use ambassador_shared::intake::IntakeWrite;
use worker::Env;

use crate::store::{self, Stored};
use crate::{forward, ApiError};

/// Applies `writes` to D1, then queues the events they caused. If queueing
/// fails the caller retries the writes: applying one again changes nothing
/// and queues the same event ids, which receivers drop as repeats.
pub async fn store_and_forward(env: &Env, writes: &[IntakeWrite]) -> Result<Vec<Stored>, ApiError> {
    let stored = store::apply(env, writes).await?;
    forward::enqueue_answers(env, writes, &stored).await?;
    Ok(stored)
}
