//! What people said: the comments the filters admit, newest first, a page
//! at a time, searched in their own words (FTS5 in the API), narrowed to a
//! category ("Praise" is the promoters' words, to share with the staff), a
//! score or a language.

use ambassador_shared::text::dashboard::{endonym, Label};
use ambassador_shared::{Category, Locale};
use serde::Deserialize;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::api::{self, Failure};
use crate::selection::Selection;
use crate::view::{failed, ViewProps};
use crate::words::{t, use_locale};

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
    role: Option<String>,
}

/// The comments' own filters, beside the period, the shared filters and
/// the search (which the URL holds, so a term of the Themes view opens its
/// comments).
#[derive(Debug, Clone, Default, PartialEq)]
struct Narrowing {
    category: String,
    score: String,
    language: String,
}

impl Narrowing {
    fn query(&self, search: &str) -> String {
        [
            ("q", search),
            ("category", &self.category),
            ("score", &self.score),
            ("locale", &self.language),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("&{k}={}", encode(v)))
        .collect()
    }
}

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text)
        .as_string()
        .unwrap_or_default()
}

fn category_name(locale: Locale, category: &str) -> &'static str {
    match Category::parse(category) {
        Some(Category::Promoter) => t(locale, Label::Promoter),
        Some(Category::Passive) => t(locale, Label::Passive),
        _ => t(locale, Label::Detractor),
    }
}

/// What a comment's line under it says: score, category, where and in
/// which role, language and day.
fn meta(locale: Locale, c: &Comment) -> String {
    let touchpoint = c
        .touchpoint
        .clone()
        .unwrap_or_else(|| t(locale, Label::NoTouchpoint).to_owned());
    let mut parts = vec![
        format!("{}/10", c.score),
        category_name(locale, &c.category).to_owned(),
        touchpoint,
    ];
    parts.extend(c.role.clone());
    parts.push(c.locale.clone());
    parts.push(c.at.get(..10).unwrap_or(&c.at).to_owned());
    parts.join(" · ")
}

#[function_component(Comments)]
pub fn comments(props: &ViewProps) -> Html {
    let locale = use_locale();
    let narrowing = use_state(Narrowing::default);
    let shown = use_state(Vec::<Comment>::new);
    let next = use_state(|| None::<String>);
    let error = use_state(|| None::<Failure>);
    let search = props.selection.search.clone().unwrap_or_default();
    let base = format!(
        "/v1/surveys/{}/comments?{}&limit=20{}",
        props.survey,
        props.selection.api_query(props.today),
        narrowing.query(&search)
    );
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
        let narrowing = narrowing.clone();
        let (selection, on_select) = (props.selection.clone(), props.on_select.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let form: web_sys::HtmlFormElement = e.target_unchecked_into();
            let value = |name: &str| {
                let item = form.elements().named_item(name);
                item.and_then(|i| {
                    wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(i.clone())
                        .map(|i| i.value())
                        .or_else(|_| {
                            wasm_bindgen::JsCast::dyn_into::<HtmlSelectElement>(i)
                                .map(|s| s.value())
                        })
                        .ok()
                })
                .unwrap_or_default()
            };
            narrowing.set(Narrowing {
                category: value("category"),
                score: value("score"),
                language: value("language"),
            });
            let words = value("q");
            let search = (!words.trim().is_empty()).then_some(words);
            if search != selection.search {
                on_select.emit(Selection {
                    search,
                    ..selection.clone()
                });
            }
        })
    };
    // A select applies at once, like the filters above; the form's submit
    // (the search button, or Enter in the field) applies everything.
    let on_change = Callback::from(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        if let Some(form) = select.form() {
            let _ = form.request_submit();
        }
    });
    let more = next.as_ref().map(|cursor| {
        let (load, path) = (load.clone(), format!("{base}&before={cursor}"));
        Callback::from(move |_| load(path.clone(), true))
    });
    let option = |value: &str, text: &str, current: &str| {
        html! { <option value={value.to_owned()} selected={value == current}>{ text.to_owned() }</option> }
    };
    html! {
        <>
            <form class="filters" role="search" onsubmit={on_search}>
                <label>{ t(locale, Label::Search) }{ " " }
                    <input name="q" type="search" value={search} />
                </label>
                <button type="submit">{ t(locale, Label::Search) }</button>
                <label>{ t(locale, Label::Show) }{ " " }
                    <select name="category" onchange={on_change.clone()}>
                        { option("", t(locale, Label::AllComments), &narrowing.category) }
                        { option("promoter", t(locale, Label::Praise), &narrowing.category) }
                        { option("passive", t(locale, Label::PassivesOnly), &narrowing.category) }
                        { option("detractor", t(locale, Label::DetractorsOnly), &narrowing.category) }
                    </select>
                </label>
                <label>{ t(locale, Label::Score) }{ " " }
                    <select name="score" onchange={on_change.clone()}>
                        { option("", t(locale, Label::AnyScore), &narrowing.score) }
                        { for (0..=10).rev().map(|s| option(&s.to_string(), &s.to_string(), &narrowing.score)) }
                    </select>
                </label>
                <label>{ t(locale, Label::Language) }{ " " }
                    <select name="language" onchange={on_change}>
                        { option("", t(locale, Label::AnyLanguage), &narrowing.language) }
                        { for Locale::ALL.iter().map(|l| option(l.as_str(), endonym(*l), &narrowing.language)) }
                    </select>
                </label>
            </form>
            if let Some(failure) = &*error {
                { failed(locale, failure) }
            }
            if shown.is_empty() {
                <p>{ t(locale, Label::NoComments) }</p>
            }
            <ul class="comments" data-testid="comments">
                { for shown.iter().map(|c| html! {
                    <li key={c.id.clone()} class={c.category.clone()}>
                        <blockquote lang={c.locale.clone()}>{ &c.comment }</blockquote>
                        <p class="meta">{ meta(locale, c) }</p>
                    </li>
                }) }
            </ul>
            if let Some(more) = more {
                <button type="button" onclick={more}>{ t(locale, Label::MoreComments) }</button>
            }
        </>
    }
}
