//! The test build's window into D1: `POST /__sql` runs the one statement in
//! its body and answers its rows as JSON.
//!
//! Tests check what is really stored, and set up what they cannot make
//! through the API (an answer from last year, an old invitation). They used
//! to do it with `wrangler d1 execute`, a second process opening the SQLite
//! file the running Worker writes, and under the full suite the Worker's
//! own statements then met the other process's lock or an internal error.
//! Through the Worker, every statement runs in the one process that owns
//! the file, as in production where nothing but D1 touches it.
//!
//! Only in the test build (feature `testing`, like `switches`): the Worker
//! that ships has no such route. It bypasses the D1-down switch, so a test
//! can read the truth during a simulated outage.

use worker::{Env, Request, Response};

use crate::ApiError;

/// `POST /__sql`: the rows of the statement in the body.
pub async fn sql(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let statement = req.text().await?;
    let rows: Vec<serde_json::Value> = env.d1("DB")?.prepare(&statement).all().await?.results()?;
    Ok(Response::from_json(&rows)?)
}
