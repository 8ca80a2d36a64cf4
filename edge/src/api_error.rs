//! Every way a request can fail, and the one place that turns it into HTTP.

use ambassador_shared::submission::SubmissionError;
use ambassador_shared::FieldError;
use serde_json::json;
use worker::Response;

/// A failed request. Each variant maps to one status and one stable `code`
/// that clients can match on; `message` says what to fix.
#[derive(Debug)]
pub enum ApiError {
    /// The body exceeds the limit in `shared::limits`.
    BodyTooLarge { limit: usize },
    /// The body is not a valid submission (not JSON, not an object, bad fields).
    InvalidSubmission(SubmissionError),
    /// The submission names a survey this Worker does not define.
    UnknownSurvey(String),
    /// No route for this path.
    NotFound,
    /// The path exists but not for this method.
    MethodNotAllowed { allowed: &'static str },
    /// Storage failed; the client should retry with the same id.
    Unavailable(String),
}

impl ApiError {
    fn status(&self) -> u16 {
        match self {
            ApiError::BodyTooLarge { .. } => 413,
            ApiError::InvalidSubmission(SubmissionError::Invalid(_)) => 422,
            ApiError::InvalidSubmission(_) => 400,
            ApiError::UnknownSurvey(_) => 422,
            ApiError::NotFound => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::Unavailable(_) => 503,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::BodyTooLarge { .. } => "body_too_large",
            ApiError::InvalidSubmission(SubmissionError::NotJson(_)) => "invalid_json",
            ApiError::InvalidSubmission(SubmissionError::NotAnObject) => "not_an_object",
            ApiError::InvalidSubmission(SubmissionError::Invalid(_)) => "invalid_fields",
            ApiError::UnknownSurvey(_) => "unknown_survey",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::Unavailable(_) => "unavailable",
        }
    }

    fn message(&self) -> String {
        match self {
            ApiError::BodyTooLarge { limit } => {
                format!("the body is larger than {limit} bytes; send one answer per request")
            }
            ApiError::InvalidSubmission(error) => error.to_string(),
            ApiError::UnknownSurvey(id) => {
                format!("there is no survey {id:?}; surveys are defined in surveys.toml")
            }
            ApiError::NotFound => "no such resource; see the OpenAPI document".to_owned(),
            ApiError::MethodNotAllowed { allowed } => format!("use {allowed}"),
            ApiError::Unavailable(why) => {
                format!("storage is unavailable ({why}); retry later with the same id")
            }
        }
    }

    fn fields(&self) -> &[FieldError] {
        match self {
            ApiError::InvalidSubmission(error) => error.field_errors(),
            _ => &[],
        }
    }

    /// The JSON error response: `{"error": {"code", "message", "fields"}}`.
    pub fn into_response(self) -> worker::Result<Response> {
        let body = json!({"error": {
            "code": self.code(),
            "message": self.message(),
            "fields": self.fields(),
        }});
        let mut response = Response::from_json(&body)?.with_status(self.status());
        if let ApiError::MethodNotAllowed { allowed } = self {
            response.headers_mut().set("allow", allowed)?;
        }
        Ok(response)
    }
}

impl From<SubmissionError> for ApiError {
    fn from(error: SubmissionError) -> Self {
        ApiError::InvalidSubmission(error)
    }
}
