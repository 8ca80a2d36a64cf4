//! `cargo xtask burst [--count N]`: N answers (default 50,000) as fast as this
//! machine sends them, then proof that forwarding delivered each exactly
//! once. Minutes, not part of `cargo xtask test` (which runs 300 of them).

use std::fs;
use std::process::Command;

use crate::cmd::{cargo, root, Result};
use crate::devserver::{Harness, Worker};
use crate::process::free_port;
use crate::receivers::Receivers;
use crate::wrangler::wrangler_env;
use crate::{build, setup};

/// Builds, starts the Worker on a fresh local D1, and runs the `burst`
/// program of the tests crate against it with `args`.
pub fn run(args: &[String]) -> Result {
    setup::run(setup::Needs::Build)?;
    build::run()?;
    let persist = root().join(format!(".state/burst-d1-{}", std::process::id()));
    let _ = fs::remove_dir_all(&persist);
    let receivers = Receivers::pick()?;
    let worker = Worker::start_testing(
        free_port()?,
        &persist,
        &receivers,
        Harness::Uninspected { log: false },
    )?;
    let mut burst = Command::new(cargo());
    let status = wrangler_env(&mut burst)
        .args([
            "run",
            "--quiet",
            "-p",
            "ambassador-tests",
            "--bin",
            "burst",
            "--",
        ])
        .args(args)
        .current_dir(root())
        .env("AMBASSADOR_URL", &worker.url)
        .envs(receivers.ports_for_tests())
        .status();
    drop(worker);
    let _ = fs::remove_dir_all(&persist);
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("the burst failed ({s})")),
        Err(e) => Err(format!("cannot run the burst: {e}")),
    }
}
