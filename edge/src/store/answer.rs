//! The columns of a stored answer that its events carry, as a row that
//! joins an answer reads them (`#[serde(flatten)]` into a case's or a
//! click's row), so one place turns them back into a [`Submission`].

use ambassador_shared::{Context, Locale, Score, Submission};
use serde::Deserialize;

use crate::ApiError;

/// A stored answer's own columns. `comment` is absent from rows that do not
/// select it (a click has none).
#[derive(Debug, Deserialize)]
pub struct AnswerColumns {
    pub id: String,
    pub survey_id: String,
    pub score: u8,
    pub comment: Option<String>,
    pub locale: String,
    pub touchpoint: Option<String>,
    pub role: Option<String>,
    pub customer_ref: Option<String>,
    pub transaction_ref: Option<String>,
}

impl AnswerColumns {
    /// The answer as events carry it (no extra answers, no page URL: events
    /// never hold them). A stored score outside 0-10 is a storage fault.
    pub fn submission(&self) -> Result<Submission, ApiError> {
        let score = Score::new(i64::from(self.score))
            .map_err(|e| ApiError::Unavailable(format!("answer {}: {e}", self.id)))?;
        Ok(Submission {
            id: self.id.clone(),
            survey_id: self.survey_id.clone(),
            score,
            comment: self.comment.clone(),
            locale: Locale::from_tag(&self.locale).unwrap_or_default(),
            context: Context {
                touchpoint: self.touchpoint.clone(),
                role: self.role.clone(),
                customer_ref: self.customer_ref.clone(),
                transaction_ref: self.transaction_ref.clone(),
                page_url: None,
            },
            answers: Default::default(),
            token: None,
        })
    }
}
