//! The `sessions` table: who is signed in, until when, by the SHA-256 of
//! their cookie's random id.

use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::Env;

use super::{execute, select_one};
use crate::ApiError;

/// A session's owner and end.
#[derive(Deserialize)]
pub struct SessionRow {
    pub name: String,
    pub expires_at: i64,
}

/// Starts a session for `name` until `expires_at` (unix ms).
pub async fn create(
    env: &Env,
    id_hash: &str,
    name: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), ApiError> {
    let sql =
        "INSERT INTO sessions (id_hash, name, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)";
    let values = [
        JsValue::from(id_hash),
        JsValue::from(name),
        JsValue::from(now as f64),
        JsValue::from(expires_at as f64),
    ];
    execute(env, sql, &values).await
}

/// The session with this id hash, if it exists (expired or not).
pub async fn find(env: &Env, id_hash: &str) -> Result<Option<SessionRow>, ApiError> {
    let sql = "SELECT name, expires_at FROM sessions WHERE id_hash = ?1";
    select_one(env, sql, &[JsValue::from(id_hash)]).await
}

/// Ends the session with this id hash.
pub async fn delete(env: &Env, id_hash: &str) -> Result<(), ApiError> {
    let sql = "DELETE FROM sessions WHERE id_hash = ?1";
    execute(env, sql, &[JsValue::from(id_hash)]).await
}

/// Deletes the sessions that ended before `now`.
pub async fn delete_expired(env: &Env, now: i64) -> Result<(), ApiError> {
    let sql = "DELETE FROM sessions WHERE expires_at < ?1";
    execute(env, sql, &[JsValue::from(now as f64)]).await
}
