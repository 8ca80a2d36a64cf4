//! What people said: the period's comments newest first, searched in their
//! own words, narrowed to a category ("Praise" is the promoters' words, to
//! share with the staff), a page at a time.

use serde::Deserialize;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::api::{self, Failure};
use crate::period::Period;

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Page {
    comments: Vec<Comment>,
    next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Comment {
    id: String,
    at: String,
    score: u8,
    category: String,
    comment: String,
    locale: String,
    touchpoint: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct CommentsProps {
    /// The survey's id.
    pub survey: String,
    /// The period, ending today.
    pub period: Period,
}

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text)
        .as_string()
        .unwrap_or_default()
}

#[function_component(Comments)]
pub fn comments(props: &CommentsProps) -> Html {
    let search = use_state(String::new);
    let category = use_state(String::new);
    let shown = use_state(Vec::<Comment>::new);
    let next = use_state(|| None::<String>);
    let error = use_state(|| None::<Failure>);
    let base = {
        let today = ambassador_shared::report::date::Day::of_millis(js_sys::Date::now() as i64);
        let mut query = format!("{}&limit=20", props.period.query(today));
        if !search.is_empty() {
            query.push_str(&format!("&q={}", encode(&search)));
        }
        if !category.is_empty() {
            query.push_str(&format!("&category={}", *category));
        }
        format!("/v1/surveys/{}/comments?{query}", props.survey)
    };
    let load = {
        let (shown, next, error) = (shown.clone(), next.clone(), error.clone());
        move |path: String, more: bool| {
            let (shown, next, error) = (shown.clone(), next.clone(), error.clone());
            spawn_local(async move {
                match api::get::<Page>(&path).await {
                    Ok(page) => {
                        let mut list = if more { (*shown).clone() } else { Vec::new() };
                        list.extend(page.comments);
                        shown.set(list);
                        next.set(page.next);
                        error.set(None);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        }
    };
    {
        let load = load.clone();
        use_effect_with(base.clone(), move |path| load(path.clone(), false));
    }
    let on_search = {
        let search = search.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let form: web_sys::HtmlFormElement = e.target_unchecked_into();
            if let Some(input) = form
                .elements()
                .named_item("q")
                .and_then(|i| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(i).ok())
            {
                search.set(input.value());
            }
        })
    };
    let on_category = {
        let category = category.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            category.set(select.value());
        })
    };
    let more = next.as_ref().map(|cursor| {
        let (load, path) = (load.clone(), format!("{base}&before={cursor}"));
        Callback::from(move |_| load(path.clone(), true))
    });
    html! {
        <section aria-labelledby="comments-title">
            <h2 id="comments-title">{ "What people said" }</h2>
            <form class="filters" role="search" onsubmit={on_search}>
                <label>{ "Search " }<input name="q" type="search" /></label>
                <button type="submit">{ "Search" }</button>
                <label>{ "Show " }
                    <select onchange={on_category}>
                        <option value="">{ "All comments" }</option>
                        <option value="promoter">{ "Praise (promoters)" }</option>
                        <option value="passive">{ "Passives" }</option>
                        <option value="detractor">{ "Detractors" }</option>
                    </select>
                </label>
            </form>
            if let Some(failure) = &*error {
                <p class="error" role="alert">{ failure.message() }</p>
            }
            if shown.is_empty() {
                <p>{ "No comments match." }</p>
            }
            <ul class="comments" data-testid="comments">
                { for shown.iter().map(|c| html! {
                    <li key={c.id.clone()} class={c.category.clone()}>
                        <blockquote lang={c.locale.clone()}>{ &c.comment }</blockquote>
                        <p class="meta">{ format!("{}/10 · {} · {} · {}", c.score, c.category,
                            c.touchpoint.clone().unwrap_or_else(|| "no touchpoint".to_owned()),
                            c.at.get(..10).unwrap_or(&c.at)) }</p>
                    </li>
                }) }
            </ul>
            if let Some(more) = more {
                <button type="button" onclick={more}>{ "More comments" }</button>
            }
        </section>
    }
}
