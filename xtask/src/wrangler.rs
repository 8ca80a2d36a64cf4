//! wrangler, the Workers command line, as this machine runs it: offline,
//! its files inside the repository, against the Worker's configuration and
//! a local D1. Starting a Worker (`devserver`), building one (`build`) and
//! seeding one (`demo`) all begin here, so this module needs none of them.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::cmd::{npm_bin, root, Result};

/// The Worker's configuration.
pub const CONFIG: &str = "edge/wrangler.toml";

/// Environment that keeps wrangler offline and its files inside the repo.
pub fn wrangler_env(cmd: &mut Command) -> &mut Command {
    let state = root().join(".state/wrangler");
    cmd.env("WRANGLER_SEND_METRICS", "false")
        .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
        .env("XDG_CONFIG_HOME", state.join("config"))
        .env("XDG_CACHE_HOME", state.join("cache"))
        .env("WRANGLER_LOG_PATH", state.join("logs"))
}

/// Runs `sql` against the local D1 at `persist` (migrated already) through
/// `wrangler d1 execute --file`, the way an operator seeds a database: one
/// file, any size. `name` names the file while it exists.
pub fn execute_sql(persist: &Path, name: &str, sql: &str) -> Result {
    let file = persist.with_extension(format!("{name}.sql"));
    std::fs::write(&file, sql).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let mut command = Command::new(npm_bin("wrangler"));
    let status = wrangler_env(&mut command)
        .env("CI", "true")
        .env("WRANGLER_LOG", "warn")
        .current_dir(root())
        .args(["d1", "execute", "DB", "--local", "--config", CONFIG])
        .arg("--persist-to")
        .arg(persist)
        .arg("--file")
        .arg(&file)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot start wrangler: {e}"))?;
    if !status.success() {
        // Kept, so what D1 refused can be read.
        return Err(format!(
            "wrangler d1 execute failed ({status}); the SQL is kept in {}",
            file.display()
        ));
    }
    let _ = std::fs::remove_file(&file);
    Ok(())
}

/// Applies the D1 migrations of the Worker configured in `config` to the
/// local database in `persist`.
pub fn migrate(config: &str, persist: &Path) -> Result {
    let persist = persist.to_string_lossy();
    let mut cmd = Command::new(npm_bin("wrangler"));
    wrangler_env(&mut cmd)
        .env("CI", "true")
        .current_dir(root())
        .args([
            "d1",
            "migrations",
            "apply",
            "DB",
            "--local",
            "--config",
            config,
            "--persist-to",
            &persist,
        ]);
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start wrangler: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("D1 migrations failed ({status})"))
}
