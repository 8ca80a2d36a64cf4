//! Tables: a chart's numbers behind a "show as table" switch, its text
//! alternative; and a table whose columns sort on a click or Enter.

use std::cmp::Ordering;

use ambassador_shared::text::dashboard::Label;
use ambassador_shared::Locale;
use yew::prelude::*;

use crate::words::{t, tf};

/// The numbers of a chart, behind a "show as table" switch.
pub fn switchable(locale: Locale, head: &[&str], rows: Vec<Vec<String>>) -> Html {
    html! {
        <details>
            <summary>{ t(locale, Label::ShowAsTable) }</summary>
            { plain(head, rows) }
        </details>
    }
}

fn plain(head: &[&str], rows: Vec<Vec<String>>) -> Html {
    html! {
        <table>
            <thead><tr>{ for head.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
            <tbody>{ for rows.into_iter().map(row) }</tbody>
        </table>
    }
}

fn row(cells: Vec<String>) -> Html {
    html! {
        <tr>{ for cells.into_iter().enumerate().map(|(i, cell)| if i == 0 {
            html! { <th scope="row">{ cell }</th> }
        } else {
            html! { <td>{ cell }</td> }
        }) }</tr>
    }
}

/// A row of a sortable table: what it shows, and per column the value it
/// sorts by (numbers as numbers, so 10 comes after 9).
#[derive(Debug, Clone, PartialEq)]
pub struct SortableRow {
    /// The cells as shown.
    pub cells: Vec<String>,
    /// The value each column sorts by; `None` sorts last.
    pub keys: Vec<Option<f64>>,
}

#[derive(Properties, PartialEq)]
pub struct SortableProps {
    /// The column headings.
    pub head: Vec<String>,
    /// The rows, in their first order.
    pub rows: Vec<SortableRow>,
    /// What the table is, as its caption.
    pub caption: String,
}

/// A table whose column headings are buttons: the first press sorts by that
/// column, highest first (a by-name column A to Z), the next reverses.
/// `aria-sort` tells a screen reader which column orders the rows.
#[function_component(Sortable)]
pub fn sortable(props: &SortableProps) -> Html {
    let locale = crate::words::use_locale();
    let order = use_state(|| None::<(usize, bool)>);
    let mut rows = props.rows.clone();
    if let Some((column, descending)) = *order {
        rows.sort_by(|a, b| compare(a, b, column, descending));
    }
    html! {
        <table class="sortable">
            <caption>{ &props.caption }</caption>
            <thead><tr>
                { for props.head.iter().enumerate().map(|(i, name)| {
                    let sorted = order.filter(|(c, _)| *c == i).map(|(_, d)| d);
                    let aria = match sorted {
                        Some(true) => "descending",
                        Some(false) => "ascending",
                        None => "none",
                    };
                    let onclick = {
                        let order = order.clone();
                        // Numbers first highest, names first from A.
                        let first = i != 0;
                        Callback::from(move |_| order.set(Some((i, sorted.map_or(first, |d| !d)))))
                    };
                    html! {
                        <th scope="col" aria-sort={aria}>
                            <button type="button" class="sort" {onclick}
                                    title={tf(locale, Label::SortBy, &[("column", name)])}>{ name }</button>
                        </th>
                    }
                }) }
            </tr></thead>
            <tbody>{ for rows.into_iter().map(|r| row(r.cells)) }</tbody>
        </table>
    }
}

fn compare(a: &SortableRow, b: &SortableRow, column: usize, descending: bool) -> Ordering {
    let ordering = if column == 0 {
        a.cells[0].cmp(&b.cells[0])
    } else {
        match (a.keys[column], b.keys[column]) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            // Without a value sorts last either way.
            (None, Some(_)) => return Ordering::Greater,
            (Some(_), None) => return Ordering::Less,
            (None, None) => Ordering::Equal,
        }
    };
    if descending {
        ordering.reverse()
    } else {
        ordering
    }
}
