//! `cargo xtask screenshots`: retakes `docs/screenshots/`: the widget on a
//! host page on a laptop and on a phone, a team digest as Slack shows it,
//! a team's wallboard on a TV and a tablet, and the dashboard's views from
//! the `demo` survey's sample year
//! (`tests/src/bin/screenshots.rs` drives the browser).

use crate::cmd::Result;
use crate::test;
use crate::webdriver::Engine;
use crate::{build, setup};

/// Starts a Worker with the demo's sample year and ChromeDriver, and lets
/// the browser half take the pictures.
pub fn run() -> Result {
    setup::run(setup::Needs::Browser)?;
    setup::lato()?;
    build::run()?;
    let shots = [
        "run",
        "-q",
        "-p",
        "ambassador-tests",
        "--bin",
        "screenshots",
    ];
    test::against_seeded_worker("the screenshots", &[Engine::Chromium], &shots, &["demo"])
}
