//! Reading a JSON object field by field while collecting every problem.
//!
//! serde stops at the first error and its messages name Rust types; a person
//! fixing a request wants every problem at once, named by field. This reader
//! keeps going and records a [`FieldError`] per bad field.

use serde_json::{Map, Value};

use std::fmt;

use crate::input::field_error::{FieldError, FieldErrorCode};

/// Why a request body is not what its route takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// The body is not JSON at all; holds the parser's description.
    NotJson(String),
    /// The body is JSON but not an object.
    NotAnObject,
    /// One entry per bad field, all of them.
    Invalid(Vec<FieldError>),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::NotJson(why) => write!(f, "the body is not valid JSON: {why}"),
            BodyError::NotAnObject => f.write_str("the body must be a JSON object"),
            BodyError::Invalid(errors) => {
                write!(f, "{} invalid field(s)", errors.len())
            }
        }
    }
}

impl std::error::Error for BodyError {}

/// Lets callers match on codes without reaching into the error list.
impl BodyError {
    /// The field errors, empty for a body that is not a JSON object.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            BodyError::Invalid(errors) => errors,
            _ => &[],
        }
    }

    /// True when some field has this code.
    pub fn has(&self, field: &str, code: FieldErrorCode) -> bool {
        self.field_errors()
            .iter()
            .any(|e| e.field == field && e.code == code)
    }
}

/// `value` as an `i64` when it is a whole number in range.
fn whole(value: Option<f64>) -> Option<i64> {
    value
        .filter(|v| v.fract() == 0.0 && v.abs() < 9.0e15)
        .map(|v| v as i64)
}

/// The body as a JSON object, or why it is not one.
pub fn read_object(body: &[u8]) -> Result<Map<String, Value>, BodyError> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(BodyError::NotAnObject),
        Err(e) => Err(BodyError::NotJson(e.to_string())),
    }
}

/// A view of one JSON object plus the error list it reports into.
pub struct FieldReader<'a> {
    object: &'a Map<String, Value>,
    prefix: String,
    errors: &'a mut Vec<FieldError>,
}

/// A check on a string's shape: `Err` holds the message that says what to fix.
pub type Shape = fn(&str) -> Result<(), String>;

impl<'a> FieldReader<'a> {
    /// Reads `object`; errors name fields as `prefix` + name (e.g. `context.`).
    pub fn new(
        object: &'a Map<String, Value>,
        prefix: &str,
        errors: &'a mut Vec<FieldError>,
    ) -> Self {
        FieldReader {
            object,
            prefix: prefix.to_owned(),
            errors,
        }
    }

    fn path(&self, name: &str) -> String {
        format!("{}{}", self.prefix, name)
    }

    /// The object's keys, in order.
    pub fn keys(&self) -> Vec<String> {
        self.object.keys().cloned().collect()
    }

    /// Records a problem with the object as a whole (named by its prefix).
    pub fn fail_here(&mut self, code: FieldErrorCode, message: String) {
        let field = self.prefix.trim_end_matches('.').to_owned();
        self.errors.push(FieldError::new(&field, code, message));
    }

    /// Records a problem with field `name`.
    pub fn fail(&mut self, name: &str, code: FieldErrorCode, message: String) {
        let field = self.path(name);
        self.errors.push(FieldError::new(&field, code, message));
    }

    /// Reports every key not in `known`: a typo would otherwise lose data silently.
    pub fn reject_unknown(&mut self, known: &[&str]) {
        let unknown: Vec<String> = self
            .object
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .cloned()
            .collect();
        for key in unknown {
            let message = format!("unknown field; expected one of: {}", known.join(", "));
            self.fail(&key, FieldErrorCode::Unknown, message);
        }
    }

    /// The raw value, treating JSON `null` as absent.
    pub fn value(&self, name: &str) -> Option<&'a Value> {
        self.object.get(name).filter(|v| !v.is_null())
    }

    /// A required whole number in `range`.
    pub fn required_int(
        &mut self,
        name: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let (lo, hi) = (*range.start(), *range.end());
        let expect = format!("use a whole number from {lo} to {hi}");
        match self.value(name) {
            None => self.fail(name, FieldErrorCode::Missing, format!("required; {expect}")),
            // JSON has one number type: 9.0 is the whole number 9, as JSON
            // Schema's `integer` (and JavaScript) take it.
            Some(Value::Number(n)) => match n.as_i64().or_else(|| whole(n.as_f64())) {
                Some(v) if range.contains(&v) => return Some(v),
                _ => self.fail(
                    name,
                    FieldErrorCode::OutOfRange,
                    format!("{n} is out of range; {expect}"),
                ),
            },
            Some(other) => {
                let message = format!("{} is not a number; {expect}", kind(other));
                self.fail(name, FieldErrorCode::WrongType, message)
            }
        }
        None
    }

    /// An optional whole number in `range`: absent (or `null`) is `None`.
    pub fn optional_int(
        &mut self,
        name: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        self.value(name)?;
        self.required_int(name, range)
    }

    /// A required string of at most `max_chars` characters with the given shape.
    pub fn required_str(&mut self, name: &str, max_chars: usize, shape: Shape) -> Option<String> {
        if self.value(name).is_none() {
            self.fail(name, FieldErrorCode::Missing, "required".to_owned());
            return None;
        }
        let errors = self.errors.len();
        let text = self.optional_str(name, max_chars, shape);
        if text.is_none() && self.errors.len() == errors {
            let message = "is blank; it is required".to_owned();
            self.fail(name, FieldErrorCode::Missing, message);
        }
        text
    }

    /// An optional string; empty or whitespace-only counts as absent.
    pub fn optional_str(&mut self, name: &str, max_chars: usize, shape: Shape) -> Option<String> {
        let value = self.value(name)?;
        let Some(text) = value.as_str() else {
            let message = format!("{} is not a string", kind(value));
            self.fail(name, FieldErrorCode::WrongType, message);
            return None;
        };
        match check_text(text, max_chars, shape) {
            Ok(value) => value,
            Err((code, message)) => {
                self.fail(name, code, message);
                None
            }
        }
    }

    /// A nested object read with its own reader (absent is fine).
    pub fn optional_object(&mut self, name: &str) -> Option<&'a Map<String, Value>> {
        let value = self.value(name)?;
        if let Some(object) = value.as_object() {
            return Some(object);
        }
        let message = format!("{} is not an object", kind(value));
        self.fail(name, FieldErrorCode::WrongType, message);
        None
    }

    /// A reader for a nested object that reports into the same list.
    pub fn nested<'b>(&'b mut self, name: &str, object: &'b Map<String, Value>) -> FieldReader<'b> {
        let prefix = format!("{}.", self.path(name));
        FieldReader::new(object, &prefix, self.errors)
    }
}

/// Trims `text` and checks its length and shape: `Ok(None)` when blank (an
/// absent optional value), else the trimmed text or what is wrong with it.
pub fn check_text(
    text: &str,
    max_chars: usize,
    shape: Shape,
) -> Result<Option<String>, (FieldErrorCode, String)> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars > max_chars {
        let message = format!("{chars} characters is too long; the limit is {max_chars}");
        return Err((FieldErrorCode::TooLong, message));
    }
    if text.is_empty() {
        return Ok(None);
    }
    match shape(text) {
        Ok(()) => Ok(Some(text.to_owned())),
        Err(message) => Err((FieldErrorCode::InvalidFormat, message)),
    }
}

/// Accepts any text (the length limit still applies).
pub fn any_text(_: &str) -> Result<(), String> {
    Ok(())
}

/// A lowercase identifier: letters, digits and `-`/`_`, as used for survey
/// ids, touchpoints and roles, so they are safe in URLs, SQL and CSV alike.
pub fn slug(text: &str) -> Result<(), String> {
    let ok = text
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        // Not `{text:?}`: the widget reports this too, built without `Debug`.
        Err(format!("\"{text}\" may only use a-z, 0-9, '-' and '_'"))
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
