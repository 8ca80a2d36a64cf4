//! A report's days gathered into the buckets a trend shows: days for a week
//! or a month, weeks for a quarter, calendar months for a year, so a chart
//! has a readable number of points. A bucket without answers stays in the
//! series with no NPS: a gap in the line, never a point left out.

use crate::report::date::Day;
use crate::{Nps, Tally};

/// How wide one point of a trend is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// One UTC day.
    Day,
    /// Seven days, counted from the first day of the series.
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
    let Some(&(first, _)) = days.first() else {
        return Vec::new();
    };
    let mut points: Vec<Point> = Vec::new();
    for &(day, tally) in days {
        let same = points.last().is_some_and(|p| match bucket {
            Bucket::Day => false,
            Bucket::Week => p.start.days_since(first) / 7 == day.days_since(first) / 7,
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
        // 20 days from 2026-01-25: one promoter a day, none in the third week.
        let series = days("2026-01-25", 20, |i| {
            promoters(u64::from(!(14..21).contains(&i)))
        });
        let weeks = trend(&series, Bucket::Week);
        let starts: Vec<String> = weeks.iter().map(|p| p.start.to_string()).collect();
        assert_eq!(starts, ["2026-01-25", "2026-02-01", "2026-02-08"]);
        assert_eq!(weeks[0].tally.total(), 7);
        assert_eq!(weeks[2].tally.total(), 0);
        assert_eq!(weeks[2].nps, None, "a gap, not a zero");
        assert!(weeks[0].nps.is_some_and(|n| n.low < n.high));

        let months = trend(&series, Bucket::Month);
        let starts: Vec<String> = months.iter().map(|p| p.start.to_string()).collect();
        assert_eq!(starts, ["2026-01-25", "2026-02-01"]);
        assert_eq!(months[0].tally.total(), 7);
        assert_eq!(months[1].tally.total(), 7);
        assert_eq!(trend(&series, Bucket::Day).len(), 20);
        assert!(trend(&[], Bucket::Month).is_empty());
    }
}
