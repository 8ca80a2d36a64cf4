//! The overview: the NPS with its 95% interval and the change against the
//! period of equal length before, the three groups with their shares, the
//! 0-10 distribution as bars, and the email funnel (clicked, confirmed,
//! with a comment).

use ambassador_shared::text::dashboard::Label;
use ambassador_shared::Locale;
use yew::prelude::*;

use crate::charts;
use crate::report::{use_report, Report, Summary};
use crate::table::switchable;
use crate::view::{failed, loading, ViewProps};
use crate::words::{signed, t, tf, use_locale};

#[function_component(Overview)]
pub fn overview(props: &ViewProps) -> Html {
    let locale = use_locale();
    let query = props.selection.api_query(props.today);
    let previous_query = props.selection.previous_api_query(props.today);
    let report = use_report(&props.survey, Some(&query));
    // A custom period out of order has no "before": nothing is asked then.
    let previous = use_report(&props.survey, previous_query.as_deref());
    // Clicks count unconfirmed email answers too; confirmed ones are the
    // email answers of the report itself.
    let email = |extra: &str| {
        let mut selection = props.selection.clone();
        selection.source = None;
        format!("{}&source=email{extra}", selection.api_query(props.today))
    };
    let clicked = use_report(&props.survey, Some(&email("&include_unconfirmed=true")));
    let confirmed = use_report(&props.survey, Some(&email("")));
    let report = match report {
        None => return loading(locale),
        Some(Err(failure)) => return failed(locale, &failure),
        Some(Ok(report)) => report,
    };
    let previous = previous.and_then(Result::ok).map(|r| r.overall);
    let funnel = match (clicked, confirmed) {
        (Some(Ok(clicked)), Some(Ok(confirmed))) => Some((
            clicked.overall.tally().total(),
            confirmed.overall.tally().total(),
            confirmed.commented,
        )),
        _ => None,
    };
    html! {
        <>
            { view(locale, &report) }
            if report.overall.nps.is_some() {
                { change(locale, &report.overall, previous.as_ref()) }
            }
            { for funnel.filter(|(clicks, ..)| *clicks > 0).map(|(clicks, confirmed, commented)| html! {
                <p data-testid="funnel">{ tf(locale, Label::EmailFunnel, &[
                    ("clicks", &clicks.to_string()),
                    ("confirmed", &confirmed.to_string()),
                    ("commented", &commented.to_string()),
                ]) }</p>
            }) }
        </>
    }
}

fn view(locale: Locale, report: &Report) -> Html {
    let s = &report.overall;
    let Some(nps) = &s.nps else {
        return html! { <p data-testid="no-answers">{ t(locale, Label::NoAnswers) }</p> };
    };
    let share = |n: u64| format!("{:.0}%", 100.0 * n as f64 / nps.responses as f64);
    let group = |label: Label, n: u64| {
        tf(
            locale,
            label,
            &[("n", &n.to_string()), ("share", &share(n))],
        )
    };
    let interval = tf(
        locale,
        Label::Interval,
        &[("low", &signed(nps.low)), ("high", &signed(nps.high))],
    );
    html! {
        <>
            <p class="nps">
                <span class="score" data-testid="nps" elementtiming="overview-nps">{ signed(nps.score) }</span>
                <span class="interval" data-testid="interval">{ interval }</span>
                <span class="responses" data-testid="responses">
                    { tf(locale, Label::AnswerCount, &[("n", &nps.responses.to_string())]) }
                </span>
            </p>
            <ul class="groups" data-testid="groups">
                <li class="promoter">{ group(Label::Promoters, s.promoters) }</li>
                <li class="passive">{ group(Label::Passives, s.passives) }</li>
                <li class="detractor">{ group(Label::Detractors, s.detractors) }</li>
            </ul>
            <h3>{ t(locale, Label::AnswersPerScore) }</h3>
            <figure class="distribution">
                { charts::bars(locale, &report.distribution) }
                { switchable(locale, &[t(locale, Label::Score), t(locale, Label::Answers)],
                    report.distribution.iter().enumerate()
                        .map(|(score, n)| vec![score.to_string(), n.to_string()]).collect()) }
            </figure>
        </>
    }
}

/// The change against the period of equal length before, called
/// significant only when the difference's own interval leaves out zero.
fn change(locale: Locale, now: &Summary, before: Option<&Summary>) -> Html {
    let Some(change) = before.and_then(|b| now.tally().change_since(&b.tally())) else {
        return html! { <p data-testid="change">{ t(locale, Label::NoPrevious) }</p> };
    };
    let verdict = t(
        locale,
        if change.significant {
            Label::RealChange
        } else {
            Label::WithinNoise
        },
    );
    let text = tf(
        locale,
        Label::Change,
        &[
            ("points", &signed(change.points)),
            ("low", &signed(change.low)),
            ("high", &signed(change.high)),
            ("verdict", verdict),
        ],
    );
    html! { <p data-testid="change">{ text }</p> }
}
