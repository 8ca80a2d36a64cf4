//! The test surveys' webhook receivers (`tests/surveys.toml`): one per
//! survey, each on a free loopback port picked here, so two test runs on one
//! machine never collide. The Worker learns each destination's address from
//! the `url_env` variable the survey names; the tests learn each port from
//! `AMBASSADOR_RECEIVER_<SURVEY>` (`ambassador_tests::receiver_port`).

use crate::cmd::Result;
use crate::devserver::free_port;

/// Per test survey, its destinations' `url_env` variables and their paths.
const DESTINATIONS: [(&str, &[(&str, &str)]); 8] = [
    (
        "forward-test",
        &[
            ("RECEIVER_FORWARD_TEST_CS", "/cs"),
            ("FORWARD_TEST_STAFF_URL", "/staff"),
        ],
    ),
    (
        "forward-dead",
        &[
            ("RECEIVER_FORWARD_DEAD_REJECTS", "/rejects"),
            ("RECEIVER_FORWARD_DEAD_GONE", "/gone"),
            ("RECEIVER_FORWARD_DEAD_DOWN", "/down"),
        ],
    ),
    ("burst", &[("RECEIVER_BURST", "/burst")]),
    ("forward-updates", &[("RECEIVER_FORWARD_UPDATES_CS", "/cs")]),
    ("case-test", &[("RECEIVER_CASE_TEST_CS", "/cs")]),
    ("outage-test", &[("RECEIVER_OUTAGE_TEST", "/outage")]),
    ("log-test", &[("RECEIVER_LOG_TEST", "/log")]),
    ("scanner-test", &[("RECEIVER_SCANNER_TEST", "/all")]),
];

/// The ports picked for one run, in the order of [`DESTINATIONS`].
pub struct Receivers {
    ports: Vec<u16>,
}

impl Receivers {
    /// A free port for each survey's receiver.
    pub fn pick() -> Result<Receivers> {
        let ports = DESTINATIONS
            .iter()
            .map(|_| free_port())
            .collect::<Result<Vec<u16>>>()?;
        Ok(Receivers { ports })
    }

    /// `NAME:URL` for each destination, for `wrangler dev --var`.
    pub fn worker_vars(&self) -> Vec<String> {
        DESTINATIONS
            .iter()
            .zip(&self.ports)
            .flat_map(|((_, destinations), port)| {
                destinations
                    .iter()
                    .map(move |(var, path)| format!("{var}:http://127.0.0.1:{port}{path}"))
            })
            .collect()
    }

    /// `AMBASSADOR_RECEIVER_<SURVEY>` and its port, for the tests.
    pub fn ports_for_tests(&self) -> Vec<(String, String)> {
        DESTINATIONS
            .iter()
            .zip(&self.ports)
            .map(|((survey, _), port)| {
                let name = survey.to_ascii_uppercase().replace('-', "_");
                (format!("AMBASSADOR_RECEIVER_{name}"), port.to_string())
            })
            .collect()
    }
}
