//! Local secrets for `wrangler dev`: `edge/.dev.vars`, made once with random
//! values, never committed. In production the same names are Worker secrets
//! (`wrangler secret put NAME`).

use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write as _};
use std::process::{Command, Stdio};

use ambassador_shared::link::LinkSecret;

use crate::cmd::{cargo, root, Result};

/// The secrets the Worker reads, and how each is formed.
const SECRETS: [(&str, Form); 4] = [
    // HMAC key of signed email links (>= 32 bytes).
    ("LINK_SECRET", Form::Hex),
    // HMAC key of the owners' session cookies (>= 32 bytes).
    ("SESSION_SECRET", Form::Hex),
    // Bearer key of the report and export API.
    ("API_KEY", Form::Hex),
    // Standard Webhooks signing secret of the customer-service destination.
    ("CS_WEBHOOK_SECRET", Form::Whsec),
];

enum Form {
    Hex,
    Whsec,
}

/// Writes `edge/.dev.vars` with fresh random secrets unless it exists, and
/// adds any secret a newer version needs to an existing file.
pub fn ensure_dev_vars() -> Result {
    let path = root().join("edge/.dev.vars");
    let mut text = fs::read_to_string(&path).unwrap_or_default();
    for (name, form) in SECRETS {
        if text.lines().any(|l| l.starts_with(&format!("{name}="))) {
            continue;
        }
        let bytes = random_bytes()?;
        let value = match form {
            Form::Hex => hex(&bytes),
            Form::Whsec => format!("whsec_{}", base64(&bytes)),
        };
        text.push_str(&format!("{name}={value}\n"));
    }
    if !text.lines().any(|l| l.starts_with("DASHBOARD_USERS=")) {
        text.push_str(&dashboard_users()?);
    }
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The local people of the owners' side: `ana`, an agent, and `vic`, a
/// viewer, with one random password kept beside them as
/// `DASHBOARD_PASSWORD`, so a newcomer and the tests can sign in. Their
/// entries are made by `ambassador-user`, as an operator makes real ones.
fn dashboard_users() -> Result<String> {
    let password = hex(&random_bytes()?[..12]);
    let entries = [("ana", "agent"), ("vic", "viewer")]
        .iter()
        .map(|(name, role)| user_entry(name, role, &password))
        .collect::<Result<Vec<_>>>()?;
    Ok(format!(
        "DASHBOARD_PASSWORD={password}\nDASHBOARD_USERS='[{}]'\n",
        entries.join(",")
    ))
}

fn user_entry(name: &str, role: &str, password: &str) -> Result<String> {
    let mut child = Command::new(cargo())
        .args([
            "run",
            "-q",
            "-p",
            "ambassador-linkgen",
            "--bin",
            "ambassador-user",
            "--",
        ])
        .args(["--name", name, "--role", role])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run ambassador-user: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        writeln!(stdin, "{password}").map_err(|e| e.to_string())?;
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    match output.status.success() {
        true => Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned()),
        false => Err(format!("ambassador-user failed ({})", output.status)),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The local value of secret `name`, e.g. the API key a benchmark sends.
pub fn dev_var(name: &str) -> Result<String> {
    ensure_dev_vars()?;
    let path = root().join("edge/.dev.vars");
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}=")))
        .map(str::to_owned)
        .ok_or_else(|| format!("{name} is missing from edge/.dev.vars"))
}

/// The local `LINK_SECRET`, which signs the links of the sample year and
/// of the demo's invitation email as the local Worker verifies them.
pub fn link_secret() -> Result<LinkSecret> {
    LinkSecret::new(dev_var("LINK_SECRET")?.as_bytes())
        .map_err(|e| format!("the local LINK_SECRET: {e}"))
}

fn random_bytes() -> Result<[u8; 32]> {
    let mut bytes = [0u8; 32];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("cannot read /dev/urandom: {e}"))?;
    Ok(bytes)
}

/// Standard base64 with padding, as `whsec_` secrets use.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
