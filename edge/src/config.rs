//! The Worker's secrets and variables, read from `Env` and checked, so a
//! missing or weak setting is a clear `misconfigured` error naming it.

use ambassador_shared::link::LinkSecret;
use worker::Env;

use crate::ApiError;

/// Requests per client and minute when `RATE_LIMIT_PER_MINUTE` is not set.
const DEFAULT_RATE_LIMIT_PER_MINUTE: u64 = 60;

/// The key email links are signed with (secret `LINK_SECRET`).
pub fn link_secret(env: &Env) -> Result<LinkSecret, ApiError> {
    let secret = secret(env, "LINK_SECRET")?;
    LinkSecret::new(secret.as_bytes())
        .map_err(|weak| ApiError::Misconfigured(format!("LINK_SECRET: {weak}")))
}

/// The bearer key of the report and export API (secret `API_KEY`).
pub fn api_key(env: &Env) -> Result<String, ApiError> {
    secret(env, "API_KEY")
}

/// Writes allowed per client and minute (`[vars] RATE_LIMIT_PER_MINUTE`);
/// `0` turns the limit off, e.g. for a load test.
pub fn rate_limit_per_minute(env: &Env) -> Result<u64, ApiError> {
    let Ok(var) = env.var("RATE_LIMIT_PER_MINUTE") else {
        return Ok(DEFAULT_RATE_LIMIT_PER_MINUTE);
    };
    let text = var.to_string();
    text.trim().parse().map_err(|_| {
        ApiError::Misconfigured(format!(
            "RATE_LIMIT_PER_MINUTE is {text:?}; use a whole number (0 turns the limit off)"
        ))
    })
}

fn secret(env: &Env, name: &str) -> Result<String, ApiError> {
    env.secret(name).map(|s| s.to_string()).map_err(|_| {
        ApiError::Misconfigured(format!(
            "the secret {name} is not set; `wrangler secret put {name}` (locally: edge/.dev.vars)"
        ))
    })
}
