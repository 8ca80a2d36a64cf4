//! Nothing is lost: an answer sent while the edge is unreachable waits in the
//! visitor's localStorage and is delivered, once, when the page is next
//! opened with the edge back.
//!
//! "Edge down" is a real dead endpoint: the widget's `data-endpoint` points at
//! a loopback port where nothing listens, so every fetch fails as it would
//! offline. The page is then opened again with the real Worker as endpoint.

use std::net::TcpListener;

use ambassador_tests::page::{click_score, comment_and_send, in_shadow, outbox_emptied, wait_for};
use ambassador_tests::{browser, host, new_id, rows_with_comment};
use fantoccini::Client;
use serde_json::Value;

const HOST: &str = ".ambassador-survey";

/// A loopback port with no listener: bound, then released.
fn dead_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("bound").port()
}

async fn outbox(client: &Client) -> Value {
    client
        .execute("return localStorage.getItem('ambassador:outbox');", vec![])
        .await
        .expect("script runs")
}

#[tokio::test]
async fn answer_sent_while_offline_is_stored_exactly_once_after_reload() {
    let client = browser().await;
    let page = "/embed.html?survey=demo&touchpoint=web";
    let offline = format!("{page}&endpoint=http://127.0.0.1:{}", dead_port());
    client
        .goto(&host::page(&offline))
        .await
        .expect("page loads");
    click_score(&client, HOST, 6).await;
    let comment = format!("offline {}", new_id());
    comment_and_send(&client, HOST, &comment).await;
    let notice = wait_for(
        &client,
        "return document.querySelector('.ambassador-survey').shadowRoot.querySelector('.notice')?.textContent ?? null;",
    )
    .await;
    assert_eq!(
        notice,
        "We couldn’t send your answer. We’ll try again automatically."
    );
    let kept = outbox(&client).await;
    assert!(
        kept.as_str().unwrap_or_default().contains(&comment),
        "kept: {kept}"
    );
    assert!(
        rows_with_comment(&comment).is_empty(),
        "nothing reached D1 yet"
    );

    // The edge is back: the same visitor opens the page again.
    for _ in 0..2 {
        client.goto(&host::page(page)).await.expect("page loads");
        outbox_emptied(&client).await;
    }
    let stored = rows_with_comment(&comment);
    assert_eq!(stored.len(), 1, "exactly one row: {stored:?}");
    assert_eq!(stored[0]["score"], 6);
    let survey_shown = client
        .execute(&in_shadow(HOST, "return true;"), vec![])
        .await
        .expect("script runs");
    assert_eq!(
        survey_shown,
        Value::Null,
        "the visitor who answered is not asked again"
    );
    client.close().await.expect("session closes");
}
