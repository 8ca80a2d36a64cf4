//! Wallboards: a team's NPS on a screen in a back office or at a counter,
//! through a signed, revocable, read-only link, without anyone signing in.
//!
//! A wallboard is made (and revoked) by an agent or with the API key for
//! one team of one survey: a touchpoint, a role, both, or all answers, the
//! filters of the report API. Its link carries only the wallboard's id and
//! an HMAC of it under a key derived from `LINK_SECRET` for this purpose
//! ([`token`]); whether it was revoked or has expired lives in D1, so a
//! link can be taken back at once. The id is random: nothing about the
//! team can be read from a link, and a forged one never reaches the
//! database.
//!
//! The screen shows this week's and this month's NPS to date with their
//! intervals, the last 12 ISO weeks, the newest praise and the open cases,
//! all days of the deployment's zone: [`Figures`], built from the daily
//! counts with the report's own arithmetic, so a wallboard never disagrees
//! with `GET /v1/surveys/{id}/report` for the same filter and days. It
//! names no customer, transaction or answer: counts, and promoters'
//! comments as written. How it looks is [`page`].

pub mod page;

use serde::{Deserialize, Serialize};

use crate::input::json_fields::{any_text, read_object, slug, BodyError, FieldReader};
use crate::input::limits::MAX_SLUG_CHARS;
use crate::link::{seal, unseal, LinkError, LinkSecret, Malformed};
use crate::report::date::Day;
use crate::report::{CountRow, Report, ReportFilter};
use crate::{Locale, Nps, Tally};

/// The longest label: a store's or a team's name, read from across a room.
pub const MAX_LABEL_CHARS: usize = 80;
/// The longest a link lives: two years, then a new one is made. A screen
/// left on forgotten should not show figures for ever.
pub const MAX_EXPIRES_IN_DAYS: i64 = 730;
/// How long a link lives unless its maker says otherwise: a year.
pub const DEFAULT_EXPIRES_IN_DAYS: i64 = 365;
/// Weeks in the trend, the current one included: a quarter, enough to see
/// a direction, few enough to read from afar.
pub const TREND_WEEKS: usize = 12;
/// The most promoters' comments the screen shows, newest first (as a
/// digest quotes them).
pub const MAX_PRAISE: usize = crate::team_digest::MAX_PRAISE;

/// The MAC's domain: a wallboard token never verifies as a score link or
/// an unsubscribe link, nor they as one, though all share `LINK_SECRET`.
const DOMAIN: &[u8] = b"wallboard:";

const FIELDS: [&str; 5] = ["label", "touchpoint", "role", "language", "expires_in_days"];

/// A wallboard as asked for in `POST /v1/surveys/{id}/wallboards`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWallboard {
    /// What the screen is called, 1 to [`MAX_LABEL_CHARS`] characters.
    pub label: String,
    /// The team's touchpoint, if it is one.
    pub touchpoint: Option<String>,
    /// The team's role, if it is one.
    pub role: Option<String>,
    /// The language of the screen.
    pub language: Locale,
    /// Days until the link stops working.
    pub expires_in_days: i64,
}

impl NewWallboard {
    /// Reads a request body, every bad field named at once. Touchpoint and
    /// role are slugs, checked as the report's filters check them.
    pub fn from_json(body: &[u8]) -> Result<NewWallboard, BodyError> {
        let object = read_object(body)?;
        let mut errors = Vec::new();
        let mut reader = FieldReader::new(&object, "", &mut errors);
        reader.reject_unknown(&FIELDS);
        let label = reader.required_str("label", MAX_LABEL_CHARS, any_text);
        let touchpoint = reader.optional_str("touchpoint", MAX_SLUG_CHARS, slug);
        let role = reader.optional_str("role", MAX_SLUG_CHARS, slug);
        let language = reader.optional_str("language", MAX_SLUG_CHARS, |tag| {
            match Locale::ALL.iter().any(|l| l.as_str() == tag) {
                true => Ok(()),
                false => Err(format!(
                    "{tag:?} is not a wallboard language; use one of da, sv, nb, de, nl, fr, en"
                )),
            }
        });
        let expires_in_days = reader.optional_int("expires_in_days", 1..=MAX_EXPIRES_IN_DAYS);
        let (Some(label), true) = (label, errors.is_empty()) else {
            // A missing label is named already, with every other field.
            return Err(BodyError::Invalid(errors));
        };
        Ok(NewWallboard {
            label,
            touchpoint,
            role,
            language: language
                .and_then(|tag| Locale::from_tag(&tag))
                .unwrap_or_default(),
            expires_in_days: expires_in_days.unwrap_or(DEFAULT_EXPIRES_IN_DAYS),
        })
    }
}

/// A wallboard as stored and as the API shows it (without its `url`,
/// which the Worker adds from the request's origin and the token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wallboard {
    /// Random, 32 hex digits.
    pub id: String,
    /// Its survey.
    pub survey_id: String,
    /// What the screen is called.
    pub label: String,
    /// The team's touchpoint, if it is one.
    pub touchpoint: Option<String>,
    /// The team's role, if it is one.
    pub role: Option<String>,
    /// The language of the screen.
    pub language: Locale,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds; from then on the link shows the "no longer
    /// available" page.
    pub expires_at: i64,
    /// `api-key`, or the name (an email with Cloudflare Access) of the
    /// agent who made it.
    pub created_by: String,
}

impl Wallboard {
    /// The report filter of this wallboard's team over `from` to `to`:
    /// what its figures are read with, and what the report API answers for
    /// the same.
    pub fn filter(&self, from: Day, to: Day) -> ReportFilter {
        ReportFilter {
            from: Some(from),
            to: Some(to),
            touchpoint: self.touchpoint.clone(),
            role: self.role.clone(),
            source: None,
            include_unconfirmed: false,
        }
    }
}

/// The token of a wallboard's link: its id, a `.`, and the HMAC-SHA256 of
/// the id in the wallboard domain under `LINK_SECRET`.
pub fn token(id: &str, secret: &LinkSecret) -> String {
    seal(DOMAIN, id, secret)
}

/// The wallboard id a token carries, once its signature holds (checked in
/// constant time before anything of it is read). Any other token, a cut
/// or altered one, or another kind of link, is an error.
pub fn verify(token: &str, secret: &LinkSecret) -> Result<String, LinkError> {
    let id = unseal(DOMAIN, token, secret)?;
    match id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        true => Ok(id.to_owned()),
        false => Err(LinkError::Malformed(Malformed::PayloadNotBase64)),
    }
}

/// The page's path for `token`: `/wall/{token}`.
pub fn path(token: &str) -> String {
    format!("/wall/{token}")
}

/// Days from `from` to `to`, both included, of the deployment's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Days {
    /// The first day.
    pub from: Day,
    /// The last day, included.
    pub to: Day,
}

/// What the screen shows of the days it covers: the period, its answers
/// per category, and the NPS with its 95% interval (`null` without
/// answers), exactly the report's `overall` for the same days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodFigures {
    /// The days.
    #[serde(flatten)]
    pub days: Days,
    /// ISO week number, in the trend only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub week: Option<u32>,
    /// Answers per category.
    pub counts: Tally,
    /// The NPS with its interval; `null` without answers.
    pub nps: Option<Nps>,
}

/// Everything the screen shows, as the figures endpoint answers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// When they were read, unix milliseconds: the screen shows their age.
    pub as_of: i64,
    /// This week, Monday to today.
    pub week: PeriodFigures,
    /// This month, the 1st to today.
    pub month: PeriodFigures,
    /// The last [`TREND_WEEKS`] ISO weeks, oldest first, this one last
    /// (to today).
    pub trend: Vec<PeriodFigures>,
    /// The newest promoters' comments of the trend's weeks, newest first.
    pub praise: Vec<String>,
    /// The team's cases not resolved, now.
    pub open_cases: u64,
}

/// The days the figures of `today` need: this week, this month and the
/// trend's weeks, each to `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Monday to today.
    pub week: Days,
    /// The 1st to today.
    pub month: Days,
    /// The trend's weeks, oldest first.
    pub trend: Vec<Days>,
}

impl Calendar {
    /// The periods of the local day `today`.
    pub fn of(today: Day) -> Calendar {
        let monday = today.monday();
        let trend = (0..TREND_WEEKS as i64)
            .rev()
            .map(|back| {
                let from = monday.add_days(-7 * back);
                Days {
                    from,
                    to: from.add_days(6).min(today),
                }
            })
            .collect();
        Calendar {
            week: Days {
                from: monday,
                to: today,
            },
            month: Days {
                from: today.first_of_month(),
                to: today,
            },
            trend,
        }
    }

    /// Every day the figures read, in one span: one read of the daily
    /// counts serves them all.
    pub fn span(&self) -> Days {
        let first = self.trend.first().map_or(self.week.from, |w| w.from);
        Days {
            from: first.min(self.month.from),
            to: self.week.to,
        }
    }
}

/// What the Worker read besides the daily counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Read {
    /// The newest promoters' comments, newest first.
    pub praise: Vec<String>,
    /// The team's cases not resolved.
    pub open_cases: u64,
}

impl Figures {
    /// The figures of `wallboard` on the local day `today`, from the daily
    /// counts of `calendar.span()` read with [`Wallboard::filter`]: the
    /// report's arithmetic, summed day by day.
    pub fn build(
        wallboard: &Wallboard,
        calendar: &Calendar,
        rows: &[CountRow],
        read: Read,
        at_ms: i64,
    ) -> Figures {
        let span = calendar.span();
        let report = Report::from_counts(
            &wallboard.survey_id,
            wallboard.filter(span.from, span.to),
            rows,
        );
        let figures = |days: Days, week: Option<u32>| {
            let counts = report.tally_between(days.from, days.to);
            PeriodFigures {
                days,
                week,
                counts,
                nps: counts.nps(),
            }
        };
        Figures {
            as_of: at_ms,
            week: figures(calendar.week, None),
            month: figures(calendar.month, None),
            trend: calendar
                .trend
                .iter()
                .map(|days| figures(*days, Some(days.from.iso_week())))
                .collect(),
            praise: read.praise.into_iter().take(MAX_PRAISE).collect(),
            open_cases: read.open_cases,
        }
    }
}

#[cfg(test)]
mod tests;
