//! The cases inbox: open cases oldest first, overdue ones marked, the
//! figures per touchpoint, and a case opened to read its history; agents
//! mark a customer contacted or unreachable, assign it to an agent, add
//! notes and resolve.

use serde::Deserialize;
use serde_json::json;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use ambassador_shared::text::dashboard::Label;
use ambassador_shared::Locale;

use crate::api::{self, Failure};
use crate::view::{failed, loading};
use crate::words::{t, tf, use_locale};

/// A case's status in the reader's words.
fn status_name(locale: Locale, status: &str) -> &'static str {
    let label = match status {
        "contacted" => Label::StatusContacted,
        "resolved" => Label::StatusResolved,
        "unreachable" => Label::StatusUnreachable,
        _ => Label::StatusOpen,
    };
    t(locale, label)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Inbox {
    sla_hours: u32,
    by_touchpoint: Vec<TouchpointFigures>,
    cases: Vec<Case>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct TouchpointFigures {
    touchpoint: Option<String>,
    figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Figures {
    open: u64,
    overdue: u64,
    median_hours_to_contact: Option<f64>,
    contacted_within_sla: Option<f64>,
}

/// A case with its history, as `GET /v1/cases/{id}` gives it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Detail {
    id: String,
    status: String,
    assignee: Option<String>,
    resolution: Option<String>,
    notes: Vec<Note>,
}

/// Who may be named, as `GET /v1/users` gives them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Users {
    users: Vec<User>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct User {
    name: String,
    role: String,
}

/// The agents, who may take a case: the choices of the assignee picker.
#[hook]
fn use_agents(asked: bool) -> Vec<String> {
    let agents = use_state(Vec::new);
    {
        let agents = agents.clone();
        use_effect_with(asked, move |asked| {
            if *asked {
                spawn_local(async move {
                    if let Ok(found) = api::get::<Users>("/v1/users").await {
                        let names = found.users.into_iter().filter(|u| u.role == "agent");
                        agents.set(names.map(|u| u.name).collect());
                    }
                });
            }
        });
    }
    (*agents).clone()
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Note {
    at: String,
    author: String,
    text: String,
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
    let locale = use_locale();
    let inbox = use_state(|| None::<Result<Inbox, Failure>>);
    let reload = use_state(|| 0u32);
    let opened = use_state(|| None::<String>);
    {
        let inbox = inbox.clone();
        use_effect_with((props.survey.clone(), *reload), move |(survey, _)| {
            let path = format!("/v1/surveys/{survey}/cases");
            spawn_local(async move { inbox.set(Some(api::get::<Inbox>(&path).await)) });
        });
    }
    let changed = {
        let reload = reload.clone();
        Callback::from(move |()| reload.set(*reload + 1))
    };
    let contacted = {
        let (changed, inbox) = (changed.clone(), inbox.clone());
        Callback::from(move |id: String| {
            let (changed, inbox) = (changed.clone(), inbox.clone());
            spawn_local(async move {
                let body = json!({"status": "contacted"});
                let path = format!("/v1/cases/{id}");
                match api::send::<serde_json::Value>("PATCH", &path, &body).await {
                    Ok(_) => changed.emit(()),
                    Err(failure) => inbox.set(Some(Err(failure))),
                }
            });
        })
    };
    let open = {
        let opened = opened.clone();
        Callback::from(move |id: String| opened.set(Some(id)))
    };
    let body = match &*inbox {
        None => loading(locale),
        Some(Err(failure)) => failed(locale, failure),
        Some(Ok(inbox)) => html! {
            <>
                { figures(locale, inbox) }
                if inbox.cases.is_empty() {
                    <p>{ t(locale, Label::NoOpenCases) }</p>
                } else {
                    <table class="cases">
                        <thead><tr>
                            { for [Label::Opened, Label::Score, Label::Comment, Label::Customer, Label::Touchpoint,
                                   Label::Status, Label::Action].map(|l| html! { <th scope="col">{ t(locale, l) }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for inbox.cases.iter().map(|case| row(locale, case, props.works_cases, &contacted, &open)) }
                        </tbody>
                    </table>
                }
            </>
        },
    };
    html! {
        <>
            <h3>{ t(locale, Label::CasesTitle) }</h3>
            // An opened case comes first, where it is seen without scrolling
            // past the inbox.
            if let Some(id) = &*opened {
                <CaseDetail id={id.clone()} works_cases={props.works_cases} on_changed={changed} />
            }
            { body }
        </>
    }
}

/// Per touchpoint: open, overdue, median hours to first contact, and the
/// share contacted within the deadline.
fn figures(locale: Locale, inbox: &Inbox) -> Html {
    let hours = |h: Option<f64>| {
        h.map_or("—".to_owned(), |h| {
            tf(locale, Label::Hours, &[("h", &format!("{h:.1}"))])
        })
    };
    let share = |s: Option<f64>| s.map_or("—".to_owned(), |s| format!("{:.0}%", 100.0 * s));
    html! {
        <table class="figures">
            <caption>{ tf(locale, Label::Deadline, &[("hours", &inbox.sla_hours.to_string())]) }</caption>
            <thead><tr>
                { for [Label::Touchpoint, Label::OpenCount, Label::Overdue, Label::MedianToContact,
                       Label::ContactedInTime].map(|l| html! { <th scope="col">{ t(locale, l) }</th> }) }
            </tr></thead>
            <tbody>
                { for inbox.by_touchpoint.iter().map(|tp| html! {
                    <tr>
                        <th scope="row">{ tp.touchpoint.clone().unwrap_or_else(|| t(locale, Label::NoneGiven).to_owned()) }</th>
                        <td>{ tp.figures.open }</td><td>{ tp.figures.overdue }</td>
                        <td>{ hours(tp.figures.median_hours_to_contact) }</td>
                        <td>{ share(tp.figures.contacted_within_sla) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn row(
    locale: Locale,
    case: &Case,
    works_cases: bool,
    contacted: &Callback<String>,
    open: &Callback<String>,
) -> Html {
    let day = case
        .opened_at
        .get(..10)
        .unwrap_or(&case.opened_at)
        .to_owned();
    let status = status_name(locale, &case.status);
    let status = if case.overdue {
        tf(locale, Label::OverdueStatus, &[("status", status)])
    } else {
        status.to_owned()
    };
    let emit = |callback: &Callback<String>| {
        let (callback, id) = (callback.clone(), case.id.clone());
        Callback::from(move |_| callback.emit(id.clone()))
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_owned());
    let customer = text(&case.answer.context.customer_ref);
    html! {
        <tr class={classes!(case.overdue.then_some("overdue"))}>
            <td>{ day }</td>
            <td>{ case.answer.score }</td>
            <td>{ text(&case.answer.comment) }</td>
            <td>{ customer.clone() }</td>
            <td>{ text(&case.answer.context.touchpoint) }</td>
            <td>{ status }</td>
            <td class="actions">
                if works_cases && case.status == "open" {
                    <button type="button" onclick={emit(contacted)}>{ t(locale, Label::MarkContacted) }</button>
                }
                <button type="button" class="secondary" onclick={emit(open)} data-action="open"
                        aria-label={tf(locale, Label::OpenCaseOf, &[("customer", &customer)])}>
                    { t(locale, Label::OpenCase) }</button>
            </td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct CaseDetailProps {
    id: String,
    works_cases: bool,
    on_changed: Callback<()>,
}

/// One case: its history, and for agents the form that works it.
#[function_component(CaseDetail)]
fn case_detail(props: &CaseDetailProps) -> Html {
    let locale = use_locale();
    let detail = use_state(|| None::<Result<Detail, Failure>>);
    let error = use_state(|| None::<String>);
    let version = use_state(|| 0u32);
    {
        let detail = detail.clone();
        use_effect_with((props.id.clone(), *version), move |(id, _)| {
            let path = format!("/v1/cases/{id}");
            spawn_local(async move { detail.set(Some(api::get::<Detail>(&path).await)) });
        });
    }
    let agents = use_agents(props.works_cases);
    let (note, status, resolution) = (use_node_ref(), use_node_ref(), use_node_ref());
    let assignee = use_node_ref();
    let onsubmit = {
        let (note, status, resolution) = (note.clone(), status.clone(), resolution.clone());
        let (assignee, detail) = (assignee.clone(), detail.clone());
        let (id, error, version, on_changed) = (
            props.id.clone(),
            error.clone(),
            version.clone(),
            props.on_changed.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = |r: &NodeRef| {
                r.cast::<HtmlTextAreaElement>()
                    .map(|t| t.value().trim().to_owned())
                    .unwrap_or_default()
            };
            let chosen = |r: &NodeRef| r.cast::<HtmlSelectElement>().map(|s| s.value());
            let status = chosen(&status).unwrap_or_default();
            let mut body = serde_json::Map::new();
            // The assignee is sent only when changed; "" is nobody.
            let current = match &*detail {
                Some(Ok(case)) => case.assignee.clone(),
                _ => None,
            };
            if let Some(picked) = chosen(&assignee) {
                let picked = (!picked.is_empty()).then_some(picked);
                if picked != current {
                    body.insert("assignee".to_owned(), picked.into());
                }
            }
            for (key, value) in [
                ("note", text(&note)),
                ("status", status),
                ("resolution", text(&resolution)),
            ] {
                if !value.is_empty() {
                    body.insert(key.to_owned(), value.into());
                }
            }
            let (id, error, version, on_changed) = (
                id.clone(),
                error.clone(),
                version.clone(),
                on_changed.clone(),
            );
            spawn_local(async move {
                let path = format!("/v1/cases/{id}");
                match api::send::<serde_json::Value>("PATCH", &path, &body.into()).await {
                    Ok(_) => {
                        error.set(None);
                        version.set(*version + 1);
                        on_changed.emit(());
                    }
                    Err(failure) => error.set(Some(failure.message(locale))),
                }
            });
        })
    };
    // Focus moves to an opened case, so a keyboard user is where it is.
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        let loaded = matches!(&*detail, Some(Ok(_)));
        use_effect_with((props.id.clone(), loaded), move |(_, loaded)| {
            if let Some(h) = loaded
                .then(|| heading.cast::<web_sys::HtmlElement>())
                .flatten()
            {
                let _ = h.focus();
            }
        });
    }
    let Some(Ok(case)) = &*detail else {
        return loading(locale);
    };
    // Someone no longer an agent stays shown until the case is reassigned.
    let mut choices = agents;
    if let Some(name) = case.assignee.as_ref().filter(|n| !choices.contains(n)) {
        choices.push(name.clone());
    }
    html! {
        <article class="case" aria-labelledby="case-title" data-testid="case">
            <h4 id="case-title" ref={heading} tabindex="-1" data-status={case.status.clone()}>
                { tf(locale, Label::CaseTitle, &[("status", status_name(locale, &case.status))]) }</h4>
            <p>{ tf(locale, Label::AssignedTo, &[("name", case.assignee.as_deref().unwrap_or(t(locale, Label::Nobody)))]) }</p>
            if let Some(resolution) = &case.resolution {
                <p>{ tf(locale, Label::ResolutionIs, &[("text", resolution)]) }</p>
            }
            <h5>{ t(locale, Label::History) }</h5>
            if case.notes.is_empty() {
                <p>{ t(locale, Label::NoNotes) }</p>
            }
            <ol class="notes">
                { for case.notes.iter().map(|n| html! {
                    <li>{ &n.text }<span class="meta">{ format!(" — {}, {}", n.author, n.at.get(..16).unwrap_or(&n.at)) }</span></li>
                }) }
            </ol>
            if props.works_cases {
                <form {onsubmit}>
                    <label for="case-status">{ t(locale, Label::Status) }</label>
                    <select id="case-status" ref={status}>
                        <option value="" selected=true>{ t(locale, Label::KeepStatus) }</option>
                        { for ["contacted", "unreachable", "resolved"].map(|s| html! {
                            <option value={s}>{ status_name(locale, s) }</option>
                        }) }
                    </select>
                    <label for="case-assignee">{ t(locale, Label::Assignee) }</label>
                    <select id="case-assignee" ref={assignee}>
                        <option value="" selected={case.assignee.is_none()}>{ t(locale, Label::Unassigned) }</option>
                        { for choices.iter().map(|name| html! {
                            <option value={name.clone()} selected={case.assignee.as_ref() == Some(name)}>{ name }</option>
                        }) }
                    </select>
                    <label for="case-note">{ t(locale, Label::Note) }</label>
                    <textarea id="case-note" ref={note} maxlength="2000" />
                    <label for="case-resolution">{ t(locale, Label::ResolutionField) }</label>
                    <textarea id="case-resolution" ref={resolution} maxlength="2000" />
                    if let Some(message) = &*error {
                        <p class="error" role="alert">{ message }</p>
                    }
                    <button type="submit">{ t(locale, Label::Save) }</button>
                </form>
            }
        </article>
    }
}
