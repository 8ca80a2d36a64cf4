//! Wallboards (migration 0026): made, listed, looked up by the id their
//! link carries, revoked. What a wallboard shows is read elsewhere: the
//! daily counts (`reports::counts`), the newest praise and the team's
//! cases (`team_digests`).

use ambassador_shared::wallboard::Wallboard;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::Env;

use super::{execute, select, select_one, text};
use crate::ApiError;

const COLUMNS: &str =
    "id, survey_id, label, touchpoint, role, language, created_at, expires_at, created_by";

/// A stored wallboard, and whether and when it was revoked.
#[derive(Deserialize)]
pub struct Stored {
    /// The wallboard.
    #[serde(flatten)]
    pub wallboard: Wallboard,
    /// Unix milliseconds; `None` while it works.
    pub revoked_at: Option<i64>,
}

/// Stores a new wallboard.
pub async fn create(env: &Env, wallboard: &Wallboard) -> Result<(), ApiError> {
    let sql =
        format!("INSERT INTO wallboards ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    let values = [
        JsValue::from(wallboard.id.as_str()),
        JsValue::from(wallboard.survey_id.as_str()),
        JsValue::from(wallboard.label.as_str()),
        text(wallboard.touchpoint.as_deref()),
        text(wallboard.role.as_deref()),
        JsValue::from(wallboard.language.as_str()),
        JsValue::from(wallboard.created_at as f64),
        JsValue::from(wallboard.expires_at as f64),
        JsValue::from(wallboard.created_by.as_str()),
    ];
    execute(env, &sql, &values).await
}

/// The survey's wallboards not revoked, newest first (expired ones too:
/// their makers see them end).
pub async fn list(env: &Env, survey_id: &str) -> Result<Vec<Wallboard>, ApiError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM wallboards WHERE survey_id = ?1 AND revoked_at IS NULL \
         ORDER BY created_at DESC, id DESC"
    );
    select(env, &sql, &[JsValue::from(survey_id)]).await
}

/// The wallboard with this id, revoked or not.
pub async fn find(env: &Env, id: &str) -> Result<Option<Stored>, ApiError> {
    let sql = format!("SELECT {COLUMNS}, revoked_at FROM wallboards WHERE id = ?1");
    select_one(env, &sql, &[JsValue::from(id)]).await
}

/// Revokes the survey's wallboard `id` at `at_ms`; false when there is no
/// such wallboard not yet revoked.
pub async fn revoke(env: &Env, survey_id: &str, id: &str, at_ms: i64) -> Result<bool, ApiError> {
    let sql = "UPDATE wallboards SET revoked_at = ?3 \
         WHERE id = ?1 AND survey_id = ?2 AND revoked_at IS NULL RETURNING id";
    let values = [
        JsValue::from(id),
        JsValue::from(survey_id),
        JsValue::from(at_ms as f64),
    ];
    let rows: Vec<serde_json::Value> = select(env, sql, &values).await?;
    Ok(!rows.is_empty())
}
