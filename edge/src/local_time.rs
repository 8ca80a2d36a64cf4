//! The deployment's time zone, compiled in by `build.rs` from
//! `surveys.toml`'s `time_zone` (`shared::local_time`), and the rebuild
//! that brings the days stored in D1 to it.

use std::sync::OnceLock;

use ambassador_shared::local_time::Zone;
use worker::{console_error, console_log, Env};

use crate::store::local_time::{self, Left, Table};

const JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/zone.json"));

/// The zone, read once per isolate. The build wrote and checked it, so it
/// always reads; were it ever not to, days fall back to UTC, loudly, rather
/// than every request failing.
pub fn zone() -> &'static Zone {
    static ZONE: OnceLock<Zone> = OnceLock::new();
    ZONE.get_or_init(|| {
        serde_json::from_str(JSON).unwrap_or_else(|error| {
            console_error!("local time: zone.json unreadable ({error}); counting in UTC");
            Zone::utc()
        })
    })
}

/// Statements of rebuilding one trigger spends at most: each is one of the
/// 1,000 queries an invocation may make, and rebuilds ten thousand rows, so
/// a run covers three million answers and what is left goes next hour.
const STEPS_PER_RUN: u32 = 300;

/// Brings the days of answers and invitations to the deployment's zone
/// (`store::local_time`): starts the rebuild when the zone is not the one
/// the database counts in, then goes on from where the last run stopped.
/// Never fails: what fails is logged and tried at the next trigger.
pub async fn rebuild(env: &Env) {
    let zone = zone();
    let state = match local_time::state(env).await {
        Ok(Some(state)) => state,
        Ok(None) => return console_error!("local time: no state; is migration 0023 applied?"),
        Err(error) => return console_error!("local time: {error:?}"),
    };
    let (mut responses, mut invitations) = (state.responses_after, state.invitations_after);
    if state.zone != zone.name() {
        if let Err(error) = local_time::start(env, zone).await {
            return console_error!("local time: starting the rebuild: {error:?}");
        }
        console_log!("local time: rebuilding the days for {}", zone.name());
        (responses, invitations) = (Some(0.0), Some(0.0));
    }
    let mut steps = 0;
    for (table, after) in [
        (Table::Responses, responses),
        (Table::Invitations, invitations),
    ] {
        let mut after = after.map(|a| a as i64);
        while let Some(from) = after {
            if steps == STEPS_PER_RUN {
                return console_log!(
                    "local time: rebuilt up to row {from} of {table:?}; more next run"
                );
            }
            steps += 1;
            after = match local_time::step(env, table, from).await {
                Ok(Left::After(next)) => Some(next),
                Ok(Left::Nothing) => {
                    if table == Table::Responses {
                        if let Err(error) = local_time::forget_empty_counts(env).await {
                            console_error!("local time: {error:?}");
                        }
                    }
                    console_log!("local time: {table:?} rebuilt for {}", zone.name());
                    None
                }
                Ok(Left::Overtaken) => return,
                Err(error) => return console_error!("local time: {error:?}"),
            };
        }
    }
}
