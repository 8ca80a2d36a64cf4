//! The closed loop: an answer that needs a person (by default a confirmed
//! detractor) opens a case, and customer service works it to an end.
//!
//! A case moves open -> contacted -> resolved, or to unreachable when the
//! customer cannot be reached (and back to contacted when they call back).
//! Resolved is final and says how. Each change may carry a note and set an
//! assignee. The rules, the service-level deadline and the inbox's figures
//! live here, without I/O; `edge/src/store/cases.rs` keeps the rows.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

use crate::input::json_fields::{any_text, read_object, slug, BodyError, FieldReader};
use crate::input::limits::{MAX_NOTE_CHARS, MAX_SLUG_CHARS};
use crate::{Category, FieldErrorCode};

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    /// Nobody has reached the customer yet.
    Open,
    /// Someone talked to the customer.
    Contacted,
    /// Done, with a resolution saying how.
    Resolved,
    /// The customer could not be reached.
    Unreachable,
}

impl CaseStatus {
    /// Every status, in the order a case usually takes them.
    pub const ALL: [CaseStatus; 4] = [
        CaseStatus::Open,
        CaseStatus::Contacted,
        CaseStatus::Resolved,
        CaseStatus::Unreachable,
    ];

    /// The status as stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Contacted => "contacted",
            CaseStatus::Resolved => "resolved",
            CaseStatus::Unreachable => "unreachable",
        }
    }

    /// The status named `text`, if any.
    pub fn parse(text: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether a case may go from this status to `next`, and if not, what
    /// to do instead.
    pub fn check_move(self, next: CaseStatus) -> Result<(), String> {
        use CaseStatus::*;
        match (self, next) {
            // A note or an assignee alone; a resolved case still takes notes.
            (from, to) if from == to => Ok(()),
            (Open, Contacted | Unreachable)
            | (Contacted, Resolved | Unreachable)
            | (Unreachable, Contacted)
            | (Contacted, Contacted)
            | (Unreachable, Unreachable) => Ok(()),
            (Resolved, _) => Err("the case is resolved; a resolved case is final".to_owned()),
            (_, Open) => Err(format!(
                "a case cannot be opened again once it is {self}; add a note instead"
            )),
            (_, Resolved) => Err(format!(
                "a case is resolved once the customer was contacted; it is {self}, so set \
                 \"contacted\" first"
            )),
        }
    }

    /// True once someone has spoken to the customer.
    pub fn reached(self) -> bool {
        matches!(self, CaseStatus::Contacted | CaseStatus::Resolved)
    }
}

impl fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a request asks to change of a case (`PATCH /v1/cases/{id}`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseChange {
    /// The new status.
    pub status: Option<CaseStatus>,
    /// The new assignee; `Some(None)` unassigns.
    pub assignee: Option<Option<String>>,
    /// A note to add to the case's history.
    pub note: Option<String>,
    /// How it was resolved; only with `status: "resolved"`.
    pub resolution: Option<String>,
}

const FIELDS: [&str; 4] = ["status", "assignee", "note", "resolution"];

impl CaseChange {
    /// Reads a change from a request body, every problem named at once.
    pub fn from_json(body: &[u8]) -> Result<CaseChange, BodyError> {
        let object = read_object(body)?;
        let mut errors = Vec::new();
        let mut reader = FieldReader::new(&object, "", &mut errors);
        reader.reject_unknown(&FIELDS);
        let change = CaseChange {
            status: status(&mut reader),
            assignee: assignee(&mut reader, &object),
            note: reader.optional_str("note", MAX_NOTE_CHARS, any_text),
            resolution: reader.optional_str("resolution", MAX_NOTE_CHARS, any_text),
        };
        if errors.is_empty() && change == CaseChange::default() {
            let message = format!("nothing to change; send one of {}", FIELDS.join(", "));
            errors.push(crate::FieldError::new("", FieldErrorCode::Missing, message));
        }
        match errors.is_empty() {
            true => Ok(change),
            false => Err(BodyError::Invalid(errors)),
        }
    }

    /// The case after this change, or every reason it cannot be made: a move
    /// the rules forbid, a resolution without resolving or the other way
    /// round.
    pub fn apply(&self, case: &CaseState) -> Result<CaseState, BodyError> {
        let mut errors = Vec::new();
        let next = self.status.unwrap_or(case.status);
        if let Err(message) = case.status.check_move(next) {
            errors.push(crate::FieldError::new(
                "status",
                FieldErrorCode::OutOfRange,
                message,
            ));
        }
        let resolving = next == CaseStatus::Resolved && case.status != CaseStatus::Resolved;
        match (&self.resolution, resolving) {
            (None, true) => errors.push(crate::FieldError::new(
                "resolution",
                FieldErrorCode::Missing,
                "say how the case was resolved",
            )),
            (Some(_), false) => errors.push(crate::FieldError::new(
                "resolution",
                FieldErrorCode::Unknown,
                "a resolution goes with \"status\": \"resolved\"",
            )),
            _ => {}
        }
        if !errors.is_empty() {
            return Err(BodyError::Invalid(errors));
        }
        Ok(CaseState {
            status: next,
            assignee: self
                .assignee
                .clone()
                .unwrap_or_else(|| case.assignee.clone()),
            resolution: self.resolution.clone().or_else(|| case.resolution.clone()),
            first_contact_ms: case
                .first_contact_ms
                .or(next.reached().then_some(case.now_ms)),
            ..case.clone()
        })
    }
}

fn status(reader: &mut FieldReader<'_>) -> Option<CaseStatus> {
    let text = reader.optional_str("status", MAX_SLUG_CHARS, slug)?;
    let status = CaseStatus::parse(&text);
    if status.is_none() {
        let names: Vec<&str> = CaseStatus::ALL.iter().map(|s| s.as_str()).collect();
        let message = format!("{text:?} is not a status; use one of {}", names.join(", "));
        reader.fail("status", FieldErrorCode::InvalidFormat, message);
    }
    status
}

/// `assignee`: a user name, or null to unassign. Whether it names an agent
/// is the configuration's to say (the edge checks it).
fn assignee(reader: &mut FieldReader<'_>, object: &Map<String, Value>) -> Option<Option<String>> {
    match object.get("assignee")? {
        Value::Null => Some(None),
        _ => reader
            .optional_str("assignee", MAX_EMAIL_CHARS, user_name)
            .map(Some),
    }
}

/// Longest assignee: an email address (people signed in through
/// Cloudflare Access are named by their email).
const MAX_EMAIL_CHARS: usize = 254;

/// A user name as configured: a slug (`DASHBOARD_USERS`), or a lowercase
/// email (`ACCESS_USERS`), so it is safe everywhere.
fn user_name(text: &str) -> Result<(), String> {
    let email = text.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && text
                .chars()
                .all(|c| c.is_ascii_graphic() && !c.is_ascii_uppercase())
    });
    match email || (slug(text).is_ok() && text.len() <= MAX_SLUG_CHARS) {
        true => Ok(()),
        false => Err(format!(
            "\"{text}\" is not a user name; a name as configured (a-z, 0-9, '-', '_') \
             or a lowercase email"
        )),
    }
}

/// What the rules need of a stored case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseState {
    /// Where it stands.
    pub status: CaseStatus,
    /// Who works it.
    pub assignee: Option<String>,
    /// How it ended.
    pub resolution: Option<String>,
    /// When it was opened (unix ms).
    pub opened_ms: u64,
    /// When someone first reached the customer (unix ms).
    pub first_contact_ms: Option<u64>,
    /// Now, for the change being applied (unix ms).
    pub now_ms: u64,
}

/// Which answers of a survey open a case, and how soon someone must reach
/// the customer (`[survey.cases]` in `surveys.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRules {
    /// Confirmed answers of these categories open a case.
    pub categories: Vec<Category>,
    /// Hours from opening to first contact.
    pub sla_hours: u32,
}

/// Hours to reach a customer unless a survey says otherwise: two days.
pub const DEFAULT_SLA_HOURS: u32 = 48;
/// Longest service level: 30 days.
pub const MAX_SLA_HOURS: u32 = 720;

impl Default for CaseRules {
    fn default() -> Self {
        CaseRules {
            categories: vec![Category::Detractor],
            sla_hours: DEFAULT_SLA_HOURS,
        }
    }
}

impl CaseRules {
    /// Whether a confirmed answer of `category` opens a case.
    pub fn opens_for(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }

    /// The service level.
    pub fn sla(&self) -> Sla {
        Sla {
            hours: self.sla_hours,
        }
    }
}

/// The service level: how soon someone must reach the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sla {
    /// Hours from opening to first contact.
    pub hours: u32,
}

impl Sla {
    fn deadline_ms(self, opened_ms: u64) -> u64 {
        opened_ms.saturating_add(u64::from(self.hours) * 3_600_000)
    }

    /// True when nobody reached the customer of a case opened at
    /// `opened_ms` in time: past the deadline at `now_ms`, or reached late.
    pub fn missed(self, opened_ms: u64, first_contact_ms: Option<u64>, now_ms: u64) -> bool {
        first_contact_ms.unwrap_or(now_ms) > self.deadline_ms(opened_ms)
    }

    /// True when an open case (never reached) is past its deadline.
    pub fn overdue(self, case: &CaseState) -> bool {
        !case.status.reached()
            && case.first_contact_ms.is_none()
            && self.missed(case.opened_ms, None, case.now_ms)
    }
}

/// The inbox's figures for a set of cases (one touchpoint, say).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CaseFigures {
    /// Cases not yet resolved.
    pub open: u64,
    /// Open cases past the deadline with nobody having reached the customer.
    pub overdue: u64,
    /// Median hours from opening to first contact, of cases contacted.
    pub median_hours_to_contact: Option<f64>,
    /// Share of cases whose deadline has come (or that were contacted) that
    /// were contacted within it, 0..=1; `None` when there are none yet.
    pub contacted_within_sla: Option<f64>,
}

impl CaseFigures {
    /// The figures of `cases` under `sla`.
    pub fn of<'a>(cases: impl IntoIterator<Item = &'a CaseState>, sla: Sla) -> CaseFigures {
        let mut figures = CaseFigures::default();
        let mut hours = Vec::new();
        let (mut due, mut in_time) = (0u64, 0u64);
        for case in cases {
            figures.open += u64::from(case.status != CaseStatus::Resolved);
            figures.overdue += u64::from(sla.overdue(case));
            if let Some(contact) = case.first_contact_ms {
                hours.push(contact.saturating_sub(case.opened_ms) as f64 / 3_600_000.0);
            }
            let deadline_came = case.now_ms > sla.deadline_ms(case.opened_ms);
            if case.first_contact_ms.is_some() || deadline_came {
                due += 1;
                in_time +=
                    u64::from(!sla.missed(case.opened_ms, case.first_contact_ms, case.now_ms));
            }
        }
        hours.sort_by(f64::total_cmp);
        figures.median_hours_to_contact = median(&hours);
        figures.contacted_within_sla = (due > 0).then(|| in_time as f64 / due as f64);
        figures
    }
}

fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests;
