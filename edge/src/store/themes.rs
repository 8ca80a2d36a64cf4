//! The counts of comments' terms (migration `0024_themes.sql`): read for a
//! period, and the rebuild that stores the terms of comments written before
//! the themes, or before the survey's themes changed.
//!
//! The counts themselves are kept by the migration's triggers inside every
//! statement that writes an answer; nothing here writes them.

use ambassador_shared::report::date::Day;
use ambassador_shared::report::ReportFilter;
use ambassador_shared::themes::{split, stored_terms, SurfaceRow, TermRow, ThemeDay};
use ambassador_shared::Locale;
use serde::Deserialize;
use serde_json::json;
use wasm_bindgen::JsValue;
use worker::Env;

use super::reports::{counts_values, ANSWERS, COUNTS_WHERE};
use super::{db, select, select_one, unless_busy};
use crate::{surveys, ApiError};

/// Comments per rebuild statement: each adds or moves its terms (a few
/// dozen rows of counts) through the triggers, so a statement stays far
/// under D1's 30 s; the comments travel in one bound JSON value.
const COMMENTS_PER_STEP: i64 = 500;

/// The most terms a period's figures consider: the survey's most
/// mentioned of all time (`term_totals`), and its themes. Reading every
/// term of a year (tens of thousands of rare words and pairs) is what
/// would make a year's themes slow.
const CANDIDATES: u32 = 1_000;

/// Answers of the period per all-time mention a candidate needs at least.
/// A term that `m` of the period's `n` answers mention moves its NPS by at
/// most 200·m/n points, so below m = n/2,000 no term can move it a tenth
/// of a point, nothing an owner could act on. The bar rises with the
/// period, which is when reading is dear: on a year of a million answers it
/// is 500 mentions, on a month of a small survey it is none.
const ANSWERS_PER_MENTION: u32 = 2_000;

/// Which states count, on a row `r`, with ?6 whether pending clicks do.
const COUNTED: &str = "(r.state IN ('confirmed', 'settled') OR (?6 = 1 AND r.state = 'pending'))";

/// The counts' columns summed; a theme's rows of every language are one.
const SUMS: &str = "CASE WHEN term LIKE '#%' THEN '' ELSE language END AS language, term, \
    SUM(detractors) AS detractors, SUM(passives) AS passives, SUM(promoters) AS promoters";

/// Whether `filter` names a touchpoint, role or source: only `term_counts`
/// holds those; otherwise the term-first `term_days` and `term_months` serve.
fn by_context(filter: &ReportFilter) -> bool {
    filter.touchpoint.is_some() || filter.role.is_some() || filter.source.is_some()
}

/// The period's terms with their counts: the themes (`themes`, their
/// `#id` terms), and of the [`CANDIDATES`] the most mentioned first.
/// Without a touchpoint, role or source filter, each candidate's whole
/// months are read from `term_months` and the days around them from
/// `term_days` (`shared::themes::split`), a few dozen rows a term (`CROSS
/// JOIN` keeps SQLite to that order: left to itself it read every month of
/// every term and looked each up among the candidates, 20 times slower);
/// with one, the period's rows of `term_counts`.
pub async fn terms(
    env: &Env,
    survey_id: &str,
    filter: &ReportFilter,
    themes: &[String],
) -> Result<Vec<TermRow>, ApiError> {
    let mut values = counts_values(survey_id, filter);
    values.extend([
        JsValue::from(json!(themes).to_string()),
        JsValue::from(json!(Locale::ALL.map(Locale::as_str)).to_string()),
    ]);
    let parts = if by_context(filter) {
        format!(
            "SELECT r.* FROM candidates AS c JOIN term_counts AS r \
             ON r.language = c.language AND r.term = c.term WHERE {COUNTS_WHERE}"
        )
    } else {
        // An open end reaches as far as days can: months cost the same.
        let first = filter.from.or_else(|| Day::parse("1970-01-01").ok());
        let last = filter.to.or_else(|| Day::parse("9999-12-31").ok());
        let (Some(first), Some(last)) = (first, last) else {
            return Err(ApiError::Unavailable("no calendar".into()));
        };
        let cut = split(first, last);
        let (from_month, to_month) = cut.months.clone().unwrap_or_default();
        values.extend([JsValue::from(from_month), JsValue::from(to_month)]);
        let of = |table: &str, at: &str| {
            format!(
                "SELECT r.language, r.term, r.detractors, r.passives, r.promoters \
                 FROM candidates AS c CROSS JOIN {table} AS r ON r.survey_id = ?1 \
                 AND r.language = c.language AND r.term = c.term AND {at} AND {COUNTED}"
            )
        };
        let mut parts = vec![of("term_months", "r.month >= ?10 AND r.month <= ?11")];
        for (from, to) in &cut.days {
            let (a, b) = (values.len() + 1, values.len() + 2);
            values.extend([
                JsValue::from(from.to_string()),
                JsValue::from(to.to_string()),
            ]);
            parts.push(of("term_days", &format!("r.day >= ?{a} AND r.day <= ?{b}")));
        }
        parts.join(" UNION ALL ")
    };
    let sql = format!(
        "WITH candidates (language, term) AS ( \
           SELECT * FROM (SELECT language, term FROM term_totals WHERE survey_id = ?1 \
             AND mentions >= (SELECT COALESCE(SUM({ANSWERS}), 0) / {ANSWERS_PER_MENTION} \
               FROM daily_counts WHERE {COUNTS_WHERE}) \
             ORDER BY mentions DESC LIMIT {CANDIDATES}) \
           UNION SELECT l.value, t.value FROM json_each(?9) AS l, json_each(?8) AS t) \
         SELECT {SUMS} FROM ({parts}) GROUP BY 1, 2 \
         HAVING SUM(detractors + passives + promoters) > 0 \
         ORDER BY term LIKE '#%' DESC, SUM(detractors + passives + promoters) DESC, term"
    );
    select(env, &sql, &values).await
}

/// How each of `terms` (language and stem) is most often written.
pub async fn surfaces(
    env: &Env,
    survey_id: &str,
    terms: &[[&str; 2]],
) -> Result<Vec<SurfaceRow>, ApiError> {
    // The bare `surface` comes from the row holding the max (SQLite).
    let sql = "SELECT language, term, surface, max(mentions) FROM term_surfaces \
        WHERE survey_id = ?1 AND (language, term) IN \
        (SELECT value ->> 0, value ->> 1 FROM json_each(?2)) GROUP BY 1, 2";
    let values = [
        JsValue::from(survey_id),
        JsValue::from(json!(terms).to_string()),
    ];
    select(env, sql, &values).await
}

/// The answers of each of `themes` per day with any: from `term_days`
/// (a row a day and language per theme) without a touchpoint, role or
/// source filter, else from the period's `term_counts`.
pub async fn theme_days(
    env: &Env,
    survey_id: &str,
    filter: &ReportFilter,
    themes: &[String],
) -> Result<Vec<ThemeDay>, ApiError> {
    let mut values = counts_values(survey_id, filter);
    values.push(JsValue::from(json!(themes).to_string()));
    let rows = if by_context(filter) {
        format!(
            "SELECT * FROM term_counts AS r \
             WHERE term IN (SELECT value FROM json_each(?8)) AND {COUNTS_WHERE}"
        )
    } else {
        values.push(JsValue::from(
            json!(Locale::ALL.map(Locale::as_str)).to_string(),
        ));
        format!(
            "SELECT r.* FROM json_each(?9) AS l CROSS JOIN json_each(?8) AS t \
             CROSS JOIN term_days AS r \
             ON r.survey_id = ?1 AND r.language = l.value AND r.term = t.value \
             AND r.day >= ?2 AND r.day <= ?3 AND {COUNTED}"
        )
    };
    let sql = format!(
        "SELECT term, day AS date, SUM(detractors) AS detractors, SUM(passives) AS passives, \
         SUM(promoters) AS promoters FROM ({rows}) \
         GROUP BY term, day HAVING SUM(detractors + passives + promoters) > 0 ORDER BY term, day"
    );
    select(env, &sql, &values).await
}

/// Where the rebuild of the stored terms stands.
#[derive(Debug, Deserialize)]
pub struct State {
    /// What the stored terms are made with (`shared::themes::version`).
    pub version: String,
    /// Answers up to this rowid are done; `None`: all.
    pub responses_after: Option<f64>,
}

/// Where the rebuild stands; `None` before the migration ran.
pub async fn state(env: &Env) -> Result<Option<State>, ApiError> {
    let sql = "SELECT version, responses_after FROM themes WHERE id = 1";
    select_one(env, sql, &[]).await
}

/// Starts the rebuild for `version`: every comment is due.
pub async fn start(env: &Env, version: &str) -> Result<(), ApiError> {
    let sql = "UPDATE themes SET version = ?1, responses_after = 0 WHERE id = 1";
    super::execute(env, sql, &[JsValue::from(version)]).await
}

/// One comment the rebuild reads.
#[derive(Deserialize)]
struct Comment {
    rowid: f64,
    survey_id: String,
    locale: String,
    comment: String,
}

/// What a step leaves to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// Comments after this rowid.
    After(i64),
    /// Nothing: every comment's terms are stored.
    Nothing,
    /// Another run moved the rebuild on first: this one stops.
    Overtaken,
}

/// Stores the terms of up to [`COMMENTS_PER_STEP`] comments after rowid
/// `after`, made as the intake makes them, and records how far it got, in
/// one transaction. A comment changed since it was read keeps the terms its
/// own write stored: the update requires the comment it read.
pub async fn step(env: &Env, after: i64) -> Result<Left, ApiError> {
    let read = format!(
        "SELECT rowid, survey_id, locale, comment FROM responses \
         WHERE rowid > ?1 AND comment IS NOT NULL ORDER BY rowid LIMIT {COMMENTS_PER_STEP}"
    );
    let comments: Vec<Comment> = select(env, &read, &[JsValue::from(after as f64)]).await?;
    let Some(last) = comments.last().map(|c| c.rowid as i64) else {
        let done = "UPDATE themes SET responses_after = NULL \
            WHERE id = 1 AND responses_after = ?1 RETURNING responses_after";
        let moved: Option<serde_json::Value> =
            select_one(env, done, &[JsValue::from(after as f64)]).await?;
        return Ok(if moved.is_some() {
            Left::Nothing
        } else {
            Left::Overtaken
        });
    };
    let all = surveys::all()?;
    let rows: Vec<_> = comments
        .iter()
        .map(|c| {
            let themes = all.get(&c.survey_id).map_or(&[][..], |s| &s.themes[..]);
            let language = Locale::from_tag(&c.locale).unwrap_or_default();
            let terms = stored_terms(Some(&c.comment), language, themes);
            json!([c.rowid, c.comment, terms])
        })
        .collect();
    let store = "UPDATE responses SET terms = c.value ->> 2 FROM json_each(?1) AS c \
        WHERE responses.rowid = c.value ->> 0 AND responses.comment = c.value ->> 1 \
        AND responses.terms IS NOT c.value ->> 2";
    let advance = "UPDATE themes SET responses_after = ?3 \
        WHERE id = 1 AND responses_after = ?2 RETURNING responses_after";
    let values = [
        JsValue::from(json!(rows).to_string()),
        JsValue::from(after as f64),
        JsValue::from(last as f64),
    ];
    unless_busy(|| async {
        let db = db(env).await?;
        let statements = vec![
            db.prepare(store).bind(&values[..1])?,
            db.prepare(advance).bind(&values)?,
        ];
        let results = db.batch(statements).await?;
        let advanced: Vec<serde_json::Value> = match results.get(1) {
            Some(advanced) => advanced.results()?,
            None => return Err(ApiError::Unavailable("D1 returned no progress".into())),
        };
        Ok(if advanced.is_empty() {
            Left::Overtaken
        } else {
            Left::After(last)
        })
    })
    .await
}
