//! A rule of the deployment file, `edge/wrangler.toml`, checked when the
//! Worker is built: the events queue must retry more often than forwarding
//! does. The consumer settles each delivery itself after at most
//! `FORWARD_MAX_ATTEMPTS` tries; the queue's own `max_retries` only catches
//! a consumer that crashed. Set at or below, the queue would give a message
//! up (into the dead-letter queue, unrecorded) while forwarding still meant
//! to try it again.

/// The events queue, whose consumer is forwarding.
const EVENTS_QUEUE: &str = "ambassador-events";

/// `Err` with what to change when `wrangler.toml`'s `max_retries` for the
/// events queue is not above `FORWARD_MAX_ATTEMPTS`, or either is missing.
pub fn check_retries(wrangler_toml: &str) -> Result<(), String> {
    let file: toml::Table = wrangler_toml
        .parse()
        .map_err(|e| format!("edge/wrangler.toml is not TOML: {e}"))?;
    let attempts = file
        .get("vars")
        .and_then(|v| v.get("FORWARD_MAX_ATTEMPTS"))
        .and_then(|v| v.as_str())
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or("edge/wrangler.toml needs [vars] FORWARD_MAX_ATTEMPTS = \"<whole number>\"")?;
    let consumers = file
        .get("queues")
        .and_then(|q| q.get("consumers"))
        .and_then(|c| c.as_array())
        .ok_or("edge/wrangler.toml needs a [[queues.consumers]] table for the events queue")?;
    let retries = consumers
        .iter()
        .find(|c| c.get("queue").and_then(|q| q.as_str()) == Some(EVENTS_QUEUE))
        .and_then(|c| c.get("max_retries"))
        .and_then(|r| r.as_integer())
        .ok_or(format!(
            "edge/wrangler.toml: give the consumer of {EVENTS_QUEUE} a max_retries"
        ))?;
    match retries > attempts {
        true => Ok(()),
        false => Err(format!(
            "edge/wrangler.toml: max_retries of {EVENTS_QUEUE} is {retries}, not above \
             FORWARD_MAX_ATTEMPTS ({attempts}); raise it to at least {}",
            attempts + 1
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(attempts: &str, retries: i64) -> String {
        format!(
            "[vars]\nFORWARD_MAX_ATTEMPTS = \"{attempts}\"\n\n\
             [[queues.consumers]]\nqueue = \"ambassador-events\"\nmax_retries = {retries}\n"
        )
    }

    #[test]
    fn the_queue_must_retry_more_than_forwarding() {
        assert_eq!(check_retries(&file("8", 10)), Ok(()));
        let refused = check_retries(&file("8", 8)).expect_err("not above");
        assert!(refused.contains("raise it to at least 9"), "{refused}");
        assert!(check_retries("[vars]\n").is_err());
        assert!(check_retries(&file("eight", 10)).is_err());
    }

    #[test]
    fn the_shipped_file_keeps_the_rule() {
        let shipped = include_str!("../../../edge/wrangler.toml");
        assert_eq!(check_retries(shipped), Ok(()));
    }
}
