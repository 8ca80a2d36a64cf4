//! The `rate_limits` table: per-client request counts per minute.

use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::Env;

use super::db;
use crate::ApiError;

const HIT: &str = "INSERT INTO rate_limits (client, window, hits) VALUES (?1, ?2, 1) \
    ON CONFLICT (client, window) DO UPDATE SET hits = hits + 1 RETURNING hits";
/// Past minutes of every client: the table holds only the current minute,
/// so this scan stays as small as the number of clients active right now.
const FORGET_OLD: &str = "DELETE FROM rate_limits WHERE window < ?1";

/// Counts one request of `client` in `minute` and returns its count so far.
/// The same round trip drops the counts of earlier minutes.
pub async fn count_hit(env: &Env, client: &str, minute: u64) -> Result<u64, ApiError> {
    let db = db(env)?;
    let args = [JsValue::from(client), JsValue::from(minute as f64)];
    let hit = db.prepare(HIT).bind(&args)?;
    let forget = db.prepare(FORGET_OLD).bind(&args[1..])?;
    let results = db.batch(vec![hit, forget]).await?;
    let counted: Vec<Hits> = match results.first() {
        Some(result) => result.results()?,
        None => Vec::new(),
    };
    Ok(counted.first().map_or(0, |c| c.hits))
}

#[derive(Deserialize)]
struct Hits {
    hits: u64,
}
