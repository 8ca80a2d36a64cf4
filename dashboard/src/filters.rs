//! The filters every view shares: survey, period (with custom days),
//! touchpoint, role and source. Each change makes a new selection, which
//! the app puts in the URL; the touchpoints and roles offered are those
//! with answers in the period.

use ambassador_shared::answer::source::Source;
use ambassador_shared::report::date::Day;
use ambassador_shared::text::dashboard::Label;
use ambassador_shared::Locale;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::period::Period;
use crate::report::{use_report, Group};
use crate::selection::Selection;
use crate::words::{t, use_locale};

/// A survey to pick, as `GET /v1/surveys` lists it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct SurveyName {
    /// Its id.
    pub id: String,
    /// Its brand.
    pub brand: String,
}

#[derive(Properties, PartialEq)]
pub struct FiltersProps {
    /// The surveys to pick from.
    pub surveys: Vec<SurveyName>,
    /// The survey shown.
    pub survey: String,
    /// What is shown now.
    pub selection: Selection,
    /// Today, UTC.
    pub today: Day,
    /// Called with the selection a change makes.
    pub on_change: Callback<Selection>,
    /// Only the survey: the cases inbox lists every case still open,
    /// whatever the period and filters, so they are not offered there.
    pub survey_only: bool,
}

/// The names of the groups, for a select; `None` (no name given) is left
/// out, since the API filters by name.
fn names(groups: &[Group], selected: Option<&String>) -> Vec<String> {
    let mut names: Vec<String> = groups.iter().filter_map(|g| g.name.clone()).collect();
    names.extend(selected.filter(|s| !names.contains(s)).cloned());
    names
}

fn select_value(e: &Event) -> String {
    let select: HtmlSelectElement = e.target_unchecked_into();
    select.value()
}

/// A select whose first option is "All" (the empty value).
fn choice(
    locale: Locale,
    label: Label,
    options: Vec<(String, String)>,
    current: Option<String>,
    onchange: Callback<Event>,
) -> Html {
    let current = current.unwrap_or_default();
    html! {
        <label>{ t(locale, label) }{ " " }
            <select name={t(Locale::En, label).to_lowercase()} {onchange}>
                <option value="" selected={current.is_empty()}>{ t(locale, Label::All) }</option>
                { for options.into_iter().map(|(value, text)| {
                    let selected = value == current;
                    html! { <option {selected} {value}>{ text }</option> }
                }) }
            </select>
        </label>
    }
}

#[function_component(Filters)]
pub fn filters(props: &FiltersProps) -> Html {
    let locale = use_locale();
    let selection = &props.selection;
    let period = selection.period.query(props.today);
    let whole = use_report(
        &props.survey,
        (!props.survey_only).then_some(period.as_str()),
    );
    let (touchpoints, roles) = match &whole {
        Some(Ok(report)) => (
            names(&report.by_touchpoint, selection.touchpoint.as_ref()),
            names(&report.by_role, selection.role.as_ref()),
        ),
        _ => (
            selection.touchpoint.iter().cloned().collect(),
            selection.role.iter().cloned().collect(),
        ),
    };
    let change = |edit: fn(&mut Selection, String)| {
        let (selection, on_change) = (selection.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = selection.clone();
            edit(&mut next, select_value(&e));
            on_change.emit(next);
        })
    };
    let on_survey = change(|s, v| {
        s.survey = Some(v);
        s.touchpoint = None;
        s.role = None;
    });
    let on_period = {
        let (selection, on_change, today) =
            (selection.clone(), props.on_change.clone(), props.today);
        Callback::from(move |e: Event| {
            let mut next = selection.clone();
            let key = select_value(&e);
            // Custom starts from the days shown now, ready to be edited.
            let (from, to) = selection.period.days(today);
            let custom = Period::Custom { from, to };
            let period = Period::from_url(Some(&key), None, None);
            next.period = if key == custom.key() { custom } else { period };
            on_change.emit(next);
        })
    };
    let on_touchpoint = change(|s, v| s.touchpoint = (!v.is_empty()).then_some(v));
    let on_role = change(|s, v| s.role = (!v.is_empty()).then_some(v));
    let on_source = change(|s, v| s.source = Source::parse(&v));
    let periods = Period::ENDING_TODAY.iter().copied().chain([Period::Custom {
        from: props.today,
        to: props.today,
    }]);
    let as_options = |names: Vec<String>| names.into_iter().map(|n| (n.clone(), n)).collect();
    let sources = Source::ALL
        .iter()
        .map(|s| {
            let label = match s {
                Source::Widget => Label::SourceWidget,
                Source::Email => Label::SourceEmail,
            };
            (s.as_str().to_owned(), t(locale, label).to_owned())
        })
        .collect();
    html! {
        <form class="filters" aria-label={t(locale, Label::WhatToShow)} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label>{ t(locale, Label::Survey) }{ " " }
                <select name="survey" onchange={on_survey}>
                    // Until the list comes, the survey the URL names.
                    if props.surveys.is_empty() {
                        <option value={props.survey.clone()}>{ &props.survey }</option>
                    }
                    { for props.surveys.iter().map(|s| html! {
                        <option value={s.id.clone()} selected={s.id == props.survey}>{ format!("{} ({})", s.brand, s.id) }</option>
                    }) }
                </select>
            </label>
            if !props.survey_only {
                <label>{ t(locale, Label::Period) }{ " " }
                    <select name="period" onchange={on_period}>
                        { for periods.map(|p| html! {
                            <option value={p.key()} selected={p.key() == selection.period.key()}>{ t(locale, p.label()) }</option>
                        }) }
                    </select>
                </label>
                if let Period::Custom { from, to } = selection.period {
                    <CustomDays {from} {to} selection={selection.clone()} on_change={props.on_change.clone()} />
                }
                { choice(locale, Label::Touchpoint, as_options(touchpoints), selection.touchpoint.clone(), on_touchpoint) }
                { choice(locale, Label::Role, as_options(roles), selection.role.clone(), on_role) }
                { choice(locale, Label::Source, sources, selection.source.map(|s| s.as_str().to_owned()), on_source) }
            }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct CustomDaysProps {
    from: Day,
    to: Day,
    selection: Selection,
    on_change: Callback<Selection>,
}

/// The two days of a custom period, applied together with a button, so a
/// half-typed date is never sent.
#[function_component(CustomDays)]
fn custom_days(props: &CustomDaysProps) -> Html {
    let locale = use_locale();
    let (from, to) = (use_node_ref(), use_node_ref());
    let onclick = {
        let (from, to) = (from.clone(), to.clone());
        let (selection, on_change) = (props.selection.clone(), props.on_change.clone());
        Callback::from(move |_| {
            let day = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .and_then(|i| Day::parse(&i.value()).ok())
            };
            if let (Some(from), Some(to)) = (day(&from), day(&to)) {
                let mut next = selection.clone();
                next.period = Period::Custom { from, to };
                on_change.emit(next);
            }
        })
    };
    html! {
        <>
            <label>{ t(locale, Label::From) }{ " " }
                <input type="date" name="from" ref={from} value={props.from.to_string()} />
            </label>
            <label>{ t(locale, Label::To) }{ " " }
                <input type="date" name="to" ref={to} value={props.to.to_string()} />
            </label>
            <button type="button" class="secondary" {onclick}>{ t(locale, Label::Apply) }</button>
        </>
    }
}
