//! The survey's wallboards: read-only links that show one team's NPS on a
//! screen without anyone signing in. An agent lists them, makes one for a
//! team (a touchpoint, a role, both, or all answers), copies its link and
//! revokes it after a confirmation. A link is a capability, so the API
//! lists them to agents only; a viewer is told why they see none, and no
//! request is made that would be refused.

use ambassador_shared::local_time::Zone;
use ambassador_shared::report::date::Day;
use ambassador_shared::text::dashboard::{endonym, Label};
use ambassador_shared::wallboard::{
    Wallboard, DEFAULT_EXPIRES_IN_DAYS, MAX_EXPIRES_IN_DAYS, MAX_LABEL_CHARS,
};
use ambassador_shared::Locale;
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::api::{self, Failure};
use crate::period::Period;
use crate::report::{use_report, Group};
use crate::view::{failed, loading};
use crate::words::{t, tf, use_locale};

/// A wallboard as `GET` and `POST /v1/surveys/{id}/wallboards` show it:
/// the stored wallboard and its screen's link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Shown {
    #[serde(flatten)]
    wallboard: Wallboard,
    /// The screen's page, absolute.
    url: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct List {
    wallboards: Vec<Shown>,
}

#[derive(Properties, PartialEq)]
pub struct WallboardsProps {
    /// The survey's id.
    pub survey: String,
    /// Whether the person may make and revoke wallboards (an agent).
    pub agent: bool,
    /// Today, for the touchpoints and roles answered in the last year.
    pub today: Day,
    /// The deployment's zone: the days a wallboard was made and expires.
    pub time_zone: Zone,
}

#[function_component(Wallboards)]
pub fn wallboards(props: &WallboardsProps) -> Html {
    let locale = use_locale();
    let path = props
        .agent
        .then(|| format!("/v1/surveys/{}/wallboards", props.survey));
    let list = use_state(|| None::<Result<List, Failure>>);
    let reload = use_state(|| 0u32);
    // The link just made, shown with its Copy button until the next change.
    let made = use_state(|| None::<Shown>);
    let status = use_state(String::new);
    {
        let list = list.clone();
        use_effect_with((path, *reload), move |(path, _)| {
            if let Some(path) = path.clone() {
                spawn_local(async move { list.set(Some(api::get::<List>(&path).await)) });
            }
        });
    }
    let intro = html! { <p class="help">{ t(locale, Label::WallboardsIntro) }</p> };
    if !props.agent {
        return html! { <>{ intro }<p data-testid="wallboards-agents-only">{ t(locale, Label::WallboardsAgentsOnly) }</p></> };
    }
    let on_made = {
        let (made, reload, status) = (made.clone(), reload.clone(), status.clone());
        Callback::from(move |wallboard: Shown| {
            status.set(String::new());
            made.set(Some(wallboard));
            reload.set(*reload + 1);
        })
    };
    let on_revoked = {
        let (made, reload, status) = (made.clone(), reload.clone(), status.clone());
        Callback::from(move |label: String| {
            status.set(tf(locale, Label::WallboardRevoked, &[("label", &label)]));
            made.set(None);
            reload.set(*reload + 1);
        })
    };
    let body = match &*list {
        None => loading(locale),
        Some(Err(failure)) => failed(locale, failure),
        Some(Ok(list)) if list.wallboards.is_empty() => {
            html! { <p>{ t(locale, Label::NoWallboards) }</p> }
        }
        Some(Ok(list)) => html! {
            <ul class="wallboards" data-testid="wallboards">
                { for list.wallboards.iter().map(|w| html! {
                    <Item key={w.wallboard.id.clone()} shown={w.clone()} survey={props.survey.clone()}
                          time_zone={props.time_zone.clone()} on_revoked={on_revoked.clone()} />
                }) }
            </ul>
        },
    };
    html! {
        <>
            { intro }
            <NewWallboard survey={props.survey.clone()} today={props.today} {on_made} />
            if let Some(Shown { wallboard, url }) = &*made {
                <section class="made" aria-labelledby="made-title" data-testid="wallboard-made">
                    <h4 id="made-title">{ tf(locale, Label::NewLinkFor, &[("label", &wallboard.label)]) }</h4>
                    <CopyLink url={url.clone()} label={wallboard.label.clone()} shown=true />
                </section>
            }
            <p role="status" class="help">{ (*status).clone() }</p>
            { body }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NewWallboardProps {
    survey: String,
    today: Day,
    on_made: Callback<Shown>,
}

/// The form that makes a wallboard. The touchpoints and roles offered are
/// those answered in the last 12 months, as the filters offer theirs.
#[function_component(NewWallboard)]
fn new_wallboard(props: &NewWallboardProps) -> Html {
    let locale = use_locale();
    let year = Period::Year.query(props.today);
    let report = use_report(&props.survey, Some(&year));
    let (touchpoints, roles) = match &report {
        Some(Ok(report)) => (names(&report.by_touchpoint), names(&report.by_role)),
        _ => (Vec::new(), Vec::new()),
    };
    let (label, touchpoint, role) = (use_node_ref(), use_node_ref(), use_node_ref());
    let (language, expires) = (use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let onsubmit = {
        let refs = (label.clone(), touchpoint.clone(), role.clone());
        let (language, expires) = (language.clone(), expires.clone());
        let (error, busy) = (error.clone(), busy.clone());
        let (survey, on_made) = (props.survey.clone(), props.on_made.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (label, touchpoint, role) = &refs;
            let input = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|i| i.value());
            let chosen = |r: &NodeRef| r.cast::<HtmlSelectElement>().map(|s| s.value());
            // "" is all answers: sent as null, as the API reads no filter.
            let filter = |r: &NodeRef| chosen(r).filter(|v| !v.is_empty());
            // A number the browser let through goes as typed; the API
            // names it if it is out of range.
            let days = input(&expires)
                .and_then(|d| d.trim().parse::<i64>().ok())
                .map_or(Value::Null, Value::from);
            let body = json!({
                "label": input(label).unwrap_or_default().trim(),
                "touchpoint": filter(touchpoint),
                "role": filter(role),
                "language": chosen(&language),
                "expires_in_days": days,
            });
            let form: Option<web_sys::HtmlFormElement> = e.target_dyn_into();
            let (error, busy, on_made) = (error.clone(), busy.clone(), on_made.clone());
            let path = format!("/v1/surveys/{survey}/wallboards");
            busy.set(true);
            spawn_local(async move {
                match api::send::<Shown>("POST", &path, &body).await {
                    Ok(wallboard) => {
                        error.set(None);
                        if let Some(form) = form {
                            form.reset();
                        }
                        on_made.emit(wallboard);
                    }
                    Err(failure) => error.set(Some(failure.message(locale))),
                }
                busy.set(false);
            });
        })
    };
    let team = |id: &'static str, name: Label, node: &NodeRef, options: &[String]| {
        html! {
            <>
                <label for={id}>{ t(locale, name) }</label>
                <select id={id} name={id} ref={node.clone()}>
                    <option value="" selected=true>{ t(locale, Label::AllAnswers) }</option>
                    { for options.iter().map(|o| html! { <option value={o.clone()}>{ o }</option> }) }
                </select>
            </>
        }
    };
    html! {
        <form class="new-wallboard" aria-labelledby="new-wallboard-title" {onsubmit}>
            <h3 id="new-wallboard-title">{ t(locale, Label::NewWallboard) }</h3>
            <label for="wallboard-label">{ t(locale, Label::WallboardLabel) }</label>
            <input id="wallboard-label" name="label" ref={label} required=true
                   maxlength={MAX_LABEL_CHARS.to_string()} autocomplete="off" />
            { team("wallboard-touchpoint", Label::Touchpoint, &touchpoint, &touchpoints) }
            { team("wallboard-role", Label::Role, &role, &roles) }
            <label for="wallboard-language">{ t(locale, Label::ScreenLanguage) }</label>
            <select id="wallboard-language" name="language" ref={language}>
                { for Locale::ALL.iter().map(|l| html! {
                    <option value={l.as_str()} lang={l.as_str()} selected={*l == locale}>{ endonym(*l) }</option>
                }) }
            </select>
            <label for="wallboard-expires">{ t(locale, Label::ExpiresInDays) }</label>
            <input id="wallboard-expires" name="expires_in_days" type="number" ref={expires}
                   min="1" max={MAX_EXPIRES_IN_DAYS.to_string()} value={DEFAULT_EXPIRES_IN_DAYS.to_string()} required=true />
            if let Some(message) = &*error {
                <p class="error" role="alert">{ message }</p>
            }
            <button type="submit" disabled={*busy}>{ t(locale, Label::CreateWallboard) }</button>
        </form>
    }
}

/// The groups' names; answers without one cannot be a wallboard's team.
fn names(groups: &[Group]) -> Vec<String> {
    groups.iter().filter_map(|g| g.name.clone()).collect()
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    shown: Shown,
    survey: String,
    time_zone: Zone,
    on_revoked: Callback<String>,
}

/// One wallboard: its name (opening its screen), team, language, expiry
/// and maker; Copy, and Revoke behind a confirmation.
#[function_component(Item)]
fn item(props: &ItemProps) -> Html {
    let locale = use_locale();
    let confirming = use_state(|| false);
    let error = use_state(|| None::<String>);
    let (w, url) = (&props.shown.wallboard, &props.shown.url);
    let team = match (&w.touchpoint, &w.role) {
        (None, None) => t(locale, Label::AllAnswers).to_owned(),
        (touchpoint, role) => [touchpoint, role]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" · "),
    };
    let day = |ms: i64| props.time_zone.day_of(ms).to_string();
    let facts = tf(
        locale,
        Label::WallboardFacts,
        &[
            ("expires", &day(w.expires_at)),
            ("name", &w.created_by),
            ("made", &day(w.created_at)),
        ],
    );
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let revoke = {
        let (error, on_revoked) = (error.clone(), props.on_revoked.clone());
        let path = format!("/v1/surveys/{}/wallboards/{}", props.survey, w.id);
        let label = w.label.clone();
        Callback::from(move |_| {
            let (error, on_revoked) = (error.clone(), on_revoked.clone());
            let (path, label) = (path.clone(), label.clone());
            spawn_local(async move {
                match api::send::<Value>("DELETE", &path, &Value::Null).await {
                    Ok(_) => on_revoked.emit(label),
                    Err(failure) => error.set(Some(failure.message(locale))),
                }
            });
        })
    };
    // The confirmation takes the keyboard's focus, so a keyboard user is
    // at its choices, not left on a button that is gone.
    let confirm = use_node_ref();
    {
        let confirm = confirm.clone();
        use_effect_with(*confirming, move |shown| {
            if let Some(button) = shown
                .then(|| confirm.cast::<web_sys::HtmlElement>())
                .flatten()
            {
                let _ = button.focus();
            }
        });
    }
    html! {
        <li class="wallboard" data-testid="wallboard" data-id={w.id.clone()}>
            <h4><a href={url.clone()} target="_blank" rel="noopener noreferrer">{ &w.label }</a></h4>
            <p>{ team }{ " · " }<span lang={w.language.as_str()}>{ endonym(w.language) }</span></p>
            <p class="help">{ facts }</p>
            <div class="row">
                <CopyLink url={url.clone()} label={w.label.clone()} shown=false />
                if *confirming {
                    <div class="confirm" role="group" aria-labelledby={format!("confirm-{}", w.id)}>
                        <p id={format!("confirm-{}", w.id)}>{ tf(locale, Label::ConfirmRevoke, &[("label", &w.label)]) }</p>
                        <button type="button" class="danger" ref={confirm} onclick={revoke} data-action="confirm-revoke">
                            { t(locale, Label::YesRevoke) }</button>
                        <button type="button" class="secondary" onclick={cancel}>{ t(locale, Label::Cancel) }</button>
                    </div>
                } else {
                    <button type="button" class="secondary" onclick={ask} data-action="revoke"
                            aria-label={tf(locale, Label::RevokeOf, &[("label", &w.label)])}>
                        { t(locale, Label::Revoke) }</button>
                }
            </div>
            if let Some(message) = &*error {
                <p class="error" role="alert">{ message }</p>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct CopyLinkProps {
    url: String,
    label: String,
    /// The link written out, to read or select by hand, and its button the
    /// page's main one (a new link); a listed one opens from its name.
    shown: bool,
}

/// A Copy button for `url`, saying whether it worked; where the browser
/// refuses the clipboard, the reader is told to select the link.
#[function_component(CopyLink)]
fn copy_link(props: &CopyLinkProps) -> Html {
    let locale = use_locale();
    let outcome = use_state(|| None::<bool>);
    let onclick = {
        let (outcome, url) = (outcome.clone(), props.url.clone());
        Callback::from(move |_| {
            let (outcome, url) = (outcome.clone(), url.clone());
            spawn_local(async move { outcome.set(Some(copy(&url).await)) });
        })
    };
    let said = match *outcome {
        None => String::new(),
        Some(true) => t(locale, Label::Copied).to_owned(),
        Some(false) => t(locale, Label::CopyFailed).to_owned(),
    };
    html! {
        <div class="copy">
            if props.shown {
                <input type="text" readonly=true value={props.url.clone()} data-testid="wallboard-url"
                       aria-label={tf(locale, Label::NewLinkFor, &[("label", &props.label)])} />
            }
            <button type="button" {onclick} data-action="copy" class={classes!((!props.shown).then_some("secondary"))}
                    aria-label={tf(locale, Label::CopyLinkOf, &[("label", &props.label)])}>
                { t(locale, Label::CopyLink) }</button>
            <span role="status">{ said }</span>
        </div>
    }
}

/// Puts `text` on the clipboard; false where the browser has no clipboard
/// (an insecure origin) or refuses it.
async fn copy(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let clipboard = navigator.clipboard();
    if JsValue::from(clipboard.clone()).is_undefined() {
        return false;
    }
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}
