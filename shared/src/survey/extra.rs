//! Questions a survey asks besides the score and its follow-up, such as
//! "What mattered most?" with a few choices.

use serde::{Deserialize, Serialize};

use super::problems::Problems;
use super::text::LocalizedText;
use crate::{FieldErrorCode, Locale};

/// Fewest options a choice question may have: one option is no choice.
const MIN_OPTIONS: usize = 2;

/// An extra question. `L` is the label type: [`LocalizedText`] in a survey
/// definition, `String` once resolved for one locale (in the public view).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraQuestion<L = LocalizedText> {
    /// Unique within its survey; answers are stored under it.
    pub id: String,
    /// The question as shown.
    pub label: L,
    /// Whether the widget insists on an answer before sending.
    #[serde(default)]
    pub required: bool,
    /// What kind of answer it takes.
    #[serde(flatten)]
    pub kind: ExtraKind<L>,
}

/// The answer an [`ExtraQuestion`] takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ExtraKind<L = LocalizedText> {
    /// One of a fixed list, so answers can be counted.
    Choice {
        /// The choices, in the order shown.
        options: Vec<ChoiceOption<L>>,
    },
    /// Free text.
    Text,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption<L = LocalizedText> {
    /// Unique within its question; stored as the answer, so reports survive
    /// a change of wording.
    pub id: String,
    /// The option as shown.
    pub label: L,
}

impl ExtraQuestion {
    /// The question with every label in `locale` (falling back to English).
    pub fn localize(&self, locale: Locale) -> ExtraQuestion<String> {
        let kind = match &self.kind {
            ExtraKind::Text => ExtraKind::Text,
            ExtraKind::Choice { options } => ExtraKind::Choice {
                options: options
                    .iter()
                    .map(|o| ChoiceOption {
                        id: o.id.clone(),
                        label: english_backed(&o.label, locale),
                    })
                    .collect(),
            },
        };
        ExtraQuestion {
            id: self.id.clone(),
            label: english_backed(&self.label, locale),
            required: self.required,
            kind,
        }
    }
}

/// Validation demands English for these labels, so the fallback always exists.
fn english_backed(text: &LocalizedText, locale: Locale) -> String {
    text.get(locale).unwrap_or_default().to_owned()
}

/// The `kind` names a survey file may use.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindName {
    Choice,
    Text,
}

/// An extra question as written, before checking.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExtraQuestion {
    pub id: Option<String>,
    kind: Option<KindName>,
    #[serde(default)]
    label: LocalizedText,
    #[serde(default)]
    required: bool,
    options: Option<Vec<RawOption>>,
}

/// A choice option as written, before checking.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: Option<String>,
    #[serde(default)]
    label: LocalizedText,
}

impl RawExtraQuestion {
    /// Checks every field, recording problems under `path`.
    pub fn check(&self, path: &str, problems: &mut Problems) -> Option<ExtraQuestion> {
        let id = problems.id(&format!("{path}.id"), self.id.as_deref());
        let label = self
            .label
            .check_with_english(&format!("{path}.label"), problems);
        let kind = self.check_kind(path, problems);
        Some(ExtraQuestion {
            id: id?,
            label: label?,
            required: self.required,
            kind: kind?,
        })
    }

    fn check_kind(&self, path: &str, problems: &mut Problems) -> Option<ExtraKind> {
        let options_path = format!("{path}.options");
        match (self.kind, &self.options) {
            (None, _) => {
                let message = "required; use \"choice\" or \"text\"";
                problems.add(&format!("{path}.kind"), FieldErrorCode::Missing, message);
                None
            }
            (Some(KindName::Text), None) => Some(ExtraKind::Text),
            (Some(KindName::Text), Some(_)) => {
                let message =
                    "only choice questions have options; remove them or use kind = \"choice\"";
                problems.add(&options_path, FieldErrorCode::Unknown, message);
                None
            }
            (Some(KindName::Choice), options) => {
                let options = options.as_deref().unwrap_or_default();
                check_options(&options_path, options, problems)
            }
        }
    }
}

fn check_options(path: &str, options: &[RawOption], problems: &mut Problems) -> Option<ExtraKind> {
    if options.len() < MIN_OPTIONS {
        let message = format!("a choice question needs at least {MIN_OPTIONS} options");
        problems.add(path, FieldErrorCode::Missing, message);
    }
    problems.unique(path, ".id", options.iter().map(|o| o.id.as_deref()));
    let options = problems.each(path, options, |problems, path, raw| {
        let id = problems.id(&format!("{path}.id"), raw.id.as_deref());
        let label = raw
            .label
            .check_with_english(&format!("{path}.label"), problems);
        Some(ChoiceOption {
            id: id?,
            label: label?,
        })
    })?;
    Some(ExtraKind::Choice { options })
}
