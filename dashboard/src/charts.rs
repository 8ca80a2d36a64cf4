//! The four kinds of chart, as hand-written SVG: bars, a line with its
//! interval as a band, dots with whiskers, and the invitations' funnel. Every chart is a labelled
//! group whose marks each have a name and take the keyboard's focus, so a
//! person can tab through them and hear each value; a table with the same
//! numbers sits beside every chart.
//!
//! The trend, the segments and the funnel are drawn inside [`Fit`], as many
//! units wide as their column has pixels: they fill a wide screen's column
//! and fit a phone's, and their 12-unit labels are 12 px at every width (a
//! chart of fixed units stretched to a column would blow its labels up to
//! 30 px on a wide screen, or shrink them on a phone). The distribution's
//! eleven bars keep a fixed 330 units, at most 28rem wide; on a phone,
//! where they are drawn narrower than that, the stylesheet makes their
//! labels 16 units, so they stay at 12 px or more (dashboard.css).

use ambassador_shared::report::rates::{Funnel, TYPICAL_CLICK_RATE, TYPICAL_COMMENT_SHARE};
use ambassador_shared::report::trend::Point;
use ambassador_shared::text::dashboard::Label;
use ambassador_shared::{Category, Locale, Nps, Score};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::words::{signed, t, tf};

/// What a mark with an NPS reads: "pickup: NPS +40, 95% interval ...".
pub fn nps_label(locale: Locale, name: &str, nps: &Nps) -> String {
    tf(
        locale,
        Label::PointLabel,
        &[
            ("name", name),
            ("score", &signed(nps.score)),
            ("low", &signed(nps.low)),
            ("high", &signed(nps.high)),
            ("n", &nps.responses.to_string()),
        ],
    )
}

/// What [`Fit`] draws: its chart, given the width in units.
#[derive(Properties, PartialEq)]
pub struct FitProps {
    /// Draws the chart that many units wide.
    pub draw: Callback<f64, Html>,
}

/// The width a chart is drawn before its column is measured (the first
/// render), and if it cannot be.
const UNMEASURED: f64 = 400.0;

/// A chart drawn as many units wide as the column it sits in has pixels:
/// measured once drawn, and again when the window's size changes.
#[function_component(Fit)]
pub fn fit(props: &FitProps) -> Html {
    let node = use_node_ref();
    let width = use_state_eq(|| None::<i32>);
    {
        let (node, width) = (node.clone(), width.clone());
        use_effect_with((), move |_| {
            let measure = move || {
                let measured = node.cast::<Element>().map(|e| e.client_width());
                if let Some(w) = measured.filter(|w| *w > 0) {
                    width.set(Some(w));
                }
            };
            measure();
            let listener = Closure::<dyn Fn()>::new(measure);
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window
                    .add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = &window {
                    let _ = window.remove_event_listener_with_callback(
                        "resize",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    html! {
        <div class="fit" ref={node}>{ props.draw.emit(width.map_or(UNMEASURED, f64::from)) }</div>
    }
}

/// Answers per score, 0 to 10, as bars coloured by category.
pub fn bars(locale: Locale, counts: &[u64; 11]) -> Html {
    let most = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    html! {
        <svg viewBox="0 0 330 120" role="group" aria-label={t(locale, Label::BarsName)}>
            { for counts.iter().enumerate().map(|(score, n)| {
                let height = 100.0 * *n as f64 / most;
                let class = Score::new(score as i64).map(|s| Category::of(s).as_str()).unwrap_or("passive");
                let label = tf(locale, Label::BarLabel, &[("score", &score.to_string()), ("n", &n.to_string())]);
                html! {
                    <g>
                        <rect class={class} x={(score * 30 + 2).to_string()} y={format!("{:.1}", 100.0 - height)}
                              width="26" height={format!("{height:.1}")} tabindex="0" role="img"
                              aria-label={label} />
                        <text x={(score * 30 + 15).to_string()} y="115" text-anchor="middle" aria-hidden="true">{ score }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// Maps an NPS (-100..=100) to a y coordinate in a chart `height` high.
fn y(nps: f64, height: f64) -> f64 {
    height * (100.0 - nps) / 200.0
}

/// NPS per bucket as a line, the 95% interval as a band around it, and a
/// gap wherever a bucket has no answers; below it, the answers per bucket
/// as thin bars, so a wide band is seen to come from few answers. Every
/// bucket has a mark that takes focus: a dot with its value, or a tick on
/// the axis that says "no answers". `width` in units, as [`Fit`] gives it.
pub fn trend(locale: Locale, points: &[Point], width: f64) -> Html {
    // The NPS plot, then the answers' bars, then the dates, top to bottom;
    // the NPS scale's labels sit left of both. A wider chart is a little
    // taller too, so a line across a wide screen is not flattened.
    let (left, plot) = (36.0, (width * 0.3).clamp(150.0, 260.0));
    let (bars_top, bars) = (plot + 12.0, 28.0);
    let height = bars_top + bars + 18.0;
    let step = (width - left) / points.len().max(1) as f64;
    let x = |i: usize| left + step * (i as f64 + 0.5);
    let most = points
        .iter()
        .map(|p| p.tally.total())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // Runs of consecutive buckets with answers: each is one line and band.
    let mut runs: Vec<Vec<(usize, Nps)>> = vec![Vec::new()];
    for (i, point) in points.iter().enumerate() {
        match point.nps {
            Some(nps) => runs.last_mut().into_iter().for_each(|r| r.push((i, nps))),
            None => runs.push(Vec::new()),
        }
    }
    let path = |run: &[(usize, Nps)], value: fn(&Nps) -> f64| -> Vec<String> {
        run.iter()
            .map(|(i, n)| format!("{:.1},{:.1}", x(*i), y(value(n), plot)))
            .collect()
    };
    let ends = [points.first(), points.last()];
    html! {
        <svg viewBox={format!("0 0 {width} {height}")} role="group" aria-label={t(locale, Label::TrendName)}>
            <line class="zero" x1={left.to_string()} x2={width.to_string()} y1={y(0.0, plot).to_string()} y2={y(0.0, plot).to_string()} />
            { for [100.0, 0.0, -100.0].iter().map(|v| html! {
                <text x={(left - 4.0).to_string()} y={format!("{:.1}", (y(*v, plot) + 4.0).clamp(10.0, plot))}
                      text-anchor="end" aria-hidden="true">{ signed(*v) }</text>
            }) }
            { for runs.iter().filter(|r| !r.is_empty()).map(|run| {
                let mut band = path(run, |n| n.high);
                band.extend(path(run, |n| n.low).into_iter().rev());
                html! {
                    <g>
                        <polygon class="band" points={band.join(" ")} />
                        <polyline class="line" points={path(run, |n| n.score).join(" ")} />
                        // A lone bucket's band has no width: show its interval as a whisker.
                        { for run.iter().filter(|_| run.len() == 1).map(|(i, n)| html! {
                            <line class="whisker" x1={format!("{:.1}", x(*i))} x2={format!("{:.1}", x(*i))}
                                  y1={format!("{:.1}", y(n.high, plot))} y2={format!("{:.1}", y(n.low, plot))} />
                        }) }
                    </g>
                }
            }) }
            { for points.iter().enumerate().map(|(i, point)| {
                let h = bars * point.tally.total() as f64 / most;
                html! {
                    <rect class="count" x={format!("{:.1}", x(i) - step * 0.35)} y={format!("{:.1}", bars_top + bars - h)}
                          width={format!("{:.1}", step * 0.7)} height={format!("{h:.1}")} aria-hidden="true" />
                }
            }) }
            { for points.iter().enumerate().map(|(i, point)| {
                let name = tf(locale, Label::FromDay, &[("day", &point.start.to_string())]);
                match point.nps {
                    Some(nps) => html! {
                        <circle class="point" data-bucket="" cx={format!("{:.1}", x(i))} cy={format!("{:.1}", y(nps.score, plot))}
                                r="4" tabindex="0" role="img" aria-label={nps_label(locale, &name, &nps)} />
                    },
                    None => html! {
                        <rect class="gap" data-bucket="" data-gap="" x={format!("{:.1}", x(i) - 2.0)} y={(plot - 8.0).to_string()}
                              width="4" height="8" tabindex="0" role="img"
                              aria-label={tf(locale, Label::GapLabel, &[("name", &name)])} />
                    },
                }
            }) }
            { for ends.iter().flatten().zip(["start", "end"]).map(|(p, anchor)| html! {
                <text x={if anchor == "start" { left.to_string() } else { width.to_string() }} y={(height - 4.0).to_string()}
                      text-anchor={anchor} aria-hidden="true">{ p.start.to_string() }</text>
            }) }
        </svg>
    }
}

/// One dot with whiskers per segment: its NPS and 95% interval, so a small
/// segment shows as the wide, uncertain line it is. `width` in units, as
/// [`Fit`] gives it.
pub fn forest(locale: Locale, what: &str, rows: &[(String, Option<Nps>)], width: f64) -> Html {
    let row = 28.0;
    let label = 130.0;
    let x = |nps: f64| label + (width - label - 30.0) * (nps + 100.0) / 200.0;
    let height = row * rows.len() as f64 + 20.0;
    let name = tf(locale, Label::ForestName, &[("what", what)]);
    html! {
        <svg viewBox={format!("0 0 {width} {height}")} role="group" aria-label={name}>
            <line class="zero" x1={x(0.0).to_string()} x2={x(0.0).to_string()} y1="0" y2={(height - 20.0).to_string()} />
            { for rows.iter().enumerate().map(|(i, (name, nps))| {
                let cy = row * i as f64 + row / 2.0;
                html! {
                    <g>
                        <text x="0" y={format!("{:.1}", cy + 4.0)} aria-hidden="true">{ name }</text>
                        if let Some(n) = nps {
                            <line class="whisker" x1={format!("{:.1}", x(n.low))} x2={format!("{:.1}", x(n.high))}
                                  y1={cy.to_string()} y2={cy.to_string()} />
                            <circle class="point" cx={format!("{:.1}", x(n.score))} cy={cy.to_string()} r="5"
                                    tabindex="0" role="img" aria-label={nps_label(locale, name, n)} />
                        }
                    </g>
                }
            }) }
            { for [-100.0, 0.0, 100.0].iter().map(|v| html! {
                <text x={format!("{:.1}", x(*v))} y={(height - 4.0).to_string()} text-anchor="middle" aria-hidden="true">{ signed(*v) }</text>
            }) }
        </svg>
    }
}

/// A share as a whole percentage: "21%".
pub fn percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}

/// The steps of the invitations' funnel, each with its count.
pub fn funnel_steps(funnel: &Funnel) -> [(Label, u64); 4] {
    [
        (Label::Invited, funnel.invited),
        (Label::Clicked, funnel.clicked),
        (Label::Answered, funnel.answered),
        (Label::Commented, funnel.commented),
    ]
}

/// The invitations' funnel as horizontal bars, each as long as its share
/// of the invited, with the typical figures of an email program as dashed
/// lines across the bars they are about: the click rate across "clicked",
/// and the share of those who click who comment across "with a comment"
/// (drawn at that share of this funnel's own clicks). Each step's name sits
/// above its bar, not beside it: "Klikket på en poengsum" needs more room
/// than a column beside the bars leaves on a phone. `width` in units, as
/// [`Fit`] gives it.
pub fn funnel(locale: Locale, funnel: &Funnel, width: f64) -> Html {
    let (row, bar) = (42.0, 16.0);
    let x = |share: f64| (width - 52.0) * share.clamp(0.0, 1.0);
    let height = row * 4.0;
    let of_invited = |n: u64| n as f64 / funnel.invited.max(1) as f64;
    let typical = [
        (1, TYPICAL_CLICK_RATE),
        (3, TYPICAL_COMMENT_SHARE * of_invited(funnel.clicked)),
    ];
    html! {
        <svg viewBox={format!("0 0 {width} {height}")} role="group" aria-label={t(locale, Label::FunnelName)}>
            { for funnel_steps(funnel).iter().enumerate().map(|(i, (name, n))| {
                let share = of_invited(*n);
                let top = row * i as f64;
                let name = t(locale, *name);
                let aria = tf(locale, Label::FunnelBarLabel,
                    &[("name", name), ("n", &n.to_string()), ("share", &percent(share))]);
                let bar_top = top + row - bar - 4.0;
                html! {
                    <g>
                        <text x="0" y={format!("{:.1}", bar_top - 5.0)} aria-hidden="true">{ name }</text>
                        <rect class="step" x="0" y={format!("{bar_top:.1}")}
                              width={format!("{:.1}", x(share))} height={bar.to_string()} tabindex="0" role="img"
                              aria-label={aria} />
                        <text x={format!("{:.1}", x(share) + 4.0)} y={format!("{:.1}", bar_top + bar - 3.0)}
                              aria-hidden="true">{ percent(share) }</text>
                    </g>
                }
            }) }
            { for typical.iter().map(|(i, share)| {
                let bar_top = row * (*i + 1) as f64 - bar - 4.0;
                html! {
                    <line class="typical" data-share={format!("{share:.4}")}
                          x1={format!("{:.1}", x(*share))} x2={format!("{:.1}", x(*share))}
                          y1={format!("{:.1}", bar_top - 3.0)} y2={format!("{:.1}", bar_top + bar + 3.0)} />
                }
            }) }
        </svg>
    }
}
