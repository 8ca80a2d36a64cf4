//! The events receivers get: what happened to which answer, or to the case
//! it opened, with a stable id.

use crate::report::date::{parse_timestamp_millis, timestamp_millis};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use crate::case::CaseStatus;
use crate::team_digest::TeamDigestEvent;
use crate::{Category, Context, Locale, Submission};

/// What happened to an answer or its case. A receiver that creates a ticket
/// on `response.created` adds the comment to it on `response.updated`, and
/// follows customer service's work on `case.updated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// The answer was stored for the first time.
    #[serde(rename = "response.created")]
    Created,
    /// A stored answer changed, e.g. its follow-up comment arrived.
    #[serde(rename = "response.updated")]
    Updated,
    /// The answer's case changed: status, assignee, a note, its resolution.
    #[serde(rename = "case.updated")]
    CaseUpdated,
    /// Nobody has reached the customer by the case's deadline; sent once a
    /// day while it stays so.
    #[serde(rename = "case.overdue")]
    CaseOverdue,
}

impl EventKind {
    /// The Standard Webhooks `type` name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "response.created",
            EventKind::Updated => "response.updated",
            EventKind::CaseUpdated => "case.updated",
            EventKind::CaseOverdue => "case.overdue",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The answer as a receiver sees it: everything customer service needs to
/// call a detractor back, without the email-link token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventData {
    /// The answer's id (the client-made UUID).
    pub response_id: String,
    /// Which survey it answers.
    pub survey_id: String,
    /// 0-10.
    pub score: u8,
    /// Its NPS class; routing keys on it.
    pub category: Category,
    /// The follow-up answer, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The language the customer answered in.
    pub locale: Locale,
    /// Touchpoint, role, customer and transaction references.
    #[serde(default)]
    pub context: Context,
    /// Answers to the survey's extra questions.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, String>,
    /// 1 for `response.created`; for `response.updated` and `case.updated`,
    /// the unix milliseconds of the change, so later changes have larger
    /// versions; for `case.overdue`, the UTC day (days since 1970), so a
    /// case is reported overdue at most once a day.
    pub version: u64,
    /// The case the answer opened, for `case.*` events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseData>,
}

/// A case as receivers see it in `case.*` events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseData {
    /// Where it stands.
    pub status: CaseStatus,
    /// Who works it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// The note this change added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How it was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// When someone must have reached the customer, RFC 3339 in UTC.
    pub due_at: String,
    /// Past `due_at` with nobody having reached the customer.
    pub overdue: bool,
}

/// One event, serialized as the webhook body: `{"type", "timestamp", "data"}`
/// as Standard Webhooks recommends, plus the `id` (also sent as `webhook-id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseEvent {
    /// `{response_id}:{type}:{version}`: the same on every retry and for every
    /// destination, so receivers drop duplicates by it.
    pub id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// When it happened, RFC 3339 in UTC: for an answer's events, when the
    /// edge acknowledged the answer (or the click) they tell of; for a
    /// case's, when the case changed.
    pub timestamp: String,
    /// The answer.
    pub data: EventData,
}

impl ResponseEvent {
    /// The event for `submission` reaching `version` at `unix_ms`.
    pub fn new(kind: EventKind, submission: &Submission, version: u64, unix_ms: u64) -> Self {
        let data = EventData {
            response_id: submission.id.clone(),
            survey_id: submission.survey_id.clone(),
            score: submission.score.value(),
            category: submission.category(),
            comment: submission.comment.clone(),
            locale: submission.locale,
            context: submission.context.clone(),
            answers: submission.answers.clone(),
            version,
            case: None,
        };
        ResponseEvent {
            id: format!("{}:{kind}:{version}", submission.id),
            kind,
            timestamp: rfc3339(unix_ms),
            data,
        }
    }
}

impl ResponseEvent {
    /// When what the event tells of happened (unix ms), read back from its
    /// timestamp; `None` if that is not one this crate wrote.
    pub fn happened_at(&self) -> Option<u64> {
        parse_timestamp_millis(&self.timestamp).and_then(|ms| u64::try_from(ms).ok())
    }

    /// The `case.*` event `kind` of the case `submission` opened.
    pub fn for_case(
        kind: EventKind,
        submission: &Submission,
        case: CaseData,
        version: u64,
        unix_ms: u64,
    ) -> Self {
        let mut event = ResponseEvent::new(kind, submission, version, unix_ms);
        event.data.case = Some(case);
        event
    }
}

/// Anything the events queue delivers: an answer's or a case's event, or
/// a team digest. Told apart by their `type`, so a queued message reads
/// back as what it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Event {
    /// `response.*` and `case.*`: about one answer.
    Response(ResponseEvent),
    /// `digest.sent`: a team's figures, about no answer in particular.
    TeamDigest(TeamDigestEvent),
}

impl Event {
    /// Its id, the same on every retry and for every destination.
    pub fn id(&self) -> &str {
        match self {
            Event::Response(event) => &event.id,
            Event::TeamDigest(digest) => &digest.id,
        }
    }

    /// The survey it belongs to, whose destinations it goes to.
    pub fn survey_id(&self) -> &str {
        match self {
            Event::Response(event) => &event.data.survey_id,
            Event::TeamDigest(digest) => &digest.data.survey_id,
        }
    }

    /// The answer's event, if it is one: only those name a customer, so
    /// only those can be reached by a customer's erasure.
    pub fn response(&self) -> Option<&ResponseEvent> {
        match self {
            Event::Response(event) => Some(event),
            Event::TeamDigest(_) => None,
        }
    }
}

impl From<ResponseEvent> for Event {
    fn from(event: ResponseEvent) -> Event {
        Event::Response(event)
    }
}

/// Formats unix milliseconds as `2026-11-25T14:03:07.123Z`.
fn rfc3339(unix_ms: u64) -> String {
    timestamp_millis(i64::try_from(unix_ms).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn submission(score: i64, comment: Option<&str>) -> Submission {
        let mut body = json!({
            "id": "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51", "survey_id": "pickup",
            "score": score, "locale": "sv",
            "context": {"customer_ref": "C-1", "transaction_ref": "T-9"}
        });
        if let Some(comment) = comment {
            body["comment"] = json!(comment);
        }
        Submission::from_json(body.to_string().as_bytes()).expect("valid")
    }

    #[test]
    fn an_event_reads_back_when_it_happened() {
        let at = 1_780_000_000_123;
        let mut event = ResponseEvent::new(EventKind::Created, &submission(3, None), 1, at);
        assert_eq!(event.happened_at(), Some(at));
        event.timestamp = "yesterday".into();
        assert_eq!(event.happened_at(), None);
    }

    #[test]
    fn event_ids_are_stable_and_distinct_per_kind_and_version() {
        let s = submission(3, Some("Slow"));
        let created = ResponseEvent::new(EventKind::Created, &s, 1, 0);
        let again = ResponseEvent::new(EventKind::Created, &s, 1, 99_000);
        let updated = ResponseEvent::new(EventKind::Updated, &s, 2, 0);
        assert_eq!(created.id, again.id);
        assert_eq!(
            created.id,
            "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51:response.created:1"
        );
        assert_ne!(created.id, updated.id);
    }

    #[test]
    fn serializes_as_documented() {
        let event = ResponseEvent::new(EventKind::Created, &submission(3, Some("Slow")), 1, 0);
        let value = serde_json::to_value(&event).expect("json");
        assert_eq!(value["type"], "response.created");
        assert_eq!(value["timestamp"], "1970-01-01T00:00:00.000Z");
        assert_eq!(value["data"]["category"], "detractor");
        assert_eq!(value["data"]["context"]["customer_ref"], "C-1");
        assert_eq!(value["data"]["comment"], "Slow");
        let back: ResponseEvent = serde_json::from_value(value).expect("reads back");
        assert_eq!(back, event);
    }

    #[test]
    fn case_events_carry_the_case_and_their_own_ids() {
        let case = CaseData {
            status: CaseStatus::Contacted,
            assignee: Some("ana".to_owned()),
            note: Some("Called".to_owned()),
            resolution: None,
            due_at: "2026-11-27T10:00:00.000Z".to_owned(),
            overdue: false,
        };
        let s = submission(2, None);
        let event = ResponseEvent::for_case(EventKind::CaseUpdated, &s, case, 7, 0);
        assert_eq!(
            event.id,
            "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51:case.updated:7"
        );
        let value = serde_json::to_value(&event).expect("json");
        assert_eq!(value["type"], "case.updated");
        assert_eq!(value["data"]["case"]["status"], "contacted");
        assert_eq!(value["data"]["case"]["note"], "Called");
        assert!(value["data"]["case"].get("resolution").is_none());
        let answer = ResponseEvent::new(EventKind::Created, &s, 1, 0);
        assert!(serde_json::to_value(&answer).expect("json")["data"]
            .get("case")
            .is_none());
    }

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(rfc3339(1_767_225_600_000), "2026-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339(1_795_600_987_654), "2026-11-25T10:03:07.654Z");
    }
}
