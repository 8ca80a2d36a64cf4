//! The public HTTP API: which path and method goes to which handler.
//!
//! Static files (the demo page, the widget, the landing page) never get here:
//! Workers static assets serve them before the Worker runs.

mod cases;
mod comments;
mod customers;
mod dead_letters;
mod invitations;
mod links;
mod reports;
mod responses;
mod surveys;
mod unsubscribe;
mod wallboards;

use ambassador_shared::input::query::Query;
use ambassador_shared::wallboard::page;
use worker::{Date, Env, Method, Request, Response};

use crate::auth::{self, Principal};
use crate::cors::Caller;
use crate::rate_limit::{self, Limiter};
use crate::{config, log, store, ApiError};

/// Dispatches one request to its handler and shapes every outcome, errors
/// included, into a response with the CORS headers its route needs.
pub async fn handle(req: Request, env: &Env) -> worker::Result<Response> {
    let started = Date::now().as_millis();
    let caller = Caller::of(&req);
    let path = req.path();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let browser_api = matches!(
        segments.as_slice(),
        ["v1", "responses"] | ["v1", "surveys", _]
    );
    let method = method(&req);
    let sent_method = req.inner().method();
    let outcome = match (segments.as_slice(), sent_method.as_str()) {
        // A scanner's HEAD on a score link is not a click: nothing recorded.
        (["v1", "l", _], "HEAD") => Response::empty().map_err(ApiError::from),
        _ => route(&segments, method, req, env, &caller).await,
    };
    let failed = outcome.is_err();
    let (error, detail) = match &outcome {
        Err(e) => (Some(e.status_and_code().1), e.server_side_detail()),
        Ok(_) => (None, None),
    };
    let response = outcome.or_else(ApiError::into_response)?;
    log::request(&log::RequestLine {
        method: &sent_method,
        route: pattern(&segments),
        survey: match segments.as_slice() {
            ["v1", "surveys", id, ..] => Some(id),
            _ => None,
        },
        status: response.status_code(),
        error,
        detail: detail.as_deref(),
        duration_ms: Date::now().as_millis().saturating_sub(started),
    });
    if browser_api {
        caller.decorate(response, failed)
    } else {
        Ok(response)
    }
}

/// The route a path takes, as a pattern: what the log may say of a path
/// (a token or an id in it stays out).
fn pattern(segments: &[&str]) -> &'static str {
    match segments {
        ["health"] => "/health",
        ["ready"] => "/ready",
        ["v1", "session"] => "/v1/session",
        ["v1", "users"] => "/v1/users",
        ["v1", "responses"] => "/v1/responses",
        ["v1", "surveys"] => "/v1/surveys",
        ["v1", "surveys", _] => "/v1/surveys/{id}",
        ["v1", "surveys", _, "report"] => "/v1/surveys/{id}/report",
        ["v1", "surveys", _, "themes"] => "/v1/surveys/{id}/themes",
        ["v1", "surveys", _, "responses.csv"] => "/v1/surveys/{id}/responses.csv",
        ["v1", "surveys", _, "cases"] => "/v1/surveys/{id}/cases",
        ["v1", "surveys", _, "comments"] => "/v1/surveys/{id}/comments",
        ["v1", "surveys", _, "invitations"] => "/v1/surveys/{id}/invitations",
        ["v1", "surveys", _, "reminders"] => "/v1/surveys/{id}/reminders",
        ["v1", "surveys", _, "invitations", "sent"] => "/v1/surveys/{id}/invitations/sent",
        ["v1", "surveys", _, "wallboards"] => "/v1/surveys/{id}/wallboards",
        ["v1", "surveys", _, "wallboards", _] => "/v1/surveys/{id}/wallboards/{wallboard_id}",
        ["wall", "wallboard.js"] => "/wall/wallboard.js",
        ["wall", "wallboard.css"] => "/wall/wallboard.css",
        ["wall", _] => "/wall/{token}",
        ["wall", _, "figures"] => "/wall/{token}/figures",
        ["v1", "unsubscribe", _] => "/v1/unsubscribe/{token}",
        ["v1", "cases", _] => "/v1/cases/{id}",
        ["v1", "customers", _] => "/v1/customers/{customer_ref}",
        ["v1", "dead-letters"] => "/v1/dead-letters",
        ["v1", "dead-letters", "replay"] => "/v1/dead-letters/replay",
        ["v1", "l", _] => "/v1/l/{token}",
        _ => "other",
    }
}

/// The method as the route table sees it. HEAD is answered as GET (the
/// runtime sends the head without the body); a method the runtime does not
/// name, which `worker` would take for GET, is TRACE here, which no route
/// takes, so it is refused with the route's `allow` instead of being served.
fn method(req: &Request) -> Method {
    match req.inner().method().to_ascii_uppercase().as_str() {
        "GET" | "HEAD" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "PATCH" => Method::Patch,
        "DELETE" => Method::Delete,
        "OPTIONS" => Method::Options,
        _ => Method::Trace,
    }
}

async fn route(
    segments: &[&str],
    method: Method,
    req: Request,
    env: &Env,
    caller: &Caller,
) -> Result<Response, ApiError> {
    match (segments, method) {
        (["health"], Method::Get) => health(),
        (["health"], _) => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        (["ready"], Method::Get) => ready(env).await,
        (["ready"], _) => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        (["v1", "session"], Method::Post) => auth::sign_in(req, env).await,
        (["v1", "session"], Method::Get) => auth::whoami(&req, env).await,
        (["v1", "session"], Method::Delete) => auth::sign_out(&req, env).await,
        (["v1", "session"], _) => Err(ApiError::MethodNotAllowed {
            allowed: "GET, POST, DELETE",
        }),
        (["v1", "users"], Method::Get) => auth::users(&req, env).await,
        (["v1", "users"], _) => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        (["v1", "responses"], Method::Post) => {
            rate_limit::check(&req, env, Limiter::Writes).await?;
            responses::create(req, env, caller).await
        }
        (["v1", "responses"], Method::Options) => caller.preflight("POST"),
        (["v1", "responses"], _) => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        (["v1", "surveys"], Method::Get) => {
            authorize(&req, env).await?;
            surveys::list()
        }
        (["v1", "surveys"], _) => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        (["v1", "surveys", id], Method::Get) => surveys::get(&req, id, caller),
        (["v1", "surveys", _], Method::Options) => caller.preflight("GET"),
        (["v1", "surveys", _], _) => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        (["v1", "surveys", id, "report"], Method::Get) => reports::report(&req, env, id).await,
        (["v1", "surveys", id, "themes"], Method::Get) => reports::themes(&req, env, id).await,
        (["v1", "surveys", id, "responses.csv"], Method::Get) => {
            reports::export(&req, env, id).await
        }
        (["v1", "surveys", id, "cases"], Method::Get) => cases::inbox(&req, env, id).await,
        (["v1", "surveys", id, "comments"], Method::Get) => comments::list(&req, env, id).await,
        (["v1", "surveys", id, "invitations"], Method::Post) => {
            invitations::create(req, env, id).await
        }
        (["v1", "surveys", id, "invitations"], Method::Get) => {
            invitations::list(&req, env, id).await
        }
        (["v1", "surveys", _, "invitations"], _) => Err(ApiError::MethodNotAllowed {
            allowed: "GET, POST",
        }),
        (["v1", "surveys", id, "invitations", "sent"], Method::Post) => {
            invitations::sent(req, env, id).await
        }
        (["v1", "surveys", _, "invitations", "sent"], _) => {
            Err(ApiError::MethodNotAllowed { allowed: "POST" })
        }
        (["v1", "surveys", id, "reminders"], Method::Post) => {
            invitations::remind(&req, env, id).await
        }
        (["v1", "surveys", _, "reminders"], _) => {
            Err(ApiError::MethodNotAllowed { allowed: "POST" })
        }
        (["v1", "surveys", id, "wallboards"], Method::Post) => {
            wallboards::create(req, env, id).await
        }
        (["v1", "surveys", id, "wallboards"], Method::Get) => wallboards::list(&req, env, id).await,
        (["v1", "surveys", _, "wallboards"], _) => Err(ApiError::MethodNotAllowed {
            allowed: "GET, POST",
        }),
        (["v1", "surveys", id, "wallboards", wallboard], Method::Delete) => {
            wallboards::revoke(&req, env, id, wallboard).await
        }
        (["v1", "surveys", _, "wallboards", _], _) => {
            Err(ApiError::MethodNotAllowed { allowed: "DELETE" })
        }
        (["wall", "wallboard.js"], Method::Get) => {
            wallboards::asset(page::SCRIPT, "text/javascript; charset=utf-8")
        }
        (["wall", "wallboard.css"], Method::Get) => {
            wallboards::asset(page::STYLESHEET, "text/css; charset=utf-8")
        }
        (["wall", token], Method::Get) => wallboards::show(&req, env, token).await,
        (["wall", token, "figures"], Method::Get) => wallboards::figures(env, token).await,
        (["wall", _] | ["wall", _, "figures"], _) => {
            Err(ApiError::MethodNotAllowed { allowed: "GET" })
        }
        (["v1", "surveys", _, "report" | "themes" | "responses.csv" | "cases" | "comments"], _) => {
            Err(ApiError::MethodNotAllowed { allowed: "GET" })
        }
        (["v1", "cases", id], Method::Get) => cases::show(&req, env, id).await,
        (["v1", "cases", id], Method::Patch) => cases::change(req, env, id).await,
        (["v1", "cases", _], _) => Err(ApiError::MethodNotAllowed {
            allowed: "GET, PATCH",
        }),
        (["v1", "dead-letters"], Method::Get) => dead_letters::list(&req, env).await,
        (["v1", "dead-letters"], _) => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        (["v1", "dead-letters", "replay"], Method::Post) => dead_letters::replay(req, env).await,
        (["v1", "dead-letters", "replay"], _) => {
            Err(ApiError::MethodNotAllowed { allowed: "POST" })
        }
        (["v1", "customers", customer_ref], Method::Delete) => {
            customers::erase(&req, env, customer_ref).await
        }
        (["v1", "customers", _], _) => Err(ApiError::MethodNotAllowed { allowed: "DELETE" }),
        (["v1", "l", token], Method::Get) => links::click(&req, env, token)
            .await
            .map_err(|e| ApiError::page(e, links::page_frame(env, token))),
        (["v1", "l", _], _) => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        (["v1", "unsubscribe", token], Method::Get) => unsubscribe::show(env, token)
            .await
            .map_err(|e| ApiError::page(e, links::page_frame(env, token))),
        (["v1", "unsubscribe", token], Method::Post) => unsubscribe::record(&req, env, token)
            .await
            .map_err(|e| ApiError::page(e, links::page_frame(env, token))),
        (["v1", "unsubscribe", _], _) => Err(ApiError::MethodNotAllowed {
            allowed: "GET, POST",
        }),
        #[cfg(feature = "testing")]
        (["__switches", name], Method::Put) => crate::switches::flip(req, env, name).await,
        #[cfg(feature = "testing")]
        (["__sql"], Method::Post) => crate::probe::sql(req, env).await,
        _ => Err(ApiError::NotFound),
    }
}

/// Liveness: answers without touching storage, for load balancers and tests.
fn health() -> Result<Response, ApiError> {
    json_response(&serde_json::json!({"status": "ok"}), 200)
}

/// Readiness, for operators and deploys: D1 answers a query, and every
/// binding the Worker needs is there (the intake, events and dead-letter queues, the
/// rate limiters) with its secrets. `503` names each part that is not.
async fn ready(env: &Env) -> Result<Response, ApiError> {
    let mut problems = Vec::new();
    if let Err(error) = store::ping(env).await {
        problems.push(format!("D1: {error:?}"));
    }
    for queue in ["INTAKE", "EVENTS", "DEAD_LETTERS"] {
        if env.queue(queue).is_err() {
            problems.push(format!("the queue binding {queue} is missing"));
        }
    }
    for limiter in ["WRITE_LIMITER", "SIGNIN_LIMITER"] {
        if env.rate_limiter(limiter).is_err() {
            problems.push(format!("the rate limiter {limiter} is missing"));
        }
    }
    let secrets = [
        config::api_key(env).err(),
        config::link_secret(env).err(),
        config::session_secret(env).err(),
    ];
    problems.extend(secrets.into_iter().flatten().map(|e| format!("{e:?}")));
    match problems.is_empty() {
        true => json_response(&serde_json::json!({"status": "ready"}), 200),
        false => json_response(
            &serde_json::json!({"status": "not ready", "problems": problems}),
            503,
        ),
    }
}

/// Serializes `body` as a JSON response with `status`.
fn json_response<T: serde::Serialize>(body: &T, status: u16) -> Result<Response, ApiError> {
    Ok(Response::from_json(body)?.with_status(status))
}

/// Who is asking, for the owners' side: the API key or a signed-in person.
/// Checked before anything else, so nothing about a survey leaks without it.
async fn authorize(req: &Request, env: &Env) -> Result<Principal, ApiError> {
    auth::principal(req, env).await
}

/// Where this Worker answers, as the request reached it: the origin of
/// the links it hands out.
fn base_url(req: &Request) -> Result<String, ApiError> {
    Ok(req.url()?.origin().ascii_serialization())
}

/// The request's query string, decoded.
fn query(req: &Request) -> Result<Query, ApiError> {
    let url = req.url()?;
    Ok(Query::new(url.query_pairs().into_owned()))
}
