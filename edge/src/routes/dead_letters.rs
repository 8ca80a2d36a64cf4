//! Dead letters over HTTP, for operators: `GET /v1/dead-letters` lists what
//! forwarding gave up on, `POST /v1/dead-letters/replay` sends a selection
//! again through the events queue, with its signing and retries, once the
//! cause is fixed. A letter is forgotten once it is queued again; if it fails
//! again, it comes back as a new dead letter.

use ambassador_shared::forward::dead_letters::{DeadLetterQuery, Replay};
use ambassador_shared::forward::Delivery;
use ambassador_shared::input::limits::MAX_BODY_BYTES;
use ambassador_shared::report::date::timestamp;
use serde_json::json;
use worker::{Env, Request, Response};

use super::{authorize, json_response, query};
use crate::body::read_limited;
use crate::store::dead_letters;
use crate::{forward, ApiError};

/// A page of dead letters (without their messages, which hold the answers'
/// words), and the key to ask for the next page after, `null` at the end.
pub async fn list(req: &Request, env: &Env) -> Result<Response, ApiError> {
    authorize(req, env).await?;
    let query = DeadLetterQuery::from_query(query(req)?).map_err(ApiError::InvalidQuery)?;
    let rows = dead_letters::list(env, &query).await?;
    let next = match rows.last() {
        Some(last) if rows.len() == query.limit as usize => Some(last.delivery_key.clone()),
        _ => None,
    };
    let letters: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            json!({
                "delivery_key": r.delivery_key, "event_id": r.event_id,
                "survey_id": r.survey_id, "destination_id": r.destination_id,
                "reason": r.reason, "attempts": r.attempts,
                "at": timestamp(r.created_at as i64),
            })
        })
        .collect();
    json_response(&json!({"dead_letters": letters, "next": next}), 200)
}

/// Queues the named dead letters again and forgets them. One that is not a
/// delivery (a message kept verbatim) cannot be sent: it stays, and is named.
pub async fn replay(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let principal = authorize(&req, env).await?;
    if !principal.works_cases() {
        return Err(ApiError::Forbidden(
            "viewers read dead letters; an agent or the API key sends them again",
        ));
    }
    let body = read_limited(&mut req, MAX_BODY_BYTES).await?;
    let replay = Replay::from_json(&body)?;
    let kept = dead_letters::kept(env, &replay).await?;
    let mut deliveries = Vec::new();
    let mut replayed = Vec::new();
    let mut unreadable = Vec::new();
    for letter in &kept {
        match serde_json::from_str::<Delivery>(&letter.message) {
            Ok(delivery) if letter.event_id.is_some() => {
                deliveries.push(delivery);
                replayed.push(letter.delivery_key.as_str());
            }
            _ => unreadable.push(letter.delivery_key.as_str()),
        }
    }
    forward::enqueue_deliveries(env, &deliveries).await?;
    dead_letters::delete(env, &replayed).await?;
    let not_found: Vec<&String> = match &replay {
        Replay::Keys(keys) => keys
            .iter()
            .filter(|k| !kept.iter().any(|l| &l.delivery_key == *k))
            .collect(),
        Replay::Matching { .. } => Vec::new(),
    };
    let body = json!({
        "replayed": replayed, "not_a_delivery": unreadable, "not_found": not_found,
    });
    json_response(&body, 200)
}
