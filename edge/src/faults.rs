//! Fault switches, for tests of what users meet when a part fails: D1 down
//! for a while, the intake queue refusing.
//!
//! They exist only in the test build (feature `testing`, which `cargo xtask
//! test` builds into `dist/edge-testing`): in the Worker that ships they are
//! constant `false` and compiled away, so no configuration, variable or
//! secret can turn one on in production. In the test build a switch is a key
//! of the KV namespace `FAULTS`, which only the test build's configuration
//! binds, set through `PUT /__faults/{name}`.

use worker::Env;

/// A part that a test can make fail.
#[derive(Clone, Copy)]
pub enum Fault {
    /// Every D1 statement fails, as in an outage.
    D1,
    /// The intake queue refuses every send.
    IntakeQueue,
}

impl Fault {
    #[cfg(feature = "testing")]
    fn key(self) -> &'static str {
        match self {
            Fault::D1 => "d1",
            Fault::IntakeQueue => "intake-queue",
        }
    }
}

/// Whether `fault` is switched on: never, outside the test build.
#[cfg(not(feature = "testing"))]
pub async fn is_on(_env: &Env, _fault: Fault) -> bool {
    false
}

/// Whether `fault` is switched on: its key in `FAULTS` says `on`.
#[cfg(feature = "testing")]
pub async fn is_on(env: &Env, fault: Fault) -> bool {
    let Ok(kv) = env.kv("FAULTS") else {
        return false;
    };
    matches!(kv.get(fault.key()).text().await, Ok(Some(v)) if v == "on")
}

/// `PUT /__faults/{name}` with body `on` or `off`: flips a switch.
#[cfg(feature = "testing")]
pub async fn switch(
    mut req: worker::Request,
    env: &Env,
    name: &str,
) -> Result<worker::Response, crate::ApiError> {
    let fault = match name {
        "d1" => Fault::D1,
        "intake-queue" => Fault::IntakeQueue,
        _ => return Err(crate::ApiError::NotFound),
    };
    let state = req.text().await?;
    let kv = env.kv("FAULTS")?;
    let unavailable = |e: worker::KvError| crate::ApiError::Unavailable(e.to_string());
    kv.put(fault.key(), state.trim())
        .map_err(unavailable)?
        .execute()
        .await
        .map_err(unavailable)?;
    Ok(worker::Response::empty()?.with_status(204))
}
