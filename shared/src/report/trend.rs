//! A report's days gathered into the buckets a trend shows: days for a week
//! or a month, weeks for a quarter, calendar months for a year, so a chart
//! has a readable number of points. A bucket without answers stays in the
//! series with no NPS: a gap in the line, never a point left out.

use crate::report::date::Day;
use crate::{Nps, Tally};

/// How wide one point of a trend is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// One day of the deployment's zone.
    Day,
    /// An ISO 8601 week, Monday to Sunday (the period's first and last may
    /// be partial).
    Week,
    /// A calendar month.
    Month,
}

impl Bucket {
    /// The bucket that gives a series of `days` days a readable length:
    /// days up to a month, weeks up to a quarter, months beyond.
    pub fn fitting(days: usize) -> Bucket {
        match days {
            0..=31 => Bucket::Day,
            32..=120 => Bucket::Week,
            _ => Bucket::Month,
        }
    }
}

/// One point of a trend.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The bucket's first day.
    pub start: Day,
    /// Its answers.
    pub tally: Tally,
    /// Its NPS and interval; `None` without answers (a gap).
    pub nps: Option<Nps>,
}

/// Gathers `days` (oldest first, every day of the period) into buckets.
pub fn trend(days: &[(Day, Tally)], bucket: Bucket) -> Vec<Point> {
    let mut points: Vec<Point> = Vec::new();
    for &(day, tally) in days {
        let same = points.last().is_some_and(|p| match bucket {
            Bucket::Day => false,
            Bucket::Week => p.start.monday() == day.monday(),
            Bucket::Month => p.start.to_string()[..7] == day.to_string()[..7],
        });
        match points.last_mut() {
            Some(point) if same => {
                point.tally.detractors += tally.detractors;
                point.tally.passives += tally.passives;
                point.tally.promoters += tally.promoters;
            }
            _ => points.push(Point {
                start: day,
                tally,
                nps: None,
            }),
        }
    }
    points.iter_mut().for_each(|p| p.nps = p.tally.nps());
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).expect("a day")
    }

    fn days(from: &str, count: i64, tally: impl Fn(i64) -> Tally) -> Vec<(Day, Tally)> {
        let first = day(from);
        (0..count)
            .map(|i| {
                (
                    Day::of_millis(first.start_millis() + i * 86_400_000),
                    tally(i),
                )
            })
            .collect()
    }

    fn promoters(n: u64) -> Tally {
        Tally {
            promoters: n,
            ..Tally::default()
        }
    }

    #[test]
    fn buckets_fit_the_period() {
        assert_eq!(Bucket::fitting(7), Bucket::Day);
        assert_eq!(Bucket::fitting(30), Bucket::Day);
        assert_eq!(Bucket::fitting(90), Bucket::Week);
        assert_eq!(Bucket::fitting(365), Bucket::Month);
    }

    #[test]
    fn weeks_and_months_sum_their_days_and_keep_empty_buckets() {
        // 20 days from Monday 2026-01-26: one promoter a day, none in the third week.
        let series = days("2026-01-26", 20, |i| {
            promoters(u64::from(!(14..21).contains(&i)))
        });
        let weeks = trend(&series, Bucket::Week);
        let starts: Vec<String> = weeks.iter().map(|p| p.start.to_string()).collect();
        assert_eq!(starts, ["2026-01-26", "2026-02-02", "2026-02-09"]);
        assert_eq!(weeks[0].tally.total(), 7);
        assert_eq!(weeks[2].tally.total(), 0);
        assert_eq!(weeks[2].nps, None, "a gap, not a zero");
        assert!(weeks[0].nps.is_some_and(|n| n.low < n.high));

        let months = trend(&series, Bucket::Month);
        let starts: Vec<String> = months.iter().map(|p| p.start.to_string()).collect();
        assert_eq!(starts, ["2026-01-26", "2026-02-01"]);
        assert_eq!(months[0].tally.total(), 6);
        assert_eq!(months[1].tally.total(), 8);
        assert_eq!(trend(&series, Bucket::Day).len(), 20);
        assert!(trend(&[], Bucket::Month).is_empty());
    }

    /// Weeks are ISO weeks, Monday to Sunday, as our users' calendars
    /// have them: a period from a Wednesday starts with a short week.
    #[test]
    fn weeks_start_on_monday() {
        let series = days("2026-10-21", 14, |_| promoters(1));
        let weeks = trend(&series, Bucket::Week);
        let starts: Vec<String> = weeks.iter().map(|p| p.start.to_string()).collect();
        assert_eq!(starts, ["2026-10-21", "2026-10-26", "2026-11-02"]);
        let sizes: Vec<u64> = weeks.iter().map(|p| p.tally.total()).collect();
        assert_eq!(sizes, [5, 7, 2]);
        assert_eq!(day("2026-10-25").monday(), day("2026-10-19"));
        assert_eq!(day("2026-10-26").monday(), day("2026-10-26"));
    }
}
