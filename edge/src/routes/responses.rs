//! `POST /v1/responses`: one customer's answer in, acknowledged once it is
//! safe, stored once.
//!
//! From the widget, the client's id makes retries idempotent. From the email
//! landing page, the body carries the link's `token`: survey and context then
//! come from the signed claims, and the answer confirms (and may change) the
//! score the click recorded.

use ambassador_shared::input::limits::MAX_BODY_BYTES;
use ambassador_shared::intake::{IntakeWrite, WriteKind};
use ambassador_shared::link::{self, LinkClaims};
use ambassador_shared::{FieldError, FieldErrorCode, Submission};
use serde_json::json;
use worker::{Date, Env, Request, Response};

use super::json_response;
use crate::body::read_limited;
use crate::cors::Caller;
use crate::intake::{self, Acknowledged};
use crate::store::Stored;
use crate::{config, surveys, ApiError};

/// Validates an answer and takes it in (see [`intake::accept`]).
///
/// - `202` `{"id", "status": "accepted"}`: on the intake queue; it will be
///   stored and forwarded. The usual answer.
/// - `201` / `200` `{"id", "status": "stored", "category"}`: the queue was
///   unavailable, so it was stored directly: new, or already there.
/// - `200` `{"id", "status": "superseded"}`: stored directly, but a newer
///   answer with this id (a later confirmation) was there and stays.
/// - `409` `answer_conflict`: stored directly, and this id was first stored
///   with other content, which stays.
pub async fn create(mut req: Request, env: &Env, caller: &Caller) -> Result<Response, ApiError> {
    let body = read_limited(&mut req, MAX_BODY_BYTES).await?;
    let submission = Submission::from_json(&body)?;
    let survey = surveys::get(&submission.survey_id)?;
    caller.may_use(survey)?;
    let answer_errors = survey.check_answers(&submission.answers);
    if !answer_errors.is_empty() {
        return Err(ApiError::invalid_fields(answer_errors));
    }
    let opens_case = survey.cases.opens_for(submission.category());
    let (kind, answer) = match &submission.token {
        None => (WriteKind::Widget, submission),
        Some(token) => (WriteKind::Confirm, from_email(env, &submission, token)?),
    };
    let write = IntakeWrite {
        kind,
        at_ms: Date::now().as_millis(),
        opens_case,
        answer,
        issued_at: None,
        scanner_network: None,
    };
    let id = &write.answer.id;
    let category = write.answer.category();
    match intake::accept(env, &write).await? {
        Acknowledged::Queued => json_response(&json!({"id": id, "status": "accepted"}), 202),
        Acknowledged::Stored(Stored::Created) => json_response(
            &json!({"id": id, "status": "stored", "category": category}),
            201,
        ),
        Acknowledged::Stored(
            Stored::Changed | Stored::Reannounced | Stored::FirstCounted | Stored::Repeated,
        ) => json_response(
            &json!({"id": id, "status": "stored", "category": category}),
            200,
        ),
        // An erasure of the customer at the same moment is a newer change
        // that stays, as a newer confirmation would.
        Acknowledged::Stored(Stored::Superseded | Stored::Erased) => {
            json_response(&json!({"id": id, "status": "superseded"}), 200)
        }
        Acknowledged::Stored(Stored::Conflict) => Err(ApiError::answer_conflict(id)),
    }
}

/// Checks the token against the body and returns the confirmed answer with
/// the survey and context the link was signed for.
fn from_email(env: &Env, s: &Submission, token: &str) -> Result<Submission, ApiError> {
    let secret = config::link_secret(env)?;
    let claims = link::verify(token, &secret, Date::now().as_millis() / 1000)?;
    let mismatches = mismatches(s, &claims, &claims.response_id(&secret));
    if !mismatches.is_empty() {
        return Err(ApiError::invalid_fields(mismatches));
    }
    Ok(Submission {
        context: claims.context(),
        token: None,
        ..s.clone()
    })
}

/// The body must name the survey and response the link was signed for.
fn mismatches(s: &Submission, claims: &LinkClaims, response_id: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if s.survey_id != claims.survey_id {
        let message = format!("the link is for survey {:?}; send that", claims.survey_id);
        errors.push(FieldError::new(
            "survey_id",
            FieldErrorCode::InvalidFormat,
            message,
        ));
    }
    if s.id != response_id {
        let message = format!("the link's answer has id {response_id}; send that id");
        errors.push(FieldError::new(
            "id",
            FieldErrorCode::InvalidFormat,
            message,
        ));
    }
    errors
}
