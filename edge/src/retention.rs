//! Retention, run by the daily Cron Trigger before the overdue digest: each
//! survey's answers older than its `retention_months` (the cutoff is
//! `shared`'s, `SurveyDefinition::retained_since`) are deleted with their
//! cases, notes and dead letters (`store::erasure`), oldest first, and so
//! are its email invitations. Customers' erasures are forgotten once no
//! answer acknowledged before them can still be on the intake queue.
//!
//! One invocation may only do so much: a Cron Trigger has its CPU limit,
//! and D1 counts every statement of a batch against the queries one
//! invocation may make (1,000 on the Workers Paid plan). So a run first
//! asks which surveys have anything to delete (one query), then deletes at
//! most [`CHUNKS_PER_RUN`] chunks of [`CHUNK`] answers, each chunk one
//! transaction of five statements, one chunk per survey in turn so a survey
//! with a long backlog (a retention shortened, or first deployed) does not
//! hold up the others. What is left goes the next day: 10,000 answers a
//! day is far more than a deployment collects.

use std::collections::VecDeque;

use ambassador_shared::intake::erasure::forgotten_before;
use worker::{console_error, console_log, Date, Env};

use crate::store::erasure;
use crate::{local_time, surveys};

/// Answers deleted per transaction.
const CHUNK: u32 = 500;
/// Transactions per run, over all surveys.
const CHUNKS_PER_RUN: u32 = 20;

/// Deletes what every survey keeps no longer. Never fails: what fails is
/// logged and tried again at the next trigger. Logs counts only, never
/// whose answers went.
pub async fn apply(env: &Env) {
    let now = Date::now().as_millis() as i64;
    if let Err(error) = erasure::forget_erasures(env, forgotten_before(now)).await {
        console_error!("retention of erasures: {error:?}");
    }
    let Ok(all) = surveys::all() else {
        return console_error!("retention: the survey definitions are unreadable");
    };
    let cutoffs: Vec<(&str, i64)> = all
        .iter()
        .map(|s| (s.id.as_str(), s.retained_since(now, local_time::zone())))
        .collect();
    let due = match erasure::surveys_with_expired(env, &cutoffs).await {
        Ok(due) => due,
        Err(error) => return console_error!("retention: {error:?}"),
    };
    let mut pending: VecDeque<(&str, i64)> = cutoffs
        .into_iter()
        .filter(|(id, _)| due.iter().any(|d| d == id))
        .collect();
    for _ in 0..CHUNKS_PER_RUN {
        let Some((survey, before)) = pending.pop_front() else {
            return;
        };
        match erasure::erase_expired(env, survey, before, CHUNK).await {
            Ok(erased) => {
                console_log!("retention of survey {survey}: erased {erased:?}");
                let chunk = u64::from(CHUNK);
                if erased.answers() == chunk || erased.invitations() == chunk {
                    pending.push_back((survey, before));
                }
            }
            Err(error) => console_error!("retention of survey {survey}: {error:?}"),
        }
    }
    if !pending.is_empty() {
        console_log!("retention: the run's budget is spent; the rest goes tomorrow");
    }
}
