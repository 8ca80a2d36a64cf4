//! The survey over the period, from one report: the NPS with its 95%
//! interval, the three groups with their shares, the 0-10 distribution, the
//! trend per day, week or month, and the segments (touchpoints, roles) side
//! by side. Each chart has its numbers as a table beside it.

use ambassador_shared::report::date::Day;
use ambassador_shared::report::trend::{trend, Bucket, Point};
use ambassador_shared::{Nps, Tally};
use serde::Deserialize;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{self, Failure};
use crate::charts;
use crate::period::Period;

/// The parts of the report API's answer the dashboard shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Report {
    overall: Summary,
    distribution: [u64; 11],
    by_touchpoint: Vec<Group>,
    by_role: Vec<Group>,
    daily: Vec<DaySummary>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Summary {
    detractors: u64,
    passives: u64,
    promoters: u64,
    nps: Option<Nps>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Group {
    name: Option<String>,
    nps: Option<Nps>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct DaySummary {
    date: String,
    detractors: u64,
    passives: u64,
    promoters: u64,
}

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// The survey's id.
    pub survey: String,
    /// The period, ending today.
    pub period: Period,
}

#[function_component(Overview)]
pub fn overview(props: &OverviewProps) -> Html {
    let report = use_state(|| None::<Result<Report, Failure>>);
    let previous = use_state(|| None::<Summary>);
    let today = Day::of_millis(js_sys::Date::now() as i64);
    let query = props.period.query(today);
    {
        let (report, previous) = (report.clone(), previous.clone());
        let earlier = props.period.previous_query(today);
        use_effect_with(
            (props.survey.clone(), query.clone()),
            move |(survey, query)| {
                let path = format!("/v1/surveys/{survey}/report?{query}");
                let before = format!("/v1/surveys/{survey}/report?{earlier}");
                report.set(None);
                spawn_local(async move {
                    report.set(Some(api::get::<Report>(&path).await));
                    previous.set(api::get::<Report>(&before).await.ok().map(|r| r.overall));
                });
            },
        );
    }
    let body = match &*report {
        None => html! { <p>{ "Loading…" }</p> },
        Some(Err(failure)) => html! { <p class="error" role="alert">{ failure.message() }</p> },
        Some(Ok(report)) => html! {
            <>
                { view(report) }
                { change(&report.overall, previous.as_ref()) }
                <p><a href={format!("/v1/surveys/{}/responses.csv?{query}", props.survey)} download="">
                    { "Download these answers (CSV)" }</a></p>
            </>
        },
    };
    html! {
        <section aria-labelledby="overview-title">
            <h2 id="overview-title">{ "Overview" }</h2>
            { body }
        </section>
    }
}

fn view(report: &Report) -> Html {
    let s = &report.overall;
    let Some(nps) = &s.nps else {
        return html! { <p>{ "No answers in this period." }</p> };
    };
    let share = |n: u64| format!("{:.0}%", 100.0 * n as f64 / nps.responses as f64);
    html! {
        <>
            <p class="nps">
                <span class="score" data-testid="nps">{ format!("{:+.0}", nps.score) }</span>
                <span class="interval" data-testid="interval">
                    { format!("95% interval {:+.0} to {:+.0}", nps.low, nps.high) }
                </span>
                <span class="responses">{ format!("{} answers", nps.responses) }</span>
            </p>
            <ul class="groups">
                <li class="promoter">{ format!("Promoters (9-10): {} ({})", s.promoters, share(s.promoters)) }</li>
                <li class="passive">{ format!("Passives (7-8): {} ({})", s.passives, share(s.passives)) }</li>
                <li class="detractor">{ format!("Detractors (0-6): {} ({})", s.detractors, share(s.detractors)) }</li>
            </ul>
            <h3>{ "Answers per score" }</h3>
            <figure class="distribution">
                { charts::bars(&report.distribution) }
                { table(&["Score", "Answers"], report.distribution.iter().enumerate()
                    .map(|(score, n)| vec![score.to_string(), n.to_string()]).collect()) }
            </figure>
            { trend_view(&report.daily) }
            { segments("Touchpoints", &report.by_touchpoint) }
            { segments("Roles", &report.by_role) }
        </>
    }
}

/// The change against the period of equal length before, called
/// significant only when the difference's own interval leaves out zero.
fn change(now: &Summary, before: Option<&Summary>) -> Html {
    let tally = |s: &Summary| Tally {
        detractors: s.detractors,
        passives: s.passives,
        promoters: s.promoters,
    };
    let Some(change) = before.and_then(|b| tally(now).change_since(&tally(b))) else {
        return html! { <p data-testid="change">{ "No answers in the previous period to compare with." }</p> };
    };
    let verdict = if change.significant {
        "a real change"
    } else {
        "within the noise"
    };
    html! {
        <p data-testid="change">
            { format!("Since the previous period: {:+.0} points (95% interval {:+.0} to {:+.0}), {verdict}.",
                      change.points, change.low, change.high) }
        </p>
    }
}

/// The trend, bucketed to fit the period.
fn trend_view(daily: &[DaySummary]) -> Html {
    let days: Vec<(Day, Tally)> = daily
        .iter()
        .filter_map(|d| {
            let tally = Tally {
                detractors: d.detractors,
                passives: d.passives,
                promoters: d.promoters,
            };
            Some((Day::parse(&d.date).ok()?, tally))
        })
        .collect();
    let bucket = Bucket::fitting(days.len());
    let points: Vec<Point> = trend(&days, bucket);
    let per = match bucket {
        Bucket::Day => "day",
        Bucket::Week => "week",
        Bucket::Month => "month",
    };
    let rows = points
        .iter()
        .map(|p| match p.nps {
            Some(n) => vec![
                p.start.to_string(),
                format!("{:+.0}", n.score),
                interval(&n),
                n.responses.to_string(),
            ],
            None => vec![
                p.start.to_string(),
                "—".to_owned(),
                "—".to_owned(),
                "0".to_owned(),
            ],
        })
        .collect();
    html! {
        <>
            <h3>{ format!("NPS per {per}") }</h3>
            <figure class="trend" data-testid="trend" data-points={points.len().to_string()}>
                { charts::trend(&points) }
                { table(&["From", "NPS", "95% interval", "Answers"], rows) }
            </figure>
        </>
    }
}

/// Every segment side by side, with its interval and answers.
fn segments(title: &str, groups: &[Group]) -> Html {
    let name = |g: &Group| g.name.clone().unwrap_or_else(|| "(none given)".to_owned());
    let rows: Vec<(String, Option<Nps>)> = groups.iter().map(|g| (name(g), g.nps)).collect();
    let table_rows = groups
        .iter()
        .map(|g| match g.nps {
            Some(n) => vec![
                name(g),
                format!("{:+.0}", n.score),
                interval(&n),
                n.responses.to_string(),
            ],
            None => vec![name(g), "—".to_owned(), "—".to_owned(), "0".to_owned()],
        })
        .collect();
    html! {
        <>
            <h3>{ title }</h3>
            <figure class="segments">
                { charts::forest(&rows) }
                { table(&[title.trim_end_matches('s'), "NPS", "95% interval", "Answers"], table_rows) }
            </figure>
        </>
    }
}

fn interval(nps: &Nps) -> String {
    format!("{:+.0} to {:+.0}", nps.low, nps.high)
}

/// The numbers of a chart, behind a "show as table" switch.
fn table(head: &[&str], rows: Vec<Vec<String>>) -> Html {
    html! {
        <details>
            <summary>{ "Show as table" }</summary>
            <table>
                <thead><tr>{ for head.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                <tbody>
                    { for rows.into_iter().map(|row| html! {
                        <tr>{ for row.into_iter().enumerate().map(|(i, cell)| if i == 0 {
                            html! { <th scope="row">{ cell }</th> }
                        } else {
                            html! { <td>{ cell }</td> }
                        }) }</tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}
