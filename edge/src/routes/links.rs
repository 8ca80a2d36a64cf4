//! `GET /v1/l/{token}?score=N`: a score button clicked in an email; and
//! `GET /v1/l/{token}?honeypot=1`, the email's hidden link.
//!
//! The score is taken in at once (queued, like every answer), unconfirmed: a
//! customer who closes the tab has still answered. But mail security
//! scanners follow every link too, so a click neither counts nor is
//! forwarded yet. With it goes a second message, delayed by the survey's
//! `click_settle_seconds`, which settles the click when the quiet period is
//! over (`intake::settle`): counted and forwarded if nothing looked like a
//! scanner, kept as `suspect` otherwise (`shared::link::scanner`). Then the
//! browser goes on to the landing page, where the customer confirms and may
//! add a comment (`POST /v1/responses` with the token): a confirmation is
//! always a person's, counted and forwarded at once. A click never changes
//! an answer the customer already confirmed.

use ambassador_shared::intake::erasure::customer_digest;
use ambassador_shared::intake::{ClickMessage, IntakeWrite, WriteKind};
use ambassador_shared::link::{self, LinkClaims, HONEYPOT_PARAM};
use ambassador_shared::{Score, Submission};
use std::collections::BTreeMap;
use worker::{Date, Env, Request, Response};

use super::query;
use crate::api_error::PageFrame;
use crate::intake;
use crate::rate_limit::{self, Limiter};
use crate::{config, log, network, surveys, ApiError};

/// Verifies the link, records its score and redirects (303) to `/answer`;
/// for the hidden link, records the visit and answers `204`. Every failure
/// is answered with a page (see [`ApiError::page`]).
pub async fn click(req: &Request, env: &Env, token: &str) -> Result<Response, ApiError> {
    rate_limit::check(req, env, Limiter::Writes).await?;
    let secret = config::link_secret(env)?;
    let claims = link::verify(token, &secret, Date::now().as_millis() / 1000)?;
    let mut query = query(req)?;
    let id = claims.response_id(&secret);
    if query.get(HONEYPOT_PARAM).is_some() {
        let visit = ClickMessage::Honeypot {
            id,
            at_ms: Date::now().as_millis(),
            issued_at: claims.issued_at,
        };
        intake::accept_click(env, &visit, 0).await?;
        return Ok(Response::empty()?.with_status(204));
    }
    let score = query.score();
    let score = query
        .finish_required(score)
        .map_err(ApiError::InvalidQuery)?;
    let survey = surveys::named(&claims.survey_id)?;
    let write = IntakeWrite {
        kind: WriteKind::Click,
        at_ms: Date::now().as_millis(),
        // Opening a case is decided when the click settles.
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
        issued_at: claims.issued_at,
        scanner_network: survey
            .scanner_networks
            .then(|| network::of(req).scanner())
            .flatten(),
    };
    intake::accept(env, &write).await?;
    let customer = write.answer.context.customer_ref.as_deref();
    let settle = ClickMessage::Settle {
        id: id.clone(),
        survey_id: claims.survey_id.clone(),
        click_at_ms: write.at_ms,
        customer_digest: customer.map(|c| customer_digest(c, &secret)),
    };
    // The click is stored either way; if its settling cannot be queued, the
    // daily trigger settles it (`intake::settle_overdue`).
    if let Err(error) = intake::accept_click(env, &settle, survey.click_settle_seconds).await {
        log::settle_unqueued(&error.server_side_detail().unwrap_or_default());
    }
    redirect(&claims, score, &id, token)
}

/// The frame of an error page about `token`: the email's language, read
/// unchecked from the token (English when it has none), and the brand of
/// its survey only when the token is genuine (an expired link's, not a
/// forged one's) and names one of ours.
pub fn page_frame(env: &Env, token: &str) -> PageFrame {
    let survey = config::link_secret(env)
        .ok()
        .and_then(|secret| link::survey_of(token, &secret));
    PageFrame {
        locale: link::peek_locale(token).unwrap_or_default(),
        brand: survey
            .and_then(|id| surveys::named(&id).ok())
            .map(|survey| survey.brand.as_str()),
    }
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
