//! The deployment's own time zone: the owners' day, week and month.
//!
//! Our owners are Nordic and German companies: a detractor who answers at
//! 00:30 on a Monday in Copenhagen answered on Monday, not on Sunday as a
//! UTC day would have it. Every day a report, a count, an export or a
//! schedule names is a day of one zone, the deployment's (`time_zone` at
//! the top of `surveys.toml`, default UTC).
//!
//! A [`Zone`] is the zone's offsets from UTC and the instants they change,
//! taken from the IANA time zone database at build time
//! ([`Zone::named`], feature `tzdb`, with the maintained `jiff` crate and
//! its bundled copy of the database) for 1970 to 2100. The Worker carries
//! only that table, a few hundred numbers for one zone, not the database:
//! its size stays what it was, and the same table is what the database's
//! rebuild of the daily counts reads (`edge/src/local_time.rs`).

use serde::{Deserialize, Serialize};

use crate::report::date::Day;

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// One zone: its name and the offsets it had, each from the instant it
/// began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ZoneTable", into = "ZoneTable")]
pub struct Zone {
    name: String,
    /// `(from_ms, offset_ms)`, ascending by `from_ms`; the first offset
    /// also holds before its instant.
    offsets: Vec<(i64, i64)>,
}

/// A zone as it travels to the Worker: checked when read back.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneTable {
    name: String,
    offsets: Vec<(i64, i64)>,
}

impl TryFrom<ZoneTable> for Zone {
    type Error = String;
    fn try_from(table: ZoneTable) -> Result<Zone, String> {
        Zone::from_offsets(table.name, table.offsets)
    }
}

impl From<Zone> for ZoneTable {
    fn from(zone: Zone) -> ZoneTable {
        ZoneTable {
            name: zone.name,
            offsets: zone.offsets,
        }
    }
}

/// The first year a zone's table covers, and the year after its last:
/// answers before 1970 do not exist, and a table to 2100 stays small.
#[cfg(any(feature = "tzdb", test))]
const YEARS: (&str, &str) = ("1970", "2100");

impl Zone {
    /// UTC, the default: one offset, zero.
    pub fn utc() -> Zone {
        Zone {
            name: "UTC".to_owned(),
            offsets: vec![(0, 0)],
        }
    }

    /// A zone from its offsets, checked: at least one, ascending instants,
    /// each offset within a day.
    pub fn from_offsets(name: String, offsets: Vec<(i64, i64)>) -> Result<Zone, String> {
        if offsets.is_empty() {
            return Err(format!("the time zone {name:?} has no offsets"));
        }
        if offsets.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(format!("the offsets of {name:?} are not in order"));
        }
        if offsets.iter().any(|&(_, o)| o.abs() >= DAY_MS) {
            return Err(format!("an offset of {name:?} is a day or more"));
        }
        Ok(Zone { name, offsets })
    }

    /// The zone of this IANA name (`Europe/Copenhagen`), from the database
    /// bundled with `jiff`; the error names the zone and says what to write.
    #[cfg(any(feature = "tzdb", test))]
    pub fn named(name: &str) -> Result<Zone, String> {
        use jiff::tz::TimeZone;
        use jiff::Timestamp;
        let unknown = |_| {
            format!(
                "time_zone: {name:?} is not a time zone of the IANA database; \
                 use a name such as \"Europe/Copenhagen\" or \"UTC\""
            )
        };
        let tz = TimeZone::get(name).map_err(unknown)?;
        let at = |year: &str| {
            let day = Day::parse(&format!("{year}-01-01"))?;
            Timestamp::from_millisecond(day.start_millis()).map_err(|e| e.to_string())
        };
        let (start, end) = (at(YEARS.0)?, at(YEARS.1)?);
        let mut offsets = vec![(0, i64::from(tz.to_offset(start).seconds()) * 1000)];
        for transition in tz.following(start) {
            if transition.timestamp() >= end {
                break;
            }
            let offset = i64::from(transition.offset().seconds()) * 1000;
            if offsets.last().is_some_and(|&(_, last)| last == offset) {
                continue;
            }
            offsets.push((transition.timestamp().as_millisecond(), offset));
        }
        Zone::from_offsets(name.to_owned(), offsets)
    }

    /// Its IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its changes of offset: `(from_ms, offset_ms)`, ascending.
    pub fn offsets(&self) -> &[(i64, i64)] {
        &self.offsets
    }

    /// The offset from UTC at `at_ms`, in milliseconds.
    pub fn offset_ms(&self, at_ms: i64) -> i64 {
        let after = self.offsets.partition_point(|&(from, _)| from <= at_ms);
        self.offsets[after.saturating_sub(1)].1
    }

    /// The local day of the instant `at_ms`.
    pub fn day_of(&self, at_ms: i64) -> Day {
        Day::of_millis(at_ms + self.offset_ms(at_ms))
    }

    /// The local hour (0-23) of the instant `at_ms`.
    pub fn hour_of(&self, at_ms: i64) -> u8 {
        let local = (at_ms + self.offset_ms(at_ms)).rem_euclid(DAY_MS);
        (local / HOUR_MS) as u8
    }

    /// The first instant of the local day `day`: its midnight, or, where a
    /// change of offset skips midnight, the first instant after the skip.
    /// The day from `start_of(day)` to `start_of(day.next())` is 23 hours
    /// long on the spring change, 25 on the autumn one.
    pub fn start_of(&self, day: Day) -> i64 {
        // The local day starts within a day of its UTC midnight; the first
        // instant whose local day is `day` or later, by bisection.
        let (mut low, mut high) = (day.start_millis() - DAY_MS, day.start_millis() + DAY_MS);
        while low < high {
            let middle = low + (high - low) / 2;
            if self.day_of(middle) >= day {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        low
    }

    /// The instants from the start of `from` to the start of the day after
    /// `to`: both local days, whole.
    pub fn span(&self, from: Day, to: Day) -> (i64, i64) {
        (self.start_of(from), self.start_of(to.next()))
    }
}

/// The local hour of the retention run: at night, when few answers come,
/// and an hour that every day has (on the spring change 02:00 never
/// comes, on the autumn one it comes twice).
pub const RETENTION_HOUR: u8 = 3;

/// The local hour the overdue-case digest goes out: as the working day
/// starts, whatever the season.
pub const DIGEST_HOUR: u8 = 8;

/// What a trigger does besides settling clicks and rebuilding days.
///
/// Cron Triggers speak UTC, so the Worker's trigger fires every hour on
/// the hour and acts when the local hour has come: the retention run at
/// [`RETENTION_HOUR`], the digest at [`DIGEST_HOUR`], each once per local
/// day in every season. A trigger that fires twice in that hour repeats
/// work that is idempotent by then: retention deletes what is already
/// gone, and the digest's events carry the local day in their ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// Delete what the surveys keep no longer.
    pub retention: bool,
    /// Send the overdue cases.
    pub overdue_digest: bool,
}

impl Due {
    /// What the hourly trigger fired at `at_ms` does in `zone`.
    pub fn at(zone: &Zone, at_ms: i64) -> Due {
        let hour = zone.hour_of(at_ms);
        Due {
            retention: hour == RETENTION_HOUR,
            overdue_digest: hour == DIGEST_HOUR,
        }
    }

    /// Everything at once: a run asked for by hand.
    pub fn everything() -> Due {
        Due {
            retention: true,
            overdue_digest: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).expect("a day")
    }

    /// Unix ms of a UTC time written `YYYY-MM-DD HH:MM`.
    fn utc(text: &str) -> i64 {
        let (date, time) = text.split_once(' ').expect("date and time");
        let (h, m) = time.split_once(':').expect("HH:MM");
        let minutes: i64 = h.parse::<i64>().expect("hour") * 60 + m.parse::<i64>().expect("minute");
        day(date).start_millis() + minutes * 60_000
    }

    mod tzdb {
        use super::*;

        /// The zones of our users: all on Central European Time, which moves
        /// to summer time on the last Sunday of March at 01:00 UTC and back
        /// on the last Sunday of October at 01:00 UTC.
        const CENTRAL_EUROPE: [&str; 5] = [
            "Europe/Copenhagen",
            "Europe/Stockholm",
            "Europe/Oslo",
            "Europe/Berlin",
            "Europe/Brussels",
        ];

        fn zone(name: &str) -> Zone {
            Zone::named(name).expect("a known zone")
        }

        #[test]
        fn spring_forward_makes_a_23_hour_day() {
            for name in CENTRAL_EUROPE {
                let z = zone(name);
                let (start, end) = z.span(day("2026-03-29"), day("2026-03-29"));
                assert_eq!(start, utc("2026-03-28 23:00"), "{name}");
                assert_eq!(end, utc("2026-03-29 22:00"), "{name}");
                assert_eq!(end - start, 23 * HOUR_MS, "{name}");
                // 00:59 UTC is 01:59 winter time; 01:00 UTC is 03:00 summer time.
                assert_eq!(z.hour_of(utc("2026-03-29 00:59")), 1, "{name}");
                assert_eq!(z.hour_of(utc("2026-03-29 01:00")), 3, "{name}");
                assert_eq!(
                    z.day_of(utc("2026-03-28 22:59")),
                    day("2026-03-28"),
                    "{name}"
                );
                assert_eq!(
                    z.day_of(utc("2026-03-28 23:00")),
                    day("2026-03-29"),
                    "{name}"
                );
                assert_eq!(
                    z.day_of(utc("2026-03-29 21:59")),
                    day("2026-03-29"),
                    "{name}"
                );
                assert_eq!(
                    z.day_of(utc("2026-03-29 22:00")),
                    day("2026-03-30"),
                    "{name}"
                );
            }
        }

        #[test]
        fn fall_back_makes_a_25_hour_day() {
            for name in CENTRAL_EUROPE {
                let z = zone(name);
                let (start, end) = z.span(day("2026-10-25"), day("2026-10-25"));
                assert_eq!(start, utc("2026-10-24 22:00"), "{name}");
                assert_eq!(end, utc("2026-10-25 23:00"), "{name}");
                assert_eq!(end - start, 25 * HOUR_MS, "{name}");
                // 23:30 UTC on the 24th is 01:30 on the 25th: issue #20's answer.
                assert_eq!(
                    z.day_of(utc("2026-10-24 23:30")),
                    day("2026-10-25"),
                    "{name}"
                );
                // 02:30 local happens twice: 00:30 and 01:30 UTC.
                assert_eq!(z.hour_of(utc("2026-10-25 00:30")), 2, "{name}");
                assert_eq!(z.hour_of(utc("2026-10-25 01:30")), 2, "{name}");
                assert_eq!(
                    z.day_of(utc("2026-10-25 22:59")),
                    day("2026-10-25"),
                    "{name}"
                );
                assert_eq!(
                    z.day_of(utc("2026-10-25 23:00")),
                    day("2026-10-26"),
                    "{name}"
                );
            }
        }

        #[test]
        fn every_instant_of_a_year_has_one_local_day_and_days_tile_the_year() {
            let z = zone("Europe/Copenhagen");
            let mut d = day("2026-01-01");
            let mut start = z.start_of(d);
            while d < day("2027-01-01") {
                let end = z.start_of(d.next());
                let hours = (end - start) / HOUR_MS;
                assert!((23..=25).contains(&hours), "{d}: {hours} h");
                assert_eq!(z.day_of(start), d);
                assert_eq!(z.day_of(end - 1), d);
                assert_eq!(z.hour_of(start), 0, "{d} starts at midnight");
                (d, start) = (d.next(), end);
            }
        }

        /// Fired every UTC hour through 2026, the trigger runs retention
        /// and the digest exactly once on every local day, the 23- and
        /// 25-hour days included, at their local hours.
        #[test]
        fn an_hourly_trigger_runs_each_daily_task_once_a_local_day_at_its_hour() {
            for name in CENTRAL_EUROPE {
                let z = zone(name);
                let mut runs: std::collections::BTreeMap<Day, (u32, u32)> = Default::default();
                let (start, end) = (utc("2026-01-01 00:00"), utc("2027-01-01 00:00"));
                for at in (start..end).step_by(HOUR_MS as usize) {
                    let due = Due::at(&z, at);
                    let day = runs.entry(z.day_of(at)).or_default();
                    if due.retention {
                        assert_eq!(z.hour_of(at), RETENTION_HOUR);
                        day.0 += 1;
                    }
                    if due.overdue_digest {
                        assert_eq!(z.hour_of(at), DIGEST_HOUR);
                        day.1 += 1;
                    }
                }
                let days: Vec<_> = runs.range(day("2026-01-01")..day("2027-01-01")).collect();
                assert_eq!(days.len(), 365, "{name}");
                for (d, counts) in days {
                    assert_eq!(*counts, (1, 1), "{name} {d}");
                }
            }
        }

        #[test]
        fn a_zone_travels_to_the_worker_and_back_unchanged() {
            let z = zone("Europe/Oslo");
            let json = serde_json::to_string(&z).expect("serializes");
            assert_eq!(serde_json::from_str::<Zone>(&json).expect("reads back"), z);
            // Two changes a year since 1980, in a table of a few hundred.
            assert!(
                (200..400).contains(&z.offsets().len()),
                "{}",
                z.offsets().len()
            );
        }

        #[test]
        fn an_unknown_zone_is_named_with_what_to_write() {
            let error = Zone::named("Europe/Copenhague").expect_err("no such zone");
            assert!(error.contains("\"Europe/Copenhague\""), "{error}");
            assert!(error.contains("Europe/Copenhagen"), "{error}");
        }

        #[test]
        fn the_database_knows_utc_as_the_default_does() {
            let named = zone("UTC");
            for at in [utc("2026-03-29 01:00"), utc("2026-10-24 23:30")] {
                assert_eq!(named.day_of(at), Zone::utc().day_of(at));
            }
        }
    }

    #[test]
    fn utc_days_are_calendar_days_of_24_hours() {
        let z = Zone::utc();
        for d in ["2026-03-29", "2026-10-25", "2026-10-24"] {
            let (start, end) = z.span(day(d), day(d));
            assert_eq!(start, day(d).start_millis());
            assert_eq!(end - start, DAY_MS);
        }
        assert_eq!(z.day_of(utc("2026-10-24 23:30")), day("2026-10-24"));
        assert_eq!(z.hour_of(utc("2026-10-24 23:30")), 23);
    }

    #[test]
    fn a_table_out_of_order_or_empty_is_refused() {
        assert!(Zone::from_offsets("X".into(), vec![]).is_err());
        assert!(Zone::from_offsets("X".into(), vec![(10, 0), (5, 3_600_000)]).is_err());
        assert!(Zone::from_offsets("X".into(), vec![(0, DAY_MS)]).is_err());
        let json = r#"{"name":"X","offsets":[[10,0],[5,0]]}"#;
        assert!(serde_json::from_str::<Zone>(json).is_err());
    }
}
