//! Every way a request can fail, and the one place that turns it into HTTP:
//! JSON for the API, a small HTML page for links a person clicked.

use ambassador_shared::html::escape;
use ambassador_shared::link::{LinkError, Malformed};
use ambassador_shared::link_page::LinkProblem;
use ambassador_shared::submission::SubmissionError;
use ambassador_shared::{FieldError, Locale};
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
    /// The body names a survey this Worker does not define.
    UnknownSurvey(String),
    /// The path (or a link) names a survey this Worker does not define.
    NoSuchSurvey(String),
    /// Query parameters that break their rules, every one of them.
    InvalidQuery(Vec<FieldError>),
    /// A signed link token that is malformed, forged or expired.
    Link(LinkError),
    /// The page's origin may not use this survey.
    OriginNotAllowed(String),
    /// This client sent too many requests this minute.
    RateLimited { retry_after_secs: u64 },
    /// The report API needs `authorization: Bearer <API_KEY>`.
    Unauthorized,
    /// No route for this path.
    NotFound,
    /// The path exists but not for this method.
    MethodNotAllowed { allowed: &'static str },
    /// A secret or variable of the Worker is missing or invalid.
    Misconfigured(String),
    /// Storage failed; the client should retry with the same id.
    Unavailable(String),
    /// The error, rendered as an HTML page in this language for a person
    /// following a link.
    Page(Box<ApiError>, Locale),
}

impl ApiError {
    /// Wraps `error` so it is answered with an HTML page in `locale`
    /// instead of JSON.
    pub fn page(error: ApiError, locale: Locale) -> ApiError {
        match error {
            ApiError::Page(..) => error,
            other => ApiError::Page(Box::new(other), locale),
        }
    }

    /// Field errors of a body that parsed but does not fit (422).
    pub fn invalid_fields(fields: Vec<FieldError>) -> ApiError {
        ApiError::InvalidSubmission(SubmissionError::Invalid(fields))
    }

    fn status(&self) -> u16 {
        match self {
            ApiError::BodyTooLarge { .. } => 413,
            ApiError::InvalidSubmission(SubmissionError::Invalid(_)) => 422,
            ApiError::InvalidSubmission(_) => 400,
            ApiError::UnknownSurvey(_) => 422,
            ApiError::NoSuchSurvey(_) => 404,
            ApiError::InvalidQuery(_) => 400,
            ApiError::Link(LinkError::Malformed(_)) => 400,
            ApiError::Link(LinkError::BadSignature) => 403,
            ApiError::Link(LinkError::Expired { .. }) => 410,
            ApiError::OriginNotAllowed(_) => 403,
            ApiError::RateLimited { .. } => 429,
            ApiError::Unauthorized => 401,
            ApiError::NotFound => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::Misconfigured(_) => 500,
            ApiError::Unavailable(_) => 503,
            ApiError::Page(inner, _) => inner.status(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::BodyTooLarge { .. } => "body_too_large",
            ApiError::InvalidSubmission(SubmissionError::NotJson(_)) => "invalid_json",
            ApiError::InvalidSubmission(SubmissionError::NotAnObject) => "not_an_object",
            ApiError::InvalidSubmission(SubmissionError::Invalid(_)) => "invalid_fields",
            ApiError::UnknownSurvey(_) | ApiError::NoSuchSurvey(_) => "unknown_survey",
            ApiError::InvalidQuery(_) => "invalid_query",
            ApiError::Link(LinkError::Malformed(_)) => "link_malformed",
            ApiError::Link(LinkError::BadSignature) => "link_forged",
            ApiError::Link(LinkError::Expired { .. }) => "link_expired",
            ApiError::OriginNotAllowed(_) => "origin_not_allowed",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::Unauthorized => "unauthorized",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::Misconfigured(_) => "misconfigured",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Page(inner, _) => inner.code(),
        }
    }

    fn message(&self) -> String {
        match self {
            ApiError::BodyTooLarge { limit } => {
                format!("the body is larger than {limit} bytes; send one answer per request")
            }
            ApiError::InvalidSubmission(error) => error.to_string(),
            ApiError::UnknownSurvey(id) | ApiError::NoSuchSurvey(id) => {
                format!("there is no survey {id:?}; surveys are defined in surveys.toml")
            }
            ApiError::InvalidQuery(fields) => {
                format!("{} invalid query parameter(s)", fields.len())
            }
            ApiError::Link(error) => link_message(error),
            ApiError::OriginNotAllowed(origin) => format!(
                "pages at {origin} may not use this survey; add the origin to the survey's \
                 allowed_origins in surveys.toml"
            ),
            ApiError::RateLimited { retry_after_secs } => format!(
                "too many requests from this client; retry after {retry_after_secs} seconds"
            ),
            ApiError::Unauthorized => {
                "send the API key as `authorization: Bearer <API_KEY>`".to_owned()
            }
            ApiError::NotFound => "no such resource; see the OpenAPI document".to_owned(),
            ApiError::MethodNotAllowed { allowed } => format!("use {allowed}"),
            ApiError::Misconfigured(why) => format!("the Worker is misconfigured: {why}"),
            ApiError::Unavailable(why) => {
                format!("storage is unavailable ({why}); retry later with the same id")
            }
            ApiError::Page(inner, _) => inner.message(),
        }
    }

    fn fields(&self) -> &[FieldError] {
        match self {
            ApiError::InvalidSubmission(error) => error.field_errors(),
            ApiError::InvalidQuery(fields) => fields,
            ApiError::Link(LinkError::Malformed(Malformed::Claims(claims))) => &claims.0,
            ApiError::Page(inner, _) => inner.fields(),
            _ => &[],
        }
    }

    /// The response: `{"error": {"code", "message", "fields"}}`, or for a
    /// [`ApiError::Page`] a short HTML page saying the same, with the same status.
    pub fn into_response(self) -> worker::Result<Response> {
        let mut response = match &self {
            ApiError::Page(inner, locale) => Response::from_html(inner.html(*locale))?,
            _ => Response::from_json(&json!({"error": {
                "code": self.code(),
                "message": self.message(),
                "fields": self.fields(),
            }}))?,
        }
        .with_status(self.status());
        let headers = response.headers_mut();
        match self.unwrapped() {
            ApiError::MethodNotAllowed { allowed } => headers.set("allow", allowed)?,
            ApiError::RateLimited { retry_after_secs } => {
                headers.set("retry-after", &retry_after_secs.to_string())?
            }
            ApiError::Unauthorized => headers.set("www-authenticate", "Bearer")?,
            _ => {}
        }
        Ok(response)
    }

    fn unwrapped(&self) -> &ApiError {
        match self {
            ApiError::Page(inner, _) => inner,
            other => other,
        }
    }

    /// What the person who clicked a link needs to know about this error.
    fn link_problem(&self) -> LinkProblem {
        match self {
            ApiError::Link(LinkError::Expired { .. }) => LinkProblem::Expired,
            ApiError::Link(LinkError::BadSignature) => LinkProblem::NotValid,
            ApiError::Link(LinkError::Malformed(_)) | ApiError::InvalidQuery(_) => {
                LinkProblem::Incomplete
            }
            ApiError::NoSuchSurvey(_) => LinkProblem::SurveyGone,
            ApiError::RateLimited { .. } => LinkProblem::TooManyClicks,
            _ => LinkProblem::Failed,
        }
    }

    /// A page a person can read, in the link's language: what happened and
    /// what to do, then the technical detail (English) for whoever helps
    /// them. Every text is escaped, since messages quote what was sent.
    fn html(&self, locale: Locale) -> String {
        let (title, hint) = self.link_problem().texts(locale);
        let details: String = self
            .fields()
            .iter()
            .map(|f| format!("<li>{}</li>", escape(&f.to_string())))
            .collect();
        format!(
            "<!doctype html><html lang=\"{locale}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head>\
             <body><h1>{title}</h1><p>{hint}</p>\
             <p lang=\"en\"><small>{}</small></p><ul lang=\"en\">{details}</ul></body></html>",
            escape(&self.message())
        )
    }
}

fn link_message(error: &LinkError) -> String {
    match error {
        LinkError::Expired { .. } => {
            format!("{error}; answers to this survey are no longer collected")
        }
        _ => error.to_string(),
    }
}

impl From<SubmissionError> for ApiError {
    fn from(error: SubmissionError) -> Self {
        ApiError::InvalidSubmission(error)
    }
}

/// A failure of the runtime or of D1 (building a response, a query): the
/// client may retry.
impl From<worker::Error> for ApiError {
    fn from(error: worker::Error) -> Self {
        ApiError::Unavailable(error.to_string())
    }
}

impl From<LinkError> for ApiError {
    fn from(error: LinkError) -> Self {
        ApiError::Link(error)
    }
}
