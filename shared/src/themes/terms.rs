//! A comment's terms: what the themes count, in the comment's language.
//!
//! The comment is split at Unicode word boundaries (UAX #29), lower-cased,
//! stripped of its language's stop words (NLTK's lists, which are Snowball's
//! own) and stemmed with its language's Snowball stemmer, so "ventede",
//! "venter" and "vente" are one term, `vent`. Adjacent kept words of one
//! clause also form a two-word term ("lang ventetid", "freundlich personal"):
//! punctuation ends a clause, a stop word between two words does not.
//!
//! Negations are taken out of the stop lists ("ikke", "inte", "nicht", "not",
//! ...): "not friendly" and "friendly" are different things to say about a
//! shop, and the two-word term keeps them apart.
//!
//! An answer counts once per term however often its comment repeats it, so
//! a term's count is a number of answers, as an NPS needs.

use std::collections::HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::Locale;

/// The most terms one answer counts under, in the order they first appear:
/// a 2,000-character comment would otherwise add hundreds of rows to the
/// counts, and what an answer is about shows in its first sentences.
pub const MAX_TERMS: usize = 64;

/// One term an answer mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The stem, or two stems joined by a space: what is counted.
    pub term: String,
    /// The words as written (lower-cased), shown for the term.
    pub surface: String,
}

/// Words kept although NLTK lists them as stop words: negations.
const NEGATIONS: [&str; 19] = [
    "ikke", "ej", "inte", "icke", "aldrig", "nicht", "kein", "keine", "nie", "niet", "geen",
    "nooit", "ne", "pas", "jamais", "not", "no", "never", "nor",
];

/// The terms of `comment`, written in `language`: each term once, at most
/// [`MAX_TERMS`].
pub fn mentions(comment: &str, language: Locale) -> Vec<Mention> {
    let stemmer = Stemmer::create(algorithm(language));
    let stop = stop_words(language);
    let mut found: Vec<Mention> = Vec::new();
    let add = |found: &mut Vec<Mention>, mention: Mention| {
        if found.len() < MAX_TERMS && !found.iter().any(|m| m.term == mention.term) {
            found.push(mention);
        }
    };
    // The previous kept word of this clause, as (stem, surface).
    let mut previous: Option<Mention> = None;
    for segment in comment.split_word_bounds() {
        // A mark after a space joins the space's segment (UAX #29, WB4).
        let segment = segment.trim();
        if segment.is_empty() {
            continue;
        }
        if !segment.starts_with(char::is_alphanumeric) || segment.contains(char::is_whitespace) {
            previous = None; // punctuation ends the clause
            continue;
        }
        let lower = elided(&segment.to_lowercase(), language).to_owned();
        if lower.chars().all(|c| !c.is_alphabetic()) || stop.contains(lower.as_str()) {
            continue;
        }
        let term = stemmer.stem(&lower).into_owned();
        if term.is_empty() {
            continue; // a stemmer may strip a word of marks alone
        }
        let word = Mention {
            term,
            surface: lower,
        };
        if let Some(before) = previous.take() {
            let pair = Mention {
                term: format!("{} {}", before.term, word.term),
                surface: format!("{} {}", before.surface, word.surface),
            };
            add(&mut found, pair);
        }
        add(&mut found, word.clone());
        previous = Some(word);
    }
    found
}

/// The stem (or two stems) a theme's word or phrase stands for in
/// `language`, the way [`mentions`] would count it; `None` unless it is one
/// or two words that each count (not a stop word, not a number).
pub fn term_of(words: &str, language: Locale) -> Option<String> {
    let written = words.split_whitespace().count();
    let found = mentions(words, language);
    let singles = found.iter().filter(|m| !m.term.contains(' ')).count();
    match (written, singles) {
        (1, 1) => found.into_iter().next().map(|m| m.term),
        // "a b" gives ["a", "a b", "b"]: the pair is the second.
        (2, 2) => found.into_iter().nth(1).map(|m| m.term),
        _ => None,
    }
}

/// The words to search the comments for to find a term's answers: each
/// stem where it begins its word as written (the search matches prefixes,
/// so `vent` finds "ventede" and "venter"), else the word as written
/// (`friendli` does not begin "friendly").
pub fn search_words(term: &str, surface: &str) -> String {
    let stems = term.split(' ');
    let words = surface.split(' ');
    stems
        .zip(words)
        .map(|(stem, word)| if word.starts_with(stem) { stem } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

/// French elides articles and pronouns into the next word ("l'objet",
/// "d'attente", "n'a"): the word is what follows the apostrophe.
fn elided(word: &str, language: Locale) -> &str {
    if language != Locale::Fr {
        return word;
    }
    const ELIDED: [&str; 12] = [
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
    ];
    match word.split_once(['\'', '’']) {
        Some((before, after)) if ELIDED.contains(&before) && !after.is_empty() => after,
        _ => word,
    }
}

fn algorithm(language: Locale) -> Algorithm {
    match language {
        Locale::Da => Algorithm::Danish,
        Locale::Sv => Algorithm::Swedish,
        Locale::Nb => Algorithm::Norwegian,
        Locale::De => Algorithm::German,
        Locale::Nl => Algorithm::Dutch,
        Locale::Fr => Algorithm::French,
        Locale::En => Algorithm::English,
    }
}

/// The stop words of `language`, negations left out, made once.
fn stop_words(language: Locale) -> &'static HashSet<&'static str> {
    static LISTS: [OnceLock<HashSet<&'static str>>; 7] = [const { OnceLock::new() }; 7];
    let index = Locale::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or_default();
    LISTS[index].get_or_init(|| {
        // NLTK names Norwegian (Bokmål) by its macrolanguage, `no`.
        let code = match language {
            Locale::Nb => "no",
            other => other.as_str(),
        };
        stop_words::lookup(code)
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|w| !NEGATIONS.contains(w))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn terms(comment: &str, language: Locale) -> Vec<String> {
        mentions(comment, language)
            .into_iter()
            .map(|m| m.term)
            .collect()
    }

    /// A few words per language with the stems Snowball's algorithm gives
    /// them (Danish keeps "vented": its step 1 removes only the final "e").
    #[test]
    fn stems_as_snowball_does_in_every_language() {
        let cases: [(Locale, &[(&str, &str)]); 7] = [
            (
                Locale::Da,
                &[
                    ("ventede", "vented"),
                    ("venter", "vent"),
                    ("afhentningen", "afhentning"),
                ],
            ),
            (
                Locale::Sv,
                &[
                    ("upphämtningen", "upphämtning"),
                    ("väntade", "vänt"),
                    ("kunnig", "kunn"),
                ],
            ),
            (Locale::Nb, &[("ventet", "vent"), ("hentingen", "henting")]),
            (
                Locale::De,
                &[
                    ("abholung", "abhol"),
                    ("freundliches", "freundlich"),
                    ("wartezeit", "wartezeit"),
                ],
            ),
            (
                Locale::Nl,
                &[
                    ("vriendelijk", "vriendelijk"),
                    ("ophalen", "ophal"),
                    ("wachten", "wacht"),
                ],
            ),
            (Locale::Fr, &[("attente", "attent"), ("aimable", "aimabl")]),
            (
                Locale::En,
                &[
                    ("friendly", "friend"),
                    ("waited", "wait"),
                    ("waiting", "wait"),
                ],
            ),
        ];
        for (language, words) in cases {
            for (word, stem) in words {
                assert_eq!(terms(word, language), [*stem], "{language:?} {word}");
            }
        }
    }

    #[test]
    fn stop_words_go_and_adjacent_kept_words_pair_up() {
        assert_eq!(
            terms("Lang ventetid ved afhentningen.", Locale::Da),
            [
                "lang",
                "lang ventetid",
                "ventetid",
                "ventetid ved",
                "ved",
                "ved afhentning",
                "afhentning"
            ]
        );
        let german = mentions("Sehr freundliches Personal", Locale::De);
        assert!(
            german
                .iter()
                .any(|m| m.term == "freundlich personal" && m.surface == "freundliches personal"),
            "{german:?}"
        );
        // "sehr" is a German stop word: no term of its own, no pair.
        assert!(german.iter().all(|m| !m.term.starts_with("sehr")));
    }

    #[test]
    fn each_language_drops_its_own_stop_words_only() {
        let cases = [
            (Locale::Da, "og", "personale", "personal"),
            (Locale::Sv, "och", "personal", "personal"),
            (Locale::Nb, "og", "betjening", "betjening"),
            (Locale::De, "und", "Personal", "personal"),
            (Locale::Nl, "het", "personeel", "personel"),
            (Locale::Fr, "et", "personnel", "personnel"),
            (Locale::En, "and", "staff", "staff"),
        ];
        for (language, stop, word, stem) in cases {
            let comment = format!("{stop} {word} {stop}");
            assert_eq!(terms(&comment, language), [stem], "{language:?}");
        }
        // "and" is no Danish stop word, and "og" no English one.
        assert_eq!(terms("and", Locale::Da), ["and"]);
        assert_eq!(terms("og", Locale::En), ["og"]);
    }

    #[test]
    fn punctuation_ends_a_pair_and_negations_stay() {
        assert_eq!(
            terms("Slow delivery. Friendly staff", Locale::En),
            [
                "slow",
                "slow deliveri",
                "deliveri",
                "friend",
                "friend staff",
                "staff"
            ]
        );
        assert_eq!(
            terms("not friendly", Locale::En),
            ["not", "not friend", "friend"]
        );
        assert_eq!(terms("ikke venlig", Locale::Da), ["ikk", "ikk ven", "ven"]);
    }

    #[test]
    fn an_answer_counts_each_term_once_and_numbers_are_no_terms() {
        assert_eq!(
            terms("Wait, wait, wait! 45 min", Locale::En),
            ["wait", "min"]
        );
        assert_eq!(
            terms("l'attente d'une heure", Locale::Fr),
            ["attent", "attent heur", "heur"]
        );
    }

    #[test]
    fn a_theme_word_is_the_term_a_comment_would_count() {
        assert_eq!(term_of("Venter", Locale::Da).as_deref(), Some("vent"));
        assert_eq!(
            term_of("lange Wartezeit", Locale::De).as_deref(),
            Some("lang wartezeit")
        );
        assert_eq!(term_of("the", Locale::En), None);
        assert_eq!(term_of("one two three", Locale::En), None);
    }

    #[test]
    fn a_term_is_searched_by_its_stem_where_the_stem_begins_the_word() {
        assert_eq!(search_words("vent", "ventede"), "vent");
        assert_eq!(
            search_words("friendli staff", "friendly staff"),
            "friendly staff"
        );
    }

    proptest! {
        #[test]
        fn terms_are_unique_bounded_and_at_most_pairs(comment in "\\PC{0,400}", i in 0usize..7) {
            let found = mentions(&comment, Locale::ALL[i]);
            prop_assert!(found.len() <= MAX_TERMS);
            let unique: HashSet<&str> = found.iter().map(|m| m.term.as_str()).collect();
            prop_assert_eq!(unique.len(), found.len());
            for m in &found {
                prop_assert!(!m.term.is_empty() && m.term.split(' ').count() <= 2);
                prop_assert_eq!(m.term.split(' ').count(), m.surface.split(' ').count());
            }
        }
    }
}
