//! The "why?" step: a question chosen by category, a comment box, send.

use ambassador_shared::i18n::{fill, text, Message};
use ambassador_shared::limits::MAX_COMMENT_CHARS;
use ambassador_shared::{Category, Locale};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FollowUpProps {
    pub locale: Locale,
    pub category: Category,
    pub comment: AttrValue,
    pub sending: bool,
    pub on_edit: Callback<String>,
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
    html! {
        <form class="follow-up" {onsubmit}>
            <label for="ambassador-comment" class="question">
                { text(l, Message::follow_up(props.category)) }
            </label>
            <textarea id="ambassador-comment" rows="3" maxlength={MAX_COMMENT_CHARS.to_string()}
                placeholder={text(l, Message::CommentPlaceholder)} value={props.comment.clone()}
                aria-describedby="ambassador-left" {oninput} />
            <div id="ambassador-left" class="counter" aria-live="polite">
                { fill(text(l, Message::CharactersLeft), "n", &left.to_string()) }
            </div>
            <button type="submit" class="send" disabled={props.sending}>{ text(l, button) }</button>
        </form>
    }
}
