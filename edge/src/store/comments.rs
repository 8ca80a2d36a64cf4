//! Reading comments: a page newest first, under the report filter, a
//! category, a score, a language and an FTS5 search (`comments_fts`, migration 0015).

use ambassador_shared::report::comments::CommentQuery;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::Env;

use super::{select, text};
use crate::{local_time, ApiError};

/// One comment with what a reader needs around it.
#[derive(Debug, Deserialize)]
pub struct CommentRow {
    pub id: String,
    pub created_at: i64,
    pub score: u8,
    pub category: String,
    pub comment: String,
    pub locale: String,
    pub touchpoint: Option<String>,
    pub role: Option<String>,
    pub source: String,
}

/// The filter on the answers' index (survey, created_at), keyset paging
/// newest first from the cursor, and the search through the FTS index.
const PAGE: &str =
    "SELECT id, created_at, score, category, comment, locale, touchpoint, role, source \
    FROM responses WHERE survey_id = ?1 AND comment IS NOT NULL \
    AND created_at >= ?2 AND created_at < ?3 \
    AND (?4 IS NULL OR touchpoint = ?4) AND (?5 IS NULL OR role = ?5) \
    AND (confirmed = 1 OR ?6 = 1) \
    AND (?7 IS NULL OR category = ?7) AND (?8 IS NULL OR locale = ?8) \
    AND created_at <= ?9 AND (created_at < ?9 OR id < ?10) \
    AND (?11 IS NULL OR rowid IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?11)) \
    AND (?13 IS NULL OR source = ?13) AND (?14 IS NULL OR score = ?14) \
    ORDER BY created_at DESC, id DESC LIMIT ?12";

/// A page of `query`'s comments of survey `survey_id`.
pub async fn page(
    env: &Env,
    survey_id: &str,
    query: &CommentQuery,
) -> Result<Vec<CommentRow>, ApiError> {
    let (start, end) = query.filter.millis(local_time::zone());
    let (before_at, before_id) = match &query.before {
        Some(cursor) => (cursor.created_at, cursor.id.as_str()),
        // After every id of the last millisecond: ids are hex and dashes.
        None => (end, "~"),
    };
    let values = [
        JsValue::from(survey_id),
        JsValue::from(start as f64),
        JsValue::from(end as f64),
        text(query.filter.touchpoint.as_deref()),
        text(query.filter.role.as_deref()),
        JsValue::from(u8::from(query.filter.include_unconfirmed)),
        text(query.category.map(|c| c.as_str())),
        text(query.locale.map(|l| l.as_str())),
        JsValue::from(before_at as f64),
        JsValue::from(before_id),
        text(query.search.as_deref()),
        JsValue::from(query.limit),
        text(query.filter.source.map(|s| s.as_str())),
        query
            .score
            .map_or(JsValue::NULL, |s| JsValue::from(s.value())),
    ];
    select(env, PAGE, &values).await
}
