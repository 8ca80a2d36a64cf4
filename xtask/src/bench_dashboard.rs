//! `cargo xtask bench-dashboard`: how small and how fast the dashboard is.
//!
//! 1. Builds everything for release; prints the bytes of the dashboard's
//!    wasm and JavaScript (what a browser downloads to run it) raw, gzip -9
//!    and brotli -Z.
//! 2. Starts the Worker on a fresh local D1 with the `demo` survey's sample
//!    year and ChromeDriver, and lets `tests/src/bin/dashboard_bench.rs`
//!    open the 12-month overview 10 times (signed in, cache warm) and read
//!    when the NPS was painted after navigation (the Element Timing API).
//!
//! Targets from the issue: wasm and JS <= 250 KB brotli, the overview drawn
//! <= 400 ms after navigation on loopback (median of 10). Figures are
//! printed, not asserted: this is a measurement, not a test.

use std::fs;

use crate::bench_widget::size_table;
use crate::cmd::{root, Result};
use crate::webdriver::Engine;
use crate::{build, setup, test};

const DIR: &str = "dist/public/dashboard";

/// Runs the benchmark and prints its figures.
pub fn run() -> Result {
    setup::run(setup::Needs::Browser)?;
    setup::brotli()?;
    build::run()?;
    sizes()?;
    let bench = [
        "run",
        "-q",
        "-p",
        "ambassador-tests",
        "--bin",
        "dashboard_bench",
    ];
    test::against_seeded_worker(
        "the dashboard benchmark",
        &[Engine::Chromium],
        &bench,
        &["demo"],
    )?;
    println!("target: overview drawn <= 400 ms after navigation (median of 10)");
    Ok(())
}

fn sizes() -> Result {
    let listing = fs::read_dir(root().join(DIR)).map_err(|e| format!("cannot list {DIR}: {e}"))?;
    let mut names: Vec<String> = listing
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".js") || name.ends_with(".wasm"))
        .collect();
    names.sort();
    size_table(
        "dashboard, bytes over the wire",
        DIR,
        &names,
        "total (wasm and JS)",
    )?;
    println!("target: <= 256000 B brotli\n");
    Ok(())
}
