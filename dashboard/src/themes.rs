//! Themes: why scores move. The detractor drivers (themes and words whose
//! answers score lower than the rest) beside the promoter drivers, each
//! with its impact on the period's NPS drawn as a bar with its interval's
//! whiskers, its answers and their NPS; a theme's trend over the period;
//! and the most mentioned words. A word opens the comments that mention
//! it (the comments' search, in the URL); a theme opens its trend here,
//! since a theme's words span languages and the search finds one word.
//!
//! The figures are the API's (`GET /v1/surveys/{id}/themes`, the shared
//! `Figures`): the dashboard draws them and never computes a driver.

use std::collections::BTreeMap;

use ambassador_shared::report::date::Day;
use ambassador_shared::text::dashboard::{endonym, Label};
use ambassador_shared::themes::drivers::{Impact, Side};
use ambassador_shared::themes::{Drivers, Figures, Kind, ThemeFigures};
use ambassador_shared::{Locale, Tally};
use serde::Deserialize;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::api::{self, Failure};
use crate::selection::{Selection, View};
use crate::trend;
use crate::view::{failed, loading, Link, ViewProps};
use crate::words::{signed, t, tf, use_locale};

/// The parts of `GET /v1/surveys/{id}/themes` the dashboard shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ThemesReport {
    /// False while older comments are still being counted.
    pub complete: bool,
    /// The period the figures are of.
    pub filter: Period,
    /// The survey's themes, in its order.
    pub themes: Vec<ThemeFigures>,
    /// The drivers of each side, the strongest first.
    pub drivers: Drivers,
    /// The most mentioned words no theme holds.
    pub terms: Vec<Figures>,
}

/// The period of the report's filter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Period {
    /// Its first day; `None` for an open start.
    pub from: Option<Day>,
    /// Its last day; `None` for an open end.
    pub to: Option<Day>,
}

impl ThemesReport {
    /// A theme's or a term's name in `locale`: a theme's label (English if
    /// it has none in that language), a word as most people write it.
    fn name(&self, locale: Locale, figures: &Figures) -> String {
        let theme = self.themes.iter().find(|t| t.id == figures.key);
        match (figures.kind, theme) {
            (Kind::Theme, Some(theme)) => label(locale, theme),
            _ => figures.text.clone(),
        }
    }
}

fn label(locale: Locale, theme: &ThemeFigures) -> String {
    theme
        .label
        .get(locale)
        .or_else(|| theme.label.get(Locale::En))
        .unwrap_or(&theme.id)
        .to_owned()
}

/// The themes report of the view's survey and selection.
#[hook]
pub fn use_themes(props: &ViewProps) -> Option<Result<ThemesReport, Failure>> {
    let query = props.selection.api_query(props.today);
    api::use_get(Some(format!("/v1/surveys/{}/themes?{query}", props.survey)))
}

/// Where a theme or a term leads from a list.
type Target<'a> = &'a dyn Fn(&Figures) -> Selection;

/// An impact as shown: one decimal, with its sign.
fn points(value: f64) -> String {
    format!("{value:+.1}")
}

/// The drivers lists of both sides, side by side (one above the other on
/// a phone), at most `limit` each, every impact drawn to one scale so the
/// two sides compare; each side under a heading of level `heading`.
pub fn side_by_side(
    locale: Locale,
    report: &ThemesReport,
    (limit, heading): (usize, &'static str),
    to: Target<'_>,
    on_select: &Callback<Selection>,
) -> Html {
    let shown = |side: &[Figures]| side.iter().take(limit).cloned().collect::<Vec<_>>();
    let (detractor, promoter) = (
        shown(&report.drivers.detractor),
        shown(&report.drivers.promoter),
    );
    let scale = detractor
        .iter()
        .chain(&promoter)
        .filter_map(|f| f.impact)
        .map(|i| i.low.abs().max(i.high.abs()))
        .fold(1.0, f64::max);
    let level = heading;
    let side = |which: Side, title: Label, list: &[Figures]| {
        let id = match which {
            Side::Detractor => "detractor-drivers",
            Side::Promoter => "promoter-drivers",
        };
        html! {
            <section class={classes!("side", id)} aria-labelledby={id}>
                <@{level} {id}>{ t(locale, title) }</@>
                if list.is_empty() {
                    <p>{ t(locale, Label::NoDrivers) }</p>
                } else {
                    <ol class="drivers-list">
                        { for list.iter().map(|f| driver(locale, report, f, which, scale, to, on_select)) }
                    </ol>
                }
            </section>
        }
    };
    html! {
        <div class="drivers" data-testid="drivers">
            { side(Side::Detractor, Label::DetractorDrivers, &detractor) }
            { side(Side::Promoter, Label::PromoterDrivers, &promoter) }
        </div>
    }
}

/// One driver: its name (a link), its impact's bar, and its figures.
fn driver(
    locale: Locale,
    report: &ThemesReport,
    f: &Figures,
    side: Side,
    scale: f64,
    to: Target<'_>,
    on_select: &Callback<Selection>,
) -> Html {
    let kind = match f.kind {
        Kind::Theme => "theme",
        Kind::Term => "term",
    };
    let figures = f.impact.map(|i| {
        tf(
            locale,
            Label::DriverFigures,
            &[
                ("points", &points(i.points)),
                ("low", &points(i.low)),
                ("high", &points(i.high)),
                ("n", &f.counts.total().to_string()),
                ("nps", &signed(f.nps.score)),
            ],
        )
    });
    html! {
        <li class="driver" data-kind={kind} data-key={f.key.clone()}>
            { name(locale, report, f, to, on_select) }
            if let Some(impact) = f.impact {
                { bar(impact, side, scale) }
            }
            <p class="figures">{ figures }</p>
        </li>
    }
}

/// A theme's or a term's name as a link, a term's language beside it.
fn name(
    locale: Locale,
    report: &ThemesReport,
    f: &Figures,
    to: Target<'_>,
    on_select: &Callback<Selection>,
) -> Html {
    let lang = f.language.map(|l| AttrValue::from(l.as_str()));
    html! {
        <p class="name">
            <Link to={to(f)} on_select={on_select.clone()} {lang}>{ report.name(locale, f) }</Link>
            if let Some(language) = f.language {
                <span class="language">{ format!(" ({})", endonym(language)) }</span>
            }
        </p>
    }
}

/// An impact as a bar from zero, its 95% interval as whiskers. Detractor
/// drivers grow right from a zero on the left, promoter drivers left from
/// a zero on the right, both to `scale` points: the two columns read as
/// one mirrored axis. The figures beside it say the same in words, so the
/// drawing is hidden from screen readers.
fn bar(impact: Impact, side: Side, scale: f64) -> Html {
    // Units of the 100-wide drawing; the zero line a unit inside its edge.
    let x = |value: f64| {
        let reach = 98.0 * (value.abs() / scale).min(1.0);
        match side {
            Side::Detractor => 1.0 + reach,
            Side::Promoter => 99.0 - reach,
        }
    };
    let zero = x(0.0);
    let (end, low, high) = (x(impact.points), x(impact.low), x(impact.high));
    let f = |v: f64| format!("{v:.2}");
    html! {
        <svg class={classes!("impact", side_class(side))} viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
            <rect class="bar" x={f(zero.min(end))} y="3" width={f((end - zero).abs())} height="6" />
            <line class="whisker" x1={f(low)} x2={f(high)} y1="6" y2="6" vector-effect="non-scaling-stroke" />
            <line class="whisker" x1={f(low)} x2={f(low)} y1="2" y2="10" vector-effect="non-scaling-stroke" />
            <line class="whisker" x1={f(high)} x2={f(high)} y1="2" y2="10" vector-effect="non-scaling-stroke" />
            <line class="axis" x1={f(zero)} x2={f(zero)} y1="0" y2="12" vector-effect="non-scaling-stroke" />
        </svg>
    }
}

fn side_class(side: Side) -> &'static str {
    match side {
        Side::Detractor => "detractor",
        Side::Promoter => "promoter",
    }
}

#[function_component(Themes)]
pub fn themes(props: &ViewProps) -> Html {
    let locale = use_locale();
    let report = match use_themes(props) {
        None => return loading(locale),
        Some(Err(failure)) => return failed(locale, &failure),
        Some(Ok(report)) => report,
    };
    let selection = &props.selection;
    // A word opens its comments; a theme, its trend below.
    let to = |f: &Figures| match f.kind {
        Kind::Term => Selection {
            search: f.search.clone(),
            ..selection.on(View::Comments)
        },
        Kind::Theme => Selection {
            theme: Some(f.key.clone()),
            ..selection.on(View::Themes)
        },
    };
    html! {
        <>
            if !report.complete {
                <p class="notice" role="status" data-testid="incomplete">{ t(locale, Label::StillCounting) }</p>
            }
            { side_by_side(locale, &report, (usize::MAX, "h3"), &to, &props.on_select) }
            <p class="help">{ t(locale, Label::DriversHelp) }</p>
            { theme_trend(locale, &report, selection, &props.on_select) }
            { most_mentioned(locale, &report, &to, &props.on_select) }
        </>
    }
}

/// The theme the trend shows: the one chosen, else the strongest
/// detractor driver among the themes, else the survey's first.
fn shown_theme<'a>(report: &'a ThemesReport, chosen: Option<&str>) -> Option<&'a ThemeFigures> {
    let find = |id: &str| report.themes.iter().find(|t| t.id == id);
    chosen
        .and_then(find)
        .or_else(|| {
            report
                .drivers
                .detractor
                .iter()
                .find(|f| f.kind == Kind::Theme)
                .and_then(|f| find(&f.key))
        })
        .or_else(|| report.themes.first())
}

/// A theme's answers on every day of the period: the API lists only the
/// days with any, a trend needs the empty ones as gaps.
fn every_day(period: &Period, theme: &ThemeFigures) -> Vec<(Day, Tally)> {
    let counted: BTreeMap<Day, Tally> = theme.days.iter().map(|d| (d.date, d.tally)).collect();
    let first = period.from.or_else(|| theme.days.first().map(|d| d.date));
    let last = period.to.or_else(|| theme.days.last().map(|d| d.date));
    let (Some(mut day), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut days = Vec::new();
    while day <= last {
        days.push((day, counted.get(&day).copied().unwrap_or_default()));
        day = day.next();
    }
    days
}

/// The chosen theme's trend, with a choice of theme.
fn theme_trend(
    locale: Locale,
    report: &ThemesReport,
    selection: &Selection,
    on_select: &Callback<Selection>,
) -> Html {
    let Some(theme) = shown_theme(report, selection.theme.as_deref()) else {
        return Html::default();
    };
    let onchange = {
        let (selection, on_select) = (selection.clone(), on_select.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_select.emit(Selection {
                theme: Some(select.value()),
                ..selection.clone()
            });
        })
    };
    let name = label(locale, theme);
    let figures = theme.figures.as_ref().map_or_else(
        || tf(locale, Label::NotMentioned, &[("theme", &name)]),
        |f| {
            let (n, nps) = (f.counts.total().to_string(), signed(f.nps.score));
            tf(locale, Label::TermFigures, &[("n", &n), ("nps", &nps)])
        },
    );
    html! {
        <section class="theme-trend" aria-labelledby="theme-trend" data-theme={theme.id.clone()}>
            <h3 id="theme-trend">{ t(locale, Label::ThemeTrend) }</h3>
            <label>{ t(locale, Label::Theme) }{ " " }
                <select name="theme" {onchange}>
                    { for report.themes.iter().map(|option| html! {
                        <option value={option.id.clone()} selected={option.id == theme.id}>{ label(locale, option) }</option>
                    }) }
                </select>
            </label>
            <p data-testid="theme-figures">{ figures }</p>
            if theme.figures.is_some() {
                { trend::figure(locale, &every_day(&report.filter, theme), "h4") }
            }
        </section>
    }
}

/// The most mentioned words, each opening its comments.
fn most_mentioned(
    locale: Locale,
    report: &ThemesReport,
    to: Target<'_>,
    on_select: &Callback<Selection>,
) -> Html {
    if report.terms.is_empty() {
        return Html::default();
    }
    html! {
        <section aria-labelledby="most-mentioned">
            <h3 id="most-mentioned">{ t(locale, Label::MostMentioned) }</h3>
            <ol class="terms" data-testid="terms">
                { for report.terms.iter().map(|f| {
                    let (n, nps) = (f.counts.total().to_string(), signed(f.nps.score));
                    html! {
                        <li data-key={f.key.clone()}>
                            { name(locale, report, f, to, on_select) }
                            <p class="figures">{ tf(locale, Label::TermFigures, &[("n", &n), ("nps", &nps)]) }</p>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ambassador_shared::themes::ThemeDay;

    fn day(text: &str) -> Day {
        Day::parse(text).expect("a day")
    }

    #[test]
    fn a_themes_days_fill_the_period_with_empty_ones() {
        let one = Tally {
            detractors: 1,
            passives: 0,
            promoters: 0,
        };
        let theme = ThemeFigures {
            label: Default::default(),
            figures: None,
            id: "waiting".into(),
            days: vec![ThemeDay {
                term: String::new(),
                date: day("2026-03-02"),
                tally: one,
            }],
        };
        let period = Period {
            from: Some(day("2026-03-01")),
            to: Some(day("2026-03-03")),
        };
        let got = every_day(&period, &theme);
        let zero = Tally::default();
        assert_eq!(
            got,
            [
                (day("2026-03-01"), zero),
                (day("2026-03-02"), one),
                (day("2026-03-03"), zero)
            ]
        );
    }
}
