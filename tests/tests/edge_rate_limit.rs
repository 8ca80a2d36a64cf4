//! The per-client write limit: a client over the `WRITE_LIMITER` limit gets
//! `429 rate_limited` with `retry-after`; other clients are unaffected.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ambassador_tests::{http, http_as, new_id, submission, url};
use serde_json::Value;

/// The limit as configured in `edge/wrangler.toml`, so the test follows it.
fn configured_limit() -> usize {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../edge/wrangler.toml");
    let text = std::fs::read_to_string(path).expect("edge/wrangler.toml");
    text.lines()
        .find_map(|l| l.strip_prefix("simple = { limit = "))
        .and_then(|v| v.split(',').next())
        .and_then(|v| v.trim().parse().ok())
        .expect("the [[ratelimits]] limit in edge/wrangler.toml")
}

/// Waits for a fresh minute if this one is nearly over, so all requests of
/// the test fall into one window.
async fn start_of_a_window() {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    if secs % 60 > 40 {
        tokio::time::sleep(Duration::from_secs(61 - secs % 60)).await;
    }
}

async fn post(client: &reqwest::Client) -> reqwest::Response {
    client
        .post(url("/v1/responses"))
        .header("content-type", "application/json")
        .body(submission(&new_id(), 7).to_string())
        .send()
        .await
        .expect("the Worker answers")
}

#[tokio::test]
async fn a_client_over_the_limit_is_told_when_to_retry() {
    let limit = configured_limit();
    let [a, b] = [new_id(), new_id()].map(|id| u8::from_str_radix(&id[..2], 16).unwrap_or(1));
    let client = http_as(&format!("192.0.2.{a}"));
    start_of_a_window().await;
    for n in 1..=limit {
        // Within the limit. Other tests write to the same local D1 at the
        // same time, so a write may meet a busy database (503, retry later):
        // still counted by the limiter, still not refused by it.
        let status = post(&client).await.status().as_u16();
        assert!(
            matches!(status, 202 | 503),
            "request {n} of {limit}: {status}"
        );
    }
    let response = post(&client).await;
    assert_eq!(response.status().as_u16(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .ok()
        .and_then(|v| v.parse().ok())
        .expect("retry-after in seconds");
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "rate_limited");

    // Email link clicks count against the same client...
    let click = client
        .get(url("/v1/l/x.y?score=5"))
        .send()
        .await
        .expect("answers");
    assert_eq!(click.status().as_u16(), 429);
    // ...while another client (one of an email blast's thousands) goes on.
    assert_eq!(
        post(&http_as(&format!("198.51.100.{b}")))
            .await
            .status()
            .as_u16(),
        202
    );
    assert_eq!(post(&http()).await.status().as_u16(), 202);
}

/// An IPv6 host can use any address of its /64, so the /64 is one client.
#[tokio::test]
async fn ipv6_addresses_of_one_64_share_a_limit() {
    let limit = configured_limit();
    let prefix = format!("2001:db8:{}:{}", &new_id()[..4], &new_id()[..4]);
    start_of_a_window().await;
    for n in 1..=limit {
        let client = http_as(&format!("{prefix}::{:x}", n));
        assert_eq!(post(&client).await.status().as_u16(), 202, "request {n}");
    }
    let next = http_as(&format!("{prefix}:ffff:ffff:ffff:ffff"));
    assert_eq!(post(&next).await.status().as_u16(), 429);
}
