//! `cargo xtask bench-edge`: load on `POST /v1/responses` over loopback.
//!
//! Starts, one after the other in the same local workerd setup, each on a
//! fresh D1, and drives each with `wrk` (benches/post.lua: valid answers,
//! unique ids) for a bounded time:
//!
//! - the Rust Worker alone: the shipped bundle and configuration without its
//!   static assets. Deployed, Cloudflare routes a request past the assets
//!   before the Worker runs, on none of the Worker's CPU; locally that router
//!   is two more Workers in the same workerd thread, so it is left out here,
//!   as the baselines have none;
//! - the same Worker behind that local asset router, as `cargo xtask dev`
//!   serves it, so the router's local price is in the same run;
//! - a plain-JavaScript baseline (benches/baseline, inserting each answer
//!   into D1);
//! - the same baseline writing the Rust Worker's JSON line per request
//!   (benches/baseline/logged.toml): the product must log one, and locally
//!   each line costs workerd a pipe write and wrangler's Node a parse;
//! - the baseline queueing each answer instead (benches/baseline/queue.toml):
//!   the ceiling of queue-first intake;
//! - the same also writing the log line (benches/baseline/queue-logged.toml):
//!   the ceiling for a Worker that must log each request, as the product must;
//! - the baseline answering at once, storing nothing
//!   (benches/baseline/answer.toml): the floor, what the local runtime
//!   costs a Worker that does no work, to read every other row against.
//!
//! Reports req/s, p50 and p99 latency, errors, and the CPU time per request
//! of workerd (the whole runtime, so it includes HTTP, D1 and JS glue) and
//! of wrangler's Node, from /proc. Then times the Rust handler's pure part
//! (parse, validate, classify) natively, as a lower bound of its own cost.
//!
//! All run twice: first without a DevTools inspector attached
//! (benches/serve.mjs), as deployed, which is the comparison that counts;
//! then under `wrangler dev`, whose attached inspector makes every
//! `console.log` cost more.

use std::fs;
use std::process::Command;

use crate::cmd::{cargo, exec, root, Result};
use crate::devserver::{Harness, Process, Worker};
use crate::process::free_port;
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
    wrangler_cpu_ms_per_request: f64,
}

/// Runs the benchmark and prints the table.
pub fn run() -> Result {
    setup::run(setup::Needs::Build)?;
    setup::bench_tools()?;
    build::run()?;
    let alone = build::worker_alone_config()?;
    for harness in [
        Harness::Uninspected { log: false },
        Harness::WranglerDev { log: false },
    ] {
        let rust = measure(alone, harness)?;
        let routed = measure(RUST, harness)?;
        let baseline = measure(BASELINE, harness)?;
        let logged = measure(LOGGED, harness)?;
        let ceiling = measure(CEILING, harness)?;
        let logged_ceiling = measure(LOGGED_CEILING, harness)?;
        let floor = measure(FLOOR, harness)?;
        print_table(
            harness,
            &[
                ("Rust Worker (edge)", &rust),
                ("Rust, asset router", &routed),
                ("plain JS baseline", &baseline),
                ("plain JS + log line", &logged),
                ("plain JS, queue only", &ceiling),
                ("plain JS, queue + log", &logged_ceiling),
                ("plain JS, answer only", &floor),
            ],
        );
        let ratio = |a: &Figures, b: &Figures| a.per_second() / b.per_second().max(0.001);
        println!(
            "Rust / baseline: {:.2}x req/s; Rust / baseline with the same log line: {:.2}x; \
             queue-only ceiling / baseline: {:.2}x; queue + log / baseline: {:.2}x; \
             Rust / ceiling: {:.2}x; answer-only floor / baseline: {:.2}x",
            ratio(&rust, &baseline),
            ratio(&rust, &logged),
            ratio(&ceiling, &baseline),
            ratio(&logged_ceiling, &baseline),
            ratio(&rust, &ceiling),
            ratio(&floor, &baseline)
        );
    }
    native_handler()
}

const RUST: &str = "edge/wrangler.toml";
const BASELINE: &str = "benches/baseline/wrangler.toml";
/// The baseline queueing each answer instead of inserting it: what no
/// queue-first Worker can beat.
const CEILING: &str = "benches/baseline/queue.toml";
const LOGGED: &str = "benches/baseline/logged.toml";
/// The ceiling for a Worker that logs each request, as the product must.
const LOGGED_CEILING: &str = "benches/baseline/queue-logged.toml";
/// The baseline storing nothing: what no Worker that keeps answers can beat.
const FLOOR: &str = "benches/baseline/answer.toml";

impl Figures {
    fn per_second(&self) -> f64 {
        self.requests as f64 / self.seconds.max(0.001)
    }
}

fn measure(config: &str, harness: Harness) -> Result<Figures> {
    let persist = root().join(format!(".state/bench-d1-{}", std::process::id()));
    let _ = fs::remove_dir_all(&persist);
    let port = free_port()?;
    let worker = Worker::start_config(config, port, &persist, harness)?;
    let target = format!("{}/v1/responses", worker.url);
    wrk(&target, WARM_UP_SECONDS)?;
    let before = cpu_secs_of(&worker);
    let (requests, seconds, p50_ms, p99_ms, errors) = wrk(&target, SECONDS)?;
    let after = cpu_secs_of(&worker);
    let per_request = |process| {
        let used = after(process) - before(process);
        used * 1000.0 / requests.max(1) as f64
    };
    drop(worker);
    let _ = fs::remove_dir_all(&persist);
    Ok(Figures {
        requests,
        seconds,
        p50_ms,
        p99_ms,
        errors,
        cpu_ms_per_request: per_request(Process::Workerd),
        wrangler_cpu_ms_per_request: per_request(Process::Wrangler),
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

/// User + system CPU seconds of the Worker's processes, by kind.
fn cpu_secs_of(worker: &Worker) -> impl Fn(Process) -> f64 {
    let processes = worker.processes();
    move |kind| {
        processes
            .iter()
            .filter(|(_, process, _)| *process == kind)
            .filter_map(|(_, _, fields)| cpu_secs(fields))
            .sum()
    }
}

/// utime + stime in seconds from the fields after "pid (comm) " of a stat
/// line: they are fields 14 and 15 of the whole line.
fn cpu_secs(fields: &str) -> Option<f64> {
    let fields: Vec<&str> = fields.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / TICKS_PER_SEC)
}

fn print_table(harness: Harness, rows: &[(&str, &Figures)]) {
    let how = match harness {
        Harness::Uninspected { .. } => "no inspector attached, as deployed",
        Harness::WranglerDev { .. } => "wrangler dev, DevTools inspector attached",
    };
    println!(
        "\nPOST /v1/responses, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s, loopback, local workerd + D1; {how}"
    );
    println!(
        "{:<22} {:>9} {:>9} {:>9} {:>8} {:>16} {:>17}",
        "worker", "req/s", "p50 ms", "p99 ms", "errors", "workerd CPU/req", "wrangler CPU/req"
    );
    for (name, f) in rows {
        println!(
            "{:<22} {:>9.0} {:>9.2} {:>9.2} {:>8} {:>13.3} ms {:>14.3} ms",
            name,
            f.per_second(),
            f.p50_ms,
            f.p99_ms,
            f.errors,
            f.cpu_ms_per_request,
            f.wrangler_cpu_ms_per_request
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
    use crate::devserver::{in_group, Process};

    #[test]
    fn reads_the_cpu_of_the_groups_processes_by_kind() {
        let stat = "4242 (workerd) S 4200 4100 4100 0 -1 4194560 900 0 0 0 250 50 0 0 20 0 12";
        let cpu = |stat: &str, group| {
            in_group(stat, group).and_then(|(kind, fields)| Some((kind, cpu_secs(fields)?)))
        };
        assert_eq!(cpu(stat, 4100), Some((Process::Workerd, 3.0)));
        assert_eq!(cpu(stat, 999), None);
        let node = stat.replace("(workerd)", "(node)");
        assert_eq!(cpu(&node, 4100), Some((Process::Wrangler, 3.0)));
    }
}
