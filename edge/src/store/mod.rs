//! D1 storage: the only modules that know the SQL, one per table or concern.

pub mod cases;
pub mod clicks;
pub mod comments;
pub mod dead_letters;
pub mod erasure;
mod intake;
pub mod invitations;
mod reports;
pub mod sessions;

pub use dead_letters::{insert_dead_letter, DeadLetterRow};
pub use intake::{apply, Stored};
pub use reports::{counts, export_page, ExportRow, EXPORT_PAGE};

use std::future::Future;
use std::time::Duration;

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{D1Database, Delay, Env};

use crate::switches::{self, Switch};
use crate::ApiError;

/// Runs `statement` (prepared afresh by each call) and, when the database
/// refused it because another writer held its lock, again after 50, 100,
/// 200, 400, 800 and 1,600 ms. A refused statement did nothing, so
/// repeating it is safe, and the caller gets its answer instead of a 503.
/// Locally that other writer may be an operator's (or a test's) `wrangler
/// d1 execute` on the file, a whole process that can hold it for seconds
/// while a busy machine runs it.
async fn unless_busy<T, F, Fut>(mut statement: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let mut pause = 50;
    loop {
        match statement().await {
            Err(ApiError::Unavailable(why)) if busy(&why) && pause <= 1600 => {
                Delay::from(Duration::from_millis(pause)).await;
                pause *= 2;
            }
            outcome => return outcome,
        }
    }
}

/// Runs one statement that returns nothing, [`unless_busy`].
async fn execute(env: &Env, sql: &str, values: &[JsValue]) -> Result<(), ApiError> {
    unless_busy(|| async {
        db(env).await?.prepare(sql).bind(values)?.run().await?;
        Ok(())
    })
    .await
}

/// Every row `sql` with `values` reads, as `T`.
async fn select<T: DeserializeOwned>(
    env: &Env,
    sql: &str,
    values: &[JsValue],
) -> Result<Vec<T>, ApiError> {
    unless_busy(|| async {
        Ok(db(env)
            .await?
            .prepare(sql)
            .bind(values)?
            .all()
            .await?
            .results()?)
    })
    .await
}

/// The first row of [`select`], for reads by a key.
async fn select_one<T: DeserializeOwned>(
    env: &Env,
    sql: &str,
    values: &[JsValue],
) -> Result<Option<T>, ApiError> {
    Ok(select(env, sql, values).await?.into_iter().next())
}

fn busy(why: &str) -> bool {
    why.contains("SQLITE_BUSY") || why.contains("database is locked")
}

/// Asks D1 the simplest question, for the readiness probe.
pub async fn ping(env: &Env) -> Result<(), ApiError> {
    select::<serde_json::Value>(env, "SELECT 1 AS one", &[])
        .await
        .map(|_| ())
}

/// The database binding named in `wrangler.toml` (unavailable while the
/// test build's D1 switch is on, see `switches`).
async fn db(env: &Env) -> Result<D1Database, ApiError> {
    if switches::is_on(env, Switch::D1Down).await {
        return Err(ApiError::Unavailable("D1 is down (test switch)".into()));
    }
    Ok(env.d1("DB")?)
}

/// Optional text as a bound value: `NULL` when absent.
fn text(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from)
}
