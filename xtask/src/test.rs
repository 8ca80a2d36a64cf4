//! `cargo xtask test`: every test, in the order that fails fastest.

use std::fs;
use std::process::Command;

use crate::chromedriver::ChromeDriver;
use crate::cmd::{cargo, exec, root, Result};
use crate::devserver::{free_port, wrangler_env, Worker};
use crate::{build, setup};

/// Style and lints, native unit and property tests, then the built Worker in
/// workerd and the widget in Chromium, driven by the `tests` crate. With a
/// `selection` (test name filters such as `widget_popup` or
/// `edge_cors::preflight`), only the cross-part tests it selects, for a quick
/// round while working.
pub fn run(selection: &[String]) -> Result {
    setup::run(setup::Needs::Browser)?;
    if !selection.is_empty() {
        build::run()?;
        let mut args = vec![
            "test",
            "-p",
            "ambassador-tests",
            "--test",
            "cross_part",
            "--",
        ];
        args.extend(selection.iter().map(String::as_str));
        return against_worker_and_browser("selected cross-part tests", &args);
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
    across_parts()
}

/// Runs the cross-part tests against a Worker and a ChromeDriver.
fn across_parts() -> Result {
    against_worker_and_browser(
        "cross-part tests",
        &["test", "-p", "ambassador-tests", "--", "--test-threads=2"],
    )
}

/// Starts a Worker on a fresh local D1 and a ChromeDriver, then runs
/// `cargo args` against them (`AMBASSADOR_URL`, `AMBASSADOR_D1`,
/// `WEBDRIVER_URL`); both stop however it ends. `what` names it in errors.
pub fn against_worker_and_browser(what: &str, args: &[&str]) -> Result {
    let persist = root().join(format!(".state/d1-{}", std::process::id()));
    let _ = fs::remove_dir_all(&persist);
    let worker = Worker::start(free_port()?, &persist)?;
    let driver = ChromeDriver::start()?;
    let mut command = Command::new(cargo());
    // The tests read D1 through wrangler, which needs the same offline setup.
    let status = wrangler_env(&mut command)
        .args(args)
        .current_dir(root())
        .env("AMBASSADOR_URL", &worker.url)
        .env("AMBASSADOR_D1", &persist)
        .env("WEBDRIVER_URL", &driver.url)
        .status();
    drop(driver);
    drop(worker);
    let _ = fs::remove_dir_all(&persist);
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("{what} failed ({s})")),
        Err(e) => Err(format!("cannot run {what}: {e}")),
    }
}
