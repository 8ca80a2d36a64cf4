//! Runs the built `ambassador-link` binary as a sender would.

use std::process::{Command, Output};
use std::time::{SystemTime, UNIX_EPOCH};

use ambassador_shared::link::{verify, LinkClaims, LinkSecret};
use ambassador_shared::Locale;

const SECRET: &str = "test-secret-0123456789abcdef-0123456789";
const BASE: &str = "https://nps.example.com";

fn run(secret: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ambassador-link"));
    command.args(args).env_remove("AMBASSADOR_LINK_SECRET");
    if let Some(secret) = secret {
        command.env("AMBASSADOR_LINK_SECRET", secret);
    }
    command.output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

fn check(token: &str) -> LinkClaims {
    let secret = LinkSecret::new(SECRET.as_bytes()).expect("long enough");
    verify(token, &secret, now()).expect("the minted token verifies")
}

/// The token in a score URL.
fn token_of(url: &str) -> &str {
    let rest = url.strip_prefix(BASE).expect("base URL");
    let rest = rest.strip_prefix("/v1/l/").expect("click route");
    rest.split('?').next().expect("token")
}

const BUYER: [&str; 13] = [
    "--survey",
    "pickup",
    "--customer-ref",
    "C-1001",
    "--transaction-ref",
    "LOT-42",
    "--role",
    "buyer",
    "--touchpoint",
    "pickup",
    "--locale",
    "sv-SE",
    "--expires-in-days=7",
];

#[test]
fn minted_tokens_verify_with_their_claims() {
    let output = run(Some(SECRET), &[&["token"], &BUYER[..]].concat());
    let claims = check(stdout(&output).trim());
    assert_eq!(claims.survey_id, "pickup");
    assert_eq!(claims.customer_ref.as_deref(), Some("C-1001"));
    assert_eq!(claims.role.as_deref(), Some("buyer"));
    assert_eq!(claims.locale, Locale::Sv);
    let week = 7 * 24 * 3600;
    assert!(claims.expires_at > now() + week - 60 && claims.expires_at <= now() + week);
    assert!(claims
        .issued_at
        .is_some_and(|at| at > now() - 60 && at <= now()));
}

#[test]
fn links_are_eleven_verifying_urls() {
    let output = run(
        Some(SECRET),
        &[&["links", "--base-url", BASE], &BUYER[..]].concat(),
    );
    let text = stdout(&output);
    let urls: Vec<&str> = text.lines().collect();
    assert_eq!(urls.len(), 11);
    for (n, url) in urls.iter().enumerate() {
        assert!(url.ends_with(&format!("?score={n}")), "{url}");
        check(token_of(url));
    }
}

#[test]
fn missing_or_short_secret_is_explained() {
    let missing = run(None, &["token", "--survey", "pickup"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("AMBASSADOR_LINK_SECRET is not set"));
    assert!(missing.stdout.is_empty());

    let short = run(Some("short"), &["token", "--survey", "pickup"]);
    assert_eq!(short.status.code(), Some(1));
    assert!(stderr(&short).contains("at least 32"));
}

#[test]
fn bad_options_exit_with_usage_errors() {
    let output = run(Some(SECRET), &["token", "--survey", "Pick Up"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("survey_id"));

    let output = run(
        Some(SECRET),
        &[
            "email",
            "--survey",
            "pickup",
            "--base-url",
            BASE,
            "--brand",
            "B",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--brand"));

    let surveys = surveys_file("no-pickup.toml", "nothing-here");
    let output = run(
        Some(SECRET),
        &[
            "email",
            "--survey",
            "pickup",
            "--base-url",
            BASE,
            "--surveys",
            &surveys,
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no survey \"pickup\""));
}

/// A survey file in the tests' scratch space defining survey `id` with a
/// brand to escape and its own Swedish question; its path.
fn surveys_file(name: &str, id: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let text = format!(
        "[[survey]]\nid = \"{id}\"\nbrand = \"Bid & <Hammer>\"\n\
         allowed_origins = [\"https://x.example\"]\n\
         question = {{ sv = \"Tänk på upphämtningen: rekommenderar du {{brand}}?\" }}\n"
    );
    std::fs::write(&path, text).expect("write the survey file");
    path.to_str().expect("UTF-8 path").to_owned()
}

#[test]
fn help_explains_per_recipient_minting() {
    let text = stdout(&run(None, &["--help"]));
    assert!(text.contains("Each recipient needs their own links"));
    assert!(text.contains("--csv FILE"));
}

#[test]
fn email_asks_the_surveys_own_question_with_eleven_verifying_links_and_the_honeypot() {
    let surveys = surveys_file("pickup.toml", "pickup");
    let args = [
        &["email", "--base-url", BASE, "--surveys", surveys.as_str()],
        &BUYER[..],
    ]
    .concat();
    let html = stdout(&run(Some(SECRET), &args));
    let hrefs: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(hrefs.len(), 12);
    for href in &hrefs {
        check(token_of(href));
    }
    assert!(hrefs[11].ends_with("?honeypot=1"), "{}", hrefs[11]);
    assert!(hrefs[..11].iter().all(|h| h.contains("?score=")));
    // The survey's question in the recipient's language (sv-SE), with the
    // brand escaped.
    assert!(html.contains("Tänk på upphämtningen: rekommenderar du Bid &amp; &lt;Hammer&gt;?"));
    assert!(html.contains("Inte alls troligt"));
    assert!(!html.contains("<Hammer>"));
}

#[test]
fn csv_batch_mints_a_row_per_recipient() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("recipients.csv");
    let input = "email,customer_ref,transaction_ref,role,locale\n\
                 \"anna@example.com\",C-1,\"LOT-42, hall B\",buyer,da\n\
                 bo@example.com,C-2,\"LOT-42, hall B\",seller,\n";
    std::fs::write(&path, input).expect("write CSV");
    let path = path.to_str().expect("UTF-8 path");
    let args = [
        "links",
        "--base-url",
        BASE,
        "--survey",
        "pickup",
        "--csv",
        path,
    ];
    let text = stdout(&run(Some(SECRET), &args));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    assert_eq!(&headers[0], "email");
    assert_eq!(&headers[5], "token");
    assert_eq!(&headers[16], "score_10");
    assert_eq!(&headers[17], "honeypot");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    let buyer = check(&rows[0][5]);
    let seller = check(&rows[1][5]);
    assert_eq!(buyer.transaction_ref.as_deref(), Some("LOT-42, hall B"));
    assert_eq!((buyer.locale, seller.locale), (Locale::Da, Locale::En));
    assert_eq!(seller.role.as_deref(), Some("seller"));
    assert_eq!(token_of(&rows[1][16]), &rows[1][5]);
    assert!(rows[1][17].ends_with("?honeypot=1"));
    assert_eq!(token_of(&rows[1][17]), &rows[1][5]);
}

#[test]
fn csv_batch_reports_every_bad_row_and_prints_nothing() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad.csv");
    std::fs::write(&path, "customer_ref,role\nC-1,Buyer\nC-2,buyer\nC-3,x y\n").expect("write");
    let path = path.to_str().expect("UTF-8 path");
    let args = [
        "links",
        "--base-url",
        BASE,
        "--survey",
        "pickup",
        "--csv",
        path,
    ];
    let output = run(Some(SECRET), &args);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let errors = stderr(&output);
    assert!(
        errors.contains("line 2:") && errors.contains("line 4:"),
        "{errors}"
    );
    assert!(!errors.contains("line 3:"));
}
