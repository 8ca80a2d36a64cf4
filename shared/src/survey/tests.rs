use super::*;

const EXAMPLE: &str = include_str!("../../../surveys.toml");

fn example() -> Surveys {
    Surveys::from_toml_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"))
}

fn pickup() -> SurveyDefinition {
    example().get("pickup").cloned().expect("pickup survey")
}

/// A minimal valid survey followed by `extra` lines inside its table.
fn with(extra: &str) -> Result<Surveys, SurveysError> {
    let text = format!(
        "[[survey]]\nid = \"s\"\nbrand = \"B\"\nallowed_origins = [\"https://b.example\"]\n{extra}"
    );
    Surveys::from_toml_str(&text)
}

fn errors(extra: &str) -> Vec<FieldError> {
    match with(extra) {
        Err(SurveysError::Invalid(errors)) => errors,
        other => panic!("expected validation errors for {extra:?}, got {other:?}"),
    }
}

#[test]
fn the_example_file_is_valid() {
    let surveys = example();
    let demo = surveys.get("demo").expect("demo survey");
    assert_eq!(demo.brand, "Ambassador Demo");
    assert_eq!(demo.throttle_days, DEFAULT_THROTTLE_DAYS);
    assert_eq!(demo.retention_months, DEFAULT_RETENTION_MONTHS);
    assert_eq!(demo.click_settle_seconds, DEFAULT_CLICK_SETTLE_SECONDS);
    assert!(demo.allows_origin("http://127.0.0.1:8787"));
    assert!(demo.destinations.is_empty());

    let pickup = pickup();
    let routed = |c| {
        pickup
            .destinations_for(c)
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(routed(Category::Detractor), ["customer-service"]);
    assert_eq!(routed(Category::Passive), Vec::<&str>::new());
    assert_eq!(routed(Category::Promoter), ["staff"]);
    assert_eq!(
        pickup.destinations[0].kind,
        DestinationKind::Webhook {
            secret_env: "CS_WEBHOOK_SECRET".to_owned()
        }
    );
    assert!(pickup.allows_origin("https://www.nordauktion.example"));
    assert!(!pickup.allows_origin("https://evil.example"));
    // demo and pickup: test surveys live in tests/surveys.toml.
    assert_eq!(surveys.iter().count(), 2);
    assert!(surveys.get("nope").is_none());
}

#[test]
fn the_test_builds_surveys_are_valid() {
    let text = include_str!("../../../tests/surveys.toml");
    let surveys = Surveys::from_toml_str(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        surveys.get("case-test").map(|s| s.cases.sla_hours),
        Some(24)
    );
    let months = |id| surveys.get(id).map(|s| s.retention_months);
    assert_eq!(months("retention-test"), Some(1));
    assert_eq!(months("erasure-a"), Some(DEFAULT_RETENTION_MONTHS));
    assert!(surveys.get("dashboard-test").is_some());
}

#[test]
fn defaults_fill_in_the_brand_in_every_locale() {
    let demo = example().get("demo").cloned().expect("demo survey");
    for locale in Locale::ALL {
        let question = demo.question(locale);
        assert!(question.contains("Ambassador Demo"), "{locale}: {question}");
        assert!(!question.contains('{'), "{locale}: {question}");
    }
    assert_eq!(
        demo.follow_up(Locale::De, Category::Detractor),
        "Was hat Sie enttäuscht?"
    );
}

#[test]
fn texts_fall_back_to_the_locale_then_english_then_the_default() {
    let pickup = pickup();
    let sv = pickup.public_view(Locale::Sv);
    assert!(sv.question.starts_with("Tänk på din upphämtning"));
    assert!(sv.question.contains("Nordauktion"));
    assert_eq!(sv.follow_up.detractor, "Vad gick fel när du hämtade?");
    assert_eq!(sv.follow_up.passive, "Vad kan vi göra bättre?");

    let de = pickup.public_view(Locale::De);
    assert!(de.question.starts_with("Thinking of your pickup"));
    assert_eq!(de.follow_up.passive, "Was könnten wir besser machen?");
    let ExtraKind::Choice { options } = &de.extra_questions[0].kind else {
        panic!("choice question expected");
    };
    assert_eq!(options[0].label, "Friendly staff");

    let nb = pickup.public_view(Locale::Nb);
    assert_eq!(nb.extra_questions[0].label, "Hva betydde mest for deg?");
}

#[test]
fn the_public_view_carries_no_destinations_or_secrets() {
    let view = pickup().public_view(Locale::Da);
    let json = serde_json::to_string(&view).expect("json");
    for hidden in [
        "destinations",
        "secret_env",
        "CS_WEBHOOK_SECRET",
        "9911",
        "allowed_origins",
    ] {
        assert!(!json.contains(hidden), "{hidden} leaked: {json}");
    }
    let back: PublicSurvey = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, view);
}

#[test]
fn json_round_trips_and_revalidates() {
    let surveys = example();
    let json = serde_json::to_string(&surveys).expect("json");
    let back: Surveys = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, surveys);

    let tampered = json.replace("https://www.nordauktion.example", "http://evil.example");
    let err = serde_json::from_str::<Surveys>(&tampered).expect_err("revalidated");
    assert!(
        err.to_string().contains("survey[1].allowed_origins[0]"),
        "{err}"
    );
}

#[test]
fn each_mistake_names_its_path() {
    let cases: [(&str, &str, FieldErrorCode); 21] = [
        ("click_settle_seconds = 0", "survey[0].click_settle_seconds", FieldErrorCode::OutOfRange),
        ("click_settle_seconds = 43201", "survey[0].click_settle_seconds", FieldErrorCode::OutOfRange),
        ("throttle_days = 400", "survey[0].throttle_days", FieldErrorCode::OutOfRange),
        ("retention_months = 0", "survey[0].retention_months", FieldErrorCode::OutOfRange),
        ("retention_months = 121", "survey[0].retention_months", FieldErrorCode::OutOfRange),
        ("retention_months = -24", "survey[0].retention_months", FieldErrorCode::OutOfRange),
        ("throttle_days = -1", "survey[0].throttle_days", FieldErrorCode::OutOfRange),
        ("question = { sv = \" \" }", "survey[0].question.sv", FieldErrorCode::Missing),
        ("follow_up.passive = { da = \"\" }", "survey[0].follow_up.passive.da", FieldErrorCode::Missing),
        ("[[survey.extra_questions]]\nid = \"q\"\nkind = \"text\"\nlabel = { sv = \"Fråga\" }", "survey[0].extra_questions[0].label.en", FieldErrorCode::Missing),
        ("[[survey.extra_questions]]\nid = \"q\"\nkind = \"choice\"\nlabel = { en = \"Q\" }\noptions = [{ id = \"a\", label = { en = \"A\" } }]", "survey[0].extra_questions[0].options", FieldErrorCode::Missing),
        ("[[survey.extra_questions]]\nid = \"q\"\nkind = \"text\"\nlabel = { en = \"Q\" }\noptions = []", "survey[0].extra_questions[0].options", FieldErrorCode::Unknown),
        ("[[survey.extra_questions]]\nid = \"Q 1\"\nkind = \"text\"\nlabel = { en = \"Q\" }", "survey[0].extra_questions[0].id", FieldErrorCode::InvalidFormat),
        ("[[survey.extra_questions]]\nlabel = { en = \"Q\" }\nid = \"q\"", "survey[0].extra_questions[0].kind", FieldErrorCode::Missing),
        ("[[survey.destinations]]\nid = \"d\"\nkind = \"webhook\"\nurl = \"http://crm.example/hook\"\nsecret_env = \"S\"\ncategories = [\"detractor\"]", "survey[0].destinations[0].url", FieldErrorCode::InvalidFormat),
        ("[[survey.destinations]]\nid = \"d\"\nkind = \"webhook\"\nurl = \"https://crm.example/hook\"\ncategories = [\"detractor\"]", "survey[0].destinations[0].secret_env", FieldErrorCode::Missing),
        ("[[survey.destinations]]\nid = \"d\"\nkind = \"webhook\"\nurl = \"https://crm.example/hook\"\nsecret_env = \"cs-secret\"\ncategories = [\"detractor\"]", "survey[0].destinations[0].secret_env", FieldErrorCode::InvalidFormat),
        ("[[survey.destinations]]\nid = \"d\"\nkind = \"slack\"\nurl = \"https://hooks.slack.com/x\"\nsecret_env = \"S\"\ncategories = [\"promoter\"]", "survey[0].destinations[0].secret_env", FieldErrorCode::Unknown),
        ("[[survey.destinations]]\nid = \"d\"\nkind = \"slack\"\nurl = \"https://hooks.slack.com/x\"", "survey[0].destinations[0].categories", FieldErrorCode::Missing),
        ("[[survey.destinations]]\nid = \"d\"\nkind = \"slack\"\nurl = \"https://hooks.slack.com/x\"\ncategories = [\"promoter\", \"promoter\"]", "survey[0].destinations[0].categories[1]", FieldErrorCode::Duplicate),
        ("[[survey.destinations]]\nid = \"d\"\nkind = \"slack\"\ncategories = [\"promoter\"]", "survey[0].destinations[0].url", FieldErrorCode::Missing),
    ];
    for (extra, field, code) in cases {
        let errors = errors(extra);
        assert!(
            errors.iter().any(|e| e.field == field && e.code == code),
            "{extra:?} should give {code:?} at {field}, got {errors:?}"
        );
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = r#"
[[survey]]
id = "Shop"
allowed_origins = ["https://shop.example/", "https://shop.example/", "http://shop.example"]
throttle_days = 1000

[[survey.destinations]]
id = "cs"
kind = "webhook"
url = "ftp://crm.example"
secret_env = "CS"
categories = ["detractor"]

[[survey.destinations]]
id = "cs"
kind = "slack"
url = "https://hooks.slack.com/x"
categories = ["promoter"]

[[survey]]
id = "ok"
brand = "OK"
allowed_origins = []

[[survey]]
id = "ok"
brand = "Again"
allowed_origins = []
"#;
    let err = Surveys::from_toml_str(text).expect_err("invalid");
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "survey[2].id",
            "survey[0].id",
            "survey[0].brand",
            "survey[0].allowed_origins[1]",
            "survey[0].allowed_origins[0]",
            "survey[0].allowed_origins[1]",
            "survey[0].allowed_origins[2]",
            "survey[0].throttle_days",
            "survey[0].destinations[1].id",
            "survey[0].destinations[0].url",
        ]
    );
    let report = err.to_string();
    assert!(
        report.starts_with("10 problem(s) in the survey file:"),
        "{report}"
    );
    assert!(
        report.contains("\n  survey[2].id: \"ok\" is already used by survey[1]"),
        "{report}"
    );
}

#[test]
fn structural_mistakes_are_syntax_errors_with_a_line() {
    for (extra, needle) in [
        ("colour = \"red\"", "colour"),
        ("question = { es = \"¿Qué?\" }", "es"),
        (
            "[[survey.destinations]]\nid = \"d\"\nkind = \"email\"",
            "email",
        ),
        (
            "[[survey.destinations]]\nid = \"d\"\ncategories = [\"promoters\"]",
            "promoters",
        ),
        ("throttle_days = \"30\"", "throttle_days"),
    ] {
        match with(extra) {
            Err(SurveysError::Syntax(why)) => {
                assert!(why.contains(needle), "{extra:?}: {why}");
                assert!(why.contains("line"), "{extra:?}: {why}");
            }
            other => panic!("{extra:?} should be a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn an_empty_file_has_no_surveys() {
    let err = Surveys::from_toml_str("").expect_err("empty");
    assert_eq!(err.field_errors()[0].field, "survey");
}

#[test]
fn cases_open_for_detractors_within_two_days_unless_told_otherwise() {
    let default = with("").expect("valid");
    let rules = &default.get("s").expect("survey").cases;
    assert_eq!(rules, &CaseRules::default());
    assert!(rules.opens_for(Category::Detractor) && !rules.opens_for(Category::Passive));
    assert_eq!(rules.sla_hours, 48);

    let custom = with("[survey.cases]\ncategories = [\"detractor\", \"passive\"]\nsla_hours = 24")
        .expect("valid");
    let rules = &custom.get("s").expect("survey").cases;
    assert!(rules.opens_for(Category::Passive));
    assert_eq!(rules.sla_hours, 24);

    let bad = errors("[survey.cases]\nsla_hours = 0");
    assert_eq!(bad[0].field, "survey[0].cases.sla_hours");
    assert!(
        bad[0].message.contains("from 1 to 720"),
        "{}",
        bad[0].message
    );
}

#[test]
fn answers_are_kept_two_years_unless_told_otherwise() {
    let months = |extra: &str| {
        with(extra)
            .expect("valid")
            .get("s")
            .map(|s| s.retention_months)
    };
    assert_eq!(months(""), Some(DEFAULT_RETENTION_MONTHS));
    assert_eq!(DEFAULT_RETENTION_MONTHS, 24);
    assert_eq!(months("retention_months = 6"), Some(6));
    assert_eq!(months("retention_months = 120"), Some(MAX_RETENTION_MONTHS));

    let bad = errors("retention_months = 0");
    assert!(
        bad[0].message.contains("from 1 to 120"),
        "{}",
        bad[0].message
    );
}

#[test]
fn the_time_zone_is_the_deployments_utc_unless_the_file_names_one() {
    assert_eq!(with("").expect("valid").time_zone(), "UTC");
    assert_eq!(example().time_zone(), "Europe/Copenhagen");
    let text = "time_zone = \"Europe/Stockholm\"\n[[survey]]\nid = \"s\"\nbrand = \"B\"\n";
    let surveys = Surveys::from_toml_str(text).expect("valid");
    assert_eq!(surveys.time_zone(), "Europe/Stockholm");
    let json = serde_json::to_string(&surveys).expect("serializes");
    let back: Surveys = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back.time_zone(), "Europe/Stockholm");
    // The build script resolves the name; the file's check refuses what
    // cannot be one, naming the field.
    let text = "time_zone = \"Copenhagen time\"\n[[survey]]\nid = \"s\"\nbrand = \"B\"\n";
    let Err(SurveysError::Invalid(errors)) = Surveys::from_toml_str(text) else {
        panic!("a zone name with a space is refused");
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "time_zone");
    assert!(
        errors[0].message.contains("Europe/Copenhagen"),
        "{errors:?}"
    );
}
