//! D1 storage: the only modules that know the SQL, one per table or concern.

mod answer;
pub mod cases;
pub mod clicks;
pub mod comments;
pub mod dead_letters;
pub mod erasure;
mod intake;
pub mod invitations;
pub mod local_time;
mod reports;
pub mod sessions;
pub mod team_digests;
pub mod themes;
pub mod wallboards;

pub use answer::AnswerColumns;
pub use dead_letters::{insert_dead_letter, DeadLetterRow};
pub use intake::{apply, Stored};
pub use reports::{counts, export_page, tally, ExportRow, EXPORT_PAGE};

use std::future::Future;
use std::time::Duration;

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{D1Database, Delay, Env};

use crate::switches::{self, Switch};
use crate::ApiError;

/// Runs `statement` (prepared afresh by each call) and, when the database
/// refused it because another writer held its lock (or failed in a way
/// [`busy`] names), again after 50, 100, 200, 400, 800 and 1,600 ms. A
/// refused statement did nothing, and every write here is idempotent by its
/// key, so repeating it is safe, and the caller gets its answer instead of
/// a 503.
/// Locally that other writer may be an operator's `wrangler d1 execute` on
/// the file, a whole process that can hold it for seconds while a busy
/// machine runs it.
async fn unless_busy<T, F, Fut>(statement: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    retrying(statement, busy).await
}

/// [`unless_busy`] for a statement that only reads, which is also tried
/// again after any error D1 calls retryable, "internal error" included.
/// Cloudflare's D1 does this itself for read-only queries (two retries,
/// changelog of 2025-09-11); the local D1 does not, and there a read can
/// meet an internal error while another process (an operator's
/// `wrangler d1 execute`) has the file open.
async fn reading<T, F, Fut>(statement: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    retrying(statement, |why| busy(why) || why.contains("internal error")).await
}

async fn retrying<T, F, Fut>(
    mut statement: F,
    transient: impl Fn(&str) -> bool,
) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let mut pause = 50;
    loop {
        match statement().await {
            Err(ApiError::Unavailable(why)) if transient(&why) && pause <= 1600 => {
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
    reading(|| async {
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

/// A lock held by another writer, or what Cloudflare's D1 documentation
/// names as safe to retry ("Retry queries": a lost connection, a reset
/// object).
fn busy(why: &str) -> bool {
    [
        "SQLITE_BUSY",
        "database is locked",
        "Network connection lost",
        "storage caused object to be reset",
        "reset because its code was updated",
    ]
    .iter()
    .any(|sign| why.contains(sign))
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
