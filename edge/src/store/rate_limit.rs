//! The `rate_limits` table: per-client request counts per minute.

use wasm_bindgen::JsValue;
use worker::Env;

use super::{db, unavailable};
use crate::ApiError;

const HIT: &str = "INSERT INTO rate_limits (client, window, hits) VALUES (?1, ?2, 1) \
    ON CONFLICT (client, window) DO UPDATE SET hits = hits + 1 RETURNING hits";
const FORGET_OLD: &str = "DELETE FROM rate_limits WHERE client = ?1 AND window < ?2";

/// Counts one request of `client` in `minute` and returns its count so far.
/// The same round trip drops that client's earlier minutes.
pub async fn count_hit(env: &Env, client: &str, minute: u64) -> Result<u64, ApiError> {
    let db = db(env)?;
    let args = [JsValue::from(client), JsValue::from(minute as f64)];
    let hit = db.prepare(HIT).bind(&args).map_err(unavailable)?;
    let forget = db.prepare(FORGET_OLD).bind(&args).map_err(unavailable)?;
    let results = db.batch(vec![hit, forget]).await.map_err(unavailable)?;
    let hits: Vec<f64> = results
        .first()
        .map(|r| r.results::<serde_json::Value>())
        .transpose()
        .map_err(unavailable)?
        .unwrap_or_default()
        .iter()
        .filter_map(|row| row["hits"].as_f64())
        .collect();
    Ok(hits.first().copied().unwrap_or(0.0) as u64)
}
