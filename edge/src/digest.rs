//! The daily Cron Trigger (`[triggers] crons` in `wrangler.toml`): every
//! survey's overdue cases, one `case.overdue` event each, to the destinations
//! that get their answers, so a case nobody picked up is not forgotten.
//! Versioned by the deployment's local day, so a case is reported at most
//! once a day however often the trigger fires. It also deletes ended
//! sessions.

use std::time::Duration;

use ambassador_shared::report::date::Day;
use worker::{console_error, Date, Delay, Env};

use crate::store::{cases, sessions};
use crate::{forward, local_time, surveys, ApiError};

/// Pauses before a failed survey is tried again within the same run. A
/// failure is most often D1 busy or briefly away (retention deleting in the
/// same run, an operator's `wrangler d1 execute`); the next trigger is a day
/// off, too late for a case already past its deadline. Repeating is safe:
/// an event's id is the case and the day, so a receiver sees one event.
const RETRY_AFTER: [Duration; 2] = [Duration::from_secs(2), Duration::from_secs(8)];

/// Sends every survey's overdue cases; a survey that fails is logged and
/// tried twice more in this run, then at the next trigger, and the others
/// still go.
pub async fn send_overdue(env: &Env) {
    let now = Date::now().as_millis() as i64;
    if let Err(error) = sessions::delete_expired(env, now).await {
        console_error!("daily trigger: deleting ended sessions: {error:?}");
    }
    let Ok(all) = surveys::all() else {
        return console_error!("overdue digest: the survey definitions are unreadable");
    };
    for survey in all.iter() {
        let mut pauses = RETRY_AFTER.iter();
        while let Err(error) = send_survey(env, survey).await {
            console_error!("overdue digest of survey {}: {error:?}", survey.id);
            match pauses.next() {
                Some(pause) => Delay::from(*pause).await,
                None => break,
            }
        }
    }
}

/// The deployment's local day of `now_ms`, counted from 1970-01-01: the
/// version of the day's `case.overdue` events.
fn local_day_number(now_ms: u64) -> u64 {
    let day = local_time::zone().day_of(now_ms as i64);
    day.days_since(Day::of_millis(0)).max(0) as u64
}

async fn send_survey(
    env: &Env,
    survey: &ambassador_shared::SurveyDefinition,
) -> Result<(), ApiError> {
    let now = Date::now().as_millis();
    let sla = survey.cases.sla();
    let opened_before = now.saturating_sub(u64::from(sla.hours) * 3_600_000) as i64;
    for row in cases::overdue(env, &survey.id, opened_before).await? {
        let case = row.event_data(sla, now, None);
        let kind = ambassador_shared::forward::EventKind::CaseOverdue;
        forward::enqueue_case(
            env,
            survey,
            &row.answer.submission()?,
            case,
            kind,
            local_day_number(now),
        )
        .await?;
    }
    Ok(())
}
