//! What every view is given, and how a view says it is loading or failed.

use ambassador_shared::report::date::Day;
use ambassador_shared::text::dashboard::Label;
use ambassador_shared::Locale;
use yew::prelude::*;

use crate::api::Failure;
use crate::report::{use_report, Report};
use crate::selection::Selection;
use crate::words::t;

/// A view's inputs: the survey, the whole selection (period, filters) and
/// today, so every view of one render agrees on the period; and how it
/// changes the selection (a search, another view).
#[derive(Properties, PartialEq, Clone)]
pub struct ViewProps {
    /// The survey's id.
    pub survey: String,
    /// Period and filters.
    pub selection: Selection,
    /// Today, UTC.
    pub today: Day,
    /// Called with the selection to show instead.
    pub on_select: Callback<Selection>,
}

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    /// Where it leads.
    pub to: Selection,
    /// Called with `to` on a plain click.
    pub on_select: Callback<Selection>,
    /// `aria-current`, for the page it leads to when it is the one shown.
    #[prop_or_default]
    pub current: Option<AttrValue>,
    /// The language of its text, when not the dashboard's.
    #[prop_or_default]
    pub lang: Option<AttrValue>,
    /// Its text.
    pub children: Html,
}

/// A link to another selection: a URL of its own (so it opens in a new
/// tab too, or is copied), switched to in place on a plain click.
#[function_component(Link)]
pub fn link(props: &LinkProps) -> Html {
    let onclick = {
        let (to, on_select) = (props.to.clone(), props.on_select.clone());
        Callback::from(move |e: MouseEvent| {
            if !(e.ctrl_key() || e.meta_key() || e.shift_key()) {
                e.prevent_default();
                on_select.emit(to.clone());
            }
        })
    };
    html! {
        <a href={props.to.to_search()} {onclick} aria-current={props.current.clone()} lang={props.lang.clone()}>
            { props.children.clone() }
        </a>
    }
}

/// The report of the view's survey and selection, or what the view shows
/// instead until it is there: loading, or why it failed.
#[hook]
pub fn use_view_report(props: &ViewProps, locale: Locale) -> Result<Report, Html> {
    let query = props.selection.api_query(props.today);
    match use_report(&props.survey, Some(&query)) {
        None => Err(loading(locale)),
        Some(Err(failure)) => Err(failed(locale, &failure)),
        Some(Ok(report)) => Ok(report),
    }
}

/// Shown while the numbers load.
pub fn loading(locale: Locale) -> Html {
    html! { <p>{ t(locale, Label::Loading) }</p> }
}

/// Shown when the API refused or could not be reached, in its words.
pub fn failed(locale: Locale, failure: &Failure) -> Html {
    html! { <p class="error" role="alert">{ failure.message(locale) }</p> }
}
