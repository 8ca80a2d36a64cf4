//! Settling email clicks: the visits to an email's links (`link_visits`,
//! migration 0019), and a click's verdict once its quiet period is over.
//!
//! Click writes record their visit in the intake batch itself
//! (`store::intake`); the hidden link's visit and the settling are here.

use ambassador_shared::link::scanner::Visit;
use ambassador_shared::{Category, Score};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::Env;

use super::{db, select, unless_busy, AnswerColumns};
use crate::ApiError;

const RECORD_HONEYPOT: &str = "INSERT OR IGNORE INTO link_visits \
    (response_id, at, score, issued_at) VALUES (?1, ?2, -1, ?3)";

const READ_CLICK: &str = "SELECT id, survey_id, score, locale, touchpoint, role, \
    customer_ref, transaction_ref, confirmed, updated_at, settled_at, suspect, announced_at, \
    precedence FROM responses WHERE id = ?1";

/// Each visit with the email's reported sending, if the answer is an
/// invitation's (`invitations.response_id` is unique, so one row at most).
const READ_VISITS: &str = "SELECT v.at, v.score, v.issued_at, v.scanner_network, i.sent_at \
    FROM link_visits AS v LEFT JOIN invitations AS i ON i.response_id = v.response_id \
    WHERE v.response_id = ?1";

/// Settles the row if the click made at ?4 is still its last and nothing
/// settled it: ?2 now, ?3 the suspicion or NULL. A person's click makes the
/// answer count, and the first to do so is remembered (`announced_at`).
const SETTLE: &str = "UPDATE responses SET settled_at = ?2, suspect = ?3, \
    announced_at = CASE WHEN ?3 IS NULL THEN coalesce(announced_at, ?4) ELSE announced_at END \
    WHERE id = ?1 AND confirmed = 0 AND settled_at IS NULL AND updated_at = ?4";

/// Makes the click made at ?5 (score ?3, category ?4, precedence ?6) the
/// answer, judged a person's at ?7, if the row still holds the write of
/// precedence ?2 and is unconfirmed (`shared::intake::settle`'s `Adopt`):
/// a later person's click replacing an earlier one, or a person's click
/// replacing one that does not count. A row changed since it was read is
/// left alone, and the settling tried again.
const ADOPT: &str = "UPDATE responses SET score = ?3, category = ?4, updated_at = ?5, \
    precedence = ?6, stored_at = ?7, settled_at = ?7, suspect = NULL, \
    announced_at = coalesce(announced_at, ?5) \
    WHERE id = ?1 AND precedence = ?2 AND confirmed = 0";

/// A case for a settled click whose category opens one (?3).
const OPEN_CASE: &str = "INSERT INTO cases \
    (id, survey_id, touchpoint, role, status, opened_at, updated_at) \
    SELECT id, survey_id, touchpoint, role, 'open', ?2, ?2 FROM responses \
    WHERE id = ?1 AND ?3 = 1 AND state = 'settled' \
    ON CONFLICT (id) DO NOTHING";

/// Clicks still waiting to settle whose last click was before ?1, oldest
/// first, at most ?2 (the partial index `responses_unsettled` serves it).
const OVERDUE: &str = "SELECT id, survey_id, updated_at FROM responses \
    WHERE confirmed = 0 AND settled_at IS NULL AND updated_at < ?1 \
    ORDER BY updated_at LIMIT ?2";

/// Visits older than ?1 to an email none of whose scores was clicked: a
/// hidden-link visit alone, which can no longer weigh on any click.
const FORGET_ORPHANS: &str = "DELETE FROM link_visits WHERE at < ?1 \
    AND response_id NOT IN (SELECT id FROM responses)";

/// Deletes the visits before `before_ms` that have no answer.
pub async fn forget_orphans(env: &Env, before_ms: u64) -> Result<(), ApiError> {
    let values = [JsValue::from(before_ms as f64)];
    unless_busy(|| async {
        db(env)
            .await?
            .prepare(FORGET_ORPHANS)
            .bind(&values)?
            .run()
            .await?;
        Ok(())
    })
    .await
}

/// A click that should have settled by now.
#[derive(Deserialize)]
pub struct Overdue {
    /// The answer.
    pub id: String,
    /// Its survey.
    pub survey_id: String,
    /// Its last click, unix ms.
    pub updated_at: f64,
}

/// Up to `limit` clicks whose last click was before `before_ms` and which
/// never settled.
pub async fn overdue(env: &Env, before_ms: u64, limit: u32) -> Result<Vec<Overdue>, ApiError> {
    let values = [JsValue::from(before_ms as f64), JsValue::from(limit)];
    select(env, OVERDUE, &values).await
}

/// An email answer as its settling needs it.
#[derive(Deserialize)]
pub struct ClickRow {
    /// The answer the click made (a click has no comment).
    #[serde(flatten)]
    pub answer: AnswerColumns,
    /// 1 once confirmed: a confirmation is never second-guessed.
    pub confirmed: u8,
    /// The time of the winning click: the last one.
    pub updated_at: f64,
    /// When it was settled, if it was.
    pub settled_at: Option<f64>,
    /// Why it was taken for a scanner's, if it was.
    pub suspect: Option<String>,
    /// The time of the write (or click) that first made it count.
    pub announced_at: Option<f64>,
    /// The precedence of the write it holds (`shared::intake::precedence`).
    pub precedence: f64,
}

#[derive(Deserialize)]
struct VisitRow {
    at: f64,
    score: i64,
    issued_at: Option<f64>,
    scanner_network: Option<String>,
    sent_at: Option<f64>,
}

/// Records a visit to the email's hidden link of answer `id`; a repeat
/// changes nothing.
pub async fn record_honeypot(
    env: &Env,
    id: &str,
    at_ms: u64,
    issued_at: Option<u64>,
) -> Result<(), ApiError> {
    let values = [
        JsValue::from(id),
        JsValue::from(at_ms as f64),
        issued_at.map_or(JsValue::NULL, |i| JsValue::from(i as f64)),
    ];
    unless_busy(|| async {
        db(env)
            .await?
            .prepare(RECORD_HONEYPOT)
            .bind(&values)?
            .run()
            .await?;
        Ok(())
    })
    .await
}

/// The answer `id` and every visit to its links; `None` if it is not
/// stored (yet).
pub async fn read(env: &Env, id: &str) -> Result<Option<(ClickRow, Vec<Visit>)>, ApiError> {
    let key = [JsValue::from(id)];
    let Some(row) = select::<ClickRow>(env, READ_CLICK, &key).await?.pop() else {
        return Ok(None);
    };
    let visits = select::<VisitRow>(env, READ_VISITS, &key)
        .await?
        .iter()
        .map(|v| Visit {
            at_ms: v.at.max(0.0) as u64,
            score: Score::new(v.score).ok(),
            issued_at: v.issued_at.map(|i| i.max(0.0) as u64),
            sent_at: v.sent_at.map(|s| s.max(0.0) as u64),
            scanner_network: v.scanner_network.is_some(),
        })
        .collect();
    Ok(Some((row, visits)))
}

/// The click `adopted` (made at `at_ms`, with `precedence`), judged a
/// person's at `now_ms`, becomes answer `id` if the row still holds the
/// write of precedence `held`; opens its case if `opens_case`; then reads
/// the row back. `None` if the row changed since it was read.
pub async fn adopt(
    env: &Env,
    id: &str,
    held: f64,
    adopted: &Adopted,
    now_ms: u64,
    opens_case: bool,
) -> Result<Option<ClickRow>, ApiError> {
    let values = [
        JsValue::from(id),
        JsValue::from(held),
        JsValue::from(adopted.score.value()),
        JsValue::from(Category::of(adopted.score).as_str()),
        JsValue::from(adopted.at_ms as f64),
        JsValue::from(adopted.precedence as f64),
        JsValue::from(now_ms as f64),
    ];
    let rows = write_then_read(env, id, ADOPT, &values, now_ms, opens_case).await?;
    Ok(rows
        .into_iter()
        .next()
        .filter(|row| row.updated_at == adopted.at_ms as f64 && row.settled_at.is_some()))
}

/// A click that becomes the answer ([`adopt`]).
pub struct Adopted {
    /// When it was made, unix ms.
    pub at_ms: u64,
    /// The score clicked.
    pub score: Score,
    /// Its place in the merge order.
    pub precedence: u64,
}

/// Settles answer `id` as of its click at `click_at_ms`, with the verdict
/// `suspect` (`None`: a person's), opening its case if `opens_case`; then
/// reads it back. Changes nothing if a later click, a confirmation or an
/// earlier settling came first.
pub async fn settle(
    env: &Env,
    id: &str,
    click_at_ms: u64,
    now_ms: u64,
    suspect: Option<&str>,
    opens_case: bool,
) -> Result<Option<ClickRow>, ApiError> {
    let settle = [
        JsValue::from(id),
        JsValue::from(now_ms as f64),
        suspect.map_or(JsValue::NULL, JsValue::from),
        JsValue::from(click_at_ms as f64),
    ];
    let rows = write_then_read(env, id, SETTLE, &settle, now_ms, opens_case).await?;
    Ok(rows.into_iter().next())
}

/// Runs `write` with `values` on answer `id`, opens its case if it is now
/// a settled click and `opens_case`, and reads the row back, in one batch.
async fn write_then_read(
    env: &Env,
    id: &str,
    write: &str,
    values: &[JsValue],
    now_ms: u64,
    opens_case: bool,
) -> Result<Vec<ClickRow>, ApiError> {
    let case = [
        JsValue::from(id),
        JsValue::from(now_ms as f64),
        JsValue::from(u8::from(opens_case)),
    ];
    let key = [JsValue::from(id)];
    unless_busy(|| async {
        let db = db(env).await?;
        let statements = vec![
            db.prepare(write).bind(values)?,
            db.prepare(OPEN_CASE).bind(&case)?,
            db.prepare(READ_CLICK).bind(&key)?,
        ];
        let results = db.batch(statements).await?;
        match results.get(2) {
            Some(read) => Ok(read.results()?),
            None => Err(ApiError::Unavailable("D1 returned no read-back".into())),
        }
    })
    .await
}
