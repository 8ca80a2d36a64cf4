//! Checking a submission's `answers` against the extra questions of its survey.
//!
//! The submission parser only knows answers are `{slug: text}`; which ids
//! exist, which options a choice offers and which questions are required is
//! the survey's business, so the check lives here and the edge calls it.
//!
//! "Required" applies to every `POST /v1/responses`, from the widget or from
//! the landing page of an email link: both are the customer's final answer.
//! A click on a score in an email records the score alone (provisionally) and
//! never carries answers, so it is not checked here.

use std::collections::BTreeMap;

use super::extra::{ExtraKind, ExtraQuestion};
use super::SurveyDefinition;
use crate::{FieldError, FieldErrorCode};

impl SurveyDefinition {
    /// Every problem with `answers`, each named `answers.<question id>`:
    /// unknown question ids, choices not among the options, and unanswered
    /// required questions. Empty when the answers fit the survey.
    pub fn check_answers(&self, answers: &BTreeMap<String, String>) -> Vec<FieldError> {
        let unknown = answers
            .keys()
            .filter(|id| !self.extra_questions.iter().any(|q| &q.id == *id))
            .map(|id| self.unknown_question(id));
        let per_question = self
            .extra_questions
            .iter()
            .filter_map(|q| check_one(q, answers.get(&q.id)));
        unknown.chain(per_question).collect()
    }

    fn unknown_question(&self, id: &str) -> FieldError {
        let known: Vec<&str> = self.extra_questions.iter().map(|q| q.id.as_str()).collect();
        let message = if known.is_empty() {
            format!("survey {:?} asks no extra questions", self.id)
        } else {
            format!(
                "survey {:?} has no question {id:?}; its questions are {}",
                self.id,
                known.join(", ")
            )
        };
        FieldError::new(&field(id), FieldErrorCode::Unknown, message)
    }
}

fn check_one(question: &ExtraQuestion, answer: Option<&String>) -> Option<FieldError> {
    let path = field(&question.id);
    let Some(answer) = answer else {
        let message = "required; this question must be answered";
        return question
            .required
            .then(|| FieldError::new(&path, FieldErrorCode::Missing, message));
    };
    let ExtraKind::Choice { options } = &question.kind else {
        return None;
    };
    if options.iter().any(|o| &o.id == answer) {
        return None;
    }
    let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
    let message = format!("{answer:?} is not an option; use one of {}", ids.join(", "));
    Some(FieldError::new(
        &path,
        FieldErrorCode::InvalidFormat,
        message,
    ))
}

fn field(id: &str) -> String {
    format!("answers.{id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::Surveys;

    const FILE: &str = r#"
[[survey]]
id = "s"
brand = "B"
allowed_origins = ["https://b.example"]

[[survey.extra_questions]]
id = "reason"
kind = "choice"
required = true
label = { en = "Why?" }
options = [{ id = "price", label = { en = "Price" } }, { id = "speed", label = { en = "Speed" } }]

[[survey.extra_questions]]
id = "other"
kind = "text"
label = { en = "Anything else?" }
"#;

    fn survey() -> SurveyDefinition {
        let surveys = Surveys::from_toml_str(FILE).unwrap_or_else(|e| panic!("{e}"));
        surveys.get("s").cloned().expect("survey s")
    }

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn problems(pairs: &[(&str, &str)]) -> Vec<(String, FieldErrorCode)> {
        survey()
            .check_answers(&answers(pairs))
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn fitting_answers_pass() {
        assert!(problems(&[("reason", "speed"), ("other", "anything")]).is_empty());
        assert!(problems(&[("reason", "price")]).is_empty());
    }

    #[test]
    fn every_problem_is_named_by_question() {
        assert_eq!(
            problems(&[("colour", "red"), ("other", "x")]),
            [
                ("answers.colour".to_owned(), FieldErrorCode::Unknown),
                ("answers.reason".to_owned(), FieldErrorCode::Missing),
            ]
        );
        let errors = survey().check_answers(&answers(&[("reason", "taste")]));
        assert_eq!(errors[0].field, "answers.reason");
        assert_eq!(errors[0].code, FieldErrorCode::InvalidFormat);
        assert!(errors[0].message.contains("price, speed"), "{errors:?}");
    }

    #[test]
    fn a_survey_without_questions_refuses_any_answer() {
        let surveys = Surveys::from_toml_str(FILE.split("[[survey.extra").next().unwrap_or(""))
            .unwrap_or_else(|e| panic!("{e}"));
        let plain = surveys.get("s").cloned().expect("survey s");
        let errors = plain.check_answers(&answers(&[("reason", "price")]));
        assert!(errors[0].message.contains("asks no extra questions"));
    }
}
