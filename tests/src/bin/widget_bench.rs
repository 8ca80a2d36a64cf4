//! The browser half of `cargo xtask bench-widget`: loads the benchmark page
//! (`tests/pages/bench.html`, on its own origin as a shop's page is) in headless Chromium and prints the time from
//! the loader's fetch to an interactive scale, as measured by the page
//! itself with `performance.now()` (see `bench-clock.js`), for two kinds of
//! visitor:
//! - a first visit: a new browser profile each time, nothing cached, as most
//!   people who are asked once every 30 days see it;
//! - a returning visit: reloads in one browser, whose HTTP cache holds the
//!   content-hashed glue and wasm and revalidates the loader;
//! - a first visit on a phone's network: ChromeDriver delays and throttles
//!   every request like Lighthouse's "slow 4G" (150 ms round trip,
//!   1.6 Mbit/s down), where each request made one after another costs a
//!   round trip that loopback hides.
//!
//! Needs `AMBASSADOR_URL` and `WEBDRIVER_URL`, which the xtask sets.

use ambassador_tests::page::wait_for;
use ambassador_tests::{browser, host};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use reqwest::{Method, Url};
use serde_json::json;

/// Loads measured per kind of visit; the median of these is the figure.
const RUNS: usize = 20;

#[tokio::main]
async fn main() {
    report(
        "first visit (new browser profile)",
        first_visits(None).await,
    );
    report("first visit on slow 4G", first_visits(Some(Slow4g)).await);

    let client = browser().await;
    load(&client).await;
    let mut again = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        again.push(load(&client).await);
    }
    client.close().await.expect("session closes");
    report("returning visit (same browser)", again);
}

/// `RUNS` first visits, each in a new browser, on `network` when given.
async fn first_visits(network: Option<Slow4g>) -> Vec<f64> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let client = browser().await;
        if let Some(network) = network {
            client
                .issue_cmd(network)
                .await
                .expect("ChromeDriver throttles");
        }
        times.push(load(&client).await);
        client.close().await.expect("session closes");
    }
    times
}

/// Loads the page once; milliseconds from the loader's fetch to interactive.
async fn load(client: &Client) -> f64 {
    client
        .goto(&host::page("/bench.html"))
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

/// ChromeDriver's network emulation set to Lighthouse's mobile profile.
#[derive(Debug, Clone, Copy)]
struct Slow4g;

impl WebDriverCompatibleCommand for Slow4g {
    fn endpoint(&self, base: &Url, session: Option<&str>) -> Result<Url, url::ParseError> {
        let session = session.unwrap_or_default();
        base.join(&format!("session/{session}/chromium/network_conditions"))
    }

    fn method_and_body(&self, _: &Url) -> (Method, Option<String>) {
        let conditions = json!({"network_conditions": {
            "offline": false,
            "latency": 150,
            "download_throughput": 1_638_400 / 8,
            "upload_throughput": 675 * 1024 / 8,
        }});
        (Method::POST, Some(conditions.to_string()))
    }
}
