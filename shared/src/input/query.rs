//! Reading a URL query string parameter by parameter, collecting every problem.
//!
//! Query strings carry a survey's language, a link's score and a report's
//! filters. Like request bodies (see [`crate::input::json_fields`]), each bad
//! parameter becomes a [`FieldError`] named after it, all at once.

use crate::input::limits::{MAX_LANGUAGES_CHARS, MAX_SLUG_CHARS};
use crate::{FieldError, FieldErrorCode, Locale, Score};

/// Decoded `name=value` pairs plus the problems found while reading them.
pub struct Query {
    pairs: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

impl Query {
    /// Wraps pairs already percent-decoded (e.g. by `Url::query_pairs`).
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Query {
        Query {
            pairs: pairs.into_iter().collect(),
            errors: Vec::new(),
        }
    }

    /// A query from literal pairs, for tests.
    #[cfg(test)]
    pub(crate) fn from_pairs(pairs: &[(&str, &str)]) -> Query {
        Query::new(
            pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
        )
    }

    /// The value of `name`; a repeated parameter is an error, since which of
    /// two filters was meant cannot be guessed.
    pub fn get(&mut self, name: &str) -> Option<String> {
        let mut values = self.pairs.iter().filter(|(n, _)| n == name);
        let first = values.next().map(|(_, v)| v.trim().to_owned());
        if values.next().is_some() {
            self.fail(
                name,
                FieldErrorCode::Duplicate,
                "given more than once; give it once",
            );
            return None;
        }
        first.filter(|v| !v.is_empty())
    }

    /// An optional id such as a survey, touchpoint or role: the shape and the
    /// length of a slug (see `json_fields::slug`).
    pub fn slug(&mut self, name: &str) -> Option<String> {
        let text = self.get(name)?;
        if text.chars().count() > MAX_SLUG_CHARS {
            let message = format!("at most {MAX_SLUG_CHARS} characters");
            self.fail(name, FieldErrorCode::TooLong, message);
            return None;
        }
        match crate::input::json_fields::slug(&text) {
            Ok(()) => Some(text),
            Err(why) => {
                self.fail(name, FieldErrorCode::InvalidFormat, why);
                None
            }
        }
    }

    /// Records a problem with parameter `name`.
    pub fn fail(&mut self, name: &str, code: FieldErrorCode, message: impl Into<String>) {
        self.errors.push(FieldError::new(name, code, message));
    }

    /// Reports every parameter not in `known`: a mistyped filter would
    /// otherwise silently widen a report.
    pub fn reject_unknown(&mut self, known: &[&str]) {
        let unknown: Vec<String> = self
            .pairs
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| !known.contains(&n.as_str()))
            .collect();
        for name in unknown {
            let message = format!("unknown parameter; expected one of: {}", known.join(", "));
            self.fail(&name, FieldErrorCode::Unknown, message);
        }
    }

    /// `locale`, read as a BCP 47 tag; English when absent.
    pub fn locale(&mut self) -> Locale {
        let Some(tag) = self.get("locale") else {
            return Locale::default();
        };
        if tag.chars().count() > MAX_SLUG_CHARS {
            let message = format!("at most {MAX_SLUG_CHARS} characters, e.g. sv or sv-SE");
            self.fail("locale", FieldErrorCode::TooLong, message);
            return Locale::default();
        }
        match Locale::check_tag(&tag) {
            Ok(()) => Locale::from_tag(&tag).unwrap_or_default(),
            Err(why) => {
                self.fail("locale", FieldErrorCode::InvalidFormat, why);
                Locale::default()
            }
        }
    }

    /// The language to answer in: `locale` names it exactly (see
    /// [`Query::locale`]); `languages` lists the visitor's preferences, best
    /// first, comma-separated like the browser's `navigator.languages`, and
    /// the first supported one wins by [`Locale::negotiate`], the rule the
    /// widget itself applies, so a page can ask before its wasm has loaded
    /// and both sides agree. English when neither is given.
    pub fn preferred_locale(&mut self) -> Locale {
        let Some(list) = self.get("languages") else {
            return self.locale();
        };
        if self.get("locale").is_some() {
            let message = "give either `locale` or `languages`, not both";
            self.fail("languages", FieldErrorCode::Duplicate, message);
        }
        if list.chars().count() > MAX_LANGUAGES_CHARS {
            let message = format!("longer than {MAX_LANGUAGES_CHARS} characters");
            self.fail("languages", FieldErrorCode::TooLong, message);
            return Locale::default();
        }
        let tags: Vec<&str> = list.split(',').map(str::trim).collect();
        if let Some(bad) = tags.iter().find(|tag| !is_language_tag(tag)) {
            let message =
                format!("{bad:?} is not a language tag like sv-SE; separate tags with commas");
            self.fail("languages", FieldErrorCode::InvalidFormat, message);
            return Locale::default();
        }
        Locale::negotiate(tags)
    }

    /// `score`, required, a whole number 0 to 10.
    pub fn score(&mut self) -> Option<Score> {
        let Some(text) = self.get("score") else {
            self.fail(
                "score",
                FieldErrorCode::Missing,
                "required; use a whole number from 0 to 10",
            );
            return None;
        };
        match text.parse::<i64>().map(Score::new) {
            Ok(Ok(score)) => Some(score),
            Ok(Err(why)) => {
                self.fail("score", FieldErrorCode::OutOfRange, why.to_string());
                None
            }
            Err(_) => {
                let message = format!("{text:?} is not a whole number from 0 to 10");
                self.fail("score", FieldErrorCode::WrongType, message);
                None
            }
        }
    }

    /// A required `value` when no problem was recorded, else every problem.
    /// Readers that return `None` for a required parameter (such as
    /// [`Query::score`]) have recorded why.
    pub fn finish_required<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(self.errors),
        }
    }

    /// `value` when no problem was recorded, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}

/// The shape of a BCP 47 tag as browsers list them (`sv-SE`, `zh-Hant-TW`),
/// also with `_` (`nb_NO`): letters, digits and separators.
fn is_language_tag(tag: &str) -> bool {
    let separator = |c: char| c == '-' || c == '_';
    tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || separator(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Query {
        Query::from_pairs(pairs)
    }

    fn codes(q: Query) -> Vec<(String, FieldErrorCode)> {
        match q.finish(()) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
        }
    }

    #[test]
    fn locale_defaults_to_english_and_reads_tags() {
        assert_eq!(query(&[]).locale(), Locale::En);
        assert_eq!(query(&[("locale", "sv-SE")]).locale(), Locale::Sv);
        let mut q = query(&[("locale", "xx")]);
        q.locale();
        assert_eq!(
            codes(q),
            [("locale".to_owned(), FieldErrorCode::InvalidFormat)]
        );
    }

    #[test]
    fn languages_are_negotiated_like_the_widget_does() {
        let mut q = query(&[("languages", "es-ES, nb_NO,en")]);
        assert_eq!(q.preferred_locale(), Locale::Nb);
        assert_eq!(codes(q), []);
        assert_eq!(
            query(&[("languages", "es,pt")]).preferred_locale(),
            Locale::En
        );
        assert_eq!(query(&[("locale", "sv")]).preferred_locale(), Locale::Sv);
        assert_eq!(query(&[]).preferred_locale(), Locale::En);
    }

    #[test]
    fn bad_languages_are_named() {
        let long = vec!["en-US"; 50].join(",");
        for (list, locale, code) in [
            ("sv,<b>", None, FieldErrorCode::InvalidFormat),
            ("sv,,en", None, FieldErrorCode::InvalidFormat),
            (long.as_str(), None, FieldErrorCode::TooLong),
            ("sv", Some("da"), FieldErrorCode::Duplicate),
        ] {
            let mut pairs = vec![("languages", list)];
            pairs.extend(locale.map(|l| ("locale", l)));
            let mut q = query(&pairs);
            q.preferred_locale();
            assert_eq!(codes(q), [("languages".to_owned(), code)], "{list}");
        }
    }

    #[test]
    fn scores_are_checked() {
        assert_eq!(query(&[("score", "9")]).score().map(Score::value), Some(9));
        for (text, code) in [
            ("11", FieldErrorCode::OutOfRange),
            ("nine", FieldErrorCode::WrongType),
            ("", FieldErrorCode::Missing),
        ] {
            let mut q = query(&[("score", text)]);
            assert_eq!(q.score(), None);
            assert_eq!(codes(q), [("score".to_owned(), code)], "{text}");
        }
    }

    #[test]
    fn repeated_and_unknown_parameters_are_named() {
        let mut q = query(&[("role", "a"), ("role", "b"), ("rol", "c")]);
        assert_eq!(q.get("role"), None);
        q.reject_unknown(&["role"]);
        assert_eq!(
            codes(q),
            [
                ("role".to_owned(), FieldErrorCode::Duplicate),
                ("rol".to_owned(), FieldErrorCode::Unknown)
            ]
        );
    }
}
