//! `/v1/unsubscribe/{token}`: the unsubscribe link of an invitation email.
//!
//! `GET` shows a page in the email's language that asks first, with a
//! button: mail security scanners follow every link, so a GET never opts
//! anyone out. `POST` records the opt-out, whether it comes from that
//! button or from a mailbox provider's one-click unsubscribe (RFC 8058,
//! body `List-Unsubscribe=One-Click`), and shows that it is done. Later
//! invitations of the survey for that customer are answered `opted_out`.

use ambassador_shared::link::unsubscribe::{self, PageKind, UnsubscribeClaims};
use worker::{Date, Env, Request, Response};

use crate::rate_limit::{self, Limiter};
use crate::store::invitations;
use crate::{config, surveys, ApiError};

/// The page that asks; changes nothing.
pub async fn show(env: &Env, token: &str) -> Result<Response, ApiError> {
    let claims = verified(env, token)?;
    page(PageKind::Confirm, &claims)
}

/// Records the opt-out (again is harmless) and says so.
pub async fn record(req: &Request, env: &Env, token: &str) -> Result<Response, ApiError> {
    rate_limit::check(req, env, Limiter::Writes).await?;
    let claims = verified(env, token)?;
    invitations::opt_out(
        env,
        &claims.survey_id,
        &claims.customer_ref,
        Date::now().as_millis(),
    )
    .await?;
    page(PageKind::Done, &claims)
}

fn verified(env: &Env, token: &str) -> Result<UnsubscribeClaims, ApiError> {
    let claims = unsubscribe::verify(token, &config::link_secret(env)?)?;
    surveys::named(&claims.survey_id)?;
    Ok(claims)
}

/// The page, under the policy of the landing page: only this origin's
/// stylesheet, no script, a form that may post only here, no framing, no
/// referrer (the URL is a credential), not cached.
fn page(kind: PageKind, claims: &UnsubscribeClaims) -> Result<Response, ApiError> {
    let brand = &surveys::named(&claims.survey_id)?.brand;
    let response = Response::from_html(unsubscribe::page(kind, claims.locale, brand))?;
    let headers = response.headers();
    for (name, value) in [
        (
            "content-security-policy",
            "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'self'; \
             frame-ancestors 'none'",
        ),
        ("referrer-policy", "no-referrer"),
        ("x-content-type-options", "nosniff"),
        ("cache-control", "no-store"),
    ] {
        headers.set(name, value)?;
    }
    Ok(response)
}
