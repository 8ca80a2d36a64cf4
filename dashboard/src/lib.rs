//! The owners' side: a Yew app, served by the Worker under `/dashboard/`,
//! where staff follow their NPS and customer service works its cases.
//!
//! It talks only to the Worker's own API, same origin, with the session
//! cookie a sign-in sets (`POST /v1/session`); it holds no secret and no
//! data of its own. Numbers come as the report API gives them, intervals
//! included, so the dashboard can never claim more certainty than the API.

mod api;
mod app;
mod cases;
mod charts;
mod comments;
mod export;
mod filters;
mod overview;
mod period;
mod report;
mod segments;
mod selection;
mod sign_in;
mod table;
mod themes;
mod trend;
mod view;
mod wallboards;
mod words;

use wasm_bindgen::prelude::*;

/// Renders the app into `<main id="app">`.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .ok_or("Ambassador dashboard: no <main id=\"app\"> on the page")?;
    yew::Renderer::<app::App>::with_root(root).render();
    Ok(())
}
