//! What the widget needs to show one survey in one language, and nothing more.

use serde::{Deserialize, Serialize};

use super::extra::ExtraQuestion;
use super::SurveyDefinition;
use crate::answer::category::ByCategory;
use crate::text::messages::Messages;
use crate::Locale;

/// A survey resolved for one locale, safe to send to any browser: every text
/// is final, and where answers are forwarded (with their secrets) is left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSurvey {
    /// The survey's id, sent back with the answer.
    pub id: String,
    /// The name the question asks about.
    pub brand: String,
    /// The language every text below is in.
    pub locale: Locale,
    /// The 0-10 question.
    pub question: String,
    /// The follow-up question for each category.
    pub follow_up: ByCategory<String>,
    /// Further questions, in order.
    pub extra_questions: Vec<ExtraQuestion<String>>,
    /// Days the widget waits before asking the same visitor again.
    pub throttle_days: u16,
    /// The widget's fixed strings in `locale`: sent here so the widget's
    /// wasm need not carry every language.
    pub messages: Messages,
}

impl SurveyDefinition {
    /// This survey as the widget shows it in `locale`.
    pub fn public_view(&self, locale: Locale) -> PublicSurvey {
        PublicSurvey {
            id: self.id.clone(),
            brand: self.brand.clone(),
            locale,
            question: self.question(locale),
            follow_up: self
                .follow_up
                .map(|category, _| self.follow_up(locale, category)),
            extra_questions: self
                .extra_questions
                .iter()
                .map(|q| q.localize(locale))
                .collect(),
            throttle_days: self.throttle_days,
            messages: Messages::new(locale),
        }
    }
}
