//! The session cookie: `ambassador_session=<id>.<HMAC-SHA256 of the id>`.
//!
//! The id is random and names a row in D1, which says whose session it is
//! and until when, and which signing out deletes; the HMAC lets the Worker
//! refuse a forged or altered cookie without asking D1. The cookie is
//! HttpOnly (no script reads it), SameSite=Strict (no other site's page
//! sends it), and Secure everywhere but plain-http loopback, where local
//! development has no TLS.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::Mac;
use std::fmt;
use subtle::ConstantTimeEq;

use crate::link::keyed_mac;

/// The cookie's name.
pub const COOKIE: &str = "ambassador_session";
/// How long a session lasts: a working day.
pub const SESSION_HOURS: u64 = 12;
/// Shortest session secret.
pub const MIN_SECRET_BYTES: usize = 32;

/// The key session cookies are signed with (`SESSION_SECRET`).
#[derive(Clone)]
pub struct SessionSecret(Vec<u8>);

impl SessionSecret {
    /// Accepts a key of at least [`MIN_SECRET_BYTES`].
    pub fn new(bytes: &[u8]) -> Result<SessionSecret, String> {
        match bytes.len() >= MIN_SECRET_BYTES {
            true => Ok(SessionSecret(bytes.to_vec())),
            false => Err(format!(
                "is {} bytes; use at least {MIN_SECRET_BYTES} random bytes",
                bytes.len()
            )),
        }
    }

    fn tag(&self, id: &str) -> String {
        let mut mac = keyed_mac(&self.0);
        mac.update(id.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// The cookie's value for session `id`.
    pub fn seal(&self, id: &str) -> String {
        format!("{id}.{}", self.tag(id))
    }

    /// The session id in a cookie value, if this secret signed it.
    pub fn open<'a>(&self, value: &'a str) -> Option<&'a str> {
        let (id, tag) = value.split_once('.')?;
        let good: bool = tag.as_bytes().ct_eq(self.tag(id).as_bytes()).into();
        (good && !id.is_empty()).then_some(id)
    }
}

/// Keeps the key out of logs.
impl fmt::Debug for SessionSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SessionSecret({} bytes, redacted)", self.0.len())
    }
}

/// The value of our cookie in a `Cookie` request header, if there is one.
pub fn from_header(header: &str) -> Option<&str> {
    header.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE).then_some(value)
    })
}

/// Whether the cookie must be `Secure`: always, except for plain http on a
/// loopback host (local development).
pub fn secure_for(scheme: &str, host: &str) -> bool {
    let loopback = ["127.0.0.1", "localhost", "[::1]"].contains(&host);
    !(scheme == "http" && loopback)
}

/// The `Set-Cookie` value that starts a session.
pub fn set_cookie(value: &str, secure: bool) -> String {
    let max_age = SESSION_HOURS * 3600;
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Strict{secure}")
}

/// The `Set-Cookie` value that ends one.
pub fn clear_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(byte: u8) -> SessionSecret {
        SessionSecret::new(&[byte; 32]).expect("long enough")
    }

    #[test]
    fn a_sealed_id_opens_only_with_its_secret_and_unaltered() {
        let value = secret(1).seal("abc123");
        assert_eq!(secret(1).open(&value), Some("abc123"));
        assert_eq!(secret(2).open(&value), None);
        assert_eq!(secret(1).open(&value.replacen("abc", "abd", 1)), None);
        assert_eq!(secret(1).open("abc123"), None);
        assert_eq!(secret(1).open(&format!("{value}x")), None);
        assert!(SessionSecret::new(b"short").is_err());
    }

    #[test]
    fn the_cookie_is_found_and_set_strictly() {
        let header = "theme=dark; ambassador_session=abc.def; other=1";
        assert_eq!(from_header(header), Some("abc.def"));
        assert_eq!(from_header("theme=dark"), None);
        let set = set_cookie("abc.def", true);
        for part in [
            "HttpOnly",
            "SameSite=Strict",
            "Secure",
            "Path=/",
            "Max-Age=43200",
        ] {
            assert!(set.contains(part), "{set}");
        }
        assert!(!set_cookie("v", false).contains("Secure"));
        assert!(clear_cookie(true).contains("Max-Age=0"));
        assert!(secure_for("https", "nps.example.com"));
        assert!(secure_for("http", "nps.example.com"));
        assert!(!secure_for("http", "127.0.0.1"));
    }
}
