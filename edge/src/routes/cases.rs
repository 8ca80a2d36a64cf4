//! The closed loop over HTTP, behind the API key: the inbox of a survey's
//! cases with its figures (`GET /v1/surveys/{id}/cases`), one case with its
//! history (`GET /v1/cases/{id}`), and working it (`PATCH /v1/cases/{id}`).
//! The rules are `shared::case`'s; this only reads, applies and writes.

use ambassador_shared::case::{CaseChange, CaseFigures, CaseState, CaseStatus, Sla};
use ambassador_shared::forward::EventKind;
use ambassador_shared::input::limits::MAX_BODY_BYTES;
use ambassador_shared::report::date::timestamp;
use ambassador_shared::{FieldError, FieldErrorCode, Score};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use worker::{Date, Env, Request, Response};

use super::{authorize, json_response, query};
use crate::body::read_limited;
use crate::store::cases::{self, CaseRow, CaseUpdate};
use crate::{config, forward, surveys, ApiError};

/// The inbox: cases in the `status` list (comma-separated; default every
/// status but resolved), oldest first, each marked when overdue; and the
/// figures of every listed case, overall and per touchpoint.
pub async fn inbox(req: &Request, env: &Env, survey_id: &str) -> Result<Response, ApiError> {
    authorize(req, env).await?;
    let survey = surveys::named(survey_id)?;
    let mut query = query(req)?;
    query.reject_unknown(&["status"]);
    let statuses = statuses(query.get("status")).unwrap_or_else(|message| {
        query.fail("status", FieldErrorCode::InvalidFormat, message);
        Vec::new()
    });
    let statuses = query.finish(statuses).map_err(ApiError::InvalidQuery)?;
    let rows = cases::inbox(env, survey_id, &statuses).await?;
    let (now, sla) = (now_ms(), survey.cases.sla());
    let states: Vec<(Option<&str>, CaseState)> = rows
        .iter()
        .map(|row| (row.answer.touchpoint.as_deref(), row.state(now)))
        .collect();
    let mut by_touchpoint: BTreeMap<Option<&str>, Vec<&CaseState>> = BTreeMap::new();
    for (touchpoint, state) in &states {
        by_touchpoint.entry(*touchpoint).or_default().push(state);
    }
    let by_touchpoint: Vec<Value> = by_touchpoint
        .into_iter()
        .map(|(name, cases)| json!({"touchpoint": name, "figures": CaseFigures::of(cases, sla)}))
        .collect();
    let body = json!({
        "survey_id": survey_id,
        "sla_hours": sla.hours,
        "statuses": statuses,
        "figures": CaseFigures::of(states.iter().map(|(_, s)| s), sla),
        "by_touchpoint": by_touchpoint,
        "cases": rows.iter().map(|row| case_json(row, sla, now)).collect::<Vec<_>>(),
    });
    json_response(&body, 200)
}

/// One case with its history.
pub async fn show(req: &Request, env: &Env, id: &str) -> Result<Response, ApiError> {
    authorize(req, env).await?;
    json_response(&full(env, &find(env, id).await?).await?, 200)
}

/// Applies a change by the rules of `shared::case`; the answer is the case
/// as it now stands. Someone else's change in between is a 409, not lost.
pub async fn change(mut req: Request, env: &Env, id: &str) -> Result<Response, ApiError> {
    let principal = authorize(&req, env).await?;
    if !principal.works_cases() {
        return Err(ApiError::Forbidden(
            "viewers read cases; an agent changes them",
        ));
    }
    let body = read_limited(&mut req, MAX_BODY_BYTES).await?;
    let change = CaseChange::from_json(&body)?;
    if let Some(Some(name)) = &change.assignee {
        check_agent(env, name)?;
    }
    let row = find(env, id).await?;
    let now = now_ms();
    let next = change.apply(&row.state(now))?;
    let update = CaseUpdate {
        id,
        status: next.status,
        assignee: next.assignee.as_deref(),
        resolution: next.resolution.as_deref(),
        first_contact_at: next.first_contact_ms.map(|ms| ms as i64),
        seen_updated_at: row.updated_at,
        now: now as i64,
        note: change.note.as_deref(),
        author: principal.author(),
    };
    if !cases::update(env, &update).await? {
        return Err(ApiError::CaseChanged);
    }
    let row = find(env, id).await?;
    let survey = surveys::named(&row.answer.survey_id)?;
    let case = row.event_data(survey.cases.sla(), now, change.note.as_deref());
    let kind = EventKind::CaseUpdated;
    forward::enqueue_case(env, survey, &row.answer.submission()?, case, kind, now).await?;
    json_response(&full(env, &row).await?, 200)
}

/// A case is assigned to someone who works cases: a configured agent.
fn check_agent(env: &Env, name: &str) -> Result<(), ApiError> {
    let people = config::people(env)?;
    let agents: Vec<&str> = people
        .iter()
        .filter(|(_, role)| role.works_cases())
        .map(|(name, _)| name.as_str())
        .collect();
    if agents.contains(&name) {
        return Ok(());
    }
    let message = format!(
        "\"{name}\" is not an agent; assign one of: {}",
        agents.join(", ")
    );
    Err(ApiError::invalid_fields(vec![FieldError::new(
        "assignee",
        FieldErrorCode::Unknown,
        message,
    )]))
}

async fn find(env: &Env, id: &str) -> Result<CaseRow, ApiError> {
    cases::case(env, id)
        .await?
        .ok_or_else(|| ApiError::UnknownCase(id.to_owned()))
}

/// The case as JSON with its notes.
async fn full(env: &Env, row: &CaseRow) -> Result<Value, ApiError> {
    let survey = surveys::named(&row.answer.survey_id)?;
    let notes: Vec<Value> = cases::notes(env, &row.answer.id)
        .await?
        .iter()
        .map(|n| json!({"at": timestamp(n.at), "author": n.author, "text": n.text}))
        .collect();
    let mut case = case_json(row, survey.cases.sla(), now_ms());
    case["notes"] = Value::Array(notes);
    Ok(case)
}

fn case_json(row: &CaseRow, sla: Sla, now: u64) -> Value {
    let state = row.state(now);
    let answer = &row.answer;
    let category = Score::new(i64::from(answer.score))
        .map(|s| s.category())
        .ok();
    json!({
        "id": answer.id,
        "survey_id": answer.survey_id,
        "status": state.status,
        "assignee": row.assignee,
        "resolution": row.resolution,
        "opened_at": timestamp(row.opened_at),
        "due_at": timestamp(row.opened_at + i64::from(sla.hours) * 3_600_000),
        "overdue": sla.overdue(&state),
        "first_contact_at": row.first_contact_at.map(timestamp),
        "updated_at": timestamp(row.updated_at),
        "answer": {
            "score": answer.score,
            "category": category,
            "comment": answer.comment,
            "locale": answer.locale,
            "source": row.source,
            "context": {
                "touchpoint": answer.touchpoint,
                "role": answer.role,
                "customer_ref": answer.customer_ref,
                "transaction_ref": answer.transaction_ref,
            },
        },
    })
}

/// The `status` parameter: known statuses, comma-separated; by default
/// every status but resolved.
fn statuses(text: Option<String>) -> Result<Vec<CaseStatus>, String> {
    let Some(text) = text else {
        let unresolved = CaseStatus::ALL
            .into_iter()
            .filter(|s| *s != CaseStatus::Resolved);
        return Ok(unresolved.collect());
    };
    text.split(',')
        .map(|name| {
            CaseStatus::parse(name.trim()).ok_or_else(|| {
                let names: Vec<&str> = CaseStatus::ALL.iter().map(|s| s.as_str()).collect();
                format!("{name:?} is not a status; use {}", names.join(", "))
            })
        })
        .collect()
}

fn now_ms() -> u64 {
    Date::now().as_millis()
}
