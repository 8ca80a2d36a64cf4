//! Password hashes as stored in the users' configuration:
//! `pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>`.
//!
//! PBKDF2-HMAC-SHA256 because a Worker can run it natively through
//! WebCrypto, where a sign-in's CPU time stays small; 100,000 iterations,
//! the most Cloudflare's WebCrypto accepts. [`derive`] computes the same in
//! Rust, for the command that makes the hashes and for tests.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::Mac;
use std::fmt;
use subtle::ConstantTimeEq;

use crate::link::keyed_mac;

/// Iterations of new hashes: the most the Workers runtime's PBKDF2 takes.
pub const ITERATIONS: u32 = 100_000;
/// Bytes of a new hash's random salt.
pub const SALT_BYTES: usize = 16;
const SCHEME: &str = "pbkdf2-sha256";

/// A stored password hash.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash {
    /// PBKDF2 iterations.
    pub iterations: u32,
    /// The salt.
    pub salt: Vec<u8>,
    /// The 32-byte derived key.
    pub hash: [u8; 32],
}

impl PasswordHash {
    /// Hashes `password` with `salt` (random, [`SALT_BYTES`] long).
    pub fn new(password: &str, salt: &[u8]) -> PasswordHash {
        PasswordHash {
            iterations: ITERATIONS,
            salt: salt.to_vec(),
            hash: derive(password.as_bytes(), salt, ITERATIONS),
        }
    }

    /// Whether `derived` (the PBKDF2 of a typed password with this salt and
    /// these iterations, however computed) is this hash, compared in
    /// constant time.
    pub fn matches(&self, derived: &[u8]) -> bool {
        derived.ct_eq(&self.hash).into()
    }

    /// Reads the stored form; the error says what a hash must look like.
    pub fn parse(text: &str) -> Result<PasswordHash, String> {
        let shape =
            || format!("must be {SCHEME}$<iterations>$<salt>$<hash> as ambassador-user prints it");
        let [scheme, iterations, salt, hash] = text.split('$').collect::<Vec<_>>()[..] else {
            return Err(shape());
        };
        let iterations: u32 = iterations.parse().map_err(|_| shape())?;
        let salt = STANDARD.decode(salt).map_err(|_| shape())?;
        let hash = STANDARD.decode(hash).map_err(|_| shape())?;
        if scheme != SCHEME || !(1..=ITERATIONS).contains(&iterations) || salt.len() < 8 {
            return Err(format!(
                "{}; at most {ITERATIONS} iterations and a salt of 8 bytes or more",
                shape()
            ));
        }
        let hash: [u8; 32] = hash.try_into().map_err(|_| shape())?;
        Ok(PasswordHash {
            iterations,
            salt,
            hash,
        })
    }
}

impl fmt::Display for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{SCHEME}${}${}${}",
            self.iterations,
            STANDARD.encode(&self.salt),
            STANDARD.encode(self.hash)
        )
    }
}

/// Keeps hashes out of logs.
impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PasswordHash({} iterations, redacted)", self.iterations)
    }
}

/// PBKDF2-HMAC-SHA256 with a 32-byte output (RFC 8018): one block.
pub fn derive(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut mac = keyed_mac(password);
    mac.update(salt);
    mac.update(&1u32.to_be_bytes());
    let mut u: [u8; 32] = mac.finalize().into_bytes().into();
    let mut out = u;
    for _ in 1..iterations {
        let mut mac = keyed_mac(password);
        mac.update(&u);
        u = mac.finalize().into_bytes().into();
        out.iter_mut().zip(u).for_each(|(o, b)| *o ^= b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn derives_the_published_test_vectors() {
        // PBKDF2-HMAC-SHA256, P = "password", S = "salt" (RFC 7914 §11 and
        // the widely published SHA-256 vectors for RFC 6070's inputs).
        assert_eq!(
            hex(&derive(b"password", b"salt", 1)),
            "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"
        );
        assert_eq!(
            hex(&derive(b"password", b"salt", 4096)),
            "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"
        );
    }

    #[test]
    fn the_stored_form_reads_back() {
        let hash = PasswordHash::new("correct horse", b"0123456789abcdef");
        let text = hash.to_string();
        assert!(text.starts_with("pbkdf2-sha256$100000$"), "{text}");
        assert_eq!(PasswordHash::parse(&text), Ok(hash.clone()));
        assert!(hash.matches(&derive(b"correct horse", b"0123456789abcdef", ITERATIONS)));
        assert!(!hash.matches(&derive(b"correct horsf", b"0123456789abcdef", ITERATIONS)));
        for bad in [
            "",
            "plain",
            "md5$1$c2FsdHNhbHQ=$aGFzaA==",
            "pbkdf2-sha256$200000$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$1000$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$1000$c2FsdHNhbHQ=$c2hvcnQ=",
        ] {
            assert!(PasswordHash::parse(bad).is_err(), "{bad}");
        }
        assert!(!format!("{hash:?}").contains(&STANDARD.encode(hash.hash)));
    }
}
