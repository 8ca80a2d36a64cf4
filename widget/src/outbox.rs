//! Answers not yet acknowledged by the edge, kept in `localStorage` so none
//! is lost to a dead connection or a closed tab. Each keeps its client-made
//! id, so sending one again after a lost acknowledgement stores it once.
//!
//! The page's own answer is retried with backoff while the page is open
//! (see the app's delivery hook); answers left over from earlier visits are
//! sent once when a widget next mounts on this origin, to the endpoint that
//! widget is configured with.

use std::cell::Cell;

use ambassador_shared::retry::Outcome;
use ambassador_shared::Submission;

use crate::{api, storage};

const KEY: &str = "ambassador:outbox";

thread_local! {
    /// Several widgets on one page flush the outbox once between them.
    static FLUSHED: Cell<bool> = const { Cell::new(false) };
}

fn load() -> Vec<Submission> {
    storage::get(KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save(pending: &[Submission]) {
    if pending.is_empty() {
        storage::remove(KEY);
    } else if let Ok(text) = serde_json::to_string(pending) {
        storage::set(KEY, &text);
    }
}

/// Keeps `submission` until [`forget`] is called with its id; a newer
/// version of the same answer replaces the older.
pub fn keep(submission: &Submission) {
    let mut pending = load();
    pending.retain(|s| s.id != submission.id);
    pending.push(submission.clone());
    save(&pending);
}

/// Drops the answer with `id`: delivered, or refused for good.
pub fn forget(id: &str) {
    let mut pending = load();
    pending.retain(|s| s.id != id);
    save(&pending);
}

/// Sends what earlier visits left behind, oldest first, stopping at the
/// first failure that is worth retrying (the edge is likely still away).
pub fn flush_once(endpoint: String) {
    if FLUSHED.with(|f| f.replace(true)) {
        return;
    }
    let pending = load();
    if pending.is_empty() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        for submission in pending {
            if api::send(&endpoint, &submission).await.outcome == Outcome::Retry {
                return;
            }
            forget(&submission.id);
        }
    });
}
