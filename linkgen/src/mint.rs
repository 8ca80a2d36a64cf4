//! From options to claims, tokens and score URLs.

use std::time::{SystemTime, UNIX_EPOCH};

use ambassador_shared::link::{score_url, LinkClaims};
use ambassador_shared::Score;

use crate::args::Options;
use crate::error::CliError;

const SECONDS_PER_DAY: u64 = 24 * 60 * 60;

/// The claims the options describe, issued now and expiring
/// `expires_in_days` from now.
pub fn claims(options: &Options) -> Result<LinkClaims, CliError> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| CliError::Clock)?
        .as_secs();
    let expires_at = options
        .expires_in_days
        .checked_mul(SECONDS_PER_DAY)
        .and_then(|seconds| now.checked_add(seconds))
        .ok_or(CliError::Clock)?;
    Ok(LinkClaims {
        survey_id: options.survey.clone(),
        customer_ref: options.customer_ref.clone(),
        transaction_ref: options.transaction_ref.clone(),
        touchpoint: options.touchpoint.clone(),
        role: options.role.clone(),
        locale: options.locale,
        expires_at,
        issued_at: Some(now),
    })
}

/// The eleven links for one token, score 0 first.
pub fn score_urls(base_url: &str, token: &str) -> Vec<String> {
    Score::all()
        .map(|score| score_url(base_url, token, score))
        .collect()
}
