//! The dashboard's other views on the sample year of `dashboard-test`: the
//! trend with one point per bucket (gaps for the two closed days at
//! Christmas), segments as dots with whiskers and a table that sorts, a
//! Swedish comment found without its diacritics, praise, the export of
//! exactly what the filters show, axe finding nothing on any view, the
//! trend as wide as its column on a laptop, and the dashboard in the
//! browser's language and the one chosen.

use ambassador_tests::dashboard::{days_ago, open, report, sign_in, today, SURVEY, VIEWS};
use ambassador_tests::page::{axe_violations, axe_violations_unfolded, wait_for};
use ambassador_tests::{browser, browser_speaking};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

async fn trend(client: &Client, period: &str) -> Value {
    open(
        client,
        &format!("view=trend&survey={SURVEY}&{period}"),
        "document.querySelector('[data-testid=trend]')",
    )
    .await;
    client
        .execute(
            "const t = document.querySelector('[data-testid=trend]');
             return {points: Number(t.dataset.points), marks: t.querySelectorAll('[data-bucket][tabindex]').length,
                     gaps: t.querySelectorAll('[data-gap]').length, title: document.querySelector('main h3').textContent,
                     rows: t.querySelectorAll('tbody tr').length};",
            vec![],
        )
        .await
        .expect("reads the trend")
}

#[tokio::test]
async fn the_trend_has_a_point_per_bucket_and_gaps_for_empty_ones() {
    let client = browser().await;
    sign_in(&client, "vic", "").await;
    // The sample year closes the store 337 and 338 days ago.
    let (from, to) = (days_ago(340), days_ago(335));
    let days = trend(&client, &format!("period=custom&from={from}&to={to}")).await;
    assert_eq!(
        days,
        json!({"points": 6, "marks": 6, "gaps": 2, "title": "NPS per day", "rows": 6}),
        "six days, two of them empty"
    );
    let quarter = trend(&client, "period=90d").await;
    // ISO weeks, Monday to Sunday: 13 or 14 of them touch 90 days.
    let weeks = today().monday().days_since(days_ago(89).monday()) / 7 + 1;
    assert_eq!(
        quarter,
        json!({"points": weeks, "marks": weeks, "gaps": 0, "title": "NPS per week", "rows": weeks})
    );
    let year = trend(&client, "period=12m").await;
    let daily = report(&format!("from={}&to={}", days_ago(364), today())).await;
    let months: std::collections::BTreeSet<String> = daily["daily"]
        .as_array()
        .expect("days")
        .iter()
        .filter_map(|d| d["date"].as_str().map(|d| d[..7].to_owned()))
        .collect();
    assert_eq!(year["points"], months.len(), "one point per month: {year}");
    assert_eq!(year["title"], "NPS per month");
    client.close().await.expect("session closes");
}

/// On a laptop's 1280 px screen the trend fills its column (the 960 px
/// of `main`), rather than a phone-sized chart in the middle of it.
#[tokio::test]
async fn the_trend_fills_its_column_on_a_wide_screen() {
    let client = browser().await;
    client.set_window_size(1280, 800).await.expect("resizes");
    sign_in(&client, "vic", "").await;
    open(
        &client,
        &format!("view=trend&survey={SURVEY}&period=12m"),
        "document.querySelector('[data-testid=trend] circle')",
    )
    .await;
    let share = "const main = getComputedStyle(document.querySelector('main'));
        const column = document.querySelector('main').clientWidth
            - parseFloat(main.paddingLeft) - parseFloat(main.paddingRight);
        const chart = document.querySelector('[data-testid=trend] svg').getBoundingClientRect().width;
        return {chart, column, share: chart / column};";
    // The chart may be drawn once before its column is measured.
    let mut drawn = json!(null);
    for _ in 0..30 {
        drawn = client.execute(share, vec![]).await.expect("measures");
        if drawn["share"].as_f64().is_some_and(|s| s >= 0.8) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        drawn["column"].as_f64().is_some_and(|c| c > 900.0),
        "a 1280 px window gives main its full 60rem: {drawn}"
    );
    assert!(
        drawn["share"].as_f64().is_some_and(|s| s >= 0.8),
        "the trend is at least 80% of its column: {drawn}"
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn segments_comments_and_export_show_what_the_filters_admit() {
    let client = browser().await;
    sign_in(&client, "vic", "").await;
    open(
        &client,
        &format!("view=segments&survey={SURVEY}&period=12m"),
        "document.querySelector('.segments circle')",
    )
    .await;
    let year = report(&format!("from={}&to={}", days_ago(364), today())).await;
    let touchpoints = year["by_touchpoint"].as_array().expect("touchpoints");
    let dots = client
        .execute(
            "return [...document.querySelectorAll('.segments')[0].querySelectorAll('circle')].map(c => c.getAttribute('aria-label'));",
            vec![],
        )
        .await
        .expect("reads");
    assert_eq!(dots.as_array().map(Vec::len), Some(touchpoints.len()));
    let pickup = touchpoints
        .iter()
        .find(|t| t["name"] == "pickup")
        .expect("pickup");
    let whole = |v: &Value| format!("{:+.0}", v.as_f64().unwrap_or(f64::NAN));
    let label = format!(
        "pickup: NPS {}, 95% interval {} to {}, {} answers",
        whole(&pickup["nps"]["score"]),
        whole(&pickup["nps"]["low"]),
        whole(&pickup["nps"]["high"]),
        pickup["nps"]["responses"]
    );
    assert!(
        dots.as_array().is_some_and(|d| d.contains(&json!(label))),
        "{label} in {dots}"
    );
    // Sorting by answers puts the biggest touchpoint first, then reverses.
    let most = touchpoints
        .iter()
        .max_by_key(|t| t["nps"]["responses"].as_u64())
        .expect("a touchpoint");
    let first_row = "return [document.querySelector('table.sortable tbody tr th').textContent,
                      document.querySelector('table.sortable th[aria-sort=descending], table.sortable th[aria-sort=ascending]')?.getAttribute('aria-sort')];";
    let answers_header = "table.sortable th:last-child button";
    client
        .find(Locator::Css(answers_header))
        .await
        .expect("a sort button")
        .click()
        .await
        .expect("sorts");
    let sorted = client.execute(first_row, vec![]).await.expect("reads");
    assert_eq!(sorted, json!([most["name"], "descending"]));
    client
        .find(Locator::Css(answers_header))
        .await
        .expect("a sort button")
        .click()
        .await
        .expect("sorts");
    let reversed = client.execute(first_row, vec![]).await.expect("reads");
    assert_ne!(reversed[0], most["name"]);
    assert_eq!(reversed[1], "ascending");
    assert_eq!(axe_violations(&client).await, json!([]), "segments");

    // A Swedish comment, searched without its diacritics.
    open(
        &client,
        &format!("view=comments&survey={SURVEY}&period=12m"),
        "document.querySelector('[data-testid=comments] li')",
    )
    .await;
    let search = client
        .find(Locator::Css("input[name=q]"))
        .await
        .expect("a search field");
    search.send_keys("upphamtningen\n").await.expect("searches");
    let found = wait_for(
        &client,
        "const quotes = [...document.querySelectorAll('[data-testid=comments] blockquote')];
         return quotes.length && quotes.every(q => q.textContent.includes('upphämtningen'))
           ? quotes.map(q => q.lang) : null;",
    )
    .await;
    assert!(
        found
            .as_array()
            .is_some_and(|l| l.iter().all(|l| l == "sv")),
        "{found}"
    );
    client
        .find(Locator::Css("select[name=category]"))
        .await
        .expect("the category")
        .select_by_value("promoter")
        .await
        .expect("chooses praise");
    let praise = wait_for(
        &client,
        "const items = [...document.querySelectorAll('[data-testid=comments] li')];
         return items.length && items.every(i => i.classList.contains('promoter'))
           ? items.map(i => i.querySelector('blockquote').textContent) : null;",
    )
    .await;
    assert!(
        praise.as_array().is_some_and(|p| p.iter().all(|c| c
            .as_str()
            .is_some_and(|c| c.contains("trevlig personal vid upphämtningen")))),
        "{praise}"
    );
    assert_eq!(axe_violations(&client).await, json!([]), "comments");

    // The export: the count shown, and a file of exactly those answers.
    let filters = "period=90d&touchpoint=store&source=email";
    open(
        &client,
        &format!("view=export&survey={SURVEY}&{filters}"),
        "document.querySelector('[data-testid=export-count]')",
    )
    .await;
    let expected = report(&format!(
        "from={}&to={}&touchpoint=store&source=email",
        days_ago(89),
        today()
    ))
    .await;
    let n: u64 = ["promoters", "passives", "detractors"]
        .iter()
        .map(|k| expected["overall"][k].as_u64().unwrap_or(0))
        .sum();
    let csv = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const link = document.querySelector('a.download');
             fetch(link.href).then(r => r.text()).then(t => {
               const rows = t.trim().split('\\r\\n').slice(1).map(l => l.split(','));
               done({shown: document.querySelector('[data-testid=export-count]').textContent,
                     rows: rows.length, store: rows.every(r => r.includes('store')),
                     email: rows.every(r => r.includes('email'))});
             });",
            vec![],
        )
        .await
        .expect("the export downloads");
    assert_eq!(
        csv,
        json!({"shown": format!("The file holds every answer the filters above admit: {n} answers from {} to {}.",
                                days_ago(89), today()),
               "rows": n, "store": true, "email": true})
    );
    assert!(n > 0, "the sample year has store answers by email");
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn axe_finds_nothing_on_any_view() {
    let client = browser().await;
    sign_in(&client, "ana", "").await;
    for (view, ready) in VIEWS {
        open(
            &client,
            &format!("view={view}&survey={SURVEY}&period=30d"),
            ready,
        )
        .await;
        assert_eq!(axe_violations_unfolded(&client).await, json!([]), "{view}");
    }
    open(
        &client,
        &format!("view=cases&survey={SURVEY}"),
        "document.querySelector('table.cases tbody tr')",
    )
    .await;
    client
        .find(Locator::Css("table.cases button[data-action=open]"))
        .await
        .expect("a case")
        .click()
        .await
        .expect("opens it");
    wait_for(
        &client,
        "return document.querySelector('#case-title') ? true : null;",
    )
    .await;
    assert_eq!(axe_violations(&client).await, json!([]), "an opened case");
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn the_dashboard_speaks_the_browsers_language_and_the_one_chosen() {
    let client = browser_speaking("sv-SE,sv").await;
    sign_in(&client, "vic", &format!("?survey={SURVEY}&period=30d")).await;
    let swedish = wait_for(
        &client,
        "const i = document.querySelector('[data-testid=interval]');
         if (!i) return null;
         return {lang: document.documentElement.lang, interval: i.textContent,
                 nav: [...document.querySelectorAll('nav a')].map(a => a.textContent)};",
    )
    .await;
    assert_eq!(swedish["lang"], "sv");
    assert_eq!(
        swedish["nav"],
        json!([
            "Översikt",
            "Utveckling",
            "Segment",
            "Teman",
            "Kommentarer",
            "Ärenden",
            "Tavlor",
            "Export"
        ])
    );
    assert!(
        swedish["interval"]
            .as_str()
            .is_some_and(|i| i.starts_with("95 %-intervall ")),
        "{swedish}"
    );
    client
        .find(Locator::Css("select[name=lang]"))
        .await
        .expect("a language switch")
        .select_by_value("de")
        .await
        .expect("chooses German");
    wait_for(
        &client,
        "return document.documentElement.lang === 'de' ? true : null;",
    )
    .await;
    let address = client.current_url().await.expect("a URL");
    assert!(address.as_str().ends_with("&lang=de"), "{address}");
    client.refresh().await.expect("reloads");
    let german = wait_for(
        &client,
        "const a = document.querySelector('nav a'); return a ? a.textContent : null;",
    )
    .await;
    assert_eq!(german, "Übersicht", "the choice outlives a reload");
    assert_eq!(axe_violations(&client).await, json!([]), "in German");
    client.close().await.expect("session closes");
}
