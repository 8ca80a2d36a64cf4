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
mod local_time;
mod log;
mod network;
#[cfg(feature = "testing")]
mod probe;
mod queue;
mod rate_limit;
mod retention;
mod routes;
mod store;
mod surveys;
mod switches;
mod team_digest;
mod themes;
mod wallboard;

use ambassador_shared::local_time::Due;
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

/// The Cron Trigger entry point, called by `shim.mjs` with the trigger's
/// cron expression and its time (unix ms). The deployment's trigger fires
/// every hour ([`HOURLY`]): clicks whose settling was never queued are
/// settled, and the days stored in D1 brought to the deployment's zone;
/// at the local hours of `shared::local_time::Due`, answers past their
/// survey's retention are deleted, then the digest of overdue cases goes
/// (so none is reported that was just deleted), and each team digest at
/// its own weekday and hour (`team_digest`). Any other expression (a run
/// asked for by hand, `/__scheduled` in tests) does everything at once,
/// team digests for their last full period.
/// Never throws; what fails is logged and tried at the next trigger.
#[wasm_bindgen]
pub async fn scheduled(cron: String, at_ms: f64, env: Env) {
    let (cron, at_ms) = chosen_time(&cron, at_ms);
    let by_hand = cron != HOURLY;
    let due = match by_hand {
        false => Due::at(local_time::zone(), at_ms as i64),
        true => Due::everything(),
    };
    if due.retention {
        retention::apply(&env).await;
    }
    intake::settle_overdue(&env).await;
    if due.overdue_digest {
        digest::send_overdue(&env).await;
    }
    team_digest::send_due(&env, at_ms as i64, by_hand).await;
    local_time::rebuild(&env).await;
    themes::rebuild(&env).await;
}

/// The deployment's trigger, as `[triggers] crons` in `wrangler.toml` has it.
const HOURLY: &str = "0 * * * *";

/// The test build runs the trigger at a time a test chooses, written after
/// the expression (`0 * * * * @1796630400000`, unix ms): wrangler dev's
/// `/__scheduled` passes only the expression, and a team digest's weekday
/// and hour are what its tests are about.
#[cfg(feature = "testing")]
fn chosen_time(cron: &str, at_ms: f64) -> (&str, f64) {
    match cron
        .rsplit_once(" @")
        .map(|(cron, ms)| (cron, ms.parse::<f64>()))
    {
        Some((cron, Ok(chosen))) => (cron, chosen),
        _ => (cron, at_ms),
    }
}

/// The Worker that ships takes the expression and the time as they come.
#[cfg(not(feature = "testing"))]
fn chosen_time(cron: &str, at_ms: f64) -> (&str, f64) {
    (cron, at_ms)
}
