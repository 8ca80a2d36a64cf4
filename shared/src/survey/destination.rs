//! Where answers are forwarded, and which answers go where.

use serde::{Deserialize, Serialize};

use super::address;
use super::problems::Problems;
use crate::limits::{MAX_SLUG_CHARS, MAX_URL_CHARS};
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
    /// Where they are delivered: https, or http on a loopback host.
    pub url: String,
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

impl Destination {
    /// True when answers of `category` go here.
    pub fn receives(&self, category: Category) -> bool {
        self.categories.contains(&category)
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
    secret_env: Option<String>,
    #[serde(default)]
    categories: Vec<Category>,
}

impl RawDestination {
    /// Checks every field, recording problems under `path`.
    pub fn check(&self, path: &str, problems: &mut Problems) -> Option<Destination> {
        let id = problems.id(&format!("{path}.id"), self.id.as_deref());
        let kind = self.check_kind(path, problems);
        let url = problems.text(
            &format!("{path}.url"),
            self.url.as_deref(),
            MAX_URL_CHARS,
            address::endpoint,
        );
        let categories = self.check_categories(&format!("{path}.categories"), problems);
        Some(Destination {
            id: id?,
            kind: kind?,
            url: url?,
            categories: categories?,
        })
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
