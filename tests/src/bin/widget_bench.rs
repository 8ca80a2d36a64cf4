//! The browser half of `cargo xtask bench-widget`: loads the benchmark page
//! (`tests/pages/bench.html`) `RUNS` times in headless Chromium and prints
//! the time from the loader's fetch to an interactive scale, as measured by
//! the page itself with `performance.now()` (see `bench-clock.js`).
//!
//! Needs `AMBASSADOR_URL` and `WEBDRIVER_URL`, which the xtask sets.

use ambassador_tests::page::wait_for;
use ambassador_tests::{browser, url};

/// Loads measured; the median of these is the figure.
const RUNS: usize = 20;

#[tokio::main]
async fn main() {
    let client = browser().await;
    let mut times = Vec::with_capacity(RUNS + 1);
    // Run 0 fetches everything for the first time; the rest revalidate
    // against the browser's HTTP cache, as a returning visitor would.
    for _ in 0..=RUNS {
        client
            .goto(&url("/test/bench.html"))
            .await
            .expect("bench page loads");
        let result = wait_for(&client, "return window.benchResult ?? null;").await;
        let start = result["start"].as_f64().unwrap_or_default();
        let interactive = result["interactive"].as_f64().unwrap_or_default();
        times.push(interactive - start);
    }
    client.close().await.expect("session closes");
    let first = times.remove(0);
    times.sort_by(f64::total_cmp);
    let median = (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2.0;
    println!("script load to interactive, first load:        {first:.1} ms");
    println!(
        "script load to interactive, median of {RUNS} loads: {median:.1} ms (min {:.1}, max {:.1})",
        times[0],
        times[RUNS - 1]
    );
}
