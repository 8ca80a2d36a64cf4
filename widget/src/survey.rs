//! The survey as shown: the texts the loader fetched from the edge in the
//! visitor's language (the survey's own and the widget's fixed strings), or
//! the built-in English texts when the edge could not say, so a customer can
//! always answer (the answer then waits in the outbox if the edge is away).
//! Unless the edge refused this page the survey: then nothing is shown, since
//! no answer could be sent, and the edge's message tells the webmaster what
//! to fix.
//!
//! Only English is built in: the wasm is downloaded by every visitor, and
//! carrying seven languages to cover a failed request cost more than the
//! request saves.

use ambassador_shared::survey::{ChoiceOption, ExtraKind, ExtraQuestion, DEFAULT_THROTTLE_DAYS};
use ambassador_shared::text::i18n::{fill, text, Message};
use ambassador_shared::text::messages::Messages;
use ambassador_shared::{ByCategory, Locale, PublicSurvey};
use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::config::WidgetConfig;
use crate::js;

/// The edge's errors that refuse this page the survey for good, rather than
/// for now: its origin is not in `allowed_origins`, or there is no such survey.
const REFUSALS: [&str; 2] = ["origin_not_allowed", "unknown_survey"];

/// The survey for `config`, from `sent`: the loader's promise of the edge's
/// JSON (undefined when the request failed), or `Err` with the edge's message
/// when it refused the survey to this page. Texts in another language than
/// the widget negotiated are not used, so a page never mixes two languages.
pub async fn load(config: &WidgetConfig, sent: &JsValue) -> Result<PublicSurvey, String> {
    let sent = JsFuture::from(Promise::resolve(sent)).await.ok();
    let refused = |error: &JsValue| {
        js::string(error, "code").is_some_and(|code| REFUSALS.contains(&code.as_str()))
    };
    let error = sent.as_ref().map(|sent| js::get(sent, "error"));
    if let Some(error) = error.filter(refused) {
        return Err(js::string(&error, "message").unwrap_or_default());
    }
    Ok(sent
        .as_ref()
        .and_then(from_js)
        .filter(|survey| survey.locale == config.locale)
        .unwrap_or_else(|| built_in(config)))
}

/// Reads the edge's `PublicSurvey` JSON; `None` if any part is missing.
fn from_js(v: &JsValue) -> Option<PublicSurvey> {
    let follow_up = js::get(v, "follow_up");
    let messages = js::get(v, "messages");
    let follow_up = |category: &str| js::string(&follow_up, category);
    Some(PublicSurvey {
        id: js::string(v, "id")?,
        brand: js::string(v, "brand")?,
        locale: Locale::from_tag(&js::string(v, "locale")?)?,
        question: js::string(v, "question")?,
        follow_up: ByCategory {
            detractor: follow_up("detractor")?,
            passive: follow_up("passive")?,
            promoter: follow_up("promoter")?,
        },
        extra_questions: js::items(&js::get(v, "extra_questions"))
            .iter()
            .map(extra_question)
            .collect::<Option<_>>()?,
        throttle_days: js::number(v, "throttle_days")? as u16,
        messages: Messages::read(|key| js::string(&messages, key))?,
    })
}

fn extra_question(v: &JsValue) -> Option<ExtraQuestion<String>> {
    let kind = match js::string(v, "kind")?.as_str() {
        "text" => ExtraKind::Text,
        "choice" => ExtraKind::Choice {
            options: js::items(&js::get(v, "options"))
                .iter()
                .map(|o| {
                    Some(ChoiceOption {
                        id: js::string(o, "id")?,
                        label: js::string(o, "label")?,
                    })
                })
                .collect::<Option<_>>()?,
        },
        _ => return None,
    };
    Some(ExtraQuestion {
        id: js::string(v, "id")?,
        label: js::string(v, "label")?,
        required: js::get(v, "required").as_bool().unwrap_or(false),
        kind,
    })
}

/// The default question and follow-ups in English, with the `data-brand`
/// name, no extra questions and the default throttle. The locale is a
/// constant so that only the English column of the table reaches the wasm.
fn built_in(config: &WidgetConfig) -> PublicSurvey {
    const EN: Locale = Locale::En;
    PublicSurvey {
        id: config.survey.clone(),
        brand: config.brand.clone(),
        locale: EN,
        question: fill(text(EN, Message::Question), "brand", &config.brand),
        follow_up: ByCategory::<()>::default()
            .map(|category, ()| text(EN, Message::follow_up(category)).to_owned()),
        extra_questions: Vec::new(),
        throttle_days: DEFAULT_THROTTLE_DAYS,
        messages: Messages::english(),
    }
}
