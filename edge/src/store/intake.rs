//! Writing answers: a batch of intake writes (`shared::intake`) applied to
//! `responses` in one round trip, in any order, any number of times.
//!
//! The writes travel as one JSON array bound to one parameter and are
//! unpacked by `json_each`, so a batch of a hundred is one statement with one
//! bound value (D1 allows 100 per statement, a row here has 17). The upsert
//! keeps a row only for a write of higher precedence, the mirror of
//! `shared::intake::merge`; cases open in the same batch, so there is never a
//! confirmed detractor without its case; and the rows are read back in it,
//! so each write learns what it did. A write acknowledged before its
//! customer's erasure stores nothing (`shared::intake::erasure`). A click
//! also records its visit (`link_visits`), which its settling judges
//! (`store::clicks`); a write that wins over a click starts its settling
//! anew.

use std::collections::HashMap;

use ambassador_shared::intake::erasure::customer_digest;
use ambassador_shared::intake::{IntakeWrite, WriteKind};
use ambassador_shared::link::LinkSecret;
use ambassador_shared::Category;
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use worker::{Date, Env};

use super::{db, unless_busy};
use crate::{config, ApiError};

/// What one write did to its answer's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// It made the row.
    Created,
    /// It changed the row, which it now holds.
    Changed,
    /// It changed the row and is the first write to make it count: the
    /// confirmation of a click that was not yet settled as a person's (or
    /// was suspected), whose event is `response.created`.
    FirstCounted,
    /// A widget answer with this id and the same content was already stored
    /// (a client's retry): nothing changed.
    Repeated,
    /// A write that wins over this one is stored (a later click, a
    /// confirmation): nothing changed.
    Superseded,
    /// A widget answer with this id but other content was stored first; it
    /// stays, and the row counts the conflict.
    Conflict,
    /// The customer's data was erased after this write was acknowledged
    /// (`shared::intake::erasure`): nothing stored, nothing to forward.
    Erased,
}

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

const UPSERT: &str = concat!(
    "INSERT INTO responses \
    (id, survey_id, score, category, comment, locale, touchpoint, role, customer_ref, \
     transaction_ref, page_url, answers, source, confirmed, created_at, updated_at, precedence, \
     stored_at, announced_at) \
    SELECT w.value ->> 'id', w.value ->> 'survey_id', w.value ->> 'score', \
     w.value ->> 'category', w.value ->> 'comment', w.value ->> 'locale', \
     w.value ->> 'touchpoint', w.value ->> 'role', w.value ->> 'customer_ref', \
     w.value ->> 'transaction_ref', w.value ->> 'page_url', w.value ->> 'answers', \
     w.value ->> 'source', w.value ->> 'confirmed', w.value ->> 'at', w.value ->> 'at', \
     w.value ->> 'precedence', ?2, w.value ->> 'announced_at' \
    FROM json_each(?1) AS w WHERE ",
    not_erased!(),
    " ON CONFLICT (id) DO UPDATE SET score = excluded.score, category = excluded.category, \
     comment = excluded.comment, answers = excluded.answers, locale = excluded.locale, \
     confirmed = excluded.confirmed, updated_at = excluded.updated_at, \
     precedence = excluded.precedence, stored_at = excluded.stored_at, \
     settled_at = NULL, suspect = NULL, \
     announced_at = coalesce(responses.announced_at, excluded.announced_at) \
    WHERE excluded.precedence > responses.precedence"
);

/// Each click's visit, for the scanner rule; a redelivery adds nothing.
const RECORD_VISITS: &str = concat!(
    "INSERT OR IGNORE INTO link_visits \
    (response_id, at, score, issued_at) \
    SELECT w.value ->> 'id', w.value ->> 'at', w.value ->> 'score', w.value ->> 'issued_at' \
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

const READ_BACK: &str = "SELECT id, precedence, created_at, score, comment, answers, locale, \
    announced_at \
    FROM responses WHERE id IN (SELECT w.value ->> 'id' FROM json_each(?1) AS w)";

const COUNT_CONFLICTS: &str = "UPDATE responses SET conflicts = conflicts + 1 \
    WHERE id IN (SELECT value FROM json_each(?1))";

#[derive(Deserialize)]
struct Row {
    id: String,
    precedence: f64,
    created_at: f64,
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
    let batch = writes.iter().map(|w| row(w, secret.as_ref())).collect();
    let batch = JsValue::from(Value::Array(batch).to_string());
    let now = JsValue::from(Date::now().as_millis() as f64);
    let (rows, dropped): (Vec<Row>, Vec<Dropped>) = unless_busy(|| async {
        let db = db(env).await?;
        let one = std::slice::from_ref(&batch);
        let statements = vec![
            db.prepare(UPSERT).bind(&[batch.clone(), now.clone()])?,
            db.prepare(RECORD_VISITS).bind(one)?,
            db.prepare(OPEN_CASES).bind(one)?,
            db.prepare(READ_BACK).bind(one)?,
            db.prepare(DROPPED).bind(one)?,
        ];
        let results = db.batch(statements).await?;
        match (results.get(3), results.get(4)) {
            (Some(read), Some(dropped)) => Ok((read.results()?, dropped.results()?)),
            _ => Err(ApiError::Unavailable("D1 returned no read-back".into())),
        }
    })
    .await?;
    let rows: HashMap<&str, &Row> = rows.iter().map(|r| (r.id.as_str(), r)).collect();
    let outcomes: Vec<Stored> = writes
        .iter()
        .map(|w| {
            let erased = dropped
                .iter()
                .any(|d| d.id == w.answer.id && d.at == w.at_ms as f64);
            if erased {
                Ok(Stored::Erased)
            } else {
                outcome(w, rows.get(w.answer.id.as_str()).copied())
            }
        })
        .collect::<Result<_, _>>()?;
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

/// What `write` did, judged by the row after the batch.
fn outcome(write: &IntakeWrite, row: Option<&Row>) -> Result<Stored, ApiError> {
    let Some(row) = row else {
        return Err(ApiError::Unavailable(format!(
            "the answer {} is not in D1 after its write",
            write.answer.id
        )));
    };
    if row.precedence == write.precedence() as f64 {
        let at = write.at_ms as f64;
        return Ok(if row.created_at == at {
            Stored::Created
        } else if write.kind == WriteKind::Confirm && row.announced_at == Some(at) {
            Stored::FirstCounted
        } else {
            Stored::Changed
        });
    }
    if write.kind != WriteKind::Widget {
        return Ok(Stored::Superseded);
    }
    let a = &write.answer;
    let same = row.score == a.score.value()
        && row.comment == a.comment
        && row.answers == answers_json(write)
        && row.locale == a.locale.as_str();
    Ok(if same {
        Stored::Repeated
    } else {
        Stored::Conflict
    })
}

/// The extra-question answers as stored: a JSON object, `None` when there are none.
fn answers_json(write: &IntakeWrite) -> Option<String> {
    let answers = &write.answer.answers;
    (!answers.is_empty()).then(|| json!(answers).to_string())
}

/// One write as an element of the batch's JSON array; with the digest of
/// its customer under `secret`, which erasures are remembered by.
fn row(write: &IntakeWrite, secret: Option<&LinkSecret>) -> Value {
    let a = &write.answer;
    let c = &a.context;
    json!({
        "id": a.id,
        "survey_id": a.survey_id,
        "score": a.score.value(),
        "category": Category::of(a.score).as_str(),
        "comment": a.comment,
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
        "precedence": write.precedence(),
        "opens_case": write.opens_case,
        "kind": write.kind,
        "issued_at": write.issued_at,
        // What is confirmed counts from this write on; a click waits.
        "announced_at": write.confirmed().then_some(write.at_ms),
    })
}
