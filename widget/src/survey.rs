//! The survey as shown: fetched from the edge in the visitor's language, or
//! built from the built-in texts when the edge cannot say, so a customer can
//! always answer (the answer then waits in the outbox if the edge is away).

use ambassador_shared::i18n::{fill, text, Message};
use ambassador_shared::survey::DEFAULT_THROTTLE_DAYS;
use ambassador_shared::{ByCategory, PublicSurvey};

use crate::api;
use crate::config::WidgetConfig;

/// The survey for `config`, from the edge if it answers.
pub async fn load(config: &WidgetConfig) -> PublicSurvey {
    api::survey(&config.endpoint, &config.survey, config.locale)
        .await
        .unwrap_or_else(|| built_in(config))
}

/// The default question and follow-ups in the configured locale, with the
/// `data-brand` name, no extra questions and the default throttle.
fn built_in(config: &WidgetConfig) -> PublicSurvey {
    let l = config.locale;
    PublicSurvey {
        id: config.survey.clone(),
        brand: config.brand.clone(),
        locale: l,
        question: fill(text(l, Message::Question), "brand", &config.brand),
        follow_up: ByCategory::<()>::default()
            .map(|category, ()| text(l, Message::follow_up(category)).to_owned()),
        extra_questions: Vec::new(),
        throttle_days: DEFAULT_THROTTLE_DAYS,
    }
}
