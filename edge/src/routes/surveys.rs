//! `GET /v1/surveys/{id}?locale=xx` or `?languages=xx-XX,yy`: what the
//! widget shows, in one language; and `GET /v1/surveys`, the list the
//! owners' side picks from.

use worker::{Request, Response};

use super::{json_response, query};
use crate::cors::Caller;
use crate::{surveys, ApiError};

/// How long browsers and CDNs may reuse a survey: edits to `surveys.toml`
/// ship with a deploy, and five minutes of the old wording is harmless.
const CACHE_CONTROL: &str = "public, max-age=300";

/// Every survey's id and brand, in the order of `surveys.toml`.
pub fn list() -> Result<Response, ApiError> {
    let list: Vec<serde_json::Value> = surveys::all()?
        .iter()
        .map(|s| serde_json::json!({"id": s.id, "brand": s.brand}))
        .collect();
    json_response(&list, 200)
}

/// The survey's public view in the requested or negotiated locale (default
/// English).
pub fn get(req: &Request, id: &str, caller: &Caller) -> Result<Response, ApiError> {
    let mut query = query(req)?;
    let locale = query.preferred_locale();
    let locale = query.finish(locale).map_err(ApiError::InvalidQuery)?;
    let survey = surveys::named(id)?;
    caller.may_use(survey)?;
    let response = json_response(&survey.public_view(locale), 200)?;
    response.headers().set("cache-control", CACHE_CONTROL)?;
    Ok(response)
}
