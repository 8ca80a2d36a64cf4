//! The Ambassador collector, a Cloudflare Worker.
//!
//! A thin adapter around `ambassador-shared`: each route reads the request,
//! lets `shared` validate and classify, talks to D1, and shapes the response.
//! Every failure is an [`ApiError`], turned into an HTTP response in one place.

mod access;
mod api_error;
mod auth;
mod body;
mod config;
mod cors;
mod digest;
mod forward;
mod intake;
mod log;
#[cfg(feature = "testing")]
mod probe;
mod queue;
mod rate_limit;
mod retention;
mod routes;
mod store;
mod surveys;
mod switches;

use wasm_bindgen::prelude::wasm_bindgen;
use worker::{event, wasm_bindgen_futures, Context, Env, Request, Response, Result};

pub use api_error::ApiError;

/// The fetch entry point: routes the request; every error becomes a typed
/// JSON error (or an HTML page for links), never a bare exception.
#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    routes::handle(req, &env).await
}

/// The queue entry point, called by `shim.mjs` for every queue: intake,
/// events, and their dead letters. Settles every message itself and never
/// throws: a thrown batch would be retried whole, re-sending what was
/// delivered.
#[wasm_bindgen]
pub async fn queue(batch: queue::QueueBatch, env: Env) {
    queue::dispatch(batch, &env).await;
}

/// The Cron Trigger entry point, called by `shim.mjs`: answers past their
/// survey's retention deleted, clicks whose settling was never queued
/// settled, then the daily digest of overdue cases (so none is reported
/// that was just deleted). Never throws; what fails is
/// logged and tried tomorrow.
#[wasm_bindgen]
pub async fn scheduled(env: Env) {
    retention::apply(&env).await;
    intake::settle_overdue(&env).await;
    digest::send_overdue(&env).await;
}
