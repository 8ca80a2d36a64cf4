//! How long a survey's answers are kept: `retention_months` in
//! `surveys.toml`, counted in calendar months back from today (UTC).
//!
//! Answers are personal data (a customer reference, a comment), and the
//! GDPR keeps them no longer than their purpose needs. Two years covers a
//! year-on-year comparison; a survey that needs more or less says so. The
//! cutoff is a UTC midnight, so a day of answers goes as a whole and a
//! report's daily counts never show half a day.

use super::SurveyDefinition;
use crate::report::date::Day;

/// Months answers are kept unless a survey says otherwise.
pub const DEFAULT_RETENTION_MONTHS: u16 = 24;
/// Longest retention: ten years, past any NPS trend anyone reads.
pub const MAX_RETENTION_MONTHS: u16 = 120;

/// The first instant (unix ms) whose answers are kept, `months` before
/// `now_ms`: UTC midnight of the same day of the month, that many calendar
/// months earlier (the month's last day when it is shorter).
pub fn cutoff_millis(now_ms: i64, months: u16) -> i64 {
    Day::of_millis(now_ms)
        .months_before(u32::from(months))
        .start_millis()
}

impl SurveyDefinition {
    /// The first instant (unix ms) whose answers this survey keeps at
    /// `now_ms`; older ones are deleted by the daily trigger.
    pub fn retained_since(&self, now_ms: i64) -> i64 {
        cutoff_millis(now_ms, self.retention_months)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: &str) -> i64 {
        Day::parse(day).map(Day::start_millis).expect("valid")
    }

    #[test]
    fn the_cutoff_is_midnight_months_before_today() {
        let now = at("2026-11-29") + 6 * 3_600_000 + 123;
        assert_eq!(cutoff_millis(now, 24), at("2024-11-29"));
        assert_eq!(cutoff_millis(now, 1), at("2026-10-29"));
        assert_eq!(cutoff_millis(at("2026-03-31"), 1), at("2026-02-28"));
    }

    #[test]
    fn a_whole_day_is_kept_or_goes() {
        let morning = at("2026-11-29") + 1;
        let night = at("2026-11-30") - 1;
        assert_eq!(cutoff_millis(morning, 6), cutoff_millis(night, 6));
        assert!(cutoff_millis(at("2026-11-30"), 6) > cutoff_millis(night, 6));
    }
}
