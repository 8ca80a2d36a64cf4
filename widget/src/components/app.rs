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

#[derive(Properties)]
pub struct AppProps {
    pub config: Rc<WidgetConfig>,
    /// Texts and extra questions, already in the visitor's language.
    pub survey: Rc<PublicSurvey>,
    /// The idempotency key of this answer: minted at mount, or the email
    /// link's response id.
    pub response_id: AttrValue,
}

/// The same props when they hold the same config and survey. Yew compares
/// props only when a parent renders again, which the root never does; by
/// pointer, the wasm carries no field-by-field comparison of a whole survey.
impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config)
            && Rc::ptr_eq(&self.survey, &other.survey)
            && self.response_id == other.response_id
    }
}

/// The survey's state; customer input and delivery outcomes arrive as
/// messages. A struct component rather than a function component with
/// hooks: Yew's hook machinery (hook states, reducer, effect) cost the wasm
/// more than these few lines do.
pub struct App {
    flow: Flow,
    /// `(sending, over)` as of the last render: delivery and throttle act
    /// when either changes, as an effect with those dependencies would.
    acted_on: (bool, bool),
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

impl Component for App {
    type Message = Action;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        App {
            flow: initial_flow(ctx.props()),
            acted_on: (false, false),
        }
    }

    fn update(&mut self, _ctx: &Context<Self>, action: Action) -> bool {
        let flow = std::mem::replace(&mut self.flow, Flow::new(Vec::new(), None));
        self.flow = flow.apply(action);
        true
    }

    fn rendered(&mut self, ctx: &Context<Self>, _first_render: bool) {
        let now = (self.flow.phase == Phase::Sending, self.flow.is_over());
        if now != self.acted_on {
            self.acted_on = now;
            deliver_and_throttle(ctx, &self.flow);
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        view(
            ctx.props(),
            &self.flow,
            &ctx.link().callback(|action| action),
        )
    }
}

/// Whenever the flow enters `Sending`: keep the answer in the outbox, send
/// it, and on a passing failure try again after the shared backoff, or as
/// soon as the browser is back online. Once the survey is over (answered,
/// queued or dismissed), the visitor is not asked again for the survey's
/// throttle period.
fn deliver_and_throttle(ctx: &Context<App>, flow: &Flow) {
    let props = ctx.props();
    if flow.is_over() {
        throttle::remember(&props.config.survey, props.survey.throttle_days);
    }
    if flow.phase != Phase::Sending {
        return;
    }
    let locale = props.survey.locale;
    let Some(answer) = answer::to_js(&props.config, locale, flow, &props.response_id) else {
        return;
    };
    let body = outbox::keep(&answer);
    let (endpoint, attempts) = (props.config.endpoint.clone(), flow.attempts);
    let id = props.response_id.to_string();
    let link = ctx.link().clone();
    wasm_bindgen_futures::spawn_local(async move {
        let delivery = api::send(&endpoint, &body).await;
        if delivery.outcome != Outcome::Retry {
            outbox::forget(&id);
        }
        match delivery.outcome {
            Outcome::Delivered => link.send_message(Action::Delivered),
            Outcome::Refused => link.send_message(Action::Refused(delivery.detail)),
            Outcome::Retry => {
                link.send_message(Action::Failed(delivery.detail));
                after_or_online(
                    backoff_ms(attempts),
                    Box::new(move || link.send_message(Action::Submit)),
                );
            }
        }
    });
}

/// The survey as `flow` stands; input goes to `dispatch` as flow actions.
fn view(props: &AppProps, flow: &Flow, dispatch: &Callback<Action>) -> Html {
    if !flow.is_shown() {
        return html! {};
    }
    let m = &props.survey.messages;
    // A popup closes with its × or Escape.
    let close = (props.config.mode == Mode::Popup).then(|| dispatch.reform(|()| Action::Close));
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
        _ => questions(props, flow, dispatch),
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
fn questions(props: &AppProps, flow: &Flow, dispatch: &Callback<Action>) -> Html {
    let survey = &props.survey;
    let m = &survey.messages;
    let follow_up = flow.category().map(|category| {
        let question = survey.follow_up.get(category);
        follow_up(m, question, &survey.extra_questions, flow, dispatch)
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
