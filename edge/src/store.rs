//! D1 storage of answers: the only module that knows the SQL.

use ambassador_shared::Submission;
use wasm_bindgen::JsValue;
use worker::{Date, Env};

use crate::ApiError;

/// Whether an insert wrote a row or found the id already stored.
pub enum Stored {
    New,
    AlreadyThere,
}

const INSERT: &str = "INSERT INTO responses \
    (id, survey_id, score, category, comment, locale, touchpoint, role, \
     customer_ref, transaction_ref, page_url, created_at, updated_at) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12) \
    ON CONFLICT (id) DO NOTHING";

/// Stores an answer once: a second insert with the same id changes nothing.
pub async fn insert(env: &Env, s: &Submission) -> Result<Stored, ApiError> {
    let db = env.d1("DB").map_err(unavailable)?;
    let now = Date::now().as_millis() as f64;
    let text = |v: &Option<String>| v.as_deref().map_or(JsValue::NULL, JsValue::from);
    let values = [
        JsValue::from(s.id.as_str()),
        JsValue::from(s.survey_id.as_str()),
        JsValue::from(s.score.value()),
        JsValue::from(s.category().as_str()),
        text(&s.comment),
        JsValue::from(s.locale.as_str()),
        text(&s.context.touchpoint),
        text(&s.context.role),
        text(&s.context.customer_ref),
        text(&s.context.transaction_ref),
        text(&s.context.page_url),
        JsValue::from(now),
    ];
    let result = db
        .prepare(INSERT)
        .bind(&values)
        .map_err(unavailable)?
        .run()
        .await
        .map_err(unavailable)?;
    let changes = result.meta().map_err(unavailable)?.and_then(|m| m.changes);
    Ok(match changes {
        Some(0) => Stored::AlreadyThere,
        _ => Stored::New,
    })
}

fn unavailable(error: worker::Error) -> ApiError {
    ApiError::Unavailable(error.to_string())
}
