//! Calendar dates in UTC, for report filters, daily series and exports.
//!
//! Reports group by UTC day and filter by ISO dates; the Worker has no
//! calendar library, so the two conversions it needs live here, tested.

use serde::{Deserialize, Serialize};
use std::fmt;

const MILLIS_PER_DAY: i64 = 86_400_000;

/// A day, `YYYY-MM-DD`, between years 1970 and 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day {
    /// Days since 1970-01-01.
    days: i64,
}

impl Day {
    /// Reads `YYYY-MM-DD`; the error says what a date must look like.
    pub fn parse(text: &str) -> Result<Day, String> {
        let bad = || format!("{text:?} is not a date; use YYYY-MM-DD, e.g. 2026-11-25");
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let number = |s: &str| s.parse::<i64>().map_err(|_| bad());
        let (y, m, d) = (number(y)?, number(m)?, number(d)?);
        if y < 1970 || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return Err(bad());
        }
        Ok(Day {
            days: days_from_civil(y, m, d),
        })
    }

    /// The UTC day containing `millis` since the epoch.
    pub fn of_millis(millis: i64) -> Day {
        Day {
            days: millis.div_euclid(MILLIS_PER_DAY),
        }
    }

    /// Milliseconds since the epoch at this day's UTC midnight.
    pub fn start_millis(self) -> i64 {
        self.days * MILLIS_PER_DAY
    }

    /// The day after.
    pub fn next(self) -> Day {
        Day {
            days: self.days + 1,
        }
    }

    /// The Monday of this day's ISO 8601 week (1970-01-01 was a Thursday).
    pub fn monday(self) -> Day {
        Day {
            days: self.days - (self.days + 3).rem_euclid(7),
        }
    }

    /// The day `days` days later (earlier when negative).
    pub fn add_days(self, days: i64) -> Day {
        Day {
            days: self.days + days,
        }
    }

    /// The first day of this day's calendar month.
    pub fn first_of_month(self) -> Day {
        let (y, m, _) = civil_from_days(self.days);
        Day {
            days: days_from_civil(y, m, 1),
        }
    }

    /// How many days from `earlier` to this day (negative if it is later).
    pub fn days_since(self, earlier: Day) -> i64 {
        self.days - earlier.days
    }

    /// The ISO 8601 week number (1-53): the week of the year its Thursday
    /// falls in, as Nordic and German calendars print it.
    pub fn iso_week(self) -> u32 {
        let thursday = self.monday().add_days(3);
        let (year, _, _) = civil_from_days(thursday.days);
        let new_year = days_from_civil(year, 1, 1);
        (thursday.days - new_year) as u32 / 7 + 1
    }

    /// The same day of the month `months` calendar months earlier, or that
    /// month's last day when it is shorter (31 March less one month is the
    /// last of February): a month is a calendar month, as people count it.
    pub fn months_before(self, months: u32) -> Day {
        let (y, m, d) = civil_from_days(self.days);
        let index = y * 12 + (m - 1) - i64::from(months);
        let (y, m) = (index.div_euclid(12), index.rem_euclid(12) + 1);
        Day {
            days: days_from_civil(y, m, d.min(days_in_month(y, m))),
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.days);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl TryFrom<String> for Day {
    type Error = String;
    fn try_from(text: String) -> Result<Day, String> {
        Day::parse(&text)
    }
}

impl From<Day> for String {
    fn from(day: Day) -> String {
        day.to_string()
    }
}

/// `millis` since the epoch as an RFC 3339 UTC timestamp, to the second.
pub fn timestamp(millis: i64) -> String {
    let day = Day::of_millis(millis);
    let secs = (millis - day.start_millis()) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    format!("{day}T{h:02}:{m:02}:{s:02}Z")
}

/// `millis` since the epoch as an RFC 3339 UTC timestamp with milliseconds,
/// e.g. `2026-11-25T14:03:07.123Z`, for event payloads.
pub fn timestamp_millis(millis: i64) -> String {
    let fraction = millis.rem_euclid(1000);
    let seconds = timestamp(millis);
    format!("{}.{fraction:03}Z", seconds.trim_end_matches('Z'))
}

/// The inverse of [`timestamp_millis`]: `None` for any other text.
pub fn parse_timestamp_millis(text: &str) -> Option<i64> {
    let (date, time) = text.strip_suffix('Z')?.split_once('T')?;
    let day = Day::parse(date).ok()?;
    let (hms, fraction) = time.split_once('.')?;
    let parts: Vec<&str> = hms.split(':').collect();
    let [h, m, s] = parts[..] else {
        return None;
    };
    let number = |t: &str, digits: usize, max: i64| {
        let ok = t.len() == digits && t.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| t.parse::<i64>().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    let secs = number(h, 2, 23)? * 3600 + number(m, 2, 59)? * 60 + number(s, 2, 59)?;
    Some(day.start_millis() + secs * 1000 + number(fraction, 3, 999)?)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`: days since 1970-01-01.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_weeks_follow_their_thursday() {
        let week = |text: &str| Day::parse(text).expect("a date").iso_week();
        assert_eq!(week("2026-12-07"), 50);
        assert_eq!(week("2027-01-01"), 53, "a Friday of 2026's last week");
        assert_eq!(week("2024-12-30"), 1, "a Monday of 2025's first week");
        assert_eq!(week("2026-01-01"), 1);
    }

    #[test]
    fn a_millisecond_timestamp_reads_back_as_written() {
        for millis in [0, 1_780_000_000_123, 951_782_400_999, 253_402_300_799_000] {
            assert_eq!(
                parse_timestamp_millis(&timestamp_millis(millis)),
                Some(millis)
            );
        }
        for bad in [
            "",
            "2026-11-25T14:03:07Z",
            "2026-11-25T24:00:00.000Z",
            "2026-11-25T14:03:07.12Z",
            "2026-02-30T00:00:00.000Z",
            "2026-11-25 14:03:07.123Z",
        ] {
            assert_eq!(parse_timestamp_millis(bad), None, "{bad}");
        }
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates() {
        assert_eq!(Day::parse("1970-01-01").map(Day::start_millis), Ok(0));
        let day = Day::parse("2026-11-25").expect("valid");
        assert_eq!(day.start_millis(), 1_795_564_800_000);
        assert_eq!(day.next().to_string(), "2026-11-26");
        assert_eq!(
            Day::parse("2024-02-29").map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        assert_eq!(timestamp(1_795_621_385_000), "2026-11-25T15:43:05Z");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "1969-12-31",
            "x",
        ] {
            assert!(Day::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn months_before_counts_calendar_months() {
        let before = |day: &str, months| {
            Day::parse(day)
                .map(|d| d.months_before(months).to_string())
                .expect("valid")
        };
        assert_eq!(before("2026-11-29", 0), "2026-11-29");
        assert_eq!(before("2026-11-29", 1), "2026-10-29");
        assert_eq!(before("2026-11-29", 24), "2024-11-29");
        assert_eq!(before("2026-01-15", 1), "2025-12-15");
        assert_eq!(before("2026-03-31", 1), "2026-02-28");
        assert_eq!(before("2028-03-31", 1), "2028-02-29");
        assert_eq!(before("2026-05-31", 1), "2026-04-30");
        assert_eq!(before("2028-02-29", 12), "2027-02-28");
        assert_eq!(before("2026-11-29", 120), "2016-11-29");
    }

    proptest! {
        #[test]
        fn months_before_stays_within_its_month(days in 0i64..2_932_896, months in 0u32..1200) {
            let day = Day { days };
            let earlier = day.months_before(months);
            let (y, m, d) = civil_from_days(days);
            let (ey, em, ed) = civil_from_days(earlier.days);
            prop_assert_eq!(ey * 12 + em, y * 12 + m - i64::from(months));
            prop_assert!(ed <= d);
            prop_assert!(ed == d || ed == days_in_month(ey, em));
        }

        #[test]
        fn days_round_trip(days in 0i64..2_932_896) {
            let day = Day { days };
            prop_assert_eq!(Day::parse(&day.to_string()), Ok(day));
            prop_assert_eq!(Day::of_millis(day.start_millis() + 86_399_999), day);
        }
    }
}
