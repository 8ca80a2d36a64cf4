//! Schemathesis (PyPI, installed by `cargo xtask setup` into
//! `.state/schemathesis`) against the OpenAPI document and the Worker:
//! every operation, generated inputs, every check, stateful links included.
//! The document and the Worker must agree on every status, header and body,
//! both ways: a request the document forbids is refused, and one it allows
//! is taken (positive-data acceptance), but for the refusals a schema cannot
//! state, which `schemathesis.toml` lists and explains operation by
//! operation.
//! The rate limiters are switched off for it (edge/src/switches.rs), or most
//! writes would be 429s; that switch holds for the whole Worker, so this
//! runs alone, after the other tests.

use std::path::PathBuf;
use std::process::Command;

use ambassador_tests::{dev_var, switch, worker_url};

/// Bounded: a few examples per operation keep the run near a minute.
const MAX_EXAMPLES: &str = "15";
/// Fixed, so a failure can be run again exactly.
const SEED: &str = "20261129";

/// Runs Schemathesis once; its exit status and its report.
async fn schemathesis() -> (bool, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let schemathesis = root.join(".state/schemathesis/bin/schemathesis");
    let output = tokio::task::spawn_blocking(move || {
        Command::new(schemathesis)
            .current_dir(&root)
            .env("SCHEMATHESIS_HOOKS", "")
            .args(["run", "docs/openapi.json", "--url", &worker_url()])
            .args([
                "--header",
                &format!("Authorization: Bearer {}", dev_var("API_KEY")),
            ])
            .args([
                "--checks",
                "all",
                "--max-examples",
                MAX_EXAMPLES,
                "--seed",
                SEED,
            ])
            // One worker. With two threads, Hypothesis parses Python source
            // (to describe a lambda) in both at once, and CPython 3.11's AST
            // constructor keeps its recursion depth per interpreter, not per
            // thread: "AST constructor recursion depth mismatch" (see
            // CPython gh-106905) ended two CI runs on 2026-11-29.
            .args(["--workers", "1", "--request-timeout", "20"])
            .output()
            .expect("schemathesis runs: `cargo xtask setup` installs it")
    })
    .await
    .expect("the run ends");
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.success(), report)
}

/// The report from its first section of findings (`FAILURES`, `ERRORS`,
/// `WARNINGS`) on, where what went wrong is said; all of it if it has none.
fn findings(report: &str) -> &str {
    ["FAILURES =", "ERRORS =", "WARNINGS ="]
        .iter()
        .filter_map(|section| report.find(section))
        .min()
        .and_then(|at| report[..at].rfind('\n'))
        .map_or(report, |line| &report[line + 1..])
}

#[tokio::test]
async fn the_worker_answers_as_its_openapi_document_says() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    switch("rate-limits-off", true).await;
    let (success, report) = schemathesis().await;
    switch("rate-limits-off", false).await;
    let saved = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/schemathesis.txt");
    let _ = std::fs::write(&saved, report.as_bytes());
    assert!(
        success,
        "schemathesis found failures (whole report: {}):\n{}",
        saved.display(),
        findings(&report)
    );
}
