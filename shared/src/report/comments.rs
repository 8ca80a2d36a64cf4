//! What people said: a page of comments, newest first, under a report's
//! filter plus a category, a score, a language and a full-text search; and the
//! cursor that continues a page. The search runs on SQLite's FTS5, so the
//! person's words become a safe FTS5 expression here: every word a quoted
//! prefix, all of them required, nothing of the query language exposed.

use std::fmt;

use crate::input::limits::MAX_SLUG_CHARS;
use crate::input::query::Query;
use crate::report::{ReportFilter, PARAMETERS};
use crate::{Category, FieldError, FieldErrorCode, Locale, Score};

/// Comments per page unless the request asks for fewer.
pub const PAGE: u32 = 50;
/// Longest search text.
pub const MAX_SEARCH_CHARS: usize = 200;

/// One request for comments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommentQuery {
    /// Period, touchpoint, role, unconfirmed clicks: as for a report.
    pub filter: ReportFilter,
    /// The FTS5 expression of the person's search words, if any.
    pub search: Option<String>,
    /// Only this category (promoters alone: the praise to share).
    pub category: Option<Category>,
    /// Only answers of this score.
    pub score: Option<Score>,
    /// Only answers in this language.
    pub locale: Option<Locale>,
    /// Only comments older than this one: the next page.
    pub before: Option<Cursor>,
    /// How many, 1 to [`PAGE`].
    pub limit: u32,
}

const OWN: [&str; 6] = ["q", "category", "score", "locale", "before", "limit"];

impl CommentQuery {
    /// Reads the request, naming every bad parameter.
    pub fn from_query(mut query: Query) -> Result<CommentQuery, Vec<FieldError>> {
        let known: Vec<&str> = PARAMETERS.iter().chain(OWN.iter()).copied().collect();
        query.reject_unknown(&known);
        let filter = ReportFilter::read(&mut query);
        let search = query.get("q").and_then(|q| match search_expression(&q) {
            Ok(expression) => expression,
            Err((code, message)) => {
                query.fail("q", code, message);
                None
            }
        });
        let category = query.get("category").and_then(|c| {
            let category = Category::parse(&c);
            if category.is_none() {
                let message =
                    format!("{c:?} is not a category; use detractor, passive or promoter");
                query.fail("category", FieldErrorCode::InvalidFormat, message);
            }
            category
        });
        let score = query.get("score").and_then(|s| {
            let score = s.parse::<i64>().ok().and_then(|n| Score::new(n).ok());
            if score.is_none() {
                let message = format!("{s:?} is not a score; use a whole number from 0 to 10");
                query.fail("score", FieldErrorCode::OutOfRange, message);
            }
            score
        });
        let locale = query.get("locale").and_then(|l| {
            let locale = (l.len() <= MAX_SLUG_CHARS)
                .then(|| Locale::from_tag(&l))
                .flatten();
            if locale.is_none() {
                let message =
                    format!("{l:?} is not a language answers come in (da, sv, nb, de, nl, fr, en)");
                query.fail("locale", FieldErrorCode::InvalidFormat, message);
            }
            locale
        });
        let before = query.get("before").and_then(|c| {
            Cursor::parse(&c)
                .map_err(|message| query.fail("before", FieldErrorCode::InvalidFormat, message))
                .ok()
        });
        let limit = match query.get("limit").map(|l| l.parse::<u32>()) {
            None => PAGE,
            Some(Ok(n)) if (1..=PAGE).contains(&n) => n,
            Some(_) => {
                query.fail(
                    "limit",
                    FieldErrorCode::OutOfRange,
                    format!("give a number from 1 to {PAGE}"),
                );
                PAGE
            }
        };
        let comments = CommentQuery {
            filter,
            search,
            category,
            score,
            locale,
            before,
            limit,
        };
        query.finish(comments)
    }
}

/// Where a page ends: the last comment's time and id, `<ms>_<id>`. It is a
/// position, not a permission: an edited cursor only moves the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The comment's answer's `created_at`, unix ms.
    pub created_at: i64,
    /// Its id, breaking ties of a millisecond.
    pub id: String,
}

impl Cursor {
    /// Reads a cursor as a page's `next` gave it.
    pub fn parse(text: &str) -> Result<Cursor, String> {
        let bad =
            || format!("{text:?} is not a cursor; pass the `next` of the previous page as it is");
        let (millis, id) = text.split_once('_').ok_or_else(bad)?;
        let created_at = millis.parse().map_err(|_| bad())?;
        let id_ok = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        match id_ok {
            true => Ok(Cursor {
                created_at,
                id: id.to_owned(),
            }),
            false => Err(bad()),
        }
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}", self.created_at, self.id)
    }
}

/// The FTS5 expression for a person's search words: each word a quoted
/// prefix (`"kö"*`), all required; `None` when there are no words.
///
/// A control character other than whitespace is refused: no one types one,
/// and SQLite reads a NUL inside a quoted FTS5 string as the end of the
/// query ("unterminated string"), which would fail the whole request.
pub fn search_expression(text: &str) -> Result<Option<String>, (FieldErrorCode, String)> {
    if text.chars().count() > MAX_SEARCH_CHARS {
        let message = format!("search at most {MAX_SEARCH_CHARS} characters");
        return Err((FieldErrorCode::TooLong, message));
    }
    if let Some(c) = text.chars().find(|c| c.is_control() && !c.is_whitespace()) {
        let message = format!(
            "holds the control character U+{:04X}; search with words only",
            u32::from(c)
        );
        return Err((FieldErrorCode::InvalidFormat, message));
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
        .collect();
    Ok((!words.is_empty()).then(|| words.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Result<CommentQuery, Vec<FieldError>> {
        CommentQuery::from_query(Query::from_pairs(pairs))
    }

    #[test]
    fn words_become_quoted_prefixes_and_nothing_else() {
        assert_eq!(search_expression("  "), Ok(None));
        assert_eq!(
            search_expression("trevlig kö"),
            Ok(Some("\"trevlig\"* \"kö\"*".to_owned()))
        );
        assert_eq!(
            search_expression("a\" OR comment:*"),
            Ok(Some("\"a\"\"\"* \"OR\"* \"comment:*\"*".to_owned()))
        );
        assert_eq!(
            search_expression(&"x".repeat(201)).map_err(|e| e.0),
            Err(FieldErrorCode::TooLong)
        );
        // Whitespace of any kind separates words.
        assert_eq!(
            search_expression("trevlig\tkö\n"),
            Ok(Some("\"trevlig\"* \"kö\"*".to_owned()))
        );
    }

    #[test]
    fn a_control_character_in_the_search_is_named() {
        for text in ["kö\0", "\u{1}", "trev\u{7f}lig"] {
            let (code, message) = search_expression(text).expect_err("refused");
            assert_eq!(code, FieldErrorCode::InvalidFormat, "{text:?}");
            assert!(message.contains("control character U+"), "{message}");
        }
        let refused = query(&[("q", "kö\0")]).expect_err("refused");
        assert_eq!(refused[0].field, "q");
    }

    #[test]
    fn a_query_reads_every_parameter_and_names_the_bad_ones() {
        let q = query(&[
            ("q", "trevlig"),
            ("category", "promoter"),
            ("score", "9"),
            ("locale", "sv"),
            ("touchpoint", "store"),
            ("before", "1764000000000_0b7e4c9a-4a1f"),
            ("limit", "10"),
        ])
        .expect("valid");
        assert_eq!(q.category, Some(Category::Promoter));
        assert_eq!(q.score.map(Score::value), Some(9));
        assert_eq!(q.locale, Some(Locale::Sv));
        assert_eq!(q.filter.touchpoint.as_deref(), Some("store"));
        assert_eq!(
            q.before.as_ref().map(ToString::to_string).as_deref(),
            Some("1764000000000_0b7e4c9a-4a1f")
        );
        assert_eq!(q.limit, 10);
        let errors = query(&[
            ("category", "happy"),
            ("score", "11"),
            ("locale", "xx"),
            ("before", "yesterday"),
            ("limit", "500"),
            ("from", "2026-13-01"),
            ("sort", "asc"),
        ])
        .expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["sort", "from", "category", "score", "locale", "before", "limit"]
        );
        assert_eq!(query(&[]).map(|q| q.limit), Ok(PAGE));
    }
}
