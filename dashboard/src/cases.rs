//! The cases inbox: open cases oldest first, overdue ones marked, and for
//! agents the step that matters most, marking a customer contacted.

use serde::Deserialize;
use serde_json::json;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{self, Failure};

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Inbox {
    cases: Vec<Case>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Case {
    id: String,
    status: String,
    opened_at: String,
    overdue: bool,
    answer: Answer,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Answer {
    score: u8,
    comment: Option<String>,
    context: Context,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Context {
    touchpoint: Option<String>,
    customer_ref: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct CasesProps {
    /// The survey's id.
    pub survey: String,
    /// Whether the person may change cases (an agent).
    pub works_cases: bool,
}

#[function_component(Cases)]
pub fn cases(props: &CasesProps) -> Html {
    let inbox = use_state(|| None::<Result<Inbox, Failure>>);
    let reload = use_state(|| 0u32);
    {
        let inbox = inbox.clone();
        use_effect_with((props.survey.clone(), *reload), move |(survey, _)| {
            let path = format!("/v1/surveys/{survey}/cases");
            spawn_local(async move { inbox.set(Some(api::get::<Inbox>(&path).await)) });
        });
    }
    let contacted = {
        let (reload, inbox) = (reload.clone(), inbox.clone());
        Callback::from(move |id: String| {
            let (reload, inbox) = (reload.clone(), inbox.clone());
            spawn_local(async move {
                let body = json!({"status": "contacted"});
                let path = format!("/v1/cases/{id}");
                match api::send::<serde_json::Value>("PATCH", &path, &body).await {
                    Ok(_) => reload.set(*reload + 1),
                    Err(failure) => inbox.set(Some(Err(failure))),
                }
            });
        })
    };
    let body = match &*inbox {
        None => html! { <p>{ "Loading…" }</p> },
        Some(Err(failure)) => html! { <p class="error" role="alert">{ failure.message() }</p> },
        Some(Ok(inbox)) if inbox.cases.is_empty() => html! { <p>{ "No open cases." }</p> },
        Some(Ok(inbox)) => html! {
            <table class="cases">
                <thead><tr>
                    <th scope="col">{ "Opened" }</th><th scope="col">{ "Score" }</th>
                    <th scope="col">{ "Comment" }</th><th scope="col">{ "Customer" }</th>
                    <th scope="col">{ "Touchpoint" }</th><th scope="col">{ "Status" }</th>
                    if props.works_cases { <th scope="col">{ "Action" }</th> }
                </tr></thead>
                <tbody>
                    { for inbox.cases.iter().map(|case| row(case, props.works_cases, &contacted)) }
                </tbody>
            </table>
        },
    };
    html! {
        <section aria-labelledby="cases-title">
            <h2 id="cases-title">{ "Cases to follow up" }</h2>
            { body }
        </section>
    }
}

fn row(case: &Case, works_cases: bool, contacted: &Callback<String>) -> Html {
    let day = case
        .opened_at
        .get(..10)
        .unwrap_or(&case.opened_at)
        .to_owned();
    let status = if case.overdue {
        format!("{} (overdue)", case.status)
    } else {
        case.status.clone()
    };
    let act = {
        let (contacted, id) = (contacted.clone(), case.id.clone());
        Callback::from(move |_| contacted.emit(id.clone()))
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_owned());
    html! {
        <tr class={classes!(case.overdue.then_some("overdue"))}>
            <td>{ day }</td>
            <td>{ case.answer.score }</td>
            <td>{ text(&case.answer.comment) }</td>
            <td>{ text(&case.answer.context.customer_ref) }</td>
            <td>{ text(&case.answer.context.touchpoint) }</td>
            <td>{ status }</td>
            if works_cases {
                <td>
                    if case.status == "open" {
                        <button type="button" onclick={act}>{ "Mark contacted" }</button>
                    }
                </td>
            }
        </tr>
    }
}
