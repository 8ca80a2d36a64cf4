//! The trend: NPS per day, week or month (whichever gives the period a
//! readable number of points) with its interval as a band and the answers
//! per bucket; a bucket without answers is a gap, never left out.

use ambassador_shared::report::date::Day;
use ambassador_shared::report::trend::{trend, Bucket, Point};
use ambassador_shared::text::dashboard::Label;
use ambassador_shared::{Locale, Tally};
use yew::prelude::*;

use crate::charts;
use crate::report::DaySummary;
use crate::segments::interval;
use crate::table::switchable;
use crate::view::{use_view_report, ViewProps};
use crate::words::{signed, t, use_locale};

#[function_component(Trend)]
pub fn trend_view(props: &ViewProps) -> Html {
    let locale = use_locale();
    let report = match use_view_report(props, locale) {
        Ok(report) => report,
        Err(instead) => return instead,
    };
    figure(locale, &days(&report.daily), "h3")
}

/// The trend of `days` (every day of the period, oldest first) under a
/// heading of level `heading` that names its buckets: the chart, and its
/// numbers as a table.
pub fn figure(locale: Locale, days: &[(Day, Tally)], heading: &'static str) -> Html {
    let bucket = Bucket::fitting(days.len());
    let points: Vec<Point> = trend(days, bucket);
    let title = match bucket {
        Bucket::Day => Label::PerDay,
        Bucket::Week => Label::PerWeek,
        Bucket::Month => Label::PerMonth,
    };
    let none = || "—".to_owned();
    let rows = points
        .iter()
        .map(|p| {
            let (score, interval) = p.nps.map_or((none(), none()), |n| {
                (signed(n.score), interval(locale, &n))
            });
            vec![
                p.start.to_string(),
                score,
                interval,
                p.tally.total().to_string(),
            ]
        })
        .collect();
    let head = [
        t(locale, Label::From),
        t(locale, Label::Nps),
        t(locale, Label::IntervalColumn),
        t(locale, Label::Answers),
    ];
    let count = points.len().to_string();
    html! {
        <>
            <@{heading}>{ t(locale, title) }</@>
            <figure class="trend" data-testid="trend" data-points={count}>
                <charts::Fit draw={Callback::from(move |width| charts::trend(locale, &points, width))} />
                { switchable(locale, &head, rows) }
            </figure>
        </>
    }
}

/// The report's days with their counts; the report lists every day of the
/// period, empty ones too.
fn days(daily: &[DaySummary]) -> Vec<(Day, Tally)> {
    daily
        .iter()
        .filter_map(|d| {
            let tally = Tally {
                detractors: d.detractors,
                passives: d.passives,
                promoters: d.promoters,
            };
            Some((Day::parse(&d.date).ok()?, tally))
        })
        .collect()
}
