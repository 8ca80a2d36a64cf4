//! Response rates: of the people invited, how many clicked a score, how
//! many confirmed an answer, how many wrote a comment.
//!
//! Counted by invitation, per cohort: an invitation's day is the day it
//! was first sent, so "invited on the 3rd" and "of those, answered" are the
//! same people, and a day's rate does not move when answers arrive late
//! (they count towards the day of their invitation). The database counts
//! per dimension like [`super::CountRow`]; the rates are worked out here.
//!
//! A click a mail scanner made is no person's: it is not `clicked` but
//! `suspect` (kept by the triggers of edge/migrations/0021), so the click
//! rate is people's and the scanners' share is in plain view beside it.
//!
//! The reference figures of an email program are the seeds': "21%
//! click-through and 1 in 4 giving feedback". Since a click on a score is
//! the answer (an answer cannot come without a click), the 1 in 4 cannot be
//! of the invited, beside 21% clicking: it is read as 1 in 4 of those who
//! click writing a comment, the feedback beyond the score.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::date::Day;
use super::{Dimension, ReportFilter};
use crate::answer::source::Source;

/// Invitation counts of one group of one dimension, as the database sends them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FunnelRow {
    /// What `key` is.
    pub dimension: Dimension,
    /// The day, touchpoint or role (`null` for none).
    pub key: Option<String>,
    /// Invitations in the group.
    pub invited: u64,
    /// Of them, with a score clicked by a person (confirmed or not; a click
    /// still in its quiet period counts, a mail scanner's does not).
    pub clicked: u64,
    /// Of them, with an answer confirmed on the landing page.
    pub answered: u64,
    /// Of them, with a confirmed answer that has a comment.
    pub commented: u64,
    /// Of them, clicked only by what was judged a mail scanner.
    pub suspect: u64,
}

/// The share of the invited who click a score in a typical email program.
pub const TYPICAL_CLICK_RATE: f64 = 0.21;
/// The share of those who click who also write a comment, typically.
pub const TYPICAL_COMMENT_SHARE: f64 = 0.25;

/// The funnel of one group, with its rates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    /// Invitations sent (a re-invitation is the same invitation).
    pub invited: u64,
    /// Invitations whose score link was clicked.
    pub clicked: u64,
    /// Invitations answered: confirmed on the landing page.
    pub answered: u64,
    /// Answered with a comment.
    pub commented: u64,
    /// Invitations whose only clicks were judged a mail scanner's
    /// ([`crate::link::scanner`]); not in `clicked`.
    pub suspect: u64,
    /// clicked / invited; `null` without invitations.
    pub click_rate: Option<f64>,
    /// answered / invited; `null` without invitations.
    pub answer_rate: Option<f64>,
}

impl Funnel {
    /// commented / clicked, the share [`TYPICAL_COMMENT_SHARE`] is about;
    /// `None` without clicks.
    pub fn comment_share(&self) -> Option<f64> {
        (self.clicked > 0).then(|| self.commented as f64 / self.clicked as f64)
    }

    fn add(&mut self, row: &FunnelRow) {
        self.invited += row.invited;
        self.clicked += row.clicked;
        self.answered += row.answered;
        self.commented += row.commented;
        self.suspect += row.suspect;
        let rate = |n: u64| (self.invited > 0).then(|| n as f64 / self.invited as f64);
        self.click_rate = rate(self.clicked);
        self.answer_rate = rate(self.answered);
    }
}

/// A funnel for one touchpoint or role (`name` null for none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelGroup {
    /// The touchpoint or role.
    pub name: Option<String>,
    /// Its invitations' funnel.
    #[serde(flatten)]
    pub funnel: Funnel,
}

/// A funnel for the invitations first sent on one UTC day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelDay {
    /// The UTC day.
    pub date: Day,
    /// Its invitations' funnel.
    #[serde(flatten)]
    pub funnel: Funnel,
}

/// The report's `response_rates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ResponseRates {
    /// Every invitation the filter admits.
    pub overall: Funnel,
    /// Per touchpoint.
    pub by_touchpoint: Vec<FunnelGroup>,
    /// Per role.
    pub by_role: Vec<FunnelGroup>,
    /// Per day of first sending, oldest first; every day of the filter's
    /// period is listed (a day nobody was invited is news too).
    pub daily: Vec<FunnelDay>,
}

impl ResponseRates {
    /// The rates from counts per dimension (in any order); the overall
    /// figures are the days' sum.
    /// Invitations are email: a report of the widget's answers alone has
    /// none, whatever was sent.
    pub fn from_rows(rows: &[FunnelRow], filter: &ReportFilter) -> ResponseRates {
        let rows = if filter.source == Some(Source::Widget) {
            &[][..]
        } else {
            rows
        };
        let mut overall = Funnel::default();
        let mut touchpoints: BTreeMap<Option<String>, Funnel> = BTreeMap::new();
        let mut roles: BTreeMap<Option<String>, Funnel> = BTreeMap::new();
        let mut days: BTreeMap<Day, Funnel> = BTreeMap::new();
        for row in rows {
            match row.dimension {
                Dimension::Touchpoint => touchpoints.entry(row.key.clone()).or_default().add(row),
                Dimension::Role => roles.entry(row.key.clone()).or_default().add(row),
                Dimension::Day => {
                    let Some(day) = row.key.as_deref().and_then(|k| Day::parse(k).ok()) else {
                        continue;
                    };
                    overall.add(row);
                    days.entry(day).or_default().add(row);
                }
            }
        }
        let first = filter.from.or_else(|| days.keys().next().copied());
        let last = filter.to.or_else(|| days.keys().next_back().copied());
        if let (Some(mut day), Some(last)) = (first, last) {
            while day <= last {
                days.entry(day).or_default();
                day = day.next();
            }
        }
        let groups = |map: BTreeMap<Option<String>, Funnel>| {
            map.into_iter()
                .map(|(name, funnel)| FunnelGroup { name, funnel })
                .collect()
        };
        ResponseRates {
            overall,
            by_touchpoint: groups(touchpoints),
            by_role: groups(roles),
            daily: days
                .into_iter()
                .map(|(date, funnel)| FunnelDay { date, funnel })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(dimension: Dimension, key: Option<&str>, counts: [u64; 5]) -> FunnelRow {
        let [invited, clicked, answered, commented, suspect] = counts;
        FunnelRow {
            dimension,
            key: key.map(str::to_owned),
            invited,
            clicked,
            answered,
            commented,
            suspect,
        }
    }

    #[test]
    fn rates_are_of_the_invited_and_days_fill_the_period() {
        let rows = [
            row(Dimension::Day, Some("2026-11-01"), [3, 2, 1, 1, 1]),
            row(Dimension::Day, Some("2026-11-03"), [1, 0, 0, 0, 0]),
            row(Dimension::Role, Some("buyer"), [2, 1, 1, 1, 0]),
            row(Dimension::Role, Some("seller"), [2, 1, 0, 0, 1]),
            row(Dimension::Touchpoint, None, [4, 2, 1, 1, 1]),
        ];
        let filter = ReportFilter {
            to: Day::parse("2026-11-04").ok(),
            ..ReportFilter::default()
        };
        let rates = ResponseRates::from_rows(&rows, &filter);
        assert_eq!(rates.overall.invited, 4);
        assert_eq!(rates.overall.clicked, 2);
        assert_eq!(rates.overall.suspect, 1);
        assert_eq!(rates.overall.click_rate, Some(0.5));
        assert_eq!(rates.overall.answer_rate, Some(0.25));
        assert_eq!(rates.overall.comment_share(), Some(0.5));
        assert_eq!(rates.daily.len(), 4);
        assert_eq!(rates.daily[1].funnel, Funnel::default());
        assert_eq!(rates.daily[0].funnel.answer_rate, Some(1.0 / 3.0));
        assert_eq!(rates.by_role[1].name.as_deref(), Some("seller"));
        assert_eq!(rates.by_role[1].funnel.click_rate, Some(0.5));
        assert_eq!(rates.by_role[1].funnel.suspect, 1);
        assert_eq!(rates.by_touchpoint[0].name, None);
    }

    #[test]
    fn the_widgets_answers_alone_have_no_invitations() {
        let rows = [row(Dimension::Day, Some("2026-11-01"), [3, 2, 1, 1, 0])];
        let widget = ReportFilter {
            source: Some(Source::Widget),
            ..ReportFilter::default()
        };
        assert_eq!(
            ResponseRates::from_rows(&rows, &widget).overall,
            Funnel::default()
        );
        let email = ReportFilter {
            source: Some(Source::Email),
            ..ReportFilter::default()
        };
        assert_eq!(ResponseRates::from_rows(&rows, &email).overall.invited, 3);
    }

    #[test]
    fn no_invitations_no_rates() {
        let rates = ResponseRates::from_rows(&[], &ReportFilter::default());
        assert_eq!(rates, ResponseRates::default());
        let json = serde_json::to_value(rates.overall).expect("serializes");
        assert!(json["click_rate"].is_null());
        assert_eq!(rates.overall.comment_share(), None);
    }
}
