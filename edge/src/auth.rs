//! Who is asking, for the owners' side: a script with the API key, or a
//! person signed in with a session cookie (`shared::auth` holds the rules).
//!
//! `POST /v1/session` signs in with a configured user's name and password,
//! checked by PBKDF2 through the runtime's WebCrypto (native, so a sign-in
//! costs little CPU), rate-limited per client; `GET /v1/session` says who
//! is signed in; `DELETE /v1/session` signs out. A request that changes
//! something with a cookie must come from this Worker's own pages: the
//! cookie is SameSite=Strict, and the Origin is checked besides.

use ambassador_shared::auth::password::PasswordHash;
use ambassador_shared::auth::session::{self, SESSION_HOURS};
use ambassador_shared::auth::users::{Credentials, Role};
use ambassador_shared::input::api_key::bearer_matches;
use ambassador_shared::input::limits::MAX_BODY_BYTES;
use js_sys::Uint8Array;
use serde_json::json;
use sha2::{Digest, Sha256};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use worker::{Date, Env, Request, Response};

use crate::access;
use crate::body::read_limited;
use crate::rate_limit::{self, Limiter};
use crate::store::sessions;
use crate::{config, local_time, ApiError};

/// Who made a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A script with the API key: may do everything.
    Key,
    /// A signed-in person.
    User {
        /// Their configured name.
        name: String,
        /// What they may do.
        role: Role,
    },
}

impl Principal {
    /// Whether they may change cases.
    pub fn works_cases(&self) -> bool {
        match self {
            Principal::Key => true,
            Principal::User { role, .. } => role.works_cases(),
        }
    }

    /// The name their notes are signed with.
    pub fn author(&self) -> &str {
        match self {
            Principal::Key => "api",
            Principal::User { name, .. } => name,
        }
    }
}

/// The principal of `req`: the API key first, then a Cloudflare Access
/// token (when Access is configured), then the session cookie;
/// `unauthorized` without any, `cross_origin` for a person's write from
/// another origin.
pub async fn principal(req: &Request, env: &Env) -> Result<Principal, ApiError> {
    let authorization = req.headers().get("authorization").ok().flatten();
    if authorization.is_some() {
        return match bearer_matches(authorization.as_deref(), &config::api_key(env)?) {
            true => Ok(Principal::Key),
            false => Err(ApiError::Unauthorized),
        };
    }
    // The method as sent: `worker` would call an unknown one GET.
    let reads = matches!(req.inner().method().as_str(), "GET" | "HEAD");
    // Access's own cookie rides along on requests from other sites too.
    if let Some((name, role)) = access::person(req, env).await? {
        if !reads && !same_origin(req) {
            return Err(ApiError::CrossOrigin);
        }
        return Ok(Principal::User { name, role });
    }
    let Some(id) = session_id(req, env)? else {
        return Err(ApiError::Unauthorized);
    };
    let id = id.ok_or(ApiError::SessionInvalid(
        "the session cookie was altered or is not ours",
    ))?;
    if !reads && !same_origin(req) {
        return Err(ApiError::CrossOrigin);
    }
    let row = sessions::find(env, &hash(&id))
        .await?
        .ok_or(ApiError::SessionInvalid("the session ended; sign in again"))?;
    if row.expires_at < Date::now().as_millis() as i64 {
        return Err(ApiError::SessionInvalid(
            "the session expired; sign in again",
        ));
    }
    let user = config::users(env)?;
    let user = user.get(&row.name).ok_or(ApiError::SessionInvalid(
        "this user is no longer configured",
    ))?;
    Ok(Principal::User {
        name: user.name.clone(),
        role: user.role,
    })
}

/// `POST /v1/session` with `{"name", "password"}`: sets the session cookie.
/// A wrong name and a wrong password get the same answer, after the same
/// work, so nobody learns which names exist.
pub async fn sign_in(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    if !same_origin(&req) {
        return Err(ApiError::CrossOrigin);
    }
    rate_limit::check(&req, env, Limiter::SignIns).await?;
    let body = read_limited(&mut req, MAX_BODY_BYTES).await?;
    let Credentials { name, password } = Credentials::from_json(&body)?;
    let users = config::users(env)?;
    let user = users.get(&name);
    let stored = match user {
        Some(user) => user.password.clone(),
        None => PasswordHash::new("", &[0; 16]),
    };
    let derived = pbkdf2(&password, &stored.salt, stored.iterations).await?;
    let matches = user.is_some() && stored.matches(&derived);
    let Some(user) = user.filter(|_| matches) else {
        return Err(ApiError::BadCredentials);
    };
    let id = random_id()?;
    let now = Date::now().as_millis() as i64;
    let expires = now + (SESSION_HOURS * 3_600_000) as i64;
    sessions::create(env, &hash(&id), &user.name, now, expires).await?;
    let value = config::session_secret(env)?.seal(&id);
    let mut response = Response::from_json(&signed_in(&user.name, user.role))?;
    response
        .headers_mut()
        .set("set-cookie", &session::set_cookie(&value, secure(&req)))?;
    Ok(response)
}

/// `GET /v1/session`: who is signed in.
pub async fn whoami(req: &Request, env: &Env) -> Result<Response, ApiError> {
    match principal(req, env).await? {
        Principal::User { name, role } => Ok(Response::from_json(&signed_in(&name, role))?),
        Principal::Key => Ok(Response::from_json(&signed_in("api", "key"))?),
    }
}

/// Who is signed in, and the deployment's time zone, in which the
/// dashboard counts its days ("the last 7 days" end today, locally).
fn signed_in(name: &str, role: impl serde::Serialize) -> serde_json::Value {
    json!({"name": name, "role": role, "time_zone": local_time::zone()})
}

/// `GET /v1/users`: who may be named on the owners' side, with their
/// roles (`{"users": [{"name", "role"}]}`), for choosing an assignee.
pub async fn users(req: &Request, env: &Env) -> Result<Response, ApiError> {
    principal(req, env).await?;
    let users: Vec<_> = config::people(env)?
        .into_iter()
        .map(|(name, role)| json!({"name": name, "role": role}))
        .collect();
    Ok(Response::from_json(&json!({ "users": users }))?)
}

/// `DELETE /v1/session`: ends the session and clears the cookie.
pub async fn sign_out(req: &Request, env: &Env) -> Result<Response, ApiError> {
    if !same_origin(req) {
        return Err(ApiError::CrossOrigin);
    }
    if let Some(Some(id)) = session_id(req, env)? {
        sessions::delete(env, &hash(&id)).await?;
    }
    let mut response = Response::empty()?.with_status(204);
    response
        .headers_mut()
        .set("set-cookie", &session::clear_cookie(secure(req)))?;
    Ok(response)
}

/// The session id the request's cookie carries: `None` without the cookie,
/// `Some(None)` when its signature does not hold.
fn session_id(req: &Request, env: &Env) -> Result<Option<Option<String>>, ApiError> {
    let cookie = req
        .headers()
        .get("cookie")
        .ok()
        .flatten()
        .unwrap_or_default();
    let Some(value) = session::from_header(&cookie) else {
        return Ok(None);
    };
    let secret = config::session_secret(env)?;
    Ok(Some(secret.open(value).map(str::to_owned)))
}

/// True when the request says it comes from this Worker's own pages.
fn same_origin(req: &Request) -> bool {
    let origin = req.headers().get("origin").ok().flatten();
    let own = req.url().map(|u| u.origin().ascii_serialization()).ok();
    origin.is_some() && origin == own
}

/// Whether the cookie must be Secure for this request's URL.
fn secure(req: &Request) -> bool {
    req.url()
        .map(|u| session::secure_for(u.scheme(), u.host_str().unwrap_or_default()))
        .unwrap_or(true)
}

/// The SHA-256 of a session id, as stored.
fn hash(id: &str) -> String {
    Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The runtime's WebCrypto.
pub(crate) fn crypto() -> Result<web_sys::Crypto, ApiError> {
    js_sys::global()
        .unchecked_into::<web_sys::WorkerGlobalScope>()
        .crypto()
        .map_err(runtime)
}

/// 32 random bytes, hex: a session id nobody can guess.
fn random_id() -> Result<String, ApiError> {
    random_hex::<32>()
}

/// `N` random bytes from the runtime's CSPRNG, as hex.
pub(crate) fn random_hex<const N: usize>() -> Result<String, ApiError> {
    let mut bytes = [0u8; N];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(runtime)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// PBKDF2-HMAC-SHA256 of `password`, 32 bytes, by the runtime's WebCrypto.
async fn pbkdf2(password: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, ApiError> {
    let subtle = crypto()?.subtle();
    let usages = js_sys::Array::of1(&JsValue::from("deriveBits"));
    let raw = Uint8Array::from(password.as_bytes());
    let import = subtle
        .import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
        .map_err(runtime)?;
    let key: web_sys::CryptoKey = JsFuture::from(import)
        .await
        .map_err(runtime)?
        .unchecked_into();
    let params = web_sys::Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from("SHA-256"),
        iterations,
        &Uint8Array::from(salt),
    );
    let derive = subtle
        .derive_bits_with_object(&params, &key, 256)
        .map_err(runtime)?;
    let bits = JsFuture::from(derive).await.map_err(runtime)?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// A WebCrypto failure: the runtime's, not the request's.
pub(crate) fn runtime(error: JsValue) -> ApiError {
    ApiError::Unavailable(format!("WebCrypto: {error:?}"))
}
