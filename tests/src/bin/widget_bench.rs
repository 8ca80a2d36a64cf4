//! The browser half of `cargo xtask bench-widget`: loads the benchmark page
//! (`tests/pages/bench.html`) in headless Chromium and prints the time from
//! the loader's fetch to an interactive scale, as measured by the page
//! itself with `performance.now()` (see `bench-clock.js`), for two kinds of
//! visitor:
//! - a first visit: a new browser profile each time, nothing cached, as most
//!   people who are asked once every 30 days see it;
//! - a returning visit: reloads in one browser, whose HTTP cache holds the
//!   content-hashed glue and wasm and revalidates the loader.
//!
//! Needs `AMBASSADOR_URL` and `WEBDRIVER_URL`, which the xtask sets.

use ambassador_tests::page::wait_for;
use ambassador_tests::{browser, url};
use fantoccini::Client;

/// Loads measured per kind of visit; the median of these is the figure.
const RUNS: usize = 20;

#[tokio::main]
async fn main() {
    let mut first = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let client = browser().await;
        first.push(load(&client).await);
        client.close().await.expect("session closes");
    }
    report("first visit (new browser profile)", first);

    let client = browser().await;
    load(&client).await;
    let mut again = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        again.push(load(&client).await);
    }
    client.close().await.expect("session closes");
    report("returning visit (same browser)", again);
}

/// Loads the page once; milliseconds from the loader's fetch to interactive.
async fn load(client: &Client) -> f64 {
    client
        .goto(&url("/test/bench.html"))
        .await
        .expect("bench page loads");
    let result = wait_for(client, "return window.benchResult ?? null;").await;
    let start = result["start"].as_f64().unwrap_or_default();
    let interactive = result["interactive"].as_f64().unwrap_or_default();
    interactive - start
}

fn report(visit: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    let median = (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2.0;
    println!(
        "script load to interactive, {visit}, median of {RUNS}: {median:.1} ms (min {:.1}, max {:.1})",
        times[0],
        times[RUNS - 1]
    );
}
