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
//!   360 px phone;
//! - a team's wallboard (the demo's pickup), on a 1920 x 1080 TV and on a
//!   tablet standing upright (820 x 1180).
//!
//! Needs `AMBASSADOR_URL` and `WEBDRIVER_URL`, which the xtask sets.

use ambassador_tests::page::{click_score, in_shadow, wait_for, wait_rendered};
use ambassador_tests::{browser, dev_var, host, make_wallboard, url};
use fantoccini::{Client, Locator};

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
    save(client, &format!("dashboard-{name}")).await;
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
        shoot(&client, view, 1200).await;
    }
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
        shoot(&client, name, 360).await;
    }
    client.close().await.expect("the session closes");
}
