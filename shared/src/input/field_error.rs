//! Typed validation errors that name the field and say how to fix it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of problem a field has; stable strings for API clients to match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// A required field is absent or null.
    Missing,
    /// The field has the wrong JSON type (e.g. the string "9" for a score).
    WrongType,
    /// A number outside its allowed range.
    OutOfRange,
    /// A string longer than its limit.
    TooLong,
    /// A string that does not have the required shape (id, slug, URL, locale).
    InvalidFormat,
    /// A field this API does not know; usually a typo.
    Unknown,
    /// An id already used by a sibling; lookups by id would be ambiguous.
    Duplicate,
}

/// One problem with one field. Validation returns all of them at once so a
/// client can fix everything in one round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `context.touchpoint`.
    pub field: String,
    /// Machine-readable kind of problem.
    pub code: FieldErrorCode,
    /// A sentence a person can act on.
    pub message: String,
}

impl FieldError {
    /// Builds an error for `field` with a human-readable `message`.
    pub fn new(field: &str, code: FieldErrorCode, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_owned(),
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
