use super::*;
use crate::FieldErrorCode;

fn secret() -> LinkSecret {
    LinkSecret::new(b"0123456789abcdef0123456789abcdef").expect("32 bytes")
}

const ID: &str = "00112233445566778899aabbccddeeff";

fn day(text: &str) -> Day {
    Day::parse(text).expect("a day")
}

pub(super) fn wallboard() -> Wallboard {
    Wallboard {
        id: ID.to_owned(),
        survey_id: "pickup".to_owned(),
        label: "Pickup <Køge>".to_owned(),
        touchpoint: Some("pickup".to_owned()),
        role: None,
        language: Locale::Da,
        created_at: 0,
        expires_at: 1,
        created_by: "api-key".to_owned(),
    }
}

/// A day's counts: `promoters` tens and `detractors` zeros.
fn on(date: &str, promoters: u64, detractors: u64) -> CountRow {
    let mut scores = [0; 11];
    scores[10] = promoters;
    scores[0] = detractors;
    crate::team_digest::tests::day_row(date, scores)
}

#[test]
fn a_token_verifies_to_its_id_and_nothing_else_does() {
    let token = token(ID, &secret());
    assert_eq!(verify(&token, &secret()), Ok(ID.to_owned()));
    let other = LinkSecret::new(b"another secret of thirty-two byte").expect("32 bytes");
    assert_eq!(verify(&token, &other), Err(LinkError::BadSignature));
    let swapped = token.replacen('0', "1", 1);
    assert_eq!(verify(&swapped, &secret()), Err(LinkError::BadSignature));
    assert!(matches!(
        verify(ID, &secret()),
        Err(LinkError::Malformed(_))
    ));
    let unsubscribe = crate::link::seal(b"unsubscribe:", ID, &secret());
    assert_eq!(
        verify(&unsubscribe, &secret()),
        Err(LinkError::BadSignature)
    );
}

#[test]
fn a_request_takes_defaults_and_names_every_bad_field() {
    let body = r#"{"label": " Pickup Køge ", "touchpoint": "pickup"}"#;
    let made = NewWallboard::from_json(body.as_bytes()).expect("valid");
    assert_eq!(made.label, "Pickup Køge");
    assert_eq!(made.touchpoint.as_deref(), Some("pickup"));
    assert_eq!(made.role, None);
    assert_eq!(made.language, Locale::En);
    assert_eq!(made.expires_in_days, DEFAULT_EXPIRES_IN_DAYS);

    let body = format!(
        r#"{{"label": "{}", "touchpoint": "Pick Up", "role": 3, "language": "es",
            "expires_in_days": 731, "colour": "red"}}"#,
        "x".repeat(81)
    );
    let Err(BodyError::Invalid(errors)) = NewWallboard::from_json(body.as_bytes()) else {
        panic!("invalid");
    };
    let named: Vec<(&str, FieldErrorCode)> =
        errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    for expected in [
        ("colour", FieldErrorCode::Unknown),
        ("label", FieldErrorCode::TooLong),
        ("touchpoint", FieldErrorCode::InvalidFormat),
        ("role", FieldErrorCode::WrongType),
        ("language", FieldErrorCode::InvalidFormat),
        ("expires_in_days", FieldErrorCode::OutOfRange),
    ] {
        assert!(named.contains(&expected), "{expected:?} in {named:?}");
    }
    let Err(BodyError::Invalid(errors)) = NewWallboard::from_json(b"{}") else {
        panic!("a label is required");
    };
    assert_eq!(errors[0].field, "label");
    assert_eq!(errors[0].code, FieldErrorCode::Missing);
}

#[test]
fn the_calendar_is_this_week_this_month_and_twelve_iso_weeks_to_today() {
    let calendar = Calendar::of(day("2026-12-02"));
    assert_eq!(calendar.week.from, day("2026-11-30"));
    assert_eq!(calendar.week.to, day("2026-12-02"));
    assert_eq!(calendar.month.from, day("2026-12-01"));
    assert_eq!(calendar.trend.len(), TREND_WEEKS);
    assert_eq!(calendar.trend[0].from, day("2026-09-14"));
    assert_eq!(calendar.trend[0].to, day("2026-09-20"));
    assert_eq!(calendar.trend[11].from, day("2026-11-30"));
    assert_eq!(calendar.trend[11].to, day("2026-12-02"), "to today");
    assert_eq!(calendar.span().from, day("2026-09-14"));
    // Early in a week and late in a month, the week starts in the month before.
    let calendar = Calendar::of(day("2027-03-01"));
    assert_eq!(calendar.span().from, day("2026-12-14"));
    assert_eq!(calendar.month.from, day("2027-03-01"));
}

#[test]
fn figures_are_the_reports_sums_of_their_days() {
    let calendar = Calendar::of(day("2026-12-09"));
    let rows = [
        on("2026-11-25", 4, 0),
        on("2026-12-01", 1, 1),
        on("2026-12-07", 3, 1),
        on("2026-12-09", 1, 0),
        on("2026-09-21", 0, 2),
    ];
    let read = Read {
        praise: (0..7).map(|i| format!("Tak {i}")).collect(),
        open_cases: 2,
    };
    let figures = Figures::build(&wallboard(), &calendar, &rows, read, 42);
    let week = Tally {
        detractors: 1,
        passives: 0,
        promoters: 4,
    };
    assert_eq!(figures.week.counts, week);
    assert_eq!(figures.week.nps, week.nps());
    let month = Tally {
        detractors: 2,
        passives: 0,
        promoters: 5,
    };
    assert_eq!(figures.month.counts, month);
    assert_eq!(figures.trend.len(), TREND_WEEKS);
    assert_eq!(figures.trend[0].counts.detractors, 2);
    assert_eq!(figures.trend[0].week, Some(39));
    assert_eq!(figures.trend[11].counts, week);
    assert_eq!(figures.trend[10].counts.promoters, 1, "Nov 30 to Dec 6");
    assert_eq!(figures.trend[9].counts.promoters, 4, "Nov 23 to Nov 29");
    assert_eq!(figures.praise.len(), MAX_PRAISE);
    assert_eq!(figures.open_cases, 2);
    assert_eq!(figures.as_of, 42);
}
