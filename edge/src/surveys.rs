//! The survey definitions compiled into this Worker (see `build.rs`).

use std::sync::OnceLock;

use ambassador_shared::survey::{SurveyDefinition, Surveys};

use crate::api_error::NamedIn;
use crate::ApiError;

const JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/surveys.json"));

/// All surveys, parsed once per isolate. The build already validated them;
/// deserializing validates again, so a failure here is reported, not a panic.
pub fn all() -> Result<&'static Surveys, ApiError> {
    static SURVEYS: OnceLock<Result<Surveys, String>> = OnceLock::new();
    SURVEYS
        .get_or_init(|| serde_json::from_str(JSON).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|why| ApiError::Unavailable(format!("survey definitions unreadable: {why}")))
}

/// The survey a body names: `UnknownSurvey` (422) when it is not defined.
pub fn get(id: &str) -> Result<&'static SurveyDefinition, ApiError> {
    all()?.get(id).ok_or_else(|| ApiError::UnknownSurvey {
        id: id.to_owned(),
        named_in: NamedIn::Body,
    })
}

/// The survey a path or a signed link names: `UnknownSurvey` (404) when it
/// is not defined (any more).
pub fn named(id: &str) -> Result<&'static SurveyDefinition, ApiError> {
    all()?.get(id).ok_or_else(|| ApiError::UnknownSurvey {
        id: id.to_owned(),
        named_in: NamedIn::Path,
    })
}
