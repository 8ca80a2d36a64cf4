//! The Ambassador survey widget.
//!
//! The loader script (`loader/ambassador.js`) reads the embedding's settings,
//! loads this module and calls [`mount`]. The widget renders inside a shadow
//! root so the host page's CSS cannot reach it and ours cannot leak out.

mod api;
mod components;
mod config;
mod flow;

use ambassador_shared::submission::uuid_v4;
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};

use components::{App, AppProps};
use config::WidgetConfig;

const CSS: &str = include_str!("style.css");

/// Renders a survey into `host`, configured by the loader's JSON.
/// Errors (bad settings, no shadow DOM) reach the host page's console.
#[wasm_bindgen]
pub fn mount(host: Element, config_json: &str) -> Result<(), JsValue> {
    let config = WidgetConfig::from_json(config_json).map_err(|e| e.to_string())?;
    let document = host
        .owner_document()
        .ok_or("Ambassador widget: the host element is not in a document")?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let style = document.create_element("style")?;
    style.set_text_content(Some(CSS));
    let root = document.create_element("div")?;
    shadow.append_child(&style)?;
    shadow.append_child(&root)?;
    let props = AppProps {
        config,
        response_id: new_response_id()?.into(),
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
    Ok(())
}

/// A fresh random UUID from the browser's CSPRNG.
fn new_response_id() -> Result<String, JsValue> {
    let crypto = web_sys::window()
        .ok_or("Ambassador widget: no window")?
        .crypto()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes)?;
    Ok(uuid_v4(bytes))
}
