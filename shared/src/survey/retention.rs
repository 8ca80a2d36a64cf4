//! How long a survey's answers are kept: `retention_months` in
//! `surveys.toml`, counted in calendar months back from today, in the
//! deployment's time zone (`crate::local_time`).
//!
//! Answers are personal data (a customer reference, a comment), and the
//! GDPR keeps them no longer than their purpose needs. Two years covers a
//! year-on-year comparison; a survey that needs more or less says so. The
//! cutoff is a local midnight, so a day of answers goes as a whole and a
//! report's daily counts never show half a day.

use super::SurveyDefinition;
use crate::local_time::Zone;
#[cfg(test)]
use crate::report::date::Day;

/// Months answers are kept unless a survey says otherwise.
pub const DEFAULT_RETENTION_MONTHS: u16 = 24;
/// Longest retention: ten years, past any NPS trend anyone reads.
pub const MAX_RETENTION_MONTHS: u16 = 120;

/// The first instant (unix ms) whose answers are kept, `months` before
/// `now_ms`: the start, in `zone`, of the same day of the month, that many
/// calendar months earlier (the month's last day when it is shorter).
pub fn cutoff_millis(now_ms: i64, months: u16, zone: &Zone) -> i64 {
    zone.start_of(zone.day_of(now_ms).months_before(u32::from(months)))
}

impl SurveyDefinition {
    /// The first instant (unix ms) whose answers this survey keeps at
    /// `now_ms`; older ones are deleted by the daily trigger.
    pub fn retained_since(&self, now_ms: i64, zone: &Zone) -> i64 {
        cutoff_millis(now_ms, self.retention_months, zone)
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
        let utc = Zone::utc();
        let now = at("2026-11-29") + 6 * 3_600_000 + 123;
        assert_eq!(cutoff_millis(now, 24, &utc), at("2024-11-29"));
        assert_eq!(cutoff_millis(now, 1, &utc), at("2026-10-29"));
        assert_eq!(cutoff_millis(at("2026-03-31"), 1, &utc), at("2026-02-28"));
    }

    #[test]
    fn a_whole_day_is_kept_or_goes() {
        let utc = Zone::utc();
        let morning = at("2026-11-29") + 1;
        let night = at("2026-11-30") - 1;
        assert_eq!(
            cutoff_millis(morning, 6, &utc),
            cutoff_millis(night, 6, &utc)
        );
        assert!(cutoff_millis(at("2026-11-30"), 6, &utc) > cutoff_millis(night, 6, &utc));
    }

    /// At 00:30 on 1 December in Copenhagen (23:30 UTC on 30 November), a
    /// month's retention keeps 1 November from its local midnight on.
    #[test]
    fn the_cutoff_is_a_local_midnight() {
        let copenhagen = Zone::named("Europe/Copenhagen").expect("a zone");
        let now = at("2026-11-30") + 23 * 3_600_000 + 30 * 60_000;
        assert_eq!(
            cutoff_millis(now, 1, &copenhagen),
            at("2026-11-01") - 3_600_000
        );
    }
}
