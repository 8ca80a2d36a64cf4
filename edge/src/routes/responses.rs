//! `POST /v1/responses`: one customer's answer in, stored once.

use ambassador_shared::forward::EventKind;
use ambassador_shared::limits::MAX_BODY_BYTES;
use ambassador_shared::Submission;
use serde_json::json;
use worker::{Env, Request, Response};

use super::json_response;
use crate::body::read_limited;
use crate::forward;
use crate::store::{self, Stored};
use crate::surveys;
use crate::ApiError;

/// Validates and stores an answer, then queues it for the survey's
/// destinations. `201` when it is new, `200` when this id was already stored
/// (a retry, which queues the same event again in case the first try failed
/// in between), both with the id and category.
pub async fn create(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let body = read_limited(&mut req, MAX_BODY_BYTES).await?;
    let submission = Submission::from_json(&body)?;
    let survey = surveys::get(&submission.survey_id)?;
    let status = match store::insert(env, &submission).await? {
        Stored::New => 201,
        Stored::AlreadyThere => 200,
    };
    forward::enqueue(env, survey, &submission, EventKind::Created, 1).await?;
    let body = json!({"id": submission.id, "category": submission.category()});
    json_response(&body, status)
}
