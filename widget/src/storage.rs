//! The visitor's `localStorage`: what must outlive the page (the outbox and
//! the throttle). Storage can be missing or full (private browsing, sandboxed
//! frames); then the widget still works, it just forgets on reload.

use web_sys::Storage;

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text stored under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; a full or missing storage is not an error the
/// customer could act on, so it is ignored.
pub fn set(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Forgets `key`.
pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}
