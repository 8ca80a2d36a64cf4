//! Reading answers back for reports and exports, with the report filter.

use ambassador_shared::report::{CountRow, ReportFilter};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::Env;

use super::{db, text};
use crate::ApiError;

/// The filter as SQL: ?1 survey, ?2/?3 time span, ?4 touchpoint, ?5 role,
/// ?6 whether unconfirmed clicks count. The index on (survey_id, created_at)
/// serves it.
const WHERE: &str = "WHERE survey_id = ?1 AND created_at >= ?2 AND created_at < ?3 \
    AND (?4 IS NULL OR touchpoint = ?4) AND (?5 IS NULL OR role = ?5) \
    AND (confirmed = 1 OR ?6 = 1)";

/// Answers counted per UTC day, touchpoint, role and category.
pub async fn counts(
    env: &Env,
    survey_id: &str,
    filter: &ReportFilter,
) -> Result<Vec<CountRow>, ApiError> {
    let sql = format!(
        "SELECT date(created_at / 1000, 'unixepoch') AS day, touchpoint, role, category, \
         COUNT(*) AS n FROM responses {WHERE} GROUP BY day, touchpoint, role, category"
    );
    select(env, &sql, survey_id, filter).await
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
}

/// Every answer the filter covers, oldest first.
pub async fn export(
    env: &Env,
    survey_id: &str,
    filter: &ReportFilter,
) -> Result<Vec<ExportRow>, ApiError> {
    let sql = format!(
        "SELECT id, created_at, updated_at, score, category, comment, answers, locale, \
         touchpoint, role, customer_ref, transaction_ref, page_url, source, confirmed \
         FROM responses {WHERE} ORDER BY created_at, id"
    );
    select(env, &sql, survey_id, filter).await
}

async fn select<T: for<'de> Deserialize<'de>>(
    env: &Env,
    sql: &str,
    survey_id: &str,
    filter: &ReportFilter,
) -> Result<Vec<T>, ApiError> {
    let (start, end) = filter.millis();
    let values = [
        JsValue::from(survey_id),
        JsValue::from(start as f64),
        JsValue::from(end as f64),
        text(filter.touchpoint.as_deref()),
        text(filter.role.as_deref()),
        JsValue::from(u8::from(filter.include_unconfirmed)),
    ];
    let result = db(env)?.prepare(sql).bind(&values)?.all().await?;
    Ok(result.results()?)
}
