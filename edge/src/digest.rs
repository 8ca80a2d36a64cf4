//! The daily Cron Trigger (`[triggers] crons` in `wrangler.toml`): every
//! survey's overdue cases, one `case.overdue` event each, to the destinations
//! that get their answers, so a case nobody picked up is not forgotten.
//! Versioned by the UTC day, so a case is reported at most once a day
//! however often the trigger fires. It also deletes ended sessions.

use worker::{console_error, Date, Env};

use crate::store::{cases, sessions};
use crate::{forward, surveys, ApiError};

const DAY_MS: u64 = 86_400_000;

/// Sends every survey's overdue cases; a survey that fails is logged and
/// tried again at the next trigger, and the others still go.
pub async fn send_overdue(env: &Env) {
    let now = Date::now().as_millis() as i64;
    if let Err(error) = sessions::delete_expired(env, now).await {
        console_error!("daily trigger: deleting ended sessions: {error:?}");
    }
    let Ok(all) = surveys::all() else {
        return console_error!("overdue digest: the survey definitions are unreadable");
    };
    for survey in all.iter() {
        if let Err(error) = send_survey(env, survey).await {
            console_error!("overdue digest of survey {}: {error:?}", survey.id);
        }
    }
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
        forward::enqueue_case(env, survey, &row.answer()?, case, kind, now / DAY_MS).await?;
    }
    Ok(())
}
