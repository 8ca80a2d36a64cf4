//! The Themes view in Chromium on the sample year of `dashboard-test`
//! (xtask/src/demo.rs plants its patterns): waiting leads the detractor
//! drivers and friendly staff the promoter drivers, every driver's figures
//! those of `GET /v1/surveys/{id}/themes` for the same filters; a word
//! opens the comments that mention it; a theme opens its trend; Tab and
//! Enter reach and open the drivers; axe finds nothing; on a 360 px phone
//! the two sides stack, nothing scrolls sideways and no text is under
//! 12 px; and the overview shows each side's top three.

use ambassador_tests::browser;
use ambassador_tests::dashboard::{
    days_ago, open, sign_in, tab_to, themes, today, ENTER, FITS, SURVEY,
};
use ambassador_tests::page::{axe_violations, axe_violations_unfolded, press, wait_for};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// The view's query for the last 12 months, and the API's for the same.
const PERIOD: &str = "period=12m";

fn api_period() -> String {
    format!("from={}&to={}", days_ago(364), today())
}

/// A driver as the English dashboard should show it: its kind and key,
/// its name (a theme's English label, a word as written) and its figures.
fn expected_driver(report: &Value, f: &Value) -> Value {
    let name = match f["kind"].as_str() {
        Some("theme") => report["themes"]
            .as_array()
            .and_then(|t| t.iter().find(|t| t["id"] == f["key"]))
            .map_or(Value::Null, |t| t["label"]["en"].clone()),
        _ => f["text"].clone(),
    };
    let number = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    let n: u64 = ["detractors", "passives", "promoters"]
        .iter()
        .map(|k| f[k].as_u64().unwrap_or(0))
        .sum();
    let impact = &f["impact"];
    json!({
        "kind": f["kind"],
        "key": f["key"],
        "name": name,
        "figures": format!(
            "{:+.1} points (95% interval {:+.1} to {:+.1}) · {n} answers · NPS {:+.0}",
            number(&impact["points"]),
            number(&impact["low"]),
            number(&impact["high"]),
            number(&f["nps"]["score"]),
        ),
    })
}

/// The drivers the page shows, per side, at most `limit` of the API's.
fn expected_sides(report: &Value, limit: usize) -> Value {
    let side = |name: &str| -> Vec<Value> {
        report["drivers"][name]
            .as_array()
            .map(|list| {
                list.iter()
                    .take(limit)
                    .map(|f| expected_driver(report, f))
                    .collect()
            })
            .unwrap_or_default()
    };
    json!({"detractor": side("detractor"), "promoter": side("promoter")})
}

/// The drivers as a person reads them, inside `within` (a CSS selector).
async fn shown_sides(client: &Client, within: &str) -> Value {
    let script = format!(
        "const side = s => [...document.querySelectorAll(`{within} .${{s}}-drivers .driver`)].map(d => ({{
             kind: d.dataset.kind, key: d.dataset.key,
             name: d.querySelector('.name a').textContent,
             figures: d.querySelector('.figures').textContent}}));
         return {{detractor: side('detractor'), promoter: side('promoter')}};"
    );
    client
        .execute(&script, vec![])
        .await
        .expect("reads the drivers")
}

async fn open_themes(client: &Client, extra: &str) {
    open(
        client,
        &format!("view=themes&survey={SURVEY}&{PERIOD}{extra}"),
        "document.querySelector('[data-testid=drivers] .driver')",
    )
    .await;
}

#[tokio::test]
async fn the_planted_drivers_lead_with_the_apis_figures() {
    let client = browser().await;
    sign_in(&client, "vic", "").await;
    open_themes(&client, "").await;
    let report = themes(&api_period()).await;
    assert_eq!(report["complete"], true, "the seeded terms are current");
    let shown = shown_sides(&client, "[data-testid=drivers]").await;
    assert_eq!(shown, expected_sides(&report, usize::MAX));
    assert_eq!(shown["detractor"][0]["key"], "waiting", "{shown}");
    assert_eq!(shown["detractor"][0]["name"], "Waiting");
    assert_eq!(shown["promoter"][0]["key"], "staff", "{shown}");
    assert_eq!(shown["promoter"][0]["name"], "Friendly staff");
    let page = client
        .execute(
            "const trend = document.querySelector('.theme-trend');
             return {incomplete: !!document.querySelector('[data-testid=incomplete]'),
                     theme: trend.dataset.theme,
                     figures: trend.querySelector('[data-testid=theme-figures]').textContent,
                     points: Number(trend.querySelector('[data-testid=trend]')?.dataset.points),
                     terms: document.querySelectorAll('[data-testid=terms] li').length};",
            vec![],
        )
        .await
        .expect("reads the view");
    let waiting = report["themes"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["id"] == "waiting"))
        .expect("the waiting theme")["figures"]
        .clone();
    let n: u64 = ["detractors", "passives", "promoters"]
        .iter()
        .map(|k| waiting[k].as_u64().unwrap_or(0))
        .sum();
    let score = waiting["nps"]["score"].as_f64().unwrap_or(f64::NAN);
    assert_eq!(page["incomplete"], false);
    assert_eq!(
        page["theme"], "waiting",
        "the strongest detractor theme's trend"
    );
    assert_eq!(page["figures"], format!("{n} answers · NPS {score:+.0}"));
    // A year is drawn per month: 12 of them, or 13 with a part at each end.
    assert!(
        page["points"]
            .as_u64()
            .is_some_and(|p| (12..=13).contains(&p)),
        "{page}"
    );
    assert_eq!(
        page["terms"],
        report["terms"].as_array().map_or(0, Vec::len)
    );
    assert_eq!(axe_violations_unfolded(&client).await, json!([]), "themes");

    // The overview: each side's top three, each leading to the Themes view.
    open(
        &client,
        &format!("view=overview&survey={SURVEY}&{PERIOD}"),
        "document.querySelector('[data-testid=overview-drivers] .driver')",
    )
    .await;
    let top = shown_sides(&client, "[data-testid=overview-drivers]").await;
    assert_eq!(top, expected_sides(&report, 3));
    assert_eq!(axe_violations(&client).await, json!([]), "overview");
    client
        .find(Locator::Css(
            "[data-testid=overview-drivers] .promoter-drivers .driver a",
        ))
        .await
        .expect("a promoter driver")
        .click()
        .await
        .expect("opens it");
    let opened = wait_for(
        &client,
        "return document.querySelector('[data-view=themes] .theme-trend')?.dataset.theme ?? null;",
    )
    .await;
    assert_eq!(opened, "staff", "the theme opens with its trend");
    client.close().await.expect("session closes");
}

/// Whether every comment listed holds each of `search`'s words at the
/// start of one of its words, as the search matches (diacritics and case
/// aside); the comments shown, once loaded.
async fn comments_found(client: &Client) -> Value {
    wait_for(
        client,
        "if (!document.querySelector('[data-view=comments]')) return null;
         const fold = s => s.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase();
         const q = new URLSearchParams(location.search).get('q');
         const quotes = [...document.querySelectorAll('[data-testid=comments] blockquote')];
         if (!q || !quotes.length) return null;
         const words = fold(q).split(/\\s+/);
         const holds = c => { const said = fold(c).split(/[^\\p{L}\\p{N}]+/u);
                             return words.every(w => said.some(s => s.startsWith(w))); };
         return {q, field: document.querySelector('input[name=q]').value,
                 all: quotes.every(b => holds(b.textContent)), n: quotes.length};",
    )
    .await
}

#[tokio::test]
async fn a_word_opens_its_comments_and_the_keyboard_opens_drivers() {
    let client = browser().await;
    sign_in(&client, "ana", "").await;
    open_themes(&client, "").await;
    let report = themes(&api_period()).await;
    let first = &report["terms"][0];
    client
        .find(Locator::Css("[data-testid=terms] li a"))
        .await
        .expect("a word")
        .click()
        .await
        .expect("opens its comments");
    let found = comments_found(&client).await;
    assert_eq!(found["q"], first["search"], "{found}");
    assert_eq!(
        found["field"], first["search"],
        "the search shows its words"
    );
    assert_eq!(found["all"], true, "every comment mentions it: {found}");

    // Keyboard only: Tab to the first promoter theme, Enter shows its trend.
    open_themes(&client, "").await;
    client
        .execute(
            "document.activeElement.blur(); window.scrollTo(0, 0);",
            vec![],
        )
        .await
        .expect("starts from the top");
    tab_to(
        &client,
        "e.closest('.promoter-drivers .driver[data-kind=theme]')",
    )
    .await;
    press(&client, [ENTER]).await;
    let trend = wait_for(
        &client,
        "const t = document.querySelector('.theme-trend');
         return t && t.dataset.theme !== 'waiting' ? {theme: t.dataset.theme, url: location.search} : null;",
    )
    .await;
    assert_eq!(trend["theme"], "staff", "{trend}");
    assert!(
        trend["url"]
            .as_str()
            .is_some_and(|u| u.contains("theme=staff")),
        "the URL holds the theme: {trend}"
    );
    // And a word among the drivers opens its comments.
    client
        .execute(
            "document.activeElement.blur(); window.scrollTo(0, 0);",
            vec![],
        )
        .await
        .expect("starts from the top");
    tab_to(&client, "e.closest('.driver[data-kind=term]')").await;
    press(&client, [ENTER]).await;
    let found = comments_found(&client).await;
    assert_eq!(found["all"], true, "{found}");
    assert!(found["n"].as_u64() >= Some(1), "{found}");
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn on_a_phone_the_sides_stack_and_nothing_overflows() {
    let client = browser().await;
    client.set_window_size(360, 740).await.expect("resizes");
    sign_in(&client, "vic", "").await;
    open_themes(&client, "").await;
    let fits = client.execute(FITS, vec![]).await.expect("measures");
    assert_eq!(fits, json!({"wide": false, "smallest": "readable"}));
    let stacked = client
        .execute(
            "const box = s => document.querySelector(s).getBoundingClientRect();
             const d = box('[data-testid=drivers] .detractor-drivers'), p = box('[data-testid=drivers] .promoter-drivers');
             const bar = box('[data-testid=drivers] svg.impact');
             return {stacked: p.top >= d.bottom, bar: bar.width > 200};",
            vec![],
        )
        .await
        .expect("measures");
    assert_eq!(stacked, json!({"stacked": true, "bar": true}));
    open(
        &client,
        &format!("view=overview&survey={SURVEY}&{PERIOD}"),
        "document.querySelector('[data-testid=overview-drivers] .driver')",
    )
    .await;
    let fits = client.execute(FITS, vec![]).await.expect("measures");
    assert_eq!(
        fits,
        json!({"wide": false, "smallest": "readable"}),
        "overview"
    );
    client.close().await.expect("session closes");
}
