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

use crate::forward::ResponseEvent;
use crate::link::{mac_in, LinkSecret};

/// How long an erasure is remembered: the longest a Cloudflare queue keeps
/// a message (its retention period is at most 14 days), after which no
/// write acknowledged before the erasure can still arrive.
pub const REMEMBERED_DAYS: i64 = 14;

/// The time (unix ms) before which an erasure made is forgotten, `now_ms`.
pub fn forgotten_before(now_ms: i64) -> i64 {
    now_ms - REMEMBERED_DAYS * 86_400_000
}

/// Whether an erasure made at `erased_at` reaches an answer given at
/// `answered_at` (unix ms): at or before it. `edge/src/store/intake.rs`
/// (`not_erased!`) and `store/dead_letters.rs` hold the same rule in SQL.
pub fn reaches(erased_at: u64, answered_at: u64) -> bool {
    answered_at <= erased_at
}

/// When the answer `event` tells of was given, to weigh an erasure against;
/// for a timestamp this crate did not write, the earliest moment, so that
/// any erasure of its customer reaches it.
pub fn answered_at(event: &ResponseEvent) -> u64 {
    event.happened_at().unwrap_or(0)
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
    fn an_erasure_reaches_what_was_given_at_or_before_it() {
        let erased = 1_780_000_000_000;
        assert!(reaches(erased, erased));
        assert!(reaches(erased, erased - 1));
        assert!(!reaches(erased, erased + 1));
    }

    #[test]
    fn an_event_whose_time_cannot_be_read_is_reached_by_any_erasure() {
        let body = serde_json::json!({"id": "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51",
                                      "survey_id": "pickup", "score": 3});
        let answer = crate::Submission::from_json(body.to_string().as_bytes()).expect("valid");
        let at = 1_780_000_000_123;
        let mut event = ResponseEvent::new(crate::forward::EventKind::Created, &answer, 1, at);
        assert_eq!(answered_at(&event), at);
        event.timestamp = "yesterday".into();
        assert_eq!(answered_at(&event), 0);
        assert!(reaches(1, answered_at(&event)));
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
