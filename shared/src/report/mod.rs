//! NPS reports: the filter a reader asks for, and counts turned into scores.
//!
//! The database groups answers by day, touchpoint, role and category and
//! counts them (cheap in SQL); [`Report::from_counts`] does the rest here,
//! in pure Rust, so the arithmetic is unit-tested without a database.

pub mod comments;
pub mod csv;
pub mod date;
pub mod nps;
pub mod rates;
pub mod trend;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::answer::source::Source;
use crate::input::query::Query;
use crate::local_time::Zone;
use crate::report::date::Day;
use crate::{Category, FieldError, FieldErrorCode, Nps, Score, Tally};

/// Which answers a report (or an export) covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReportFilter {
    /// First day included, of the deployment's zone.
    pub from: Option<Day>,
    /// Last day included, of the deployment's zone.
    pub to: Option<Day>,
    /// Only answers from this touchpoint.
    pub touchpoint: Option<String>,
    /// Only answers in this role.
    pub role: Option<String>,
    /// Only answers from the widget, or only from email links.
    pub source: Option<Source>,
    /// Also count email clicks still waiting to settle (neither confirmed
    /// on the landing page nor past their quiet period), and list every
    /// click in the export, suspected scanners' included. Off by default: a
    /// mail scanner following a link is not a customer's answer
    /// ([`crate::link::scanner`]); a click settled as a person's counts anyway.
    pub include_unconfirmed: bool,
}

/// The query parameters of a report filter.
pub const PARAMETERS: [&str; 6] = [
    "from",
    "to",
    "touchpoint",
    "role",
    "source",
    "include_unconfirmed",
];

/// The longest period one report covers: ten years of days, each listed.
pub const MAX_PERIOD_DAYS: i64 = 3660;

impl ReportFilter {
    /// Reads the filter from a query string, reporting every bad parameter.
    pub fn from_query(mut query: Query) -> Result<ReportFilter, Vec<FieldError>> {
        query.reject_unknown(&PARAMETERS);
        let filter = ReportFilter::read(&mut query);
        query.finish(filter)
    }

    /// Reads the filter's parameters from `query`, recording bad ones there;
    /// for requests that take more parameters than a report.
    pub fn read(query: &mut Query) -> ReportFilter {
        let from = day(query, "from");
        let to = day(query, "to");
        if let (Some(from), Some(to)) = (from, to) {
            let days = to.days_since(from) + 1;
            if to < from {
                let message = format!("{to} is before from ({from}); swap them");
                query.fail("to", FieldErrorCode::OutOfRange, message);
            } else if days > MAX_PERIOD_DAYS {
                let message = format!(
                    "the period from {from} to {to} is {days} days; ask for at most \
                     {MAX_PERIOD_DAYS} (ten years) at a time"
                );
                query.fail("to", FieldErrorCode::OutOfRange, message);
            }
        }
        ReportFilter {
            from,
            to,
            touchpoint: query.slug("touchpoint"),
            role: query.slug("role"),
            source: source(query),
            include_unconfirmed: flag(query, "include_unconfirmed"),
        }
    }

    /// The covered time as `[start, end)` in epoch milliseconds: from the
    /// start of `from` to the end of `to`, both days of `zone`.
    pub fn millis(&self, zone: &Zone) -> (i64, i64) {
        let start = self.from.map_or(0, |d| zone.start_of(d));
        let end = self.to.map_or(i64::MAX / 2, |d| zone.start_of(d.next()));
        (start, end)
    }
}

fn day(query: &mut Query, name: &str) -> Option<Day> {
    let text = query.get(name)?;
    Day::parse(&text)
        .map_err(|why| query.fail(name, FieldErrorCode::InvalidFormat, why))
        .ok()
}

fn source(query: &mut Query) -> Option<Source> {
    let text = query.get("source")?;
    let source = Source::parse(&text);
    if source.is_none() {
        let message = format!("{text:?} is not a source; use widget or email");
        query.fail("source", FieldErrorCode::InvalidFormat, message);
    }
    source
}

fn flag(query: &mut Query, name: &str) -> bool {
    match query.get(name).as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            let message = format!("{other:?} is not a boolean; use true or false");
            query.fail(name, FieldErrorCode::WrongType, message);
            false
        }
    }
}

/// What a count is broken down by: the report shows each on its own, so the
/// database sends each on its own (a few thousand rows for a year) rather
/// than every combination (tens of thousands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// `key` is a UTC day, `YYYY-MM-DD`.
    Day,
    /// `key` is a touchpoint, or null for answers without one.
    Touchpoint,
    /// `key` is a role, or null for answers without one.
    Role,
}

/// How many answers of each score fall into one group of one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "StoredCounts")]
pub struct CountRow {
    /// What `key` is.
    pub dimension: Dimension,
    /// The day, touchpoint or role.
    pub key: Option<String>,
    /// How many answers gave each score, 0 to 10.
    pub scores: [u64; 11],
    /// How many of them carry a comment.
    pub commented: u64,
}

/// A [`CountRow`] as the database sends it: the scores as the columns
/// `n0` ... `n10` of `daily_counts` (migration 0020).
#[derive(Deserialize)]
struct StoredCounts {
    dimension: Dimension,
    key: Option<String>,
    n0: u64,
    n1: u64,
    n2: u64,
    n3: u64,
    n4: u64,
    n5: u64,
    n6: u64,
    n7: u64,
    n8: u64,
    n9: u64,
    n10: u64,
    commented: u64,
}

impl From<StoredCounts> for CountRow {
    fn from(s: StoredCounts) -> CountRow {
        CountRow {
            dimension: s.dimension,
            key: s.key,
            scores: [
                s.n0, s.n1, s.n2, s.n3, s.n4, s.n5, s.n6, s.n7, s.n8, s.n9, s.n10,
            ],
            commented: s.commented,
        }
    }
}

/// Counts and NPS of a set of answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Answers per category.
    #[serde(flatten)]
    pub counts: Tally,
    /// The NPS with its 95% margin of error; `null` without answers.
    pub nps: Option<Nps>,
}

impl From<Tally> for Summary {
    fn from(counts: Tally) -> Summary {
        Summary {
            counts,
            nps: counts.nps(),
        }
    }
}

/// A summary for one touchpoint or role; `name` is `null` for answers that
/// gave none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The touchpoint or role.
    pub name: Option<String>,
    /// Its answers' counts and NPS.
    #[serde(flatten)]
    pub summary: Summary,
}

/// A summary for one UTC day. Every day of the period is listed, a day
/// without answers too: a gap in a trend is news, and leaving the day out
/// would hide it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DaySummary {
    /// The UTC day.
    pub date: Day,
    /// That day's answers' counts and NPS.
    #[serde(flatten)]
    pub summary: Summary,
}

/// What `GET /v1/surveys/{id}/report` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The survey reported on.
    pub survey_id: String,
    /// The filter applied, so a saved report says what it covers.
    pub filter: ReportFilter,
    /// Every answer the filter admits.
    pub overall: Summary,
    /// How many answers gave each score, 0 to 10.
    pub distribution: [u64; 11],
    /// How many of the answers carry a comment (for email answers, the last
    /// step of the funnel clicked -> confirmed -> with a comment).
    pub commented: u64,
    /// Per touchpoint.
    pub by_touchpoint: Vec<Group>,
    /// Per role.
    pub by_role: Vec<Group>,
    /// Oldest day first.
    pub daily: Vec<DaySummary>,
    /// Of the people invited by email, how many clicked, answered and
    /// commented (empty until the caller adds them, see [`Report::with_rates`]).
    pub response_rates: rates::ResponseRates,
}

impl Report {
    /// Builds the report from counts per dimension (in any order). Every
    /// answer is counted once in each dimension; the overall figures are
    /// the days' sum.
    pub fn from_counts(survey_id: &str, filter: ReportFilter, rows: &[CountRow]) -> Report {
        let mut overall = Tally::default();
        let mut touchpoints = BTreeMap::new();
        let mut roles = BTreeMap::new();
        let mut days = BTreeMap::new();
        let mut distribution = [0u64; 11];
        let mut commented = 0;
        for row in rows {
            match row.dimension {
                Dimension::Touchpoint => add(touchpoints.entry(row.key.clone()).or_default(), row),
                Dimension::Role => add(roles.entry(row.key.clone()).or_default(), row),
                Dimension::Day => {
                    // Days come from the database as YYYY-MM-DD; no other
                    // key can be a day, and none is counted as one.
                    let Some(day) = row.key.as_deref().and_then(|k| Day::parse(k).ok()) else {
                        continue;
                    };
                    add(&mut overall, row);
                    add(days.entry(day).or_default(), row);
                    for (all, n) in distribution.iter_mut().zip(row.scores) {
                        *all += n;
                    }
                    commented += row.commented;
                }
            }
        }
        fill_days(&mut days, &filter);
        Report {
            survey_id: survey_id.to_owned(),
            filter,
            overall: overall.into(),
            distribution,
            commented,
            by_touchpoint: groups(touchpoints),
            by_role: groups(roles),
            daily: days
                .into_iter()
                .map(|(date, tally)| DaySummary {
                    date,
                    summary: tally.into(),
                })
                .collect(),
            response_rates: rates::ResponseRates::default(),
        }
    }

    /// The answers of the days from `from` to `to` (both included) among
    /// the report's: a sub-period summed from the same daily counts, so it
    /// equals the report of just those days.
    pub fn tally_between(&self, from: Day, to: Day) -> Tally {
        self.daily
            .iter()
            .filter(|d| d.date >= from && d.date <= to)
            .fold(Tally::default(), |mut all, d| {
                all.detractors += d.summary.counts.detractors;
                all.passives += d.summary.counts.passives;
                all.promoters += d.summary.counts.promoters;
                all
            })
    }

    /// The report with the invitations' response rates: they are counted
    /// apart (`invitations`, not `daily_counts`).
    pub fn with_rates(self, rows: &[rates::FunnelRow]) -> Report {
        let response_rates = rates::ResponseRates::from_rows(rows, &self.filter);
        Report {
            response_rates,
            ..self
        }
    }
}

/// Adds a zero for every day of the period without answers: from the
/// filter's `from` (else the first day with answers) to its `to` (else the
/// last). The filter bounds the period to [`MAX_PERIOD_DAYS`].
fn fill_days(days: &mut BTreeMap<Day, Tally>, filter: &ReportFilter) {
    let first = filter.from.or_else(|| days.keys().next().copied());
    let last = filter.to.or_else(|| days.keys().next_back().copied());
    let (Some(mut day), Some(last)) = (first, last) else {
        return;
    };
    while day <= last {
        days.entry(day).or_default();
        day = day.next();
    }
}

fn add(tally: &mut Tally, row: &CountRow) {
    for (score, n) in Score::all().zip(row.scores) {
        match score.category() {
            Category::Detractor => tally.detractors += n,
            Category::Passive => tally.passives += n,
            Category::Promoter => tally.promoters += n,
        }
    }
}

fn groups(tallies: BTreeMap<Option<String>, Tally>) -> Vec<Group> {
    tallies
        .into_iter()
        .map(|(name, tally)| Group {
            name,
            summary: tally.into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Query {
        Query::from_pairs(pairs)
    }

    /// `n` answers of `category` on `day` at `touchpoint` in `role` (none
    /// when empty), counted in each dimension as the database does.
    fn row(day: &str, touchpoint: &str, role: &str, category: Category, n: u64) -> [CountRow; 3] {
        let score = match category {
            Category::Detractor => 3,
            Category::Passive => 7,
            Category::Promoter => 10,
        };
        let mut scores = [0; 11];
        scores[score] = n;
        let count = |dimension, key: &str| CountRow {
            dimension,
            key: (!key.is_empty()).then(|| key.to_owned()),
            scores,
            // One comment in the group of two; none elsewhere.
            commented: n - 1,
        };
        [
            count(Dimension::Day, day),
            count(Dimension::Touchpoint, touchpoint),
            count(Dimension::Role, role),
        ]
    }

    #[test]
    fn counts_are_read_as_the_database_sends_them() {
        let row: CountRow = serde_json::from_str(
            r#"{"dimension": "touchpoint", "key": "web", "n0": 1, "n1": 0, "n2": 0, "n3": 0,
                "n4": 0, "n5": 0, "n6": 0, "n7": 2, "n8": 0, "n9": 0, "n10": 5, "commented": 4}"#,
        )
        .expect("a row");
        assert_eq!(row.dimension, Dimension::Touchpoint);
        assert_eq!(row.scores, [1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 5]);
        assert_eq!(row.commented, 4);
    }

    #[test]
    fn filters_are_read_and_checked() {
        let filter = ReportFilter::from_query(query(&[
            ("from", "2026-11-01"),
            ("to", "2026-11-30"),
            ("role", "buyer"),
            ("source", "email"),
            ("include_unconfirmed", "true"),
        ]))
        .expect("valid");
        assert_eq!(filter.role.as_deref(), Some("buyer"));
        assert_eq!(filter.source, Some(Source::Email));
        assert!(filter.include_unconfirmed);
        let (start, end) = filter.millis(&Zone::utc());
        assert_eq!(end - start, 30 * 86_400_000);
        // November in Copenhagen: from 23:00 UTC on 31 October, the clocks
        // went back a week before.
        let copenhagen = Zone::named("Europe/Copenhagen").expect("a zone");
        let (start, end) = filter.millis(&copenhagen);
        assert_eq!(
            start,
            Day::parse("2026-11-01").expect("a day").start_millis() - 3_600_000
        );
        assert_eq!(end - start, 30 * 86_400_000);

        let errors = ReportFilter::from_query(query(&[
            ("from", "2026-11-30"),
            ("to", "2026-11-01"),
            ("touchpoint", "Web Shop"),
            ("source", "sms"),
            ("include_unconfirmed", "yes"),
            ("rol", "buyer"),
        ]))
        .expect_err("invalid");
        let fields: Vec<(&str, FieldErrorCode)> =
            errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            [
                ("rol", FieldErrorCode::Unknown),
                ("to", FieldErrorCode::OutOfRange),
                ("touchpoint", FieldErrorCode::InvalidFormat),
                ("source", FieldErrorCode::InvalidFormat),
                ("include_unconfirmed", FieldErrorCode::WrongType),
            ]
        );
    }

    #[test]
    fn hand_computed_report() {
        use Category::*;
        // Day 1: buyers 2 promoters, 1 detractor; sellers 1 passive.
        // Day 2: sellers 1 detractor, 1 promoter; one answer without a role.
        let rows = [
            row("2026-11-02", "pickup", "buyer", Promoter, 2),
            row("2026-11-01", "pickup", "buyer", Detractor, 1),
            row("2026-11-01", "pickup", "seller", Passive, 1),
            row("2026-11-02", "web", "seller", Detractor, 1),
            row("2026-11-02", "web", "seller", Promoter, 1),
            row("2026-11-02", "web", "", Passive, 1),
        ];
        let report = Report::from_counts("s", ReportFilter::default(), rows.as_flattened());
        // 3 promoters, 2 passives, 2 detractors of 7: NPS 100 * 1/7 = 14.29.
        let nps = report.overall.nps.expect("answers");
        assert_eq!(report.overall.counts.total(), 7);
        assert_eq!(report.distribution, [0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 3]);
        assert_eq!(report.commented, 1, "counted once, by day");
        assert!((nps.score - 100.0 / 7.0).abs() < 1e-9);
        // n' = 10, p' = .375, d' = .275: 196 * sqrt((.65 - .01) / 10) = 49.5845.
        assert!((nps.margin_of_error - 49.5845).abs() < 1e-3, "{nps:?}");

        let names: Vec<Option<&str>> = report.by_role.iter().map(|g| g.name.as_deref()).collect();
        assert_eq!(names, [None, Some("buyer"), Some("seller")]);
        let buyer = &report.by_role[1].summary;
        assert_eq!((buyer.counts.promoters, buyer.counts.detractors), (2, 1));
        assert!((buyer.nps.expect("answers").score - 100.0 / 3.0).abs() < 1e-9);
        let web = &report.by_touchpoint[1];
        assert_eq!(web.name.as_deref(), Some("web"));
        assert_eq!(web.summary.nps.expect("answers").score, 0.0);

        let days: Vec<String> = report.daily.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(days, ["2026-11-01", "2026-11-02"]);
        assert_eq!(report.daily[0].summary.nps.expect("answers").score, -50.0);
    }

    #[test]
    fn every_day_of_the_period_is_listed_zeros_included() {
        use Category::*;
        let rows = [
            row("2026-11-03", "web", "", Promoter, 1),
            row("2026-11-06", "web", "", Detractor, 2),
        ];
        let days = |filter: ReportFilter| -> Vec<(String, u64)> {
            Report::from_counts("s", filter, rows.as_flattened())
                .daily
                .iter()
                .map(|d| (d.date.to_string(), d.summary.counts.total()))
                .collect()
        };
        let between_answers = days(ReportFilter::default());
        assert_eq!(
            between_answers,
            [
                ("2026-11-03".to_owned(), 1),
                ("2026-11-04".to_owned(), 0),
                ("2026-11-05".to_owned(), 0),
                ("2026-11-06".to_owned(), 2)
            ]
        );
        let filter =
            ReportFilter::from_query(query(&[("from", "2026-11-01"), ("to", "2026-11-07")]))
                .expect("valid");
        let whole_period = days(filter);
        assert_eq!(whole_period.len(), 7);
        assert_eq!(whole_period[0], ("2026-11-01".to_owned(), 0));
        assert_eq!(whole_period[6], ("2026-11-07".to_owned(), 0));
    }

    #[test]
    fn a_period_is_at_most_ten_years() {
        let ok = query(&[("from", "2016-01-01"), ("to", "2025-12-31")]);
        assert!(ReportFilter::from_query(ok).is_ok());
        let too_long = query(&[("from", "1970-01-01"), ("to", "9999-12-31")]);
        let errors = ReportFilter::from_query(too_long).expect_err("too long");
        assert_eq!(errors[0].field, "to");
        assert!(
            errors[0].message.contains("at most 3660"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn an_empty_report_has_no_score() {
        let report = Report::from_counts("s", ReportFilter::default(), &[]);
        assert_eq!(report.overall.nps, None);
        let json = serde_json::to_value(&report).expect("json");
        assert_eq!(json["overall"]["nps"], serde_json::Value::Null);
        assert_eq!(json["overall"]["promoters"], 0);
        assert!(json["daily"].as_array().is_some_and(Vec::is_empty));
    }
}
