//! The `cases` and `case_notes` tables: where the closed loop stands, and
//! what happened on the way. Cases are opened with their answer's write
//! (`responses.rs`); here they are read and changed.

use ambassador_shared::case::{CaseState, CaseStatus, Sla};
use ambassador_shared::forward::CaseData;
use ambassador_shared::report::date::timestamp_millis;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::Env;

use super::{db, select, select_one, text, unless_busy, AnswerColumns};
use crate::ApiError;

/// The most cases one inbox request lists, oldest first: a team with more
/// open cases than this has a bigger problem than paging.
pub const INBOX_LIMIT: usize = 500;

/// A case with what its answer says.
#[derive(Debug, Deserialize)]
pub struct CaseRow {
    /// The case's answer (a case has its answer's id).
    #[serde(flatten)]
    pub answer: AnswerColumns,
    pub status: String,
    pub assignee: Option<String>,
    pub resolution: Option<String>,
    pub opened_at: i64,
    pub first_contact_at: Option<i64>,
    pub updated_at: i64,
    pub source: String,
}

impl CaseRow {
    /// What the rules need of this case, at `now` (unix ms).
    pub fn state(&self, now: u64) -> CaseState {
        CaseState {
            // The table's CHECK allows only these; anything else reads as open.
            status: CaseStatus::parse(&self.status).unwrap_or(CaseStatus::Open),
            assignee: self.assignee.clone(),
            resolution: self.resolution.clone(),
            opened_ms: self.opened_at.max(0) as u64,
            first_contact_ms: self.first_contact_at.map(|at| at.max(0) as u64),
            now_ms: now,
        }
    }

    /// The case as events carry it, with the note a change added.
    pub fn event_data(&self, sla: Sla, now: u64, note: Option<&str>) -> CaseData {
        let state = self.state(now);
        CaseData {
            status: state.status,
            assignee: state.assignee.clone(),
            note: note.map(str::to_owned),
            resolution: state.resolution.clone(),
            due_at: timestamp_millis(self.opened_at + i64::from(sla.hours) * 3_600_000),
            overdue: sla.overdue(&state),
        }
    }
}

/// The survey's cases past their deadline with nobody having reached the
/// customer: opened before `opened_before` (unix ms), never contacted.
pub async fn overdue(
    env: &Env,
    survey_id: &str,
    opened_before: i64,
) -> Result<Vec<CaseRow>, ApiError> {
    let sql = format!(
        "{SELECT} WHERE c.survey_id = ?1 AND c.status IN ('open', 'unreachable') \
         AND c.first_contact_at IS NULL AND c.opened_at < ?2 \
         ORDER BY c.opened_at, c.id LIMIT {INBOX_LIMIT}"
    );
    let values = [
        JsValue::from(survey_id),
        JsValue::from(opened_before as f64),
    ];
    select(env, &sql, &values).await
}

/// One entry of a case's history.
#[derive(Debug, Deserialize)]
pub struct NoteRow {
    pub at: i64,
    pub author: String,
    pub text: String,
}

const SELECT: &str = "SELECT c.id, c.survey_id, c.touchpoint, c.role, c.status, c.assignee, \
    c.resolution, c.opened_at, c.first_contact_at, c.updated_at, r.score, r.comment, r.locale, \
    r.customer_ref, r.transaction_ref, r.source \
    FROM cases c JOIN responses r ON r.id = c.id";

/// The survey's cases in `statuses`, oldest first (the inbox's order).
pub async fn inbox(
    env: &Env,
    survey_id: &str,
    statuses: &[CaseStatus],
) -> Result<Vec<CaseRow>, ApiError> {
    let sql = format!(
        "{SELECT} WHERE c.survey_id = ?1 AND c.status IN (SELECT value FROM json_each(?2)) \
         ORDER BY c.opened_at, c.id LIMIT {INBOX_LIMIT}"
    );
    let names: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    let names = serde_json::to_string(&names).map_err(|e| ApiError::Unavailable(e.to_string()))?;
    let values = [JsValue::from(survey_id), JsValue::from(names)];
    select(env, &sql, &values).await
}

/// The case with this id, if there is one.
pub async fn case(env: &Env, id: &str) -> Result<Option<CaseRow>, ApiError> {
    let sql = format!("{SELECT} WHERE c.id = ?1");
    select_one(env, &sql, &[JsValue::from(id)]).await
}

/// The case's history, oldest first.
pub async fn notes(env: &Env, id: &str) -> Result<Vec<NoteRow>, ApiError> {
    let sql = "SELECT at, author, text FROM case_notes WHERE case_id = ?1 ORDER BY at, rowid";
    select(env, sql, &[JsValue::from(id)]).await
}

/// A case's new state, as the rules (`shared::case`) made it.
pub struct CaseUpdate<'a> {
    pub id: &'a str,
    pub status: CaseStatus,
    pub assignee: Option<&'a str>,
    pub resolution: Option<&'a str>,
    pub first_contact_at: Option<i64>,
    /// The `updated_at` the change was decided on: if the case changed
    /// since, nothing is written (someone else was quicker).
    pub seen_updated_at: i64,
    pub now: i64,
    /// The entry for the history, and who made it.
    pub note: Option<&'a str>,
    pub author: &'a str,
}

/// Writes `update` and its note in one transaction, unless the case changed
/// since it was read: then `false`, and nothing is written.
pub async fn update(env: &Env, update: &CaseUpdate<'_>) -> Result<bool, ApiError> {
    unless_busy(|| write(env, update)).await
}

async fn write(env: &Env, update: &CaseUpdate<'_>) -> Result<bool, ApiError> {
    let db = db(env).await?;
    let now = JsValue::from(update.now as f64);
    let change = db
        .prepare(
            "UPDATE cases SET status = ?2, assignee = ?3, resolution = ?4, \
             first_contact_at = ?5, updated_at = ?6 WHERE id = ?1 AND updated_at = ?7 \
             RETURNING id",
        )
        .bind(&[
            JsValue::from(update.id),
            JsValue::from(update.status.as_str()),
            text(update.assignee),
            text(update.resolution),
            update
                .first_contact_at
                .map_or(JsValue::NULL, |at| JsValue::from(at as f64)),
            now.clone(),
            JsValue::from(update.seen_updated_at as f64),
        ])?;
    // Written only if the update above was: the case then carries `now`.
    let note = db
        .prepare(
            "INSERT INTO case_notes (case_id, at, author, text) SELECT ?1, ?2, ?3, ?4 \
             WHERE ?4 IS NOT NULL AND EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND updated_at = ?2)",
        )
        .bind(&[
            JsValue::from(update.id),
            now,
            JsValue::from(update.author),
            text(update.note),
        ])?;
    let results = db.batch(vec![change, note]).await?;
    let changed: Vec<serde_json::Value> = match results.first() {
        Some(result) => result.results()?,
        None => Vec::new(),
    };
    Ok(!changed.is_empty())
}
