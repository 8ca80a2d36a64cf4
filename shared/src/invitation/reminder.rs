//! Which invitations are due a reminder: unanswered, older than the asked
//! number of days since their last email, below the survey's limit.
//!
//! `GET /v1/surveys/{id}/invitations` lists them and changes nothing;
//! `POST /v1/surveys/{id}/reminders` takes the same parameters, counts a
//! reminder on each, and returns them: a listing never spends a reminder,
//! and one mailer run spends exactly one.

use serde::Serialize;

use crate::input::query::Query;
use crate::invitation::MAX_INVITATIONS;
use crate::FieldErrorCode;

/// Longest `older_than_days`: a reminder after a year reminds of nothing.
pub const MAX_OLDER_THAN_DAYS: i64 = 365;
/// Milliseconds in a day.
const DAY_MILLIS: i64 = 86_400_000;

/// The parameters of a reminder listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReminderQuery {
    /// Days since the invitation's last email (invitation or reminder).
    pub older_than_days: i64,
    /// Most invitations in one answer, oldest first.
    pub limit: usize,
}

/// The parameters a listing takes.
pub const PARAMETERS: [&str; 3] = ["status", "older_than_days", "limit"];

impl ReminderQuery {
    /// Reads `status=unanswered` (the only status, and the default),
    /// `older_than_days` (default 0) and `limit` (1 to 500, default 500).
    pub fn from_query(mut query: Query) -> Result<ReminderQuery, Vec<crate::FieldError>> {
        query.reject_unknown(&PARAMETERS);
        if let Some(status) = query.get("status") {
            if status != "unanswered" {
                let message = format!("{status:?} is not a status; use unanswered");
                query.fail("status", FieldErrorCode::InvalidFormat, message);
            }
        }
        let older_than_days =
            whole(&mut query, "older_than_days", 0, MAX_OLDER_THAN_DAYS).unwrap_or(0);
        let limit =
            whole(&mut query, "limit", 1, MAX_INVITATIONS as i64).unwrap_or(MAX_INVITATIONS as i64);
        query.finish(ReminderQuery {
            older_than_days,
            limit: usize::try_from(limit).unwrap_or(MAX_INVITATIONS),
        })
    }

    /// The latest last-email time (unix ms) an invitation due at `now_ms` has.
    pub fn last_email_before(&self, now_ms: i64) -> i64 {
        now_ms - self.older_than_days * DAY_MILLIS
    }
}

fn whole(query: &mut Query, name: &str, lo: i64, hi: i64) -> Option<i64> {
    let text = query.get(name)?;
    match text.parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Some(n),
        _ => {
            let message = format!("{text:?} is not a whole number from {lo} to {hi}");
            query.fail(name, FieldErrorCode::OutOfRange, message);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        let query = ReminderQuery::from_query(Query::from_pairs(&[])).expect("valid");
        assert_eq!(
            query,
            ReminderQuery {
                older_than_days: 0,
                limit: 500
            }
        );
        let pairs = [
            ("status", "unanswered"),
            ("older_than_days", "3"),
            ("limit", "10"),
        ];
        let query = ReminderQuery::from_query(Query::from_pairs(&pairs)).expect("valid");
        assert_eq!(
            query,
            ReminderQuery {
                older_than_days: 3,
                limit: 10
            }
        );
        assert_eq!(query.last_email_before(4 * DAY_MILLIS), DAY_MILLIS);
    }

    #[test]
    fn names_every_bad_parameter() {
        let pairs = [
            ("status", "answered"),
            ("older_than_days", "-1"),
            ("limit", "501"),
            ("colour", "red"),
        ];
        let errors = ReminderQuery::from_query(Query::from_pairs(&pairs)).expect_err("bad");
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["colour", "limit", "older_than_days", "status"]);
    }
}
