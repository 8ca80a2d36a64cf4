//! The real widget on the demo page, in headless Chromium, against the real
//! Worker and D1.

use std::time::Duration;

use ambassador_tests::{browser, d1, url};
use fantoccini::Client;
use serde_json::Value;

/// Runs `script` in the page until it returns something other than null, so
/// the test waits for the wasm to load and render rather than sleeping.
async fn wait_for(client: &Client, script: &str) -> Value {
    for _ in 0..100 {
        let value = client.execute(script, vec![]).await.expect("script runs");
        if !value.is_null() {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for: {script}");
}

const SHADOW: &str = "const root = document.querySelector('.ambassador-survey')?.shadowRoot;";

#[tokio::test]
async fn demo_page_answer_is_stored_as_a_promoter() {
    let client = browser().await;
    client.goto(&url("/")).await.expect("demo page loads");
    let click_nine = format!(
        "{SHADOW} const b = root && [...root.querySelectorAll('[role=radio]')][9];
         if (!b) return null; b.click(); return true;"
    );
    wait_for(&client, &click_nine).await;
    let comment = format!("Smooth checkout {}", ambassador_tests::new_id());
    let type_and_send = format!(
        "{SHADOW} const t = root.querySelector('textarea'); if (!t) return null;
         t.value = {comment:?}; t.dispatchEvent(new InputEvent('input', {{bubbles: true}}));
         return true;"
    );
    wait_for(&client, &type_and_send).await;
    let send = format!("{SHADOW} root.querySelector('button[type=submit]').click(); return true;");
    wait_for(&client, &send).await;
    let thanks = format!("{SHADOW} return root.querySelector('.thanks')?.textContent ?? null;");
    let text = wait_for(&client, &thanks).await;
    assert_eq!(text, "Thank you for your feedback!");

    let rows = d1(&format!(
        "SELECT score, category, comment, touchpoint FROM responses WHERE comment = '{comment}'"
    ));
    assert_eq!(rows.len(), 1, "exactly one row: {rows:?}");
    assert_eq!(rows[0]["score"], 9);
    assert_eq!(rows[0]["category"], "promoter");
    assert_eq!(rows[0]["touchpoint"], "web");
    client.close().await.expect("session closes");
}
