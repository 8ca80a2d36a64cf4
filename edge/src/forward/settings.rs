//! The forwarding settings from `[vars]`: production waits longer than tests.

use std::time::Duration;

use ambassador_shared::forward::Backoff;
use worker::Env;

use super::ForwardError;

/// How deliveries are retried and how long one may take.
pub struct Settings {
    /// When to retry and when to give up.
    pub backoff: Backoff,
    /// How long a destination may take to answer before the attempt counts
    /// as failed (and is retried): a hung receiver must not hold the queue.
    pub timeout: Duration,
}

impl Settings {
    /// Reads `FORWARD_RETRY_BASE_SECONDS`, `FORWARD_MAX_ATTEMPTS` and
    /// `FORWARD_TIMEOUT_SECONDS`.
    pub fn from_env(env: &Env) -> Result<Settings, ForwardError> {
        let backoff = Backoff::parse(
            &var(env, "FORWARD_RETRY_BASE_SECONDS")?,
            &var(env, "FORWARD_MAX_ATTEMPTS")?,
        )?;
        let timeout = var(env, "FORWARD_TIMEOUT_SECONDS")?;
        let timeout = match timeout.trim().parse::<u8>() {
            Ok(secs) if secs > 0 => Duration::from_secs(u64::from(secs)),
            _ => {
                return Err(ForwardError::Settings(format!(
                    "FORWARD_TIMEOUT_SECONDS is {timeout:?}; use 1 to 255"
                )))
            }
        };
        Ok(Settings { backoff, timeout })
    }
}

fn var(env: &Env, name: &str) -> Result<String, ForwardError> {
    env.var(name)
        .map(|v| v.to_string())
        .map_err(|_| ForwardError::Settings(format!("{name} is not set in [vars]")))
}
