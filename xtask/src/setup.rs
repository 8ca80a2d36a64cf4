//! Installing what a fresh machine lacks, each step skipped when already done.

use std::fs;

use crate::cmd::{cargo, exec, npm_bin, output, root, Result};
use crate::widget_toolchain;

/// How much of the toolchain a command needs.
#[derive(PartialEq, PartialOrd)]
pub enum Needs {
    /// Compilers (stable, and the widget's pinned nightly) and the Worker runtime.
    Build,
    /// Also the browsers and their WebDriver servers: Chromium, Firefox
    /// and WebKitGTK (under Xvfb), from Debian; geckodriver from crates.io.
    Browser,
}

/// Installs whatever `needs` calls for and is missing.
pub fn run(needs: Needs) -> Result {
    wasm_target()?;
    widget_toolchain::install()?;
    wasm_bindgen_cli()?;
    npm_tools()?;
    if needs >= Needs::Browser {
        debian_packages(&[
            ("chromium", "chromium"),
            ("chromedriver", "chromium-driver"),
            ("firefox-esr", "firefox-esr"),
            ("WebKitWebDriver", "webkit2gtk-driver"),
            ("xvfb-run", "xvfb"),
            ("xauth", "xauth"),
        ])?;
        geckodriver()?;
        schemathesis()?;
    }
    Ok(())
}

/// The Schemathesis the OpenAPI test (`switch_schemathesis`) runs, from
/// PyPI into a virtual environment of the project's own.
const SCHEMATHESIS: &str = "4.32.5";

fn schemathesis() -> Result {
    let venv = root().join(".state/schemathesis");
    let bin = venv.join("bin/schemathesis");
    let have = output(&bin.to_string_lossy(), &["--version"]).unwrap_or_default();
    if have.contains(SCHEMATHESIS) {
        return Ok(());
    }
    eprintln!("xtask: installing schemathesis {SCHEMATHESIS} (a minute, once)");
    exec("python3", &["-m", "venv", &venv.to_string_lossy()])?;
    let pip = venv.join("bin/pip");
    exec(
        &pip.to_string_lossy(),
        &[
            "install",
            "--quiet",
            &format!("schemathesis=={SCHEMATHESIS}"),
        ],
    )
}

/// The geckodriver this project was tested with; it drives Debian's Firefox ESR.
const GECKODRIVER: &str = "0.37.1";

fn geckodriver() -> Result {
    let have = output("geckodriver", &["--version"]).unwrap_or_default();
    if have.starts_with(&format!("geckodriver {GECKODRIVER}")) {
        return Ok(());
    }
    eprintln!("xtask: installing geckodriver {GECKODRIVER} (a few minutes, once)");
    exec(
        &cargo(),
        &[
            "install",
            "geckodriver",
            "--version",
            GECKODRIVER,
            "--locked",
        ],
    )
}

/// What `cargo xtask bench-edge` needs beyond the build: Debian's `wrk`.
pub fn bench_tools() -> Result {
    debian_packages(&[("wrk", "wrk")])
}

fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    exec("rustup", &["target", "add", "wasm32-unknown-unknown"])
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            let version = lines.next().unwrap_or_default();
            return Ok(version
                .trim_start_matches("version = ")
                .trim_matches('"')
                .to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`".into())
}

fn wasm_bindgen_cli() -> Result {
    let version = locked_wasm_bindgen()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.trim() == format!("wasm-bindgen {version}") {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-bindgen-cli {version} (a few minutes, once)");
    // Not `--locked`: its lock file pins a crate version the registry no longer serves.
    exec(
        &cargo(),
        &["install", "wasm-bindgen-cli", "--version", &version],
    )
}

fn npm_tools() -> Result {
    let lock = root().join("package-lock.json");
    let installed = root().join("node_modules/.package-lock.json");
    let fresh = match (fs::metadata(&lock), fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => i.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh && std::path::Path::new(&npm_bin("wrangler")).exists() {
        return Ok(());
    }
    exec("npm", &["ci", "--no-audit", "--no-fund"])
}

/// Lato, the typeface Slack's apps draw messages in, which only the
/// screenshot of a team digest as Slack shows it needs (Debian's
/// `fonts-lato`; a font has no command to look for, so its directory).
pub fn lato() -> Result {
    if std::path::Path::new("/usr/share/fonts/truetype/lato").is_dir() {
        return Ok(());
    }
    exec("apt-get", &["update", "-qq"])?;
    exec(
        "apt-get",
        &[
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "fonts-lato",
        ],
    )
}

/// Debian's `brotli`, which only the widget benchmark needs.
pub fn brotli() -> Result {
    debian_packages(&[("brotli", "brotli")])
}

/// Installs Debian packages whose command is missing.
fn debian_packages(packages: &[(&str, &str)]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(command, _)| output("which", &[command]).is_none())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    exec("apt-get", &["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(&missing);
    exec("apt-get", &args)
}
