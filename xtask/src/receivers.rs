//! The test surveys' webhook receivers (`tests/surveys.toml`): one per
//! survey, each on a free loopback port picked here, so two test runs on one
//! machine never collide. The Worker learns each destination's address from
//! the `url_env` variable the survey names; the tests learn each port from
//! `AMBASSADOR_RECEIVER_<SURVEY>` (`ambassador_tests::receiver_port`).
//!
//! One more port is not a survey's: the test Worker's Cloudflare Access
//! fetches its keys from a JWKS that a test serves there
//! (`AMBASSADOR_RECEIVER_ACCESS`), so the test signs tokens with a key pair
//! it made; the issuer is then that server's origin.

use crate::cmd::Result;
use crate::process::free_port;

/// Per test survey, its destinations' `url_env` variables and their paths.
const DESTINATIONS: [(&str, &[(&str, &str)]); 11] = [
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
    ("dashboard-cases", &[("RECEIVER_DASHBOARD_CASES_CS", "/cs")]),
    ("outage-test", &[("RECEIVER_OUTAGE_TEST", "/outage")]),
    ("log-test", &[("RECEIVER_LOG_TEST", "/log")]),
    ("scanner-test", &[("RECEIVER_SCANNER_TEST", "/all")]),
    (
        "digest-test",
        &[
            ("RECEIVER_DIGEST_TEST_SLACK", "/slack"),
            ("RECEIVER_DIGEST_TEST_MAILER", "/mailer"),
        ],
    ),
    ("digest-dead", &[("RECEIVER_DIGEST_DEAD", "/down")]),
];

/// The test Worker's Access audience, also told to the tests
/// (`AMBASSADOR_ACCESS_AUD`).
const ACCESS_AUD: &str = "ambassador-test-audience";

/// Roles by email for the test Worker's Access: one agent, and everyone at
/// a domain a viewer.
const ACCESS_USERS: &str = r#"{"ana@example.com": "agent", "@viewers.example.com": "viewer"}"#;

/// The ports picked for one run, in the order of [`DESTINATIONS`], and the
/// Access key set's.
pub struct Receivers {
    ports: Vec<u16>,
    access: u16,
}

impl Receivers {
    /// A free port for each survey's receiver.
    pub fn pick() -> Result<Receivers> {
        let ports = DESTINATIONS
            .iter()
            .map(|_| free_port())
            .collect::<Result<Vec<u16>>>()?;
        Ok(Receivers {
            ports,
            access: free_port()?,
        })
    }

    /// `NAME:URL` for each destination, for `wrangler dev --var`.
    pub fn worker_vars(&self) -> Vec<String> {
        let access = [
            format!(
                "ACCESS_CERTS_URL:http://127.0.0.1:{}/cdn-cgi/access/certs",
                self.access
            ),
            format!("ACCESS_AUD:{ACCESS_AUD}"),
            format!("ACCESS_USERS:{ACCESS_USERS}"),
        ];
        DESTINATIONS
            .iter()
            .zip(&self.ports)
            .flat_map(|((_, destinations), port)| {
                destinations
                    .iter()
                    .map(move |(var, path)| format!("{var}:http://127.0.0.1:{port}{path}"))
            })
            .chain(access)
            .collect()
    }

    /// `AMBASSADOR_RECEIVER_<SURVEY>` and its port, for the tests; the
    /// Access key set's port and audience.
    pub fn ports_for_tests(&self) -> Vec<(String, String)> {
        DESTINATIONS
            .iter()
            .zip(&self.ports)
            .map(|((survey, _), port)| {
                let name = survey.to_ascii_uppercase().replace('-', "_");
                (format!("AMBASSADOR_RECEIVER_{name}"), port.to_string())
            })
            .chain([
                (
                    "AMBASSADOR_RECEIVER_ACCESS".to_owned(),
                    self.access.to_string(),
                ),
                ("AMBASSADOR_ACCESS_AUD".to_owned(), ACCESS_AUD.to_owned()),
            ])
            .collect()
    }
}
