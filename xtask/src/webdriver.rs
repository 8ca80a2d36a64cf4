//! WebDriver servers on free loopback ports, one per browser engine a
//! customer's phone or computer may run: Chromium (ChromeDriver), Firefox
//! (geckodriver) and WebKit, Safari's engine (WebKitGTK's driver, under a
//! virtual display since its browser has no headless mode).

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use crate::cmd::Result;
use crate::process::{free_port, stop_group};

/// A browser engine the tests drive.
#[derive(Clone, Copy)]
pub enum Engine {
    /// Chrome, Edge, Samsung Internet and most Android browsers.
    Chromium,
    /// Firefox.
    Firefox,
    /// Safari, and every browser on an iPhone.
    WebKit,
}

impl Engine {
    /// The variable that tells the tests where this engine's driver listens.
    pub fn env_var(self) -> &'static str {
        match self {
            Engine::Chromium => "WEBDRIVER_URL",
            Engine::Firefox => "GECKODRIVER_URL",
            Engine::WebKit => "WEBKITDRIVER_URL",
        }
    }

    fn command(self, port: u16) -> Command {
        match self {
            Engine::Chromium => {
                let mut command = Command::new("chromedriver");
                command.arg(format!("--port={port}"));
                command
            }
            Engine::Firefox => {
                let mut command = Command::new("geckodriver");
                command.args(["--host", "127.0.0.1", "--port", &port.to_string()]);
                command
            }
            Engine::WebKit => {
                let mut command = Command::new("xvfb-run");
                command.args(["-a", "WebKitWebDriver", &format!("--port={port}")]);
                command
            }
        }
    }
}

/// A running WebDriver server; stopped (with the browsers it started) when
/// dropped.
pub struct WebDriver {
    child: Child,
    /// Its URL, e.g. `http://127.0.0.1:9515`.
    pub url: String,
}

impl WebDriver {
    /// Starts `engine`'s driver in its own process group on a free port.
    pub fn start(engine: Engine) -> Result<WebDriver> {
        let port = free_port()?;
        let mut command = engine.command(port);
        let program = command.get_program().to_string_lossy().into_owned();
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        Ok(WebDriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        })
    }
}

impl Drop for WebDriver {
    fn drop(&mut self) {
        stop_group(&mut self.child);
    }
}
