//! The Ambassador survey widget.
//!
//! The loader script (`loader/ambassador.js`) reads the embedding's settings,
//! loads this module and calls [`mount`]. The widget renders inside a shadow
//! root so the host page's CSS cannot reach it and ours cannot leak out; its
//! stylesheet is a constructed one (`adoptedStyleSheets`), which a strict
//! Content-Security-Policy `style-src` does not block as it would `<style>`.
//!
//! Every visitor downloads the wasm, so its code is written for size where
//! that costs no clarity: one struct component (no hooks), and no `{:?}` in
//! any message (the shipped build compiles `Debug` out; see
//! `xtask/src/widget_toolchain.rs`).

mod answer;
mod api;
mod components;
mod config;
mod flow;
mod js;
mod outbox;
mod resend;
mod storage;
mod survey;
mod throttle;

use std::rc::Rc;

use ambassador_shared::answer::submission::uuid_v4;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use components::{App, AppProps};
use config::{Mode, WidgetConfig};

/// The heap: a free list kept sorted by address that merges neighbours, in
/// an eighth of the code of std's dlmalloc (2 KB less brotli). A survey's
/// heap is small and short-lived, where dlmalloc's bins bought no measurable
/// time (docs/performance.md) and its code is paid by every visitor. Locked
/// rather than the unsafe single-threaded variant, since this crate has no
/// unsafe code; the wasm has one thread, so the lock is never contended.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// `style.css`, compacted by `build.rs`.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));

/// Renders a survey into `host`, configured by the loader's settings object,
/// unless the visitor is throttled. `settings.texts` is the loader's promise
/// of the survey's texts, requested while this module downloaded. Errors (bad settings, no shadow DOM)
/// reach the host page's console through the loader.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, settings: JsValue) -> Result<(), JsValue> {
    let config = WidgetConfig::from_js(&settings).map_err(|e| e.to_string())?;
    let email = matches!(config.mode, Mode::Email(_));
    if !email && !throttle::may_ask(&config.survey) {
        return Ok(());
    }
    let root = shadow_root(&host, &config.mode)?;
    let response_id = match &config.mode {
        Mode::Email(link) => link.id.clone(),
        _ => new_response_id()?,
    };
    outbox::flush_once(config.endpoint.clone());
    let texts = js::get(&settings, "texts");
    wasm_bindgen_futures::spawn_local(async move {
        let survey = match survey::load(&config, &texts).await {
            Ok(survey) => survey,
            Err(refusal) => {
                let message = format!("Ambassador widget: {refusal}");
                return web_sys::console::error_1(&message.into());
            }
        };
        if email {
            brand_the_page(&survey.brand, survey.locale.as_str());
        }
        let props = AppProps {
            config: Rc::new(config),
            survey: Rc::new(survey),
            response_id: response_id.into(),
        };
        yew::Renderer::<App>::with_root_and_props(root, props).render();
    });
    Ok(())
}

/// On the email landing page (`answer.html`), the survey's brand as the
/// page's heading and its language as the page's: the page is the
/// survey's own. (Done here, not in the loader, which must stay within
/// 1 KB.)
fn brand_the_page(brand: &str, locale: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let (Some(heading), false) = (
        document.get_element_by_id("ambassador-brand"),
        brand.is_empty(),
    ) {
        heading.set_text_content(Some(brand));
        let _ = heading.remove_attribute("hidden");
    }
    if let Some(page) = document.document_element() {
        let _ = page.set_attribute("lang", locale);
    }
}

/// Sends the answers earlier visits left in the outbox to `endpoint`; the
/// loader calls it when the survey itself is throttled.
#[wasm_bindgen]
pub fn flush(endpoint: String) {
    outbox::flush_once(endpoint);
}

/// The element inside `host`'s new shadow root that the app renders into.
fn shadow_root(host: &HtmlElement, mode: &Mode) -> Result<Element, JsValue> {
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(CSS)?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    if *mode == Mode::Popup {
        host.class_list().add_1("ambassador-popup")?;
    }
    let document = host
        .owner_document()
        .ok_or("Ambassador widget: the host element is not in a document")?;
    let root = document.create_element("div")?;
    shadow.append_child(&root)?;
    Ok(root)
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
