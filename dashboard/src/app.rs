//! The app: who is signed in, which survey and period (kept in the URL so a
//! view can be bookmarked and shared), and the views for them.

use serde::Deserialize;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{self, Failure};
use crate::cases::Cases;
use crate::comments::Comments;
use crate::overview::Overview;
use crate::period::Period;
use crate::sign_in::SignIn;

/// The signed-in person, as `GET /v1/session` says.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Me {
    /// Their name.
    pub name: String,
    /// `viewer` or `agent`.
    pub role: String,
}

/// A survey to pick, as `GET /v1/surveys` lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct SurveyName {
    id: String,
    brand: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Session {
    Checking,
    SignedOut,
    SignedIn(Me),
}

/// The view's settings from the URL: `?survey=demo&period=30d`.
fn from_url() -> (Option<String>, Period) {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let param = |name: &str| {
        search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .map(str::to_owned)
    };
    let period = param("period").map_or(Period::Month, |p| Period::from_key(&p));
    (param("survey"), period)
}

/// Puts the view's settings in the URL without reloading.
fn to_url(survey: &str, period: Period) {
    let url = format!("?survey={survey}&period={}", period.key());
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let session = use_state(|| Session::Checking);
    let surveys = use_state(Vec::<SurveyName>::new);
    let (url_survey, url_period) = from_url();
    let survey = use_state(|| url_survey);
    let period = use_state(|| url_period);
    {
        let session = session.clone();
        let surveys = surveys.clone();
        let survey = survey.clone();
        use_effect_with((*session).clone(), move |current| {
            if matches!(current, Session::Checking | Session::SignedIn(_)) {
                spawn_local(async move {
                    match api::get::<Me>("/v1/session").await {
                        Ok(me) => {
                            if let Ok(list) = api::get::<Vec<SurveyName>>("/v1/surveys").await {
                                if survey.is_none() {
                                    survey.set(list.first().map(|s| s.id.clone()));
                                }
                                surveys.set(list);
                            }
                            if *session != Session::SignedIn(me.clone()) {
                                session.set(Session::SignedIn(me));
                            }
                        }
                        Err(_) => session.set(Session::SignedOut),
                    }
                });
            }
        });
    }
    let me = match &*session {
        Session::Checking => return html! { <main><p>{ "Loading…" }</p></main> },
        Session::SignedOut => {
            let session = session.clone();
            let on_signed_in = Callback::from(move |me: Me| session.set(Session::SignedIn(me)));
            return html! { <SignIn {on_signed_in} /> };
        }
        Session::SignedIn(me) => me.clone(),
    };
    let sign_out = {
        let session = session.clone();
        Callback::from(move |_| {
            let session = session.clone();
            spawn_local(async move {
                let _: Result<serde_json::Value, Failure> =
                    api::send("DELETE", "/v1/session", &serde_json::Value::Null).await;
                session.set(Session::SignedOut);
            });
        })
    };
    let Some(current) = (*survey).clone() else {
        return html! { <main><p>{ "No surveys are defined yet (surveys.toml)." }</p></main> };
    };
    to_url(&current, *period);
    let on_survey = {
        let survey = survey.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            survey.set(Some(select.value()));
        })
    };
    let on_period = {
        let period = period.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            period.set(Period::from_key(&select.value()));
        })
    };
    html! {
        <>
            <header>
                <p class="brand">{ "Ambassador" }</p>
                <p class="who">{ format!("Signed in as {} ({})", me.name, me.role) }</p>
                <button type="button" onclick={sign_out}>{ "Sign out" }</button>
            </header>
            <main>
                <h1>{ "Net Promoter Score" }</h1>
                <form class="filters" aria-label="What to show">
                    <label>{ "Survey " }
                        <select onchange={on_survey}>
                            { for surveys.iter().map(|s| html! {
                                <option value={s.id.clone()} selected={s.id == current}>{ format!("{} ({})", s.brand, s.id) }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ "Period " }
                        <select onchange={on_period}>
                            { for Period::ALL.iter().map(|p| html! {
                                <option value={p.key()} selected={*p == *period}>{ p.label() }</option>
                            }) }
                        </select>
                    </label>
                </form>
                <Overview survey={current.clone()} period={*period} />
                <Comments survey={current.clone()} period={*period} />
                <Cases survey={current} works_cases={me.role == "agent"} />
            </main>
        </>
    }
}
