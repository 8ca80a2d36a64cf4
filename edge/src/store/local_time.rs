//! The days of answers and invitations rebuilt for the deployment's zone
//! (migration `0023_local_time.sql`): the zone's offsets written to
//! `zone_offsets`, then each row's `day` recomputed from its time, a range
//! of rowids per statement. The daily counts' triggers move each answer
//! from its old day to its new one inside the statement that changes it, so
//! reports count every answer once at every moment of the rebuild.

use ambassador_shared::local_time::Zone;
use serde::Deserialize;
use serde_json::json;
use wasm_bindgen::JsValue;
use worker::Env;

use super::{db, select_one, unless_busy};
use crate::ApiError;

/// Rows per statement: D1 runs a statement for at most 30 s; ten thousand
/// answers, each moved between two daily counts by the triggers, take well
/// under a second (docs/performance.md, "Rebuilding the days").
const ROWS_PER_STATEMENT: i64 = 10_000;

const STATE: &str = "SELECT zone, responses_after, invitations_after FROM local_time WHERE id = 1";

/// The local day, in the zone of `zone_offsets`, of a row's `created_at`.
macro_rules! local_day {
    () => {
        "date((created_at + coalesce((SELECT o.offset_ms FROM zone_offsets AS o \
         WHERE o.from_ms <= created_at ORDER BY o.from_ms DESC LIMIT 1), 0)) / 1000, 'unixepoch')"
    };
}

/// The rows of `$table` with rowids in (?1, ?2] given the day of their
/// `created_at` in the zone; rows already right are left alone, so the
/// triggers do no needless work.
macro_rules! rebuild {
    ($table:literal) => {
        concat!(
            "UPDATE ",
            $table,
            " SET day = ",
            local_day!(),
            " WHERE rowid > ?1 AND rowid <= ?2 AND day IS NOT ",
            local_day!()
        )
    };
}

/// Moves `$column` of the state from ?1 to ?2, or to NULL (done) once ?2
/// passes the table's last rowid; only if no other run moved it first.
macro_rules! advance {
    ($table:literal, $column:literal) => {
        concat!(
            "UPDATE local_time SET ",
            $column,
            " = CASE WHEN ?2 >= (SELECT coalesce(max(rowid), 0) FROM ",
            $table,
            ") THEN NULL ELSE ?2 END WHERE id = 1 AND ",
            $column,
            " = ?1 RETURNING ",
            $column,
            " AS after"
        )
    };
}

/// Where the rebuild stands.
#[derive(Debug, Deserialize)]
pub struct State {
    /// The zone the days are, or are being rebuilt, for.
    pub zone: String,
    /// Answers up to this rowid are rebuilt; `None`: all of them.
    pub responses_after: Option<f64>,
    /// The same for invitations.
    pub invitations_after: Option<f64>,
}

/// The two tables whose rows carry a local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `responses`, counted by `daily_counts`.
    Responses,
    /// `invitations`, counted per day of sending for response rates.
    Invitations,
}

/// Where the rebuild stands; `None` before the migration ran.
pub async fn state(env: &Env) -> Result<Option<State>, ApiError> {
    select_one(env, STATE, &[]).await
}

/// Starts the rebuild for `zone`: its offsets replace the table's, and
/// every row is due.
pub async fn start(env: &Env, zone: &Zone) -> Result<(), ApiError> {
    let offsets = JsValue::from(json!(zone.offsets()).to_string());
    let name = JsValue::from(zone.name());
    unless_busy(|| async {
        let db = db(env).await?;
        let statements = vec![
            db.prepare("DELETE FROM zone_offsets"),
            db.prepare(
                "INSERT INTO zone_offsets (from_ms, offset_ms) \
                 SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
            )
            .bind(std::slice::from_ref(&offsets))?,
            db.prepare(
                "UPDATE local_time SET zone = ?1, responses_after = 0, invitations_after = 0 \
                 WHERE id = 1",
            )
            .bind(std::slice::from_ref(&name))?,
        ];
        db.batch(statements).await?;
        Ok(())
    })
    .await
}

/// How far a step got.
#[derive(Deserialize)]
struct Advanced {
    after: Option<f64>,
}

/// What a step leaves to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// Rows after this rowid.
    After(i64),
    /// Nothing: the table is rebuilt.
    Nothing,
    /// Another run moved the rebuild on first: this one stops.
    Overtaken,
}

/// Rebuilds the days of `table`'s rows after rowid `after`, one statement's
/// worth, and records how far it got, in one transaction.
pub async fn step(env: &Env, table: Table, after: i64) -> Result<Left, ApiError> {
    let (rebuild, advance) = match table {
        Table::Responses => (
            rebuild!("responses"),
            advance!("responses", "responses_after"),
        ),
        Table::Invitations => (
            rebuild!("invitations"),
            advance!("invitations", "invitations_after"),
        ),
    };
    let values = [
        JsValue::from(after as f64),
        JsValue::from((after + ROWS_PER_STATEMENT) as f64),
    ];
    unless_busy(|| async {
        let db = db(env).await?;
        let statements = vec![
            db.prepare(rebuild).bind(&values)?,
            db.prepare(advance).bind(&values)?,
        ];
        let results = db.batch(statements).await?;
        let advanced: Vec<Advanced> = match results.get(1) {
            Some(advanced) => advanced.results()?,
            None => return Err(ApiError::Unavailable("D1 returned no progress".into())),
        };
        Ok(match advanced.first() {
            None => Left::Overtaken,
            Some(Advanced { after: None }) => Left::Nothing,
            Some(Advanced { after: Some(at) }) => Left::After(*at as i64),
        })
    })
    .await
}

/// Deletes the daily counts left empty: a rebuild moves every answer of a
/// UTC day to its local day, and the emptied rows would double the rows
/// a report sums. One statement over the counts, not the answers.
pub async fn forget_empty_counts(env: &Env) -> Result<(), ApiError> {
    const EMPTY: &str = "DELETE FROM daily_counts WHERE n0 + n1 + n2 + n3 + n4 + n5 + n6 + n7 \
        + n8 + n9 + n10 = 0";
    super::execute(env, EMPTY, &[]).await
}
