//! A customer's erasure that reaches the answers still on the intake queue.
//!
//! `DELETE /v1/customers/{customer_ref}` deletes what D1 holds at once. An
//! answer acknowledged a moment before may still wait on the intake queue
//! (seconds behind an email blast, hours through a D1 outage), and its
//! write would store it after the erasure. So the erasure is remembered for
//! as long as the queue can keep a message ([`REMEMBERED_DAYS`]), and the
//! queue's consumer drops every write of that customer acknowledged at or
//! before it: nothing stored, forwarded or opened. An answer the customer
//! gives after the erasure is a new answer, and is kept.
//!
//! The customer is remembered as a keyed digest of the reference, never the
//! reference: a copy of the database does not tell who asked to be
//! forgotten, and without the Worker's `LINK_SECRET` nobody can compute the
//! digest of a guessed customer number to look it up.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::Mac;

use crate::link::{mac_in, LinkSecret};

/// How long an erasure is remembered: the longest a Cloudflare queue keeps
/// a message (its retention period is at most 14 days), after which no
/// write acknowledged before the erasure can still arrive.
pub const REMEMBERED_DAYS: i64 = 14;

/// The time (unix ms) before which an erasure made is forgotten, `now_ms`.
pub fn forgotten_before(now_ms: i64) -> i64 {
    now_ms - REMEMBERED_DAYS * 86_400_000
}

/// The digest an erasure of `customer_ref` is remembered by, and that each
/// write of the same customer is checked against: HMAC-SHA256 under the
/// link secret, in a domain of its own, URL-safe base64.
pub fn customer_digest(customer_ref: &str, secret: &LinkSecret) -> String {
    let mac = mac_in(b"erasure.", customer_ref, secret);
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(byte: u8) -> LinkSecret {
        LinkSecret::new(&[byte; 32]).expect("32 bytes is long enough")
    }

    #[test]
    fn a_customer_has_one_digest_under_one_secret() {
        let one = customer_digest("C-1001", &secret(7));
        assert_eq!(one, customer_digest("C-1001", &secret(7)));
        assert_ne!(one, customer_digest("C-1002", &secret(7)));
        assert_ne!(one, customer_digest("C-1001", &secret(8)));
    }

    #[test]
    fn an_erasure_is_forgotten_after_fourteen_days() {
        let day = 86_400_000;
        let now = 1_780_000_000_000;
        assert_eq!(forgotten_before(now), now - 14 * day);
    }

    #[test]
    fn the_digest_does_not_hold_the_reference() {
        let digest = customer_digest("C-1001", &secret(7));
        assert_eq!(digest.len(), 43, "256 bits in URL-safe base64");
        assert!(!digest.contains("1001"));
    }
}
