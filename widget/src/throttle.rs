//! The throttle as the widget applies it: after an answer or a dismissal the
//! survey stays quiet for its `throttle_days` (rule and key format in
//! `ambassador_shared::client::throttle`).

use ambassador_shared::client::throttle::{
    may_ask as deadline_passed, storage_key, throttled_until,
};

use crate::storage;

/// Whether `survey` may be shown now. The loader checks the same deadline
/// before downloading the wasm; this catches elements added to the page later.
pub fn may_ask(survey: &str) -> bool {
    deadline_passed(storage::get(&storage_key(survey)).as_deref(), now_ms())
}

/// Silences `survey` for `days` from now.
pub fn remember(survey: &str, days: u16) {
    let until = throttled_until(now_ms(), days);
    storage::set(&storage_key(survey), &until.to_string());
}

/// The clock in whole milliseconds since the Unix epoch.
fn now_ms() -> u64 {
    // Date.now() is a whole, positive number of milliseconds.
    js_sys::Date::now() as u64
}
