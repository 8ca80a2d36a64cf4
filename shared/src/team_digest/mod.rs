//! Team digests: a team's own NPS for the last full week or month, sent to
//! its Slack channel or its company's mailer without anyone signing in.
//!
//! The schedule and the team are a survey's `[[survey.team_digests]]`
//! ([`crate::survey::TeamDigest`]). When the hourly trigger finds a digest
//! [`due`], the Worker reads the figures from the daily counts (the report
//! API's own, so a digest never disagrees with the dashboard), the few most
//! recent promoters' comments and the team's cases, and this module turns
//! them into one `digest.sent` event ([`TeamDigestEvent`]): the figures, and
//! the email rendered in the team's language (`email`); a Slack destination
//! gets the same as Block Kit (`slack`).
//!
//! The event's id is the survey, the digest and the period's first day, the
//! same whenever and however often it is made: a retried delivery, a second
//! trigger in the hour or a run by hand send one digest, which receivers
//! keep once by id, and the Worker remembers as sent.
//!
//! A digest names no customer, transaction or answer: only counts, and
//! promoters' comments as written.

pub mod email;
pub mod slack;

use serde::{Deserialize, Serialize};

use crate::local_time::Zone;
use crate::report::date::{timestamp_millis, Day};
use crate::report::nps::Change;
use crate::report::{CountRow, Report, ReportFilter};
use crate::survey::{Every, TeamDigest};
use crate::{Locale, Nps, SurveyDefinition, Tally};

/// The most promoters' comments a digest quotes, newest first: praise to
/// share, not a comments page.
pub const MAX_PRAISE: usize = 5;

/// The days a digest covers: a whole ISO week (Monday to Sunday) or a
/// whole calendar month, both of the deployment's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// Weekly or monthly.
    pub every: Every,
    /// Its first day.
    pub from: Day,
    /// Its last day, included.
    pub to: Day,
}

impl Period {
    /// The last full week or month before the local day `today`.
    pub fn last_full(every: Every, today: Day) -> Period {
        match every {
            Every::Week => {
                let from = today.monday().add_days(-7);
                Period {
                    every,
                    from,
                    to: from.add_days(6),
                }
            }
            Every::Month => Period::month_before(today.first_of_month()),
        }
    }

    /// The period just before this one, to compare with.
    pub fn before(&self) -> Period {
        match self.every {
            Every::Week => Period {
                every: self.every,
                from: self.from.add_days(-7),
                to: self.to.add_days(-7),
            },
            Every::Month => Period::month_before(self.from),
        }
    }

    /// The calendar month that ends the day before `first`, a month's 1st.
    fn month_before(first: Day) -> Period {
        let to = first.add_days(-1);
        Period {
            every: Every::Month,
            from: to.first_of_month(),
            to,
        }
    }

    /// `2026-11-30 – 2026-12-06`: dates every language reads alike.
    pub fn label(&self) -> String {
        format!("{} – {}", self.from, self.to)
    }
}

/// The period `digest` reports on if the hourly trigger fired at `at_ms`
/// should send it: on its weekday (or the 1st) from its local hour on, so
/// a run that failed is made good by the next hour's. The Worker remembers
/// what it sent, so each period goes once.
pub fn due(digest: &TeamDigest, zone: &Zone, at_ms: i64) -> Option<Period> {
    let today = zone.day_of(at_ms);
    let on_its_day = match (digest.every, digest.weekday) {
        (Every::Week, Some(weekday)) => {
            today.days_since(today.monday()) == weekday.days_after_monday()
        }
        (Every::Week, None) => false,
        (Every::Month, _) => today == today.first_of_month(),
    };
    (on_its_day && zone.hour_of(at_ms) >= digest.hour)
        .then(|| Period::last_full(digest.every, today))
}

/// The digest's id: `team-digest:{survey}:{digest}:{first day}`. Slugs and
/// a date, so it is a valid `webhook-id` and dead-letter key.
pub fn event_id(survey_id: &str, digest_id: &str, period: &Period) -> String {
    format!("team-digest:{survey_id}:{digest_id}:{}", period.from)
}

/// The report filter of `digest`'s answers over `from` to `to`: what the
/// figures are read with, and what the report API answers for the same.
pub fn filter(digest: &TeamDigest, from: Day, to: Day) -> ReportFilter {
    ReportFilter {
        from: Some(from),
        to: Some(to),
        touchpoint: digest.touchpoint.clone(),
        role: digest.role.clone(),
        source: None,
        include_unconfirmed: false,
    }
}

/// The tallies of `period` and the one before, from the daily counts of
/// both together (read with `filter(digest, period.before().from,
/// period.to)`): the report's own arithmetic, day by day.
pub fn tallies(
    survey_id: &str,
    digest: &TeamDigest,
    period: &Period,
    rows: &[CountRow],
) -> [Tally; 2] {
    let before = period.before();
    let report = Report::from_counts(survey_id, filter(digest, before.from, period.to), rows);
    [
        report.tally_between(period.from, period.to),
        report.tally_between(before.from, before.to),
    ]
}

/// What the Worker read for one digest.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// The period's answers.
    pub current: Tally,
    /// The period before's.
    pub previous: Tally,
    /// The most recent promoters' comments of the period, newest first.
    pub praise: Vec<String>,
    /// The team's cases not resolved, now.
    pub open_cases: u64,
    /// Of them, past their deadline with nobody having reached the customer.
    pub overdue_cases: u64,
}

/// The event type, always `digest.sent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DigestKind {
    /// A team digest went out.
    #[serde(rename = "digest.sent")]
    Sent,
}

/// One team digest as receivers get it: `{"id", "type", "timestamp",
/// "data"}` like every event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamDigestEvent {
    /// [`event_id`]: the same on every retry, trigger and destination.
    pub id: String,
    /// `digest.sent`.
    #[serde(rename = "type")]
    pub kind: DigestKind,
    /// When it was made, RFC 3339 in UTC.
    pub timestamp: String,
    /// The figures and the rendered email.
    pub data: DigestData,
}

/// A digest's figures, for a receiver's own use, and its email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestData {
    /// The survey.
    pub survey_id: String,
    /// The digest, within the survey.
    pub digest_id: String,
    /// The team's touchpoint, if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<String>,
    /// The team's role, if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// `week` or `month`.
    pub every: Every,
    /// The period's first day, local.
    pub from: Day,
    /// Its last day, included.
    pub to: Day,
    /// The language of the email and the Slack message.
    pub language: Locale,
    /// The period's answers per category; their sum is the answers.
    pub counts: Tally,
    /// The fewest answers that give a score.
    pub min_answers: u32,
    /// The NPS with its interval; `null` with fewer than `min_answers`.
    pub nps: Option<Nps>,
    /// The period before: its days and answers per category.
    pub previous: PreviousPeriod,
    /// The change on the period before, with its interval; `null` without a
    /// score, or without answers before. Only a `significant` one is
    /// called a change.
    pub change: Option<Change>,
    /// The most recent promoters' comments, newest first, as written.
    pub praise: Vec<String>,
    /// The team's cases not resolved when the digest was made.
    pub open_cases: u64,
    /// Of them, overdue.
    pub overdue_cases: u64,
    /// The dashboard on the same survey, team and days; `null` when the
    /// Worker is not told its public address (`PUBLIC_URL`).
    pub dashboard_url: Option<String>,
    /// The same, written for people, for the company's own mailer.
    pub email: email::DigestEmail,
}

/// The period a digest compares with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousPeriod {
    /// Its first day.
    pub from: Day,
    /// Its last day.
    pub to: Day,
    /// Its answers per category.
    pub counts: Tally,
}

impl DigestData {
    /// The period's answers.
    pub fn answers(&self) -> u64 {
        self.counts.total()
    }
}

impl TeamDigestEvent {
    /// The digest of `digest` (of `survey`) for `period`, made at `at_ms`
    /// from `figures`; `public_url` is the Worker's own origin, for the
    /// dashboard's link.
    pub fn new(
        survey: &SurveyDefinition,
        digest: &TeamDigest,
        period: &Period,
        figures: Figures,
        public_url: Option<&str>,
        at_ms: i64,
    ) -> TeamDigestEvent {
        let enough = figures.current.total() >= u64::from(digest.min_answers);
        let nps = figures.current.nps().filter(|_| enough);
        let change = nps.and_then(|_| figures.current.change_since(&figures.previous));
        let before = period.before();
        let mut data = DigestData {
            survey_id: survey.id.clone(),
            digest_id: digest.id.clone(),
            touchpoint: digest.touchpoint.clone(),
            role: digest.role.clone(),
            every: period.every,
            from: period.from,
            to: period.to,
            language: digest.language,
            counts: figures.current,
            min_answers: digest.min_answers,
            nps,
            previous: PreviousPeriod {
                from: before.from,
                to: before.to,
                counts: figures.previous,
            },
            change,
            praise: figures.praise.into_iter().take(MAX_PRAISE).collect(),
            open_cases: figures.open_cases,
            overdue_cases: figures.overdue_cases,
            dashboard_url: public_url.map(|url| dashboard_url(url, &survey.id, digest, period)),
            email: email::DigestEmail::default(),
        };
        data.email = email::render(&survey.brand, &data);
        TeamDigestEvent {
            id: event_id(&survey.id, &digest.id, period),
            kind: DigestKind::Sent,
            timestamp: timestamp_millis(at_ms),
            data,
        }
    }
}

/// The Worker's public origin as the variable `PUBLIC_URL` gives it
/// (`https://nps.example.com`): a cron run has no request to learn it from.
/// Held to the rules of an allowed origin (https, or http on loopback).
pub fn public_origin(text: &str) -> Result<String, String> {
    let origin = text.trim().trim_end_matches('/');
    crate::survey::address::origin(origin)
        .map(|()| origin.to_owned())
        .map_err(|why| format!("PUBLIC_URL: {why}"))
}

/// The dashboard's overview of the digest's survey, team and days, as the
/// dashboard writes its own URL (`dashboard/src/selection.rs`): a custom
/// period, the touchpoint and role, the team's language.
pub fn dashboard_url(
    public_url: &str,
    survey_id: &str,
    digest: &TeamDigest,
    period: &Period,
) -> String {
    let mut url = format!(
        "{}/dashboard/?view=overview&survey={survey_id}&period=custom&from={}&to={}",
        public_url.trim_end_matches('/'),
        period.from,
        period.to
    );
    // Slugs: nothing to encode.
    for (name, value) in [("touchpoint", &digest.touchpoint), ("role", &digest.role)] {
        if let Some(value) = value {
            url.push_str(&format!("&{name}={value}"));
        }
    }
    url.push_str(&format!("&lang={}", digest.language));
    url
}

/// The words of a digest in its language, shared by the email and Slack:
/// each line already filled in, in the order both show them.
pub(crate) struct Lines {
    pub title: String,
    /// The score, or "too few answers".
    pub score: String,
    /// The comparison with the period before, if there is a score.
    pub change: Option<String>,
    pub cases: String,
    pub praise_heading: String,
    /// Shown when there is no praise.
    pub no_praise: String,
    pub link: String,
    pub footer: String,
}

impl Lines {
    pub fn of(brand: &str, data: &DigestData) -> Lines {
        use crate::text::team_digest::DigestText as T;
        let language = data.language;
        let period = Period {
            every: data.every,
            from: data.from,
            to: data.to,
        };
        let before = format!("{} – {}", data.previous.from, data.previous.to);
        let answers = data.answers().to_string();
        let score = match &data.nps {
            Some(nps) => T::Score.filled(
                language,
                &[
                    ("score", &signed(nps.score)),
                    ("low", &signed(nps.low)),
                    ("high", &signed(nps.high)),
                    ("answers", &answers),
                ],
            ),
            None => T::TooFew.filled(
                language,
                &[
                    ("answers", &answers),
                    ("min", &data.min_answers.to_string()),
                ],
            ),
        };
        let change = data.nps.map(|_| match &data.change {
            None => T::NoComparison.get(language).to_owned(),
            Some(change) => {
                let (text, points) = match (change.significant, change.points >= 0.0) {
                    (false, _) => (T::Steady, signed(change.points)),
                    (true, true) => (T::Up, whole(change.points)),
                    (true, false) => (T::Down, whole(-change.points)),
                };
                text.filled(language, &[("points", &points), ("before", &before)])
            }
        });
        Lines {
            title: T::Title.filled(
                language,
                &[("team", &data.digest_id), ("period", &period.label())],
            ),
            score,
            change,
            cases: T::Cases.filled(
                language,
                &[
                    ("detractors", &data.counts.detractors.to_string()),
                    ("open", &data.open_cases.to_string()),
                    ("overdue", &data.overdue_cases.to_string()),
                ],
            ),
            praise_heading: T::Praise.get(language).to_owned(),
            no_praise: T::NoPraise.get(language).to_owned(),
            link: T::Link.get(language).to_owned(),
            footer: T::Footer.filled(language, &[("brand", brand)]),
        }
    }
}

/// A score as people read it: whole points, with its sign (`+42`, `-7`, `0`);
/// the wallboard writes it alike.
pub(crate) fn signed(points: f64) -> String {
    let rounded = points.round();
    match rounded > 0.0 {
        true => format!("+{rounded:.0}"),
        // `-0` reads as a fall that is not there.
        false => format!("{:.0}", if rounded == 0.0 { 0.0 } else { rounded }),
    }
}

/// Whole points without a sign, for "up 12" and "down 12".
fn whole(points: f64) -> String {
    format!("{:.0}", points.round())
}

#[cfg(test)]
pub(crate) mod tests;
