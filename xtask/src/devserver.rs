//! The Worker running in workerd through `wrangler dev`, with its local D1.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::cmd::{npm_bin, root, Result};
use crate::process::{free_port, stop_group};
use crate::receivers::Receivers;
use crate::wrangler::{migrate, wrangler_env, CONFIG};
use crate::{build, secrets};

/// Intake and forwarding on this machine: retries in seconds, not the
/// production minutes, so a failing test receiver or a test's D1 outage
/// recovers within a test's patience.
const LOCAL_VARS: [&str; 4] = [
    "INTAKE_RETRY_BASE_SECONDS:1",
    "FORWARD_RETRY_BASE_SECONDS:1",
    "FORWARD_MAX_ATTEMPTS:3",
    "FORWARD_TIMEOUT_SECONDS:2",
];

/// A running Worker; stopped (with its whole process group) when dropped.
pub struct Worker {
    child: Child,
    /// Base URL, e.g. `http://127.0.0.1:8787`.
    pub url: String,
    /// The file its output goes to, for a test Worker.
    pub log: Option<PathBuf>,
}

/// How a Worker is run on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Harness {
    /// `wrangler dev`, as a developer runs it: the DevTools inspector
    /// attached and a log line per request printed by wrangler's Node. With
    /// `log`, the Worker's output goes to a file the tests read.
    WranglerDev { log: bool },
    /// The same bundle, bindings, local D1 and Queues without a debugger
    /// attached and without wrangler's per-request line
    /// (benches/serve.mjs), as no deployed Worker has them: for the
    /// benchmarks. Under load, `wrangler dev`'s Node takes a loopback
    /// connection from workerd per request and falls behind, and workerd
    /// runs out of file descriptors waiting for it. With `log`, the
    /// Worker's own lines go to a file, as with `WranglerDev`. (An attached
    /// debugger also keeps memory: under `wrangler dev` workerd grows by
    /// about 400 MB with each million-answer export, as deployed it levels
    /// off; `cargo xtask bench-reports`.)
    Uninspected { log: bool },
}

impl Worker {
    /// Migrates `persist`'s D1, starts `wrangler dev` on `port` and waits
    /// until `/health` answers.
    pub fn start(port: u16, persist: &Path) -> Result<Worker> {
        Worker::start_config(CONFIG, port, persist, Harness::WranglerDev { log: false })
    }

    /// The same for the Worker configured in `config` (relative to the
    /// workspace root), e.g. the benchmark's plain-JavaScript baseline, run
    /// by `harness`.
    pub fn start_config(
        config: &str,
        port: u16,
        persist: &Path,
        harness: Harness,
    ) -> Result<Worker> {
        Worker::start_with(config, port, persist, &[], harness)
    }

    /// The test build (`build::testing_edge`, built here) with its test
    /// surveys' destinations pointing at `receivers`. Logging to a file is
    /// for the tests; wrangler keeps what it collects, so a long run (the
    /// 50,000-answer burst) goes without.
    pub fn start_testing(
        port: u16,
        persist: &Path,
        receivers: &Receivers,
        harness: Harness,
    ) -> Result<Worker> {
        build::testing_edge()?;
        // wrangler reads the local secrets next to the configuration.
        secrets::ensure_dev_vars()?;
        let dev_vars = root().join("dist/edge-testing/.dev.vars");
        std::fs::copy(root().join("edge/.dev.vars"), &dev_vars).map_err(|e| {
            format!(
                "cannot copy the local secrets to {}: {e}",
                dev_vars.display()
            )
        })?;
        let vars = receivers.worker_vars();
        Worker::start_with(build::TESTING_CONFIG, port, persist, &vars, harness)
    }

    /// Where a test Worker's output goes: the tests read its log lines.
    fn log_path(persist: &Path) -> PathBuf {
        persist.join("worker.log")
    }

    fn log_file(persist: &Path) -> Result<std::fs::File> {
        std::fs::File::create(Worker::log_path(persist))
            .map_err(|e| format!("cannot create the Worker's log: {e}"))
    }

    /// `vars` are `NAME:VALUE`, beside [`LOCAL_VARS`].
    fn start_with(
        config: &str,
        port: u16,
        persist: &Path,
        vars: &[String],
        harness: Harness,
    ) -> Result<Worker> {
        secrets::ensure_dev_vars()?;
        migrate(config, persist)?;
        // What the Worker sends without a request to learn its address
        // from (a team digest's link) points at this very Worker.
        let public_url = format!("PUBLIC_URL:http://127.0.0.1:{port}");
        let vars = LOCAL_VARS
            .iter()
            .copied()
            .chain(vars.iter().map(String::as_str))
            .chain([public_url.as_str()]);
        let log = match harness {
            Harness::WranglerDev { log } => log,
            Harness::Uninspected { log } => {
                let mut command = Command::new("node");
                if log {
                    command
                        .stdout(Worker::log_file(persist)?)
                        .env("AMBASSADOR_WORKER_LOG", "1");
                } else {
                    command.stdout(Stdio::null());
                }
                let child = wrangler_env(&mut command)
                    .current_dir(root())
                    .stdin(Stdio::null())
                    .process_group(0)
                    .arg("benches/serve.mjs")
                    .args([config, &port.to_string()])
                    .arg(persist)
                    .args(vars)
                    .spawn()
                    .map_err(|e| format!("cannot start node benches/serve.mjs: {e}"))?;
                let mut worker = Worker::healthy(child, port)?;
                worker.log = log.then(|| Worker::log_path(persist));
                return Ok(worker);
            }
        };
        let mut cmd = Command::new(npm_bin("wrangler"));
        if log {
            let file = Worker::log_file(persist)?;
            let copy = file
                .try_clone()
                .map_err(|e| format!("cannot share the Worker's log: {e}"))?;
            // The Worker's console lines are at wrangler's `log` level.
            cmd.stdout(file).stderr(copy).env("WRANGLER_LOG", "log");
        } else {
            cmd.env("WRANGLER_LOG", "warn");
        }
        wrangler_env(&mut cmd)
            .current_dir(root())
            .stdin(Stdio::null())
            .process_group(0)
            .args([
                "dev",
                "--config",
                config,
                "--persist-to",
                &persist.to_string_lossy(),
                "--ip",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--inspector-port",
                &free_port()?.to_string(),
                "--show-interactive-dev-session=false",
                // `/__scheduled` runs the Cron Trigger on demand, on loopback.
                "--test-scheduled",
            ])
            .args(vars.flat_map(|v| ["--var", v]));
        let child = cmd
            .spawn()
            .map_err(|e| format!("cannot start wrangler dev: {e}"))?;
        let mut worker = Worker::healthy(child, port)?;
        worker.log = log.then(|| Worker::log_path(persist));
        Ok(worker)
    }

    /// The Worker `child` serves on `port`, once `/health` answers (it is
    /// stopped if it does not within 90 s).
    fn healthy(child: Child, port: u16) -> Result<Worker> {
        let worker = Worker {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log: None,
        };
        worker.wait_healthy(port, Duration::from_secs(90))?;
        Ok(worker)
    }

    fn wait_healthy(&self, port: u16, limit: Duration) -> Result {
        let start = Instant::now();
        while start.elapsed() < limit {
            if health_ok(port) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        Err(format!(
            "the Worker did not answer /health on port {port} within {limit:?}"
        ))
    }

    /// The `/proc/PID/stat` lines of the processes this Worker runs in:
    /// workerd (the Worker itself) and wrangler's Node (which only starts
    /// it and prints its log lines). The benchmarks read their CPU time and
    /// memory from /proc, the two apart, so the log's cost in Node is seen
    /// for what it is: this harness's, not the Worker's.
    pub fn processes(&self) -> Vec<(u32, Process, String)> {
        let group = self.child.id();
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|e| {
                let pid = e.file_name().to_str()?.parse().ok()?;
                let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
                let (process, fields) = in_group(&stat, group)?;
                Some((pid, process, fields.to_owned()))
            })
            .collect()
    }

    /// Blocks until wrangler exits (Ctrl-C ends it).
    pub fn wait(mut self) -> Result {
        self.child.wait().map(|_| ()).map_err(|e| e.to_string())
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        stop_group(&mut self.child);
    }
}

/// Which of a Worker's processes a `/proc` entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Process {
    /// The runtime: the Worker, its HTTP, D1 and Queues.
    Workerd,
    /// Anything else in the group, i.e. wrangler's Node.
    Wrangler,
}

/// Which process a `/proc/PID/stat` line is and the fields after
/// "pid (comm) " (state, ppid, pgrp, ...), if it is in process group `group`.
pub fn in_group(stat: &str, group: u32) -> Option<(Process, &str)> {
    let (name, rest) = stat.split_once(") ")?;
    let pgrp: u32 = rest.split(' ').nth(2)?.parse().ok()?;
    let process = if name.ends_with("(workerd") {
        Process::Workerd
    } else {
        Process::Wrangler
    };
    (pgrp == group).then_some((process, rest))
}

fn health_ok(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    // The status line is all we need; the server may keep the socket open.
    let mut head = [0u8; 12];
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_exact(&mut head).is_ok()
        && &head == b"HTTP/1.1 200"
}
