//! The "why?" step: the survey's question for the chosen category, a comment
//! box, the survey's extra questions, send.

use std::collections::BTreeMap;
use std::rc::Rc;

use ambassador_shared::i18n::{fill, text, Message};
use ambassador_shared::limits::MAX_COMMENT_CHARS;
use ambassador_shared::survey::ExtraQuestion;
use ambassador_shared::Locale;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::extra::Extra;

#[derive(Properties, PartialEq)]
pub struct FollowUpProps {
    pub locale: Locale,
    /// The follow-up question for the chosen score's category.
    pub question: AttrValue,
    pub comment: AttrValue,
    pub extras: Rc<Vec<ExtraQuestion<String>>>,
    pub answers: BTreeMap<String, String>,
    /// Required questions the customer tried to skip.
    pub missing: Vec<String>,
    pub sending: bool,
    pub on_edit: Callback<String>,
    /// `(question id, answer)`.
    pub on_answer: Callback<(String, String)>,
    pub on_submit: Callback<()>,
}

#[function_component(FollowUp)]
pub fn follow_up(props: &FollowUpProps) -> Html {
    let l = props.locale;
    let oninput = props
        .on_edit
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let onsubmit = props.on_submit.reform(|e: SubmitEvent| e.prevent_default());
    let left = MAX_COMMENT_CHARS.saturating_sub(props.comment.chars().count());
    let button = if props.sending {
        Message::Sending
    } else {
        Message::Submit
    };
    let extras = props.extras.iter().map(|question| {
        html! {
            <Extra locale={l} question={question.clone()}
                answer={props.answers.get(&question.id).cloned()}
                missing={props.missing.contains(&question.id)}
                on_answer={props.on_answer.clone()} />
        }
    });
    html! {
        <form class="follow-up" novalidate=true {onsubmit}>
            <label for="ambassador-comment" class="question">{ props.question.clone() }</label>
            <textarea id="ambassador-comment" rows="3" maxlength={MAX_COMMENT_CHARS.to_string()}
                placeholder={text(l, Message::CommentPlaceholder)} value={props.comment.clone()}
                aria-describedby="ambassador-left" {oninput} />
            <div id="ambassador-left" class="counter" aria-live="polite">
                { fill(text(l, Message::CharactersLeft), "n", &left.to_string()) }
            </div>
            { for extras }
            <button type="submit" class="send" disabled={props.sending}>{ text(l, button) }</button>
        </form>
    }
}
