//! Running other programs, with errors that say which command failed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Every xtask failure: a sentence for the person running it.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// Runs `program args` in the workspace root, inheriting output; fails on a
/// non-zero exit with the command line in the message.
pub fn exec(program: &str, args: &[&str]) -> Result {
    run(Command::new(program).args(args))
}

/// Runs `command` in the workspace root, inheriting output; fails on a
/// non-zero exit with the command line in the message.
pub fn run(command: &mut Command) -> Result {
    let line = format!("{command:?}");
    let status = command
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start {line}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{line} failed ({status})"))
    }
}

/// Runs a command and returns its standard output, or `None` if it cannot run
/// or fails: for probing whether a tool is installed.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The `cargo` that runs this xtask (`CARGO`, set by cargo for the programs
/// it runs), so the build uses the same toolchain as the command typed.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// A tool from the npm packages in `node_modules/.bin`.
pub fn npm_bin(name: &str) -> String {
    root()
        .join("node_modules/.bin")
        .join(name)
        .to_string_lossy()
        .into_owned()
}
