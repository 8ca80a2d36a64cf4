//! Checking the bearer key of the report and export API.
//!
//! An ordinary `==` stops at the first differing byte, so response times
//! would tell an attacker how much of a guess is right. Both sides are hashed
//! first (so the length is not leaked either) and compared in constant time.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// True when `authorization` is `Bearer <key>` with exactly this key. The
/// scheme is case-insensitive (RFC 9110); an empty key never matches.
pub fn bearer_matches(authorization: Option<&str>, key: &str) -> bool {
    let Some((scheme, given)) = authorization.and_then(|h| h.trim().split_once(' ')) else {
        return false;
    };
    let given = Sha256::digest(given.trim().as_bytes());
    let expected = Sha256::digest(key.as_bytes());
    let same: bool = given.as_slice().ct_eq(expected.as_slice()).into();
    scheme.eq_ignore_ascii_case("bearer") && !key.is_empty() && same
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_key_as_bearer_matches() {
        assert!(bearer_matches(Some("Bearer s3cret"), "s3cret"));
        assert!(bearer_matches(Some("bearer s3cret"), "s3cret"));
        assert!(!bearer_matches(Some("Bearer s3cre"), "s3cret"));
        assert!(!bearer_matches(Some("Bearer s3cret!"), "s3cret"));
        assert!(!bearer_matches(Some("Basic s3cret"), "s3cret"));
        assert!(!bearer_matches(Some("s3cret"), "s3cret"));
        assert!(!bearer_matches(None, "s3cret"));
        assert!(!bearer_matches(Some("Bearer "), ""));
    }
}
