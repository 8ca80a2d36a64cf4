//! The app: who is signed in, what they look at (the selection, kept in the
//! URL so a view can be bookmarked and shared), in which language, and the
//! view itself.

use ambassador_shared::local_time::Zone;
use ambassador_shared::text::dashboard::{endonym, Label, LANGUAGES};
use ambassador_shared::Locale;
use serde::Deserialize;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{self, Failure};
use crate::cases::Cases;
use crate::comments::Comments;
use crate::export::Export;
use crate::filters::{Filters, SurveyName};
use crate::overview::Overview;
use crate::segments::Segments;
use crate::selection::{Selection, View};
use crate::sign_in::SignIn;
use crate::themes::Themes;
use crate::trend::Trend;
use crate::view::{Link, ViewProps};
use crate::wallboards::Wallboards;
use crate::words::{t, tf};

/// The signed-in person, as `GET /v1/session` says.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Me {
    /// Their name.
    pub name: String,
    /// `viewer` or `agent`.
    pub role: String,
    /// The deployment's time zone: the dashboard's days are its days, so
    /// "the last 7 days" are the ones the report API counts, wherever the
    /// reader is.
    pub time_zone: Zone,
}

#[derive(Debug, Clone, PartialEq)]
enum Session {
    Checking,
    SignedOut,
    SignedIn(Me),
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The selection the page's URL holds.
fn from_url() -> Selection {
    let search = window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    Selection::from_search(&search)
}

/// Puts the selection in the URL without reloading.
fn to_url(selection: &Selection) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let url = selection.to_search();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The first language of the browser's list the dashboard speaks.
fn browser_language() -> Locale {
    let languages = window()
        .map(|w| w.navigator().languages())
        .map(|list| {
            list.iter()
                .filter_map(|l| l.as_string())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    languages
        .iter()
        .filter_map(|l| Locale::from_tag(l))
        .find(|l| LANGUAGES.contains(l))
        .unwrap_or_default()
}

#[function_component(App)]
pub fn app() -> Html {
    let session = use_state(|| Session::Checking);
    let surveys = use_state(|| None::<Vec<SurveyName>>);
    let selection = use_state(from_url);
    let locale = selection.language.unwrap_or_else(browser_language);
    use_effect_with(locale, |locale| {
        if let Some(root) = window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", locale.as_str());
        }
    });
    {
        let (session, surveys, selection) = (session.clone(), surveys.clone(), selection.clone());
        use_effect_with((*session).clone(), move |current| {
            if matches!(current, Session::Checking | Session::SignedIn(_)) {
                spawn_local(async move {
                    match api::get::<Me>("/v1/session").await {
                        Ok(me) => {
                            // Signed in at once: a view whose URL names its
                            // survey loads while the survey list comes.
                            if *session != Session::SignedIn(me.clone()) {
                                session.set(Session::SignedIn(me));
                            }
                            if let Ok(list) = api::get::<Vec<SurveyName>>("/v1/surveys").await {
                                if selection.survey.is_none() {
                                    let mut first = (*selection).clone();
                                    first.survey = list.first().map(|s| s.id.clone());
                                    selection.set(first);
                                }
                                surveys.set(Some(list));
                            }
                        }
                        Err(_) => session.set(Session::SignedOut),
                    }
                });
            }
        });
    }
    let on_select = {
        let selection = selection.clone();
        Callback::from(move |next: Selection| selection.set(next))
    };
    to_url(&selection);
    let body = match &*session {
        Session::Checking => html! { <main><p>{ t(locale, Label::Loading) }</p></main> },
        Session::SignedOut => {
            let session = session.clone();
            let on_signed_in = Callback::from(move |me: Me| session.set(Session::SignedIn(me)));
            html! {
                <>
                    <header><p class="brand">{ t(locale, Label::Brand) }</p>{ language_switch(locale, &selection, &on_select) }</header>
                    <SignIn {on_signed_in} />
                </>
            }
        }
        Session::SignedIn(me) => signed_in(
            locale,
            me,
            &session,
            surveys.as_deref(),
            &selection,
            &on_select,
        ),
    };
    html! { <ContextProvider<Locale> context={locale}>{ body }</ContextProvider<Locale>> }
}

fn signed_in(
    locale: Locale,
    me: &Me,
    session: &UseStateHandle<Session>,
    surveys: Option<&[SurveyName]>,
    selection: &Selection,
    on_select: &Callback<Selection>,
) -> Html {
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
    let role = t(
        locale,
        if me.role == "agent" {
            Label::RoleAgent
        } else {
            Label::RoleViewer
        },
    );
    let header = html! {
        <header>
            <p class="brand">{ t(locale, Label::Brand) }</p>
            <p class="who">{ tf(locale, Label::SignedInAs, &[("name", &me.name), ("role", role)]) }</p>
            { language_switch(locale, selection, on_select) }
            <button type="button" onclick={sign_out}>{ t(locale, Label::SignOut) }</button>
        </header>
    };
    let Some(survey) = selection.survey.clone() else {
        let waiting = t(
            locale,
            if surveys.is_some() {
                Label::NoSurveys
            } else {
                Label::Loading
            },
        );
        return html! { <>{ header }<main><p>{ waiting }</p></main></> };
    };
    let today = me.time_zone.day_of(js_sys::Date::now() as i64);
    let props = ViewProps {
        survey: survey.clone(),
        selection: selection.clone(),
        today,
        on_select: on_select.clone(),
    };
    let view = match selection.view {
        View::Overview => html! { <Overview ..props /> },
        View::Trend => html! { <Trend ..props /> },
        View::Segments => html! { <Segments ..props /> },
        View::Themes => html! { <Themes ..props /> },
        View::Comments => html! { <Comments ..props /> },
        View::Cases => html! { <Cases survey={survey.clone()} works_cases={me.role == "agent"} /> },
        View::Wallboards => html! {
            <Wallboards survey={survey.clone()} agent={me.role == "agent"} {today} time_zone={me.time_zone.clone()} />
        },
        View::Export => html! { <Export ..props /> },
    };
    html! {
        <>
            { header }
            { navigation(locale, selection, on_select) }
            <main>
                <h1>{ t(locale, Label::Title) }</h1>
                <Filters surveys={surveys.unwrap_or_default().to_vec()} {survey} selection={selection.clone()} {today}
                         on_change={on_select.clone()} survey_only={matches!(selection.view, View::Cases | View::Wallboards)} />
                <section aria-labelledby="view-title" data-view={selection.view.key()}>
                    <h2 id="view-title">{ t(locale, selection.view.label()) }</h2>
                    { view }
                </section>
            </main>
        </>
    }
}

/// The views as links (each a URL of its own, so it opens in a new tab
/// too); a plain click switches in place.
fn navigation(locale: Locale, selection: &Selection, on_select: &Callback<Selection>) -> Html {
    html! {
        <nav aria-label={t(locale, Label::Views)}>
            <ul>
                { for View::ALL.iter().map(|&view| {
                    let current = (view == selection.view).then_some(AttrValue::Static("page"));
                    html! {
                        <li><Link to={selection.on(view)} on_select={on_select.clone()} {current}>
                            { t(locale, view.label()) }
                        </Link></li>
                    }
                }) }
            </ul>
        </nav>
    }
}

/// The language switch; the choice goes in the URL with the rest.
fn language_switch(locale: Locale, selection: &Selection, on_select: &Callback<Selection>) -> Html {
    let onchange = {
        let (selection, on_select) = (selection.clone(), on_select.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut next = selection.clone();
            next.language = Locale::from_tag(&select.value());
            on_select.emit(next);
        })
    };
    html! {
        <label class="language">{ t(locale, Label::Language) }{ " " }
            <select name="lang" {onchange}>
                { for LANGUAGES.iter().map(|l| html! {
                    <option value={l.as_str()} lang={l.as_str()} selected={*l == locale}>{ endonym(*l) }</option>
                }) }
            </select>
        </label>
    }
}
