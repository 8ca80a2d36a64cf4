//! The Worker's API from the browser: same origin, with the session cookie,
//! JSON in and out. A failure is what the API said (its error message) or
//! that it could not be reached, in words a person can act on.

use ambassador_shared::text::dashboard::Label;
use ambassador_shared::Locale;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, RequestInit, Response};
use yew::prelude::*;

use crate::words::{t, tf};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Not signed in, or the session ended: show the sign-in form.
    SignedOut,
    /// The API refused, with its message.
    Refused(String),
    /// The network or the runtime failed.
    Unreachable(String),
    /// The server was busy (503); it says why.
    Busy(String),
}

impl Failure {
    /// What to tell the person, in their language; the API's own message
    /// (English, naming the field) as it is.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            Failure::SignedOut => t(locale, Label::PleaseSignIn).to_owned(),
            Failure::Refused(message) | Failure::Busy(message) => message.clone(),
            Failure::Unreachable(why) => tf(locale, Label::Unreachable, &[("why", why)]),
        }
    }
}

/// `GET path`, read as `T`. A 503 (the database busy with writes for a
/// moment) is asked again twice, after 300 and 600 ms: reading changes
/// nothing, and a moment later it usually answers.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    for pause in [300, 600] {
        match call("GET", path, None).await {
            Err(Failure::Busy(_)) => sleep(pause).await,
            other => return other,
        }
    }
    call("GET", path, None).await
}

/// `GET path` as `T` for a view: `None` while it loads, and for no path
/// (nothing asked). Asked again whenever the path changes, so a view
/// follows its filters.
#[hook]
pub fn use_get<T>(path: Option<String>) -> Option<Result<T, Failure>>
where
    T: DeserializeOwned + Clone + 'static,
{
    let got = use_state(|| None::<Result<T, Failure>>);
    {
        let got = got.clone();
        use_effect_with(path, move |path| {
            got.set(None);
            if let Some(path) = path.clone() {
                wasm_bindgen_futures::spawn_local(
                    async move { got.set(Some(get::<T>(&path).await)) },
                );
            }
        });
    }
    (*got).clone()
}

async fn sleep(millis: i32) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = JsFuture::from(wait).await;
}

/// `method path` with a JSON body, read as `T`.
pub async fn send<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &Value,
) -> Result<T, Failure> {
    call(method, path, Some(body)).await
}

async fn call<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<T, Failure> {
    let window = web_sys::window().ok_or_else(|| Failure::Unreachable("no window".to_owned()))?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    if let Some(body) = body {
        let headers = web_sys::Headers::new().map_err(unreachable)?;
        headers
            .set("content-type", "application/json")
            .map_err(unreachable)?;
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&body.to_string()));
    }
    let response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(unreachable)?;
    let response: Response = response.dyn_into().map_err(unreachable)?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.map_err(unreachable)?,
        Err(e) => return Err(unreachable(e)),
    };
    let text = text.as_string().unwrap_or_default();
    if status == 401 {
        return Err(Failure::SignedOut);
    }
    if !(200..300).contains(&status) {
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        // Each field's own message says what to fix; the summary only counts.
        let fields: Vec<&str> = value["error"]["fields"]
            .as_array()
            .map(|f| f.iter().filter_map(|e| e["message"].as_str()).collect())
            .unwrap_or_default();
        let message = match fields.is_empty() {
            true => value["error"]["message"]
                .as_str()
                .unwrap_or("the request failed")
                .to_owned(),
            false => fields.join("; "),
        };
        return Err(match status {
            503 => Failure::Busy(message),
            _ => Failure::Refused(message),
        });
    }
    let text = if text.is_empty() { "null" } else { &text };
    serde_json::from_str(text).map_err(|e| Failure::Unreachable(e.to_string()))
}

fn unreachable(error: JsValue) -> Failure {
    Failure::Unreachable(error.as_string().unwrap_or_else(|| format!("{error:?}")))
}
