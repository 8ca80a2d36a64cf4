//! Delivering answers to the edge: the wasm's only request (the loader
//! fetches the survey's texts, see `loader/ambassador.js`). Uses the
//! browser's `fetch` directly, which keeps the wasm small.

use ambassador_shared::client::resend::{outcome, Outcome};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

/// How one delivery attempt went, with a short reason for the page's console
/// and the notice's tooltip.
pub struct Delivery {
    pub outcome: Outcome,
    pub detail: String,
}

/// Sends one answer, as JSON, to `POST /v1/responses`.
pub async fn send(endpoint: &str, body: &str) -> Delivery {
    let url = format!("{}/v1/responses", endpoint.trim_end_matches('/'));
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"content-type".into(), &"application/json".into());
    init.set_headers(&headers);
    match fetch(&url, &init).await {
        Ok(response) => Delivery {
            outcome: outcome(Some(response.status())),
            detail: format!("the server answered {}", response.status()),
        },
        Err(_) => Delivery {
            outcome: outcome(None),
            detail: "the server could not be reached".to_owned(),
        },
    }
}

async fn fetch(url: &str, init: &RequestInit) -> Result<Response, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, init)).await?;
    response.dyn_into()
}
