//! The public HTTP API: which path and method goes to which handler.
//!
//! Static files (the demo page, the widget) never get here: Workers static
//! assets serve them before the Worker runs.

mod responses;

use worker::{Env, Method, Request, Response};

use crate::ApiError;

/// Dispatches one request to its handler.
pub async fn handle(req: Request, env: &Env) -> Result<Response, ApiError> {
    let path = req.path();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (segments.as_slice(), req.method()) {
        (["health"], Method::Get) => health(),
        (["health"], _) => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        (["v1", "responses"], Method::Post) => responses::create(req, env).await,
        (["v1", "responses"], _) => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        _ => Err(ApiError::NotFound),
    }
}

/// Liveness: answers without touching storage, for load balancers and tests.
fn health() -> Result<Response, ApiError> {
    json_response(&serde_json::json!({"status": "ok"}), 200)
}

/// Serializes `body` as a JSON response with `status`.
fn json_response<T: serde::Serialize>(body: &T, status: u16) -> Result<Response, ApiError> {
    Response::from_json(body)
        .map(|r| r.with_status(status))
        .map_err(|e| ApiError::Unavailable(e.to_string()))
}
