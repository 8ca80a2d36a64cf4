//! The customer's answer as the edge takes it: the JSON object of
//! `POST /v1/responses` (`ambassador_shared::Submission` on the edge), built
//! as a plain JS object so the browser prints it.

use ambassador_shared::Locale;
use wasm_bindgen::JsValue;

use crate::config::{Mode, WidgetConfig};
use crate::flow::Flow;
use crate::js;

/// The answer `flow` holds, under the idempotency key `id`, given in
/// `locale` (the language the customer read, English when the survey's texts
/// did not arrive); `None` until a score is chosen.
pub fn to_js(config: &WidgetConfig, locale: Locale, flow: &Flow, id: &str) -> Option<JsValue> {
    let score = flow.score?;
    let answer = js::object([
        ("id", id),
        ("survey_id", &config.survey),
        ("locale", locale.as_str()),
    ]);
    js::set(&answer, "score", score.value());
    let comment = flow.comment.trim();
    if !comment.is_empty() {
        js::set(&answer, "comment", comment);
    }
    if let Mode::Email(link) = &config.mode {
        js::set(&answer, "token", link.token.as_str());
    }
    js::set(&answer, "context", js::object(config.context.entries()));
    let answers = flow.answers.iter().map(|(q, a)| (q.as_str(), a.as_str()));
    js::set(&answer, "answers", js::object(answers));
    Some(answer.into())
}
