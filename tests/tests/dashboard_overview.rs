//! The owners' dashboard in real Chromium against the Worker and D1: signing
//! in through the form, the overview's NPS and interval equal to the report
//! API's for the same survey and period, the 0-10 distribution as bars and a
//! table, axe finding nothing, a 360 px phone without sideways scrolling,
//! and an agent marking a case contacted from the inbox. Survey
//! `dashboard-test` holds only the overview test's answers, so the numbers
//! it compares cannot move in between; the agent works a case of
//! `case-test`.

use ambassador_tests::page::{axe_violations, screenshot, wait_for};
use ambassador_tests::{browser, d1, dev_var, http, new_id, post_response, url};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

const SURVEY: &str = "dashboard-test";

async fn answer(survey: &str, score: u8) -> String {
    answer_saying(survey, score, "en", &format!("score {score}")).await
}

async fn answer_saying(survey: &str, score: u8, locale: &str, comment: &str) -> String {
    let id = new_id();
    let body = json!({"id": id, "survey_id": survey, "score": score, "comment": comment, "locale": locale,
                      "context": {"touchpoint": "store", "customer_ref": format!("C-{score}")}});
    let (status, answer) = post_response(body.to_string()).await;
    assert_eq!(status, 201, "{answer}");
    id
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .expect("the button is there")
        .click()
        .await
        .expect("clicks");
}

async fn sign_in(client: &Client, name: &str, survey: &str) {
    client
        .goto(&url(&format!("/dashboard/?survey={survey}&period=30d")))
        .await
        .expect("the dashboard loads");
    let field = |id: &'static str| client.wait().for_element(Locator::Id(id));
    field("name")
        .await
        .expect("a name field")
        .send_keys(name)
        .await
        .expect("types");
    let password = field("password").await.expect("a password field");
    password
        .send_keys(&dev_var("DASHBOARD_PASSWORD"))
        .await
        .expect("types");
    client
        .find(Locator::Css("button[type=submit]"))
        .await
        .expect("a sign-in button")
        .click()
        .await
        .expect("signs in");
}

/// The report API's NPS for the dashboard's default period (30 days).
async fn reported() -> Value {
    let today =
        ambassador_shared::report::date::Day::of_millis(ambassador_tests::unix_now() as i64 * 1000);
    let from =
        ambassador_shared::report::date::Day::of_millis(today.start_millis() - 29 * 86_400_000);
    let response = http()
        .get(url(&format!(
            "/v1/surveys/{SURVEY}/report?from={from}&to={today}"
        )))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
        .send()
        .await
        .expect("the Worker answers");
    let report: Value = response.json().await.expect("json");
    report["overall"]["nps"].clone()
}

#[tokio::test]
async fn the_overview_shows_what_the_report_api_says() {
    for score in [10, 9, 7, 3] {
        answer(SURVEY, score).await;
    }
    answer_saying(
        SURVEY,
        9,
        "sv",
        "Väldigt trevlig personal vid upphämtningen",
    )
    .await;
    let client = browser().await;
    client
        .goto(&url(&format!("/dashboard/?survey={SURVEY}")))
        .await
        .expect("loads");
    client
        .wait()
        .for_element(Locator::Id("password"))
        .await
        .expect("the sign-in form");
    assert_eq!(axe_violations(&client).await, json!([]), "the sign-in form");
    sign_in(&client, "vic", SURVEY).await;
    let shown = wait_for(
        &client,
        "const n = document.querySelector('[data-testid=nps]');
         const i = document.querySelector('[data-testid=interval]');
         return n && i ? {nps: n.textContent, interval: i.textContent,
                          bars: document.querySelectorAll('.distribution rect').length} : null;",
    )
    .await;
    let nps = reported().await;
    let whole = |v: &Value| format!("{:+.0}", v.as_f64().unwrap_or(f64::NAN));
    assert_eq!(shown["nps"], whole(&nps["score"]), "{shown} vs {nps}");
    assert_eq!(
        shown["interval"],
        format!(
            "95% interval {} to {}",
            whole(&nps["low"]),
            whole(&nps["high"])
        ),
        "{shown} vs {nps}"
    );
    assert_eq!(shown["bars"], 11);
    let charts = wait_for(
        &client,
        "const trend = document.querySelector('[data-testid=trend]');
         return trend ? {points: trend.dataset.points,
                         marks: trend.querySelectorAll('circle[tabindex]').length,
                         segments: [...document.querySelectorAll('.segments circle')]
                                     .map(c => c.getAttribute('aria-label'))} : null;",
    )
    .await;
    assert_eq!(
        charts["points"], "30",
        "a point for each of 30 days: {charts}"
    );
    assert!(
        charts["marks"].as_u64() >= Some(1),
        "days with answers take focus: {charts}"
    );
    let store = format!("store: NPS {}", whole(&nps["score"]));
    assert!(
        charts["segments"].as_array().is_some_and(|s| s
            .iter()
            .any(|l| l.as_str().is_some_and(|l| l.starts_with(&store)))),
        "{store} in {charts}"
    );
    wait_for(
        &client,
        "return document.querySelector('table.cases') ? true : null;",
    )
    .await;
    assert_eq!(axe_violations(&client).await, json!([]), "the overview");
    screenshot(&client, "dashboard-overview").await;
    client
        .execute(
            "document.querySelector('[data-testid=trend]').scrollIntoView();",
            vec![],
        )
        .await
        .expect("scrolls");
    screenshot(&client, "dashboard-trend-and-segments").await;

    // Nothing before this test's answers: no change is claimed.
    let change = wait_for(
        &client,
        "return document.querySelector('[data-testid=change]')?.textContent ?? null;",
    )
    .await;
    assert_eq!(change, "No answers in the previous period to compare with.");
    // The export link gives exactly this survey and period, with the session.
    let csv = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const link = [...document.querySelectorAll('a[download]')][0];
             fetch(link.href).then(r => r.text().then(t => done({status: r.status, lines: t.trim().split('\\r\\n').length,
                                                              href: link.getAttribute('href')})));",
            vec![],
        )
        .await
        .expect("the export downloads");
    assert_eq!(csv["status"], 200, "{csv}");
    assert_eq!(
        csv["lines"],
        1 + nps["responses"].as_u64().unwrap_or(0),
        "header and every answer: {csv}"
    );
    assert!(
        csv["href"]
            .as_str()
            .unwrap_or("")
            .contains("/v1/surveys/dashboard-test/responses.csv?from="),
        "{csv}"
    );

    // A Swedish comment found without its diacritics, and the praise view.
    let search = client
        .find(Locator::Css("input[name=q]"))
        .await
        .expect("a search field");
    search
        .send_keys("valdigt\n")
        .await
        .expect("types and submits");
    let found = wait_for(
        &client,
        "const items = [...document.querySelectorAll('[data-testid=comments] blockquote')];
         return items.length === 1 ? {text: items[0].textContent, lang: items[0].lang} : null;",
    )
    .await;
    assert_eq!(
        found,
        json!({"text": "Väldigt trevlig personal vid upphämtningen", "lang": "sv"})
    );
    assert_eq!(axe_violations(&client).await, json!([]), "the comments");

    client.set_window_size(360, 740).await.expect("resizes");
    let fits = wait_for(
        &client,
        "return document.documentElement.scrollWidth <= innerWidth + 1;",
    )
    .await;
    assert_eq!(fits, true, "no sideways scrolling at 360 px");
    screenshot(&client, "dashboard-overview-phone").await;
    let url_now = client.current_url().await.expect("a URL");
    assert!(
        url_now
            .as_str()
            .contains("survey=dashboard-test&period=30d"),
        "{url_now}"
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn an_agent_marks_a_case_contacted_from_the_inbox() {
    let id = answer("case-test", 2).await;
    let client = browser().await;
    sign_in(&client, "ana", "case-test").await;
    let clicked = wait_for(
        &client,
        "const row = [...document.querySelectorAll('table.cases tbody tr')]
           .find(r => r.textContent.includes('C-2'));
         const button = row?.querySelector('button');
         if (!button) return null;
         button.click(); return true;",
    )
    .await;
    assert_eq!(clicked, true);
    let mut status = Value::Null;
    for _ in 0..50 {
        status = d1(&format!("SELECT status FROM cases WHERE id = '{id}'"))
            .first()
            .map(|r| r["status"].clone())
            .unwrap_or(Value::Null);
        if status == "contacted" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(status, "contacted", "the agent's click reached D1");

    // Open the case, try to resolve it without saying how, then with.
    let opened = wait_for(
        &client,
        "const row = [...document.querySelectorAll('table.cases tbody tr')]
           .find(r => r.textContent.includes('C-2') && r.textContent.includes('contacted'));
         const open = row && [...row.querySelectorAll('button')].find(b => b.textContent === 'Open');
         if (!open) return null;
         open.click(); return true;",
    )
    .await;
    assert_eq!(opened, true);
    let form = |id: &'static str| client.wait().for_element(Locator::Id(id));
    form("case-status")
        .await
        .expect("a status")
        .send_keys("Resolved")
        .await
        .expect("chooses");
    form("case-note")
        .await
        .expect("a note")
        .send_keys("Refunded the fee")
        .await
        .expect("types");
    click(&client, "article.case button[type=submit]").await;
    let refusal = wait_for(
        &client,
        "return document.querySelector('article.case [role=alert]')?.textContent ?? null;",
    )
    .await;
    assert!(
        refusal.as_str().unwrap_or("").contains("resolved"),
        "{refusal}"
    );
    form("case-resolution")
        .await
        .expect("a resolution")
        .send_keys("Fee refunded")
        .await
        .expect("types");
    click(&client, "article.case button[type=submit]").await;
    wait_for(
        &client,
        "return document.querySelector('#case-title')?.textContent === 'Case: resolved' || null;",
    )
    .await;
    let stored = d1(&format!(
        "SELECT c.status, c.resolution, n.author, n.text FROM cases c JOIN case_notes n ON n.case_id = c.id \
         WHERE c.id = '{id}'"
    ));
    assert_eq!(
        stored,
        [
            json!({"status": "resolved", "resolution": "Fee refunded", "author": "ana", "text": "Refunded the fee"})
        ]
    );
    assert_eq!(axe_violations(&client).await, json!([]), "the case");
    screenshot(&client, "dashboard-case").await;
    client.close().await.expect("session closes");
}
