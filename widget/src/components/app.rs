//! The survey: renders the flow's phase, delivers the answer through the
//! outbox when asked, and silences the survey once it is over.

use std::rc::Rc;

use ambassador_shared::client::resend::{backoff_ms, Outcome};
use ambassador_shared::text::i18n::Message;
use ambassador_shared::PublicSurvey;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::follow_up::follow_up;
use super::scale::scale;
use crate::config::{Mode, WidgetConfig};
use crate::flow::{Action, Flow, Phase};
use crate::resend::after_or_online;
use crate::{answer, api, outbox, throttle};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: Rc<WidgetConfig>,
    /// Texts and extra questions, already in the visitor's language.
    pub survey: Rc<PublicSurvey>,
    /// The idempotency key of this answer: minted at mount, or the email
    /// link's response id.
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

fn initial_flow(props: &AppProps) -> Flow {
    let required = props
        .survey
        .extra_questions
        .iter()
        .filter(|q| q.required)
        .map(|q| q.id.clone())
        .collect();
    let score = match &props.config.mode {
        Mode::Email(link) => Some(link.score),
        _ => None,
    };
    Flow::new(required, score)
}

/// Whenever the flow enters `Sending`: keep the answer in the outbox, send
/// it, and on a passing failure try again after the shared backoff, or as
/// soon as the browser is back online. Once the survey is over (answered,
/// queued or dismissed), the visitor is not asked again for the survey's
/// throttle period. One effect for both, since each effect is its own copy of
/// Yew's hook machinery in the wasm.
#[hook]
fn use_delivery_and_throttle(props: &AppProps, state: &UseReducerHandle<FlowState>) {
    let (sending, over) = (state.0.phase == Phase::Sending, state.0.is_over());
    let pending = sending
        .then(|| {
            let locale = props.survey.locale;
            answer::to_js(&props.config, locale, &state.0, &props.response_id)
        })
        .flatten();
    let (endpoint, attempts) = (props.config.endpoint.clone(), state.0.attempts);
    let (survey, days) = (props.config.survey.clone(), props.survey.throttle_days);
    let id = props.response_id.to_string();
    let dispatcher = state.dispatcher();
    use_effect_with((sending, over), move |_| {
        if over {
            throttle::remember(&survey, days);
        }
        let Some(answer) = pending else { return };
        let body = outbox::keep(&answer);
        wasm_bindgen_futures::spawn_local(async move {
            let delivery = api::send(&endpoint, &body).await;
            if delivery.outcome != Outcome::Retry {
                outbox::forget(&id);
            }
            match delivery.outcome {
                Outcome::Delivered => dispatcher.dispatch(Action::Delivered),
                Outcome::Refused => dispatcher.dispatch(Action::Refused(delivery.detail)),
                Outcome::Retry => {
                    dispatcher.dispatch(Action::Failed(delivery.detail));
                    after_or_online(backoff_ms(attempts), move || {
                        dispatcher.dispatch(Action::Submit)
                    });
                }
            }
        });
    });
}

/// Customer input as flow actions.
fn dispatch(state: &UseReducerHandle<FlowState>) -> Callback<Action> {
    let dispatcher = state.dispatcher();
    Callback::from(move |action| dispatcher.dispatch(action))
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| FlowState(initial_flow(props)));
    use_delivery_and_throttle(props, &state);
    let flow = &state.0;
    if !flow.is_shown() {
        return html! {};
    }
    let m = &props.survey.messages;
    // A popup closes with its × or Escape.
    let close =
        (props.config.mode == Mode::Popup).then(|| dispatch(&state).reform(|()| Action::Close));
    let close_button = close.as_ref().map(|close| {
        let onclick = close.reform(|_| ());
        html! {
            <button type="button" class="close" aria-label={m.get(Message::Close).to_owned()} {onclick}>{ "×" }</button>
        }
    });
    let onkeydown = close.map(|close| {
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close.emit(());
            }
        })
    });
    let body = match &flow.phase {
        Phase::Thanks => {
            html! { <p class="thanks" role="status">{ m.get(Message::Thanks).to_owned() }</p> }
        }
        Phase::Waiting(why) => html! {
            <p class="notice" role="status" title={why.clone()}>{ m.get(Message::SendFailed).to_owned() }</p>
        },
        _ => questions(props, &state),
    };
    html! {
        <section class="survey" aria-label={props.survey.question.clone()} {onkeydown}>
            { close_button.unwrap_or_default() }
            { body }
        </section>
    }
}

/// The scale, then the follow-up once a score is chosen. Optional parts are
/// always a child (possibly empty), never spliced in with `for`: Yew matches
/// unkeyed children from the end, so a child appearing in the middle would
/// rebuild the scale and lose the keyboard focus.
fn questions(props: &AppProps, state: &UseReducerHandle<FlowState>) -> Html {
    let (flow, survey) = (&state.0, &props.survey);
    let m = &survey.messages;
    let dispatch = dispatch(state);
    let follow_up = flow.category().map(|category| {
        let question = survey.follow_up.get(category);
        follow_up(m, question, &survey.extra_questions, flow, &dispatch)
    });
    let refused = match &flow.phase {
        Phase::Refused(why) => html! {
            <p class="error" role="alert" title={why.clone()}>{ m.get(Message::Refused).to_owned() }</p>
        },
        _ => html! {},
    };
    html! {
        <>
            <h2 class="question">{ survey.question.clone() }</h2>
            { scale(m, flow.score, &dispatch.reform(Action::Choose)) }
            { follow_up.unwrap_or_default() }
            { refused }
        </>
    }
}
