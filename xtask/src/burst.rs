//! `cargo xtask burst [--count N] [--compare-themes]`: N answers (default
//! 50,000, one in five with a comment) as fast as this machine sends them,
//! then proof that forwarding delivered each exactly once. Minutes, not part
//! of `cargo xtask test` (which runs 300 of them).

use std::fs;
use std::process::Command;

use crate::cmd::{cargo, root, Result};
use crate::devserver::{Harness, Worker};
use crate::process::free_port;
use crate::receivers::Receivers;
use crate::wrangler::wrangler_env;
use crate::{build, setup};

/// Builds, starts the Worker on a fresh local D1, and runs the `burst`
/// program of the tests crate against it with `args`. With
/// `--compare-themes`, runs it twice on the same Worker, first with intake
/// storing no comment's terms (the test build's `terms-off` switch), then as
/// deployed, and prints both acknowledgement rates side by side.
pub fn run(args: &[String]) -> Result {
    setup::run(setup::Needs::Build)?;
    build::run()?;
    let compare = args.iter().any(|a| a == "--compare-themes");
    let args: Vec<String> = args
        .iter()
        .filter(|a| *a != "--compare-themes")
        .cloned()
        .collect();
    let persist = root().join(format!(".state/burst-d1-{}", std::process::id()));
    let _ = fs::remove_dir_all(&persist);
    let receivers = Receivers::pick()?;
    let worker = Worker::start_testing(
        free_port()?,
        &persist,
        &receivers,
        Harness::Uninspected { log: false },
    )?;
    let burst = |extra: &[&str]| -> Result<String> {
        let mut burst = Command::new(cargo());
        let output = wrangler_env(&mut burst)
            .args([
                "run",
                "--quiet",
                "-p",
                "ambassador-tests",
                "--bin",
                "burst",
                "--",
            ])
            .args(&args)
            .args(extra)
            .current_dir(root())
            .env("AMBASSADOR_URL", &worker.url)
            .envs(receivers.ports_for_tests())
            .output()
            .map_err(|e| format!("cannot run the burst: {e}"))?;
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        print!("{text}");
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
        match output.status.success() {
            true => Ok(text),
            false => Err(format!("the burst failed ({})", output.status)),
        }
    };
    let result = if compare {
        println!("without terms (intake stores no comment's terms):");
        burst(&["--terms-off"]).and_then(|without| {
            println!("with terms, as deployed:");
            let with = burst(&[])?;
            match (
                acknowledged_per_second(&without),
                acknowledged_per_second(&with),
            ) {
                (Some(a), Some(b)) => println!(
                    "acknowledged: {a:.0}/s without terms, {b:.0}/s with: {:+.1}%",
                    100.0 * (b - a) / a
                ),
                _ => println!("acknowledgement rates not found in the output"),
            }
            Ok(())
        })
    } else {
        burst(&[]).map(|_| ())
    };
    drop(worker);
    let _ = fs::remove_dir_all(&persist);
    result
}

/// The rate of the burst's "sent and acknowledged" line, e.g. `(1234/s)`.
fn acknowledged_per_second(output: &str) -> Option<f64> {
    let line = output
        .lines()
        .find(|l| l.contains("sent and acknowledged"))?;
    let inside = line.rsplit_once('(')?.1.split_once("/s")?.0;
    inside.trim().parse().ok()
}
