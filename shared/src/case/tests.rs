use super::*;
use proptest::prelude::*;

const HOUR: u64 = 3_600_000;

fn case(status: CaseStatus) -> CaseState {
    CaseState {
        status,
        assignee: None,
        resolution: None,
        opened_ms: 0,
        first_contact_ms: status.reached().then_some(HOUR),
        now_ms: 10 * HOUR,
    }
}

fn change(json: &str) -> Result<CaseChange, BodyError> {
    CaseChange::from_json(json.as_bytes())
}

fn fields(error: &BodyError) -> Vec<(&str, FieldErrorCode)> {
    error
        .field_errors()
        .iter()
        .map(|e| (e.field.as_str(), e.code))
        .collect()
}

#[test]
fn a_case_is_contacted_then_resolved() {
    let open = case(CaseStatus::Open);
    let contacted =
        change(r#"{"status": "contacted", "note": "Called, will refund", "assignee": "ana"}"#)
            .expect("valid")
            .apply(&open)
            .expect("allowed");
    assert_eq!(contacted.status, CaseStatus::Contacted);
    assert_eq!(contacted.first_contact_ms, Some(10 * HOUR));
    assert_eq!(contacted.assignee.as_deref(), Some("ana"));
    let resolved = change(r#"{"status": "resolved", "resolution": "Refunded the fee"}"#)
        .expect("valid")
        .apply(&contacted)
        .expect("allowed");
    assert_eq!(resolved.status, CaseStatus::Resolved);
    assert_eq!(resolved.resolution.as_deref(), Some("Refunded the fee"));
    assert_eq!(
        resolved.first_contact_ms,
        Some(10 * HOUR),
        "the first contact stays"
    );
    assert_eq!(resolved.assignee.as_deref(), Some("ana"));
}

#[test]
fn invalid_moves_say_what_to_do() {
    let skip = change(r#"{"status": "resolved", "resolution": "x"}"#).expect("valid");
    let error = skip
        .apply(&case(CaseStatus::Open))
        .expect_err("open to resolved");
    assert_eq!(fields(&error), [("status", FieldErrorCode::OutOfRange)]);
    assert!(error.field_errors()[0]
        .message
        .contains("\"contacted\" first"));

    let reopen = change(r#"{"status": "open"}"#).expect("valid");
    let error = reopen
        .apply(&case(CaseStatus::Resolved))
        .expect_err("final");
    assert!(error.field_errors()[0].message.contains("final"));
    let error = reopen
        .apply(&case(CaseStatus::Contacted))
        .expect_err("no reopening");
    assert!(error.field_errors()[0].message.contains("add a note"));

    let unexplained = change(r#"{"status": "resolved"}"#).expect("valid");
    let error = unexplained
        .apply(&case(CaseStatus::Contacted))
        .expect_err("how?");
    assert_eq!(fields(&error), [("resolution", FieldErrorCode::Missing)]);

    let stray = change(r#"{"resolution": "Refunded"}"#).expect("valid");
    let error = stray
        .apply(&case(CaseStatus::Contacted))
        .expect_err("not resolving");
    assert_eq!(fields(&error), [("resolution", FieldErrorCode::Unknown)]);
}

#[test]
fn notes_and_assignees_change_any_case() {
    for status in CaseStatus::ALL {
        let noted = change(r#"{"note": "Left a voicemail", "assignee": null}"#)
            .expect("valid")
            .apply(&case(status))
            .expect("a note is always allowed");
        assert_eq!(noted.status, status);
        assert_eq!(noted.assignee, None);
    }
}

#[test]
fn an_assignee_is_a_user_name_or_an_email() {
    for name in ["ana", "ana@acme.com", "first.last+cx@shop.example"] {
        let body = format!(r#"{{"assignee": "{name}"}}"#);
        let assigned = change(&body).expect("valid").apply(&case(CaseStatus::Open));
        assert_eq!(assigned.expect("allowed").assignee.as_deref(), Some(name));
    }
    for bad in [
        "Ana",
        "ana smith",
        "@acme.com",
        "ana@",
        "Ana@acme.com",
        "a@b@c",
    ] {
        let error = change(&format!(r#"{{"assignee": "{bad}"}}"#)).expect_err(bad);
        assert_eq!(
            fields(&error),
            [("assignee", FieldErrorCode::InvalidFormat)]
        );
    }
}

#[test]
fn bad_bodies_name_every_field() {
    let error = change(&format!(
        r#"{{"status": "closed", "assignee": "Ana Smith", "note": "{}", "colour": 1}}"#,
        "x".repeat(2001)
    ))
    .expect_err("invalid");
    assert_eq!(
        fields(&error),
        [
            ("colour", FieldErrorCode::Unknown),
            ("status", FieldErrorCode::InvalidFormat),
            ("assignee", FieldErrorCode::InvalidFormat),
            ("note", FieldErrorCode::TooLong),
        ]
    );
    let error = change("{}").expect_err("empty");
    assert_eq!(fields(&error), [("", FieldErrorCode::Missing)]);
    assert!(matches!(change("[]"), Err(BodyError::NotAnObject)));
}

#[test]
fn overdue_is_open_past_the_deadline() {
    let sla = Sla { hours: 48 };
    let mut open = case(CaseStatus::Open);
    open.now_ms = 47 * HOUR;
    assert!(!sla.overdue(&open));
    open.now_ms = 49 * HOUR;
    assert!(sla.overdue(&open));
    let mut unreachable = case(CaseStatus::Unreachable);
    unreachable.now_ms = 49 * HOUR;
    assert!(sla.overdue(&unreachable), "trying is not reaching");
    let mut contacted = case(CaseStatus::Contacted);
    contacted.now_ms = 100 * HOUR;
    assert!(!sla.overdue(&contacted));
}

#[test]
fn figures_of_a_hand_made_inbox() {
    let sla = Sla { hours: 48 };
    let at = |status, opened_h: u64, contact_h: Option<u64>| CaseState {
        status,
        assignee: None,
        resolution: None,
        opened_ms: opened_h * HOUR,
        first_contact_ms: contact_h.map(|h| h * HOUR),
        now_ms: 100 * HOUR,
    };
    let cases = [
        at(CaseStatus::Open, 90, None),         // not yet due
        at(CaseStatus::Open, 10, None),         // overdue
        at(CaseStatus::Contacted, 0, Some(2)),  // 2 h, in time
        at(CaseStatus::Resolved, 0, Some(60)),  // 60 h, late
        at(CaseStatus::Resolved, 20, Some(24)), // 4 h, in time
    ];
    let figures = CaseFigures::of(&cases, sla);
    assert_eq!(figures.open, 3);
    assert_eq!(figures.overdue, 1);
    assert_eq!(figures.median_hours_to_contact, Some(4.0));
    // Due: the overdue one and the three contacted; in time: two of four.
    assert_eq!(figures.contacted_within_sla, Some(0.5));
    assert_eq!(CaseFigures::of(&[], sla), CaseFigures::default());
}

proptest! {
    /// From any status, any sequence of changes keeps a resolved case
    /// resolved, never forgets a first contact, and is refused only for a
    /// move the rules forbid.
    #[test]
    fn accepted_changes_never_undo_the_loop(moves in proptest::collection::vec(0usize..4, 0..12)) {
        let mut state = case(CaseStatus::Open);
        for m in moves {
            let next = CaseStatus::ALL[m];
            let resolving = next == CaseStatus::Resolved && state.status != CaseStatus::Resolved;
            let resolution = resolving.then(|| "done".to_owned());
            let change = CaseChange { status: Some(next), resolution, ..CaseChange::default() };
            state.now_ms += HOUR;
            let before = state.clone();
            match change.apply(&state) {
                Ok(after) => {
                    prop_assert!(before.status != CaseStatus::Resolved || after.status == CaseStatus::Resolved);
                    prop_assert!(before.first_contact_ms.is_none() || after.first_contact_ms == before.first_contact_ms);
                    prop_assert_eq!(after.first_contact_ms.is_some(), before.first_contact_ms.is_some() || after.status.reached());
                    state = after;
                }
                Err(_) => prop_assert!(before.status.check_move(next).is_err()),
            }
        }
    }
}
