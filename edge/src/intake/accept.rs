//! The request side of intake: put the write on the queue and answer.

use ambassador_shared::intake::IntakeWrite;
use worker::Env;

use super::store_and_forward;
use crate::store::Stored;
use crate::switches::{self, Switch};
use crate::ApiError;

/// How an answer was taken in.
pub enum Acknowledged {
    /// On the intake queue: it will be stored (`202 Accepted`).
    Queued,
    /// The queue refused it, so it was written to D1 directly, with this
    /// outcome.
    Stored(Stored),
}

/// Queues `write`; if the queue refuses, writes it to D1 directly; if that
/// fails too, the error (503) tells the client to retry with the same id.
pub async fn accept(env: &Env, write: &IntakeWrite) -> Result<Acknowledged, ApiError> {
    let queued = match env.queue("INTAKE") {
        _ if switches::is_on(env, Switch::IntakeQueueDown).await => false,
        Ok(queue) => queue.send(write.to_json()).await.is_ok(),
        Err(_) => false,
    };
    if queued {
        return Ok(Acknowledged::Queued);
    }
    let stored = store_and_forward(env, std::slice::from_ref(write)).await?;
    match stored.first() {
        Some(outcome) => Ok(Acknowledged::Stored(*outcome)),
        None => Err(ApiError::Unavailable("D1 returned no outcome".into())),
    }
}
