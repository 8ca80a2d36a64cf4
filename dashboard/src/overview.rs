//! The overview: the NPS with its 95% interval and the change against the
//! period of equal length before, the three groups with their shares, the
//! 0-10 distribution as bars, and the email invitations' funnel (invited,
//! clicked, answered, with a comment) beside the typical figures of an email
//! program, with the clicks judged a mail scanner's counted apart.

use ambassador_shared::text::dashboard::Label;
use ambassador_shared::themes::{Figures, Kind};
use ambassador_shared::Locale;
use yew::prelude::*;

use ambassador_shared::report::rates::{Funnel, TYPICAL_CLICK_RATE, TYPICAL_COMMENT_SHARE};

use crate::charts::{self, percent};
use crate::report::{use_report, Report, Summary};
use crate::selection::{Selection, View};
use crate::table::switchable;
use crate::themes::{side_by_side, use_themes, ThemesReport};
use crate::view::{failed, loading, Link, ViewProps};
use crate::words::{signed, t, tf, use_locale};

#[function_component(Overview)]
pub fn overview(props: &ViewProps) -> Html {
    let locale = use_locale();
    let query = props.selection.api_query(props.today);
    let previous_query = props.selection.previous_api_query(props.today);
    let report = use_report(&props.survey, Some(&query));
    // A custom period out of order has no "before": nothing is asked then.
    let previous = use_report(&props.survey, previous_query.as_deref());
    let themes = use_themes(props);
    let report = match report {
        None => return loading(locale),
        Some(Err(failure)) => return failed(locale, &failure),
        Some(Ok(report)) => report,
    };
    let previous = previous.and_then(Result::ok).map(|r| r.overall);
    // Every email click, the scanners' included: the export's file of the
    // same filter, asked for all clicks (its `suspect` column gives why).
    let every_click = {
        let mut selection = props.selection.clone();
        selection.source = None;
        format!(
            "/v1/surveys/{}/responses.csv?{}&source=email&include_unconfirmed=true",
            props.survey,
            selection.api_query(props.today)
        )
    };
    html! {
        <>
            { view(locale, &report) }
            if report.overall.nps.is_some() {
                { change(locale, &report.overall, previous.as_ref()) }
            }
            if let Some(Ok(themes)) = themes {
                { drivers(locale, &themes, props) }
            }
            if report.response_rates.overall.invited > 0 {
                { invitations(locale, &report.response_rates.overall, &every_click) }
            }
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

/// The top three drivers of each side, each opening the Themes view (a
/// theme with its trend shown).
fn drivers(locale: Locale, themes: &ThemesReport, props: &ViewProps) -> Html {
    if themes.drivers.detractor.is_empty() && themes.drivers.promoter.is_empty() {
        return Html::default();
    }
    let all = props.selection.on(View::Themes);
    let to = |f: &Figures| Selection {
        theme: (f.kind == Kind::Theme).then(|| f.key.clone()),
        ..all.clone()
    };
    html! {
        <section class="overview-drivers" data-testid="overview-drivers" aria-labelledby="what-drives-it">
            <h3 id="what-drives-it">{ t(locale, Label::WhatDrivesIt) }</h3>
            { side_by_side(locale, themes, (3, "h4"), &to, &props.on_select) }
            <p><Link to={all.clone()} on_select={props.on_select.clone()}>{ t(locale, Label::AllThemes) }</Link></p>
        </section>
    }
}

/// The email invitations' funnel as a chart with its table, its rates,
/// the typical figures it is drawn against, and the clicks judged a mail
/// scanner's: left out of every figure, but listed in the file of every
/// click (`every_click`).
fn invitations(locale: Locale, funnel: &Funnel, every_click: &str) -> Html {
    let rate = |r: Option<f64>| r.map_or_else(|| "-".to_owned(), percent);
    let rates = tf(
        locale,
        Label::FunnelRates,
        &[
            ("click_rate", &rate(funnel.click_rate)),
            ("answer_rate", &rate(funnel.answer_rate)),
            ("comment_share", &rate(funnel.comment_share())),
        ],
    );
    let typical_text = tf(
        locale,
        Label::FunnelTypical,
        &[
            ("click", &percent(TYPICAL_CLICK_RATE)),
            ("comment", &percent(TYPICAL_COMMENT_SHARE)),
        ],
    );
    let typical = |label: Label| match label {
        Label::Clicked => percent(TYPICAL_CLICK_RATE),
        Label::Commented => tf(
            locale,
            Label::TypicalOfClicked,
            &[("share", &percent(TYPICAL_COMMENT_SHARE))],
        ),
        _ => String::new(),
    };
    let rows = charts::funnel_steps(funnel)
        .iter()
        .map(|(label, n)| {
            vec![
                t(locale, *label).to_owned(),
                n.to_string(),
                percent(*n as f64 / funnel.invited.max(1) as f64),
                typical(*label),
            ]
        })
        .collect();
    let head = [
        t(locale, Label::Step),
        t(locale, Label::Invitations),
        t(locale, Label::ShareOfInvited),
        t(locale, Label::Typical),
    ];
    let drawn = *funnel;
    html! {
        <section data-testid="funnel">
            <h3>{ t(locale, Label::FunnelHeading) }</h3>
            <figure class="funnel">
                <charts::Fit draw={Callback::from(move |width| charts::funnel(locale, &drawn, width))} />
                <figcaption data-testid="funnel-typical">{ typical_text }</figcaption>
                { switchable(locale, &head, rows) }
            </figure>
            <p data-testid="funnel-rates">{ rates }</p>
            if funnel.suspect > 0 {
                <p data-testid="funnel-suspect">
                    { tf(locale, Label::SuspectClicks, &[("n", &funnel.suspect.to_string())]) }
                    { " " }
                    <a href={every_click.to_owned()} download="">{ t(locale, Label::SuspectDownload) }</a>
                </p>
            }
        </section>
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
