//! Why scores move: the terms of comments, counted per answer, and the
//! drivers among them (`GET /v1/surveys/{id}/themes`).
//!
//! Each answer's comment becomes its **terms** ([`terms`]), stored with the
//! answer (`responses.terms`, [`stored_terms`]) and counted by the database
//! the way answers are counted per day: per survey, local day, touchpoint,
//! role, source, state and language, a count per category, moved by the
//! same statement that changes the answer (migration 0024). A survey's
//! **themes** (`[[survey.themes]]`) are counted as terms too (`#id`), so a
//! theme's figures are those of the answers mentioning any of its terms,
//! each answer once. The figures of a period are then turned here into NPS
//! with its interval and **impact** ([`drivers`]).
//!
//! Nothing leaves the deployment: no comment is sent anywhere to be
//! understood.

pub mod drivers;
pub mod terms;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::report::date::Day;
use crate::report::{ReportFilter, Summary};
use crate::survey::{LocalizedText, Theme};
use crate::{Locale, Nps, Surveys, Tally};
use drivers::{impact, Impact, Side};

/// Changed whenever [`terms::mentions`] would give other terms for a
/// comment, so the stored terms are rebuilt (edge `themes::rebuild`).
const TERMS_VERSION: &str = "terms-1";

/// Drivers listed per side.
pub const DRIVERS_SHOWN: usize = 10;
/// Terms listed (those no theme holds), the most mentioned first.
pub const TERMS_SHOWN: usize = 60;

/// The term a theme is counted under: `#` and its id. A word never holds a
/// `#` (Unicode word boundaries split it off), so no word can pass for a
/// theme.
pub fn theme_term(id: &str) -> String {
    format!("#{id}")
}

/// What an answer's comment is counted under, as stored in
/// `responses.terms`: a JSON array of `[term, surface]`, a theme's surface
/// `null`. `None` without a comment or without a single term.
pub fn stored_terms(comment: Option<&str>, language: Locale, themes: &[Theme]) -> Option<String> {
    let found = terms::mentions(comment?, language);
    let mut stored: Vec<Value> = found.iter().map(|m| json!([m.term, m.surface])).collect();
    for theme in themes {
        let held = theme.terms(language);
        if found.iter().any(|m| held.contains(&m.term)) {
            stored.push(json!([theme_term(&theme.id), null]));
        }
    }
    (!stored.is_empty()).then(|| Value::Array(stored).to_string())
}

/// Names what the stored terms were made with: the tokenizer's version and
/// every survey's themes. When the Worker's differs from the database's,
/// the stored terms are rebuilt.
pub fn version(surveys: &Surveys) -> String {
    let themes: Vec<(&str, &[Theme])> = surveys
        .iter()
        .map(|s| (s.id.as_str(), s.themes.as_slice()))
        .collect();
    let digest = Sha256::digest(json!([TERMS_VERSION, themes]).to_string());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{TERMS_VERSION}-{hex}")
}

/// Where a period's counts are read: whole calendar months from the
/// monthly counts, the days before the first and after the last whole
/// month from the daily ones, so a year is read as 12 months, not 365 days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The first and last whole month, `YYYY-MM`; `None` when the period
    /// holds none.
    pub months: Option<(String, String)>,
    /// The day ranges (both ends included) outside those months.
    pub days: Vec<(Day, Day)>,
}

/// The split of `from..=to`, both included (a caller with an open end
/// passes the first or last day there can be).
pub fn split(from: Day, to: Day) -> Split {
    let month_start = |d: Day| Day::parse(&format!("{}-01", &d.to_string()[..7]));
    let first_whole = match month_start(from) {
        Ok(start) if start == from => from,
        _ => next_month(from),
    };
    // The last whole month ends the day before the month after `to`'s
    // first day, when that day is `to`'s next.
    let after = to.next();
    let last_whole_end = match month_start(after) {
        Ok(start) if start == after => to,
        _ => month_start(to).map_or(to, |s| Day::of_millis(s.start_millis() - 86_400_000)),
    };
    if first_whole > last_whole_end {
        return Split {
            months: None,
            days: vec![(from, to)],
        };
    }
    let mut days = Vec::new();
    if from < first_whole {
        days.push((
            from,
            Day::of_millis(first_whole.start_millis() - 86_400_000),
        ));
    }
    if last_whole_end < to {
        days.push((last_whole_end.next(), to));
    }
    let month = |d: Day| d.to_string()[..7].to_owned();
    Split {
        months: Some((month(first_whole), month(last_whole_end))),
        days,
    }
}

/// The single words of `rows` whose every mention is within one two-word
/// term of their language ("väldigt", always "väldigt trevlig"): the pair
/// says the same and more, so the word alone is left out rather than
/// listed twice with the same figures. Keyed by (language, word, counts).
fn within_pairs(rows: &[TermRow]) -> HashSet<(&str, &str, [u64; 3])> {
    rows.iter()
        .filter(|r| r.term.split(' ').count() == 2)
        .flat_map(|pair| {
            let t = pair.tally;
            let counts = [t.detractors, t.passives, t.promoters];
            pair.term
                .split(' ')
                .map(move |word| (pair.language.as_str(), word, counts))
        })
        .collect()
}

/// The first day of the month after `day`'s.
fn next_month(day: Day) -> Day {
    let mut d = day;
    while d.to_string()[..7] == day.to_string()[..7] {
        d = d.next();
    }
    d
}

/// One term's counts in the period, as the database sums them.
#[derive(Debug, Clone, Deserialize)]
pub struct TermRow {
    /// The answers' language; `''` for a theme.
    pub language: String,
    /// The stem(s), or `#id` for a theme.
    pub term: String,
    /// Answers mentioning it, per category.
    #[serde(flatten)]
    pub tally: Tally,
}

/// The most frequent way a term is written.
#[derive(Debug, Clone, Deserialize)]
pub struct SurfaceRow {
    /// The answers' language.
    pub language: String,
    /// The stem(s).
    pub term: String,
    /// The words as written.
    pub surface: String,
}

/// A theme's answers on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeDay {
    /// The theme's term, `#id`.
    #[serde(skip_serializing, default)]
    pub term: String,
    /// The day, of the deployment's zone.
    pub date: Day,
    /// Its answers per category.
    #[serde(flatten)]
    pub tally: Tally,
}

/// What a theme or a term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A theme of the survey's definition.
    Theme,
    /// A word or two of one language.
    Term,
}

/// A theme's or a term's figures in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// A theme or a term.
    pub kind: Kind,
    /// The theme's id, or the term's stem(s).
    pub key: String,
    /// What to show: the theme's English label (see [`ThemeFigures::label`]
    /// for the others) or the term as most often written.
    pub text: String,
    /// The words that find its answers in the comments' search (terms only).
    pub search: Option<String>,
    /// The language of a term's answers; `None` for a theme.
    pub language: Option<Locale>,
    /// The answers mentioning it, per category.
    #[serde(flatten)]
    pub counts: Tally,
    /// Their NPS with its interval.
    pub nps: Nps,
    /// The points the period would gain (> 0) or lose (< 0) if these
    /// answers had scored like the rest; `None` when every answer mentions it.
    pub impact: Option<Impact>,
    /// The side it drives, when it is a driver
    /// ([`drivers::Impact::driver`]).
    pub driver: Option<Side>,
}

/// A theme's figures, with its label in every language and its days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeFigures {
    /// The theme's label per language (English always).
    pub label: LocalizedText,
    /// Its figures; `None` when no answer of the period mentions it.
    pub figures: Option<Figures>,
    /// The id.
    pub id: String,
    /// Its answers per day with any, oldest first: the trend.
    pub days: Vec<ThemeDay>,
}

/// The drivers of the period, each side ranked by the size of its impact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Drivers {
    /// Themes and terms that cost points, the most first.
    pub detractor: Vec<Figures>,
    /// Themes and terms that earn points, the most first.
    pub promoter: Vec<Figures>,
}

/// What `GET /v1/surveys/{id}/themes` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemesReport {
    /// The survey reported on.
    pub survey_id: String,
    /// The filter applied.
    pub filter: ReportFilter,
    /// False while comments stored before the themes (or before a change
    /// of the survey's themes) are still being counted: the figures then
    /// cover only part of the comments.
    pub complete: bool,
    /// Every answer of the period, with or without a comment: what the
    /// impact is measured against.
    pub overall: Summary,
    /// The survey's themes, in the order it defines them.
    pub themes: Vec<ThemeFigures>,
    /// The drivers among the themes and the terms.
    pub drivers: Drivers,
    /// The most mentioned terms no theme holds, per language.
    pub terms: Vec<Figures>,
}

/// Everything [`ThemesReport::build`] reads from the database.
pub struct Counted<'a> {
    /// Every answer of the period.
    pub overall: Tally,
    /// The period's terms and themes with their counts.
    pub terms: &'a [TermRow],
    /// The themes' answers per day.
    pub theme_days: &'a [ThemeDay],
    /// Whether every comment is counted.
    pub complete: bool,
}

impl ThemesReport {
    /// The report of `themes` (the survey's) from the period's counts.
    pub fn build(
        survey_id: &str,
        filter: ReportFilter,
        themes: &[Theme],
        counted: Counted<'_>,
    ) -> ThemesReport {
        let overall = counted.overall;
        let figures = |kind, key: &str, text: String, search, language, tally: Tally| {
            let nps = tally.nps()?;
            let impact = impact(tally, overall);
            Some(Figures {
                kind,
                key: key.to_owned(),
                text,
                search,
                language,
                counts: tally,
                nps,
                impact,
                driver: impact.and_then(|i| i.driver(tally.total())),
            })
        };
        let by_term: HashMap<&str, Tally> = counted
            .terms
            .iter()
            .filter(|r| r.term.starts_with('#'))
            .map(|r| (r.term.as_str(), r.tally))
            .collect();
        let mut days: BTreeMap<&str, Vec<ThemeDay>> = BTreeMap::new();
        for day in counted.theme_days {
            days.entry(day.term.as_str()).or_default().push(day.clone());
        }
        let theme_figures: Vec<ThemeFigures> = themes
            .iter()
            .map(|theme| {
                let term = theme_term(&theme.id);
                let label = theme.label.get(Locale::En).unwrap_or(&theme.id).to_owned();
                let tally = by_term.get(term.as_str()).copied().unwrap_or_default();
                let mut theme_days = days.remove(term.as_str()).unwrap_or_default();
                theme_days.sort_by_key(|d| d.date);
                ThemeFigures {
                    label: theme.label.clone(),
                    figures: figures(Kind::Theme, &theme.id, label, None, None, tally),
                    id: theme.id.clone(),
                    days: theme_days,
                }
            })
            .collect();
        // The terms the themes hold, stemmed once, not once per row.
        let held: HashSet<(Locale, String)> = themes
            .iter()
            .flat_map(|t| Locale::ALL.map(|l| (l, t.terms(l))))
            .flat_map(|(l, terms)| terms.into_iter().map(move |term| (l, term)))
            .collect();
        let pairs = within_pairs(counted.terms);
        let redundant = |r: &TermRow| {
            let t = r.tally;
            let counts = [t.detractors, t.passives, t.promoters];
            pairs.contains(&(r.language.as_str(), r.term.as_str(), counts))
        };
        let rows: Vec<&TermRow> = counted
            .terms
            .iter()
            .filter(|r| !r.term.starts_with('#') && !redundant(r))
            .collect();
        let mut free: Vec<Figures> = rows
            .into_iter()
            .filter_map(|r| {
                let language = Locale::from_tag(&r.language)?;
                if held.contains(&(language, r.term.clone())) {
                    return None;
                }
                // Shown as stemmed until [`ThemesReport::write`].
                let search = Some(r.term.clone());
                figures(
                    Kind::Term,
                    &r.term,
                    r.term.clone(),
                    search,
                    Some(language),
                    r.tally,
                )
            })
            .collect();
        // Most mentioned first; ties in a fixed order.
        free.sort_by(|a, b| {
            (b.counts.total(), &a.key, a.language).cmp(&(a.counts.total(), &b.key, b.language))
        });
        let candidates = theme_figures
            .iter()
            .filter_map(|t| t.figures.clone())
            .chain(free.iter().cloned());
        let mut drivers = Drivers::default();
        for f in candidates {
            match f.driver {
                Some(Side::Detractor) => drivers.detractor.push(f),
                Some(Side::Promoter) => drivers.promoter.push(f),
                None => {}
            }
        }
        let points = |f: &Figures| f.impact.map_or(0.0, |i| i.points);
        drivers
            .detractor
            .sort_by(|a, b| points(b).total_cmp(&points(a)));
        drivers
            .promoter
            .sort_by(|a, b| points(a).total_cmp(&points(b)));
        drivers.detractor.truncate(DRIVERS_SHOWN);
        drivers.promoter.truncate(DRIVERS_SHOWN);
        free.truncate(TERMS_SHOWN);
        ThemesReport {
            survey_id: survey_id.to_owned(),
            filter,
            complete: counted.complete,
            overall: overall.into(),
            themes: theme_figures,
            drivers,
            terms: free,
        }
    }
}

impl ThemesReport {
    /// The terms the report shows (drivers and most mentioned), by
    /// language and stem: the ones [`ThemesReport::write`] needs written
    /// forms of. A year holds a thousand candidate terms; about eighty are
    /// shown, so only theirs are read.
    pub fn shown_terms(&self) -> Vec<[&str; 2]> {
        let mut shown: Vec<[&str; 2]> = self
            .term_figures()
            .filter_map(|f| Some([f.language?.as_str(), f.key.as_str()]))
            .collect();
        shown.sort_unstable();
        shown.dedup();
        shown
    }

    /// Shows each term as it is most often written (`surfaces`, of
    /// [`ThemesReport::shown_terms`]) and searches for it by those words;
    /// a term without one stays as stemmed.
    pub fn write(&mut self, surfaces: &[SurfaceRow]) {
        let written: HashMap<(&str, &str), &str> = surfaces
            .iter()
            .map(|s| ((s.language.as_str(), s.term.as_str()), s.surface.as_str()))
            .collect();
        let Drivers {
            detractor,
            promoter,
        } = &mut self.drivers;
        for f in detractor.iter_mut().chain(promoter).chain(&mut self.terms) {
            let Some(language) = f.language.filter(|_| f.kind == Kind::Term) else {
                continue;
            };
            if let Some(surface) = written.get(&(language.as_str(), f.key.as_str())) {
                f.search = Some(terms::search_words(&f.key, surface));
                f.text = (*surface).to_owned();
            }
        }
    }

    fn term_figures(&self) -> impl Iterator<Item = &Figures> {
        let drivers = self.drivers.detractor.iter().chain(&self.drivers.promoter);
        drivers.chain(&self.terms).filter(|f| f.kind == Kind::Term)
    }
}

#[cfg(test)]
mod tests;
