//! How long to wait before sending a failed delivery again, and when to stop.

use std::fmt;

/// Cloudflare Queues refuse retry delays over 12 hours.
const MAX_DELAY_SECS: u32 = 12 * 60 * 60;

/// Exponential backoff: the wait doubles after each failed attempt, from
/// `base_secs`, so a destination that is down for an hour is not hammered,
/// and one that blipped is retried quickly. Deterministic, so tests can
/// predict it; queue batching already spreads retries out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    base_secs: u32,
    max_attempts: u32,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Send again after this many seconds.
    After(u32),
    /// Stop: the attempts are used up.
    GiveUp,
}

/// Why a backoff setting is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackoffError {
    /// A setting is not a whole number in its range.
    Invalid {
        /// The setting's name.
        name: &'static str,
        /// What it was set to.
        value: String,
    },
}

impl fmt::Display for BackoffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackoffError::Invalid { name, value } => write!(
                f,
                "{name} is {value:?}; it must be a whole number from 1 to {}",
                u16::MAX
            ),
        }
    }
}

impl std::error::Error for BackoffError {}

impl Backoff {
    /// From the Worker's settings (text, as environment variables are).
    pub fn parse(base_secs: &str, max_attempts: &str) -> Result<Backoff, BackoffError> {
        Ok(Backoff {
            base_secs: positive("base delay", base_secs)?,
            max_attempts: positive("max attempts", max_attempts)?,
        })
    }

    /// The decision after attempt number `attempt` (1 for the first) failed.
    pub fn after_failure(self, attempt: u32) -> Retry {
        if attempt >= self.max_attempts {
            return Retry::GiveUp;
        }
        let factor = 1u32
            .checked_shl(attempt.saturating_sub(1))
            .unwrap_or(u32::MAX);
        Retry::After(self.base_secs.saturating_mul(factor).min(MAX_DELAY_SECS))
    }

    /// How many attempts a delivery gets.
    pub fn max_attempts(self) -> u32 {
        self.max_attempts
    }
}

fn positive(name: &'static str, text: &str) -> Result<u32, BackoffError> {
    match text.trim().parse::<u16>() {
        Ok(n) if n > 0 => Ok(u32::from(n)),
        _ => Err(BackoffError::Invalid {
            name,
            value: text.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn doubles_from_the_base_then_gives_up() {
        let backoff = Backoff::parse("30", "5").expect("valid");
        let plan: Vec<Retry> = (1..=5).map(|a| backoff.after_failure(a)).collect();
        assert_eq!(
            plan,
            [
                Retry::After(30),
                Retry::After(60),
                Retry::After(120),
                Retry::After(240),
                Retry::GiveUp
            ]
        );
    }

    #[test]
    fn bad_settings_are_named() {
        for (base, max) in [("0", "3"), ("x", "3"), ("1", "-1"), ("1", "70000")] {
            assert!(Backoff::parse(base, max).is_err(), "{base} {max}");
        }
        let err = Backoff::parse("soon", "3").expect_err("invalid");
        assert!(err.to_string().contains("base delay"));
    }

    proptest! {
        #[test]
        fn delays_never_shrink_and_stay_within_the_queue_limit(
            base in 1u16..=u16::MAX, attempt in 1u32..200
        ) {
            let backoff = Backoff::parse(&base.to_string(), "65535").expect("valid");
            let (Retry::After(a), Retry::After(b)) =
                (backoff.after_failure(attempt), backoff.after_failure(attempt + 1))
            else {
                return Err(TestCaseError::fail("gave up early"));
            };
            prop_assert!(a <= b && b <= MAX_DELAY_SECS);
        }
    }
}
