//! The real widget on the demo page, in headless Chromium, against the real
//! Worker and D1.

use ambassador_tests::page::{click_score, comment_and_send, thanks};
use ambassador_tests::{browser, rows_with_comment, url};

const HOST: &str = ".ambassador-survey";

#[tokio::test]
async fn demo_page_answer_is_stored_as_a_promoter() {
    let client = browser().await;
    client.goto(&url("/")).await.expect("demo page loads");
    click_score(&client, HOST, 9).await;
    let comment = format!("Smooth checkout {}", ambassador_tests::new_id());
    comment_and_send(&client, HOST, &comment).await;
    assert_eq!(thanks(&client, HOST).await, "Thank you for your feedback!");

    let rows = rows_with_comment(&comment);
    assert_eq!(rows.len(), 1, "exactly one row: {rows:?}");
    assert_eq!(rows[0]["score"], 9);
    assert_eq!(rows[0]["category"], "promoter");
    assert_eq!(rows[0]["touchpoint"], "web");
    client.close().await.expect("session closes");
}
