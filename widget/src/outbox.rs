//! Answers not yet acknowledged by the edge, kept in `localStorage` so none
//! is lost to a dead connection or a closed tab. Each keeps its client-made
//! id, so sending one again after a lost acknowledgement stores it once.
//!
//! The page's own answer is retried while the page is open (see the app's
//! `deliver_and_throttle`); answers left over from earlier visits are sent when a
//! widget next loads on this origin, to the endpoint that widget is
//! configured with, and retried the same way while that page stays open.

use std::cell::Cell;
use std::collections::VecDeque;

use ambassador_shared::client::resend::{backoff_ms, Outcome};
use js_sys::Array;
use wasm_bindgen::JsValue;

use crate::resend::after_or_online;
use crate::{api, js, storage};

const KEY: &str = "ambassador:outbox";

thread_local! {
    /// Several widgets on one page flush the outbox once between them.
    static FLUSHED: Cell<bool> = const { Cell::new(false) };
}

/// The waiting answers, each the JSON object the edge takes.
fn load() -> Vec<JsValue> {
    let stored = storage::get(KEY).and_then(|text| js::parse(&text));
    stored.map_or_else(Vec::new, |outbox| js::items(&outbox))
}

fn save(pending: Vec<JsValue>) {
    if pending.is_empty() {
        storage::remove(KEY);
    } else if let Some(text) = js::stringify(&pending.into_iter().collect::<Array>()) {
        storage::set(KEY, &text);
    }
}

fn id(answer: &JsValue) -> Option<String> {
    js::string(answer, "id")
}

/// Keeps `answer` (an object with an `id`) until [`forget`] is called with
/// its id; a newer version of the same answer replaces the older. Returns the
/// JSON to send.
pub fn keep(answer: &JsValue) -> String {
    let answer_id = id(answer);
    let mut pending = load();
    pending.retain(|a| id(a) != answer_id);
    pending.push(answer.clone());
    save(pending);
    js::stringify(answer).unwrap_or_default()
}

/// Drops the answer with `id`: delivered, or refused for good.
pub fn forget(answer_id: &str) {
    let mut pending = load();
    pending.retain(|a| id(a).as_deref() != Some(answer_id));
    save(pending);
}

/// Sends what earlier visits left behind, once per page however many
/// widgets it holds.
pub fn flush_once(endpoint: String) {
    if FLUSHED.with(|f| f.replace(true)) {
        return;
    }
    let pending = VecDeque::from(load());
    if !pending.is_empty() {
        send_in_order(endpoint, pending, 0);
    }
}

/// Sends `pending` oldest first. At the first failure worth retrying (the
/// edge is likely still away) it stops and tries again from there after
/// the backoff for `attempts` earlier failures, or when back online.
fn send_in_order(endpoint: String, mut pending: VecDeque<JsValue>, attempts: u32) {
    wasm_bindgen_futures::spawn_local(async move {
        while let Some(answer) = pending.front() {
            let body = js::stringify(answer).unwrap_or_default();
            if api::send(&endpoint, &body).await.outcome == Outcome::Retry {
                after_or_online(
                    backoff_ms(attempts),
                    Box::new(move || send_in_order(endpoint, pending, attempts + 1)),
                );
                return;
            }
            forget(&id(answer).unwrap_or_default());
            pending.pop_front();
        }
    });
}
