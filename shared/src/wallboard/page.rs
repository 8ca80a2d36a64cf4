//! The wallboard as a page: made for a TV across a room (1920x1080) and a
//! tablet at a counter, large type, light on dark, nothing to click.
//!
//! The Worker renders the figures into the page, so it shows data without
//! its script; the script ([`SCRIPT`]) only fetches the same figures again
//! every minute, each time rendered here ([`figures_html`]) and sent as
//! HTML inside the figures' JSON, so there is one rendering and the script
//! stays a few lines. The page runs under a policy without inline script
//! or style (`CONTENT_SECURITY_POLICY`): the chart is SVG drawn with
//! attributes, and everything else is classes of [`STYLESHEET`].

use super::{Figures, PeriodFigures, Wallboard};
use crate::team_digest::signed;
use crate::text::html::escape;
use crate::text::link_page::LinkProblem;
use crate::text::wallboard::WallText as T;
use crate::{Locale, Nps};

/// The page's script, served at [`SCRIPT_PATH`].
pub const SCRIPT: &str = include_str!("wallboard.js");
/// The page's stylesheet, served at [`STYLESHEET_PATH`].
pub const STYLESHEET: &str = include_str!("wallboard.css");
/// Where the script is served from: the Worker's own origin, so
/// `script-src 'self'` admits it.
pub const SCRIPT_PATH: &str = "/wall/wallboard.js";
/// Where the stylesheet is served from.
pub const STYLESHEET_PATH: &str = "/wall/wallboard.css";

/// The page's policy: its own script, stylesheet and figures, nothing
/// inline, no framing, no forms, no base to redirect relative URLs.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'";

/// The whole page of `wallboard` with `figures`, for the survey's `brand`.
/// The words the script needs (the age, "offline", the page a revoked
/// link turns into) travel as `data-` attributes, in the wallboard's
/// language.
pub fn page(brand: &str, wallboard: &Wallboard, figures: &Figures) -> String {
    let language = wallboard.language;
    let label = escape(&wallboard.label);
    let gone = LinkProblem::WallboardGone.texts(language);
    let data = [
        ("updated-now", T::UpdatedNow.get(language)),
        ("updated-ago", T::UpdatedAgo.get(language)),
        ("offline", T::Offline.get(language)),
        ("gone-heading", gone.heading),
        ("gone-what", gone.what),
        ("gone-next", gone.next),
    ]
    .iter()
    .map(|(name, text)| format!(" data-{name}=\"{}\"", escape(text)))
    .collect::<String>();
    format!(
        "<!doctype html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <title>{label} – NPS</title>\n<link rel=\"stylesheet\" href=\"{STYLESHEET_PATH}\">\n\
         <script src=\"{SCRIPT_PATH}\" defer></script>\n</head>\n<body class=\"wallboard\"{data}>\n\
         <header class=\"top\"><h1>{label}</h1><p class=\"brand\">{brand}</p></header>\n\
         <main id=\"figures\" data-as-of=\"{as_of}\">{figures}</main>\n\
         <footer><p id=\"status\" role=\"status\">{updated}</p></footer>\n</body>\n</html>\n",
        brand = escape(brand),
        as_of = figures.as_of,
        figures = figures_html(language, figures),
        updated = escape(T::UpdatedNow.get(language)),
    )
}

/// The figures part of the page (the inside of its `main`), in
/// `language`: the script swaps it in on each refresh. Every figure a test
/// or a reader compares with the report API carries a `data-figure`.
pub fn figures_html(language: Locale, figures: &Figures) -> String {
    format!(
        "<section class=\"scores\">{week}{month}{cases}</section>\n\
         <section class=\"trend\" aria-labelledby=\"trend-heading\">\
         <h2 id=\"trend-heading\">{trend_heading}</h2>{chart}</section>\n\
         <section class=\"praise\" aria-labelledby=\"praise-heading\">\
         <h2 id=\"praise-heading\">{praise_heading}</h2>{praise}</section>",
        week = score_card("week", T::ThisWeek.get(language), &figures.week, language),
        month = score_card(
            "month",
            T::ThisMonth.get(language),
            &figures.month,
            language
        ),
        cases = cases_card(language, figures.open_cases),
        trend_heading = escape(T::Trend.get(language)),
        chart = chart(language, &figures.trend),
        praise_heading = escape(T::Praise.get(language)),
        praise = praise(language, &figures.praise),
    )
}

/// The team's open cases, as large as a score.
fn cases_card(language: Locale, open_cases: u64) -> String {
    format!(
        "<article class=\"card cases\" aria-labelledby=\"cases-heading\">\
         <h2 id=\"cases-heading\">{}</h2>\
         <p class=\"score\" data-figure=\"open-cases\">{open_cases}</p></article>",
        escape(T::OpenCases.get(language)),
    )
}

/// One period's score, interval and answers, as large as the screen allows.
fn score_card(period: &str, heading: &str, figures: &PeriodFigures, language: Locale) -> String {
    let answers = figures.counts.total().to_string();
    let (score, detail) = match &figures.nps {
        Some(nps) => (
            signed(nps.score),
            T::Interval.filled(
                language,
                &[("low", &signed(nps.low)), ("high", &signed(nps.high))],
            ),
        ),
        None => ("–".to_owned(), T::NoAnswers.get(language).to_owned()),
    };
    format!(
        "<article class=\"card\" data-period=\"{period}\" aria-labelledby=\"{period}-heading\">\
         <h2 id=\"{period}-heading\">{heading}</h2>\
         <p class=\"score\" data-figure=\"nps\">{score}</p>\
         <p class=\"interval\" data-figure=\"interval\">{detail}</p>\
         <p class=\"answers\" data-figure=\"answers\" data-answers=\"{answers}\">{answers_text}</p>\
         </article>",
        heading = escape(heading),
        detail = escape(&detail),
        answers_text = escape(&T::Answers.filled(language, &[("answers", &answers)])),
    )
}

/// The chart's size in its own units: the SVG scales to its box.
const CHART_WIDTH: f64 = 1200.0;
const CHART_HEIGHT: f64 = 340.0;
/// Where +100 and -100 are drawn; below them, the weeks' numbers.
const TOP: f64 = 30.0;
const BOTTOM: f64 = 270.0;

/// The weeks' NPS as dots with their intervals as whiskers, on a scale of
/// -100 to +100 with its zero line, each week's number under it and its
/// score above; a week without answers is its number alone. Its words for
/// a screen reader are the list of weeks and scores.
fn chart(language: Locale, weeks: &[PeriodFigures]) -> String {
    let step = CHART_WIDTH / weeks.len().max(1) as f64;
    let y = |points: f64| TOP + (100.0 - points) / 200.0 * (BOTTOM - TOP);
    let mut marks = format!(
        "<line class=\"zero\" x1=\"0\" x2=\"{CHART_WIDTH}\" y1=\"{zero:.1}\" y2=\"{zero:.1}\"/>",
        zero = y(0.0)
    );
    let mut words = Vec::new();
    let mut line = Vec::new();
    for (i, week) in weeks.iter().enumerate() {
        let x = step * (i as f64 + 0.5);
        let number = week.week.unwrap_or_default();
        marks.push_str(&format!(
            "<text class=\"week\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{number}</text>",
            CHART_HEIGHT - 20.0
        ));
        let score = week.nps.map(|nps: Nps| {
            marks.push_str(&format!(
                "<line class=\"interval\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>\
                 <circle class=\"dot\" cx=\"{x:.1}\" cy=\"{:.1}\" r=\"10\"/>\
                 <text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"start\">{}</text>",
                y(nps.high),
                y(nps.low),
                y(nps.score),
                x + 14.0,
                y(nps.score) - 12.0,
                signed(nps.score)
            ));
            line.push(format!("{x:.1},{:.1}", y(nps.score)));
            signed(nps.score)
        });
        let score = score.unwrap_or_else(|| T::NoAnswers.get(language).to_owned());
        let week = number.to_string();
        words.push(T::TrendWeek.filled(language, &[("week", &week), ("score", &score)]));
    }
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {CHART_WIDTH} {CHART_HEIGHT}\" role=\"img\" \
         aria-label=\"{}\"><polyline class=\"line\" points=\"{}\"/>{marks}</svg>",
        escape(&words.join(", ")),
        line.join(" "),
    )
}

/// The newest promoters' comments as written, or a line saying there are
/// none yet.
fn praise(language: Locale, comments: &[String]) -> String {
    if comments.is_empty() {
        return format!(
            "<p class=\"none\">{}</p>",
            escape(T::NoPraise.get(language))
        );
    }
    let items: String = comments
        .iter()
        .map(|comment| format!("<li><blockquote>{}</blockquote></li>", escape(comment)))
        .collect();
    format!("<ul data-figure=\"praise\">{items}</ul>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::date::Day;
    use crate::wallboard::tests::wallboard;
    use crate::wallboard::{Calendar, Read};
    use crate::Tally;

    fn figures(praise: Vec<String>) -> Figures {
        let calendar = Calendar::of(Day::parse("2026-12-09").expect("a day"));
        let mut figures = Figures::build(
            &wallboard(),
            &calendar,
            &[],
            Read {
                praise,
                open_cases: 3,
            },
            1,
        );
        figures.week.counts = Tally {
            detractors: 1,
            passives: 0,
            promoters: 3,
        };
        figures.week.nps = figures.week.counts.nps();
        figures
    }

    #[test]
    fn the_page_speaks_its_language_escapes_everything_and_runs_nothing_inline() {
        let html = page(
            "Bid & Hammer",
            &wallboard(),
            &figures(vec!["<b>Hurtig</b>".to_owned()]),
        );
        assert!(html.contains("<html lang=\"da\">"));
        assert!(html.contains("<h1>Pickup &lt;Køge&gt;</h1>"));
        assert!(html.contains("Bid &amp; Hammer"));
        assert!(html.contains("<blockquote>&lt;b&gt;Hurtig&lt;/b&gt;</blockquote>"));
        assert!(html.contains("Denne uge"));
        assert!(html.contains("data-gone-heading=\"Denne tavle er ikke længere tilgængelig\""));
        assert_eq!(html.matches("<script").count(), 1);
        assert!(html.contains("<script src=\"/wall/wallboard.js\" defer></script>"));
        assert!(!html.contains("style="), "no inline style under the policy");
        assert!(!html.contains("onload") && !html.contains("onclick"));
    }

    #[test]
    fn scores_show_their_interval_and_answers_and_an_empty_period_says_so() {
        let html = figures_html(Locale::En, &figures(Vec::new()));
        assert!(html.contains("<p class=\"score\" data-figure=\"nps\">+50</p>"));
        assert!(html.contains("data-answers=\"4\">4 answers</p>"));
        assert!(html.contains("95% interval "));
        assert!(html.contains("No answers yet"), "the month's other days");
        assert!(html.contains("No promoter comments yet"));
        assert!(html.contains("data-figure=\"open-cases\">3</p>"));
    }

    #[test]
    fn the_chart_names_every_week_for_a_screen_reader() {
        let html = figures_html(Locale::En, &figures(Vec::new()));
        assert!(html.contains("role=\"img\" aria-label=\"Week 39: No answers yet,"));
        assert!(html.contains("Week 50: No answers yet\""));
        assert_eq!(html.matches("class=\"week\"").count(), 12);
    }
}
