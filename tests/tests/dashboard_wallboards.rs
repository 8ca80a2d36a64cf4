//! Wallboards in the dashboard: an agent makes one for the pickup team,
//! copies its link, sees it listed as the API lists it, opens its screen,
//! and revokes it after a confirmation, after which the link shows no
//! figures; a viewer is told why there are none to see and gets no
//! control; axe finds nothing, and a 360 px phone does not scroll sideways.

use ambassador_tests::dashboard::{allow_clipboard, open, sign_in, FITS, SURVEY};
use ambassador_tests::page::{axe_violations, wait_for};
use ambassador_tests::{browser, dev_var, http, new_id, url};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

const VIEW: &str = "view=wallboards&survey=dashboard-test&lang=en";

/// Drawn once the form offers the sample year's touchpoints.
const READY: &str = "document.querySelector('#wallboard-touchpoint option[value=pickup]')";

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css} is there"))
        .click()
        .await
        .expect("clicks");
}

/// The survey's wallboards as the API lists them to the API key.
async fn listed() -> Vec<Value> {
    let response = http()
        .get(url(&format!("/v1/surveys/{SURVEY}/wallboards")))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
        .send()
        .await
        .expect("the Worker answers");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    body["wallboards"].as_array().cloned().unwrap_or_default()
}

/// The status a screen's link answers.
async fn screen(link: &str) -> (u16, String) {
    let response = http().get(link).send().await.expect("the Worker answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn an_agent_makes_copies_opens_and_revokes_a_wallboard_for_one_touchpoint() {
    let client = browser().await;
    sign_in(&client, "ana", &format!("?{VIEW}")).await;
    allow_clipboard(&client).await;
    open(&client, VIEW, READY).await;
    let label = format!("Pickup Køge {}", &new_id()[..8]);
    let field = |css: &'static str| client.find(Locator::Css(css));
    let name = field("#wallboard-label").await.expect("a label field");
    name.send_keys(&label).await.expect("types");
    let touchpoint = field("#wallboard-touchpoint").await.expect("a picker");
    touchpoint.select_by_value("pickup").await.expect("picks");
    let language = field("#wallboard-language").await.expect("a picker");
    language.select_by_value("da").await.expect("picks");
    let days = field("#wallboard-expires").await.expect("a days field");
    days.clear().await.expect("clears");
    days.send_keys("30").await.expect("types");
    click(&client, ".new-wallboard button[type=submit]").await;
    let link = wait_for(
        &client,
        "return document.querySelector('[data-testid=wallboard-url]')?.value || null;",
    )
    .await;
    let link = link.as_str().expect("the new link").to_owned();

    // Listed in the dashboard and by the API, as asked for.
    let item = format!(
        "[...document.querySelectorAll('[data-testid=wallboard]')].find(w => w.textContent.includes({}))",
        json!(label)
    );
    let shown = wait_for(&client, &format!("return {item}?.textContent ?? null;")).await;
    let shown = shown.as_str().unwrap_or_default();
    assert!(
        shown.contains("pickup") && shown.contains("Dansk") && shown.contains("ana"),
        "{shown}"
    );
    let stored = listed()
        .await
        .into_iter()
        .find(|w| w["label"] == label.as_str())
        .expect("the API lists it");
    assert_eq!(
        (
            &stored["touchpoint"],
            &stored["role"],
            &stored["language"],
            &stored["created_by"],
            &stored["url"]
        ),
        (
            &json!("pickup"),
            &Value::Null,
            &json!("da"),
            &json!("ana"),
            &json!(link)
        )
    );
    let lifetime =
        stored["expires_at"].as_i64().unwrap_or(0) - stored["created_at"].as_i64().unwrap_or(0);
    assert_eq!(lifetime, 30 * 86_400_000, "30 days");
    assert_eq!(
        axe_violations(&client).await,
        json!([]),
        "the view with a new link"
    );

    // Copied: the clipboard holds the link.
    click(
        &client,
        "[data-testid=wallboard-made] button[data-action=copy]",
    )
    .await;
    wait_for(
        &client,
        "return document.querySelector('[data-testid=wallboard-made] [role=status]')?.textContent === 'Copied.' || null;",
    )
    .await;
    let copied = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.clipboard.readText().then(done, e => done('refused: ' + e));",
            vec![],
        )
        .await
        .expect("reads the clipboard");
    assert_eq!(copied, json!(link));
    let (status, page) = screen(&link).await;
    assert_eq!(status, 200, "the screen opens");
    assert!(page.contains(&label), "the screen is named");

    // A phone: nothing scrolls sideways, nothing is drawn under 12 px.
    client.set_window_size(360, 740).await.expect("resizes");
    let fits = client.execute(FITS, vec![]).await.expect("measures");
    assert_eq!(
        fits,
        json!({"wide": false, "smallest": "readable"}),
        "at 360 px"
    );
    client.set_window_size(1024, 768).await.expect("resizes");

    // Revoked after a confirmation, which takes the focus.
    let revoke = format!("{item}.querySelector('[data-action=revoke]').click(); return true;");
    client
        .execute(&revoke, vec![])
        .await
        .expect("asks to revoke");
    let focused = wait_for(
        &client,
        "return document.activeElement?.dataset.action === 'confirm-revoke' || null;",
    )
    .await;
    assert_eq!(focused, json!(true), "the confirmation has the focus");
    assert_eq!(axe_violations(&client).await, json!([]), "the confirmation");
    click(&client, "[data-action=confirm-revoke]").await;
    wait_for(&client, &format!("return {item} ? null : true;")).await;
    let said = wait_for(
        &client,
        "return [...document.querySelectorAll('[role=status]')].map(s => s.textContent).find(t => t.includes('was revoked')) ?? null;",
    )
    .await;
    assert_eq!(said, json!(format!("{label} was revoked.")));
    assert!(
        !listed().await.iter().any(|w| w["label"] == label.as_str()),
        "the API no longer lists it"
    );
    let (status, page) = screen(&link).await;
    assert!(matches!(status, 404 | 410), "a revoked link: {status}");
    assert!(!page.contains("trend-heading"), "no figures");
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn a_viewer_is_told_why_and_gets_no_controls() {
    let client = browser().await;
    sign_in(&client, "vic", &format!("?{VIEW}")).await;
    open(
        &client,
        VIEW,
        "document.querySelector('[data-testid=wallboards-agents-only]')",
    )
    .await;
    let controls = client
        .execute(
            "return document.querySelectorAll('.new-wallboard, [data-action=revoke], [data-action=copy], [data-testid=wallboards]').length;",
            vec![],
        )
        .await
        .expect("counts");
    assert_eq!(controls, json!(0));
    assert_eq!(axe_violations(&client).await, json!([]));
    client.close().await.expect("session closes");
}
