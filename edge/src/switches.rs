//! Test switches, for tests of what users meet when a part fails (D1 down
//! for a while, a queue refusing, a queue's consumer lagging behind) and for
//! a fuzzer that must not be throttled (the rate limiters off).
//!
//! They exist only in the test build (feature `testing`, which `cargo xtask
//! test` builds into `dist/edge-testing`): in the Worker that ships they are
//! constant `false` and compiled away, so no configuration, variable or
//! secret can turn one on in production. In the test build a switch is a key
//! of the KV namespace `SWITCHES`, which only the test build's configuration
//! binds, set through `PUT /__switches/{name}`.

use worker::Env;

/// What a test can switch.
#[derive(Clone, Copy)]
pub enum Switch {
    /// Every D1 statement fails, as in an outage.
    D1Down,
    /// The intake queue refuses every send.
    IntakeQueueDown,
    /// The events queue refuses every send.
    EventsQueueDown,
    /// The intake queue's consumer puts every message back for later, as
    /// when it lags behind a burst: answers wait on the queue.
    IntakeConsumerStalled,
    /// The events queue's consumer puts every message back for later, as
    /// while a destination is down: deliveries wait on the queue.
    EventsConsumerStalled,
    /// The dead-letter queue's consumer puts every message back for later:
    /// deliveries given up wait there before they are kept.
    DeadLettersStalled,
    /// The rate limiters let everything through.
    RateLimitsOff,
    /// Intake stores no comment's terms, as before the themes: the burst
    /// benchmark's baseline (`cargo xtask burst --compare-themes`).
    TermsOff,
}

impl Switch {
    #[cfg(feature = "testing")]
    const ALL: [Switch; 8] = [
        Switch::D1Down,
        Switch::IntakeQueueDown,
        Switch::EventsQueueDown,
        Switch::IntakeConsumerStalled,
        Switch::EventsConsumerStalled,
        Switch::DeadLettersStalled,
        Switch::RateLimitsOff,
        Switch::TermsOff,
    ];

    #[cfg(feature = "testing")]
    fn key(self) -> &'static str {
        match self {
            Switch::D1Down => "d1-down",
            Switch::IntakeQueueDown => "intake-queue-down",
            Switch::EventsQueueDown => "events-queue-down",
            Switch::IntakeConsumerStalled => "intake-consumer-stalled",
            Switch::EventsConsumerStalled => "events-consumer-stalled",
            Switch::DeadLettersStalled => "dead-letters-stalled",
            Switch::RateLimitsOff => "rate-limits-off",
            Switch::TermsOff => "terms-off",
        }
    }
}

/// Whether `switch` is on: never, outside the test build.
#[cfg(not(feature = "testing"))]
pub async fn is_on(_env: &Env, _switch: Switch) -> bool {
    false
}

/// Whether `switch` is on: its key in `SWITCHES` says `on`.
#[cfg(feature = "testing")]
pub async fn is_on(env: &Env, switch: Switch) -> bool {
    let Ok(kv) = env.kv("SWITCHES") else {
        return false;
    };
    matches!(kv.get(switch.key()).text().await, Ok(Some(v)) if v == "on")
}

/// `PUT /__switches/{name}` with body `on` or `off`: flips a switch.
#[cfg(feature = "testing")]
pub async fn flip(
    mut req: worker::Request,
    env: &Env,
    name: &str,
) -> Result<worker::Response, crate::ApiError> {
    let switch = Switch::ALL
        .into_iter()
        .find(|s| s.key() == name)
        .ok_or(crate::ApiError::NotFound)?;
    let state = req.text().await?;
    let kv = env.kv("SWITCHES")?;
    let unavailable = |e: worker::KvError| crate::ApiError::Unavailable(e.to_string());
    kv.put(switch.key(), state.trim())
        .map_err(unavailable)?
        .execute()
        .await
        .map_err(unavailable)?;
    Ok(worker::Response::empty()?.with_status(204))
}
