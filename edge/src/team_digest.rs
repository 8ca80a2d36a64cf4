//! Team digests out on schedule: each survey's `[[survey.team_digests]]`
//! due at this trigger's local time (`shared::team_digest::due`) is read
//! from the daily counts, made into one `digest.sent` event and put on the
//! events queue, one delivery per destination, like any event: signed,
//! retried, dead-lettered. A digest is remembered as sent by its event id
//! (`team_digests_sent`), so a second run in its hour, a later one that
//! day, or a run by hand sends nothing new.

use std::time::Duration;

use ambassador_shared::forward::{Delivery, Event};
use ambassador_shared::survey::TeamDigest;
use ambassador_shared::team_digest::{
    due, event_id, filter, tallies, Figures, Period, TeamDigestEvent,
};
use ambassador_shared::SurveyDefinition;
use worker::{console_error, Delay, Env};

use crate::store::{self, team_digests};
use crate::{config, forward, local_time, surveys, ApiError};

/// Pauses before a failed digest is tried again within the same run: most
/// failures are D1 busy for a moment. The next hour's run tries again too.
const RETRY_AFTER: [Duration; 2] = [Duration::from_secs(2), Duration::from_secs(8)];

/// Sends every digest due at `at_ms` (unix ms, the trigger's time); with
/// `by_hand`, every digest's last full period, whatever the hour. A digest
/// that fails is logged and left to the next run; the others still go.
pub async fn send_due(env: &Env, at_ms: i64, by_hand: bool) {
    let Ok(all) = surveys::all() else {
        return console_error!("team digests: the survey definitions are unreadable");
    };
    let public_url = config::public_url(env).unwrap_or_else(|error| {
        console_error!("team digests go without a dashboard link: {error:?}");
        None
    });
    let zone = local_time::zone();
    for survey in all.iter() {
        for digest in &survey.team_digests {
            let period = match by_hand {
                true => Some(Period::last_full(digest.every, zone.day_of(at_ms))),
                false => due(digest, zone, at_ms),
            };
            let Some(period) = period else {
                continue;
            };
            let mut pauses = RETRY_AFTER.iter();
            let attempt = || send(env, survey, digest, &period, public_url.as_deref(), at_ms);
            while let Err(error) = attempt().await {
                console_error!(
                    "team digest {} of survey {}: {error:?}",
                    digest.id,
                    survey.id
                );
                match pauses.next() {
                    Some(pause) => Delay::from(*pause).await,
                    None => break,
                }
            }
        }
    }
}

/// Reads, queues and remembers one digest, unless it was sent already.
/// Queued before it is remembered: if remembering fails, the next run
/// queues the same id again, which receivers drop; the other order could
/// lose the digest.
async fn send(
    env: &Env,
    survey: &SurveyDefinition,
    digest: &TeamDigest,
    period: &Period,
    public_url: Option<&str>,
    at_ms: i64,
) -> Result<(), ApiError> {
    let id = event_id(&survey.id, &digest.id, period);
    if team_digests::sent(env, &id).await? {
        return Ok(());
    }
    let figures = figures(env, survey, digest, period, at_ms).await?;
    let event = TeamDigestEvent::new(survey, digest, period, figures, public_url, at_ms);
    let event = Event::TeamDigest(event);
    let deliveries: Vec<Delivery> = digest
        .destinations
        .iter()
        .map(|destination| Delivery {
            event: event.clone(),
            destination_id: destination.clone(),
        })
        .collect();
    forward::enqueue_deliveries(env, &deliveries).await?;
    team_digests::record_sent(env, &id, at_ms).await
}

/// The period's and the period before's counts in one read of the daily
/// counts, the newest praise, and the team's cases as they stand at `at_ms`.
async fn figures(
    env: &Env,
    survey: &SurveyDefinition,
    digest: &TeamDigest,
    period: &Period,
    at_ms: i64,
) -> Result<Figures, ApiError> {
    let both = filter(digest, period.before().from, period.to);
    let rows = store::counts(env, &survey.id, &both).await?;
    let [current, previous] = tallies(&survey.id, digest, period, &rows);
    let this_period = filter(digest, period.from, period.to);
    let praise = team_digests::praise(env, &survey.id, &this_period).await?;
    let sla_ms = i64::from(survey.cases.sla().hours) * 3_600_000;
    let cases = team_digests::cases(env, &survey.id, &this_period, at_ms - sla_ms).await?;
    Ok(Figures {
        current,
        previous,
        praise,
        open_cases: cases.open,
        overdue_cases: cases.overdue,
    })
}
