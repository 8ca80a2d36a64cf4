//! Which web pages may use the API from a browser (CORS), per survey.
//!
//! A survey lists the origins of the pages that embed it; the Worker's own
//! origin (the demo page, the email landing page) is always allowed, and a
//! request without `Origin` is not from a browser page, so CORS does not
//! apply. A preflight cannot see the body, so it is answered for any origin
//! some survey allows; the request itself is then checked against its
//! survey's own list.

use ambassador_shared::SurveyDefinition;
use worker::{Request, Response};

use crate::{surveys, ApiError};

/// The calling page's origin and the Worker's own, read once per request.
pub struct Caller {
    origin: Option<String>,
    own_origin: String,
}

impl Caller {
    /// Reads `Origin` and the request URL's origin.
    pub fn of(req: &Request) -> Caller {
        let origin = req.headers().get("origin").ok().flatten();
        let own_origin = req
            .url()
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_default();
        Caller { origin, own_origin }
    }

    /// `Ok` when the caller may use `survey`, else `origin_not_allowed`.
    pub fn may_use(&self, survey: &SurveyDefinition) -> Result<(), ApiError> {
        match &self.origin {
            Some(origin) if !self.is_own(origin) && !survey.allows_origin(origin) => {
                Err(ApiError::OriginNotAllowed(origin.clone()))
            }
            _ => Ok(()),
        }
    }

    fn is_own(&self, origin: &str) -> bool {
        origin == self.own_origin
    }

    /// The origin to echo in `access-control-allow-origin`: one some survey
    /// (or this Worker) allows.
    fn allowed_origin(&self) -> Option<&str> {
        let origin = self.origin.as_deref()?;
        let anywhere = surveys::all()
            .map(|all| all.iter().any(|s| s.allows_origin(origin)))
            .unwrap_or(false);
        (self.is_own(origin) || anywhere).then_some(origin)
    }

    /// Answers a preflight for `methods`: `204` with the CORS headers for an
    /// allowed origin, `origin_not_allowed` otherwise. [`Caller::decorate`]
    /// adds `vary` and the allowed origin, as for every browser route.
    pub fn preflight(&self, methods: &str) -> Result<Response, ApiError> {
        let Some(origin) = self.allowed_origin() else {
            let origin = self.origin.clone().unwrap_or_else(|| "(none)".to_owned());
            return Err(ApiError::OriginNotAllowed(origin));
        };
        let response = Response::empty()?.with_status(204);
        let headers = response.headers();
        headers.set("access-control-allow-origin", origin)?;
        headers.set("access-control-allow-methods", methods)?;
        headers.set("access-control-allow-headers", "content-type")?;
        headers.set("access-control-max-age", "86400")?;
        Ok(response)
    }

    /// Adds `vary: Origin`, and the header that lets the page read the
    /// response: for an allowed origin always, and for any origin when the
    /// response is an error. An error carries nobody's data, and it is how a
    /// page that is not (yet) allowed learns why: the loader shows its
    /// message in the console, naming the origin to add to `allowed_origins`.
    pub fn decorate(&self, mut response: Response, error: bool) -> worker::Result<Response> {
        let headers = response.headers_mut();
        headers.append("vary", "Origin")?;
        let readable = match error {
            true => self.origin.as_deref(),
            false => self.allowed_origin(),
        };
        if let Some(origin) = readable {
            headers.set("access-control-allow-origin", origin)?;
        }
        Ok(response)
    }
}
