//! Team digests a survey sends its teams on a schedule, so staff follow
//! their own NPS without signing in:
//!
//! ```toml
//! [[survey.team_digests]]
//! id = "pickup-team"
//! touchpoint = "pickup"          # or role = "...", or both; neither: all answers
//! every = "week"                 # "week" (on `weekday`) or "month" (on the 1st)
//! weekday = "monday"
//! hour = 8                       # local hour, the deployment's time_zone
//! language = "da"
//! destinations = ["staff-slack"] # ids of this survey's destinations
//! min_answers = 10
//! ```
//!
//! A team is one touchpoint, one role, or both, exactly the filters of the
//! report API and the dashboard: the digest's figures are the report's,
//! and its link opens the dashboard on the same view. What a digest says
//! is `crate::team_digest`.

use serde::{Deserialize, Serialize};

use super::problems::Problems;
use crate::input::json_fields::slug;
use crate::input::limits::MAX_SLUG_CHARS;
use crate::{FieldErrorCode, Locale};

/// Most team digests one survey may define: one per store of a large
/// chain, within the queries one trigger run may make (about six each).
pub const MAX_TEAM_DIGESTS: usize = 100;
/// Answers below which a digest says "too few" instead of a score, unless
/// it says otherwise: with fewer, the interval spans most of the scale.
pub const DEFAULT_MIN_ANSWERS: u32 = 10;
/// The largest `min_answers` a digest may ask for.
const MAX_MIN_ANSWERS: u32 = 10_000;
/// The local hour a digest goes out unless it says otherwise: as the
/// working day starts.
pub const DEFAULT_HOUR: u8 = 8;

/// How often a digest goes out, and which period it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Every {
    /// On its weekday, for the last full ISO week (Monday to Sunday).
    Week,
    /// On the 1st, for the last full calendar month.
    Month,
}

/// A day of the week, as a weekly digest names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// ISO day 1.
    Monday,
    /// ISO day 2.
    Tuesday,
    /// ISO day 3.
    Wednesday,
    /// ISO day 4.
    Thursday,
    /// ISO day 5.
    Friday,
    /// ISO day 6.
    Saturday,
    /// ISO day 7.
    Sunday,
}

impl Weekday {
    /// Days after Monday: 0 for Monday, 6 for Sunday.
    pub fn days_after_monday(self) -> i64 {
        self as i64
    }
}

/// One checked team digest. Serializes to the shape it is read from, so
/// the Worker's JSON goes through the same checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDigest {
    /// Unique within its survey; part of every digest's event id.
    pub id: String,
    /// Only this touchpoint's answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<String>,
    /// Only this role's answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Weekly or monthly.
    pub every: Every,
    /// The weekday a weekly digest goes out; `None` for a monthly one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<Weekday>,
    /// The local hour (0-23) it goes out.
    pub hour: u8,
    /// The team's language: the words of the message and the email.
    pub language: Locale,
    /// Ids of the survey's destinations (Slack or webhook) it goes to.
    pub destinations: Vec<String>,
    /// Fewer answers than this: no score, a "too few answers" digest.
    pub min_answers: u32,
}

/// `[[survey.team_digests]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTeamDigest {
    pub id: Option<String>,
    touchpoint: Option<String>,
    role: Option<String>,
    every: Option<Every>,
    weekday: Option<Weekday>,
    hour: Option<i64>,
    language: Option<Locale>,
    #[serde(default)]
    destinations: Vec<String>,
    min_answers: Option<i64>,
}

impl RawTeamDigest {
    /// Checks every field under `path`; `destination_ids` are the survey's
    /// own destinations, the only ones a digest may name.
    pub fn check(
        &self,
        path: &str,
        destination_ids: &[Option<&str>],
        problems: &mut Problems,
    ) -> Option<TeamDigest> {
        let at = |field: &str| format!("{path}.{field}");
        let id = problems.id(&at("id"), self.id.as_deref());
        let touchpoint = self.optional_slug(&at("touchpoint"), &self.touchpoint, problems);
        let role = self.optional_slug(&at("role"), &self.role, problems);
        let every = self.every.unwrap_or(Every::Week);
        let weekday = match (every, self.weekday) {
            (Every::Week, weekday) => Some(Some(weekday.unwrap_or(Weekday::Monday))),
            (Every::Month, None) => Some(None),
            (Every::Month, Some(_)) => {
                let message = "a monthly digest goes out on the 1st; remove weekday, or write \
                               every = \"week\"";
                problems.add(&at("weekday"), FieldErrorCode::Unknown, message);
                None
            }
        };
        let hour = match self.hour.map(u8::try_from) {
            None => Some(DEFAULT_HOUR),
            Some(Ok(hour)) if hour <= 23 => Some(hour),
            Some(_) => {
                let message = format!(
                    "{} is not an hour; give the local hour from 0 to 23 (default \
                     {DEFAULT_HOUR}); on the spring change 02:00 never comes",
                    self.hour.unwrap_or_default()
                );
                problems.add(&at("hour"), FieldErrorCode::OutOfRange, message);
                None
            }
        };
        let min_answers = match self.min_answers.map(u32::try_from) {
            None => Some(DEFAULT_MIN_ANSWERS),
            Some(Ok(n)) if (1..=MAX_MIN_ANSWERS).contains(&n) => Some(n),
            Some(_) => {
                let message = format!(
                    "{} is out of range; give 1 to {MAX_MIN_ANSWERS} answers (default \
                     {DEFAULT_MIN_ANSWERS})",
                    self.min_answers.unwrap_or_default()
                );
                problems.add(&at("min_answers"), FieldErrorCode::OutOfRange, message);
                None
            }
        };
        let destinations = self.check_destinations(&at("destinations"), destination_ids, problems);
        Some(TeamDigest {
            id: id?,
            touchpoint: touchpoint?,
            role: role?,
            every,
            weekday: weekday?,
            hour: hour?,
            language: self.language.unwrap_or_default(),
            destinations: destinations?,
            min_answers: min_answers?,
        })
    }

    /// `Some(None)` when absent, `Some(Some(slug))` when a slug, `None`
    /// (recorded) otherwise.
    fn optional_slug(
        &self,
        path: &str,
        value: &Option<String>,
        problems: &mut Problems,
    ) -> Option<Option<String>> {
        match value {
            None => Some(None),
            Some(text) => problems
                .text(path, Some(text), MAX_SLUG_CHARS, slug)
                .map(Some),
        }
    }

    fn check_destinations(
        &self,
        path: &str,
        destination_ids: &[Option<&str>],
        problems: &mut Problems,
    ) -> Option<Vec<String>> {
        if self.destinations.is_empty() {
            let message = "name at least one of the survey's destinations, e.g. \
                           destinations = [\"staff-slack\"]";
            problems.add(path, FieldErrorCode::Missing, message);
            return None;
        }
        problems.unique(path, "", self.destinations.iter().map(|d| Some(d.as_str())));
        let known: Vec<&str> = destination_ids.iter().flatten().copied().collect();
        problems.each(path, &self.destinations, |problems, at, id| {
            if known.contains(&id.trim()) {
                return Some(id.trim().to_owned());
            }
            let message = format!(
                "{id:?} is not a destination of this survey; use one of [{}]",
                known.join(", ")
            );
            problems.add(at, FieldErrorCode::InvalidFormat, message);
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::Surveys;

    const SURVEY: &str = r#"
        [[survey]]
        id = "pickup"
        brand = "Nordauktion"
        allowed_origins = ["https://www.nordauktion.example"]
        [[survey.destinations]]
        id = "staff-slack"
        kind = "slack"
        url = "https://hooks.slack.example/T1"
        categories = ["promoter"]
    "#;

    #[test]
    fn a_digest_takes_its_defaults() {
        let text = format!(
            "{SURVEY}\n[[survey.team_digests]]\nid = \"all\"\ndestinations = [\"staff-slack\"]\n"
        );
        let surveys = Surveys::from_toml_str(&text).expect("valid");
        let digest = &surveys.get("pickup").expect("defined").team_digests[0];
        assert_eq!(digest.every, super::Every::Week);
        assert_eq!(digest.weekday, Some(super::Weekday::Monday));
        assert_eq!((digest.hour, digest.min_answers), (8, 10));
        assert_eq!(digest.language, crate::Locale::En);
        let json = serde_json::to_string(&surveys).expect("json");
        let back: Surveys = serde_json::from_str(&json).expect("reads back through the checks");
        assert_eq!(back, surveys);
    }

    #[test]
    fn every_bad_field_is_named_by_its_path() {
        let text = format!(
            "{SURVEY}
            [[survey.team_digests]]
            id = \"Pickup Team\"
            touchpoint = \"pick up\"
            every = \"month\"
            weekday = \"monday\"
            hour = 24
            min_answers = 0
            destinations = [\"staff-slack\", \"nowhere\"]
            [[survey.team_digests]]
            id = \"pickup\"
            destinations = []
            [[survey.team_digests]]
            id = \"pickup\"
            destinations = [\"staff-slack\"]
            "
        );
        let error = Surveys::from_toml_str(&text).expect_err("invalid");
        let fields: Vec<&str> = error
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(
            fields,
            [
                "survey[0].team_digests[2].id",
                "survey[0].team_digests[0].id",
                "survey[0].team_digests[0].touchpoint",
                "survey[0].team_digests[0].weekday",
                "survey[0].team_digests[0].hour",
                "survey[0].team_digests[0].min_answers",
                "survey[0].team_digests[0].destinations[1]",
                "survey[0].team_digests[1].destinations",
            ]
        );
    }
}
