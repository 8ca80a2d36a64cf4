//! Segments: every touchpoint and every role side by side as dots with
//! their interval whiskers (a forest plot, where a small segment shows as
//! the wide, uncertain line it is) and a table beside it that sorts by
//! name, NPS, interval bounds or answers.

use ambassador_shared::text::dashboard::Label;
use ambassador_shared::{Locale, Nps};
use yew::prelude::*;

use crate::charts;
use crate::report::Group;
use crate::table::{Sortable, SortableRow};
use crate::view::{use_view_report, ViewProps};
use crate::words::{signed, t, tf, use_locale};

/// "+10 to +30", as a table cell.
pub fn interval(locale: Locale, nps: &Nps) -> String {
    tf(
        locale,
        Label::IntervalCell,
        &[("low", &signed(nps.low)), ("high", &signed(nps.high))],
    )
}

#[function_component(Segments)]
pub fn segments(props: &ViewProps) -> Html {
    let locale = use_locale();
    let report = match use_view_report(props, locale) {
        Ok(report) => report,
        Err(instead) => return instead,
    };
    html! {
        <>
            { side_by_side(locale, Label::Touchpoints, Label::Touchpoint, &report.by_touchpoint) }
            { side_by_side(locale, Label::Roles, Label::Role, &report.by_role) }
        </>
    }
}

fn side_by_side(locale: Locale, title: Label, one: Label, groups: &[Group]) -> Html {
    let name = |g: &Group| {
        g.name
            .clone()
            .unwrap_or_else(|| t(locale, Label::NoneGiven).to_owned())
    };
    let marks: Vec<(String, Option<Nps>)> = groups.iter().map(|g| (name(g), g.nps)).collect();
    let none = || "—".to_owned();
    let rows: Vec<SortableRow> = groups
        .iter()
        .map(|g| SortableRow {
            cells: vec![
                name(g),
                g.nps.map_or_else(none, |n| signed(n.score)),
                g.nps.map_or_else(none, |n| interval(locale, &n)),
                g.nps.map_or(0, |n| n.responses).to_string(),
            ],
            // The interval sorts by its lower bound: what the segment's NPS
            // is at least, with 95% confidence.
            keys: vec![
                None,
                g.nps.map(|n| n.score),
                g.nps.map(|n| n.low),
                Some(g.nps.map_or(0, |n| n.responses) as f64),
            ],
        })
        .collect();
    let head = [one, Label::Nps, Label::IntervalColumn, Label::Answers]
        .map(|label| t(locale, label).to_owned())
        .to_vec();
    let what = t(locale, one).to_lowercase();
    let draw = Callback::from(move |width| charts::forest(locale, &what, &marks, width));
    let title = t(locale, title);
    html! {
        <section class="segments" aria-label={title}>
            <h3>{ title }</h3>
            <div class="side-by-side">
                <figure><charts::Fit {draw} /></figure>
                <Sortable caption={title.to_owned()} {head} {rows} />
            </div>
        </section>
    }
}
