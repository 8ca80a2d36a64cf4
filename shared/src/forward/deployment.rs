//! A rule of the deployment file, `edge/wrangler.toml`, checked when the
//! Worker is built: the events queue must retry more often than forwarding
//! does. The consumer settles each delivery itself after at most
//! `FORWARD_MAX_ATTEMPTS` tries; the queue's own `max_retries` only catches
//! a consumer that crashed. Set at or below, the queue would give a message
//! up (into the dead-letter queue, unrecorded) while forwarding still meant
//! to try it again.

/// `Err` with what to change when, in the top level or any `[env.NAME]` of
/// `wrangler.toml`, the events queue's `max_retries` is not above
/// `FORWARD_MAX_ATTEMPTS`, or either is missing. The events queue is the
/// consumer whose queue name ends in `-events` (edge/src/queue.rs).
pub fn check_retries(wrangler_toml: &str) -> Result<(), String> {
    let file: toml::Table = wrangler_toml
        .parse()
        .map_err(|e| format!("edge/wrangler.toml is not TOML: {e}"))?;
    check_section("the top level", &file)?;
    let envs = file.get("env").and_then(|e| e.as_table());
    for (name, section) in envs.into_iter().flatten() {
        let section = section
            .as_table()
            .ok_or(format!("edge/wrangler.toml: [env.{name}] is not a table"))?;
        check_section(&format!("[env.{name}]"), section)?;
    }
    Ok(())
}

fn check_section(which: &str, section: &toml::Table) -> Result<(), String> {
    let attempts = section
        .get("vars")
        .and_then(|v| v.get("FORWARD_MAX_ATTEMPTS"))
        .and_then(|v| v.as_str())
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or(format!(
            "edge/wrangler.toml, {which}: needs vars FORWARD_MAX_ATTEMPTS = \"<whole number>\""
        ))?;
    let events = section
        .get("queues")
        .and_then(|q| q.get("consumers"))
        .and_then(|c| c.as_array())
        .and_then(|c| {
            c.iter().find(|c| {
                c.get("queue")
                    .and_then(|q| q.as_str())
                    .is_some_and(|q| q.ends_with("-events"))
            })
        })
        .ok_or(format!(
            "edge/wrangler.toml, {which}: needs a queues.consumers table for the events \
             queue (a name ending in -events)"
        ))?;
    let queue = events.get("queue").and_then(|q| q.as_str()).unwrap_or("");
    let retries = events
        .get("max_retries")
        .and_then(|r| r.as_integer())
        .ok_or(format!(
            "edge/wrangler.toml, {which}: give the consumer of {queue} a max_retries"
        ))?;
    match retries > attempts {
        true => Ok(()),
        false => Err(format!(
            "edge/wrangler.toml, {which}: max_retries of {queue} is {retries}, not above \
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
    fn every_environment_keeps_the_rule() {
        let staging = |retries: i64| {
            format!(
                "{}\n[env.staging.vars]\nFORWARD_MAX_ATTEMPTS = \"8\"\n\n\
                 [[env.staging.queues.consumers]]\nqueue = \"x-staging-events\"\n\
                 max_retries = {retries}\n",
                file("8", 10)
            )
        };
        assert_eq!(check_retries(&staging(9)), Ok(()));
        let refused = check_retries(&staging(5)).expect_err("staging is not above");
        assert!(refused.contains("[env.staging]"), "{refused}");
    }

    #[test]
    fn the_shipped_file_keeps_the_rule() {
        let shipped = include_str!("../../../edge/wrangler.toml");
        assert_eq!(check_retries(shipped), Ok(()));
    }
}
