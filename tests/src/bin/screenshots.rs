//! `cargo xtask screenshots`: the pictures the README and the docs show, as
//! PNGs in `docs/screenshots/`, retaken whenever the widget or the
//! dashboard changes:
//!
//! - the widget as a customer sees it: on the demo page on a 1280 x 800
//!   laptop, and on a shop's page (`tests/pages/shop.html`, its own origin,
//!   in the shop's colour) on a 412 x 915 phone, a score chosen;
//! - the dashboard's views from the `demo` survey's sample year, signed in
//!   as the agent `ana`; each view at 1200 px wide and as tall as its page
//!   (at most 1600 px), and the overview, trend, segments and themes on a
//!   360 px phone; the Wallboards view with two links, one just made;
//! - a team's wallboard (the demo's pickup), on a 1920 x 1080 TV and on a
//!   tablet standing upright (820 x 1180);
//! - a team digest as Slack shows it (`ambassador_tests::slack_preview`) on
//!   a 390 px phone and a 1200 px desktop: the pickup team's weekly digest
//!   that `surveys.toml`'s commented example would send, made by the
//!   Worker's own function from the demo's figures of last week, read
//!   through the API. A message Block Kit would refuse fails the run.
//!
//! Needs `AMBASSADOR_URL` and `WEBDRIVER_URL`, which the xtask sets.

use ambassador_shared::report::date::Day;
use ambassador_shared::survey::{Every, TeamDigest, Weekday};
use ambassador_shared::team_digest::slack::{block_kit_problems, slack_message};
use ambassador_shared::team_digest::{filter, Figures, Period, TeamDigestEvent};
use ambassador_shared::{Locale, Surveys, Tally};
use ambassador_tests::page::{click_score, in_shadow, wait_for, wait_rendered};
use ambassador_tests::slack_preview::{self, Sender};
use ambassador_tests::{
    browser, dev_var, host, http, make_wallboard, send_json, unix_now, url, zone,
};
use fantoccini::{Client, Locator};
use serde_json::Value;

/// Each view, the period it is shown for (the overview's has one before
/// it to compare with), and a script that returns true once it is drawn.
const VIEWS: [(&str, &str, &str); 7] = [
    (
        "overview",
        "90d",
        "document.querySelector('[data-testid=change]')",
    ),
    (
        "trend",
        "12m",
        "document.querySelector('[data-testid=trend] circle')",
    ),
    (
        "segments",
        "12m",
        "document.querySelector('.segments circle')",
    ),
    (
        "themes",
        "12m",
        "document.querySelector('[data-testid=drivers] .driver')",
    ),
    (
        "comments",
        "30d",
        "document.querySelector('[data-testid=comments] li')",
    ),
    (
        "cases",
        "30d",
        "document.querySelector('table.cases tbody tr')",
    ),
    (
        "export",
        "90d",
        "document.querySelector('[data-testid=export-count]')",
    ),
];

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/screenshots");

/// Saves the page at `width` and as tall as it is (300 to 1600 px) as
/// `docs/screenshots/{name}.png`.
async fn shoot(client: &Client, name: &str, width: u32) {
    client.set_window_size(width, 900).await.expect("resizes");
    let bottom = client
        .execute(
            "window.scrollTo(0, 0);
             return Math.ceil(document.body.getBoundingClientRect().bottom) + 16;",
            vec![],
        )
        .await
        .expect("the page has a height");
    let height = (bottom.as_u64().unwrap_or(0) as u32).clamp(300, 1600);
    page_size(client, width, height).await;
    save(client, name).await;
}

/// Sizes the window so that the page gets `width` x `height` CSS pixels:
/// the window's height includes the browser around the page.
async fn page_size(client: &Client, width: u32, height: u32) {
    client
        .set_window_size(width, height)
        .await
        .expect("resizes");
    let chrome = client
        .execute("return outerHeight - innerHeight;", vec![])
        .await
        .expect("the window has a height");
    let chrome = chrome.as_u64().unwrap_or(0) as u32;
    client
        .set_window_size(width, height + chrome)
        .await
        .expect("resizes");
}

/// Saves the window as it is as `docs/screenshots/{name}.png`.
async fn save(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    let path = format!("{DIR}/{name}.png");
    std::fs::write(&path, png).expect("the screenshot is written");
    println!("{path}");
}

/// The element the loader inserts for a script tag.
const WIDGET: &str = ".ambassador-survey";

/// The widget on the demo page on a laptop, as it first shows; then on a
/// shop's page on a phone with a score chosen, which shows the shop's
/// colour on the score and the send button, and the follow-up question.
async fn widget(client: &Client) {
    page_size(client, 1280, 800).await;
    client.goto(&url("/")).await.expect("the demo page loads");
    wait_rendered(client, WIDGET).await;
    save(client, "widget-laptop").await;
    // A tall phone's screen: the shop's page and the whole survey fit.
    page_size(client, 412, 915).await;
    client
        .goto(&host::page("/shop.html"))
        .await
        .expect("the shop's page loads");
    click_score(client, WIDGET, 9).await;
    let asked = "return root.querySelector('textarea') ? true : null;";
    wait_for(client, &in_shadow(WIDGET, asked)).await;
    save(client, "widget-phone").await;
}

/// The demo's pickup team, as `surveys.toml`'s commented example of a
/// team digest defines it.
fn pickup_team() -> TeamDigest {
    TeamDigest {
        id: "pickup-team".to_owned(),
        touchpoint: Some("pickup".to_owned()),
        role: None,
        every: Every::Week,
        weekday: Some(Weekday::Monday),
        hour: 8,
        language: Locale::Da,
        destinations: vec!["staff".to_owned()],
        min_answers: 10,
    }
}

/// `GET path?query` on the Worker with the API key.
async fn api(path: &str, query: &[(&str, String)]) -> Value {
    let request = http()
        .get(url(path))
        .query(query)
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")));
    let (status, body) = send_json(request, None).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// The report filter of `digest` over `from` to `to` as query parameters.
fn query(digest: &TeamDigest, from: Day, to: Day) -> Vec<(&'static str, String)> {
    let filter = filter(digest, from, to);
    let mut query = vec![("from", from.to_string()), ("to", to.to_string())];
    query.extend(filter.touchpoint.map(|t| ("touchpoint", t)));
    query.extend(filter.role.map(|r| ("role", r)));
    query
}

/// What the Worker would read for `digest` over `period`, read through the
/// API instead of D1: the report's counts of the period and the one before,
/// its newest promoters' comments, and the team's cases from the inbox.
async fn figures(digest: &TeamDigest, period: &Period) -> Figures {
    let tally = |report: Value| -> Tally {
        serde_json::from_value(report["overall"].clone()).expect("the report's counts")
    };
    let report = "/v1/surveys/demo/report";
    let before = period.before();
    let current = tally(api(report, &query(digest, period.from, period.to)).await);
    let previous = tally(api(report, &query(digest, before.from, before.to)).await);
    let mut praise_query = query(digest, period.from, period.to);
    praise_query.extend([
        ("category", "promoter".to_owned()),
        ("limit", "5".to_owned()),
    ]);
    let comments = api("/v1/surveys/demo/comments", &praise_query).await;
    let praise = comments["comments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["comment"].as_str().map(str::to_owned))
        .collect();
    let inbox = api("/v1/surveys/demo/cases", &[]).await;
    let team = inbox["by_touchpoint"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["touchpoint"].as_str() == digest.touchpoint.as_deref())
        .map(|t| t["figures"].clone())
        .unwrap_or_default();
    Figures {
        current,
        previous,
        praise,
        open_cases: team["open"].as_u64().unwrap_or(0),
        overdue_cases: team["overdue"].as_u64().unwrap_or(0),
    }
}

/// The pickup team's digest of last week, drawn as Slack shows it, on a
/// phone and on a desktop.
async fn slack_digest(client: &Client) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../surveys.toml"))
        .expect("the survey file");
    let surveys = Surveys::from_toml_str(&text).expect("a valid survey file");
    let survey = surveys.get("demo").expect("the demo survey");
    let digest = pickup_team();
    let now = unix_now() as i64 * 1000;
    let period = Period::last_full(digest.every, zone().day_of(now));
    let figures = figures(&digest, &period).await;
    let public_url = "https://nps.example.com";
    let event = TeamDigestEvent::new(survey, &digest, &period, figures, Some(public_url), now);
    let message = slack_message(&event, &survey.brand);
    let problems = block_kit_problems(&message);
    assert!(problems.is_empty(), "Slack would refuse it: {problems:?}");
    let sender = Sender {
        app: "Ambassador",
        channel: "pickup-team",
        time: "08:00",
    };
    let html = slack_preview::page(&message, &sender).unwrap_or_else(|e| panic!("{e}"));
    let file = std::env::temp_dir().join("ambassador-slack-team-digest.html");
    std::fs::write(&file, html).expect("the page is written");
    for (width, name) in [(390, "phone"), (1200, "desktop")] {
        client
            .goto(&format!("file://{}", file.display()))
            .await
            .expect("the message loads");
        shoot(client, &format!("slack-team-digest-{name}"), width).await;
    }
}

/// The Wallboards view with two links: the pickup team's, made through
/// the API for the wallboard's own pictures, and the buyers', made in the
/// form, its link shown.
async fn wallboards(client: &Client) {
    open(
        client,
        "wallboards",
        "30d",
        "document.querySelector('#wallboard-touchpoint option[value=pickup]')",
    )
    .await;
    let field = |css: &'static str| client.find(Locator::Css(css));
    let label = field("#wallboard-label").await.expect("a label field");
    label.send_keys("Køberskranken").await.expect("types");
    let role = field("#wallboard-role").await.expect("a picker");
    role.select_by_value("buyer").await.expect("picks");
    let language = field("#wallboard-language").await.expect("a picker");
    language.select_by_value("da").await.expect("picks");
    field(".new-wallboard button[type=submit]")
        .await
        .expect("a button")
        .click()
        .await
        .expect("sends");
    wait_for(
        client,
        "return document.querySelectorAll('[data-testid=wallboard]').length >= 2
                && document.querySelector('[data-testid=wallboard-url]') ? true : null;",
    )
    .await;
    shoot(client, "dashboard-wallboards", 1200).await;
}

/// The pickup team's wallboard, made with the API key, on a TV and on a
/// tablet.
async fn wallboard(client: &Client) {
    let body = serde_json::json!({"label": "Pickup Køge", "touchpoint": "pickup"});
    let (_, made) = make_wallboard("demo", body).await;
    let page = made["url"].as_str().expect("its page");
    for (name, width, height) in [
        ("wallboard-tv", 1920, 1080),
        ("wallboard-tablet", 820, 1180),
    ] {
        page_size(client, width, height).await;
        client.goto(page).await.expect("the wallboard loads");
        wait_for(
            client,
            "return document.querySelector('[data-figure=nps]') && true;",
        )
        .await;
        save(client, name).await;
    }
}

async fn open(client: &Client, view: &str, period: &str, ready: &str) {
    let path = format!("/dashboard/?view={view}&survey=demo&period={period}&lang=en");
    client.goto(&url(&path)).await.expect("the view loads");
    wait_for(client, &format!("return {ready} ? true : null;")).await;
}

#[tokio::main]
async fn main() {
    std::fs::create_dir_all(DIR).expect("docs/screenshots can be made");
    let client = browser().await;
    widget(&client).await;
    slack_digest(&client).await;
    wallboard(&client).await;
    client.set_window_size(1200, 900).await.expect("resizes");
    client
        .goto(&url("/dashboard/"))
        .await
        .expect("the dashboard loads");
    let field = |id: &'static str| client.wait().for_element(Locator::Id(id));
    let name = field("name").await.expect("a name field");
    name.send_keys("ana").await.expect("types");
    let password = field("password").await.expect("a password field");
    password
        .send_keys(&dev_var("DASHBOARD_PASSWORD"))
        .await
        .expect("types");
    password.send_keys("\n").await.expect("signs in");
    wait_for(
        &client,
        "return document.querySelector('nav') ? true : null;",
    )
    .await;
    for (view, period, ready) in VIEWS {
        open(&client, view, period, ready).await;
        if view == "cases" {
            // The first case opened, to show its history and the agent's form.
            client
                .find(Locator::Css("table.cases button[data-action=open]"))
                .await
                .expect("a case to open")
                .click()
                .await
                .expect("opens");
            wait_for(
                &client,
                "return document.querySelector('#case-title') ? true : null;",
            )
            .await;
        }
        shoot(&client, &format!("dashboard-{view}"), 1200).await;
    }
    wallboards(&client).await;
    client.set_window_size(360, 740).await.expect("resizes");
    for (view, name) in [
        ("overview", "phone"),
        ("trend", "phone-trend"),
        ("segments", "phone-segments"),
        ("themes", "phone-themes"),
    ] {
        let (_, period, ready) = VIEWS
            .iter()
            .find(|(v, _, _)| *v == view)
            .expect("the view is listed");
        open(&client, view, period, ready).await;
        shoot(&client, &format!("dashboard-{name}"), 360).await;
    }
    client.close().await.expect("the session closes");
}
