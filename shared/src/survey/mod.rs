//! Survey definitions: what a CX team writes in `surveys.toml`, checked once
//! at build time and read by the Worker as JSON.
//!
//! A file holds one `[[survey]]` table per survey:
//!
//! ```toml
//! [[survey]]
//! id = "pickup"
//! brand = "Nordauktion"
//! allowed_origins = ["https://www.nordauktion.example"]
//! question = { sv = "Hur troligt är det att du skulle rekommendera {brand} till en vän?" }
//! follow_up.detractor = { en = "What went wrong at pickup?" }
//!
//! [[survey.destinations]]
//! id = "customer-service"
//! kind = "webhook"
//! url = "https://crm.example/hooks/nps"
//! secret_env = "CS_WEBHOOK_SECRET"
//! categories = ["detractor"]
//! ```
//!
//! Parsing is in two steps. serde reads the file into [`SurveysFile`], which
//! catches unknown keys and wrong types (with the TOML line). Then
//! [`SurveysFile::validate`] checks the meaning (ids, URLs, ranges,
//! uniqueness) and reports every problem at once, each named by its path,
//! e.g. `survey[1].destinations[0].url: must be an https URL; ...`.
//! Deserializing [`Surveys`] from JSON runs the same checks, so the Worker can
//! never hold a definition the build would have refused.

pub(crate) mod address;
mod answers;
mod destination;
mod extra;
mod problems;
mod public;
mod retention;
mod team_digest;
mod text;
mod theme;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use std::fmt;

pub use destination::{Destination, DestinationKind, UrlError};
pub use extra::{ChoiceOption, ExtraKind, ExtraQuestion};
pub use public::PublicSurvey;
pub use retention::{cutoff_millis, DEFAULT_RETENTION_MONTHS, MAX_RETENTION_MONTHS};
pub use team_digest::{Every, TeamDigest, Weekday, DEFAULT_MIN_ANSWERS, MAX_TEAM_DIGESTS};
pub use text::LocalizedText;
pub use theme::{Theme, MAX_THEMES};

use crate::answer::category::ByCategory;
use crate::case::{CaseRules, MAX_SLA_HOURS};
use crate::input::json_fields::any_text;
use crate::input::limits::MAX_URL_CHARS;
use crate::text::i18n::{fill, Message};
use crate::{Category, FieldError, FieldErrorCode, Locale};
use destination::RawDestination;
use extra::RawExtraQuestion;
use problems::Problems;
use team_digest::RawTeamDigest;
use theme::RawTheme;

/// Days before the same visitor is asked again, unless a survey says otherwise.
pub const DEFAULT_THROTTLE_DAYS: u16 = 30;
/// Longest throttle: a year. Asking less often than yearly yields no trend.
pub const MAX_THROTTLE_DAYS: u16 = 365;
/// Reminders per invitation unless a survey says otherwise: one, as most
/// senders do; a second rarely adds answers and often adds complaints.
pub const DEFAULT_REMINDERS: u8 = 1;
/// Most reminders a survey may allow per invitation.
pub const MAX_REMINDERS: u8 = 3;
/// Seconds an email click waits, unless a survey says otherwise, before it
/// counts as a person's answer: ten minutes, after a mail scanner's visits
/// have long been made (see [`crate::link::scanner`]).
pub const DEFAULT_CLICK_SETTLE_SECONDS: u32 = 600;
/// Longest wait: twelve hours, the longest delay a Cloudflare Queue gives a
/// message.
pub const MAX_CLICK_SETTLE_SECONDS: u32 = 43_200;
/// Longest brand name, in characters; it is shown inside the question.
const MAX_BRAND_CHARS: usize = 80;

/// One checked survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDefinition {
    /// Unique slug; the widget and answers refer to the survey by it.
    pub id: String,
    /// The name put into the question's `{brand}`.
    pub brand: String,
    /// Overrides of the standard NPS question; `{brand}` is filled in.
    #[serde(default)]
    pub question: LocalizedText,
    /// Overrides of the default follow-up question per category.
    #[serde(default)]
    pub follow_up: ByCategory<LocalizedText>,
    /// Questions after the follow-up, in order.
    #[serde(default)]
    pub extra_questions: Vec<ExtraQuestion>,
    /// The exact origins whose pages may show the survey and send answers.
    pub allowed_origins: Vec<String>,
    /// Days before the same visitor is asked again; 0 asks every visit.
    pub throttle_days: u16,
    /// Where answers are forwarded.
    #[serde(default)]
    pub destinations: Vec<Destination>,
    /// Which answers open a case for customer service, and its deadline.
    #[serde(default)]
    pub cases: CaseRules,
    /// Calendar months an answer is kept; older ones (with their cases) are
    /// deleted by the daily trigger (`SurveyDefinition::retained_since`).
    pub retention_months: u16,
    /// Reminders one invitation may get (`reminders`, 0 to
    /// [`MAX_REMINDERS`], default [`DEFAULT_REMINDERS`]).
    #[serde(default = "default_reminders")]
    pub reminders: u8,
    /// Seconds after an email click (and after the last of several) before
    /// an unconfirmed score counts and is forwarded, if no sign of a mail
    /// scanner appeared meanwhile (`click_settle_seconds`).
    pub click_settle_seconds: u32,
    /// Whether a click from a mail filter's network waits for a person's
    /// (`scanner_networks`, default true; `shared::link::networks`). A
    /// survey whose customers click from such networks themselves (staff
    /// of a cloud provider, say) turns it off.
    #[serde(default = "default_true")]
    pub scanner_networks: bool,
    /// Themes its comments' terms are grouped into (`[[survey.themes]]`).
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// Summaries its teams get on a schedule (`[[survey.team_digests]]`).
    #[serde(default)]
    pub team_digests: Vec<TeamDigest>,
}

fn default_reminders() -> u8 {
    DEFAULT_REMINDERS
}

fn default_true() -> bool {
    true
}

impl SurveyDefinition {
    /// The 0-10 question in `locale`, brand filled in.
    pub fn question(&self, locale: Locale) -> String {
        let template = self.question.or_default(locale, Message::Question);
        fill(template, "brand", &self.brand)
    }

    /// The follow-up question for `category` in `locale`, brand filled in.
    pub fn follow_up(&self, locale: Locale, category: Category) -> String {
        let overrides = self.follow_up.get(category);
        let template = overrides.or_default(locale, Message::follow_up(category));
        fill(template, "brand", &self.brand)
    }

    /// True when a page at `origin` (the browser's `Origin` header) may use
    /// this survey: an exact match, or any port of a loopback origin listed
    /// without one (`http://localhost`).
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.allowed_origins
            .iter()
            .any(|allowed| address::origin_allows(allowed, origin))
    }

    /// The destinations that receive answers of `category`.
    pub fn destinations_for(&self, category: Category) -> impl Iterator<Item = &Destination> {
        self.destinations
            .iter()
            .filter(move |d| d.receives(category))
    }
}

/// Every survey of a deployment, checked. Serializes to the same shape it is
/// read from, and reading it (from TOML or JSON) always validates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SurveysFile")]
pub struct Surveys {
    /// The deployment's IANA time zone (`crate::local_time`): one for all
    /// surveys, since they share one database of daily counts and one
    /// schedule, and an owner compares surveys day by day.
    time_zone: String,
    #[serde(rename = "survey")]
    surveys: Vec<SurveyDefinition>,
}

impl Surveys {
    /// Reads and checks a `surveys.toml`.
    #[cfg(any(feature = "toml", test))]
    pub fn from_toml_str(text: &str) -> Result<Surveys, SurveysError> {
        let file: SurveysFile =
            toml::from_str(text).map_err(|e| SurveysError::Syntax(e.to_string()))?;
        file.validate()
    }

    /// The survey with this id.
    pub fn get(&self, id: &str) -> Option<&SurveyDefinition> {
        self.surveys.iter().find(|s| s.id == id)
    }

    /// All surveys, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &SurveyDefinition> {
        self.surveys.iter()
    }

    /// The IANA name of the zone the deployment's days are counted in;
    /// `UTC` unless the file says otherwise. The build script resolves it
    /// (`local_time::Zone::named`), so an unknown zone fails the build.
    pub fn time_zone(&self) -> &str {
        &self.time_zone
    }
}

impl TryFrom<SurveysFile> for Surveys {
    type Error = SurveysError;
    fn try_from(file: SurveysFile) -> Result<Surveys, SurveysError> {
        file.validate()
    }
}

/// Why a survey file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SurveysError {
    /// The text is not well-formed, has an unknown key or a value of the wrong
    /// type; holds the parser's message, which names the line.
    Syntax(String),
    /// Well-formed, but with these problems, all of them.
    Invalid(Vec<FieldError>),
}

impl fmt::Display for SurveysError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SurveysError::Syntax(why) => write!(f, "the survey file cannot be read: {why}"),
            SurveysError::Invalid(errors) => {
                write!(f, "{} problem(s) in the survey file:", errors.len())?;
                errors.iter().try_for_each(|e| write!(f, "\n  {e}"))
            }
        }
    }
}

impl std::error::Error for SurveysError {}

impl SurveysError {
    /// The problems found by validation; empty for a syntax error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            SurveysError::Invalid(errors) => errors,
            SurveysError::Syntax(_) => &[],
        }
    }
}

/// A survey file as written, before its meaning is checked. Parse into this
/// with any serde format, then call [`validate`](SurveysFile::validate).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveysFile {
    time_zone: Option<String>,
    #[serde(default)]
    survey: Vec<RawSurvey>,
}

/// The longest IANA zone name is 32 characters (`America/Argentina/ComodRivadavia`).
const MAX_ZONE_CHARS: usize = 64;

/// An IANA zone name's characters: `Europe/Copenhagen`, `Etc/GMT+1`.
fn zone_name(text: &str) -> Result<(), String> {
    let fine = |c: char| c.is_ascii_alphanumeric() || "/_+-".contains(c);
    match text.chars().all(fine) {
        true => Ok(()),
        false => Err(format!(
            "{text:?} is not an IANA time zone name; write one such as \"Europe/Copenhagen\""
        )),
    }
}

impl SurveysFile {
    /// Checks every survey, reporting all problems at once.
    pub fn validate(&self) -> Result<Surveys, SurveysError> {
        let mut problems = Problems::default();
        if self.survey.is_empty() {
            let message = "no surveys; add a [[survey]] table";
            problems.add("survey", FieldErrorCode::Missing, message);
        }
        problems.unique("survey", ".id", self.survey.iter().map(|s| s.id.as_deref()));
        let surveys = problems.each("survey", &self.survey, |problems, path, raw| {
            raw.check(path, problems)
        });
        let time_zone = match &self.time_zone {
            None => Some("UTC".to_owned()),
            Some(name) => problems.text("time_zone", Some(name), MAX_ZONE_CHARS, zone_name),
        };
        let surveys = surveys
            .zip(time_zone)
            .map(|(surveys, time_zone)| Surveys { time_zone, surveys });
        problems.finish(surveys).map_err(SurveysError::Invalid)
    }
}

/// One survey as written, before checking.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSurvey {
    id: Option<String>,
    brand: Option<String>,
    #[serde(default)]
    question: LocalizedText,
    #[serde(default)]
    follow_up: ByCategory<LocalizedText>,
    #[serde(default)]
    extra_questions: Vec<RawExtraQuestion>,
    #[serde(default)]
    allowed_origins: Vec<String>,
    throttle_days: Option<i64>,
    #[serde(default)]
    destinations: Vec<RawDestination>,
    cases: Option<RawCaseRules>,
    retention_months: Option<i64>,
    reminders: Option<i64>,
    click_settle_seconds: Option<i64>,
    scanner_networks: Option<bool>,
    #[serde(default)]
    themes: Vec<RawTheme>,
    #[serde(default)]
    team_digests: Vec<RawTeamDigest>,
}

/// `[survey.cases]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCaseRules {
    categories: Option<Vec<Category>>,
    sla_hours: Option<i64>,
}

impl RawSurvey {
    fn check(&self, path: &str, problems: &mut Problems) -> Option<SurveyDefinition> {
        let at = |field: &str| format!("{path}.{field}");
        let id = problems.id(&at("id"), self.id.as_deref());
        let brand = problems.text(
            &at("brand"),
            self.brand.as_deref(),
            MAX_BRAND_CHARS,
            any_text,
        );
        let question = self.question.check(&at("question"), problems);
        let follow_up = self.check_follow_up(&at("follow_up"), problems);
        let extra_path = at("extra_questions");
        let extra_ids = self.extra_questions.iter().map(|q| q.id.as_deref());
        problems.unique(&extra_path, ".id", extra_ids);
        let extra_questions = problems.each(&extra_path, &self.extra_questions, |p, at, q| {
            q.check(at, p)
        });
        let allowed_origins = self.check_origins(&at("allowed_origins"), problems);
        let throttle_days = self.check_throttle(&at("throttle_days"), problems);
        let retention_months = self.check_retention(&at("retention_months"), problems);
        let reminders = self.check_reminders(&at("reminders"), problems);
        let destination_path = at("destinations");
        let destination_ids = self.destinations.iter().map(|d| d.id.as_deref());
        problems.unique(&destination_path, ".id", destination_ids);
        let destinations = problems.each(&destination_path, &self.destinations, |p, at, d| {
            d.check(at, p)
        });
        let themes = self.check_themes(&at("themes"), problems);
        let team_digests = self.check_team_digests(&at("team_digests"), problems);
        Some(SurveyDefinition {
            id: id?,
            brand: brand?,
            question: question?,
            follow_up: follow_up?,
            extra_questions: extra_questions?,
            allowed_origins: allowed_origins?,
            throttle_days: throttle_days?,
            destinations: destinations?,
            cases: self.check_cases(&at("cases"), problems)?,
            retention_months: retention_months?,
            reminders: reminders?,
            click_settle_seconds: self.check_settle(&at("click_settle_seconds"), problems)?,
            scanner_networks: self.scanner_networks.unwrap_or(true),
            themes: themes?,
            team_digests: team_digests?,
        })
    }

    fn check_team_digests(&self, path: &str, problems: &mut Problems) -> Option<Vec<TeamDigest>> {
        if self.team_digests.len() > MAX_TEAM_DIGESTS {
            let message = format!(
                "{} team digests; define at most {MAX_TEAM_DIGESTS} per survey",
                self.team_digests.len()
            );
            problems.add(path, FieldErrorCode::OutOfRange, message);
        }
        problems.unique(
            path,
            ".id",
            self.team_digests.iter().map(|d| d.id.as_deref()),
        );
        let destinations: Vec<Option<&str>> =
            self.destinations.iter().map(|d| d.id.as_deref()).collect();
        problems.each(path, &self.team_digests, |p, at, d| {
            d.check(at, &destinations, p)
        })
    }

    fn check_themes(&self, path: &str, problems: &mut Problems) -> Option<Vec<Theme>> {
        if self.themes.len() > MAX_THEMES {
            let message = format!(
                "{} themes; define at most {MAX_THEMES}, merging the smallest",
                self.themes.len()
            );
            problems.add(path, FieldErrorCode::OutOfRange, message);
        }
        problems.unique(path, ".id", self.themes.iter().map(|t| t.id.as_deref()));
        problems.each(path, &self.themes, |p, at, t| t.check(at, p))
    }

    fn check_cases(&self, path: &str, problems: &mut Problems) -> Option<CaseRules> {
        let Some(raw) = &self.cases else {
            return Some(CaseRules::default());
        };
        let defaults = CaseRules::default();
        let sla_hours = match raw.sla_hours.map(u32::try_from) {
            None => Some(defaults.sla_hours),
            Some(Ok(hours)) if (1..=MAX_SLA_HOURS).contains(&hours) => Some(hours),
            Some(_) => {
                let message = format!(
                    "{} is out of range; give whole hours from 1 to {MAX_SLA_HOURS}",
                    raw.sla_hours.unwrap_or_default()
                );
                problems.add(
                    &format!("{path}.sla_hours"),
                    FieldErrorCode::OutOfRange,
                    message,
                );
                None
            }
        };
        Some(CaseRules {
            categories: raw.categories.clone().unwrap_or(defaults.categories),
            sla_hours: sla_hours?,
        })
    }

    fn check_follow_up(
        &self,
        path: &str,
        problems: &mut Problems,
    ) -> Option<ByCategory<LocalizedText>> {
        let checked = self
            .follow_up
            .map(|category, text| text.check(&format!("{path}.{category}"), problems));
        Some(ByCategory {
            detractor: checked.detractor?,
            passive: checked.passive?,
            promoter: checked.promoter?,
        })
    }

    fn check_origins(&self, path: &str, problems: &mut Problems) -> Option<Vec<String>> {
        let origins = self.allowed_origins.iter().map(|o| Some(o.as_str()));
        problems.unique(path, "", origins);
        problems.each(path, &self.allowed_origins, |problems, at, origin| {
            problems.text(at, Some(origin), MAX_URL_CHARS, address::origin)
        })
    }

    fn check_retention(&self, path: &str, problems: &mut Problems) -> Option<u16> {
        let Some(months) = self.retention_months else {
            return Some(DEFAULT_RETENTION_MONTHS);
        };
        match u16::try_from(months) {
            Ok(months) if (1..=MAX_RETENTION_MONTHS).contains(&months) => Some(months),
            _ => {
                let message = format!(
                    "{months} is out of range; keep answers a whole number of months from 1 \
                     to {MAX_RETENTION_MONTHS} (default {DEFAULT_RETENTION_MONTHS})"
                );
                problems.add(path, FieldErrorCode::OutOfRange, message);
                None
            }
        }
    }

    fn check_reminders(&self, path: &str, problems: &mut Problems) -> Option<u8> {
        let Some(reminders) = self.reminders else {
            return Some(DEFAULT_REMINDERS);
        };
        match u8::try_from(reminders) {
            Ok(n) if n <= MAX_REMINDERS => Some(n),
            _ => {
                let message = format!(
                    "{reminders} is out of range; allow 0 to {MAX_REMINDERS} reminders per \
                     invitation (default {DEFAULT_REMINDERS})"
                );
                problems.add(path, FieldErrorCode::OutOfRange, message);
                None
            }
        }
    }

    fn check_settle(&self, path: &str, problems: &mut Problems) -> Option<u32> {
        let Some(seconds) = self.click_settle_seconds else {
            return Some(DEFAULT_CLICK_SETTLE_SECONDS);
        };
        match u32::try_from(seconds) {
            Ok(s) if (1..=MAX_CLICK_SETTLE_SECONDS).contains(&s) => Some(s),
            _ => {
                let message = format!(
                    "{seconds} is out of range; wait a whole number of seconds from 1 to \
                     {MAX_CLICK_SETTLE_SECONDS} (default {DEFAULT_CLICK_SETTLE_SECONDS})"
                );
                problems.add(path, FieldErrorCode::OutOfRange, message);
                None
            }
        }
    }

    fn check_throttle(&self, path: &str, problems: &mut Problems) -> Option<u16> {
        let Some(days) = self.throttle_days else {
            return Some(DEFAULT_THROTTLE_DAYS);
        };
        match u16::try_from(days) {
            Ok(days) if days <= MAX_THROTTLE_DAYS => Some(days),
            _ => {
                let message = format!(
                    "{days} is out of range; use a whole number of days from 0 to {MAX_THROTTLE_DAYS}"
                );
                problems.add(path, FieldErrorCode::OutOfRange, message);
                None
            }
        }
    }
}
