//! Wallboards over HTTP. Behind the API key or an agent's session:
//! `POST /v1/surveys/{id}/wallboards` makes one, `GET` lists them (their
//! links are capabilities, so a viewer, who may not make one, may not
//! collect them either), `DELETE …/wallboards/{wallboard_id}` revokes one.
//! Without any credential: the page `GET /wall/{token}`, its figures
//! `GET /wall/{token}/figures`, its script and stylesheet. The rules are
//! `shared::wallboard`'s; this checks, reads and shapes.
//!
//! A token is checked before anything is read: a forged, altered or cut
//! one is answered like an unknown id (404), never reaching D1. A revoked
//! or expired wallboard is a 410, and neither ever carries a figure.

use ambassador_shared::input::limits::MAX_BODY_BYTES;
use ambassador_shared::wallboard::{self, page, NewWallboard, Wallboard};
use ambassador_shared::Locale;
use serde_json::{json, Value};
use worker::{Date, Env, Request, Response};

use super::{authorize, base_url, json_response};
use crate::api_error::PageFrame;
use crate::auth::{random_hex, Principal};
use crate::body::read_limited;
use crate::store::wallboards::{self, Stored};
use crate::{config, surveys, ApiError};

const DAY_MS: i64 = 86_400_000;

/// `POST /v1/surveys/{id}/wallboards`: a new wallboard and its link (201).
pub async fn create(mut req: Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    let principal = agent(&req, env).await?;
    surveys::named(survey_id)?;
    let body = read_limited(&mut req, MAX_BODY_BYTES).await?;
    let asked = NewWallboard::from_json(&body)?;
    let now = now_ms();
    let wallboard = Wallboard {
        id: random_hex::<16>()?,
        survey_id: survey_id.to_owned(),
        label: asked.label,
        touchpoint: asked.touchpoint,
        role: asked.role,
        language: asked.language,
        created_at: now,
        expires_at: now + asked.expires_in_days * DAY_MS,
        created_by: match principal {
            Principal::Key => "api-key".to_owned(),
            Principal::User { name, .. } => name,
        },
    };
    wallboards::create(env, &wallboard).await?;
    json_response(&shown(&req, env, &wallboard)?, 201)
}

/// `GET /v1/surveys/{id}/wallboards`: those not revoked, newest first.
pub async fn list(req: &Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    agent(req, env).await?;
    surveys::named(survey_id)?;
    let shown: Result<Vec<Value>, ApiError> = wallboards::list(env, survey_id)
        .await?
        .iter()
        .map(|wallboard| shown(req, env, wallboard))
        .collect();
    json_response(&json!({ "wallboards": shown? }), 200)
}

/// `DELETE /v1/surveys/{id}/wallboards/{wallboard_id}`: revoked at once
/// (204); one already revoked, or of another survey, is unknown (404).
pub async fn revoke(
    req: &Request,
    env: &Env,
    survey_id: &str,
    id: &str,
) -> Result<Response, ApiError> {
    agent(req, env).await?;
    surveys::named(survey_id)?;
    match wallboards::revoke(env, survey_id, id, now_ms()).await? {
        true => Ok(Response::empty()?.with_status(204)),
        false => Err(ApiError::UnknownWallboard),
    }
}

/// `GET /wall/{token}`: the page, its figures rendered in; a wallboard
/// that is not (or no longer) shows a page saying so, in its language
/// when known, else the browser's.
pub async fn show(req: &Request, env: &Env, token: &str) -> Result<Response, ApiError> {
    let (wallboard, brand) = match working(env, token).await {
        Ok(found) => found,
        Err((error, language, brand)) => {
            let locale = language.unwrap_or_else(|| browser_language(req));
            return Err(ApiError::page(error, PageFrame { locale, brand }));
        }
    };
    let figures = crate::wallboard::figures(env, &wallboard, now_ms()).await?;
    let mut response = Response::from_html(page::page(brand, &wallboard, &figures))?;
    let headers = response.headers_mut();
    headers.set("content-security-policy", page::CONTENT_SECURITY_POLICY)?;
    private(headers)?;
    Ok(response)
}

/// `GET /wall/{token}/figures`: what the page's script refreshes with,
/// the figures and their HTML; 404 or 410 as a plain error without them.
pub async fn figures(env: &Env, token: &str) -> Result<Response, ApiError> {
    let (wallboard, _) = working(env, token).await.map_err(|(error, ..)| error)?;
    let figures = crate::wallboard::figures(env, &wallboard, now_ms()).await?;
    let mut body =
        serde_json::to_value(&figures).map_err(|e| ApiError::Unavailable(e.to_string()))?;
    body["html"] = Value::from(page::figures_html(wallboard.language, &figures));
    let mut response = Response::from_json(&body)?;
    private(response.headers_mut())?;
    Ok(response)
}

/// The page's script or stylesheet, from the Worker's own origin (the
/// policy admits nothing else), fetched afresh after each deploy.
pub fn asset(body: &'static str, content_type: &str) -> Result<Response, ApiError> {
    let mut response = Response::ok(body)?;
    let headers = response.headers_mut();
    headers.set("content-type", content_type)?;
    headers.set("cache-control", "no-cache")?;
    headers.set("x-content-type-options", "nosniff")?;
    Ok(response)
}

/// Figures go to no cache, the token to no other site, and the page to no
/// search engine or frame.
fn private(headers: &mut worker::Headers) -> Result<(), ApiError> {
    headers.set("cache-control", "no-store")?;
    headers.set("referrer-policy", "no-referrer")?;
    headers.set("x-content-type-options", "nosniff")?;
    headers.set("x-robots-tag", "noindex")?;
    Ok(())
}

/// Why a token shows no figures, and what is known to dress its page.
type Refusal = (ApiError, Option<Locale>, Option<&'static str>);

/// The working wallboard a token names, with its survey's brand; else
/// why not: unknown (or not our token) 404, revoked or expired 410, with
/// the wallboard's language and brand when it exists.
async fn working(env: &Env, token: &str) -> Result<(Wallboard, &'static str), Refusal> {
    let unknown = || (ApiError::UnknownWallboard, None, None);
    let secret = config::link_secret(env).map_err(|e| (e, None, None))?;
    let id = wallboard::verify(token, &secret).map_err(|_| unknown())?;
    let Stored {
        wallboard,
        revoked_at,
    } = wallboards::find(env, &id)
        .await
        .map_err(|e| (e, None, None))?
        .ok_or_else(unknown)?;
    let brand = surveys::named(&wallboard.survey_id)
        .map(|survey| survey.brand.as_str())
        .map_err(|_| (ApiError::WallboardGone, Some(wallboard.language), None))?;
    if revoked_at.is_some() || wallboard.expires_at <= now_ms() {
        return Err((
            ApiError::WallboardGone,
            Some(wallboard.language),
            Some(brand),
        ));
    }
    Ok((wallboard, brand))
}

/// Only those who may change answers' cases make, list and revoke
/// wallboards: the API key or an agent.
async fn agent(req: &Request, env: &Env) -> Result<Principal, ApiError> {
    let principal = authorize(req, env).await?;
    match principal.works_cases() {
        true => Ok(principal),
        false => Err(ApiError::Forbidden(
            "viewers read reports; an agent makes and revokes wallboards",
        )),
    }
}

/// The wallboard as the API shows it, with its page's absolute URL.
fn shown(req: &Request, env: &Env, wallboard: &Wallboard) -> Result<Value, ApiError> {
    let token = wallboard::token(&wallboard.id, &config::link_secret(env)?);
    let mut value =
        serde_json::to_value(wallboard).map_err(|e| ApiError::Unavailable(e.to_string()))?;
    value["url"] = Value::from(format!("{}{}", base_url(req)?, wallboard::path(&token)));
    Ok(value)
}

/// The browser's first supported language (`Accept-Language`), else
/// English: for the page of a link that names no wallboard.
fn browser_language(req: &Request) -> Locale {
    let header = req
        .headers()
        .get("accept-language")
        .ok()
        .flatten()
        .unwrap_or_default();
    Locale::negotiate(
        header
            .split(',')
            .map(|tag| tag.split(';').next().unwrap_or_default().trim()),
    )
}

fn now_ms() -> i64 {
    Date::now().as_millis() as i64
}
