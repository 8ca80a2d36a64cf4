//! What a person is looking at: the view, the survey, the period, the
//! filters (touchpoint, role, source) and the language, read from and
//! written to the URL's query string, so every view can be bookmarked and
//! shared. Pure Rust, tested without a browser.

use ambassador_shared::answer::source::Source;
use ambassador_shared::input::json_fields::slug;
use ambassador_shared::report::date::Day;
use ambassador_shared::text::dashboard::{offered, Label};
use ambassador_shared::Locale;

use crate::period::Period;

/// The dashboard's views, in the order its navigation lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// NPS, its interval and change, the groups, the 0-10 distribution.
    Overview,
    /// NPS per day, week or month.
    Trend,
    /// Touchpoints and roles side by side.
    Segments,
    /// Which themes and words go with low and high scores.
    Themes,
    /// What people said.
    Comments,
    /// The cases inbox.
    Cases,
    /// The survey's wallboard links: made, listed, copied and revoked.
    Wallboards,
    /// The CSV of what the filters show.
    Export,
}

impl View {
    /// Every view, as the navigation lists them.
    pub const ALL: [View; 8] = [
        View::Overview,
        View::Trend,
        View::Segments,
        View::Themes,
        View::Comments,
        View::Cases,
        View::Wallboards,
        View::Export,
    ];

    /// The URL's word for it.
    pub fn key(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Trend => "trend",
            View::Segments => "segments",
            View::Themes => "themes",
            View::Comments => "comments",
            View::Cases => "cases",
            View::Wallboards => "wallboards",
            View::Export => "export",
        }
    }

    /// Its name in the navigation and as its heading.
    pub fn label(self) -> Label {
        match self {
            View::Overview => Label::Overview,
            View::Trend => Label::Trend,
            View::Segments => Label::Segments,
            View::Themes => Label::Themes,
            View::Comments => Label::Comments,
            View::Cases => Label::Cases,
            View::Wallboards => Label::Wallboards,
            View::Export => Label::Export,
        }
    }
}

/// Everything the URL holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// The view shown.
    pub view: View,
    /// The survey; `None` until the first one listed is picked.
    pub survey: Option<String>,
    /// The period.
    pub period: Period,
    /// Only this touchpoint.
    pub touchpoint: Option<String>,
    /// Only this role.
    pub role: Option<String>,
    /// Only this source.
    pub source: Option<Source>,
    /// The language chosen; `None` follows the browser.
    pub language: Option<Locale>,
    /// The comments' search words (`q`), so a term of the Themes view
    /// opens the comments that mention it, and a search can be shared.
    pub search: Option<String>,
    /// The theme whose trend the Themes view shows (its id).
    pub theme: Option<String>,
}

impl Selection {
    /// Reads a query string (`?view=trend&survey=demo&period=30d...`). A
    /// value the dashboard cannot use (a misspelt view, a touchpoint that is
    /// not a slug) is left out rather than sent on: a shared link with a
    /// typo still opens, on the closest view it can show.
    pub fn from_search(search: &str) -> Selection {
        let pairs: Vec<(String, String)> = search
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), decode(v)))
            .collect();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let slug_of = |name: &str| get(name).filter(|v| slug(v).is_ok()).map(str::to_owned);
        Selection {
            view: View::ALL
                .into_iter()
                .find(|v| Some(v.key()) == get("view"))
                .unwrap_or(View::Overview),
            survey: slug_of("survey"),
            period: Period::from_url(get("period"), get("from"), get("to")),
            touchpoint: slug_of("touchpoint"),
            role: slug_of("role"),
            source: get("source").and_then(Source::parse),
            language: get("lang").and_then(Locale::from_tag).map(offered),
            search: get("q").filter(|q| !q.trim().is_empty()).map(str::to_owned),
            theme: slug_of("theme"),
        }
    }

    /// The same selection on `view`; the search and the theme belong to
    /// the view they were chosen on, so they are left behind.
    pub fn on(&self, view: View) -> Selection {
        Selection {
            view,
            search: None,
            theme: None,
            ..self.clone()
        }
    }

    /// The query string that reads back as this selection.
    pub fn to_search(&self) -> String {
        let mut parts = vec![format!("view={}", self.view.key())];
        parts.extend(self.survey.as_ref().map(|s| format!("survey={s}")));
        parts.push(format!("period={}", self.period.key()));
        if let Period::Custom { from, to } = self.period {
            parts.push(format!("from={from}&to={to}"));
        }
        parts.extend(self.filters());
        parts.extend(self.search.as_ref().map(|q| format!("q={}", encode(q))));
        parts.extend(self.theme.as_ref().map(|t| format!("theme={t}")));
        parts.extend(self.language.map(|l| format!("lang={l}")));
        format!("?{}", parts.join("&"))
    }

    /// The filter's part of an API query: period, touchpoint, role, source.
    pub fn api_query(&self, today: Day) -> String {
        let mut parts = vec![self.period.query(today)];
        parts.extend(self.filters());
        parts.join("&")
    }

    /// The same filters over the period of equal length just before.
    pub fn previous_api_query(&self, today: Day) -> Option<String> {
        let mut parts = vec![self.period.previous_query(today)?];
        parts.extend(self.filters());
        Some(parts.join("&"))
    }

    fn filters(&self) -> Vec<String> {
        let mut parts = Vec::new();
        parts.extend(self.touchpoint.as_ref().map(|t| format!("touchpoint={t}")));
        parts.extend(self.role.as_ref().map(|r| format!("role={r}")));
        parts.extend(self.source.map(|s| format!("source={}", s.as_str())));
        parts
    }
}

/// Percent-encodes a query value: every byte but ASCII letters, digits and
/// `-_.~` (search words may hold any character).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Undoes the percent-encoding of a query value; slugs, days and words need
/// none, so a value that does not decode is kept as it is (and then fails
/// the check of what it should be).
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_round_trips_through_the_url() {
        let search = "?view=segments&survey=demo&period=custom&from=2026-01-01&to=2026-03-31\
                      &touchpoint=pickup&role=buyer&source=email&lang=sv";
        let selection = Selection::from_search(search);
        assert_eq!(selection.view, View::Segments);
        assert_eq!(selection.survey.as_deref(), Some("demo"));
        assert_eq!(selection.touchpoint.as_deref(), Some("pickup"));
        assert_eq!(selection.source, Some(Source::Email));
        assert_eq!(selection.language, Some(Locale::Sv));
        assert_eq!(selection.to_search(), search.replace(' ', ""));
        let today = Day::parse("2026-11-29").expect("a day");
        assert_eq!(
            selection.api_query(today),
            "from=2026-01-01&to=2026-03-31&touchpoint=pickup&role=buyer&source=email"
        );
        assert_eq!(
            selection.previous_api_query(today).as_deref(),
            Some("from=2025-10-03&to=2025-12-31&touchpoint=pickup&role=buyer&source=email")
        );
    }

    #[test]
    fn a_search_and_a_theme_round_trip_and_stay_on_their_view() {
        let search = "?view=comments&survey=demo&period=12m&q=v%C3%A4nt%20k%C3%B6&lang=sv";
        let selection = Selection::from_search(search);
        assert_eq!(selection.search.as_deref(), Some("vänt kö"));
        assert_eq!(selection.to_search(), search);
        let themes = Selection::from_search("?view=themes&theme=waiting&q=+");
        assert_eq!(themes.theme.as_deref(), Some("waiting"));
        assert_eq!(themes.search, None, "blank words are no search");
        let other = selection.on(View::Overview);
        assert_eq!((other.search, other.theme), (None, None));
        assert_eq!(other.survey.as_deref(), Some("demo"));
    }

    #[test]
    fn what_cannot_be_used_is_left_out() {
        let selection = Selection::from_search(
            "?view=nope&touchpoint=Web%20Shop&source=sms&lang=fr&role=a%2&theme=Wait%20ing",
        );
        assert_eq!(selection.view, View::Overview);
        assert_eq!(selection.touchpoint, None);
        assert_eq!(selection.role, None);
        assert_eq!(selection.source, None);
        assert_eq!(selection.theme, None);
        assert_eq!(selection.language, Some(Locale::En), "French reads English");
        assert_eq!(selection.period, Period::Month);
        assert_eq!(selection.to_search(), "?view=overview&period=30d&lang=en");
    }

    /// A team digest's button (`shared::team_digest::dashboard_url`) opens
    /// the overview on the digest's survey, team, days and language.
    #[test]
    fn a_team_digests_link_opens_its_team_and_days() {
        use ambassador_shared::survey::{Every, TeamDigest, Weekday};
        use ambassador_shared::team_digest::{dashboard_url, Period as DigestPeriod};
        let digest = TeamDigest {
            id: "pickup-team".into(),
            touchpoint: Some("pickup".into()),
            role: Some("buyer".into()),
            every: Every::Week,
            weekday: Some(Weekday::Monday),
            hour: 8,
            language: Locale::Da,
            destinations: vec!["staff".into()],
            min_answers: 10,
        };
        let today = Day::parse("2026-12-07").expect("a day");
        let period = DigestPeriod::last_full(Every::Week, today);
        let url = dashboard_url("https://nps.example", "pickup", &digest, &period);
        let search = url.split_once("/dashboard/").map_or("", |(_, s)| s);
        let selection = Selection::from_search(search);
        assert_eq!(selection.view, View::Overview);
        assert_eq!(selection.survey.as_deref(), Some("pickup"));
        let (from, to) = (period.from, period.to);
        assert_eq!(selection.period, Period::Custom { from, to });
        assert_eq!(selection.touchpoint.as_deref(), Some("pickup"));
        assert_eq!(selection.role.as_deref(), Some("buyer"));
        assert_eq!(selection.language, Some(Locale::Da));
        assert_eq!(
            selection.api_query(today),
            "from=2026-11-30&to=2026-12-06&touchpoint=pickup&role=buyer"
        );
    }
}
