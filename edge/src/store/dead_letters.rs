//! The `dead_letters` table: deliveries given up on, kept for an operator,
//! listed and sent again through `/v1/dead-letters`.

use ambassador_shared::forward::dead_letters::{DeadLetterQuery, Replay, MAX_REPLAY};
use wasm_bindgen::JsValue;
use worker::{Date, Env};

use super::{db, execute, select, text, unless_busy};
use crate::ApiError;

/// Kept unless its customer (digest `?9`) was erased at or after the answer
/// it tells of (`?10`, unix ms): checked in the insert itself, so an erasure
/// committing a moment before is never missed.
const INSERT: &str = "INSERT INTO dead_letters \
    (delivery_key, event_id, survey_id, destination_id, reason, attempts, message, created_at) \
    SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS \
    (SELECT 1 FROM erasures WHERE customer_digest = ?9 AND erased_at >= ?10) \
    ON CONFLICT (delivery_key) DO NOTHING";

/// One dead letter. The ids are absent for a queue message that could not
/// be read as a delivery, which is kept verbatim all the same.
pub struct DeadLetterRow<'a> {
    /// Unique per delivery, so a letter recorded twice is one row.
    pub delivery_key: &'a str,
    /// The event, survey and destination it was for, when known.
    pub ids: Option<[&'a str; 3]>,
    /// Why it was given up on.
    pub reason: &'a str,
    /// How often it was tried.
    pub attempts: u32,
    /// The delivery as queued (JSON), or the unreadable message's text.
    pub message: &'a str,
    /// Its customer's digest and the time of the answer it tells of
    /// (`forward::erased::erasure_key`): an erasure at or after that time
    /// keeps it out. `None` for a letter no erasure can reach.
    pub unless_erased: Option<(String, u64)>,
}

/// Writes `row` once; a second write of the same delivery changes nothing.
pub async fn insert_dead_letter(env: &Env, row: &DeadLetterRow<'_>) -> Result<(), ApiError> {
    let [event, survey, destination] = row.ids.map_or([None; 3], |ids| ids.map(Some));
    let values = [
        row.delivery_key.into(),
        text(event),
        text(survey),
        text(destination),
        row.reason.into(),
        row.attempts.into(),
        row.message.into(),
        JsValue::from(Date::now().as_millis() as f64),
        text(
            row.unless_erased
                .as_ref()
                .map(|(digest, _)| digest.as_str()),
        ),
        row.unless_erased
            .as_ref()
            .map_or(JsValue::NULL, |(_, at)| JsValue::from(*at as f64)),
    ];
    execute(env, INSERT, &values).await
}

/// A dead letter as listed: what it was and why, not the message itself
/// (it holds the answer's words).
#[derive(Debug, serde::Deserialize, serde::Serialize)]
pub struct ListedLetter {
    pub delivery_key: String,
    pub event_id: Option<String>,
    pub survey_id: Option<String>,
    pub destination_id: Option<String>,
    pub reason: String,
    pub attempts: u32,
    pub created_at: f64,
}

const LIST: &str = "SELECT delivery_key, event_id, survey_id, destination_id, reason, attempts, \
    created_at FROM dead_letters \
    WHERE (?1 IS NULL OR survey_id = ?1) AND (?2 IS NULL OR destination_id = ?2) \
      AND (?3 IS NULL OR delivery_key > ?3) \
    ORDER BY delivery_key LIMIT ?4";

/// A page of dead letters, in key order (stable under new arrivals).
pub async fn list(env: &Env, query: &DeadLetterQuery) -> Result<Vec<ListedLetter>, ApiError> {
    let values = [
        text(query.survey.as_deref()),
        text(query.destination.as_deref()),
        text(query.after.as_deref()),
        JsValue::from(query.limit),
    ];
    select(env, LIST, &values).await
}

/// A dead letter to send again: its key and the delivery as queued.
#[derive(Debug, serde::Deserialize)]
pub struct KeptLetter {
    pub delivery_key: String,
    pub event_id: Option<String>,
    pub message: String,
}

const BY_KEYS: &str = "SELECT delivery_key, event_id, message FROM dead_letters \
    WHERE delivery_key IN (SELECT value FROM json_each(?1))";

const MATCHING: &str = "SELECT delivery_key, event_id, message FROM dead_letters \
    WHERE survey_id = ?1 AND (?2 IS NULL OR destination_id = ?2) \
    ORDER BY created_at, delivery_key LIMIT ?3";

/// The dead letters a replay names.
pub async fn kept(env: &Env, replay: &Replay) -> Result<Vec<KeptLetter>, ApiError> {
    match replay {
        Replay::Keys(keys) => {
            let keys = JsValue::from(serde_json::json!(keys).to_string());
            select(env, BY_KEYS, &[keys]).await
        }
        Replay::Matching {
            survey,
            destination,
        } => {
            let values = [
                JsValue::from(survey.as_str()),
                text(destination.as_deref()),
                JsValue::from(MAX_REPLAY as u32),
            ];
            select(env, MATCHING, &values).await
        }
    }
}

const DELETE: &str = "DELETE FROM dead_letters WHERE delivery_key IN \
    (SELECT value FROM json_each(?1))";

/// Forgets dead letters that are queued again.
pub async fn delete(env: &Env, keys: &[&str]) -> Result<(), ApiError> {
    let keys = JsValue::from(serde_json::json!(keys).to_string());
    unless_busy(|| async {
        db(env)
            .await?
            .prepare(DELETE)
            .bind(std::slice::from_ref(&keys))?
            .run()
            .await?;
        Ok(())
    })
    .await
}
