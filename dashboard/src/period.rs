//! The period a view covers, kept in the URL so a view can be bookmarked.

use ambassador_shared::report::date::Day;

/// The periods offered, each ending today.
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
}

impl Period {
    /// Every period, shortest first.
    pub const ALL: [Period; 4] = [Period::Week, Period::Month, Period::Quarter, Period::Year];

    /// The URL's word for it.
    pub fn key(self) -> &'static str {
        match self {
            Period::Week => "7d",
            Period::Month => "30d",
            Period::Quarter => "90d",
            Period::Year => "12m",
        }
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Period::Week => "Last 7 days",
            Period::Month => "Last 30 days",
            Period::Quarter => "Last 90 days",
            Period::Year => "Last 12 months",
        }
    }

    /// The period a URL word names; the month when it names none.
    pub fn from_key(key: &str) -> Period {
        Period::ALL
            .into_iter()
            .find(|p| p.key() == key)
            .unwrap_or(Period::Month)
    }

    fn days(self) -> i64 {
        match self {
            Period::Week => 7,
            Period::Month => 30,
            Period::Quarter => 90,
            Period::Year => 365,
        }
    }

    /// `from` and `to` of the report query, ending on `today`.
    pub fn query(self, today: Day) -> String {
        let from = Day::of_millis(today.start_millis() - (self.days() - 1) * 86_400_000);
        format!("from={from}&to={today}")
    }

    /// The same for the period of equal length just before, to compare.
    pub fn previous_query(self, today: Day) -> String {
        let end = Day::of_millis(today.start_millis() - self.days() * 86_400_000);
        self.query(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_end_today_and_round_trip_through_the_url() {
        let today = Day::parse("2026-11-29").expect("a day");
        assert_eq!(Period::Week.query(today), "from=2026-11-23&to=2026-11-29");
        assert_eq!(Period::Year.query(today), "from=2025-11-30&to=2026-11-29");
        assert_eq!(
            Period::Week.previous_query(today),
            "from=2026-11-16&to=2026-11-22"
        );
        for period in Period::ALL {
            assert_eq!(Period::from_key(period.key()), period);
        }
        assert_eq!(Period::from_key("forever"), Period::Month);
    }
}
