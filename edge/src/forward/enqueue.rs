//! Putting answers' and cases' events on the queue, one message per
//! destination.

use ambassador_shared::forward::{fan_out, CaseData, Delivery, EventKind, ResponseEvent};
use ambassador_shared::intake::{IntakeWrite, WriteKind};
use ambassador_shared::{Submission, SurveyDefinition};
use worker::{Date, Env};

use super::erased::erasure_key;
use crate::store::{self, DeadLetterRow, Stored};
use crate::switches::{self, Switch};
use crate::{log, surveys, ApiError};

/// The most messages one `sendBatch` takes.
const SEND_BATCH_LIMIT: usize = 100;

/// Queues the events of a batch of applied intake writes: `response.created`
/// (version 1) for a write that made its row count (a widget answer, or an
/// email answer's first confirmation), and again for a widget answer's
/// repeat (the first try may have failed between storing and queueing;
/// receivers drop the repeat by id); `response.updated` for a write that
/// changed a counted row, versioned by the write's time so each change has
/// its own id, after `response.created` again if the row had been made to
/// count by a confirmed write this one replaced (`Stored::Reannounced`). A
/// click has none: it is forwarded when it settles ([`enqueue_settled`]). A
/// superseded, conflicting or erased write changed nothing, so it has no
/// event. A survey no longer defined has no destinations.
pub async fn enqueue_answers(
    env: &Env,
    writes: &[IntakeWrite],
    stored: &[Stored],
) -> Result<(), ApiError> {
    let mut messages = Vec::new();
    for (write, stored) in writes.iter().zip(stored) {
        if write.kind == WriteKind::Click {
            continue;
        }
        let created = (EventKind::Created, 1);
        let updated = (EventKind::Updated, write.at_ms);
        let events: &[(EventKind, u64)] = match stored {
            Stored::Created | Stored::Repeated | Stored::FirstCounted => &[created],
            Stored::Changed => &[updated],
            Stored::Reannounced => &[created, updated],
            Stored::Superseded | Stored::Conflict | Stored::Erased => continue,
        };
        let Ok(survey) = surveys::named(&write.answer.survey_id) else {
            continue;
        };
        for &(kind, version) in events {
            // Dated when the answer was given: that is what happened, and
            // what a customer's erasure is measured against (`forward::erased`).
            let event = ResponseEvent::new(kind, &write.answer, version, write.at_ms);
            messages.extend(serialized(&fan_out(survey, &event))?);
        }
    }
    send(env, &messages).await
}

/// Queues the event of a click settled as a person's, made at
/// `click_at_ms`: `response.created` if it is the first to make its answer
/// count (`first`), else `response.updated` versioned by the click's time.
/// Settling again queues the same id, which receivers drop.
pub async fn enqueue_settled(
    env: &Env,
    survey: &SurveyDefinition,
    answer: &Submission,
    click_at_ms: u64,
    first: bool,
) -> Result<(), ApiError> {
    let (kind, version) = match first {
        true => (EventKind::Created, 1),
        false => (EventKind::Updated, click_at_ms),
    };
    let event = ResponseEvent::new(kind, answer, version, click_at_ms);
    send(env, &serialized(&fan_out(survey, &event))?).await
}

/// Queues the `case.*` event `kind` of the case `answer` opened, for the
/// destinations that take the answer's category (by default customer
/// service's, which gets detractors).
///
/// The change it tells of is stored already, and is not idempotent (a note
/// added again is a second note): so if the queue refuses, the deliveries
/// are kept as dead letters at once, for an operator to send with
/// `POST /v1/dead-letters/replay`, and the change is not answered as failed
/// for a client to make again. Only if D1 refuses them too does this fail.
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
    let deliveries = fan_out(survey, &event);
    let messages = serialized(&deliveries)?;
    let Err(refused) = send(env, &messages).await else {
        return Ok(());
    };
    let reason = format!(
        "{REFUSED}: {}",
        refused.server_side_detail().unwrap_or_default()
    );
    log::events_unqueued(&event.id, messages.len(), &reason);
    for (delivery, message) in deliveries.iter().zip(&messages) {
        let row = DeadLetterRow {
            delivery_key: &delivery.key(),
            ids: Some([&event.id, &event.data.survey_id, &delivery.destination_id]),
            reason: &reason,
            attempts: 0,
            message,
            unless_erased: erasure_key(env, delivery),
        };
        store::insert_dead_letter(env, &row).await?;
    }
    Ok(())
}

/// Why a case event is a dead letter before any try.
const REFUSED: &str = "the events queue refused it when the case changed";

/// Queues deliveries again as they were (a replay of dead letters): same
/// event, same destination, so receivers drop what they already have.
pub async fn enqueue_deliveries(env: &Env, deliveries: &[Delivery]) -> Result<(), ApiError> {
    send(env, &serialized(deliveries)?).await
}

/// One queue message per delivery.
fn serialized(deliveries: &[Delivery]) -> Result<Vec<String>, ApiError> {
    deliveries
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<Vec<String>, _>>()
        .map_err(|e| ApiError::Unavailable(e.to_string()))
}

/// Sends `messages` in batches the queue takes. Fails (so the caller
/// retries) if the queue refuses; a retry queues the same event ids again,
/// which receivers drop as duplicates.
async fn send(env: &Env, messages: &[String]) -> Result<(), ApiError> {
    if messages.is_empty() {
        return Ok(());
    }
    if switches::is_on(env, Switch::EventsQueueDown).await {
        return Err(ApiError::Unavailable(
            "the forwarding queue: switched off".into(),
        ));
    }
    let queue = env.queue("EVENTS").map_err(unavailable)?;
    for chunk in messages.chunks(SEND_BATCH_LIMIT) {
        queue
            .send_batch(chunk.to_vec())
            .await
            .map_err(unavailable)?;
    }
    Ok(())
}

fn unavailable(error: worker::Error) -> ApiError {
    ApiError::Unavailable(format!("the forwarding queue: {error}"))
}
