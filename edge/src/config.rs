//! The Worker's secrets and variables, read from `Env` and checked, so a
//! missing or weak setting is a clear `misconfigured` error naming it.

use ambassador_shared::auth::access::{AccessSettings, AccessVars};
use ambassador_shared::auth::session::SessionSecret;
use ambassador_shared::auth::users::{Role, Users};
use ambassador_shared::link::LinkSecret;
use worker::Env;

use crate::ApiError;

/// The key email links are signed with (secret `LINK_SECRET`).
pub fn link_secret(env: &Env) -> Result<LinkSecret, ApiError> {
    let secret = secret(env, "LINK_SECRET")?;
    LinkSecret::new(secret.as_bytes())
        .map_err(|weak| ApiError::Misconfigured(format!("LINK_SECRET: {weak}")))
}

/// The Worker's public origin (variable `PUBLIC_URL`), for links in what
/// it sends without a request to learn it from (a team digest's link to
/// the dashboard); `None` when not set.
pub fn public_url(env: &Env) -> Result<Option<String>, ApiError> {
    let Ok(value) = env.var("PUBLIC_URL") else {
        return Ok(None);
    };
    ambassador_shared::team_digest::public_origin(&value.to_string())
        .map(Some)
        .map_err(ApiError::Misconfigured)
}

/// The bearer key of the report and export API (secret `API_KEY`).
pub fn api_key(env: &Env) -> Result<String, ApiError> {
    secret(env, "API_KEY")
}

/// The key session cookies are signed with (secret `SESSION_SECRET`).
pub fn session_secret(env: &Env) -> Result<SessionSecret, ApiError> {
    let secret = secret(env, "SESSION_SECRET")?;
    SessionSecret::new(secret.as_bytes())
        .map_err(|why| ApiError::Misconfigured(format!("SESSION_SECRET {why}")))
}

/// The people who may sign in (secret `DASHBOARD_USERS`, made with
/// `ambassador-user`); none when it is not set.
pub fn users(env: &Env) -> Result<Users, ApiError> {
    let Ok(text) = env.secret("DASHBOARD_USERS") else {
        return Ok(Users::default());
    };
    Users::parse(&text.to_string()).map_err(|errors| {
        let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
        ApiError::Misconfigured(format!("DASHBOARD_USERS: {}", problems.join("; ")))
    })
}

/// Cloudflare Access, if configured (variables `ACCESS_TEAM_DOMAIN` or
/// `ACCESS_CERTS_URL`, with `ACCESS_AUD`; roles in `ACCESS_USERS`). A half
/// configuration is an error, not Access silently off.
pub fn access(env: &Env) -> Result<Option<AccessSettings>, ApiError> {
    let var = |name: &str| env.var(name).ok().map(|v| v.to_string());
    let (team, certs, audience, users) = (
        var("ACCESS_TEAM_DOMAIN"),
        var("ACCESS_CERTS_URL"),
        var("ACCESS_AUD"),
        var("ACCESS_USERS"),
    );
    AccessSettings::from_vars(AccessVars {
        team_domain: team.as_deref(),
        certs_url: certs.as_deref(),
        audience: audience.as_deref(),
        users: users.as_deref(),
    })
    .map_err(|errors| {
        let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
        ApiError::Misconfigured(format!("Cloudflare Access: {}", problems.join("; ")))
    })
}

/// Everyone who may work with the owners' side by name, with their role:
/// the users of `DASHBOARD_USERS`, then the people `ACCESS_USERS` names one
/// by one (a whole domain names nobody), each once.
pub fn people(env: &Env) -> Result<Vec<(String, Role)>, ApiError> {
    let mut people: Vec<(String, Role)> = users(env)?
        .iter()
        .map(|u| (u.name.clone(), u.role))
        .collect();
    if let Some(access) = access(env)? {
        for role in [Role::Agent, Role::Viewer] {
            for email in access.people.named(role) {
                if !people.iter().any(|(name, _)| name == email) {
                    people.push((email.to_owned(), role));
                }
            }
        }
    }
    Ok(people)
}

fn secret(env: &Env, name: &str) -> Result<String, ApiError> {
    env.secret(name).map(|s| s.to_string()).map_err(|_| {
        ApiError::Misconfigured(format!(
            "the secret {name} is not set; `wrangler secret put {name}` (locally: edge/.dev.vars)"
        ))
    })
}
