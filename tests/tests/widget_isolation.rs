//! The widget on host pages that fight it: a hostile stylesheet, a strict
//! Content-Security-Policy, and two surveys on one page. Each answer must
//! still reach D1, and the host page must keep its own styles.

use ambassador_tests::page::{click_score, comment_and_send, thanks, wait_for, wait_rendered};
use ambassador_tests::{browser, d1, new_id, url};
use serde_json::Value;

/// The one stored row with this comment.
fn row_with_comment(comment: &str) -> Value {
    let rows = d1(&format!(
        "SELECT score, touchpoint, locale FROM responses WHERE comment = '{comment}'"
    ));
    assert_eq!(rows.len(), 1, "exactly one row for {comment}: {rows:?}");
    rows[0].clone()
}

#[tokio::test]
async fn hostile_host_css_neither_breaks_the_widget_nor_is_overridden() {
    let client = browser().await;
    client
        .goto(&url("/test/hostile.html"))
        .await
        .expect("page loads");
    let host = ".ambassador-survey";
    wait_rendered(&client, host).await;
    let looks = wait_for(
        &client,
        "const root = document.querySelector('.ambassador-survey').shadowRoot;
         const radio = root.querySelectorAll('[role=radio]')[10];
         const box = radio.getBoundingClientRect();
         const own = getComputedStyle(document.getElementById('own'));
         return {
           radio_display: getComputedStyle(radio).display,
           radio_font_px: parseFloat(getComputedStyle(radio).fontSize),
           radio_width: box.width, radio_height: box.height,
           hit: root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === radio,
           own_color: own.color, own_font: own.fontSize,
           host_button: getComputedStyle(document.getElementById('host-button')).display,
         };",
    )
    .await;
    assert_ne!(looks["radio_display"], "none", "{looks}");
    assert!(looks["radio_font_px"].as_f64() >= Some(12.0), "{looks}");
    assert!(looks["radio_height"].as_f64() >= Some(40.0), "{looks}");
    assert_eq!(looks["hit"], true, "the radio is clickable: {looks}");
    assert_eq!(looks["own_color"], "rgb(1, 2, 3)", "{looks}");
    assert_eq!(looks["own_font"], "3px", "{looks}");
    assert_eq!(
        looks["host_button"], "none",
        "our styles stay inside: {looks}"
    );

    click_score(&client, host, 10).await;
    let comment = format!("hostile {}", new_id());
    comment_and_send(&client, host, &comment).await;
    assert_eq!(thanks(&client, host).await, "Thank you for your feedback!");
    let row = row_with_comment(&comment);
    assert_eq!(
        (row["score"].clone(), row["touchpoint"].clone()),
        (10.into(), "hostile".into())
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn strict_csp_page_renders_and_sends_without_violations() {
    let page = ambassador_tests::http()
        .get(url("/test/csp"))
        .send()
        .await
        .expect("page loads");
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .expect("ASCII");
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval'")
            && policy.contains("style-src 'self'"),
        "the page is served under a strict policy: {policy}"
    );
    let client = browser().await;
    client.goto(&url("/test/csp")).await.expect("page loads");
    let host = ".ambassador-survey";
    wait_rendered(&client, host).await;
    let styled = wait_for(
        &client,
        "const root = document.querySelector('.ambassador-survey').shadowRoot;
         return getComputedStyle(root.querySelector('.score')).minHeight;",
    )
    .await;
    assert_eq!(styled, "44px", "the adopted stylesheet applies under CSP");
    click_score(&client, host, 3).await;
    let comment = format!("csp {}", new_id());
    comment_and_send(&client, host, &comment).await;
    thanks(&client, host).await;
    let violations = client
        .execute("return window.cspViolations;", vec![])
        .await
        .expect("script runs");
    assert_eq!(violations, serde_json::json!([]), "no CSP violations");
    let row = row_with_comment(&comment);
    assert_eq!(
        (row["score"].clone(), row["touchpoint"].clone()),
        (3.into(), "csp".into())
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn two_custom_elements_answer_independently() {
    let client = browser().await;
    client
        .goto(&url("/test/two.html"))
        .await
        .expect("page loads");
    wait_rendered(&client, "#first").await;
    wait_rendered(&client, "#second").await;
    click_score(&client, "#first", 2).await;
    click_score(&client, "#second", 8).await;
    let first = format!("first {}", new_id());
    let second = format!("second {}", new_id());
    comment_and_send(&client, "#second", &second).await;
    assert_eq!(
        thanks(&client, "#second").await,
        "Vielen Dank für Ihr Feedback!"
    );
    let first_still_open = wait_for(
        &client,
        "const root = document.querySelector('#first').shadowRoot;
         return root.querySelector('.thanks') ? false : root.querySelector('[aria-checked=true]').textContent;",
    )
    .await;
    assert_eq!(first_still_open, "2", "the first survey kept its own state");
    comment_and_send(&client, "#first", &first).await;
    assert_eq!(
        thanks(&client, "#first").await,
        "Thank you for your feedback!"
    );

    let row = row_with_comment(&first);
    assert_eq!(
        (
            row["score"].clone(),
            row["touchpoint"].clone(),
            row["locale"].clone()
        ),
        (2.into(), "first".into(), "en".into())
    );
    let row = row_with_comment(&second);
    assert_eq!(
        (
            row["score"].clone(),
            row["touchpoint"].clone(),
            row["locale"].clone()
        ),
        (8.into(), "second".into(), "de".into())
    );
    client.close().await.expect("session closes");
}
