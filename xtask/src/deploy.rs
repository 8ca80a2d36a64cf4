//! `cargo xtask deploy --env staging|production [--dry-run]`: from a new
//! Cloudflare account to a running deployment, and the offline check of what
//! would be deployed.
//!
//! Each step looks before it acts, so running it again is safe: the D1
//! database and the queues are created when missing, secrets are asked for
//! only when the Worker has none of that name (typed without echo, passed to
//! wrangler on its standard input, never written anywhere), then the remote
//! migrations, then the deploy. wrangler itself asks the account
//! (`wrangler login`, or `CLOUDFLARE_API_TOKEN` and `CLOUDFLARE_ACCOUNT_ID`).

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use ambassador_shared::survey::{DestinationKind, Surveys};

use crate::cmd::{exec, npm_bin, root, Result};
use crate::wrangler::{wrangler_env, CONFIG};
use crate::{build, setup};

/// The deployments `wrangler.toml` defines.
const ENVIRONMENTS: [&str; 2] = ["staging", "production"];

/// Secrets every deployment needs, besides those its surveys' destinations
/// name; the ones a person never types are made here when left empty.
const SECRETS: [(&str, Made); 4] = [
    ("API_KEY", Made::Typed),
    ("LINK_SECRET", Made::Random),
    ("SESSION_SECRET", Made::Random),
    ("DASHBOARD_USERS", Made::Typed),
];

#[derive(Clone, Copy, PartialEq)]
enum Made {
    /// A person needs it (the API key for scripts; the users, made with
    /// `cargo run -p ambassador-linkgen --bin ambassador-user`).
    Typed,
    /// Only the Worker uses it: an empty answer makes a random one.
    Random,
}

/// The largest compressed Worker the Workers Free plan takes (the paid plan
/// takes 10 MiB): staying under it keeps every plan open.
const MAX_GZIP_BYTES: u64 = 3 * 1024 * 1024;

/// Strings only the test build has: test surveys, test switches, the SQL
/// probe.
const TEST_MATERIAL: [&str; 6] = [
    "forward-test",
    "outage-test",
    "case-test",
    "__switches",
    "__sql",
    "RECEIVER_",
];

/// Runs the command line after `deploy`.
pub fn run(args: &[String]) -> Result {
    let (env, dry_run) = parse(args)?;
    setup::run(setup::Needs::Build)?;
    build::run()?;
    if dry_run {
        let checked = check_dry_run(env)?;
        println!("{env}: {checked}");
        return Ok(());
    }
    check_dry_run(env)?;
    wrangler(Net::Cloudflare, &["whoami"]).map_err(|_| {
        "wrangler is not signed in to Cloudflare: run `npx wrangler login` (or set \
         CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID) and try again"
            .to_owned()
    })?;
    let database_id = ensure_database(env)?;
    ensure_queues(env)?;
    let config = config_with_database(env, &database_id)?;
    ensure_secrets(env, &config)?;
    exec_wrangler(&[
        "d1",
        "migrations",
        "apply",
        "DB",
        "--remote",
        "--env",
        env,
        "--config",
        &config,
    ])?;
    exec_wrangler(&["deploy", "--env", env, "--config", &config])?;
    println!(
        "\nDeployed ambassador-{env}. Check it: GET https://<its address>/ready answers \
         200 when D1, the queues, the rate limiters and the secrets are all there."
    );
    Ok(())
}

fn parse(args: &[String]) -> Result<(&'static str, bool)> {
    let usage = "usage: cargo xtask deploy --env <staging|production> [--dry-run]";
    let mut env = None;
    let mut dry_run = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--dry-run" => dry_run = true,
            "--env" => {
                let name = rest.next().ok_or(usage)?;
                env = Some(
                    ENVIRONMENTS
                        .into_iter()
                        .find(|e| e == name)
                        .ok_or(format!("no environment {name:?} in {CONFIG}; {usage}"))?,
                );
            }
            other => return Err(format!("unknown argument {other:?}; {usage}")),
        }
    }
    Ok((env.ok_or(usage)?, dry_run))
}

/// Every environment's dry run, for `cargo xtask test`.
pub fn check_all_dry_runs() -> Result {
    for env in ENVIRONMENTS {
        let checked = check_dry_run(env)?;
        println!("deploy --dry-run --env {env}: {checked}");
    }
    Ok(())
}

/// `wrangler deploy --dry-run` for `env` (offline: no account, no network),
/// and what it would upload checked: a bundle, within the size limit, free
/// of test material. A line saying what was checked.
fn check_dry_run(env: &str) -> Result<String> {
    let out = root().join(format!("dist/deploy-{env}"));
    let _ = fs::remove_dir_all(&out);
    let out_arg = out.to_string_lossy().into_owned();
    let log = wrangler(
        Net::Offline,
        &[
            "deploy",
            "--dry-run",
            "--outdir",
            &out_arg,
            "--env",
            env,
            "--config",
            CONFIG,
        ],
    )?;
    let gzip = gzip_kib(&log).ok_or(format!(
        "wrangler's dry run printed no \"gzip: N KiB\":\n{log}"
    ))?;
    if gzip * 1024.0 > MAX_GZIP_BYTES as f64 {
        return Err(format!(
            "{env}: the Worker is {gzip:.0} KiB gzipped, over the {} KiB limit",
            MAX_GZIP_BYTES / 1024
        ));
    }
    let mut bundle = Vec::new();
    for entry in fs::read_dir(&out).map_err(|e| format!("{}: {e}", out.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        bundle.push((path, bytes));
    }
    if !bundle
        .iter()
        .any(|(p, _)| p.extension().is_some_and(|e| e == "wasm"))
    {
        return Err(format!(
            "{env}: the dry run wrote no wasm to {}",
            out.display()
        ));
    }
    for (path, bytes) in &bundle {
        if let Some(found) = TEST_MATERIAL
            .iter()
            .find(|s| bytes.windows(s.len()).any(|w| w == s.as_bytes()))
        {
            return Err(format!(
                "{env}: {} contains test material ({found:?}): the test build was \
                 bundled instead of the Worker that ships",
                path.display()
            ));
        }
    }
    let assets = asset_files(&root().join("dist/public"))?;
    if let Some(test_page) = assets.iter().find(|a| a.starts_with("test/")) {
        return Err(format!(
            "{env}: a test page would ship as an asset: {test_page}"
        ));
    }
    Ok(format!(
        "bundle {gzip:.0} KiB gzipped (limit {} KiB), {} asset files, no test material",
        MAX_GZIP_BYTES / 1024,
        assets.len()
    ))
}

/// The number in wrangler's "Total Upload: X KiB / gzip: Y KiB".
fn gzip_kib(log: &str) -> Option<f64> {
    let after = log.split("gzip: ").nth(1)?;
    after.split(" KiB").next()?.trim().parse().ok()
}

/// Paths under `dir`, relative to it, with `/` between parts.
fn asset_files(dir: &PathBuf) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(next) = stack.pop() {
        for entry in fs::read_dir(&next).map_err(|e| format!("{}: {e}", next.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(found)
}

/// The id of `ambassador-{env}`, created if missing.
fn ensure_database(env: &str) -> Result<String> {
    let name = format!("ambassador-{env}");
    if let Some(id) = database_id(&name)? {
        return Ok(id);
    }
    exec_wrangler(&["d1", "create", &name])?;
    database_id(&name)?.ok_or(format!("wrangler created {name} but does not list it"))
}

fn database_id(name: &str) -> Result<Option<String>> {
    let listed: serde_json::Value =
        serde_json::from_str(&wrangler(Net::Cloudflare, &["d1", "list", "--json"])?)
            .map_err(|e| format!("`wrangler d1 list --json` printed no JSON: {e}"))?;
    Ok(listed
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["name"] == name)
        .and_then(|d| d["uuid"].as_str())
        .map(str::to_owned))
}

/// The environment's four queues; one that exists already is left alone.
fn ensure_queues(env: &str) -> Result {
    for role in ["intake", "intake-dead", "events", "events-dead"] {
        let name = format!("ambassador-{env}-{role}");
        match wrangler(Net::Cloudflare, &["queues", "create", &name]) {
            Ok(_) => println!("created the queue {name}"),
            Err(why) if why.contains("already") => {}
            Err(why) => return Err(why),
        }
    }
    Ok(())
}

/// `wrangler.toml` with the environment's real database id, written beside
/// it (so its relative paths hold) and ignored by git: the committed file
/// keeps its placeholder, since the id belongs to one account.
fn config_with_database(env: &str, id: &str) -> Result<String> {
    let text = fs::read_to_string(root().join(CONFIG)).map_err(|e| format!("{CONFIG}: {e}"))?;
    let marker = format!("database_name = \"ambassador-{env}\"");
    let (before, after) = text
        .split_once(&marker)
        .ok_or(format!("{CONFIG} has no `{marker}`"))?;
    let after = after.replacen(
        "database_id = \"00000000-0000-0000-0000-000000000000\"",
        &format!("database_id = \"{id}\""),
        1,
    );
    let text = format!("{before}{marker}{after}");
    let path = root().join(format!("edge/wrangler.{env}.generated.toml"));
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_string_lossy().into_owned())
}

/// Asks for each secret the Worker lacks.
fn ensure_secrets(env: &str, config: &str) -> Result {
    let listed = wrangler(
        Net::Cloudflare,
        &["secret", "list", "--env", env, "--config", config],
    )?;
    let have: BTreeSet<String> = serde_json::from_str::<serde_json::Value>(&listed)
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s["name"].as_str().map(str::to_owned))
        .collect();
    for (name, made) in needed_secrets()? {
        if have.contains(&name) {
            continue;
        }
        let mut value = ask_hidden(&name, made)?;
        if value.is_empty() && made == Made::Random {
            value = random_hex()?;
        }
        if value.is_empty() {
            return Err(format!("{name} is needed; run the deploy again to set it"));
        }
        put_secret(env, config, &name, &value)?;
    }
    Ok(())
}

/// The fixed secrets and those the surveys' destinations name.
fn needed_secrets() -> Result<Vec<(String, Made)>> {
    let text = fs::read_to_string(root().join("surveys.toml"))
        .map_err(|e| format!("surveys.toml: {e}"))?;
    let surveys = Surveys::from_toml_str(&text).map_err(|e| format!("surveys.toml: {e}"))?;
    let mut names: Vec<(String, Made)> =
        SECRETS.iter().map(|(n, m)| ((*n).to_owned(), *m)).collect();
    for destination in surveys.iter().flat_map(|s| &s.destinations) {
        let named = [
            destination.url_env.clone(),
            match &destination.kind {
                DestinationKind::Webhook { secret_env } => Some(secret_env.clone()),
                DestinationKind::Slack => None,
            },
        ];
        for name in named.into_iter().flatten() {
            if !names.iter().any(|(n, _)| *n == name) {
                names.push((name, Made::Typed));
            }
        }
    }
    Ok(names)
}

/// A line typed at the terminal without echo.
fn ask_hidden(name: &str, made: Made) -> Result<String> {
    let hint = match made {
        Made::Random => " (empty: make a random one)",
        Made::Typed => "",
    };
    eprint!("{name}{hint}: ");
    let _ = std::io::stderr().flush();
    let tty = || fs::File::open("/dev/tty");
    let stty = |arg: &str| {
        if let Ok(t) = tty() {
            let _ = Command::new("stty").arg(arg).stdin(t).status();
        }
    };
    stty("-echo");
    let mut line = String::new();
    let read = match tty() {
        Ok(t) => std::io::BufReader::new(t).read_line(&mut line),
        Err(_) => std::io::stdin().lock().read_line(&mut line),
    };
    stty("echo");
    eprintln!();
    read.map_err(|e| format!("cannot read {name}: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn random_hex() -> Result<String> {
    let mut bytes = [0u8; 32];
    let mut urandom = fs::File::open("/dev/urandom").map_err(|e| e.to_string())?;
    std::io::Read::read_exact(&mut urandom, &mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// `wrangler secret put`, the value on its standard input.
fn put_secret(env: &str, config: &str, name: &str, value: &str) -> Result {
    let mut child = Command::new(npm_bin("wrangler"))
        .current_dir(root())
        .args(["secret", "put", name, "--env", env, "--config", config])
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start wrangler: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(value.as_bytes())
            .map_err(|e| format!("cannot pass {name} to wrangler: {e}"))?;
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or(format!("`wrangler secret put {name}` failed ({status})"))
}

/// Whether a wrangler command talks to Cloudflare (with the operator's own
/// sign-in and settings) or must stay on this machine.
enum Net {
    Cloudflare,
    Offline,
}

/// wrangler with output captured: stdout, or the whole output as the error.
fn wrangler(net: Net, args: &[&str]) -> Result<String> {
    let mut cmd = Command::new(npm_bin("wrangler"));
    if let Net::Offline = net {
        wrangler_env(&mut cmd);
    }
    let out = cmd
        .current_dir(root())
        .args(args)
        .output()
        .map_err(|e| format!("cannot start wrangler: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    match out.status.success() {
        true => Ok(stdout),
        false => Err(format!(
            "`wrangler {}` failed:\n{stdout}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

/// wrangler with its output shown, for the steps a person watches.
fn exec_wrangler(args: &[&str]) -> Result {
    exec(&npm_bin("wrangler"), args)
}
