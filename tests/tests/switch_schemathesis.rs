//! Schemathesis (PyPI, installed by `cargo xtask setup` into
//! `.state/schemathesis`) against the OpenAPI document and the Worker:
//! every operation, generated inputs, every check, stateful links included.
//! The document and the Worker must agree on every status, header and body.
//! The rate limiters are switched off for it (edge/src/switches.rs), or most
//! writes would be 429s; that switch holds for the whole Worker, so this
//! runs alone, after the other tests.

use std::path::PathBuf;
use std::process::Command;

use ambassador_tests::{dev_var, http, url, worker_url};

/// Bounded: a few examples per operation keep the run near a minute.
const MAX_EXAMPLES: &str = "15";
/// Fixed, so a failure can be run again exactly.
const SEED: &str = "20261129";

async fn rate_limits(off: bool) {
    let response = http()
        .put(url("/__switches/rate-limits-off"))
        .body(if off { "on" } else { "off" })
        .send()
        .await
        .expect("the Worker answers");
    assert_eq!(response.status().as_u16(), 204);
}

#[tokio::test]
async fn the_worker_answers_as_its_openapi_document_says() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let schemathesis = root.join(".state/schemathesis/bin/schemathesis");
    rate_limits(true).await;
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
            .args(["--workers", "2", "--request-timeout", "20"])
            .output()
            .expect("schemathesis runs: `cargo xtask setup` installs it")
    })
    .await
    .expect("the run ends");
    rate_limits(false).await;
    let report = String::from_utf8_lossy(&output.stdout);
    let saved = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/schemathesis.txt");
    let _ = std::fs::write(&saved, report.as_bytes());
    assert!(
        output.status.success(),
        "schemathesis found failures (whole report: {}):\n{}",
        saved.display(),
        report
            .lines()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
