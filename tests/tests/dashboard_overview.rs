//! The overview in real Chromium against the Worker and D1, on the sample
//! year seeded into `dashboard-test`: signing in (refused with a wrong
//! password or a tampered cookie), the NPS, its interval and the counts
//! equal to the report API's, and a period, a touchpoint, a source and a
//! custom period each changing them (and the URL) as the API says; the
//! email invitations' funnel equal to the report's response rates, drawn
//! against the typical figures, with the scanners' clicks in its file.

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
    funnel_equals_the_response_rates(&client, &report(&query).await).await;
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

/// The funnel's bars, rates and typical lines equal the report's
/// `response_rates.overall`, and its file of every click lists the clicks
/// judged a mail scanner's, with why.
async fn funnel_equals_the_response_rates(client: &Client, report: &serde_json::Value) {
    let rates = &report["response_rates"]["overall"];
    let count = |key: &str| rates[key].as_u64().expect("a count");
    let (invited, clicked, suspect) = (count("invited"), count("clicked"), count("suspect"));
    let percent = |share: f64| format!("{:.0}%", 100.0 * share);
    let of_invited = |n: u64| percent(n as f64 / invited as f64);
    let click_rate = clicked as f64 / invited as f64;
    assert!(
        (0.15..0.30).contains(&click_rate) && suspect > 0 && count("commented") > 0,
        "the sample's invitations: about a fifth clicked, a few by scanners: {rates}"
    );
    let shown = wait_for(
        client,
        "const funnel = document.querySelector('[data-testid=funnel]');
         if (!funnel) return null;
         const text = id => funnel.querySelector(`[data-testid=${id}]`)?.textContent;
         return {bars: [...funnel.querySelectorAll('svg rect')].map(r => r.getAttribute('aria-label')),
                 focusable: [...funnel.querySelectorAll('svg rect')].every(r => r.tabIndex === 0),
                 name: funnel.querySelector('svg').getAttribute('aria-label'),
                 typical: [...funnel.querySelectorAll('svg line.typical')].map(l => l.dataset.share),
                 caption: text('funnel-typical'), rates: text('funnel-rates'),
                 suspect: text('funnel-suspect'),
                 table: [...funnel.querySelectorAll('details tbody tr')].map(r => r.textContent)};",
    )
    .await;
    let bar = |name: &str, key: &str| {
        format!(
            "{name}: {} ({} of the invited)",
            count(key),
            of_invited(count(key))
        )
    };
    let row = |name: &str, key: &str, typical: &str| {
        format!("{name}{}{}{typical}", count(key), of_invited(count(key)))
    };
    assert_eq!(
        shown,
        json!({
            "bars": [bar("Invited", "invited"), bar("Clicked a score", "clicked"),
                     bar("Answered", "answered"), bar("With a comment", "commented")],
            "focusable": true,
            "name": "Email invitations: invited, clicked a score, answered, with a comment; \
                     dashed lines at the typical figures",
            "typical": ["0.2100", format!("{:.4}", 0.25 * click_rate)],
            "caption": "Dashed lines: typical of an email program, 21% of the invited click a \
                        score and 25% of them write a comment.",
            "rates": format!(
                "Click rate {}, answer rate {}; {} of those who clicked wrote a comment.",
                percent(rates["click_rate"].as_f64().expect("a rate")),
                percent(rates["answer_rate"].as_f64().expect("a rate")),
                percent(count("commented") as f64 / clicked as f64)
            ),
            "suspect": format!("{suspect} clicks judged a mail scanner's are left out of these \
                                figures. Download every email click, the scanners' with the reason (CSV)"),
            "table": [row("Invited", "invited", ""), row("Clicked a score", "clicked", "21%"),
                      row("Answered", "answered", ""),
                      row("With a comment", "commented", "25% of those who clicked")],
        })
    );
    // The file behind the link holds the scanners' clicks, each with why;
    // the period counts clicks by their day there, invitations by the day
    // they were sent here, so only their presence is compared.
    let file = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const link = document.querySelector('[data-testid=funnel-suspect] a');
             fetch(link.href).then(r => r.text()).then(t => {
               const rows = t.trim().split('\\r\\n').map(l => l.split(','));
               const [head, body] = [rows[0], rows.slice(1)];
               const suspects = body.filter(r => r.at(-2) === 'suspect');
               done({tail: head.slice(-2), suspects: suspects.length,
                     reasons: suspects.every(r => ['honeypot', 'several_scores', 'too_soon'].includes(r.at(-1)))});
             });",
            vec![],
        )
        .await
        .expect("the file of every click downloads");
    assert_eq!(file["tail"], json!(["state", "suspect"]), "{file}");
    assert_eq!(file["reasons"], json!(true), "{file}");
    assert!(file["suspects"].as_u64().is_some_and(|n| n > 0), "{file}");
}
