//! `GET /v1/l/{token}?score=N`: a score button clicked in an email.
//!
//! The score is taken in at once (queued, like every answer), unconfirmed:
//! mail security scanners follow links too, and a customer who closes the
//! tab has still answered. It is forwarded once stored (`response.created`;
//! a changed click or the confirmation is a `response.updated`), so a
//! detractor is called back even if they never reach the landing page. A
//! click never changes an answer the customer already confirmed. Then the
//! browser goes on to the landing page, where the customer confirms and may
//! add a comment (`POST /v1/responses` with the token).

use ambassador_shared::intake::{IntakeWrite, WriteKind};
use ambassador_shared::link::{self, LinkClaims};
use ambassador_shared::{Locale, Score, Submission};
use std::collections::BTreeMap;
use worker::{Date, Env, Request, Response};

use super::query;
use crate::intake;
use crate::rate_limit::{self, Limiter};
use crate::{config, surveys, ApiError};

/// Verifies the link, records its score and redirects (303) to `/answer`.
/// Every failure is answered with a small HTML page (see [`ApiError::page`]).
pub async fn click(req: &Request, env: &Env, token: &str) -> Result<Response, ApiError> {
    rate_limit::check(req, env, Limiter::Writes).await?;
    let secret = config::link_secret(env)?;
    let claims = link::verify(token, &secret, Date::now().as_millis() / 1000)?;
    let mut query = query(req)?;
    let score = query.score();
    let score = query
        .finish_required(score)
        .map_err(ApiError::InvalidQuery)?;
    surveys::named(&claims.survey_id)?;
    let id = claims.response_id(&secret);
    let write = IntakeWrite {
        kind: WriteKind::Click,
        at_ms: Date::now().as_millis(),
        // A click is never confirmed, so it opens no case; a mail scanner
        // clicks too.
        opens_case: false,
        answer: Submission {
            id: id.clone(),
            survey_id: claims.survey_id.clone(),
            score,
            comment: None,
            locale: claims.locale,
            context: claims.context(),
            answers: BTreeMap::new(),
            token: None,
        },
    };
    intake::accept(env, &write).await?;
    redirect(&claims, score, &id, token)
}

/// The language of an error page about `token`: the email's, when the token
/// is readable at all, else English.
pub fn page_locale(token: &str) -> Locale {
    link::peek_locale(token).unwrap_or_default()
}

/// `303 See Other` to the landing page, with everything it needs in the
/// query. The location is relative: an address built from the request's
/// `Host` header could send the customer (and the token) elsewhere.
fn redirect(
    claims: &LinkClaims,
    score: Score,
    id: &str,
    token: &str,
) -> Result<Response, ApiError> {
    let query = worker::url::form_urlencoded::Serializer::new(String::new())
        .append_pair("survey", &claims.survey_id)
        .append_pair("locale", claims.locale.as_str())
        .append_pair("score", &score.to_string())
        .append_pair("id", id)
        .append_pair("token", token)
        .finish();
    let response = Response::empty()?.with_status(303);
    response
        .headers()
        .set("location", &format!("/answer?{query}"))?;
    Ok(response)
}
