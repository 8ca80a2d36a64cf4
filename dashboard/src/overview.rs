//! The overview: the period's NPS with its 95% interval, the three groups
//! with their shares, and the 0-10 distribution as bars coloured by
//! category, with the same numbers as a table for screen readers.

use ambassador_shared::report::date::Day;
use ambassador_shared::{Category, Score};
use serde::Deserialize;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{self, Failure};
use crate::period::Period;

/// The parts of the report API's answer the overview shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Report {
    overall: Summary,
    distribution: [u64; 11],
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Summary {
    detractors: u64,
    passives: u64,
    promoters: u64,
    nps: Option<Nps>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Nps {
    score: f64,
    low: f64,
    high: f64,
    responses: u64,
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
    {
        let report = report.clone();
        use_effect_with(
            (props.survey.clone(), props.period),
            move |(survey, period)| {
                let today = Day::of_millis(js_sys::Date::now() as i64);
                let path = format!("/v1/surveys/{survey}/report?{}", period.query(today));
                report.set(None);
                spawn_local(async move { report.set(Some(api::get::<Report>(&path).await)) });
            },
        );
    }
    let body = match &*report {
        None => html! { <p>{ "Loading…" }</p> },
        Some(Err(failure)) => html! { <p class="error" role="alert">{ failure.message() }</p> },
        Some(Ok(report)) => view(report),
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
            { distribution(&report.distribution) }
        </>
    }
}

/// Bars, one per score, as SVG with a text alternative, and the table.
fn distribution(counts: &[u64; 11]) -> Html {
    let most = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let summary: Vec<String> = counts
        .iter()
        .enumerate()
        .map(|(s, n)| format!("{s}: {n}"))
        .collect();
    let label = format!("Answers per score, 0 to 10: {}", summary.join(", "));
    html! {
        <figure class="distribution">
            <svg viewBox="0 0 330 120" role="img" aria-label={label}>
                { for counts.iter().enumerate().map(|(score, n)| {
                    let height = 100.0 * *n as f64 / most;
                    let class = Score::new(score as i64).map(|s| Category::of(s).as_str()).unwrap_or("passive");
                    html! {
                        <g>
                            <rect class={class} x={(score * 30 + 2).to_string()} y={(100.0 - height).to_string()}
                                  width="26" height={height.to_string()}><title>{ format!("{score}: {n} answers") }</title></rect>
                            <text x={(score * 30 + 15).to_string()} y="115" text-anchor="middle">{ score }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{ "Answers per score" }</figcaption>
            <details>
                <summary>{ "Show as table" }</summary>
                <table>
                    <thead><tr><th scope="col">{ "Score" }</th><th scope="col">{ "Answers" }</th></tr></thead>
                    <tbody>
                        { for counts.iter().enumerate().map(|(score, n)| html! {
                            <tr><th scope="row">{ score }</th><td>{ n }</td></tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
