//! A burst of answers and the proof that forwarding kept up: every answer is
//! stored exactly once and its event accepted by the receiver exactly once.
//!
//! Shared by the small burst in `cargo xtask test` (tests/tests/forward_burst.rs)
//! and the large one, `cargo xtask burst --count 50000` (src/bin/burst.rs).

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::sync::Mutex;

use crate::receiver::Receiver;
use crate::{d1, new_id, url};

const PATH: &str = "/burst";
/// Attempts per answer: a client retries a failed POST with the same id.
const POST_ATTEMPTS: usize = 3;

/// What a burst did and found.
#[derive(Debug)]
pub struct Report {
    /// Answers sent (each acknowledged with 201 or 200).
    pub sent: usize,
    /// POSTs that failed and were retried with the same id.
    pub retried_posts: usize,
    /// Time to send them all.
    pub send_time: Duration,
    /// Time from the last send until the receiver had every event.
    pub drain_time: Duration,
    /// Rows in D1 with this burst's tag.
    pub stored: usize,
    /// From the edge's acknowledgement to the row in D1 (intake's lag), in
    /// milliseconds: the median and the 99th percentile over the rows.
    pub lag_p50_ms: u64,
    /// See `lag_p50_ms`.
    pub lag_p99_ms: u64,
    /// Sent answers whose event the receiver never accepted.
    pub missing: usize,
    /// Events the receiver accepted more than once.
    pub repeats: usize,
}

impl Report {
    /// True when every answer was stored once and delivered once.
    pub fn exact(&self) -> bool {
        self.stored == self.sent && self.missing == 0 && self.repeats == 0
    }
}

/// Sends `count` answers to the `burst` survey with `connections` in flight,
/// then waits at most `drain_limit` for their events to arrive at a receiver
/// on the `burst` survey's receiver port. The answers carry a fresh tag as `transaction_ref`, so D1 is
/// counted for this burst alone.
pub async fn run(count: usize, connections: usize, drain_limit: Duration) -> Report {
    let receiver = Receiver::start(crate::receiver_port("burst")).await;
    let tag = new_id();
    let start = Instant::now();
    let (ids, retried_posts) = send_all(count, connections, &tag).await;
    let send_time = start.elapsed();
    let wanted: HashSet<String> = ids.iter().map(|id| event_id(id)).collect();
    receiver
        .wait_until(drain_limit, |r| r.accepted_and_repeats(PATH).0 >= count)
        .await;
    let drain_time = start.elapsed() - send_time;
    // Late repeats would come within the local retry delays; wait them out.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let accepted = accepted_ids(&receiver);
    let sql = format!("SELECT COUNT(*) AS n FROM responses WHERE transaction_ref = '{tag}'");
    let stored = tokio::task::spawn_blocking(move || d1(&sql))
        .await
        .expect("D1 read")[0]["n"]
        .as_u64()
        .unwrap_or(0) as usize;
    let lags = stored_lags(&tag).await;
    let percentile = |p: usize| lags.get((lags.len() * p / 100).min(lags.len().max(1) - 1));
    Report {
        sent: ids.len(),
        retried_posts,
        send_time,
        drain_time,
        stored,
        lag_p50_ms: percentile(50).copied().unwrap_or(0),
        lag_p99_ms: percentile(99).copied().unwrap_or(0),
        missing: wanted
            .iter()
            .filter(|id| !accepted.contains_key(*id))
            .count(),
        repeats: accepted.values().filter(|n| **n > 1).count(),
    }
}

/// Each row's lag from acknowledgement (`created_at`, the edge's clock) to
/// its write (`stored_at`, the consumer's), sorted.
async fn stored_lags(tag: &str) -> Vec<u64> {
    let sql = format!(
        "SELECT stored_at - created_at AS lag FROM responses \
         WHERE transaction_ref = '{tag}' ORDER BY lag"
    );
    let rows = tokio::task::spawn_blocking(move || d1(&sql))
        .await
        .expect("D1 read");
    rows.iter().filter_map(|r| r["lag"].as_u64()).collect()
}

fn event_id(response_id: &str) -> String {
    format!("{response_id}:response.created:1")
}

/// How often each event id was accepted.
fn accepted_ids(receiver: &Receiver) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for request in receiver.requests(PATH).iter().filter(|r| r.accepted()) {
        *counts.entry(request.id().to_owned()).or_insert(0) += 1;
    }
    counts
}

/// Posts `count` answers from `connections` tasks; returns the ids
/// acknowledged and how many POSTs were retried.
async fn send_all(count: usize, connections: usize, tag: &str) -> (Vec<String>, usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let retried = Arc::new(AtomicUsize::new(0));
    let ids = Arc::new(Mutex::new(Vec::with_capacity(count)));
    let client = reqwest::Client::new();
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let (next, retried, ids) = (next.clone(), retried.clone(), ids.clone());
            let (client, tag) = (client.clone(), tag.to_owned());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= count {
                        break;
                    }
                    let id = new_id();
                    if post(&client, n, &id, &tag, &retried).await {
                        ids.lock().await.push(id);
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("sender task");
    }
    let ids = std::mem::take(&mut *ids.lock().await);
    (ids, retried.load(Ordering::Relaxed))
}

/// What the burst's commenting customers say.
const COMMENTS: [(&str, &str); 7] = [
    (
        "da",
        "Lang ventetid ved afhentningen, men venligt personale",
    ),
    ("sv", "Lång kö vid upphämtningen och ingen som svarade"),
    ("nb", "Hyggelig betjening og rask henting"),
    ("de", "Sehr freundliches Personal, aber lange Wartezeit"),
    ("nl", "Het artikel was beschadigd en niemand reageerde"),
    ("fr", "Personnel très aimable et retrait rapide"),
    ("en", "Waited over an hour at pickup, the item was damaged"),
];

/// One answer, retried with the same id like a real client; true once acknowledged.
/// Answer number `n` comes from its own client address, as a burst of
/// customers would: the per-client rate limit sees each once.
async fn post(
    client: &reqwest::Client,
    n: usize,
    id: &str,
    tag: &str,
    retried: &AtomicUsize,
) -> bool {
    let score = n % 11;
    let ip = format!("10.{}.{}.{}", n >> 16 & 255, n >> 8 & 255, n & 255);
    let mut body = json!({"id": id, "survey_id": "burst", "score": score, "locale": "en",
                          "context": {"transaction_ref": tag}});
    // One answer in five says why, as in the seeds' email program, in the
    // seven languages: what the themes' terms cost intake.
    if n.is_multiple_of(5) {
        let (locale, comment) = COMMENTS[n / 5 % COMMENTS.len()];
        body["locale"] = json!(locale);
        body["comment"] = json!(format!("{comment} ord{}", n % 20_000));
    }
    for attempt in 0..POST_ATTEMPTS {
        if attempt > 0 {
            retried.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let sent = client
            .post(url("/v1/responses"))
            .header("cf-connecting-ip", &ip)
            .json(&body)
            .send()
            .await;
        if sent.is_ok_and(|r| r.status().is_success()) {
            return true;
        }
    }
    false
}
