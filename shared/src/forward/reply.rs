//! What a destination's reply means for a delivery.

/// The fate of a delivery after one attempt. A reply is input from a server
/// we do not own: only its status is trusted, and every status has a meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyOutcome {
    /// 2xx: the receiver has it.
    Delivered,
    /// 410 Gone: the receiver asks us to stop; Standard Webhooks gives 410
    /// that meaning. Settled without a dead letter.
    Gone,
    /// 429, 5xx, a timeout or a network error: likely to pass; try again.
    Retry,
    /// Any other status (400, 401, 404, 3xx...): the same request will fail
    /// again, so it becomes a dead letter at once for a person to look at.
    Reject,
}

impl ReplyOutcome {
    /// The outcome of an HTTP reply with `status`.
    pub fn of_status(status: u16) -> ReplyOutcome {
        match status {
            200..=299 => ReplyOutcome::Delivered,
            410 => ReplyOutcome::Gone,
            408 | 429 | 500..=599 => ReplyOutcome::Retry,
            _ => ReplyOutcome::Reject,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReplyOutcome::{self, *};

    #[test]
    fn statuses_map_as_documented() {
        let cases = [
            (200, Delivered),
            (204, Delivered),
            (410, Gone),
            (408, Retry),
            (429, Retry),
            (500, Retry),
            (503, Retry),
            (400, Reject),
            (401, Reject),
            (404, Reject),
            (301, Reject),
            (100, Reject),
        ];
        for (status, outcome) in cases {
            assert_eq!(ReplyOutcome::of_status(status), outcome, "{status}");
        }
    }
}
