//! What a team digest reads besides the daily counts (`reports::counts`):
//! the few newest promoters' comments, the team's cases, and which digests
//! went out already (`team_digests_sent`, migration 0025).

use ambassador_shared::report::ReportFilter;
use ambassador_shared::team_digest::MAX_PRAISE;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::Env;

use super::{execute, select, select_one, text};
use crate::{local_time, ApiError};

/// Whether the digest with this event id was queued before.
pub async fn sent(env: &Env, id: &str) -> Result<bool, ApiError> {
    let sql = "SELECT 1 AS one FROM team_digests_sent WHERE id = ?1";
    let row: Option<serde_json::Value> = select_one(env, sql, &[JsValue::from(id)]).await?;
    Ok(row.is_some())
}

/// Remembers the digest as queued; a second record of it changes nothing.
pub async fn record_sent(env: &Env, id: &str, at_ms: i64) -> Result<(), ApiError> {
    let sql = "INSERT OR IGNORE INTO team_digests_sent (id, sent_at) VALUES (?1, ?2)";
    execute(env, sql, &[JsValue::from(id), JsValue::from(at_ms as f64)]).await
}

#[derive(Deserialize)]
struct Comment {
    comment: String,
}

/// The newest promoters' comments the filter's answers hold, newest first,
/// at most [`MAX_PRAISE`]: answers that count (confirmed, or a click
/// settled as a person's), read on the index (survey, created_at) with a
/// limit, so a busy team costs what a quiet one does.
pub async fn praise(
    env: &Env,
    survey_id: &str,
    filter: &ReportFilter,
) -> Result<Vec<String>, ApiError> {
    let sql = format!(
        "SELECT comment FROM responses WHERE survey_id = ?1 \
         AND created_at >= ?2 AND created_at < ?3 \
         AND (?4 IS NULL OR touchpoint = ?4) AND (?5 IS NULL OR role = ?5) \
         AND category = 'promoter' AND comment IS NOT NULL \
         AND state IN ('confirmed', 'settled') \
         ORDER BY created_at DESC, id DESC LIMIT {MAX_PRAISE}"
    );
    let (start, end) = filter.millis(local_time::zone());
    let values = [
        JsValue::from(survey_id),
        JsValue::from(start as f64),
        JsValue::from(end as f64),
        text(filter.touchpoint.as_deref()),
        text(filter.role.as_deref()),
    ];
    let rows: Vec<Comment> = select(env, &sql, &values).await?;
    Ok(rows.into_iter().map(|row| row.comment).collect())
}

/// A team's cases now: how many are not resolved, and how many of them are
/// overdue.
#[derive(Deserialize)]
pub struct CaseCounts {
    pub open: u64,
    pub overdue: u64,
}

/// The cases of the filter's touchpoint and role not resolved, and of them
/// those overdue as `cases::overdue` counts them (opened before
/// `opened_before`, nobody has reached the customer). On the inbox's index
/// (survey, status, opened_at).
pub async fn cases(
    env: &Env,
    survey_id: &str,
    filter: &ReportFilter,
    opened_before: i64,
) -> Result<CaseCounts, ApiError> {
    let sql = "SELECT COUNT(*) AS open, \
         COALESCE(SUM(status IN ('open', 'unreachable') AND first_contact_at IS NULL \
         AND opened_at < ?4), 0) AS overdue \
         FROM cases WHERE survey_id = ?1 AND status IN ('open', 'contacted', 'unreachable') \
         AND (?2 IS NULL OR touchpoint = ?2) AND (?3 IS NULL OR role = ?3)";
    let values = [
        JsValue::from(survey_id),
        text(filter.touchpoint.as_deref()),
        text(filter.role.as_deref()),
        JsValue::from(opened_before as f64),
    ];
    let counts = select_one(env, sql, &values).await?;
    Ok(counts.unwrap_or(CaseCounts {
        open: 0,
        overdue: 0,
    }))
}
