//! One extra question of the survey: a choice (native radio buttons in a
//! fieldset, so keyboards and screen readers need nothing special) or text.

use ambassador_shared::input::limits::MAX_ANSWER_CHARS;
use ambassador_shared::survey::{ExtraKind, ExtraQuestion};
use ambassador_shared::text::i18n::Message;
use ambassador_shared::text::messages::Messages;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::flow::Action;

/// Question `q` with its current `answer`; `missing` when the customer tried
/// to send with this required question blank.
pub fn extra(
    m: &Messages,
    q: &ExtraQuestion<String>,
    answer: Option<&str>,
    missing: bool,
    dispatch: &Callback<Action>,
) -> Html {
    let error_id = format!("ambassador-{}-error", q.id);
    let error = missing.then(|| {
        html! { <p id={error_id.clone()} class="error" role="alert">{ m.get(Message::AnswerRequired).to_owned() }</p> }
    });
    let described = missing.then(|| error_id.clone());
    let legend = match q.required {
        true => html! { { q.label.clone() } },
        false => {
            html! { <>{ q.label.clone() }<span class="optional">{ format!(" ({})", m.get(Message::Optional)) }</span></> }
        }
    };
    let id = q.id.clone();
    let on_answer = dispatch.reform(move |e: Event| {
        let value = e.target_unchecked_into::<HtmlInputElement>().value();
        Action::Answer(id.clone(), value)
    });
    match &q.kind {
        ExtraKind::Choice { options } => {
            let options = options.iter().map(|option| {
                let checked = answer == Some(option.id.as_str());
                html! {
                    <label class="option">
                        <input type="radio" name={q.id.clone()} value={option.id.clone()} {checked}
                            required={q.required} onchange={on_answer.clone()} />
                        { option.label.clone() }
                    </label>
                }
            });
            html! {
                <fieldset class="extra" aria-describedby={described}>
                    <legend class="question">{ legend }</legend>
                    { for options }
                    { error.unwrap_or_default() }
                </fieldset>
            }
        }
        ExtraKind::Text => {
            let input_id = format!("ambassador-{}", q.id);
            html! {
                <div class="extra">
                    <label class="question" for={input_id.clone()}>{ legend }</label>
                    <input id={input_id} type="text" maxlength={MAX_ANSWER_CHARS.to_string()}
                        value={answer.unwrap_or_default().to_owned()} required={q.required}
                        aria-describedby={described} onchange={on_answer} />
                    { error.unwrap_or_default() }
                </div>
            }
        }
    }
}
