//! Invitations and opt-outs (migration 0018): a batch stored in one round
//! trip, who is due a reminder, reminders counted, opt-outs recorded, and
//! the invitation counts response rates are made of.
//!
//! A batch travels as one JSON array bound to one parameter and unpacked by
//! `json_each` (as `intake.rs` does), so 500 recipients are one statement,
//! within D1's 100 bound values. The insert skips customers who opted out
//! and keeps an invitation that exists (a re-invitation changes only its
//! language and the time it was last sent); the opt-outs and the rows are
//! read back in the same batch, so each recipient learns what happened.

use std::collections::{HashMap, HashSet};

use ambassador_shared::invitation::reminder::ReminderQuery;
use ambassador_shared::invitation::sent::Sent;
use ambassador_shared::report::rates::FunnelRow;
use ambassador_shared::report::ReportFilter;
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use worker::Env;

use super::{db, select, unless_busy};
use crate::{local_time, ApiError};

/// ?1 the batch, ?2 the survey, ?3 now (unix ms), ?4 its local day. An
/// answer already stored (from a link minted by `ambassador-link`) counts
/// at once.
const INSERT: &str = "INSERT INTO invitations \
    (id, survey_id, response_id, customer_ref, transaction_ref, touchpoint, role, locale, \
     created_at, day, invited_at, clicked, answered, commented) \
    SELECT w.value ->> 'id', ?2, w.value ->> 'response_id', w.value ->> 'customer_ref', \
     w.value ->> 'transaction_ref', w.value ->> 'touchpoint', w.value ->> 'role', \
     w.value ->> 'locale', ?3, ?4, ?3, \
     r.id IS NOT NULL, coalesce(r.confirmed, 0), \
     coalesce(r.confirmed AND coalesce(r.comment, '') <> '', 0) \
    FROM json_each(?1) AS w LEFT JOIN responses AS r ON r.id = w.value ->> 'response_id' \
    WHERE NOT EXISTS (SELECT 1 FROM opt_outs AS o \
     WHERE o.survey_id = ?2 AND o.customer_ref = w.value ->> 'customer_ref') \
    ON CONFLICT (id) DO UPDATE SET locale = excluded.locale, invited_at = excluded.invited_at";

const OPTED_OUT: &str = "SELECT customer_ref FROM opt_outs WHERE survey_id = ?2 AND \
    customer_ref IN (SELECT w.value ->> 'customer_ref' FROM json_each(?1) AS w)";

const READ_BACK: &str = "SELECT id, created_at FROM invitations \
    WHERE id IN (SELECT w.value ->> 'id' FROM json_each(?1) AS w)";

/// One recipient of a batch, as stored.
pub struct NewInvitation<'a> {
    /// Its id (`shared::invitation::invitation_id`).
    pub id: &'a str,
    /// The id its answer will have.
    pub response_id: &'a str,
    /// Whom it invites.
    pub recipient: &'a ambassador_shared::invitation::Recipient,
}

/// What storing one recipient did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    /// A new invitation.
    Created,
    /// The invitation existed; it is the same one, not counted again.
    Existing,
    /// The customer opted out of the survey: nothing stored.
    OptedOut,
}

#[derive(Deserialize)]
struct Created {
    id: String,
    created_at: f64,
}

#[derive(Deserialize)]
struct OptOut {
    customer_ref: String,
}

/// Stores `batch` for survey `survey_id` at `now_ms`, in one round trip,
/// and says for each in order what happened.
pub async fn invite(
    env: &Env,
    survey_id: &str,
    batch: &[NewInvitation<'_>],
    now_ms: u64,
) -> Result<Vec<Invited>, ApiError> {
    let rows: Vec<Value> = batch
        .iter()
        .map(|i| {
            let r = i.recipient;
            serde_json::json!({
                "id": i.id, "response_id": i.response_id, "customer_ref": r.customer_ref,
                "transaction_ref": r.transaction_ref, "touchpoint": r.touchpoint,
                "role": r.role, "locale": r.locale.as_str(),
            })
        })
        .collect();
    let values = [
        JsValue::from(Value::Array(rows).to_string()),
        JsValue::from(survey_id),
        JsValue::from(now_ms as f64),
        JsValue::from(local_time::zone().day_of(now_ms as i64).to_string()),
    ];
    let (opted_out, stored): (Vec<OptOut>, Vec<Created>) = unless_busy(|| async {
        let db = db(env).await?;
        let statements = vec![
            db.prepare(INSERT).bind(&values)?,
            db.prepare(OPTED_OUT).bind(&values[..2])?,
            db.prepare(READ_BACK).bind(&values[..1])?,
        ];
        let results = db.batch(statements).await?;
        match (results.get(1), results.get(2)) {
            (Some(opted_out), Some(read)) => Ok((opted_out.results()?, read.results()?)),
            _ => Err(ApiError::Unavailable("D1 returned no read-back".into())),
        }
    })
    .await?;
    let opted_out: HashSet<&str> = opted_out.iter().map(|o| o.customer_ref.as_str()).collect();
    let stored: HashMap<&str, f64> = stored
        .iter()
        .map(|s| (s.id.as_str(), s.created_at))
        .collect();
    batch
        .iter()
        .map(|i| {
            if opted_out.contains(i.recipient.customer_ref.as_str()) {
                return Ok(Invited::OptedOut);
            }
            match stored.get(i.id) {
                Some(created_at) if *created_at == now_ms as f64 => Ok(Invited::Created),
                Some(_) => Ok(Invited::Existing),
                None => Err(ApiError::Unavailable(format!(
                    "the invitation {} is not in D1 after its write",
                    i.id
                ))),
            }
        })
        .collect()
}

/// An invitation as stored, for a reminder.
#[derive(Debug, Deserialize)]
pub struct InvitationRow {
    pub id: String,
    pub response_id: String,
    pub customer_ref: String,
    pub transaction_ref: Option<String>,
    pub touchpoint: Option<String>,
    pub role: Option<String>,
    pub locale: String,
    pub created_at: i64,
    pub reminders: u8,
}

/// Invitations of ?1 due a reminder: no click, fewer than ?2 reminders,
/// last emailed at or before ?3, the customer not opted out; oldest first,
/// at most ?4.
const DUE: &str = "SELECT id FROM invitations AS i \
    WHERE survey_id = ?1 AND clicked = 0 AND reminders < ?2 \
      AND coalesce(reminded_at, invited_at) <= ?3 \
      AND NOT EXISTS (SELECT 1 FROM opt_outs AS o \
       WHERE o.survey_id = i.survey_id AND o.customer_ref = i.customer_ref) \
    ORDER BY coalesce(reminded_at, invited_at), id LIMIT ?4";

const COLUMNS: &str =
    "id, response_id, customer_ref, transaction_ref, touchpoint, role, locale, created_at, reminders";

fn due_values(
    survey_id: &str,
    max_reminders: u8,
    query: &ReminderQuery,
    now_ms: u64,
) -> [JsValue; 5] {
    [
        JsValue::from(survey_id),
        JsValue::from(max_reminders),
        JsValue::from(query.last_email_before(now_ms as i64) as f64),
        JsValue::from(query.limit as u32),
        JsValue::from(now_ms as f64),
    ]
}

/// The invitations due a reminder, read only.
pub async fn due(
    env: &Env,
    survey_id: &str,
    max_reminders: u8,
    query: &ReminderQuery,
    now_ms: u64,
) -> Result<Vec<InvitationRow>, ApiError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invitations WHERE id IN ({DUE}) AND ?5 = ?5 \
         ORDER BY coalesce(reminded_at, invited_at), id"
    );
    select(
        env,
        &sql,
        &due_values(survey_id, max_reminders, query, now_ms),
    )
    .await
}

/// The invitations due a reminder, each with one more reminder counted at
/// ?5, in one statement: two mailer runs at once never remind one person twice.
pub async fn remind(
    env: &Env,
    survey_id: &str,
    max_reminders: u8,
    query: &ReminderQuery,
    now_ms: u64,
) -> Result<Vec<InvitationRow>, ApiError> {
    let sql = format!(
        "UPDATE invitations SET reminders = reminders + 1, reminded_at = ?5 \
         WHERE id IN ({DUE}) RETURNING {COLUMNS}"
    );
    let mut rows: Vec<InvitationRow> = select(
        env,
        &sql,
        &due_values(survey_id, max_reminders, query, now_ms),
    )
    .await?;
    rows.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    Ok(rows)
}

/// Records when the mailer sent each of `sent` (invitations of `survey_id`;
/// the latest sending of each is kept), in one statement; answers the ids
/// it knew.
pub async fn report_sent(
    env: &Env,
    survey_id: &str,
    sent: &[Sent],
) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    struct Known {
        id: String,
    }
    let items: Vec<Value> = sent
        .iter()
        .map(|s| json!({"id": s.invitation_id, "at": s.sent_at}))
        .collect();
    let sql = "UPDATE invitations SET sent_at = max(coalesce(invitations.sent_at, 0), s.at) \
        FROM (SELECT value ->> 'id' AS id, max(value ->> 'at') AS at FROM json_each(?2) \
        GROUP BY 1) AS s WHERE invitations.id = s.id AND invitations.survey_id = ?1 \
        RETURNING invitations.id";
    let values = [
        JsValue::from(survey_id),
        JsValue::from(Value::Array(items).to_string()),
    ];
    let known: Vec<Known> = select(env, sql, &values).await?;
    Ok(known.into_iter().map(|k| k.id).collect())
}

/// Records that `customer_ref` wants no more emails of survey `survey_id`;
/// doing it again keeps the first time.
pub async fn opt_out(
    env: &Env,
    survey_id: &str,
    customer_ref: &str,
    now_ms: u64,
) -> Result<(), ApiError> {
    let values = [
        JsValue::from(survey_id),
        JsValue::from(customer_ref),
        JsValue::from(now_ms as f64),
    ];
    unless_busy(|| async {
        db(env)
            .await?
            .prepare(
                "INSERT INTO opt_outs (survey_id, customer_ref, at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(&values)?
            .run()
            .await?;
        Ok(())
    })
    .await
}

/// Invitations counted per day of first sending, touchpoint and role, with
/// how many were clicked, answered and commented, and how many were clicked
/// only by a mail scanner, for the report's filter
/// (its period, touchpoint and role). Reads the `invitations_funnel` index.
pub async fn funnel(
    env: &Env,
    survey_id: &str,
    filter: &ReportFilter,
) -> Result<Vec<FunnelRow>, ApiError> {
    let values = super::reports::by_day_values(survey_id, filter);
    let marginal = |dimension: &str, column: &str| {
        format!(
            "SELECT '{dimension}' AS dimension, {column} AS key, COUNT(*) AS invited, \
             SUM(clicked) AS clicked, SUM(answered) AS answered, SUM(commented) AS commented, \
             SUM(suspect) AS suspect \
             FROM invitations WHERE survey_id = ?1 AND day >= ?2 AND day <= ?3 \
             AND (?4 IS NULL OR touchpoint = ?4) AND (?5 IS NULL OR role = ?5) \
             GROUP BY {column}"
        )
    };
    let sql = [
        marginal("day", "day"),
        marginal("touchpoint", "touchpoint"),
        marginal("role", "role"),
    ]
    .join(" UNION ALL ");
    select(env, &sql, &values).await
}
