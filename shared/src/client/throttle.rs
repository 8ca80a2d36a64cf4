//! How often the widget may ask the same visitor: once they answered or
//! dismissed a survey, it stays quiet for that survey's `throttle_days`.
//!
//! The widget stores the end of the quiet period (milliseconds since the Unix
//! epoch) in the visitor's `localStorage` under [`storage_key`]; the loader
//! reads it before downloading any wasm, so a throttled page costs one small
//! script. Both sides use the key format documented here.

/// Milliseconds in a day.
const DAY_MS: u64 = 86_400_000;

/// Prefix of the `localStorage` key; the loader (`widget/loader/ambassador.js`)
/// spells the same prefix. It keeps the word it shipped with: a new key would
/// forget every visitor's deadline and ask them all again.
pub const STORAGE_PREFIX: &str = "ambassador:quiet:";

/// The `localStorage` key holding the quiet deadline of `survey`.
pub fn storage_key(survey: &str) -> String {
    format!("{STORAGE_PREFIX}{survey}")
}

/// When the visitor may be asked again, having answered or dismissed at
/// `now_ms`. Whole milliseconds, not floats, so the widget carries no float
/// formatting or parsing code.
pub fn throttled_until(now_ms: u64, days: u16) -> u64 {
    now_ms.saturating_add(u64::from(days) * DAY_MS)
}

/// Whether a survey may be shown at `now_ms`, given the stored deadline (the
/// raw `localStorage` text, if any). Unreadable values do not silence a survey.
pub fn may_ask(stored: Option<&str>, now_ms: u64) -> bool {
    match stored.and_then(|text| text.trim().parse::<u64>().ok()) {
        Some(until) => now_ms >= until,
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_780_000_000_000;

    #[test]
    fn quiet_for_exactly_the_given_days() {
        let until = throttled_until(NOW, 30);
        let stored = until.to_string();
        assert!(!may_ask(Some(&stored), NOW));
        assert!(!may_ask(Some(&stored), NOW + 30 * DAY_MS - 1));
        assert!(may_ask(Some(&stored), NOW + 30 * DAY_MS));
    }

    #[test]
    fn zero_days_never_silences() {
        let stored = throttled_until(NOW, 0).to_string();
        assert!(may_ask(Some(&stored), NOW));
    }

    #[test]
    fn nothing_or_garbage_stored_means_ask() {
        assert!(may_ask(None, NOW));
        assert!(may_ask(Some("soon"), NOW));
    }

    #[test]
    fn keys_are_per_survey() {
        assert_eq!(storage_key("pickup"), "ambassador:quiet:pickup");
        assert_ne!(storage_key("a"), storage_key("b"));
    }
}
