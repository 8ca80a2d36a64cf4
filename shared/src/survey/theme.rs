//! Themes a survey groups its comments' terms into, across languages:
//!
//! ```toml
//! [[survey.themes]]
//! id = "waiting"
//! label = { da = "Ventetid", en = "Waiting" }
//! words = { da = ["vente", "kø"], sv = ["vänta", "kö"], en = ["wait", "queue"] }
//! ```
//!
//! Each word (or two-word phrase) is counted as the term a comment would
//! give it (`themes::terms::term_of`), so "vente", "venter" and "ventede"
//! all name the term `vent`; the build refuses a word that gives none (a
//! stop word, a number, three words). An answer belongs to a theme when its
//! comment mentions any of the theme's terms in the answer's language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::problems::Problems;
use super::text::LocalizedText;
use crate::themes::terms::term_of;
use crate::{FieldErrorCode, Locale};

/// Most themes one survey may define: a view of more is a list, not an
/// overview.
pub const MAX_THEMES: usize = 30;
/// Most words per language in one theme.
const MAX_WORDS: usize = 30;

/// One checked theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// Unique within its survey; the API and the dashboard name it by this.
    pub id: String,
    /// What the dashboard calls it, per language.
    pub label: LocalizedText,
    /// Its words as written, per language.
    pub words: BTreeMap<Locale, Vec<String>>,
}

impl Theme {
    /// The terms that put a comment in `language` into this theme.
    pub fn terms(&self, language: Locale) -> Vec<String> {
        self.words
            .get(&language)
            .into_iter()
            .flatten()
            .filter_map(|w| term_of(w, language))
            .collect()
    }
}

/// `[[survey.themes]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTheme {
    pub id: Option<String>,
    #[serde(default)]
    label: LocalizedText,
    #[serde(default)]
    words: BTreeMap<Locale, Vec<String>>,
}

impl RawTheme {
    pub fn check(&self, path: &str, problems: &mut Problems) -> Option<Theme> {
        let id = problems.id(&format!("{path}.id"), self.id.as_deref());
        let label = self
            .label
            .check_with_english(&format!("{path}.label"), problems);
        if self.words.is_empty() {
            let message = "list the theme's words in at least one language, e.g. en = [\"wait\"]";
            problems.add(&format!("{path}.words"), FieldErrorCode::Missing, message);
        }
        let mut words_ok = !self.words.is_empty();
        for (language, words) in &self.words {
            let at = format!("{path}.words.{language}");
            if words.is_empty() || words.len() > MAX_WORDS {
                let message = format!("give 1 to {MAX_WORDS} words; there are {}", words.len());
                problems.add(&at, FieldErrorCode::OutOfRange, message);
                words_ok = false;
            }
            for (i, word) in words.iter().enumerate() {
                if term_of(word, *language).is_none() {
                    let message = format!(
                        "{word:?} counts as no term in {}: use one or two words that are \
                         not stop words (\"the\", \"og\", \"und\") or numbers",
                        language.as_str()
                    );
                    problems.add(
                        &format!("{at}[{i}]"),
                        FieldErrorCode::InvalidFormat,
                        message,
                    );
                    words_ok = false;
                }
            }
        }
        Some(Theme {
            id: id?,
            label: label?,
            words: words_ok.then(|| self.words.clone())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(toml_words: &[(Locale, &[&str])]) -> RawTheme {
        RawTheme {
            id: Some("waiting".into()),
            label: serde_json::from_str(r#"{"en": "Waiting"}"#).expect("label"),
            words: toml_words
                .iter()
                .map(|(l, w)| (*l, w.iter().map(|s| s.to_string()).collect()))
                .collect(),
        }
    }

    #[test]
    fn words_name_the_terms_comments_give() {
        let mut problems = Problems::default();
        let theme = raw(&[
            (Locale::Da, &["Venter", "kø"]),
            (Locale::De, &["lange Wartezeit"]),
        ])
        .check("t", &mut problems)
        .expect("valid");
        assert_eq!(theme.terms(Locale::Da), ["vent", "kø"]);
        assert_eq!(theme.terms(Locale::De), ["lang wartezeit"]);
        assert!(theme.terms(Locale::Fr).is_empty());
    }

    #[test]
    fn a_stop_word_or_a_long_phrase_is_refused_by_its_path() {
        let mut problems = Problems::default();
        let checked = raw(&[(Locale::En, &["wait", "the", "a b c"]), (Locale::Sv, &[])])
            .check("survey[0].themes[0]", &mut problems);
        assert!(checked.is_none());
        let errors = problems.finish(Some(())).expect_err("problems");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "survey[0].themes[0].words.sv",
                "survey[0].themes[0].words.en[1]",
                "survey[0].themes[0].words.en[2]"
            ]
        );
    }
}
