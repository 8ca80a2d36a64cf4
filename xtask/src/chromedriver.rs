//! ChromeDriver on a free loopback port, for the browser tests and the
//! widget benchmark.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use crate::cmd::Result;
use crate::devserver::{free_port, stop_group};

/// A running ChromeDriver; stopped (with the browsers it started) when dropped.
pub struct ChromeDriver {
    child: Child,
    /// Its WebDriver URL, e.g. `http://127.0.0.1:9515`.
    pub url: String,
}

impl ChromeDriver {
    /// Starts ChromeDriver in its own process group on a free port.
    pub fn start() -> Result<ChromeDriver> {
        let port = free_port()?;
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start chromedriver: {e}"))?;
        Ok(ChromeDriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        })
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        stop_group(&mut self.child);
    }
}
