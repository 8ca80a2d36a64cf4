//! Reading answers back for reports and exports, with the report filter.

use ambassador_shared::report::date::Day;
use ambassador_shared::report::{CountRow, ReportFilter};
use ambassador_shared::Tally;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::Env;

use super::{select, select_one, text};
use crate::{local_time, ApiError};

/// The filter as SQL on the answers, for the export: ?1 survey, ?2/?3 time
/// span, ?4 touchpoint, ?5 role, ?6 whether every click is listed, those
/// waiting to settle and those suspected of being a scanner's too (the
/// export is where an operator sees them), ?7 source. The index on
/// (survey_id, created_at) serves it.
const WHERE: &str = "WHERE survey_id = ?1 AND created_at >= ?2 AND created_at < ?3 \
    AND (?4 IS NULL OR touchpoint = ?4) AND (?5 IS NULL OR role = ?5) \
    AND (state IN ('confirmed', 'settled') OR ?6 = 1) AND (?7 IS NULL OR source = ?7)";

/// The same filter on `daily_counts` (migration 0020), where days
/// are `YYYY-MM-DD` text and an absent touchpoint or role is ''. Reports
/// count what counts (confirmed, or a click settled as a person's), with
/// ?6 also the clicks still waiting to settle; never a suspected scanner's.
/// Its primary key (survey, day, ...) serves it; the themes' `term_counts`
/// (migration 0024) have the same columns and take the same filter.
pub(super) const COUNTS_WHERE: &str = "survey_id = ?1 AND day >= ?2 AND day <= ?3 \
    AND (?4 IS NULL OR touchpoint = ?4) AND (?5 IS NULL OR role = ?5) \
    AND (state IN ('confirmed', 'settled') OR (?6 = 1 AND state = 'pending')) \
    AND (?7 IS NULL OR source = ?7)";

/// The sums of one dimension's groups: every score's column and the
/// comments, groups without answers left out.
const SUMS: &str = "SUM(n0) AS n0, SUM(n1) AS n1, SUM(n2) AS n2, SUM(n3) AS n3, \
    SUM(n4) AS n4, SUM(n5) AS n5, SUM(n6) AS n6, SUM(n7) AS n7, SUM(n8) AS n8, \
    SUM(n9) AS n9, SUM(n10) AS n10, SUM(commented) AS commented";
/// A row's answers: every score's column added.
pub(super) const ANSWERS: &str = "n0 + n1 + n2 + n3 + n4 + n5 + n6 + n7 + n8 + n9 + n10";

/// The values of ?1 to ?5 of a count kept per day (the answers' here, the
/// invitations' in `store::invitations`): the survey, the filter's first
/// and last day (`YYYY-MM-DD`, both included; the whole history without),
/// its touchpoint and its role.
pub(super) fn by_day_values(survey_id: &str, filter: &ReportFilter) -> Vec<JsValue> {
    let day = |d: Option<Day>, default: &str| d.map_or(default.to_owned(), |d| d.to_string());
    vec![
        JsValue::from(survey_id),
        JsValue::from(day(filter.from, "0000-00-00")),
        JsValue::from(day(filter.to, "9999-99-99")),
        text(filter.touchpoint.as_deref()),
        text(filter.role.as_deref()),
    ]
}

/// The values of ?1 to ?7 of [`COUNTS_WHERE`].
pub(super) fn counts_values(survey_id: &str, filter: &ReportFilter) -> Vec<JsValue> {
    let mut values = by_day_values(survey_id, filter);
    values.extend([
        JsValue::from(u8::from(filter.include_unconfirmed)),
        text(filter.source.map(|s| s.as_str())),
    ]);
    values
}

/// Answers counted per score in each dimension of the report (day,
/// touchpoint, role) from the counts kept beside the answers: a report never
/// reads the answers themselves, so it does not slow down as they pile up.
/// One query, each dimension summed on its own: a few hundred rows for a
/// year, not every combination. The days are summed in the primary key's
/// order, so SQLite adds them up as it reads.
pub async fn counts(
    env: &Env,
    survey_id: &str,
    filter: &ReportFilter,
) -> Result<Vec<CountRow>, ApiError> {
    let values = counts_values(survey_id, filter);
    let marginal = |dimension: &str, column: &str| {
        format!(
            "SELECT '{dimension}' AS dimension, NULLIF({column}, '') AS key, {SUMS} \
             FROM daily_counts WHERE {COUNTS_WHERE} GROUP BY {column} HAVING SUM({ANSWERS}) > 0"
        )
    };
    let sql = [
        marginal("day", "day"),
        marginal("touchpoint", "touchpoint"),
        marginal("role", "role"),
    ]
    .join(" UNION ALL ");
    select(env, &sql, &values).await
}

/// Every counted answer of the filter, per category: one sum over the
/// days' counts, for what needs the period's total and not its breakdown
/// (the themes: a year's report summed a dozen groups three times over).
pub async fn tally(env: &Env, survey_id: &str, filter: &ReportFilter) -> Result<Tally, ApiError> {
    let sql = format!(
        "SELECT COALESCE(SUM(n0 + n1 + n2 + n3 + n4 + n5 + n6), 0) AS detractors, \
         COALESCE(SUM(n7 + n8), 0) AS passives, COALESCE(SUM(n9 + n10), 0) AS promoters \
         FROM daily_counts WHERE {COUNTS_WHERE}"
    );
    let values = counts_values(survey_id, filter);
    Ok(select_one(env, &sql, &values).await?.unwrap_or_default())
}

/// One stored answer, as the CSV export lists it.
#[derive(Deserialize)]
pub struct ExportRow {
    pub id: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub score: u8,
    pub category: String,
    pub comment: Option<String>,
    pub answers: Option<String>,
    pub locale: String,
    pub touchpoint: Option<String>,
    pub role: Option<String>,
    pub customer_ref: Option<String>,
    pub transaction_ref: Option<String>,
    pub page_url: Option<String>,
    pub source: String,
    pub confirmed: u8,
    /// `confirmed`, `settled`, `pending` or `suspect` (migration 0019).
    pub state: String,
    /// Why a click was taken for a scanner's, while it is not confirmed.
    pub suspect: Option<String>,
}

/// Answers per page of the export: a page, not the export, is what the
/// Worker holds in memory (128 MB in production), however many answers the
/// export covers.
pub const EXPORT_PAGE: usize = 2000;

/// Where a page of the export starts: after this answer, in the export's
/// order (`created_at`, then `id`).
#[derive(Clone)]
pub struct ExportCursor {
    created_at: i64,
    id: String,
}

impl ExportRow {
    /// The cursor for the page after this row.
    pub fn cursor(&self) -> ExportCursor {
        ExportCursor {
            created_at: self.created_at,
            id: self.id.clone(),
        }
    }
}

/// Up to [`EXPORT_PAGE`] answers the filter covers, oldest first, after
/// `after` (from the start when `None`). Keyset paging on the index, so the
/// thousandth page costs what the first does.
pub async fn export_page(
    env: &Env,
    survey_id: &str,
    filter: &ReportFilter,
    after: Option<&ExportCursor>,
) -> Result<Vec<ExportRow>, ApiError> {
    let sql = format!(
        "SELECT id, created_at, updated_at, score, category, comment, answers, locale, \
         touchpoint, role, customer_ref, transaction_ref, page_url, source, confirmed, state, \
         CASE WHEN confirmed = 0 THEN suspect END AS suspect \
         FROM responses {WHERE} AND created_at >= ?8 AND (created_at > ?8 OR id > ?9) \
         ORDER BY created_at, id LIMIT {EXPORT_PAGE}"
    );
    let (start, end) = filter.millis(local_time::zone());
    let values = [
        JsValue::from(survey_id),
        JsValue::from(start as f64),
        JsValue::from(end as f64),
        text(filter.touchpoint.as_deref()),
        text(filter.role.as_deref()),
        JsValue::from(u8::from(filter.include_unconfirmed)),
        text(filter.source.map(|s| s.as_str())),
        // The index range starts at the cursor, so every page reads about
        // a page, not everything before it; ids break ties of a millisecond.
        JsValue::from(after.map_or(start, |a| a.created_at) as f64),
        JsValue::from(after.map_or("", |a| a.id.as_str())),
    ];
    select(env, &sql, &values).await
}
