//! The period a view covers: one ending today (7, 30 or 90 days, 12
//! months) or any days a person picks. Kept in the URL so a view can be
//! bookmarked; a custom period is sent to the API as it was picked, so a
//! `from` after `to` is refused there with the API's own message.

use ambassador_shared::report::date::Day;
use ambassador_shared::text::dashboard::Label;

const DAY_MS: i64 = 86_400_000;

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
    /// The last 90 days.
    Quarter,
    /// The last 365 days.
    Year,
    /// From one day to another.
    Custom {
        /// The first day.
        from: Day,
        /// The last day.
        to: Day,
    },
}

impl Period {
    /// The periods that end today, shortest first.
    pub const ENDING_TODAY: [Period; 4] =
        [Period::Week, Period::Month, Period::Quarter, Period::Year];

    /// The URL's word for it.
    pub fn key(self) -> &'static str {
        match self {
            Period::Week => "7d",
            Period::Month => "30d",
            Period::Quarter => "90d",
            Period::Year => "12m",
            Period::Custom { .. } => "custom",
        }
    }

    /// What a person reads.
    pub fn label(self) -> Label {
        match self {
            Period::Week => Label::Last7Days,
            Period::Month => Label::Last30Days,
            Period::Quarter => Label::Last90Days,
            Period::Year => Label::Last12Months,
            Period::Custom { .. } => Label::CustomPeriod,
        }
    }

    /// The period the URL names with `key` (and `from`, `to` for a custom
    /// one); the last 30 days when it names none, or a custom period
    /// without both days.
    pub fn from_url(key: Option<&str>, from: Option<&str>, to: Option<&str>) -> Period {
        let day = |d: Option<&str>| d.and_then(|d| Day::parse(d).ok());
        match (key, day(from), day(to)) {
            (Some("custom"), Some(from), Some(to)) => Period::Custom { from, to },
            (Some(key), _, _) => Period::ENDING_TODAY
                .into_iter()
                .find(|p| p.key() == key)
                .unwrap_or(Period::Month),
            (None, _, _) => Period::Month,
        }
    }

    /// The first and last day, for a period ending on `today`.
    pub fn days(self, today: Day) -> (Day, Day) {
        let back = |days: i64| Day::of_millis(today.start_millis() - (days - 1) * DAY_MS);
        match self {
            Period::Week => (back(7), today),
            Period::Month => (back(30), today),
            Period::Quarter => (back(90), today),
            Period::Year => (back(365), today),
            Period::Custom { from, to } => (from, to),
        }
    }

    /// `from` and `to` of the report query.
    pub fn query(self, today: Day) -> String {
        let (from, to) = self.days(today);
        format!("from={from}&to={to}")
    }

    /// The same for the period of equal length just before, to compare;
    /// `None` for a custom period whose days are out of order.
    pub fn previous_query(self, today: Day) -> Option<String> {
        let (from, to) = self.days(today);
        let length = to.days_since(from) + 1;
        let end = Day::of_millis(from.start_millis() - DAY_MS);
        let start = Day::of_millis(end.start_millis() - (length - 1) * DAY_MS);
        (length > 0).then(|| format!("from={start}&to={end}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).expect("a day")
    }

    #[test]
    fn periods_end_today_and_round_trip_through_the_url() {
        let today = day("2026-11-29");
        assert_eq!(Period::Week.query(today), "from=2026-11-23&to=2026-11-29");
        assert_eq!(Period::Year.query(today), "from=2025-11-30&to=2026-11-29");
        assert_eq!(
            Period::Week.previous_query(today).as_deref(),
            Some("from=2026-11-16&to=2026-11-22")
        );
        for period in Period::ENDING_TODAY {
            assert_eq!(Period::from_url(Some(period.key()), None, None), period);
        }
        assert_eq!(Period::from_url(Some("forever"), None, None), Period::Month);
        assert_eq!(Period::from_url(None, None, None), Period::Month);
    }

    #[test]
    fn a_custom_period_is_read_whole_and_compared_with_as_many_days_before() {
        let custom = Period::from_url(Some("custom"), Some("2026-03-01"), Some("2026-03-10"));
        assert_eq!(
            custom,
            Period::Custom {
                from: day("2026-03-01"),
                to: day("2026-03-10")
            }
        );
        let today = day("2026-11-29");
        assert_eq!(custom.query(today), "from=2026-03-01&to=2026-03-10");
        assert_eq!(
            custom.previous_query(today).as_deref(),
            Some("from=2026-02-19&to=2026-02-28")
        );
        let backwards = Period::Custom {
            from: day("2026-03-10"),
            to: day("2026-03-01"),
        };
        assert_eq!(backwards.query(today), "from=2026-03-10&to=2026-03-01");
        assert_eq!(backwards.previous_query(today), None);
        let half = Period::from_url(Some("custom"), Some("2026-03-01"), None);
        assert_eq!(half, Period::Month);
    }
}
