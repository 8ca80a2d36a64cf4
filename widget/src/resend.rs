//! When a failed send is tried again: after the shared backoff
//! (`ambassador_shared::client::resend`), or as soon as the browser reports that it
//! is back online, whichever comes first.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::AddEventListenerOptions;

#[wasm_bindgen]
extern "C" {
    /// The global `setTimeout`: web-sys's `Window` method also wraps the
    /// call for an exception it cannot throw with a function, in wasm and glue.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, timeout: i32) -> i32;
}

/// Runs `f` once: after `ms` milliseconds, or on the window's `online`
/// event. Waiting out a minute's backoff after the connection is back would
/// leave the visitor looking at "we'll try again" for nothing. A boxed `f`,
/// so both callers share one copy of this code in the wasm.
pub fn after_or_online(ms: u32, f: Box<dyn FnOnce()>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let once = Rc::new(Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = once.take() {
            f();
        }
    };
    let timer = Closure::once_into_js(run.clone());
    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
    set_timeout(timer.unchecked_ref(), ms);
    let options = AddEventListenerOptions::new();
    options.set_once(true);
    let online = Closure::once_into_js(run);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "online",
        online.unchecked_ref(),
        &options,
    );
}
