use super::*;

fn day(text: &str) -> Day {
    Day::parse(text).expect("a day")
}

fn tally(detractors: u64, passives: u64, promoters: u64) -> Tally {
    Tally {
        detractors,
        passives,
        promoters,
    }
}

#[test]
fn a_year_is_read_as_whole_months_and_the_days_around_them() {
    let got = split(day("2026-01-15"), day("2027-01-14"));
    assert_eq!(got.months, Some(("2026-02".into(), "2026-12".into())));
    assert_eq!(
        got.days,
        [
            (day("2026-01-15"), day("2026-01-31")),
            (day("2027-01-01"), day("2027-01-14"))
        ]
    );
    let whole = split(day("2026-01-01"), day("2026-12-31"));
    assert_eq!(whole.months, Some(("2026-01".into(), "2026-12".into())));
    assert!(whole.days.is_empty());
    // February of a leap year ends on the 29th.
    let leap = split(day("2028-02-01"), day("2028-02-29"));
    assert_eq!(leap.months, Some(("2028-02".into(), "2028-02".into())));
    let week = split(day("2026-03-02"), day("2026-03-08"));
    assert_eq!(week.months, None);
    assert_eq!(week.days, [(day("2026-03-02"), day("2026-03-08"))]);
}

#[test]
fn every_day_of_a_period_is_read_exactly_once() {
    let start = day("2025-11-20");
    for length in [0i64, 1, 10, 11, 12, 40, 41, 70, 400] {
        for offset in [0i64, 11, 12, 41] {
            let from = Day::of_millis(start.start_millis() + offset * 86_400_000);
            let to = Day::of_millis(from.start_millis() + length * 86_400_000);
            let got = split(from, to);
            let mut covered = 0;
            for (a, b) in &got.days {
                covered += b.days_since(*a) + 1;
            }
            if let Some((first, last)) = &got.months {
                let mut d = day(&format!("{first}-01"));
                while d.to_string()[..7] <= last[..] {
                    covered += 1;
                    d = d.next();
                }
            }
            assert_eq!(covered, length + 1, "{from} to {to}: {got:?}");
        }
    }
}

fn theme() -> Theme {
    let raw = r#"{"id": "waiting", "label": {"en": "Waiting", "da": "Ventetid"},
                  "words": {"da": ["vente", "kø"], "en": ["wait"]}}"#;
    serde_json::from_str(raw).expect("theme")
}

#[test]
fn a_comment_stores_its_terms_and_its_themes() {
    let stored =
        stored_terms(Some("Lang kø, ventede en time"), Locale::Da, &[theme()]).expect("terms");
    let terms: Vec<(String, Option<String>)> = serde_json::from_str(&stored).expect("json");
    assert!(
        terms.contains(&("kø".into(), Some("kø".into()))),
        "{terms:?}"
    );
    assert!(
        terms.contains(&("vented".into(), Some("ventede".into()))),
        "{terms:?}"
    );
    assert_eq!(terms.last(), Some(&("#waiting".into(), None)));
    // The same words in English hold no Danish theme word.
    let english = stored_terms(Some("Lovely staff"), Locale::En, &[theme()]).expect("terms");
    assert!(!english.contains("#waiting"));
    assert_eq!(stored_terms(None, Locale::Da, &[theme()]), None);
    assert_eq!(stored_terms(Some("og i"), Locale::Da, &[theme()]), None);
}

#[test]
fn the_version_changes_with_the_themes() {
    let file = |words: &str| {
        let text = format!(
            "[[survey]]\nid = \"s\"\nbrand = \"B\"\n[[survey.themes]]\nid = \"t\"\n\
             label = {{ en = \"T\" }}\nwords = {{ en = [{words}] }}\n"
        );
        Surveys::from_toml_str(&text).expect("valid")
    };
    assert_eq!(version(&file("\"wait\"")), version(&file("\"wait\"")));
    assert_ne!(version(&file("\"wait\"")), version(&file("\"queue\"")));
}

#[test]
fn the_report_ranks_drivers_and_leaves_theme_terms_out_of_the_terms() {
    let rows = vec![
        TermRow {
            language: String::new(),
            term: "#waiting".into(),
            tally: tally(40, 5, 5),
        },
        TermRow {
            language: "da".into(),
            term: "vent".into(),
            tally: tally(30, 3, 2),
        },
        TermRow {
            language: "da".into(),
            term: "venlig".into(),
            tally: tally(2, 10, 60),
        },
        TermRow {
            language: "da".into(),
            term: "pakk".into(),
            tally: tally(12, 0, 0),
        },
        TermRow {
            language: "en".into(),
            term: "auction".into(),
            tally: tally(10, 10, 20),
        },
        // "vældig" is only ever said as "vældig god": listed once, as the pair.
        TermRow {
            language: "da".into(),
            term: "vældig".into(),
            tally: tally(0, 1, 3),
        },
        TermRow {
            language: "da".into(),
            term: "vældig god".into(),
            tally: tally(0, 1, 3),
        },
    ];
    let surfaces = vec![SurfaceRow {
        language: "da".into(),
        term: "venlig".into(),
        surface: "venligt".into(),
    }];
    let mut report = ThemesReport::build(
        "s",
        ReportFilter::default(),
        &[theme()],
        Counted {
            overall: tally(100, 100, 200),
            terms: &rows,
            theme_days: &[],
            complete: true,
        },
    );
    assert_eq!(report.terms[0].text, "venlig", "stemmed until written");
    assert_eq!(
        report.shown_terms(),
        [
            ["da", "pakk"],
            ["da", "venlig"],
            ["da", "vældig god"],
            ["en", "auction"]
        ]
    );
    report.write(&surfaces);
    let keys = |list: &[Figures]| list.iter().map(|f| f.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&report.drivers.detractor), ["waiting", "pakk"]);
    assert_eq!(keys(&report.drivers.promoter), ["venlig"]);
    // `vent` is the theme's; the evenly spread word is no driver.
    assert_eq!(
        keys(&report.terms),
        ["venlig", "auction", "pakk", "vældig god"]
    );
    assert_eq!(report.terms[0].text, "venligt");
    assert_eq!(report.terms[0].search.as_deref(), Some("venlig"));
    assert_eq!(report.terms[1].driver, None);
    assert_eq!(
        report.themes[0].figures.as_ref().map(|f| f.counts.total()),
        Some(50)
    );
}
