//! A per-client limit on writes, so one client cannot flood the table.
//!
//! Fixed one-minute windows counted in D1 per client (`cf-connecting-ip`, set
//! by Cloudflare and by `wrangler dev`; IPv6 per /64, see `shared::client`). The limit is per client, so an
//! email blast (thousands of customers, each clicking a few times) never
//! reaches it; `[vars] RATE_LIMIT_PER_MINUTE` sets it (default 60, 0 = off).

use ambassador_shared::client::client_key;
use worker::{Date, Env, Request};

use crate::{config, store, ApiError};

/// Counts this request against its client's minute; `rate_limited` with the
/// seconds to the next minute once the client is over the limit.
pub async fn check(req: &Request, env: &Env) -> Result<(), ApiError> {
    let limit = config::rate_limit_per_minute(env)?;
    if limit == 0 {
        return Ok(());
    }
    let address = req.headers().get("cf-connecting-ip")?.unwrap_or_default();
    let client = client_key(&address);
    let now_secs = Date::now().as_millis() / 1000;
    let hits = store::count_hit(env, &client, now_secs / 60).await?;
    if hits <= limit {
        return Ok(());
    }
    Err(ApiError::RateLimited {
        retry_after_secs: 60 - now_secs % 60,
    })
}
