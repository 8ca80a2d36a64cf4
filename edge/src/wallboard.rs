//! A wallboard's figures now: this week's, this month's and the trend's
//! counts in one read of the daily counts (as reports read them, never the
//! answers), the newest praise and the team's open cases, read together
//! and made into `shared::wallboard::Figures` there.

use ambassador_shared::wallboard::{Calendar, Figures, Read, Wallboard};
use worker::Env;

use crate::store::{self, team_digests};
use crate::{local_time, ApiError};

/// The figures of `wallboard` at `at_ms`, its days those of the
/// deployment's zone. Praise comes from the trend's weeks: on the 1st, a
/// month's praise would be none.
pub async fn figures(env: &Env, wallboard: &Wallboard, at_ms: i64) -> Result<Figures, ApiError> {
    let calendar = Calendar::of(local_time::zone().day_of(at_ms));
    let span = calendar.span();
    let filter = wallboard.filter(span.from, span.to);
    let survey = &wallboard.survey_id;
    // Overdue cases are not shown: any instant will do for "opened before".
    let (rows, praise, cases) = futures_util::future::try_join3(
        store::counts(env, survey, &filter),
        team_digests::praise(env, survey, &filter),
        team_digests::cases(env, survey, &filter, at_ms),
    )
    .await?;
    let read = Read {
        praise,
        open_cases: cases.open,
    };
    Ok(Figures::build(wallboard, &calendar, &rows, read, at_ms))
}
