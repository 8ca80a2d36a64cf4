//! `GET /v1/surveys/{id}/comments`: what people said, newest first, a page
//! at a time, for anyone signed in (or the API key).

use ambassador_shared::report::comments::{CommentQuery, Cursor};
use ambassador_shared::report::date::timestamp;
use serde_json::json;
use worker::{Env, Request, Response};

use super::{authorize, json_response, query};
use crate::store::comments;
use crate::{surveys, ApiError};

/// A page of comments and the cursor of the next, `null` after the last.
pub async fn list(req: &Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    authorize(req, env).await?;
    surveys::named(survey_id)?;
    let query = CommentQuery::from_query(query(req)?).map_err(ApiError::InvalidQuery)?;
    let rows = comments::page(env, survey_id, &query).await?;
    let next = match rows.last() {
        Some(last) if rows.len() == query.limit as usize => Some(
            Cursor {
                created_at: last.created_at,
                id: last.id.clone(),
            }
            .to_string(),
        ),
        _ => None,
    };
    let comments: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.id, "at": timestamp(r.created_at), "score": r.score,
                "category": r.category, "comment": r.comment, "locale": r.locale,
                "touchpoint": r.touchpoint, "role": r.role, "source": r.source,
            })
        })
        .collect();
    json_response(&json!({"comments": comments, "next": next}), 200)
}
