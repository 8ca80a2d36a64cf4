//! Every way a request can fail, and the one place that turns it into HTTP:
//! JSON for the API, a page of the survey's brand for links a person clicked.

use ambassador_shared::input::json_fields::BodyError;
use ambassador_shared::link::{LinkError, Malformed};
use ambassador_shared::text::html::{self, escape};
use ambassador_shared::text::link_page::LinkProblem;
use ambassador_shared::{FieldError, Locale};
use serde_json::json;
use worker::Response;

/// A failed request. Each variant maps to one status and one stable `code`
/// that clients can match on; `message` says what to fix.
#[derive(Debug)]
pub enum ApiError {
    /// The body exceeds the limit in `shared::input::limits`.
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body is not a valid submission (not JSON, not an object, bad fields).
    InvalidBody(BodyError),
    /// No survey of this Worker has this id.
    UnknownSurvey {
        /// The id asked for.
        id: String,
        /// Where it was named, which decides the status.
        named_in: NamedIn,
    },
    /// Query parameters that break their rules, every one of them.
    InvalidQuery(Vec<FieldError>),
    /// A parameter in the path that breaks its rules, named.
    InvalidPath(Vec<FieldError>),
    /// A signed link token that is malformed, forged or expired.
    Link(LinkError),
    /// No case has this id.
    UnknownCase(String),
    /// The case changed between reading it and writing the change.
    CaseChanged,
    /// An answer with this id but other content was stored first (ids are
    /// idempotency keys: the first content stays).
    /// Names the `id` field.
    AnswerConflict(Vec<FieldError>),
    /// The page's origin may not use this survey.
    OriginNotAllowed(String),
    /// This client sent too many requests this minute.
    RateLimited {
        /// When to try again.
        retry_after_secs: u64,
    },
    /// The owners' side needs `authorization: Bearer <API_KEY>` or a session.
    Unauthorized,
    /// The session cookie is forged, ended or expired; says which.
    SessionInvalid(&'static str),
    /// A sign-in with a name or password that does not match.
    BadCredentials,
    /// A Cloudflare Access token that does not hold; says why.
    AccessInvalid(String),
    /// A person Access signed in whom `ACCESS_USERS` gives no role.
    AccessNoRole(String),
    /// A write with a session cookie from a page of another origin.
    CrossOrigin,
    /// The signed-in person's role may not do this; says who may.
    Forbidden(&'static str),
    /// No wallboard has this id, or its link is not one of ours (forged,
    /// altered, cut): the same answer, so a guess learns nothing.
    UnknownWallboard,
    /// The wallboard was revoked or has expired: its link shows no figures.
    WallboardGone,
    /// No route for this path.
    NotFound,
    /// The path exists but not for this method.
    MethodNotAllowed {
        /// The methods it takes, for the `allow` header.
        allowed: &'static str,
    },
    /// A secret or variable of the Worker is missing or invalid.
    Misconfigured(String),
    /// Storage failed; the client should retry with the same id.
    Unavailable(String),
    /// The error, rendered as an HTML page for a person following a link.
    Page(Box<ApiError>, PageFrame),
}

/// What dresses a link's page: the email's language, and the survey's brand
/// when the link names one of ours.
#[derive(Debug, Clone, Copy)]
pub struct PageFrame {
    /// The language of the page.
    pub locale: Locale,
    /// The survey's brand, shown above the heading.
    pub brand: Option<&'static str>,
}

/// Where a request named a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedIn {
    /// The URL (path or signed link): that resource does not exist, 404.
    Path,
    /// The body: a field of it is wrong, 422.
    Body,
}

impl ApiError {
    /// Wraps `error` so it is answered with an HTML page in `frame`
    /// instead of JSON.
    pub fn page(error: ApiError, frame: PageFrame) -> ApiError {
        match error {
            ApiError::Page(..) => error,
            other => ApiError::Page(Box::new(other), frame),
        }
    }

    /// The answer `id` was first stored with other content (409).
    pub fn answer_conflict(id: &str) -> ApiError {
        let message = format!(
            "{id} was first stored with another score or comment, which stays; \
             a new answer needs a new id"
        );
        ApiError::AnswerConflict(vec![FieldError::new(
            "id",
            ambassador_shared::FieldErrorCode::Duplicate,
            message,
        )])
    }

    /// Field errors of a body that parsed but does not fit (422).
    pub fn invalid_fields(fields: Vec<FieldError>) -> ApiError {
        ApiError::InvalidBody(BodyError::Invalid(fields))
    }

    /// What failed on our side (a 5xx), for the log: a configuration name or
    /// the storage's message, never anything the request carried.
    pub fn server_side_detail(&self) -> Option<String> {
        match self.unwrapped() {
            ApiError::Misconfigured(_) | ApiError::Unavailable(_) => Some(self.message()),
            _ => None,
        }
    }

    /// The status and the stable `code` of each error, side by side.
    pub fn status_and_code(&self) -> (u16, &'static str) {
        match self {
            ApiError::BodyTooLarge { .. } => (413, "body_too_large"),
            ApiError::InvalidBody(BodyError::NotJson(_)) => (400, "invalid_json"),
            ApiError::InvalidBody(BodyError::NotAnObject) => (400, "not_an_object"),
            ApiError::InvalidBody(BodyError::Invalid(_)) => (422, "invalid_fields"),
            ApiError::UnknownSurvey { named_in, .. } => match named_in {
                NamedIn::Path => (404, "unknown_survey"),
                NamedIn::Body => (422, "unknown_survey"),
            },
            ApiError::InvalidQuery(_) => (400, "invalid_query"),
            ApiError::InvalidPath(_) => (400, "invalid_path"),
            ApiError::Link(LinkError::Malformed(_)) => (400, "link_malformed"),
            ApiError::Link(LinkError::BadSignature) => (403, "link_forged"),
            ApiError::Link(LinkError::Expired { .. }) => (410, "link_expired"),
            ApiError::UnknownCase(_) => (404, "unknown_case"),
            ApiError::CaseChanged => (409, "case_changed"),
            ApiError::AnswerConflict(_) => (409, "answer_conflict"),
            ApiError::OriginNotAllowed(_) => (403, "origin_not_allowed"),
            ApiError::RateLimited { .. } => (429, "rate_limited"),
            ApiError::Unauthorized => (401, "unauthorized"),
            ApiError::SessionInvalid(_) => (401, "session_invalid"),
            ApiError::BadCredentials => (401, "bad_credentials"),
            ApiError::AccessInvalid(_) => (401, "access_invalid"),
            ApiError::AccessNoRole(_) => (403, "access_no_role"),
            ApiError::CrossOrigin => (403, "cross_origin"),
            ApiError::Forbidden(_) => (403, "forbidden"),
            ApiError::UnknownWallboard => (404, "unknown_wallboard"),
            ApiError::WallboardGone => (410, "wallboard_gone"),
            ApiError::NotFound => (404, "not_found"),
            ApiError::MethodNotAllowed { .. } => (405, "method_not_allowed"),
            ApiError::Misconfigured(_) => (500, "misconfigured"),
            ApiError::Unavailable(_) => (503, "unavailable"),
            ApiError::Page(inner, _) => inner.status_and_code(),
        }
    }

    fn message(&self) -> String {
        match self {
            ApiError::BodyTooLarge { limit } => {
                format!("the body is larger than {limit} bytes; send one answer per request")
            }
            ApiError::InvalidBody(error) => error.to_string(),
            ApiError::UnknownSurvey { id, .. } => {
                format!("there is no survey {id:?}; surveys are defined in surveys.toml")
            }
            ApiError::InvalidQuery(fields) => {
                format!("{} invalid query parameter(s)", fields.len())
            }
            ApiError::InvalidPath(fields) => {
                format!("{} invalid path parameter(s)", fields.len())
            }
            ApiError::Link(error) => link_message(error),
            ApiError::UnknownCase(id) => {
                format!("there is no case {id:?}; a case has the id of the answer that opened it")
            }
            ApiError::CaseChanged => "the case changed while this change was made; read it \
                 again and retry"
                .to_owned(),
            ApiError::AnswerConflict(_) => {
                "an answer with this id and other content was stored first, and it stays".to_owned()
            }
            ApiError::OriginNotAllowed(origin) => format!(
                "pages at {origin} may not use this survey; add the origin to the survey's \
                 allowed_origins in surveys.toml"
            ),
            ApiError::RateLimited { retry_after_secs } => format!(
                "too many requests from this client; retry after {retry_after_secs} seconds"
            ),
            ApiError::Unauthorized => "sign in (POST /v1/session), or send the API key as \
                 `authorization: Bearer <API_KEY>`"
                .to_owned(),
            ApiError::SessionInvalid(why) => format!("{why} (POST /v1/session)"),
            ApiError::BadCredentials => {
                "the name or the password is wrong; ask whoever runs Ambassador to check \
                 DASHBOARD_USERS"
                    .to_owned()
            }
            ApiError::CrossOrigin => "a change with a session must come from this site's own \
                 pages (the Origin header)"
                .to_owned(),
            ApiError::AccessInvalid(why) => why.clone(),
            ApiError::AccessNoRole(email) => format!(
                "{email} signed in through Cloudflare Access but has no role here; \
                 ask whoever runs Ambassador to add them to ACCESS_USERS"
            ),
            ApiError::Forbidden(why) => (*why).to_owned(),
            ApiError::UnknownWallboard => "there is no such wallboard; its link may be \
                 incomplete or altered"
                .to_owned(),
            ApiError::WallboardGone => "this wallboard was revoked or has expired; make a new \
                 one for the screen"
                .to_owned(),
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
            ApiError::InvalidBody(error) => error.field_errors(),
            ApiError::InvalidQuery(fields)
            | ApiError::InvalidPath(fields)
            | ApiError::AnswerConflict(fields) => fields,
            ApiError::Link(LinkError::Malformed(Malformed::Claims(claims))) => &claims.0,
            ApiError::Page(inner, _) => inner.fields(),
            _ => &[],
        }
    }

    /// The response: `{"error": {"code", "message", "fields"}}`, or for a
    /// [`ApiError::Page`] a page for the person, with the same status and
    /// the `code` in the `ambassador-error` header (the log has it too).
    pub fn into_response(self) -> worker::Result<Response> {
        let (status, code) = self.status_and_code();
        let mut response = match &self {
            ApiError::Page(inner, frame) => Response::from_html(inner.html(frame))?,
            _ => Response::from_json(&json!({"error": {
                "code": code,
                "message": self.message(),
                "fields": self.fields(),
            }}))?,
        }
        .with_status(status);
        let headers = response.headers_mut();
        if let ApiError::Page(..) = self {
            // A page a person reads: nothing of it runs but the landing
            // page's own stylesheet, nothing frames it, and the link's token
            // never leaves in a Referer.
            headers.set(
                "content-security-policy",
                "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; \
                 frame-ancestors 'none'",
            )?;
            headers.set("x-content-type-options", "nosniff")?;
            headers.set("referrer-policy", "no-referrer")?;
            headers.set("ambassador-error", code)?;
        }
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
            ApiError::UnknownSurvey { .. } => LinkProblem::SurveyGone,
            ApiError::RateLimited { .. } => LinkProblem::TooManyClicks,
            ApiError::UnknownWallboard | ApiError::WallboardGone => LinkProblem::WallboardGone,
            _ => LinkProblem::Failed,
        }
    }

    /// A page a person can read, in the link's language and the survey's
    /// brand, styled like the landing page: what happened and what to do.
    /// The technical reason stays out of it (the `ambassador-error` header
    /// and the log carry it): it would mean nothing to the person, in a
    /// language they may not read.
    fn html(&self, frame: &PageFrame) -> String {
        let text = self.link_problem().texts(frame.locale);
        let body = format!("<p>{}</p><p>{}</p>", escape(text.what), escape(text.next));
        html::page(frame.locale, frame.brand, text.heading, &body)
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

impl From<BodyError> for ApiError {
    fn from(error: BodyError) -> Self {
        ApiError::InvalidBody(error)
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
