//! Putting an answer's or a case's event on the queue, one message per
//! destination.

use ambassador_shared::forward::{fan_out, CaseData, EventKind, ResponseEvent};
use ambassador_shared::{Submission, SurveyDefinition};
use worker::{Date, Env};

use crate::store::Stored;
use crate::ApiError;

/// Queues the event a write made: `response.created` (version 1) for a new
/// row, and again for an id already stored (a client retry: the first try
/// may have failed between storing and queueing; receivers drop the repeat
/// by id), `response.updated` for a changed row, versioned by the time of
/// the change so each change has its own id.
pub async fn enqueue_stored(
    env: &Env,
    survey: &SurveyDefinition,
    submission: &Submission,
    stored: &Stored,
) -> Result<(), ApiError> {
    let (kind, version) = match stored {
        Stored::New | Stored::AlreadyThere => (EventKind::Created, 1),
        Stored::Updated { at_ms } => (EventKind::Updated, *at_ms),
    };
    let event = ResponseEvent::new(kind, submission, version, Date::now().as_millis());
    enqueue(env, survey, &event).await
}

/// Queues the `case.*` event `kind` of the case `answer` opened, for the
/// destinations that take the answer's category (by default customer
/// service's, which gets detractors).
pub async fn enqueue_case(
    env: &Env,
    survey: &SurveyDefinition,
    answer: &Submission,
    case: CaseData,
    kind: EventKind,
    version: u64,
) -> Result<(), ApiError> {
    let now = Date::now().as_millis();
    let event = ResponseEvent::for_case(kind, answer, case, version, now);
    enqueue(env, survey, &event).await
}

/// Queues `event` for every destination of `survey` that takes its
/// category. Fails (so the client retries) if the queue refuses; a retry
/// queues the same event ids again, which receivers drop as duplicates.
async fn enqueue(
    env: &Env,
    survey: &SurveyDefinition,
    event: &ResponseEvent,
) -> Result<(), ApiError> {
    let messages = fan_out(survey, event)
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<Vec<String>, _>>()
        .map_err(|e| ApiError::Unavailable(e.to_string()))?;
    if messages.is_empty() {
        return Ok(());
    }
    let queue = env.queue("EVENTS").map_err(unavailable)?;
    queue.send_batch(messages).await.map_err(unavailable)
}

fn unavailable(error: worker::Error) -> ApiError {
    ApiError::Unavailable(format!("the forwarding queue: {error}"))
}
