//! D1 storage: the only modules that know the SQL, one per table or concern.

pub mod cases;
pub mod comments;
mod dead_letters;
mod reports;
mod responses;
pub mod sessions;

pub use dead_letters::{insert_dead_letter, DeadLetterRow};
pub use reports::{counts, export_page, ExportRow, EXPORT_PAGE};
pub use responses::{confirm, insert_once, record_click, Answer, Source, Stored};

use wasm_bindgen::JsValue;
use worker::{D1Database, Env};

use crate::ApiError;

/// The database binding named in `wrangler.toml`.
fn db(env: &Env) -> Result<D1Database, ApiError> {
    Ok(env.d1("DB")?)
}

/// Optional text as a bound value: `NULL` when absent.
fn text(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from)
}
