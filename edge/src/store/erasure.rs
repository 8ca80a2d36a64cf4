//! Erasing personal data: everything stored about one customer, on their
//! request (GDPR art. 17), and answers past their survey's retention. A
//! customer's erasure is also remembered for a while, by a keyed digest, so
//! it reaches their answers still on the intake queue (`store::intake`) and
//! their events still on the events queue (`forward::erased`).
//!
//! Each erasure is one D1 batch, which D1 runs as one transaction: the
//! rows keyed by an answer's id (its case, the case's notes, the dead
//! letters of its events) and the answers go together or not at all, so a
//! failure never leaves a case without its answer. Rows keyed by an answer
//! are deleted before the answers, since their statements find them through
//! `responses`. Deleting answers fires the triggers of
//! `0020_daily_counts_by_score.sql`, `0015_comments_search.sql` and
//! `0019_click_settling.sql`, so reports, the comment search and the visits
//! to an email's links forget them in the same transaction.
//!
//! Dead letters are found through the stored delivery's JSON (the event's
//! `data`, see `0010_dead_letters.sql`); a message that was not JSON cannot
//! be the customer's event, and `CASE` keeps `->>` from ever reading it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsValue;
use worker::{Date, Env};

use super::{db, execute, select, select_one, unless_busy};
use crate::ApiError;

/// What one statement of an erasure deletes, and the name its count is
/// reported under. Each statement returns one row per row it deleted.
struct Part {
    name: &'static str,
    sql: &'static str,
}

/// Everything stored about the customer `?1`, in every survey. Another table
/// with a customer's data is one more part here, and one more count in the
/// answer. Opt-outs stay: forgetting one would let the next invitation
/// through to someone who asked for no more.
const CUSTOMER: &[Part] = &[
    Part {
        name: "case_notes",
        sql: "DELETE FROM case_notes WHERE case_id IN \
              (SELECT id FROM responses WHERE customer_ref = ?1) RETURNING 1",
    },
    Part {
        name: "cases",
        sql: "DELETE FROM cases WHERE id IN \
              (SELECT id FROM responses WHERE customer_ref = ?1) RETURNING 1",
    },
    Part {
        name: "dead_letters",
        sql: "DELETE FROM dead_letters WHERE CASE WHEN json_valid(message) \
              THEN message ->> '$.event.data.context.customer_ref' END = ?1 RETURNING 1",
    },
    Part {
        name: "invitations",
        sql: "DELETE FROM invitations WHERE customer_ref = ?1 RETURNING 1",
    },
    Part {
        name: "answers",
        sql: "DELETE FROM responses WHERE customer_ref = ?1 RETURNING 1",
    },
];

/// The oldest answers of survey `?1` created before `?2` (unix ms), at most
/// `?3` of them, with what hangs on them. Every statement selects the same
/// answers: the answers themselves go last, and the order is total.
const EXPIRED: &[Part] = &[
    Part {
        name: "case_notes",
        sql: "DELETE FROM case_notes WHERE case_id IN (SELECT id FROM responses \
              WHERE survey_id = ?1 AND created_at < ?2 ORDER BY created_at, id LIMIT ?3) \
              RETURNING 1",
    },
    Part {
        name: "cases",
        sql: "DELETE FROM cases WHERE id IN (SELECT id FROM responses \
              WHERE survey_id = ?1 AND created_at < ?2 ORDER BY created_at, id LIMIT ?3) \
              RETURNING 1",
    },
    Part {
        name: "dead_letters",
        sql: "DELETE FROM dead_letters WHERE CASE WHEN json_valid(message) \
              THEN message ->> '$.event.data.response_id' END IN (SELECT id FROM responses \
              WHERE survey_id = ?1 AND created_at < ?2 ORDER BY created_at, id LIMIT ?3) \
              RETURNING 1",
    },
    Part {
        name: "answers",
        sql: "DELETE FROM responses WHERE id IN (SELECT id FROM responses \
              WHERE survey_id = ?1 AND created_at < ?2 ORDER BY created_at, id LIMIT ?3) \
              RETURNING 1",
    },
    // Invitations are kept as long as answers (they name the customer), in
    // chunks of their own: an invitation is usually a little older than its
    // answer, never tied to it.
    Part {
        name: "invitations",
        sql: "DELETE FROM invitations WHERE id IN (SELECT id FROM invitations \
              WHERE survey_id = ?1 AND created_at < ?2 ORDER BY created_at, id LIMIT ?3) \
              RETURNING 1",
    },
];

/// How many rows an erasure deleted, per part, by name (serialized as a
/// JSON object: `{"answers": 3, "cases": 1, ...}`).
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Erased(serde_json::Map<String, Value>);

impl Erased {
    /// How many answers went.
    pub fn answers(&self) -> u64 {
        self.count("answers")
    }

    /// How many invitations went.
    pub fn invitations(&self) -> u64 {
        self.count("invitations")
    }

    fn count(&self, part: &str) -> u64 {
        self.0.get(part).and_then(Value::as_u64).unwrap_or(0)
    }
}

/// Remembers the erasure of the customer with digest `?1` at `?2` (unix
/// ms), for their writes still on the intake queue
/// (`shared::intake::erasure`); erasing them again moves it on.
const REMEMBER: &str = "INSERT INTO erasures (customer_digest, erased_at) VALUES (?1, ?2) \
    ON CONFLICT (customer_digest) DO UPDATE SET erased_at = max(erased_at, excluded.erased_at)";

/// Erases everything stored about `customer_ref`, in every survey, and
/// remembers the erasure by the customer's `digest`, in the same
/// transaction, so the writes still on the intake queue are dropped.
pub async fn erase_customer(
    env: &Env,
    customer_ref: &str,
    digest: &str,
) -> Result<Erased, ApiError> {
    let remember = [
        JsValue::from(digest),
        JsValue::from(Date::now().as_millis() as f64),
    ];
    erase(
        env,
        Some(&remember),
        CUSTOMER,
        &[JsValue::from(customer_ref)],
    )
    .await
}

/// Whether the customer with `digest` was erased at or after `at_ms` (unix
/// ms): then their write acknowledged at `at_ms` was dropped.
pub async fn erased_since(env: &Env, digest: &str, at_ms: u64) -> Result<bool, ApiError> {
    let sql = "SELECT 1 AS erased FROM erasures WHERE customer_digest = ?1 AND erased_at >= ?2";
    let values = [JsValue::from(digest), JsValue::from(at_ms as f64)];
    let row: Option<Value> = select_one(env, sql, &values).await?;
    Ok(row.is_some())
}

/// When each customer among `digests` was last erased (unix ms), for the
/// erasures still remembered; a customer never erased is not in it.
pub async fn erased_at(env: &Env, digests: &[String]) -> Result<HashMap<String, u64>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        customer_digest: String,
        erased_at: f64,
    }
    let sql = "SELECT customer_digest, erased_at FROM erasures \
        WHERE customer_digest IN (SELECT value FROM json_each(?1))";
    let digests = JsValue::from(serde_json::json!(digests).to_string());
    let rows: Vec<Row> = select(env, sql, &[digests]).await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.customer_digest, row.erased_at as u64))
        .collect())
}

/// Forgets the erasures made before `before` (unix ms): no write
/// acknowledged before them can still be on the queue.
pub async fn forget_erasures(env: &Env, before: i64) -> Result<(), ApiError> {
    let sql = "DELETE FROM erasures WHERE erased_at < ?1";
    execute(env, sql, &[JsValue::from(before as f64)]).await
}

/// Erases at most `limit` of survey `survey_id`'s answers created before
/// `before` (unix ms), oldest first, with their cases, notes and dead
/// letters, and at most `limit` of its invitations as old. Fewer than
/// `limit` of each erased means none older are left.
pub async fn erase_expired(
    env: &Env,
    survey_id: &str,
    before: i64,
    limit: u32,
) -> Result<Erased, ApiError> {
    let values = [
        JsValue::from(survey_id),
        JsValue::from(before as f64),
        JsValue::from(limit),
    ];
    erase(env, None, EXPIRED, &values).await
}

/// Of `cutoffs` (survey id, unix ms), the surveys that have answers or
/// invitations created before their cutoff: one query, on the indexes by
/// survey and time, so a retention run spends its chunks only where there
/// is something to delete.
pub async fn surveys_with_expired(
    env: &Env,
    cutoffs: &[(&str, i64)],
) -> Result<Vec<String>, ApiError> {
    #[derive(serde::Deserialize)]
    struct Row {
        survey_id: String,
    }
    let sql = "SELECT c.value ->> 0 AS survey_id FROM json_each(?1) AS c \
        WHERE EXISTS (SELECT 1 FROM responses \
        WHERE survey_id = c.value ->> 0 AND created_at < c.value ->> 1) \
        OR EXISTS (SELECT 1 FROM invitations \
        WHERE survey_id = c.value ->> 0 AND created_at < c.value ->> 1)";
    let cutoffs = JsValue::from(serde_json::json!(cutoffs).to_string());
    let rows: Vec<Row> = select(env, sql, &[cutoffs]).await?;
    Ok(rows.into_iter().map(|r| r.survey_id).collect())
}

/// Runs `parts` with `values` as one batch, after [`REMEMBER`] with
/// `remember` if given, and counts what each part deleted.
async fn erase(
    env: &Env,
    remember: Option<&[JsValue]>,
    parts: &[Part],
    values: &[JsValue],
) -> Result<Erased, ApiError> {
    let results = unless_busy(|| async {
        let db = db(env).await?;
        let mut statements = Vec::with_capacity(parts.len() + 1);
        if let Some(remember) = remember {
            statements.push(db.prepare(REMEMBER).bind(remember)?);
        }
        for part in parts {
            statements.push(db.prepare(part.sql).bind(values)?);
        }
        Ok(db.batch(statements).await?)
    })
    .await?;
    let counted = results
        .get(usize::from(remember.is_some())..)
        .unwrap_or_default();
    if counted.len() != parts.len() {
        let why = format!(
            "D1 answered {} of {} statements",
            results.len(),
            parts.len() + usize::from(remember.is_some())
        );
        return Err(ApiError::Unavailable(why));
    }
    let mut counts = serde_json::Map::new();
    for (part, result) in parts.iter().zip(counted) {
        let deleted = result.results::<Value>()?.len();
        counts.insert(part.name.to_owned(), Value::from(deleted));
    }
    Ok(Erased(counts))
}
