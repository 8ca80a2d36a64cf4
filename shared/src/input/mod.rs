//! Reading what comes in from outside (JSON bodies, query strings, the API
//! key, the client's address) within fixed limits, collecting every problem
//! as a [`field_error::FieldError`] that names the field and says how to fix it.

pub mod api_key;
pub mod field_error;
pub mod json_fields;
pub mod limits;
pub mod query;
pub mod rate_key;
