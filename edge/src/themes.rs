//! Comments' terms (`shared::themes`) at the edge: the version the Worker
//! makes them with, and the rebuild that brings the stored terms to it.

use std::sync::OnceLock;

use ambassador_shared::themes;
use worker::{console_error, console_log, Env};

use crate::store::themes::{self as store, Left};
use crate::surveys;

/// Rebuild steps one trigger spends at most: each step is two of the 1,000
/// queries an invocation may make (the days' rebuild may spend 300 in the
/// same run) and stores 500 comments' terms, so a run covers 100,000
/// comments and what is left goes next hour.
const STEPS_PER_RUN: u32 = 200;

/// What this Worker makes terms with: its tokenizer and its surveys' themes.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| surveys::all().map(themes::version).unwrap_or_default())
}

/// Whether every stored comment's terms are made as this Worker makes them.
pub async fn complete(env: &Env) -> bool {
    match store::state(env).await {
        Ok(Some(state)) => state.version == version() && state.responses_after.is_none(),
        _ => false,
    }
}

/// Brings the stored terms to this Worker's version: starts the rebuild
/// when they were made otherwise (the migration, a change of a survey's
/// themes), then goes on from where the last run stopped. Never fails:
/// what fails is logged and tried at the next trigger.
pub async fn rebuild(env: &Env) {
    let state = match store::state(env).await {
        Ok(Some(state)) => state,
        Ok(None) => return console_error!("themes: no state; is migration 0024 applied?"),
        Err(error) => return console_error!("themes: {error:?}"),
    };
    let mut after = state.responses_after.map(|a| a as i64);
    if state.version != version() {
        if let Err(error) = store::start(env, version()).await {
            return console_error!("themes: starting the rebuild: {error:?}");
        }
        console_log!("themes: storing every comment's terms for {}", version());
        after = Some(0);
    }
    for _ in 0..STEPS_PER_RUN {
        let Some(from) = after else { return };
        after = match store::step(env, from).await {
            Ok(Left::After(next)) => Some(next),
            Ok(Left::Nothing) => return console_log!("themes: every comment's terms stored"),
            Ok(Left::Overtaken) => return,
            Err(error) => return console_error!("themes: {error:?}"),
        };
    }
    if let Some(at) = after {
        console_log!("themes: terms stored up to answer row {at}; more next run");
    }
}
