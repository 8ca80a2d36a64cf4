//! One customer's answer, as the widget sends it and the edge stores it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::input::json_fields::{any_text, read_object, slug, BodyError, FieldReader};
use crate::input::limits::{
    MAX_ANSWERS, MAX_ANSWER_CHARS, MAX_COMMENT_CHARS, MAX_SLUG_CHARS, MAX_TOKEN_CHARS,
};
use crate::{Category, Context, FieldErrorCode, Locale, Score};

/// A validated answer. The `id` is made by the client before the first send
/// attempt, so a retry after a lost acknowledgement is recognised as the same
/// answer (the idempotency key) and counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// Client-generated UUID, lowercase hyphenated.
    pub id: String,
    /// Which survey this answers.
    pub survey_id: String,
    /// The 0-10 answer.
    pub score: Score,
    /// The answer to the follow-up question, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The language the survey was shown in.
    pub locale: Locale,
    /// Where and for whom.
    #[serde(default)]
    pub context: Context,
    /// Answers to the survey's extra questions: question id to the chosen
    /// option's id or the free text. Checked against the survey by the edge.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, String>,
    /// The signed token of the email link this answer came from, if any: the
    /// edge then takes survey and context from the token, not the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

const FIELDS: [&str; 8] = [
    "id",
    "survey_id",
    "score",
    "comment",
    "locale",
    "context",
    "answers",
    "token",
];

impl Submission {
    /// Parses and validates a request body, reporting every bad field at once.
    pub fn from_json(body: &[u8]) -> Result<Submission, BodyError> {
        let object = read_object(body)?;
        let mut errors = Vec::new();
        let mut reader = FieldReader::new(&object, "", &mut errors);
        reader.reject_unknown(&FIELDS);
        let id = reader.required_str("id", 36, uuid);
        let survey_id = reader.required_str("survey_id", MAX_SLUG_CHARS, slug);
        let score = reader.required_int("score", 0..=10);
        let comment = reader.optional_str("comment", MAX_COMMENT_CHARS, any_text);
        let locale = reader.optional_str("locale", MAX_SLUG_CHARS, Locale::check_tag);
        let context = match reader.optional_object("context") {
            Some(object) => Context::read(reader.nested("context", object)),
            None => Context::default(),
        };
        let answers = match reader.optional_object("answers") {
            Some(object) => read_answers(reader.nested("answers", object)),
            None => BTreeMap::new(),
        };
        let token = reader.optional_str("token", MAX_TOKEN_CHARS, any_text);
        match (id, survey_id, score.map(Score::new)) {
            (Some(id), Some(survey_id), Some(Ok(score))) if errors.is_empty() => Ok(Submission {
                id: id.to_ascii_lowercase(),
                survey_id,
                score,
                comment,
                locale: locale
                    .and_then(|t| Locale::from_tag(&t))
                    .unwrap_or_default(),
                context,
                answers,
                token,
            }),
            _ => Err(BodyError::Invalid(errors)),
        }
    }

    /// The NPS class of this answer.
    pub fn category(&self) -> Category {
        self.score.category()
    }
}

/// Reads `{question_id: answer}`; ids are slugs, answers non-empty text.
fn read_answers(mut reader: FieldReader<'_>) -> BTreeMap<String, String> {
    let keys = reader.keys();
    if keys.len() > MAX_ANSWERS {
        reader.fail_here(
            FieldErrorCode::TooLong,
            format!(
                "{} answers is too many; the limit is {MAX_ANSWERS}",
                keys.len()
            ),
        );
        return BTreeMap::new();
    }
    keys.into_iter()
        .filter_map(|key| {
            if key.is_empty() || key.chars().count() > MAX_SLUG_CHARS {
                let message = format!("a question id has 1 to {MAX_SLUG_CHARS} characters");
                reader.fail(&key, FieldErrorCode::TooLong, message);
                return None;
            }
            slug(&key)
                .map_err(|why| reader.fail(&key, FieldErrorCode::InvalidFormat, why))
                .ok()?;
            let answer = reader.optional_str(&key, MAX_ANSWER_CHARS, any_text)?;
            Some((key, answer))
        })
        .collect()
}

/// Formats 16 random bytes as a version-4 UUID, for clients to mint ids.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    // By hand rather than with `format!`: the widget mints these, and
    // formatting machinery is paid for in its wasm.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    text
}

fn uuid(text: &str) -> Result<(), String> {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let hex = groups
        .iter()
        .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()));
    if lengths == [8, 4, 4, 4, 12] && hex {
        Ok(())
    } else {
        Err("must be a UUID such as 0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    const ID: &str = "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51";

    fn parse(value: Value) -> Result<Submission, BodyError> {
        Submission::from_json(value.to_string().as_bytes())
    }

    #[test]
    fn valid_submission_with_context() {
        let s = parse(json!({
            "id": ID.to_uppercase(), "survey_id": "pickup", "score": 9,
            "comment": "  Quick pick-up  ", "locale": "sv-SE",
            "context": {"touchpoint": "pickup", "role": "buyer", "transaction_ref": "A-77"}
        }))
        .expect("valid");
        assert_eq!(s.id, ID);
        assert_eq!(s.category(), Category::Promoter);
        assert_eq!(s.comment.as_deref(), Some("Quick pick-up"));
        assert_eq!(s.locale, Locale::Sv);
        assert_eq!(s.context.role.as_deref(), Some("buyer"));
    }

    #[test]
    fn reports_every_bad_field_at_once() {
        let err = parse(json!({
            "id": "nope", "score": "9", "comment": "x".repeat(3000), "locale": "es",
            "context": {"touchpoint": "Web Shop", "colour": "red"}, "extra": 1
        }))
        .expect_err("invalid");
        assert!(err.has("id", FieldErrorCode::InvalidFormat));
        assert!(err.has("survey_id", FieldErrorCode::Missing));
        assert!(err.has("score", FieldErrorCode::WrongType));
        assert!(err.has("comment", FieldErrorCode::TooLong));
        assert!(err.has("locale", FieldErrorCode::InvalidFormat));
        assert!(err.has("context.touchpoint", FieldErrorCode::InvalidFormat));
        assert!(err.has("context.colour", FieldErrorCode::Unknown));
        assert!(err.has("extra", FieldErrorCode::Unknown));
        assert_eq!(err.field_errors().len(), 8);
    }

    #[test]
    fn blank_required_fields_are_named() {
        let err = parse(json!({"id": "   ", "survey_id": "", "score": 5})).expect_err("blank");
        assert!(err.has("id", FieldErrorCode::Missing), "{err:?}");
        assert!(err.has("survey_id", FieldErrorCode::Missing), "{err:?}");
        assert_eq!(err.field_errors().len(), 2);
    }

    #[test]
    fn scores_out_of_range_name_the_field() {
        for bad in [json!(11), json!(-1), json!(9.5)] {
            let err = parse(json!({"id": ID, "survey_id": "s", "score": bad})).expect_err("bad");
            assert!(
                err.has("score", FieldErrorCode::OutOfRange),
                "{bad}: {err:?}"
            );
        }
    }

    #[test]
    fn a_whole_number_written_as_9_0_is_the_score_9() {
        let read = parse(json!({"id": ID, "survey_id": "s", "score": 9.0})).expect("valid");
        assert_eq!(read.score.value(), 9);
    }

    #[test]
    fn non_json_and_non_objects_are_refused() {
        assert!(matches!(
            Submission::from_json(b"{"),
            Err(BodyError::NotJson(_))
        ));
        assert_eq!(Submission::from_json(b"[1]"), Err(BodyError::NotAnObject));
    }

    #[test]
    fn answers_and_token_are_read_and_checked() {
        let s = parse(json!({
            "id": ID, "survey_id": "s", "score": 4, "token": "abc.def",
            "answers": {"reason": "price", "other": "  Too slow  "}
        }))
        .expect("valid");
        assert_eq!(s.answers.get("other").map(String::as_str), Some("Too slow"));
        assert_eq!(s.token.as_deref(), Some("abc.def"));
        let err = parse(json!({
            "id": ID, "survey_id": "s", "score": 4,
            "answers": {"Bad Key": "x", "long": "y".repeat(600), "num": 3}
        }))
        .expect_err("invalid");
        assert!(err.has("answers.Bad Key", FieldErrorCode::InvalidFormat));
        assert!(err.has("answers.long", FieldErrorCode::TooLong));
        assert!(err.has("answers.num", FieldErrorCode::WrongType));
    }

    #[test]
    fn comment_limit_counts_characters_not_bytes() {
        let comment = "ø".repeat(MAX_COMMENT_CHARS);
        let ok = parse(json!({"id": ID, "survey_id": "s", "score": 3, "comment": comment}));
        assert!(ok.is_ok());
    }

    #[test]
    fn minted_ids_are_lowercase_hex_in_groups() {
        let id = uuid_v4([0xab; 16]);
        assert_eq!(id, "abababab-abab-4bab-abab-abababababab");
    }

    proptest! {
        #[test]
        fn minted_ids_validate(bytes in any::<[u8; 16]>()) {
            let id = uuid_v4(bytes);
            prop_assert!(uuid(&id).is_ok());
            prop_assert_eq!(&id[14..15], "4");
        }

        #[test]
        fn serialized_submissions_parse_back(score in 0i64..=10, comment in "[a-zA-Zæøå .!]{0,40}") {
            let body = json!({"id": ID, "survey_id": "s", "score": score, "comment": comment});
            let s = parse(body).expect("valid");
            let again = Submission::from_json(serde_json::to_string(&s).expect("json").as_bytes());
            prop_assert_eq!(Ok(s), again);
        }

        #[test]
        fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = Submission::from_json(&body);
        }
    }
}
