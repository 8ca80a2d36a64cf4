//! The email program's sending side, behind the API key:
//! `POST /v1/surveys/{id}/invitations` (a batch of up to 500 recipients:
//! links, the rendered email and the unsubscribe headers for each),
//! `GET /v1/surveys/{id}/invitations?status=unanswered&older_than_days=N`
//! (who is due a reminder, read only) and
//! `POST /v1/surveys/{id}/reminders?older_than_days=N` (the same people,
//! each with one reminder counted, and their reminder emails) and
//! `POST /v1/surveys/{id}/invitations/sent` (when the mailer sent them, so
//! a scanner's click is told by the sending, not the minting).
//!
//! Links are minted under the address the request came to: the caller holds
//! the API key, so the `Host` it sent is its own choice of this Worker's
//! address (unlike a customer's click, see `links.rs`).

use ambassador_shared::input::limits::MAX_INVITATIONS_BODY_BYTES;
use ambassador_shared::invitation::email::Occasion;
use ambassador_shared::invitation::reminder::ReminderQuery;
use ambassador_shared::invitation::sent;
use ambassador_shared::invitation::{
    mint, InvitationBatch, Minted, Recipient, DEFAULT_EXPIRES_IN_DAYS,
};
use ambassador_shared::link::LinkSecret;
use ambassador_shared::report::date::timestamp;
use ambassador_shared::survey::SurveyDefinition;
use ambassador_shared::Locale;
use serde_json::{json, Value};
use worker::{Date, Env, Request, Response};

use super::{authorize, base_url, json_response, query};
use crate::auth::Principal;
use crate::body::read_limited;
use crate::store::invitations::{self, InvitationRow, Invited, NewInvitation};
use crate::{config, surveys, ApiError};

const SECONDS_PER_DAY: u64 = 86_400;

/// Mints, renders and stores a batch; a bad batch is refused whole (422,
/// every problem by index) before anything is stored.
pub async fn create(mut req: Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    let survey = keyed_survey(&req, env, survey_id).await?;
    let body = read_limited(&mut req, MAX_INVITATIONS_BODY_BYTES).await?;
    let batch = InvitationBatch::from_json(&body)?;
    let (secret, base_url) = (config::link_secret(env)?, base_url(&req)?);
    let now_ms = Date::now().as_millis();
    let expires_at = now_ms / 1000 + batch.expires_in_days.unsigned_abs() * SECONDS_PER_DAY;
    let minted: Vec<Minted> = batch
        .recipients
        .iter()
        .map(|r| {
            mint(
                survey,
                r,
                &secret,
                &base_url,
                now_ms / 1000,
                expires_at,
                Occasion::Invitation,
            )
        })
        .collect::<Result<_, _>>()
        .map_err(|invalid| ApiError::invalid_fields(invalid.0))?;
    let rows: Vec<NewInvitation> = batch
        .recipients
        .iter()
        .zip(&minted)
        .map(|(recipient, m)| NewInvitation {
            id: &m.invitation_id,
            response_id: &m.response_id,
            recipient,
        })
        .collect();
    let outcomes = invitations::invite(env, survey_id, &rows, now_ms).await?;
    let count = |wanted: Invited| outcomes.iter().filter(|o| **o == wanted).count();
    let items: Vec<Value> = batch
        .recipients
        .iter()
        .zip(minted)
        .zip(&outcomes)
        .enumerate()
        .map(|(index, ((recipient, minted), outcome))| item(index, recipient, minted, *outcome))
        .collect();
    json_response(
        &json!({
            "survey_id": survey_id,
            "created": count(Invited::Created),
            "existing": count(Invited::Existing),
            "opted_out": count(Invited::OptedOut),
            "invitations": items,
        }),
        200,
    )
}

/// Records when the mailer sent invitations of the survey; answers how many
/// it knew and lists the ids it did not (another survey's, or never made).
pub async fn sent(mut req: Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    keyed_survey(&req, env, survey_id).await?;
    let body = read_limited(&mut req, MAX_INVITATIONS_BODY_BYTES).await?;
    let sent = sent::from_json(&body, Date::now().as_millis())?;
    let known = invitations::report_sent(env, survey_id, &sent).await?;
    let unknown: Vec<&str> = sent
        .iter()
        .map(|s| s.invitation_id.as_str())
        .filter(|id| !known.iter().any(|k| k == id))
        .collect();
    json_response(
        &json!({"survey_id": survey_id, "updated": known.len(), "unknown": unknown}),
        200,
    )
}

/// One recipient's answer: what happened, and unless they opted out, the
/// links and the email.
fn item(index: usize, recipient: &Recipient, minted: Minted, outcome: Invited) -> Value {
    let status = match outcome {
        Invited::Created => "created",
        Invited::Existing => "existing",
        Invited::OptedOut => "opted_out",
    };
    let mut item = json!({"index": index, "status": status});
    merge(&mut item, json!(recipient));
    if outcome != Invited::OptedOut {
        merge(&mut item, json!(minted));
    }
    item
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(into), Value::Object(from)) = (into, from) {
        into.extend(from);
    }
}

/// Who is due a reminder, with fresh links and the reminder email; counts
/// nothing (see [`remind`]).
pub async fn list(req: &Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    let survey = keyed_survey(req, env, survey_id).await?;
    let query = ReminderQuery::from_query(query(req)?).map_err(ApiError::InvalidQuery)?;
    let now_ms = Date::now().as_millis();
    let rows = invitations::due(env, survey_id, survey.reminders, &query, now_ms).await?;
    reminders_response(req, env, survey, &rows, now_ms)
}

/// Counts a reminder on everyone due one and returns them as [`list`]
/// does: call it once per mailer run, and send what it returns.
pub async fn remind(req: &Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    let survey = keyed_survey(req, env, survey_id).await?;
    let query = ReminderQuery::from_query(query(req)?).map_err(ApiError::InvalidQuery)?;
    let now_ms = Date::now().as_millis();
    let rows = invitations::remind(env, survey_id, survey.reminders, &query, now_ms).await?;
    reminders_response(req, env, survey, &rows, now_ms)
}

fn reminders_response(
    req: &Request,
    env: &Env,
    survey: &SurveyDefinition,
    rows: &[InvitationRow],
    now_ms: u64,
) -> Result<Response, ApiError> {
    let (secret, base_url) = (config::link_secret(env)?, base_url(req)?);
    let expires_at = now_ms / 1000 + DEFAULT_EXPIRES_IN_DAYS.unsigned_abs() * SECONDS_PER_DAY;
    let items: Vec<Value> = rows
        .iter()
        .map(|row| reminder_item(survey, row, &secret, &base_url, now_ms / 1000, expires_at))
        .collect::<Result<_, _>>()?;
    json_response(
        &json!({
            "survey_id": survey.id,
            "max_reminders": survey.reminders,
            "invitations": items,
        }),
        200,
    )
}

fn reminder_item(
    survey: &SurveyDefinition,
    row: &InvitationRow,
    secret: &LinkSecret,
    base_url: &str,
    issued_at: u64,
    expires_at: u64,
) -> Result<Value, ApiError> {
    let recipient = Recipient {
        customer_ref: row.customer_ref.clone(),
        transaction_ref: row.transaction_ref.clone(),
        touchpoint: row.touchpoint.clone(),
        role: row.role.clone(),
        locale: Locale::from_tag(&row.locale).unwrap_or_default(),
    };
    let minted = mint(
        survey,
        &recipient,
        secret,
        base_url,
        issued_at,
        expires_at,
        Occasion::Reminder,
    )
    .map_err(|e| ApiError::Unavailable(format!("a stored invitation does not mint: {e}")))?;
    if minted.invitation_id != row.id || minted.response_id != row.response_id {
        // Another LINK_SECRET than the one the invitation was made with:
        // its answers would not join it.
        return Err(ApiError::Misconfigured(format!(
            "the invitation {} was made with another LINK_SECRET",
            row.id
        )));
    }
    let mut item = json!({
        "created_at": timestamp(row.created_at),
        "reminders": row.reminders,
    });
    merge(&mut item, json!(recipient));
    merge(&mut item, json!(minted));
    Ok(item)
}

/// The survey of a request that needs the API key: invitations mint links
/// and reveal customers, the mailer's business, not a dashboard user's.
async fn keyed_survey(
    req: &Request,
    env: &Env,
    survey_id: &str,
) -> Result<&'static SurveyDefinition, ApiError> {
    if authorize(req, env).await? != Principal::Key {
        return Err(ApiError::Forbidden(
            "invitations and reminders take the API key",
        ));
    }
    surveys::named(survey_id)
}
