//! `cargo xtask bench-edge`: load on `POST /v1/responses` over loopback.
//!
//! Starts the Rust Worker and a plain-JavaScript baseline (benches/baseline)
//! one after the other in the same local workerd setup, each on a fresh D1,
//! and drives each with `wrk` (benches/post.lua: valid answers, unique ids)
//! for a bounded time. Reports req/s, p50 and p99 latency, errors, and the
//! CPU time workerd used per request (from /proc: the whole runtime, so it
//! includes HTTP, D1 and JS glue). Then times the Rust handler's pure part
//! (parse, validate, classify) natively, as a lower bound of its own cost.

use std::fs;
use std::process::Command;

use crate::cmd::{cargo, exec, root, Result};
use crate::devserver::{free_port, Worker};
use crate::{build, setup};

const CONNECTIONS: &str = "32";
const SECONDS: u64 = 10;
const WARM_UP_SECONDS: u64 = 2;
/// Clock ticks per second in /proc/*/stat (USER_HZ, 100 on Linux).
const TICKS_PER_SEC: f64 = 100.0;

/// One Worker's figures.
struct Figures {
    requests: u64,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
    cpu_ms_per_request: f64,
}

/// Runs the benchmark and prints the table.
pub fn run() -> Result {
    setup::run(setup::Needs::Build)?;
    setup::bench_tools()?;
    build::run()?;
    let rust = measure("edge/wrangler.toml")?;
    let baseline = measure("benches/baseline/wrangler.toml")?;
    print_table(&[
        ("Rust Worker (edge)", &rust),
        ("plain JS baseline", &baseline),
    ]);
    native_handler()
}

fn measure(config: &str) -> Result<Figures> {
    let persist = root().join(format!(".state/bench-d1-{}", std::process::id()));
    let _ = fs::remove_dir_all(&persist);
    let worker = Worker::start_config(config, free_port()?, &persist)?;
    let target = format!("{}/v1/responses", worker.url);
    wrk(&target, WARM_UP_SECONDS)?;
    let cpu_before = workerd_cpu_secs(&worker);
    let (requests, seconds, p50_ms, p99_ms, errors) = wrk(&target, SECONDS)?;
    let cpu = workerd_cpu_secs(&worker) - cpu_before;
    drop(worker);
    let _ = fs::remove_dir_all(&persist);
    Ok(Figures {
        requests,
        seconds,
        p50_ms,
        p99_ms,
        errors,
        cpu_ms_per_request: cpu * 1000.0 / requests.max(1) as f64,
    })
}

/// Runs wrk for `secs` against `target` (always loopback: the Worker we
/// started) and parses post.lua's RESULT line: requests, seconds, p50 and
/// p99 in ms, errors (non-2xx and socket errors).
fn wrk(target: &str, secs: u64) -> Result<(u64, f64, f64, f64, u64)> {
    let script = root().join("benches/post.lua");
    let output = Command::new("wrk")
        .args([
            "-t2",
            "-c",
            CONNECTIONS,
            "-d",
            &format!("{secs}s"),
            "--timeout",
            "5s",
        ])
        .arg("-s")
        .arg(&script)
        .arg(target)
        .output()
        .map_err(|e| format!("cannot run wrk: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .ok_or_else(|| format!("wrk printed no RESULT line:\n{text}"))?;
    let n: Vec<u64> = line.split(' ').filter_map(|v| v.parse().ok()).collect();
    let [requests, micros, p50, p99, errors] = n[..] else {
        return Err(format!("unexpected wrk RESULT line: {line}"));
    };
    let ms = |us: u64| us as f64 / 1000.0;
    Ok((requests, micros as f64 / 1e6, ms(p50), ms(p99), errors))
}

/// User + system CPU seconds of the Worker's workerd processes.
fn workerd_cpu_secs(worker: &Worker) -> f64 {
    worker
        .workerd_processes()
        .iter()
        .filter_map(|(_, fields)| cpu_secs(fields))
        .sum()
}

/// utime + stime in seconds from the fields after "pid (comm) " of a stat
/// line: they are fields 14 and 15 of the whole line.
fn cpu_secs(fields: &str) -> Option<f64> {
    let fields: Vec<&str> = fields.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / TICKS_PER_SEC)
}

fn print_table(rows: &[(&str, &Figures)]) {
    println!(
        "\nPOST /v1/responses, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s, loopback, local workerd + D1"
    );
    println!(
        "{:<20} {:>9} {:>9} {:>9} {:>8} {:>16}",
        "worker", "req/s", "p50 ms", "p99 ms", "errors", "workerd CPU/req"
    );
    for (name, f) in rows {
        println!(
            "{:<20} {:>9.0} {:>9.2} {:>9.2} {:>8} {:>13.3} ms",
            name,
            f.requests as f64 / f.seconds.max(0.001),
            f.p50_ms,
            f.p99_ms,
            f.errors,
            f.cpu_ms_per_request
        );
    }
}

/// The Rust handler's pure step (parse, validate, classify) natively, built
/// with the release profile the Worker's wasm uses: a floor under its cost.
fn native_handler() -> Result {
    exec(
        &cargo(),
        &[
            "run",
            "--release",
            "--quiet",
            "-p",
            "ambassador-shared",
            "--example",
            "parse_cost",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::cpu_secs;
    use crate::devserver::workerd_in_group;

    #[test]
    fn reads_workerd_cpu_of_the_group_only() {
        let stat = "4242 (workerd) S 4200 4100 4100 0 -1 4194560 900 0 0 0 250 50 0 0 20 0 12";
        let cpu = |stat: &str, group| workerd_in_group(stat, group).and_then(cpu_secs);
        assert_eq!(cpu(stat, 4100), Some(3.0));
        assert_eq!(cpu(stat, 999), None);
        let node = stat.replace("(workerd)", "(node)");
        assert_eq!(cpu(&node, 4100), None);
    }
}
