//! The `dead_letters` table: deliveries given up on, kept for an operator.

use wasm_bindgen::JsValue;
use worker::{Date, Env};

use super::{db, text};
use crate::ApiError;

const INSERT: &str = "INSERT INTO dead_letters \
    (delivery_key, event_id, survey_id, destination_id, reason, attempts, message, created_at) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
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
    ];
    db(env).await?.prepare(INSERT).bind(&values)?.run().await?;
    Ok(())
}
