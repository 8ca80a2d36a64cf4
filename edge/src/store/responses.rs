//! The `responses` table: one row per answer, keyed by its id.
//!
//! Three ways in, one per way an answer arrives: a widget POST is stored
//! once (a retry changes nothing); a click in an email records its score
//! provisionally and later clicks change it; the landing page's POST confirms
//! the email answer with its comment and answers.

use ambassador_shared::{Category, Context, Locale, Score};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::{Date, Env};

use super::{db, text, unless_busy};
use crate::ApiError;

/// Where an answer came from, as stored in `source`.
#[derive(Clone, Copy)]
pub enum Source {
    Widget,
    Email,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Widget => "widget",
            Source::Email => "email",
        }
    }
}

/// One answer as it is written to a row.
pub struct Answer<'a> {
    pub id: &'a str,
    pub survey_id: &'a str,
    pub score: Score,
    pub comment: Option<&'a str>,
    pub locale: Locale,
    pub context: &'a Context,
    /// The extra-question answers as a JSON object, `None` when there are none.
    pub answers: Option<String>,
    pub source: Source,
    /// Whether this answer, once confirmed, opens a case (its survey's
    /// `cases.categories` holds its category).
    pub opens_case: bool,
}

/// Whether a write made a new row, changed a stored one, or found the id
/// already stored and left it: forwarding sends `response.created` for the
/// first and `response.updated` for the second.
pub enum Stored {
    New,
    /// An existing row was rewritten at this unix millisecond.
    Updated {
        at_ms: u64,
    },
    AlreadyThere,
}

const INSERT: &str = "INSERT INTO responses \
    (id, survey_id, score, category, comment, locale, touchpoint, role, \
     customer_ref, transaction_ref, page_url, answers, source, confirmed, \
     created_at, updated_at) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15) ";

/// Stores a widget answer once: a second insert with the same id changes nothing.
pub async fn insert_once(env: &Env, answer: &Answer<'_>) -> Result<Stored, ApiError> {
    let sql = format!("{INSERT} ON CONFLICT (id) DO NOTHING RETURNING created_at");
    write(env, &sql, answer, true).await
}

/// Records the score of an email click, unconfirmed. A later click (another
/// score, a reminder email) changes the score of the same row; whether the row
/// was confirmed stays as it was.
pub async fn record_click(env: &Env, answer: &Answer<'_>) -> Result<Stored, ApiError> {
    let sql = format!(
        "{INSERT} ON CONFLICT (id) DO UPDATE SET score = excluded.score, \
         category = excluded.category, updated_at = excluded.updated_at \
         RETURNING created_at"
    );
    write(env, &sql, answer, false).await
}

/// Writes the customer's final email answer: score, comment, answers and
/// language replace what the click recorded, and the row is confirmed.
pub async fn confirm(env: &Env, answer: &Answer<'_>) -> Result<Stored, ApiError> {
    let sql = format!(
        "{INSERT} ON CONFLICT (id) DO UPDATE SET score = excluded.score, \
         category = excluded.category, comment = excluded.comment, \
         answers = excluded.answers, locale = excluded.locale, confirmed = 1, \
         updated_at = excluded.updated_at \
         RETURNING created_at"
    );
    write(env, &sql, answer, true).await
}

#[derive(Deserialize)]
struct Written {
    created_at: f64,
}

/// Opens the case of a confirmed answer, once: in the same batch (one
/// transaction) as the answer's write, so there is never a confirmed
/// detractor without its case.
const OPEN_CASE: &str = "INSERT INTO cases \
    (id, survey_id, touchpoint, role, status, opened_at, updated_at) \
    SELECT id, survey_id, touchpoint, role, 'open', ?2, ?2 FROM responses \
    WHERE id = ?1 AND confirmed = 1 \
    ON CONFLICT (id) DO NOTHING";

/// Runs one upsert, and opens a case when the answer calls for one.
/// `RETURNING created_at` tells a new row (created now) from an updated
/// one; `DO NOTHING` returns no row at all.
async fn write(
    env: &Env,
    sql: &str,
    answer: &Answer<'_>,
    confirmed: bool,
) -> Result<Stored, ApiError> {
    let now = Date::now().as_millis() as f64;
    let written: Option<Written> = unless_busy(|| async {
        let db = db(env)?;
        let upsert = db.prepare(sql).bind(&values(answer, confirmed, now))?;
        if !(confirmed && answer.opens_case) {
            return Ok(upsert.first(None).await?);
        }
        let open = db
            .prepare(OPEN_CASE)
            .bind(&[JsValue::from(answer.id), JsValue::from(now)])?;
        let results = db.batch(vec![upsert, open]).await?;
        Ok(match results.first() {
            Some(result) => result.results()?.into_iter().next(),
            None => None,
        })
    })
    .await?;
    Ok(match written {
        Some(row) if row.created_at == now => Stored::New,
        Some(_) => Stored::Updated { at_ms: now as u64 },
        None => Stored::AlreadyThere,
    })
}

fn values(a: &Answer<'_>, confirmed: bool, now: f64) -> [JsValue; 15] {
    let context = a.context;
    [
        JsValue::from(a.id),
        JsValue::from(a.survey_id),
        JsValue::from(a.score.value()),
        JsValue::from(Category::of(a.score).as_str()),
        text(a.comment),
        JsValue::from(a.locale.as_str()),
        text(context.touchpoint.as_deref()),
        text(context.role.as_deref()),
        text(context.customer_ref.as_deref()),
        text(context.transaction_ref.as_deref()),
        text(context.page_url.as_deref()),
        text(a.answers.as_deref()),
        JsValue::from(a.source.as_str()),
        JsValue::from(u8::from(confirmed)),
        JsValue::from(now),
    ]
}
