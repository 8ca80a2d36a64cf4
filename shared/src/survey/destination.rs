//! Where answers are forwarded, and which answers go where.

use serde::{Deserialize, Serialize};

use super::address;
use super::problems::Problems;
use crate::input::limits::{MAX_SLUG_CHARS, MAX_URL_CHARS};
use crate::{Category, FieldErrorCode};

/// A receiver of answers, such as customer service's ticket system for
/// detractors or the staff's Slack channel for promoters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Destination {
    /// Unique within its survey; names the destination in logs and retries.
    pub id: String,
    /// How answers are delivered.
    #[serde(flatten)]
    pub kind: DestinationKind,
    /// Where they are delivered: https, or http on a loopback host. Absent
    /// when `url_env` names the variable that holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The environment variable holding the URL, for URLs that are
    /// credentials themselves (a Slack incoming webhook) and so must stay out
    /// of the committed survey file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_env: Option<String>,
    /// Which answers are delivered, by category.
    pub categories: Vec<Category>,
}

/// The delivery format of a [`Destination`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum DestinationKind {
    /// JSON signed per Standard Webhooks, so the receiver can trust it.
    Webhook {
        /// The environment variable holding the signing secret: secrets stay
        /// out of the survey file, which is committed.
        secret_env: String,
    },
    /// A Slack incoming webhook; Slack's URL itself is the credential.
    Slack,
}

/// Why a destination has no usable URL at delivery time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    /// `url_env` names a variable that is not set.
    Unset(String),
    /// The variable holds something that is not an allowed URL.
    Invalid(String, String),
}

impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlError::Unset(name) => write!(
                f,
                "the destination's URL variable {name} is not set (wrangler secret put {name})"
            ),
            UrlError::Invalid(name, why) => write!(f, "{name}: {why}"),
        }
    }
}

impl Destination {
    /// True when answers of `category` go here.
    pub fn receives(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }

    /// The URL to deliver to: `url`, or the value of `url_env` read through
    /// `lookup` and held to the same rules as a URL written in the file.
    pub fn resolve_url(
        &self,
        lookup: impl FnOnce(&str) -> Option<String>,
    ) -> Result<String, UrlError> {
        if let Some(url) = &self.url {
            return Ok(url.clone());
        }
        let name = self.url_env.as_deref().unwrap_or_default();
        let value = lookup(name).ok_or_else(|| UrlError::Unset(name.to_owned()))?;
        let value = value.trim();
        address::endpoint(value)
            .map(|()| value.to_owned())
            .map_err(|why| UrlError::Invalid(name.to_owned(), why))
    }
}

/// The `kind` names a survey file may use.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindName {
    Webhook,
    Slack,
}

/// A destination as written, before checking.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDestination {
    pub id: Option<String>,
    kind: Option<KindName>,
    url: Option<String>,
    url_env: Option<String>,
    secret_env: Option<String>,
    #[serde(default)]
    categories: Vec<Category>,
}

impl RawDestination {
    /// Checks every field, recording problems under `path`.
    pub fn check(&self, path: &str, problems: &mut Problems) -> Option<Destination> {
        let id = problems.id(&format!("{path}.id"), self.id.as_deref());
        let kind = self.check_kind(path, problems);
        let (url, url_env) = self.check_url(path, problems)?;
        let categories = self.check_categories(&format!("{path}.categories"), problems);
        Some(Destination {
            id: id?,
            kind: kind?,
            url,
            url_env,
            categories: categories?,
        })
    }

    /// Exactly one of `url` and `url_env`.
    fn check_url(
        &self,
        path: &str,
        problems: &mut Problems,
    ) -> Option<(Option<String>, Option<String>)> {
        let (url_path, env_path) = (format!("{path}.url"), format!("{path}.url_env"));
        match (&self.url, &self.url_env) {
            (Some(_), Some(_)) => {
                let message = "give the URL in url or name its variable in url_env, not both";
                problems.add(&env_path, FieldErrorCode::Unknown, message);
                None
            }
            (None, Some(_)) => {
                let name =
                    problems.text(&env_path, self.url_env.as_deref(), MAX_SLUG_CHARS, env_name)?;
                Some((None, Some(name)))
            }
            _ => {
                let url = problems.text(
                    &url_path,
                    self.url.as_deref(),
                    MAX_URL_CHARS,
                    address::endpoint,
                )?;
                Some((Some(url), None))
            }
        }
    }

    fn check_kind(&self, path: &str, problems: &mut Problems) -> Option<DestinationKind> {
        let secret_path = format!("{path}.secret_env");
        match self.kind {
            None => {
                let message = "required; use \"webhook\" or \"slack\"";
                problems.add(&format!("{path}.kind"), FieldErrorCode::Missing, message);
                None
            }
            Some(KindName::Webhook) => {
                let secret_env = problems.text(
                    &secret_path,
                    self.secret_env.as_deref(),
                    MAX_SLUG_CHARS,
                    env_name,
                )?;
                Some(DestinationKind::Webhook { secret_env })
            }
            Some(KindName::Slack) if self.secret_env.is_some() => {
                let message = "Slack messages are not signed; remove secret_env";
                problems.add(&secret_path, FieldErrorCode::Unknown, message);
                None
            }
            Some(KindName::Slack) => Some(DestinationKind::Slack),
        }
    }

    fn check_categories(&self, path: &str, problems: &mut Problems) -> Option<Vec<Category>> {
        if self.categories.is_empty() {
            let message = "list the categories sent here, e.g. [\"detractor\"]";
            problems.add(path, FieldErrorCode::Missing, message);
            return None;
        }
        let names = self.categories.iter().map(|c| Some(c.as_str()));
        problems.unique(path, "", names);
        Some(self.categories.clone())
    }
}

/// An environment variable name as Cloudflare and shells accept it.
fn env_name(text: &str) -> Result<(), String> {
    let mut chars = text.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || c == '_');
    let rest_ok = chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if first_ok && rest_ok {
        Ok(())
    } else {
        Err(format!(
            "{text:?} is not an environment variable name; use A-Z, 0-9 and '_', such as \"CS_WEBHOOK_SECRET\""
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::Surveys;

    fn staff(destination: &str) -> Result<Destination, crate::survey::SurveysError> {
        let text = format!(
            "[[survey]]\nid = \"s\"\nbrand = \"B\"\n[[survey.destinations]]\nid = \"staff\"\n\
             kind = \"slack\"\ncategories = [\"promoter\"]\n{destination}"
        );
        let surveys = Surveys::from_toml_str(&text)?;
        let survey = surveys.get("s").expect("defined");
        Ok(survey.destinations[0].clone())
    }

    #[test]
    fn a_url_can_come_from_a_variable_and_obeys_the_same_rules() {
        let d = staff("url_env = \"STAFF_SLACK_URL\"").expect("valid");
        let hook = "https://hooks.slack.example/services/T/B/x";
        assert_eq!(
            d.resolve_url(|_| Some(hook.to_owned())),
            Ok(hook.to_owned())
        );
        assert_eq!(
            d.resolve_url(|_| None),
            Err(UrlError::Unset("STAFF_SLACK_URL".to_owned()))
        );
        let plain = d.resolve_url(|_| Some("http://hooks.slack.example/x".to_owned()));
        assert!(matches!(plain, Err(UrlError::Invalid(name, _)) if name == "STAFF_SLACK_URL"));
    }

    #[test]
    fn url_and_url_env_are_exclusive_and_checked() {
        let both = staff("url = \"https://a.example/x\"\nurl_env = \"A\"").expect_err("both");
        assert!(both.to_string().contains("url_env"), "{both}");
        let bad = staff("url_env = \"lower-case\"").expect_err("bad name");
        assert!(bad.to_string().contains("url_env"), "{bad}");
        let literal = staff("url = \"https://a.example/x\"").expect("valid");
        assert_eq!(
            literal.resolve_url(|_| None),
            Ok("https://a.example/x".to_owned())
        );
    }
}
