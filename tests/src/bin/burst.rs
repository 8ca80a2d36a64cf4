//! `cargo xtask burst [--count N] [--terms-off]`: the burst benchmark.
//! xtask starts the Worker and sets `AMBASSADOR_URL`; this sends N answers
//! (default 50,000) from 32 connections, waits (at most 15 minutes) for the
//! queue to drain into the receiver, checks that each was stored and
//! delivered exactly once, and prints the timings.

use std::process::ExitCode;
use std::time::Duration;

use ambassador_tests::burst;

const CONNECTIONS: usize = 32;
const DRAIN_LIMIT: Duration = Duration::from_secs(15 * 60);

#[tokio::main]
async fn main() -> ExitCode {
    let (count, terms_off) = match arguments() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("burst: {message}");
            return ExitCode::FAILURE;
        }
    };
    // The baseline of `cargo xtask burst --compare-themes`: intake as
    // before the themes, storing no comment's terms.
    ambassador_tests::switch("terms-off", terms_off).await;
    let report = burst::run(count, CONNECTIONS, DRAIN_LIMIT).await;
    ambassador_tests::switch("terms-off", false).await;
    let rate = |secs: f64| report.sent as f64 / secs.max(0.001);
    let send = report.send_time.as_secs_f64();
    let total = send + report.drain_time.as_secs_f64();
    println!("burst of {count} answers, {CONNECTIONS} connections");
    println!(
        "  sent and acknowledged  {:>8}  in {send:>7.1} s  ({:.0}/s)",
        report.sent,
        rate(send)
    );
    println!("  POSTs retried          {:>8}", report.retried_posts);
    println!(
        "  queue drained after    {:>8.1} s more  ({:.0} deliveries/s end to end)",
        report.drain_time.as_secs_f64(),
        rate(total)
    );
    println!("  rows stored in D1      {:>8}", report.stored);
    println!(
        "  acknowledged to in D1  p50 {} ms, p99 {} ms",
        report.lag_p50_ms, report.lag_p99_ms
    );
    println!("  events missing         {:>8}", report.missing);
    println!("  events accepted twice  {:>8}", report.repeats);
    if report.exact() && report.sent == count {
        println!("exactly once: yes");
        ExitCode::SUCCESS
    } else {
        println!("exactly once: NO");
        ExitCode::FAILURE
    }
}

/// `[--count N] [--terms-off]`: how many answers, and whether intake
/// stores no terms.
fn arguments() -> Result<(usize, bool), String> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let terms_off = args.iter().any(|a| a == "--terms-off");
    args.retain(|a| a != "--terms-off");
    let count = match args.as_slice() {
        [] => Ok(50_000),
        [flag, n] if flag == "--count" => n
            .parse()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .ok_or_else(|| format!("--count {n}: give 1 to 1000000")),
        _ => Err("usage: burst [--count N] [--terms-off]".to_owned()),
    }?;
    Ok((count, terms_off))
}
