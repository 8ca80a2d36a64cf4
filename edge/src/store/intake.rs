//! Writing answers: a batch of intake writes (`shared::intake`) applied to
//! `responses` in one round trip, in any order, any number of times.
//!
//! The writes travel as one JSON array bound to one parameter and are
//! unpacked by `json_each`, so a batch of a hundred is one statement with one
//! bound value (D1 allows 100 per statement, a row here has 17). The upsert
//! applies each answer's best write of the batch and keeps a row only for a
//! write of higher precedence, the mirror of `shared::intake::merge`; cases
//! open in the same batch, so there is never a confirmed detractor without
//! its case; and the rows are read before and after it, so each write learns
//! what it did (`shared::intake::stored`). A write never touches a row of
//! another survey or source, and a click never replaces a click settled as
//! a person's (it waits for its own settling). A write acknowledged before its
//! customer's erasure stores nothing (`shared::intake::erasure`). A click
//! also records its visit (`link_visits`), which its settling judges
//! (`store::clicks`); a write that wins over a click starts its settling
//! anew.

use std::collections::HashMap;

use ambassador_shared::intake::erasure::customer_digest;
use ambassador_shared::intake::precedence::{merge, Held, Incoming, Merge};
use ambassador_shared::intake::stored::{judge, Applied, Mark};
use ambassador_shared::intake::IntakeWrite;
pub use ambassador_shared::intake::Stored;
use ambassador_shared::link::LinkSecret;
use ambassador_shared::themes::stored_terms;
use ambassador_shared::Category;
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use worker::{Date, Env};

use super::{db, unless_busy};
use crate::switches::{self, Switch};
use crate::{config, local_time, surveys, ApiError};

/// The condition, on a write `w` of the batch, that no erasure of its
/// customer came at or after it: each statement that stores part of a write
/// holds it, so a dropped write leaves nothing.
macro_rules! not_erased {
    () => {
        "NOT EXISTS (SELECT 1 FROM erasures AS e \
         WHERE e.customer_digest = w.value ->> 'customer_digest' \
         AND e.erased_at >= w.value ->> 'at')"
    };
}

/// The condition, on a write `w` of the batch, that no stored row of its id
/// belongs to another survey or source (`shared::intake::merge`'s
/// `Foreign`): such a write stores nothing, and the row counts a conflict.
macro_rules! not_foreign {
    () => {
        "NOT EXISTS (SELECT 1 FROM responses AS r WHERE r.id = w.value ->> 'id' \
         AND (r.survey_id IS NOT w.value ->> 'survey_id' \
         OR r.source IS NOT w.value ->> 'source'))"
    };
}

/// Each answer's best write of the batch (`not_erased!` and `not_foreign!`
/// on `w`, so the upsert never meets a foreign write), so that
/// what the row holds, and when it first counted, never depends on the
/// order of the batch (`shared::intake::stored`).
macro_rules! best_of_batch {
    () => {
        concat!(
            "WITH best AS (SELECT w.value AS value, row_number() OVER \
             (PARTITION BY w.value ->> 'id' ORDER BY w.value ->> 'precedence' DESC, w.key) \
             AS rank FROM json_each(?1) AS w WHERE ",
            not_erased!(),
            " AND ",
            not_foreign!(),
            ") "
        )
    };
}

const UPSERT: &str = concat!(
    best_of_batch!(),
    "INSERT INTO responses \
    (id, survey_id, score, category, comment, locale, touchpoint, role, customer_ref, \
     transaction_ref, page_url, answers, source, confirmed, created_at, updated_at, precedence, \
     stored_at, announced_at, day, terms) \
    SELECT w.value ->> 'id', w.value ->> 'survey_id', w.value ->> 'score', \
     w.value ->> 'category', w.value ->> 'comment', w.value ->> 'locale', \
     w.value ->> 'touchpoint', w.value ->> 'role', w.value ->> 'customer_ref', \
     w.value ->> 'transaction_ref', w.value ->> 'page_url', w.value ->> 'answers', \
     w.value ->> 'source', w.value ->> 'confirmed', w.value ->> 'at', w.value ->> 'at', \
     w.value ->> 'precedence', ?2, w.value ->> 'announced_at', w.value ->> 'day', \
     w.value ->> 'terms' \
    FROM best AS w WHERE w.rank = 1 \
    ON CONFLICT (id) DO UPDATE SET score = excluded.score, category = excluded.category, \
     comment = excluded.comment, terms = excluded.terms, answers = excluded.answers, \
     locale = excluded.locale, \
     confirmed = excluded.confirmed, updated_at = excluded.updated_at, \
     precedence = excluded.precedence, stored_at = excluded.stored_at, \
     settled_at = NULL, suspect = NULL, \
     announced_at = coalesce(responses.announced_at, excluded.announced_at) \
    WHERE excluded.precedence > responses.precedence \
     AND (excluded.confirmed = 1 OR responses.state <> 'settled')"
);

/// An answer dates from its first acknowledged write, whichever arrived
/// first: a confirmation the queue delivered before its click still dates
/// from the click, so its reporting day and retention do not depend on the
/// order either. (`day` is the local day of that write: with `min()`,
/// SQLite takes the other columns from the row holding the minimum.)
const EARLIEST: &str = concat!(
    "UPDATE responses SET created_at = e.at, day = e.day FROM \
     (SELECT w.value ->> 'id' AS id, min(w.value ->> 'at') AS at, w.value ->> 'day' AS day \
      FROM json_each(?1) AS w WHERE ",
    not_erased!(),
    " AND ",
    not_foreign!(),
    " GROUP BY 1) AS e \
    WHERE responses.id = e.id AND e.at < responses.created_at"
);

/// Each click's visit, for the scanner rule; a redelivery adds nothing.
const RECORD_VISITS: &str = concat!(
    "INSERT OR IGNORE INTO link_visits \
    (response_id, at, score, issued_at, scanner_network) \
    SELECT w.value ->> 'id', w.value ->> 'at', w.value ->> 'score', w.value ->> 'issued_at', \
    w.value ->> 'scanner_network' \
    FROM json_each(?1) AS w WHERE w.value ->> 'kind' = 'click' AND ",
    not_erased!()
);

/// The batch's writes that an erasure dropped, by id and time.
const DROPPED: &str = concat!(
    "SELECT w.value ->> 'id' AS id, w.value ->> 'at' AS at FROM json_each(?1) AS w \
    WHERE w.value ->> 'customer_digest' IS NOT NULL AND NOT ",
    not_erased!()
);

/// A case for each confirmed answer whose winning write opens one.
const OPEN_CASES: &str = "INSERT INTO cases \
    (id, survey_id, touchpoint, role, status, opened_at, updated_at) \
    SELECT r.id, r.survey_id, r.touchpoint, r.role, 'open', w.value ->> 'at', w.value ->> 'at' \
    FROM json_each(?1) AS w JOIN responses AS r ON r.id = w.value ->> 'id' \
    WHERE w.value ->> 'opens_case' AND r.confirmed = 1 \
      AND r.precedence = w.value ->> 'precedence' \
    ON CONFLICT (id) DO NOTHING";

/// The batch's answers as they were before it.
const BEFORE: &str = "SELECT id, precedence, announced_at FROM responses \
    WHERE id IN (SELECT w.value ->> 'id' FROM json_each(?1) AS w)";

/// The batch's answers as they are after it.
const READ_BACK: &str = "SELECT id, survey_id, precedence, score, comment, answers, locale, \
    announced_at \
    FROM responses WHERE id IN (SELECT w.value ->> 'id' FROM json_each(?1) AS w)";

/// One more conflict per write kept out: two in one batch count two.
const COUNT_CONFLICTS: &str = "UPDATE responses SET conflicts = conflicts + \
    (SELECT count(*) FROM json_each(?1) AS c WHERE c.value = responses.id) \
    WHERE id IN (SELECT value FROM json_each(?1))";

#[derive(Deserialize)]
struct Before {
    id: String,
    precedence: f64,
    announced_at: Option<f64>,
}

#[derive(Deserialize)]
struct Row {
    id: String,
    survey_id: String,
    precedence: f64,
    score: u8,
    comment: Option<String>,
    answers: Option<String>,
    locale: String,
    announced_at: Option<f64>,
}

#[derive(Deserialize)]
struct Dropped {
    id: String,
    at: f64,
}

/// Applies `writes` and says, for each in order, what it did.
pub async fn apply(env: &Env, writes: &[IntakeWrite]) -> Result<Vec<Stored>, ApiError> {
    if writes.is_empty() {
        return Ok(Vec::new());
    }
    // Without the secret no erasure can have been remembered either
    // (`routes::customers` needs it): there is nothing to check against.
    let secret = config::link_secret(env).ok();
    let terms = !switches::is_on(env, Switch::TermsOff).await;
    let batch = writes
        .iter()
        .map(|w| row(w, secret.as_ref(), terms))
        .collect();
    let batch = JsValue::from(Value::Array(batch).to_string());
    let now = JsValue::from(Date::now().as_millis() as f64);
    let (before, rows, dropped): (Vec<Before>, Vec<Row>, Vec<Dropped>) = unless_busy(|| async {
        let db = db(env).await?;
        let one = std::slice::from_ref(&batch);
        let statements = vec![
            db.prepare(BEFORE).bind(one)?,
            db.prepare(UPSERT).bind(&[batch.clone(), now.clone()])?,
            db.prepare(EARLIEST).bind(one)?,
            db.prepare(RECORD_VISITS).bind(one)?,
            db.prepare(OPEN_CASES).bind(one)?,
            db.prepare(READ_BACK).bind(one)?,
            db.prepare(DROPPED).bind(one)?,
        ];
        let results = db.batch(statements).await?;
        match (results.first(), results.get(5), results.get(6)) {
            (Some(before), Some(read), Some(dropped)) => {
                Ok((before.results()?, read.results()?, dropped.results()?))
            }
            _ => Err(ApiError::Unavailable("D1 returned no read-back".into())),
        }
    })
    .await?;
    let outcomes = outcomes(writes, &before, &rows, &dropped)?;
    let conflicts: Vec<&str> = writes
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| **o == Stored::Conflict)
        .map(|(w, _)| w.answer.id.as_str())
        .collect();
    if !conflicts.is_empty() {
        let ids = JsValue::from(json!(conflicts).to_string());
        unless_busy(|| async {
            db(env)
                .await?
                .prepare(COUNT_CONFLICTS)
                .bind(std::slice::from_ref(&ids))?
                .run()
                .await?;
            Ok(())
        })
        .await?;
    }
    Ok(outcomes)
}

/// What each write did, judged per answer (`shared::intake::stored`) from
/// its row before the batch and after it.
fn outcomes(
    writes: &[IntakeWrite],
    before: &[Before],
    rows: &[Row],
    dropped: &[Dropped],
) -> Result<Vec<Stored>, ApiError> {
    let mark = |precedence: f64, announced_at: Option<f64>| Mark {
        precedence: precedence as u64,
        announced_at: announced_at.map(|at| at as u64),
    };
    let before: HashMap<&str, Mark> = before
        .iter()
        .map(|b| (b.id.as_str(), mark(b.precedence, b.announced_at)))
        .collect();
    let rows: HashMap<&str, &Row> = rows.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut of_answer: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, write) in writes.iter().enumerate() {
        of_answer.entry(&write.answer.id).or_default().push(i);
    }
    let mut outcomes = vec![None; writes.len()];
    for (id, indices) in of_answer {
        let row = rows.get(id).copied();
        let applied: Vec<Applied> = indices
            .iter()
            .map(|&i| {
                let w = &writes[i];
                Applied {
                    precedence: w.precedence(),
                    erased: dropped.iter().any(|d| d.id == id && d.at == w.at_ms as f64),
                    foreign: row.is_some_and(|row| foreign(w, row)),
                    same_content: row.is_some_and(|row| same_content(w, row)),
                }
            })
            .collect();
        let after = row.map(|r| mark(r.precedence, r.announced_at));
        let judged = judge(&applied, before.get(id).copied(), after).ok_or_else(|| {
            ApiError::Unavailable(format!("the answer {id} is not in D1 after its write"))
        })?;
        for (i, stored) in indices.into_iter().zip(judged) {
            outcomes[i] = Some(stored);
        }
    }
    Ok(outcomes.into_iter().flatten().collect())
}

/// Whether `row` belongs to another survey or source than `write` names,
/// by the shared merge rule.
fn foreign(write: &IntakeWrite, row: &Row) -> bool {
    let held = Held {
        precedence: row.precedence as u64,
        survey_id: &row.survey_id,
        settled: false,
    };
    let incoming = Incoming {
        precedence: write.precedence(),
        survey_id: &write.answer.survey_id,
    };
    merge(Some(held), incoming) == Merge::Foreign
}

/// Whether `row` holds what `write` says.
fn same_content(write: &IntakeWrite, row: &Row) -> bool {
    let a = &write.answer;
    row.score == a.score.value()
        && row.comment == a.comment
        && row.answers == answers_json(write)
        && row.locale == a.locale.as_str()
}

/// The extra-question answers as stored: a JSON object, `None` when there are none.
fn answers_json(write: &IntakeWrite) -> Option<String> {
    let answers = &write.answer.answers;
    (!answers.is_empty()).then(|| json!(answers).to_string())
}

/// One write as an element of the batch's JSON array; with the digest of
/// its customer under `secret`, which erasures are remembered by.
fn row(write: &IntakeWrite, secret: Option<&LinkSecret>, terms: bool) -> Value {
    let a = &write.answer;
    let c = &a.context;
    let survey = surveys::all().ok().and_then(|all| all.get(&a.survey_id));
    let themes = survey.map_or(&[][..], |s| &s.themes[..]);
    json!({
        "id": a.id,
        "survey_id": a.survey_id,
        "score": a.score.value(),
        "category": Category::of(a.score).as_str(),
        "comment": a.comment,
        // What the comment is counted under in the themes (migration 0024).
        "terms": stored_terms(a.comment.as_deref().filter(|_| terms), a.locale, themes),
        "locale": a.locale.as_str(),
        "touchpoint": c.touchpoint,
        "role": c.role,
        "customer_ref": c.customer_ref,
        "customer_digest": c.customer_ref.as_deref().zip(secret).map(|(r, s)| customer_digest(r, s)),
        "transaction_ref": c.transaction_ref,
        "page_url": c.page_url,
        "answers": answers_json(write),
        "source": write.source(),
        "confirmed": u8::from(write.confirmed()),
        "at": write.at_ms,
        // The owners' day of the write: what the daily counts count by.
        "day": local_time::zone().day_of(write.at_ms as i64).to_string(),
        "precedence": write.precedence(),
        "opens_case": write.opens_case,
        "kind": write.kind,
        "issued_at": write.issued_at,
        "scanner_network": write.scanner_network,
        // What is confirmed counts from this write on; a click waits.
        "announced_at": write.confirmed().then_some(write.at_ms),
    })
}
