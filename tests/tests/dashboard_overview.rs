//! The overview in real Chromium against the Worker and D1, on the sample
//! year seeded into `dashboard-test`: signing in (refused with a wrong
//! password or a tampered cookie), the NPS, its interval and the counts
//! equal to the report API's, and a period, a touchpoint, a source and a
//! custom period each changing them (and the URL) as the API says.

use ambassador_tests::browser;
use ambassador_tests::dashboard::{
    days_ago, expected_figures, open, overview_figures, report, sign_in, sign_in_with, today,
    SURVEY,
};
use ambassador_tests::page::{axe_violations, wait_for};
use fantoccini::{Client, Locator};
use serde_json::json;

async fn choose(client: &Client, select: &str, value: &str) {
    client
        .find(Locator::Css(&format!("select[name={select}]")))
        .await
        .expect("the select is there")
        .select_by_value(value)
        .await
        .expect("chooses");
}

/// Waits until the overview shows `expected` (it reloads after a change).
async fn shows(client: &Client, expected: &serde_json::Value, what: &str) {
    for _ in 0..50 {
        if overview_figures(client).await == *expected {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(overview_figures(client).await, *expected, "{what}");
}

fn period(days: i64) -> String {
    format!("from={}&to={}", days_ago(days - 1), today())
}

#[tokio::test]
async fn sign_in_is_refused_with_a_wrong_password_and_a_tampered_cookie() {
    let client = browser().await;
    sign_in_with(&client, "vic", "not-the-password", "").await;
    let refusal = wait_for(
        &client,
        "return document.querySelector('.sign-in [role=alert]')?.textContent ?? null;",
    )
    .await;
    assert_eq!(refusal, "The name or the password is wrong.");
    assert!(client.find(Locator::Css("nav")).await.is_err(), "no views");
    assert_eq!(axe_violations(&client).await, json!([]), "the sign-in form");

    sign_in(&client, "vic", "").await;
    let cookies = client.get_all_cookies().await.expect("cookies");
    let session = cookies
        .iter()
        .find(|c| c.http_only() == Some(true))
        .expect("an HttpOnly session cookie")
        .clone();
    let mut tampered = session.clone();
    // One character of the signed value changed, as a forger would.
    let mut value: Vec<char> = session.value().chars().collect();
    let at = value.len() - 5;
    value[at] = if value[at] == 'A' { 'B' } else { 'A' };
    tampered.set_value(value.into_iter().collect::<String>());
    client.delete_cookie(session.name()).await.expect("deletes");
    client.add_cookie(tampered).await.expect("sets");
    client.refresh().await.expect("reloads");
    wait_for(
        &client,
        "return document.querySelector('#password') ? true : null;",
    )
    .await;
    assert!(
        client.find(Locator::Css("nav")).await.is_err(),
        "signed out"
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn the_overview_equals_the_report_api_and_follows_filters_and_periods() {
    let client = browser().await;
    sign_in(&client, "vic", &format!("?survey={SURVEY}&period=30d")).await;
    let month = expected_figures(&report(&period(30)).await);
    shows(&client, &month, "the last 30 days").await;
    let change = wait_for(
        &client,
        "return document.querySelector('[data-testid=change]')?.textContent ?? null;",
    )
    .await;
    assert!(
        change
            .as_str()
            .is_some_and(|c| c.starts_with("Since the previous period: ")),
        "the sample year has a previous month: {change}"
    );

    choose(&client, "period", "12m").await;
    let year = expected_figures(&report(&period(365)).await);
    assert_ne!(year, month, "a year is not a month");
    shows(&client, &year, "the last 12 months").await;

    choose(&client, "touchpoint", "pickup").await;
    let pickup = expected_figures(&report(&format!("{}&touchpoint=pickup", period(365))).await);
    assert_ne!(pickup, year, "pickup is not everything");
    shows(&client, &pickup, "pickup over 12 months").await;

    choose(&client, "source", "email").await;
    let query = format!("{}&touchpoint=pickup&source=email", period(365));
    let email = expected_figures(&report(&query).await);
    assert_ne!(email, pickup);
    shows(&client, &email, "pickup's email answers").await;
    let clicks = report(&format!("{query}&include_unconfirmed=true")).await;
    let confirmed = report(&query).await;
    let commented = confirmed["commented"].as_u64().expect("a count");
    assert!(
        commented > 0 && commented < total(&confirmed),
        "the sample's email answers, some with a comment: {commented}"
    );
    let funnel = wait_for(
        &client,
        "return document.querySelector('[data-testid=funnel]')?.textContent ?? null;",
    )
    .await;
    assert_eq!(
        funnel,
        format!(
            "Email answers: {} clicked a score, {} confirmed it, {commented} with a comment.",
            total(&clicks),
            total(&confirmed)
        )
    );
    let address = client.current_url().await.expect("a URL");
    assert!(
        address.as_str().ends_with(
            "?view=overview&survey=dashboard-test&period=12m&touchpoint=pickup&source=email"
        ),
        "the URL holds the selection: {address}"
    );

    // The same URL opened afresh shows the same: a view can be shared.
    client.goto(address.as_str()).await.expect("reloads");
    shows(&client, &email, "the shared URL").await;

    let (from, to) = (days_ago(200), days_ago(100));
    open(
        &client,
        &format!("survey={SURVEY}&period=custom&from={from}&to={to}"),
        "document.querySelector('[data-testid=nps]')",
    )
    .await;
    let custom = expected_figures(&report(&format!("from={from}&to={to}")).await);
    shows(&client, &custom, "a custom period").await;
    let dates = client
        .execute(
            "return [...document.querySelectorAll('input[type=date]')].map(i => i.value);",
            vec![],
        )
        .await
        .expect("reads");
    assert_eq!(dates, serde_json::json!([from.to_string(), to.to_string()]));

    // Days out of order: the API's refusal, in its words.
    open(
        &client,
        &format!("survey={SURVEY}&period=custom&from={to}&to={from}"),
        "document.querySelector('main [role=alert]')",
    )
    .await;
    let refusal = client
        .find(Locator::Css("main [role=alert]"))
        .await
        .expect("an alert")
        .text()
        .await
        .expect("text");
    assert!(refusal.contains("swap them"), "{refusal}");
    client.close().await.expect("session closes");
}

fn total(report: &serde_json::Value) -> u64 {
    let overall = &report["overall"];
    ["promoters", "passives", "detractors"]
        .iter()
        .map(|k| overall[k].as_u64().unwrap_or(0))
        .sum()
}
