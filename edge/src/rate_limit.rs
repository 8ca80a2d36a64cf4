//! A per-client limit on writes, so one client cannot flood the table.
//!
//! Counted by the Workers Rate Limiting binding `WRITE_LIMITER` (see
//! `[[ratelimits]]` in `wrangler.toml`: 60 writes per client and minute),
//! keyed by `cf-connecting-ip` (IPv6 per /64, see `shared::input::rate_key`). It costs
//! no storage round trip, which matters most during an email-blast spike; an
//! email blast is many clients with a few writes each, far below the limit.
//! The binding counts per Cloudflare location and approximately: a guard
//! against floods, not a quota.

use ambassador_shared::input::rate_key::client_key;
use worker::{Env, Request};

use crate::switches::{self, Switch};
use crate::ApiError;

/// The binding's period, which is also how long a refused client should wait
/// at most (the binding does not say when its window ends).
const PERIOD_SECS: u64 = 60;

/// What is counted, each by its own binding.
#[derive(Clone, Copy)]
pub enum Limiter {
    /// Answers and email clicks (`WRITE_LIMITER`).
    Writes,
    /// Sign-in attempts (`SIGNIN_LIMITER`: a few a minute, so nobody can
    /// guess passwords at speed).
    SignIns,
}

/// Counts this request against its client; `rate_limited` once over.
pub async fn check(req: &Request, env: &Env, limiter: Limiter) -> Result<(), ApiError> {
    let binding = match limiter {
        Limiter::Writes => "WRITE_LIMITER",
        Limiter::SignIns => "SIGNIN_LIMITER",
    };
    if switches::is_on(env, Switch::RateLimitsOff).await {
        return Ok(());
    }
    let address = req.headers().get("cf-connecting-ip")?.unwrap_or_default();
    let outcome = env
        .rate_limiter(binding)?
        .limit(client_key(&address))
        .await?;
    if outcome.success {
        return Ok(());
    }
    Err(ApiError::RateLimited {
        retry_after_secs: PERIOD_SECS,
    })
}
