//! Dead letters for operators: which ones a listing shows, and which ones to
//! send again once the cause is fixed (a receiver back up, a corrected URL).
//! A replayed delivery goes through the normal queue, signing and retries;
//! its event id is unchanged, so a receiver that had it drops the repeat.

use serde_json::Value;

use crate::input::json_fields::{read_object, slug, BodyError, FieldReader};
use crate::input::limits::MAX_SLUG_CHARS;
use crate::input::query::Query;
use crate::{FieldError, FieldErrorCode};

/// The most dead letters one listing shows, and the default.
pub const PAGE: u32 = 100;
/// The most dead letters one replay sends again: a queue of retries, not a
/// second burst.
pub const MAX_REPLAY: usize = 500;
/// A delivery key is `{event id}@{destination}`, far below this.
const MAX_KEY_CHARS: usize = 300;

/// `GET /v1/dead-letters`: the filters, and where the page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetterQuery {
    /// Only this survey's.
    pub survey: Option<String>,
    /// Only this destination's (an id within a survey).
    pub destination: Option<String>,
    /// How many, oldest first.
    pub limit: u32,
    /// The page starts after this delivery key (the last of the page before).
    pub after: Option<String>,
}

impl DeadLetterQuery {
    /// Reads the query string, every bad parameter named.
    pub fn from_query(mut query: Query) -> Result<DeadLetterQuery, Vec<FieldError>> {
        query.reject_unknown(&["survey", "destination", "limit", "after"]);
        let survey = query.slug("survey");
        let destination = query.slug("destination");
        let after = query.get("after").filter(|key| match check_key(key) {
            Ok(()) => true,
            Err(message) => {
                query.fail("after", FieldErrorCode::InvalidFormat, message);
                false
            }
        });
        let limit = match query.get("limit").map(|l| l.parse::<u32>()) {
            None => PAGE,
            Some(Ok(n)) if (1..=PAGE).contains(&n) => n,
            Some(_) => {
                let message = format!("give a number from 1 to {PAGE}");
                query.fail("limit", FieldErrorCode::OutOfRange, message);
                PAGE
            }
        };
        query.finish(DeadLetterQuery {
            survey,
            destination,
            limit,
            after,
        })
    }
}

/// A delivery key as the listing shows it.
fn check_key(key: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-_:.@".contains(c);
    if key.is_empty() || key.chars().count() > MAX_KEY_CHARS || !key.chars().all(allowed) {
        return Err(format!(
            "{:?} is not a delivery key; copy `delivery_key` from the listing",
            key.chars().take(40).collect::<String>()
        ));
    }
    Ok(())
}

/// `POST /v1/dead-letters/replay`: which dead letters to send again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replay {
    /// These, by delivery key (as listed).
    Keys(Vec<String>),
    /// The oldest [`MAX_REPLAY`] of a survey, perhaps of one destination.
    Matching {
        /// The survey.
        survey: String,
        /// Only this destination's.
        destination: Option<String>,
    },
}

impl Replay {
    /// Reads the body: `{"keys": [...]}` or `{"survey", "destination"?}`,
    /// every bad field (and each bad key, as `keys[3]`) named.
    pub fn from_json(body: &[u8]) -> Result<Replay, BodyError> {
        let object = read_object(body)?;
        let mut errors = Vec::new();
        let mut reader = FieldReader::new(&object, "", &mut errors);
        reader.reject_unknown(&["keys", "survey", "destination"]);
        let survey = reader.optional_str("survey", MAX_SLUG_CHARS, slug);
        let destination = reader.optional_str("destination", MAX_SLUG_CHARS, slug);
        let keys = object
            .get("keys")
            .filter(|v| !v.is_null())
            .map(|v| keys(v, &mut errors));
        let replay = match (keys, survey) {
            (Some(keys), None) if destination.is_none() => Some(Replay::Keys(keys)),
            (None, Some(survey)) => Some(Replay::Matching {
                survey,
                destination,
            }),
            _ => {
                errors.push(FieldError::new(
                    "keys",
                    FieldErrorCode::Missing,
                    "give either `keys` (from the listing) or `survey` (and perhaps \
                     `destination`), not both",
                ));
                None
            }
        };
        match replay {
            Some(replay) if errors.is_empty() => Ok(replay),
            _ => Err(BodyError::Invalid(errors)),
        }
    }
}

fn keys(value: &Value, errors: &mut Vec<FieldError>) -> Vec<String> {
    let Some(items) = value.as_array() else {
        errors.push(FieldError::new(
            "keys",
            FieldErrorCode::WrongType,
            "give an array of delivery keys",
        ));
        return Vec::new();
    };
    if items.is_empty() || items.len() > MAX_REPLAY {
        errors.push(FieldError::new(
            "keys",
            FieldErrorCode::OutOfRange,
            format!("give 1 to {MAX_REPLAY} keys"),
        ));
    }
    let mut keys = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_str().map(|k| (k, check_key(k))) {
            Some((key, Ok(()))) => keys.push(key.to_owned()),
            Some((_, Err(message))) => errors.push(FieldError::new(
                &format!("keys[{i}]"),
                FieldErrorCode::InvalidFormat,
                message,
            )),
            None => errors.push(FieldError::new(
                &format!("keys[{i}]"),
                FieldErrorCode::WrongType,
                "a delivery key is a string",
            )),
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Result<DeadLetterQuery, Vec<FieldError>> {
        DeadLetterQuery::from_query(Query::new(
            pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
        ))
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_listing_reads_its_filters_and_names_every_bad_one() {
        let key = "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51:response.created:1@cs";
        let read = query(&[("survey", "pickup"), ("limit", "5"), ("after", key)]);
        assert_eq!(
            read,
            Ok(DeadLetterQuery {
                survey: Some("pickup".into()),
                destination: None,
                limit: 5,
                after: Some(key.into()),
            })
        );
        let refused = query(&[
            ("survey", "Pick Up"),
            ("limit", "0"),
            ("after", "x y"),
            ("q", "1"),
        ])
        .expect_err("all bad");
        assert_eq!(fields(&refused), ["q", "survey", "after", "limit"]);
    }

    #[test]
    fn a_replay_names_each_bad_key_by_index() {
        let ok = Replay::from_json(br#"{"keys": ["a:response.created:1@cs"]}"#);
        assert_eq!(
            ok.ok(),
            Some(Replay::Keys(vec!["a:response.created:1@cs".into()]))
        );
        let matching = Replay::from_json(br#"{"survey": "pickup", "destination": "cs"}"#);
        assert!(matches!(matching, Ok(Replay::Matching { .. })));
        let refused =
            Replay::from_json(br#"{"keys": ["ok@cs", 7, "bad key"]}"#).expect_err("two bad keys");
        assert_eq!(fields(refused.field_errors()), ["keys[1]", "keys[2]"]);
        let both =
            Replay::from_json(br#"{"keys": ["ok@cs"], "survey": "pickup"}"#).expect_err("both");
        assert_eq!(fields(both.field_errors()), ["keys"]);
        let too_many = format!(
            "{{\"keys\": [{}]}}",
            vec!["\"k@d\""; MAX_REPLAY + 1].join(",")
        );
        assert!(Replay::from_json(too_many.as_bytes()).is_err());
    }
}
