//! The Ambassador collector, a Cloudflare Worker.
//!
//! A thin adapter around `ambassador-shared`: each route reads the request,
//! lets `shared` validate and classify, talks to D1, and shapes the response.
//! Every failure is an [`ApiError`], turned into an HTTP response in one place.

mod api_error;
mod body;
mod routes;
mod store;
mod surveys;

use worker::{event, Context, Env, Request, Response, Result};

pub use api_error::ApiError;

/// The fetch entry point: routes the request and never lets an error escape
/// as a bare exception, so clients always get a typed JSON error.
#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    match routes::handle(req, &env).await {
        Ok(response) => Ok(response),
        Err(error) => error.into_response(),
    }
}
