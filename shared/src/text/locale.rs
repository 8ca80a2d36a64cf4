//! The languages a survey can be answered in, and how a tag picks one.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A supported survey language. Norwegian is Bokmål (`nb`); the tags `no` and
/// `nn` also map to it, as Norwegian browsers often send them.
///
/// Ordered so per-locale maps serialize the same way on every build.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Danish.
    Da,
    /// Swedish.
    Sv,
    /// Norwegian (Bokmål).
    Nb,
    /// German.
    De,
    /// Dutch.
    Nl,
    /// French.
    Fr,
    /// English, the fallback.
    #[default]
    En,
}

impl Locale {
    /// Every supported locale, in the order documentation lists them.
    pub const ALL: [Locale; 7] = [
        Locale::Da,
        Locale::Sv,
        Locale::Nb,
        Locale::De,
        Locale::Nl,
        Locale::Fr,
        Locale::En,
    ];

    /// The primary language subtag, as stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Da => "da",
            Locale::Sv => "sv",
            Locale::Nb => "nb",
            Locale::De => "de",
            Locale::Nl => "nl",
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// Reads a BCP 47 tag such as `sv-SE` or `nb_NO` by its primary subtag,
    /// case-insensitively; `None` when that language is not supported.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "no" | "nn" => Some(Locale::Nb),
            p => Locale::ALL.into_iter().find(|l| l.as_str() == p),
        }
    }

    /// Checks a tag as [`Locale::from_tag`] reads it; the error says which
    /// tags are supported. Every input that names a language (a submission's
    /// `locale`, a link's claims, a `?locale=` query) goes through this.
    pub fn check_tag(tag: &str) -> Result<(), String> {
        if Locale::from_tag(tag).is_some() {
            return Ok(());
        }
        let supported: Vec<&str> = Locale::ALL.iter().map(|l| l.as_str()).collect();
        Err(format!(
            "{tag:?} is not a supported locale; use one of {}",
            supported.join(", ")
        ))
    }

    /// This locale's column in the tables of texts written in all seven
    /// languages, which keep [`Locale::ALL`]'s order.
    pub fn column(self) -> usize {
        Locale::ALL
            .iter()
            .position(|l| *l == self)
            .unwrap_or(Locale::ALL.len() - 1)
    }

    /// The first supported locale among a browser's preferences, else English.
    pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Locale {
        preferences
            .into_iter()
            .find_map(Locale::from_tag)
            .unwrap_or_default()
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_region_tags_and_norwegian_variants() {
        assert_eq!(Locale::from_tag("sv-SE"), Some(Locale::Sv));
        assert_eq!(Locale::from_tag("NB_no"), Some(Locale::Nb));
        assert_eq!(Locale::from_tag("no"), Some(Locale::Nb));
        assert_eq!(Locale::from_tag("nn-NO"), Some(Locale::Nb));
        assert_eq!(Locale::from_tag("es-ES"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn tag_check_names_the_supported_locales() {
        assert_eq!(Locale::check_tag("sv-SE"), Ok(()));
        let why = Locale::check_tag("es").expect_err("unsupported");
        assert!(why.contains("da, sv, nb, de, nl, fr, en"), "{why}");
    }

    #[test]
    fn negotiation_takes_first_supported_else_english() {
        assert_eq!(Locale::negotiate(["es", "de-AT", "fr"]), Locale::De);
        assert_eq!(Locale::negotiate(["es", "pt"]), Locale::En);
    }
}
