//! The browser half of `cargo xtask bench-dashboard`: signs in as `vic`,
//! then opens the `demo` survey's 12-month overview 10 times (after one
//! load that fills the cache) and prints, for each, when the NPS figure was
//! painted, in milliseconds after navigation started, as the browser's
//! Element Timing API reports it (`elementtiming` on the figure), and the
//! median.
//!
//! Needs `AMBASSADOR_URL` and `WEBDRIVER_URL`, which the xtask sets.

use ambassador_tests::browser;
use ambassador_tests::dashboard::sign_in;
use ambassador_tests::url;

const RUNS: usize = 10;

/// Resolves with the paint time of the overview's NPS once it is painted.
const PAINTED: &str = "const done = arguments[arguments.length - 1];
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntries().find(e => e.identifier === 'overview-nps');
      if (entry) { observer.disconnect(); done(entry.renderTime || entry.loadTime); }
    }).observe({type: 'element', buffered: true});";

#[tokio::main]
async fn main() {
    let client = browser().await;
    sign_in(&client, "vic", "?survey=demo&period=12m").await;
    let overview = url("/dashboard/?view=overview&survey=demo&period=12m&lang=en");
    let mut times = Vec::with_capacity(RUNS);
    for run in 0..=RUNS {
        client.goto(&overview).await.expect("the overview loads");
        let painted = client
            .execute_async(PAINTED, vec![])
            .await
            .expect("the NPS is painted")
            .as_f64()
            .expect("a time");
        if run > 0 {
            times.push(painted);
        }
    }
    times.sort_by(f64::total_cmp);
    let shown: Vec<String> = times.iter().map(|t| format!("{t:.0}")).collect();
    println!(
        "overview drawn after navigation, {RUNS} loads: median {:.0} ms (each: {} ms)",
        (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2.0,
        shown.join(", ")
    );
    client.close().await.expect("the session closes");
}
