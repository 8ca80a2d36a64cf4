//! Project automation, `cargo xtask <command>`:
//!
//! - `setup`: install what is missing (wasm target, the widget's pinned
//!   nightly, wasm-bindgen CLI at the version in Cargo.lock, npm tools,
//!   Chromium for tests). Idempotent.
//! - `build`: build widget and Worker for release into `dist/`.
//! - `dev`: setup, build, migrate the local D1, fill the `demo` survey with a
//!   sample year on first start, serve on http://127.0.0.1:8787.
//! - `test`: every test: format, lints, unit and property tests, then the
//!   Worker in workerd over HTTP and the widget in headless Chromium.
//!   `test widget_retry` (test name filters) builds and runs just those
//!   cross-part tests.
//! - `bench-widget`: the widget's bytes over the wire and its time to interactive.
//! - `bench-edge`: POST /v1/responses under wrk, next to a plain-JS baseline.
//! - `bench-reports`: the 12-month report and the CSV export on a million answers.
//! - `bench-dashboard`: the dashboard's bytes and how soon its overview is drawn.
//! - `burst [--count N] [--compare-themes]`: N answers at once; each stored and
//!   forwarded once; with and without comments' terms, side by side.
//! - `deploy --env staging|production [--dry-run]`: create what the
//!   deployment lacks on Cloudflare and deploy; `--dry-run` bundles offline
//!   and checks the bundle (every `test` run does this for both).
//! - `screenshots`: the widget on a laptop and a phone, a team digest as
//!   Slack shows it, and the dashboard's views from the demo's sample year,
//!   into `docs/screenshots/`.

mod bench_dashboard;
mod bench_edge;
mod bench_reports;
mod bench_widget;
mod build;
mod burst;
mod cmd;
mod demo;
mod deploy;
mod dev;
mod devserver;
mod process;
mod receivers;
mod screenshots;
mod secrets;
mod setup;
mod short_names;
mod test;
mod webdriver;
mod widget_toolchain;
mod wrangler;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(setup::Needs::Browser),
        Some("build") => setup::run(setup::Needs::Build).and_then(|()| build::run()),
        Some("dev") => dev::serve_forever(),
        Some("test") => test::run(&args[1..]),
        Some("bench-widget") => bench_widget::run(),
        Some("bench-edge") => bench_edge::run(),
        Some("bench-reports") => bench_reports::run(),
        Some("bench-dashboard") => bench_dashboard::run(),
        Some("burst") => burst::run(&args[1..]),
        Some("deploy") => deploy::run(&args[1..]),
        Some("screenshots") => screenshots::run(),
        _ => Err(
            "usage: cargo xtask <setup|build|dev|test [selection]|bench-widget|bench-edge|bench-reports|bench-dashboard|burst [--count N] [--compare-themes]|screenshots|deploy --env <staging|production> [--dry-run]>\n\
             dev serves the demo on http://127.0.0.1:8787; test runs every test"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

/// xtask's modules depend on each other one way: each thing has one home,
/// and a module never reaches back into one that uses it (devserver,
/// build, demo and receivers once went round in a circle).
#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    /// The modules each module's `crate::` paths name, from its source.
    fn dependencies(source: &str) -> Vec<String> {
        let ident = |s: &str| -> String {
            s.trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        };
        let mut named = Vec::new();
        for (_, after) in source
            .match_indices("crate::")
            .map(|(i, _)| source.split_at(i + 7))
        {
            match after.strip_prefix('{') {
                Some(group) => {
                    let group = group.split('}').next().unwrap_or_default();
                    named.extend(group.split(',').map(ident));
                }
                None => named.push(ident(after)),
            }
        }
        named
    }

    #[test]
    fn no_module_depends_on_itself_through_others() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut graph = BTreeMap::new();
        for entry in std::fs::read_dir(dir).expect("xtask/src").flatten() {
            let name = entry.file_name().to_string_lossy().replace(".rs", "");
            let source = std::fs::read_to_string(entry.path()).expect("a module");
            graph.insert(name, dependencies(&source));
        }
        // Kahn's algorithm: take away modules that use no remaining one;
        // whatever is left lies on a cycle.
        while let Some(leaf) = graph
            .iter()
            .find(|(name, uses)| uses.iter().all(|m| *m == **name || !graph.contains_key(m)))
            .map(|(name, _)| name.clone())
        {
            graph.remove(&leaf);
        }
        assert!(
            graph.is_empty(),
            "modules on or above an import cycle: {graph:?}"
        );
    }
}
