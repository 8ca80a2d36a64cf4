//! Settling email clicks: the hidden link's visit recorded, and a click
//! judged once its survey's quiet period (`click_settle_seconds`) is over.
//!
//! Each click sends a [`ClickMessage::Settle`] on the intake queue, delayed
//! by the quiet period. When it arrives, the visits to the email's links
//! around that click are judged by the scanner rule
//! (`shared::link::scanner`), and `shared::intake::settle` says what that
//! does to the answer: a person's click counts (or replaces an earlier
//! person's click), opens its case like a confirmed answer, and is
//! forwarded; a scanner's is kept as a visit, flagged `suspect` if the row
//! holds it, and neither counts nor is forwarded, nor ever hides an answer
//! that a person's click or a confirmation made.

use ambassador_shared::intake::settle::{clicked, settling, Holding, Settling};
use ambassador_shared::intake::{precedence, ClickMessage, WriteKind};
use ambassador_shared::link::scanner;
use ambassador_shared::survey::MAX_CLICK_SETTLE_SECONDS;
use ambassador_shared::Category;
use worker::{console_error, console_log, Date, Env, MessageBuilder};

use crate::store::{clicks, erasure};
use crate::switches::{self, Switch};
use crate::{forward, surveys, ApiError};

/// What became of a settle message.
pub enum Settled {
    /// Done, or nothing to do (confirmed, a scanner's click over another,
    /// a later person's click holding the answer).
    Done,
    /// The click is not in D1 yet: its write waits on the queue, or the row
    /// changed while it was judged. Try later.
    /// (Or it never will be: its customer's erasure dropped it, which
    /// [`apply`] checks before it says so.)
    NotStored,
}

/// Queues `message`, delivered after `delay_secs`. If the queue refuses, a
/// hidden-link visit is written to D1 directly; a settle message cannot
/// wait without the queue, so the error goes back to the caller.
pub async fn accept_click(
    env: &Env,
    message: &ClickMessage,
    delay_secs: u32,
) -> Result<(), ApiError> {
    let queued = match env.queue("INTAKE") {
        _ if switches::is_on(env, Switch::IntakeQueueDown).await => false,
        Ok(queue) => {
            let message = MessageBuilder::new(message.to_json()).delay_seconds(delay_secs);
            queue.send(message.build()).await.is_ok()
        }
        Err(_) => false,
    };
    match message {
        _ if queued => Ok(()),
        ClickMessage::Honeypot {
            id,
            at_ms,
            issued_at,
        } => clicks::record_honeypot(env, id, *at_ms, *issued_at).await,
        ClickMessage::Settle { .. } => Err(ApiError::Unavailable(
            "the intake queue refused the click's settling".into(),
        )),
    }
}

/// Applies one click message from the queue.
pub async fn apply(env: &Env, message: &ClickMessage) -> Result<Settled, ApiError> {
    match message {
        ClickMessage::Honeypot {
            id,
            at_ms,
            issued_at,
        } => {
            clicks::record_honeypot(env, id, *at_ms, *issued_at).await?;
            Ok(Settled::Done)
        }
        ClickMessage::Settle {
            id,
            survey_id,
            click_at_ms,
            customer_digest,
        } => match settle(env, id, survey_id, *click_at_ms).await? {
            Settled::NotStored => match customer_digest {
                // The customer's erasure dropped the click's write: it will
                // never be stored.
                Some(digest) if erasure::erased_since(env, digest, *click_at_ms).await? => {
                    Ok(Settled::Done)
                }
                _ => Ok(Settled::NotStored),
            },
            settled => Ok(settled),
        },
    }
}

/// Clicks the daily trigger settles at most: each takes a few queries of
/// the thousand one invocation may make.
const OVERDUE_PER_RUN: u32 = 100;

/// The daily trigger's backstop: settles the clicks whose settling was never
/// queued (the intake queue refused it, and the click went to D1 directly),
/// once the longest quiet period any survey may have is over; and forgets
/// hidden-link visits to emails that no score was clicked in, which can no
/// longer matter. Logs counts only; what fails is tried the next day.
pub async fn settle_overdue(env: &Env) {
    let before = Date::now()
        .as_millis()
        .saturating_sub(u64::from(MAX_CLICK_SETTLE_SECONDS) * 1000);
    if let Err(error) = clicks::forget_orphans(env, before).await {
        console_error!("settle_overdue: {error:?}");
    }
    let overdue = match clicks::overdue(env, before, OVERDUE_PER_RUN).await {
        Ok(overdue) => overdue,
        Err(error) => return console_error!("settle_overdue: {error:?}"),
    };
    let mut settled = 0;
    for click in &overdue {
        let at = click.updated_at.max(0.0) as u64;
        match settle(env, &click.id, &click.survey_id, at).await {
            Ok(_) => settled += 1,
            Err(error) => console_error!("settle_overdue: {error:?}"),
        }
    }
    console_log!("settle_overdue: {settled} of {} settled", overdue.len());
}

/// Judges the click made at `click_at_ms` on answer `id` and does what
/// `shared::intake::settle` says: settles the row's own click, makes a
/// person's click the answer, or keeps the row; then forwards the answer
/// if this click made it count or changed it. A redelivery finds the click
/// settled and queues the same event id again, which receivers drop.
async fn settle(
    env: &Env,
    id: &str,
    survey_id: &str,
    click_at_ms: u64,
) -> Result<Settled, ApiError> {
    let Some((row, visits)) = clicks::read(env, id).await? else {
        return Ok(Settled::NotStored);
    };
    // A survey no longer defined still settles its clicks, with no case to
    // open and nobody to forward to: left pending, they would stay the
    // oldest the daily trigger takes, and keep it from later clicks.
    let survey = surveys::named(survey_id).ok();
    let verdict = scanner::judge(&visits, click_at_ms);
    let holding = Holding {
        confirmed: row.confirmed == 1,
        click_at_ms: row.updated_at.max(0.0) as u64,
        settled: row.settled_at.is_some(),
        suspect: row.suspect.is_some(),
    };
    let now = Date::now().as_millis();
    let row = match settling(holding, click_at_ms, verdict) {
        Settling::Keep => return Ok(Settled::Done),
        Settling::Again => row,
        Settling::Settle(suspect) => {
            let category = row.answer.submission()?.category();
            let opens_case = survey.is_some_and(|s| s.cases.opens_for(category));
            let suspect = suspect.map(|s| s.as_str());
            match clicks::settle(env, id, click_at_ms, now, suspect, opens_case).await? {
                Some(row) => row,
                None => return Ok(Settled::Done),
            }
        }
        Settling::Adopt => {
            // The click's visit is written with its write: without it, the
            // write still waits on the queue.
            let Some(score) = clicked(&visits, click_at_ms) else {
                return Ok(Settled::NotStored);
            };
            let adopted = clicks::Adopted {
                at_ms: click_at_ms,
                score,
                precedence: precedence(WriteKind::Click, click_at_ms, score),
            };
            let opens_case = survey.is_some_and(|s| s.cases.opens_for(Category::of(score)));
            match clicks::adopt(env, id, row.precedence, &adopted, now, opens_case).await? {
                Some(row) => row,
                // Changed since it was read: judge again on the next try.
                None => return Ok(Settled::NotStored),
            }
        }
    };
    let Some(survey) = survey else {
        return Ok(Settled::Done);
    };
    if row.confirmed == 1 || row.settled_at.is_none() || row.suspect.is_some() {
        return Ok(Settled::Done);
    }
    let answer = row.answer.submission()?;
    let first = row.announced_at == Some(click_at_ms as f64);
    forward::enqueue_settled(env, survey, &answer, click_at_ms, first).await?;
    Ok(Settled::Done)
}
