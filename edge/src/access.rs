//! Signing in through Cloudflare Access (`shared::auth::access` holds the
//! rules): the `Cf-Access-Jwt-Assertion` header's token, its RS256
//! signature checked with the runtime's WebCrypto against the team's keys,
//! and the person's role looked up by email.
//!
//! The keys are fetched from the team's JWKS and kept in the isolate (an
//! isolate serves many requests, so most verifications fetch nothing):
//! again after [`KEYS_TTL_SECONDS`], and sooner when a token names a key
//! not yet seen, as after Cloudflare rotates its keys.
//!
//! [`KEYS_TTL_SECONDS`]: ambassador_shared::auth::access::KEYS_TTL_SECONDS

use std::cell::RefCell;
use std::collections::HashMap;
use std::pin::pin;
use std::time::Duration;

use ambassador_shared::auth::access::{
    fetch_keys, signing_keys, AccessSettings, AccessToken, Refusal, RsaKey, HEADER,
};
use ambassador_shared::auth::users::Role;
use futures_util::future::{select, Either};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use worker::{AbortController, Date, Delay, Env, Fetch, Request};

use crate::auth::{crypto, runtime};
use crate::{config, ApiError};

/// Longest wait for the team's keys.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// The team's keys as last fetched, imported for WebCrypto.
struct Keys {
    /// The URL they came from: settings may change between requests.
    url: String,
    /// When, in Unix seconds.
    fetched: u64,
    /// By key id.
    keys: HashMap<String, web_sys::CryptoKey>,
}

thread_local! {
    /// One isolate runs one request at a time on one thread; the keys
    /// outlive the request.
    static KEYS: RefCell<Option<Keys>> = const { RefCell::new(None) };
}

/// The person `req`'s Access token names, with their role: `None` when
/// Access is not configured or the request carries no token; refused with a
/// 401 when the token does not hold, a 403 when its person has no role.
pub async fn person(req: &Request, env: &Env) -> Result<Option<(String, Role)>, ApiError> {
    let Some(token) = req.headers().get(HEADER).ok().flatten() else {
        return Ok(None);
    };
    let Some(settings) = config::access(env)? else {
        return Ok(None);
    };
    let token = AccessToken::parse(&token).map_err(refused)?;
    let now = Date::now().as_millis() / 1000;
    let email = settings.check(&token.claims, now).map_err(refused)?;
    let key = key(&settings, &token.key_id, now).await?;
    if !verify(&key, &token).await? {
        return Err(refused(Refusal::Signature));
    }
    let role = settings
        .people
        .role_of(&email)
        .ok_or(ApiError::AccessNoRole(email.clone()))?;
    Ok(Some((email, role)))
}

fn refused(refusal: Refusal) -> ApiError {
    ApiError::AccessInvalid(refusal.to_string())
}

/// The imported key `id`, fetching the key set first when
/// [`fetch_keys`] says so.
async fn key(
    settings: &AccessSettings,
    id: &str,
    now: u64,
) -> Result<web_sys::CryptoKey, ApiError> {
    let cached = |id: &str| {
        KEYS.with_borrow(|keys| {
            let keys = keys.as_ref().filter(|k| k.url == settings.certs_url)?;
            Some((keys.fetched, keys.keys.get(id).cloned()))
        })
    };
    let (fetched, known) = cached(id).map_or((None, None), |(at, key)| (Some(at), key));
    if !fetch_keys(fetched, now, known.is_some()) {
        return known.ok_or_else(|| refused(Refusal::UnknownKey(id.to_owned())));
    }
    // Keys already known still check their tokens while the key set
    // cannot be fetched; only a key never seen needs the fetch.
    let keys = match fetch_and_import(&settings.certs_url).await {
        Ok(keys) => keys,
        Err(unavailable) => return known.ok_or(unavailable),
    };
    let key = keys.get(id).cloned();
    KEYS.set(Some(Keys {
        url: settings.certs_url.clone(),
        fetched: now,
        keys,
    }));
    key.ok_or_else(|| refused(Refusal::UnknownKey(id.to_owned())))
}

/// The team's signing keys, fetched from `url` and imported.
async fn fetch_and_import(url: &str) -> Result<HashMap<String, web_sys::CryptoKey>, ApiError> {
    let unavailable =
        |why: String| ApiError::Unavailable(format!("the Access keys at {url}: {why}"));
    let url = url.parse().map_err(|e| unavailable(format!("{e}")))?;
    let controller = AbortController::default();
    let signal = controller.signal();
    let fetch = Fetch::Url(url);
    let sending = pin!(fetch.send_with_signal(&signal));
    let deadline = pin!(Delay::from(FETCH_TIMEOUT));
    let mut response = match select(sending, deadline).await {
        Either::Left((response, _)) => response?,
        Either::Right(((), _)) => {
            controller.abort();
            return Err(unavailable("no answer within 5s".to_owned()));
        }
    };
    if response.status_code() != 200 {
        return Err(unavailable(format!("answered {}", response.status_code())));
    }
    let body = response.bytes().await?;
    let mut keys = HashMap::new();
    for key in signing_keys(&body).map_err(unavailable)? {
        keys.insert(key.id.clone(), import(&key).await?);
    }
    Ok(keys)
}

/// `{name: "RSASSA-PKCS1-v1_5", hash: "SHA-256"}`: RS256 to WebCrypto.
fn rs256() -> Result<Object, ApiError> {
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"RSASSA-PKCS1-v1_5".into()).map_err(runtime)?;
    Reflect::set(&algorithm, &"hash".into(), &"SHA-256".into()).map_err(runtime)?;
    Ok(algorithm)
}

/// A public key imported from its JWK form, for verifying only.
async fn import(key: &RsaKey) -> Result<web_sys::CryptoKey, ApiError> {
    let jwk = web_sys::JsonWebKey::new("RSA");
    jwk.set_n(&key.modulus);
    jwk.set_e(&key.exponent);
    jwk.set_alg("RS256");
    jwk.set_ext(true);
    let usages = js_sys::Array::of1(&JsValue::from("verify"));
    let import = crypto()?
        .subtle()
        .import_key_with_object("jwk", &jwk, &rs256()?, false, &usages)
        .map_err(runtime)?;
    let imported = JsFuture::from(import).await.map_err(|e| {
        ApiError::Unavailable(format!(
            "the Access key {:?} does not import: {e:?}",
            key.id
        ))
    })?;
    Ok(imported.unchecked_into())
}

/// Whether `token`'s signature holds under `key`.
async fn verify(key: &web_sys::CryptoKey, token: &AccessToken) -> Result<bool, ApiError> {
    let verify = crypto()?
        .subtle()
        .verify_with_object_and_u8_array_and_u8_array(
            &rs256()?,
            key,
            &token.signature,
            &token.signed,
        )
        .map_err(runtime)?;
    let holds = JsFuture::from(verify).await.map_err(runtime)?;
    Ok(holds.as_bool() == Some(true))
}
