//! The toolchain the widget ships from: a pinned, dated nightly that rebuilds
//! the standard library for size. Only the widget's wasm uses it; everything
//! else (Worker, dashboard, tools, tests, clippy) stays on stable, and the
//! widget still compiles there.
//!
//! Why a nightly: `-Z build-std` compiles `std` with the widget's own
//! `opt-level = "z"` and LTO instead of linking the prebuilt, speed-optimised
//! one; `-Cpanic=immediate-abort` drops the panic machinery and its messages;
//! `-Zlocation-detail=none` the file names of panic sites; `-Zfmt-debug=none`
//! every `Debug` implementation (so no message the widget shows may use
//! `{:?}`); `optimize_for_size` picks std's smaller algorithms. Measured on
//! the widget (docs/performance.md): 78.3 KB of brotli wasm on stable, 68.2 KB
//! with all of these.
//!
//! Why pinned: nightly flags change meaning (`panic_immediate_abort` became a
//! panic strategy), so the widget's bytes must not depend on the day a
//! machine was set up. Without the pinned toolchain the build stops and says
//! why rather than ship a different artifact from the one the tests ran on.

use std::process::Command;

use crate::cmd::{output, root, run, Result};

/// The dated nightly: rustc 1.97.0-nightly (e50aa6fba 2026-05-19). A
/// nightly's date is the day after its commit; `nightly-2026-05-19` is the
/// commit before, and has no wasm32 standard library to download.
pub const NIGHTLY: &str = "nightly-2026-05-20";

/// The widget's own target directory: other flags and another compiler, so
/// its artifacts never overwrite stable ones.
const TARGET_DIR: &str = "target/widget";

/// Flags for every crate of the widget, `std` included.
const RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none";

/// Installs the pinned nightly with the standard library's source, unless
/// there. `-Z build-std` compiles the wasm32 `std` from that source, so no
/// prebuilt target is needed.
pub fn install() -> Result {
    if installed() {
        return Ok(());
    }
    eprintln!("xtask: installing {NIGHTLY} with rust-src for the widget (about 1 min, once)");
    let args = [
        "toolchain",
        "install",
        NIGHTLY,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
    ];
    run(Command::new("rustup").args(args)).map_err(|e| {
        format!(
            "{e}\nThe widget is built with {NIGHTLY} and its rust-src; rustup could not \
             install them (is static.rust-lang.org reachable?). Install them by hand with \
             `rustup {}`, or copy ~/.rustup/toolchains/{NIGHTLY}-* from a machine that has it.",
            args.join(" ")
        )
    })
}

fn installed() -> bool {
    let components = ["component", "list", "--installed", "--toolchain", NIGHTLY];
    output("rustup", &components).is_some_and(|list| list.lines().any(|l| l == "rust-src"))
}

/// Builds `package` for release to wasm32 with the pinned nightly; returns
/// the wasm's path, relative to the workspace root.
pub fn build(package: &str) -> Result<String> {
    if !installed() {
        return Err(format!(
            "the widget is built with {NIGHTLY} and its rust-src, which are not installed; \
             run `cargo xtask setup`"
        ));
    }
    let mut command = Command::new("rustup");
    command
        .args(["run", NIGHTLY, "cargo", "build", "--release"])
        .args(["--target", "wasm32-unknown-unknown", "-p", package])
        .args(["-Z", "build-std=std,panic_abort"])
        .args(["-Z", "build-std-features=optimize_for_size"])
        .env("CARGO_TARGET_DIR", root().join(TARGET_DIR))
        .env("RUSTFLAGS", RUSTFLAGS)
        // Set by the stable cargo that runs xtask; they would win over `rustup run`.
        .env_remove("RUSTC")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    run(&mut command)?;
    let name = package.replace('-', "_");
    Ok(format!(
        "{TARGET_DIR}/wasm32-unknown-unknown/release/{name}.wasm"
    ))
}
