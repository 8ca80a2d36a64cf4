//! Texts a CX team writes per language, with fallbacks for the rest.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::problems::Problems;
use crate::input::json_fields::any_text;
use crate::text::i18n::{self, Message};
use crate::{FieldErrorCode, Locale};

/// Longest survey text (question, follow-up, label), in characters: longer
/// would not fit the widget on a phone.
const MAX_TEXT_CHARS: usize = 300;

/// One text in some of the supported languages, written in TOML as
/// `question = { sv = "...", en = "..." }`.
///
/// A survey needs only the languages its customers use; a visitor in any
/// other language sees the English text, or the built-in default when there is
/// none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalizedText(BTreeMap<Locale, String>);

impl LocalizedText {
    /// The text for `locale`, else the English one; `None` when neither is set.
    pub fn get(&self, locale: Locale) -> Option<&str> {
        self.0
            .get(&locale)
            .or_else(|| self.0.get(&Locale::En))
            .map(String::as_str)
    }

    /// The text for `locale`, else English, else the built-in `default`
    /// translated into `locale`.
    pub fn or_default(&self, locale: Locale, default: Message) -> &str {
        self.get(locale)
            .unwrap_or_else(|| i18n::text(locale, default))
    }

    /// True when no language is set, i.e. the built-in default applies.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Reports empty or overlong entries, naming each as `path.<locale>`.
    pub(super) fn check(&self, path: &str, problems: &mut Problems) -> Option<LocalizedText> {
        let checked: BTreeMap<Locale, Option<String>> = self
            .0
            .iter()
            .map(|(locale, text)| {
                let at = format!("{path}.{locale}");
                (
                    *locale,
                    problems.text(&at, Some(text), MAX_TEXT_CHARS, any_text),
                )
            })
            .collect();
        let texts: Option<BTreeMap<Locale, String>> = checked
            .into_iter()
            .map(|(locale, text)| text.map(|t| (locale, t)))
            .collect();
        texts.map(LocalizedText)
    }

    /// Like [`check`](Self::check), and also demands English: texts without
    /// a built-in default (extra questions) need it as the last fallback.
    pub(super) fn check_with_english(
        &self,
        path: &str,
        problems: &mut Problems,
    ) -> Option<LocalizedText> {
        let checked = self.check(path, problems);
        if self.0.contains_key(&Locale::En) {
            return checked;
        }
        let message = "add an English text: it is shown to visitors whose language has none";
        problems.add(&format!("{path}.en"), FieldErrorCode::Missing, message);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pairs: &[(Locale, &str)]) -> LocalizedText {
        LocalizedText(pairs.iter().map(|(l, t)| (*l, t.to_string())).collect())
    }

    #[test]
    fn falls_back_to_english_then_to_the_default() {
        let question = text(&[(Locale::Sv, "Svenska"), (Locale::En, "English")]);
        assert_eq!(question.get(Locale::Sv), Some("Svenska"));
        assert_eq!(question.get(Locale::Da), Some("English"));

        let swedish_only = text(&[(Locale::Sv, "Svenska")]);
        assert_eq!(swedish_only.get(Locale::Da), None);
        assert_eq!(
            swedish_only.or_default(Locale::Da, Message::FollowUpPassive),
            "Hvad kan vi gøre bedre?"
        );
        assert_eq!(
            swedish_only.or_default(Locale::Sv, Message::FollowUpPassive),
            "Svenska"
        );
    }

    #[test]
    fn english_is_demanded_only_where_asked() {
        let swedish_only = text(&[(Locale::Sv, "Svenska")]);
        let mut problems = Problems::default();
        assert!(swedish_only.check("q", &mut problems).is_some());
        assert!(swedish_only
            .check_with_english("q", &mut problems)
            .is_none());
        let errors = problems.finish(Some(())).expect_err("English missing");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "q.en");
    }
}
