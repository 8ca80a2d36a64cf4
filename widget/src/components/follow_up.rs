//! The "why?" step: the survey's question for the chosen category, a comment
//! box, the survey's extra questions, send.

use ambassador_shared::input::limits::MAX_COMMENT_CHARS;
use ambassador_shared::survey::ExtraQuestion;
use ambassador_shared::text::i18n::{fill, Message};
use ambassador_shared::text::messages::Messages;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::extra::extra;
use crate::flow::{Action, Flow, Phase};

/// The follow-up form asking `question`, filled from `flow`; input goes to
/// `dispatch` as flow actions.
pub fn follow_up(
    m: &Messages,
    question: &str,
    extras: &[ExtraQuestion<String>],
    flow: &Flow,
    dispatch: &Callback<Action>,
) -> Html {
    let oninput = dispatch.reform(|e: InputEvent| {
        Action::EditComment(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    let onsubmit = dispatch.reform(|e: SubmitEvent| {
        e.prevent_default();
        Action::Submit
    });
    let left = MAX_COMMENT_CHARS.saturating_sub(flow.comment.chars().count());
    let sending = flow.phase == Phase::Sending;
    let button = if sending {
        Message::Sending
    } else {
        Message::Submit
    };
    let missing = match flow.insisted {
        true => flow.unanswered(),
        false => Vec::new(),
    };
    let extras = extras.iter().map(|q| {
        let blank = missing.contains(&q.id.as_str());
        extra(m, q, flow.answer(&q.id), blank, dispatch)
    });
    html! {
        <form class="follow-up" novalidate=true {onsubmit}>
            <label for="ambassador-comment" class="question">{ question.to_owned() }</label>
            <textarea id="ambassador-comment" rows="3" maxlength={MAX_COMMENT_CHARS.to_string()}
                placeholder={m.get(Message::CommentPlaceholder).to_owned()} value={flow.comment.clone()}
                aria-describedby="ambassador-left" {oninput} />
            <div id="ambassador-left" class="counter" aria-live="polite">
                { fill(m.get(Message::CharactersLeft), "n", &left.to_string()) }
            </div>
            { for extras }
            <button type="submit" class="send" disabled={sending}>{ m.get(button).to_owned() }</button>
        </form>
    }
}
