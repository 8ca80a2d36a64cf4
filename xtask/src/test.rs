//! `cargo xtask test`: every test, in the order that fails fastest.

use std::fs;
use std::process::Command;

use crate::cmd::{cargo, exec, root, Result};
use crate::devserver::{Harness, Worker};
use crate::process::free_port;
use crate::receivers::Receivers;
use crate::webdriver::{Engine, WebDriver};
use crate::wrangler::{migrate, CONFIG};
use crate::{build, demo, deploy, setup};

/// Style and lints, native unit and property tests, then the built Worker in
/// workerd and the widget in Chromium, driven by the `tests` crate. With a
/// `selection` (test name filters such as `widget_popup` or
/// `edge_cors::preflight`), only the cross-part tests it selects, for a quick
/// round while working.
pub fn run(selection: &[String]) -> Result {
    setup::run(setup::Needs::Browser)?;
    if !selection.is_empty() {
        build::run()?;
        let mut args = CROSS_PART.to_vec();
        args.extend(selection.iter().map(String::as_str));
        return against_worker_and_browsers("selected cross-part tests", &ENGINES, &args);
    }
    exec(&cargo(), &["fmt", "--all", "--", "--check"])?;
    exec(
        &cargo(),
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    let wasm_clippy = [
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "ambassador-widget",
        "-p",
        "ambassador-dashboard",
        "-p",
        "ambassador-edge",
        "--",
        "-D",
        "warnings",
    ];
    exec(&cargo(), &wasm_clippy)?;
    exec(
        &cargo(),
        &["test", "--workspace", "--exclude", "ambassador-tests"],
    )?;
    build::run()?;
    deploy::check_all_dry_runs()?;
    across_parts()
}

/// The engines the cross-part tests drive: the widget's core path runs in
/// each (`tests/tests/widget_engines.rs`), everything else in Chromium.
const ENGINES: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

/// Runs the cross-part tests against a Worker and every engine's driver;
/// then, alone, the `switch_*` tests, whose test switches hold for the
/// whole Worker (a D1 outage would fail whatever ran beside it).
fn across_parts() -> Result {
    against_worker_and_browsers(
        "cross-part tests",
        &ENGINES,
        &[
            "test",
            "-p",
            "ambassador-tests",
            "--",
            "--test-threads=2",
            "--skip",
            "switch_",
        ],
    )?;
    let mut alone = CROSS_PART.to_vec();
    alone.extend(["--test-threads=1", "switch_"]);
    against_worker_and_browsers("switch tests", &[], &alone)
}

/// `cargo` arguments for the cross-part test binary, before its own.
const CROSS_PART: [&str; 6] = [
    "test",
    "-p",
    "ambassador-tests",
    "--test",
    "cross_part",
    "--",
];

/// Starts the test build of the Worker on a fresh local D1 (with the
/// `dashboard-test` survey's sample year, see [`demo`]) and a WebDriver
/// server per engine, then runs `cargo args` against them (`AMBASSADOR_URL`,
/// the receivers' ports, the Worker's log, and each
/// engine's [`Engine::env_var`]); all stop however it ends. `what` names it
/// in errors.
pub fn against_worker_and_browsers(what: &str, engines: &[Engine], args: &[&str]) -> Result {
    against_seeded_worker(what, engines, args, &["dashboard-test"])
}

/// The same, with the sample year in each of `surveys`.
pub fn against_seeded_worker(
    what: &str,
    engines: &[Engine],
    args: &[&str],
    surveys: &[&str],
) -> Result {
    let persist = root().join(format!(".state/d1-{}", std::process::id()));
    let _ = fs::remove_dir_all(&persist);
    migrate(CONFIG, &persist)?;
    for survey in surveys {
        demo::seed(&persist, demo::Build::Testing, survey)?;
    }
    let receivers = Receivers::pick()?;
    let worker = Worker::start_testing(
        free_port()?,
        &persist,
        &receivers,
        Harness::WranglerDev { log: true },
    )?;
    let drivers = engines
        .iter()
        .map(|&engine| Ok((engine, WebDriver::start(engine)?)))
        .collect::<Result<Vec<_>>>()?;
    // The tests' temporary files (each Chromium session's profile is tens
    // of megabytes) go with the run's D1, not into /tmp for good.
    let scratch = persist.join("tmp");
    fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let mut command = Command::new(cargo());
    command
        .args(args)
        .current_dir(root())
        .env("TMPDIR", &scratch)
        .env("AMBASSADOR_URL", &worker.url)
        .envs(receivers.ports_for_tests())
        .envs(worker.log.iter().map(|log| ("AMBASSADOR_WORKER_LOG", log)));
    for (engine, driver) in &drivers {
        command.env(engine.env_var(), &driver.url);
    }
    let status = command.status();
    drop(drivers);
    drop(worker);
    let _ = fs::remove_dir_all(&persist);
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("{what} failed ({s})")),
        Err(e) => Err(format!("cannot run {what}: {e}")),
    }
}
