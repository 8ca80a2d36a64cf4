//! When the widget tries again to deliver an answer: which failures are worth
//! a retry, and how long to wait before each attempt.
//!
//! Retrying is safe because a submission's client-made id is its idempotency
//! key: the edge stores it once however often it arrives.

/// The first retry waits this long.
const FIRST_DELAY_MS: u32 = 1_000;
/// No wait grows beyond this, so a visitor who comes back online soon sees
/// the answer leave within a minute.
const MAX_DELAY_MS: u32 = 60_000;

/// What to do after one delivery attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The edge has the answer (202 on its intake queue, or, when it wrote
    /// it directly, 201 new and 200 already stored): forget it.
    Delivered,
    /// Offline, timed out, throttled or a server error: keep it, retry later.
    Retry,
    /// The edge refused the answer itself (a 4xx); retrying cannot help.
    Refused,
}

/// Classifies an HTTP status; `None` means the request never got an answer
/// (offline, DNS, connection refused, CORS).
pub fn outcome(status: Option<u16>) -> Outcome {
    match status {
        Some(200..=202) => Outcome::Delivered,
        None | Some(408 | 429) => Outcome::Retry,
        Some(s) if s >= 500 => Outcome::Retry,
        Some(_) => Outcome::Refused,
    }
}

/// Milliseconds to wait before retry number `attempt` (0 for the first):
/// doubling from one second, capped at a minute.
pub fn backoff_ms(attempt: u32) -> u32 {
    // Past 2^6 seconds the cap applies anyway; clamping keeps the shift sane.
    let doubled = u64::from(FIRST_DELAY_MS) << attempt.min(16);
    u32::try_from(doubled.min(u64::from(MAX_DELAY_MS))).unwrap_or(MAX_DELAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn schedule_doubles_then_caps() {
        let schedule: Vec<u32> = (0..8).map(backoff_ms).collect();
        assert_eq!(
            schedule,
            [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]
        );
    }

    #[test]
    fn statuses_map_to_outcomes() {
        assert_eq!(outcome(Some(202)), Outcome::Delivered);
        assert_eq!(outcome(Some(201)), Outcome::Delivered);
        assert_eq!(outcome(Some(409)), Outcome::Refused);
        assert_eq!(outcome(Some(200)), Outcome::Delivered);
        assert_eq!(outcome(None), Outcome::Retry);
        assert_eq!(outcome(Some(503)), Outcome::Retry);
        assert_eq!(outcome(Some(429)), Outcome::Retry);
        assert_eq!(outcome(Some(422)), Outcome::Refused);
        assert_eq!(outcome(Some(404)), Outcome::Refused);
    }

    proptest! {
        #[test]
        fn waits_never_shrink_and_stay_bounded(attempt in 0u32..1_000) {
            let now = backoff_ms(attempt);
            prop_assert!((FIRST_DELAY_MS..=MAX_DELAY_MS).contains(&now));
            prop_assert!(backoff_ms(attempt + 1) >= now);
        }
    }
}
