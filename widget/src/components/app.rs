//! The survey: renders the flow's phase and sends the answer when asked.

use std::rc::Rc;

use ambassador_shared::i18n::{fill, text, Message};
use ambassador_shared::Submission;
use yew::prelude::*;

use super::follow_up::FollowUp;
use super::scale::Scale;
use crate::api;
use crate::config::WidgetConfig;
use crate::flow::{Action, Flow, Phase};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: WidgetConfig,
    /// The idempotency key of this answer, minted once at mount.
    pub response_id: AttrValue,
}

/// Yew's reducer wrapper around the plain-Rust [`Flow`].
#[derive(PartialEq)]
struct FlowState(Flow);

impl Reducible for FlowState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(FlowState(self.0.clone().apply(action)))
    }
}

fn submission(props: &AppProps, flow: &Flow) -> Option<Submission> {
    let c = &props.config;
    Some(Submission {
        id: props.response_id.to_string(),
        survey_id: c.survey.clone(),
        score: flow.score?,
        comment: Some(flow.comment.trim().to_owned()).filter(|s| !s.is_empty()),
        locale: c.locale,
        context: c.context.clone(),
        answers: Default::default(),
        token: None,
    })
}

/// Sends the answer whenever the flow enters `Sending`.
#[hook]
fn use_sender(props: &AppProps, state: &UseReducerHandle<FlowState>) {
    let sending = state.0.phase == Phase::Sending;
    let pending = sending.then(|| submission(props, &state.0)).flatten();
    let endpoint = props.config.endpoint.clone();
    let dispatcher = state.dispatcher();
    use_effect_with(sending, move |_| {
        if let Some(answer) = pending {
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match api::send(&endpoint, &answer).await {
                    Ok(()) => Action::Sent,
                    Err(why) => Action::SendFailed(why),
                };
                dispatcher.dispatch(outcome);
            });
        }
    });
}

/// A callback that turns an event payload into a flow action.
fn dispatch<T: 'static>(
    state: &UseReducerHandle<FlowState>,
    action: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |payload| dispatcher.dispatch(action(payload)))
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| FlowState(Flow::default()));
    use_sender(props, &state);
    let l = props.config.locale;
    let flow = &state.0;
    if flow.phase == Phase::Thanks {
        return html! { <div class="survey thanks" role="status">{ text(l, Message::Thanks) }</div> };
    }
    let question = fill(text(l, Message::Question), "brand", &props.config.brand);
    let on_choose = dispatch(&state, Action::Choose);
    let follow_up = flow.category().map(|category| {
        html! {
            <FollowUp locale={l} {category} comment={flow.comment.clone()}
                sending={flow.phase == Phase::Sending}
                on_edit={dispatch(&state, Action::EditComment)}
                on_submit={dispatch(&state, |()| Action::Submit)} />
        }
    });
    let failure = match &flow.phase {
        Phase::Failed(why) => html! {
            <p class="error" role="alert" title={why.clone()}>{ text(l, Message::SendFailed) }</p>
        },
        _ => html! {},
    };
    html! {
        <section class="survey" aria-label={question.clone()}>
            <h2 class="question">{ question }</h2>
            <Scale locale={l} selected={flow.score} {on_choose} />
            { for follow_up }
            { failure }
        </section>
    }
}
