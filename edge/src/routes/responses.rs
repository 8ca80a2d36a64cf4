//! `POST /v1/responses`: one customer's answer in, stored once.
//!
//! From the widget, the client's id makes retries idempotent. From the email
//! landing page, the body carries the link's `token`: survey and context then
//! come from the signed claims, and the answer confirms (and may change) the
//! score the click recorded.

use ambassador_shared::input::limits::MAX_BODY_BYTES;
use ambassador_shared::link::{self, LinkClaims};
use ambassador_shared::{Context, FieldError, FieldErrorCode, Submission};
use serde_json::json;
use worker::{Date, Env, Request, Response};

use super::json_response;
use crate::body::read_limited;
use crate::cors::Caller;
use crate::forward;
use crate::store::{self, Answer, Source, Stored};
use crate::{config, surveys, ApiError};

/// Validates and stores an answer, then queues it for the survey's
/// destinations (see `forward::enqueue_stored`). `201` when it is new, `200`
/// when this id was already stored (a widget retry, or the confirmation of an
/// email click), both with the id and category.
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
    let (stored, context) = match &submission.token {
        None => (
            store_widget_answer(env, &submission, opens_case).await?,
            submission.context.clone(),
        ),
        Some(token) => confirm_email_answer(env, &submission, token, opens_case).await?,
    };
    let status = match stored {
        Stored::New => 201,
        Stored::Updated { .. } | Stored::AlreadyThere => 200,
    };
    let as_stored = Submission {
        context,
        ..submission.clone()
    };
    forward::enqueue_stored(env, survey, &as_stored, &stored).await?;
    let body = json!({"id": submission.id, "category": submission.category()});
    json_response(&body, status)
}

async fn store_widget_answer(
    env: &Env,
    s: &Submission,
    opens_case: bool,
) -> Result<Stored, ApiError> {
    store::insert_once(env, &answer(s, &s.context, Source::Widget, opens_case)).await
}

/// Checks the token against the body, then stores the confirmed answer with
/// the survey and context the link was signed for (returned with it).
async fn confirm_email_answer(
    env: &Env,
    s: &Submission,
    token: &str,
    opens_case: bool,
) -> Result<(Stored, Context), ApiError> {
    let secret = config::link_secret(env)?;
    let claims = link::verify(token, &secret, Date::now().as_millis() / 1000)?;
    let mismatches = mismatches(s, &claims, &claims.response_id(&secret));
    if !mismatches.is_empty() {
        return Err(ApiError::invalid_fields(mismatches));
    }
    let context = claims.context();
    let stored = store::confirm(env, &answer(s, &context, Source::Email, opens_case)).await?;
    Ok((stored, context))
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

fn answer<'a>(
    s: &'a Submission,
    context: &'a ambassador_shared::Context,
    source: Source,
    opens_case: bool,
) -> Answer<'a> {
    Answer {
        id: &s.id,
        survey_id: &s.survey_id,
        score: s.score,
        comment: s.comment.as_deref(),
        locale: s.locale,
        context,
        answers: (!s.answers.is_empty())
            .then(|| serde_json::to_string(&s.answers).unwrap_or_default()),
        source,
        opens_case,
    }
}
