//! Harness for the cross-part tests: the Worker under test, its local D1, a
//! WebDriver session in headless Chromium, and a webmaster's site on its own
//! origin that embeds the widget (`host`).
//!
//! `cargo xtask test` starts the Worker (workerd via `wrangler dev`, on a
//! fresh local D1) and a ChromeDriver, then runs these tests with
//! `AMBASSADOR_URL` and `WEBDRIVER_URL` set. Tests share the
//! Worker, so each one makes its own ids and never assumes an empty table.

pub mod burst;
pub mod dashboard;
pub mod host;
pub mod looks;
pub mod page;
pub mod proxy;
pub mod receiver;
pub mod slack_preview;

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use ambassador_shared::answer::submission::uuid_v4;
use ambassador_shared::link::{LinkClaims, LinkSecret};
use ambassador_shared::local_time::Zone;
use ambassador_shared::survey::Surveys;
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};

fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: run these tests with `cargo xtask test`"))
}

/// The deployment's time zone, as the survey file names it, resolved here
/// from the IANA database on its own (not read from the Worker), so a test
/// can check the Worker's days against it.
pub fn zone() -> &'static Zone {
    static ZONE: std::sync::OnceLock<Zone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../surveys.toml");
        let text = std::fs::read_to_string(&path).expect("the survey file");
        let surveys = Surveys::from_toml_str(&text).expect("a valid survey file");
        Zone::named(surveys.time_zone()).expect("a known zone")
    })
}

/// What `GET /v1/session` (and signing in) answers for `name` in `role`:
/// who, and the deployment's time zone the dashboard counts its days in.
pub fn signed_in_as(name: &str, role: &str) -> Value {
    json!({"name": name, "role": role, "time_zone": zone()})
}

/// The Worker's base URL, e.g. `http://127.0.0.1:38211`.
pub fn worker_url() -> String {
    env("AMBASSADOR_URL")
}

/// `path` on the Worker.
pub fn url(path: &str) -> String {
    format!("{}{path}", worker_url())
}

/// A local secret the Worker runs with, from `edge/.dev.vars` (written by
/// `cargo xtask` with random values), so tests can sign and verify like it.
pub fn dev_var(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../edge/.dev.vars");
    let text = std::fs::read_to_string(&path).expect("edge/.dev.vars exists");
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("{name} missing from edge/.dev.vars"))
        .to_owned()
}

/// A fresh random response id.
pub fn new_id() -> String {
    uuid_v4(random_bytes())
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .expect("/dev/urandom is readable");
    bytes
}

/// The rows of one SQL statement run on the Worker's D1 (a write returns
/// none), through the test build's `POST /__sql` (`edge/src/probe.rs`): in
/// the Worker's own process, which owns the SQLite file, so a test's read
/// never holds a lock the Worker's writes meet.
///
/// A read is sent again when `wrangler dev`'s proxy lost its connection to
/// the Worker (its 503 "restarted mid-request", seen once in CI on a
/// loaded machine): the proxy retries only GETs itself, and a read is safe
/// to repeat. A write is not repeated, so a test never does one twice.
pub fn d1(sql: &str) -> Vec<Value> {
    let read = ["select", "with"]
        .iter()
        .any(|verb| sql.trim_start().to_ascii_lowercase().starts_with(verb));
    let mut attempt = 1;
    loop {
        match post_sql(sql) {
            Err(body) if read && attempt < 3 && body.contains("restarted mid-request") => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(250));
            }
            Err(failure) => panic!("{sql}\nfailed: {failure}"),
            Ok(body) => {
                return serde_json::from_str(&body)
                    .unwrap_or_else(|e| panic!("{sql}\nanswered {body}: {e}"))
            }
        }
    }
}

/// Posts one statement to `/__sql`: the answer's body, or what failed.
fn post_sql(sql: &str) -> Result<String, String> {
    let mut curl = Command::new("curl")
        .args([
            "-sS",
            "--fail-with-body",
            "-X",
            "POST",
            "--data-binary",
            "@-",
        ])
        .arg(url("/__sql"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("curl runs");
    curl.stdin
        .take()
        .expect("curl's stdin")
        .write_all(sql.as_bytes())
        .expect("the statement is sent");
    let output = curl.wait_with_output().expect("curl answers");
    let body = String::from_utf8_lossy(&output.stdout).into_owned();
    match output.status.success() {
        true => Ok(body),
        false => Err(format!("{body}{}", String::from_utf8_lossy(&output.stderr))),
    }
}

/// How long an acknowledged answer may take to reach D1: the intake queue's
/// batch wait (a second locally) and the consumer's write, with room for a
/// busy machine.
const INTAKE_LIMIT: Duration = Duration::from_secs(20);
/// How long to watch for a row that must never appear: longer than the
/// intake queue takes to write one that would.
const NEVER_WATCH: Duration = Duration::from_secs(4);

/// The stored row for response `id`, once intake has written it; `None` if
/// it has not within [`INTAKE_LIMIT`].
pub fn stored_response(id: &str) -> Option<Value> {
    eventually(INTAKE_LIMIT, || row_now(id))
}

/// The stored row for `id` once `done` holds for it; panics with the last
/// row seen if it does not within [`INTAKE_LIMIT`].
pub fn stored_response_where(id: &str, done: impl Fn(&Value) -> bool) -> Value {
    eventually(INTAKE_LIMIT, || row_now(id).filter(&done))
        .unwrap_or_else(|| panic!("the row of {id} never got there: {:?}", row_now(id)))
}

/// True when no row for `id` appears while intake would have written it.
pub fn never_stored(id: &str) -> bool {
    eventually(NEVER_WATCH, || row_now(id)).is_none()
}

/// Waits as long as intake takes to write an answer, for a test that must
/// show a write changed nothing.
pub fn after_intake() {
    std::thread::sleep(NEVER_WATCH);
}

fn row_now(id: &str) -> Option<Value> {
    // ids come from `new_id`, so they are safe to inline.
    assert!(id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'));
    d1(&format!("SELECT * FROM responses WHERE id = '{id}'"))
        .into_iter()
        .next()
}

/// Asks `probe` until it answers or `limit` has passed.
pub fn eventually<T>(limit: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(found) = probe() {
            return Some(found);
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Every stored answer with this comment, all columns, once intake has
/// written at least one. Tests make their comments unique, so this finds
/// their own answers.
pub fn rows_with_comment(comment: &str) -> Vec<Value> {
    let quoted = comment.replace('\'', "''");
    let sql = format!("SELECT * FROM responses WHERE comment = '{quoted}'");
    eventually(INTAKE_LIMIT, || {
        Some(d1(&sql)).filter(|rows| !rows.is_empty())
    })
    .unwrap_or_default()
}

/// The port of test survey `survey`'s webhook receiver in this run: xtask
/// picks a free one per run (xtask/src/receivers.rs) and tells the Worker.
pub fn receiver_port(survey: &str) -> u16 {
    let name = survey.to_ascii_uppercase().replace('-', "_");
    let var = format!("AMBASSADOR_RECEIVER_{name}");
    env(&var)
        .parse()
        .unwrap_or_else(|_| panic!("{var} is not a port"))
}

/// A valid submission body for the demo survey.
pub fn submission(id: &str, score: i64) -> Value {
    json!({
        "id": id, "survey_id": "demo", "score": score, "locale": "en",
        "context": {"touchpoint": "web"}
    })
}

/// An HTTP client for the Worker, as a client of its own: the Worker limits
/// writes per client IP, and tests share it, so each client gets a fresh
/// address in `cf-connecting-ip` (which `wrangler dev` keeps, like a proxy).
pub fn http() -> reqwest::Client {
    let [a, b, c] = random_bytes();
    http_as(&format!("10.{a}.{b}.{c}"))
}

/// Sends `request` (with `body` as JSON, if any) and returns the status and
/// the JSON answer (null when the answer is not JSON).
pub async fn send_json(request: reqwest::RequestBuilder, body: Option<Value>) -> (u16, Value) {
    let request = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(body.to_string()),
        None => request,
    };
    let response = request.send().await.expect("the Worker answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Posts answers to `survey` at `touchpoint`, each a score and perhaps a
/// comment, one after another (so the newest is the last), and waits until
/// all are stored.
pub async fn answer_at(survey: &str, touchpoint: &str, answers: &[(i64, Option<&str>)]) {
    let mut ids = Vec::new();
    for (score, comment) in answers {
        let id = new_id();
        let mut body = json!({"id": id, "survey_id": survey, "score": score, "locale": "da",
                              "context": {"touchpoint": touchpoint}});
        if let Some(comment) = comment {
            body["comment"] = json!(comment);
        }
        let (status, reply) = post_response(body.to_string()).await;
        assert_eq!(status, 202, "{reply}");
        ids.push(id);
    }
    for id in ids {
        stored_response(&id).unwrap_or_else(|| panic!("{id} was never stored"));
    }
}

/// Makes a wallboard of `survey` from `body` with the API key: the status
/// and the answer.
pub async fn make_wallboard(survey: &str, body: Value) -> (u16, Value) {
    let request = http()
        .post(url(&format!("/v1/surveys/{survey}/wallboards")))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")));
    send_json(request, Some(body)).await
}

/// POSTs `body` to `/v1/responses` from a fresh client address; the status
/// and the JSON answer (null when the answer is not JSON).
pub async fn post_response(body: impl Into<reqwest::Body>) -> (u16, Value) {
    let response = http()
        .post(url("/v1/responses"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("the Worker answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// POSTs an answer that must be taken in (202), and waits until intake has
/// stored it; its id.
pub async fn post_and_store(body: &Value) -> String {
    let (status, answer) = post_response(body.to_string()).await;
    assert_eq!(status, 202, "{answer}");
    let id = body["id"].as_str().expect("the body has an id").to_owned();
    stored_response(&id).unwrap_or_else(|| panic!("{id} was acknowledged but never stored"));
    id
}

/// Runs the daily Cron Trigger now, through `wrangler dev`'s
/// `/__scheduled` (the Worker is started with `--test-scheduled`).
pub async fn run_the_daily_trigger() {
    let response = http()
        .get(url("/__scheduled?cron=0+6+*+*+*"))
        .send()
        .await
        .expect("wrangler dev runs the trigger");
    assert_eq!(response.status().as_u16(), 200);
}

/// Runs the deployment's hourly Cron Trigger as if it fired at `at_ms`
/// (unix ms): the test build reads the time written after the expression
/// (`chosen_time` in `edge/src/lib.rs`), since `/__scheduled` passes only
/// the expression. A test chooses the local weekday and hour.
pub async fn run_the_hourly_trigger_at(at_ms: i64) {
    let response = http()
        .get(url(&format!("/__scheduled?cron=0+*+*+*+*+@{at_ms}")))
        .send()
        .await
        .expect("wrangler dev runs the trigger");
    assert_eq!(response.status().as_u16(), 200);
}

/// One `switch_*` test at a time, even when a selection runs tests in
/// parallel (`cargo xtask test` runs them one at a time anyway): a switch
/// holds for the whole Worker, and their receivers share ports. Hold the
/// guard for the whole test.
pub static SWITCH_TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Turns the test build's switch `name` on or off (`edge/src/switches.rs`):
/// it holds for the whole Worker, so only the `switch_*` tests, which run
/// alone, flip one.
pub async fn switch(name: &str, on: bool) {
    let response = http()
        .put(url(&format!("/__switches/{name}")))
        .body(if on { "on" } else { "off" })
        .send()
        .await
        .expect("the Worker answers");
    assert_eq!(response.status().as_u16(), 204, "switching {name}");
}

/// A customer's click on `score` in the email whose link carries `token`,
/// from a fresh client address; redirects are not followed.
pub async fn click(token: &str, score: impl std::fmt::Display) -> reqwest::Response {
    http()
        .get(url(&format!("/v1/l/{token}?score={score}")))
        .send()
        .await
        .expect("the Worker answers")
}

/// The key the Worker signs email links with (`LINK_SECRET`).
pub fn link_secret() -> LinkSecret {
    LinkSecret::new(dev_var("LINK_SECRET").as_bytes()).expect("xtask writes a strong secret")
}

/// The link token of `claims` as the Worker minted them before tokens were
/// opaque (base64url JSON, `.`, HMAC-SHA256 under `LINK_SECRET`), written
/// here from that format's description (docs/email-links.md) so the tests
/// show links still in inboxes keep working, whatever the Worker now mints.
pub fn signed_token_of_before(claims: &LinkClaims) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use hmac::{KeyInit, Mac};
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialize"));
    let mut mac =
        <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(dev_var("LINK_SECRET").as_bytes())
            .expect("HMAC takes any key");
    mac.update(payload.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{payload}.{signature}")
}

/// The claims of an email link to `survey_id` for a fresh customer, in
/// English, minted an hour ago (long enough for no scanner rule to suspect a
/// click), valid for an hour, with `touchpoint` and `role` when given.
pub fn email_claims(survey_id: &str, touchpoint: Option<&str>, role: Option<&str>) -> LinkClaims {
    LinkClaims {
        survey_id: survey_id.to_owned(),
        customer_ref: Some(new_id()),
        transaction_ref: None,
        touchpoint: touchpoint.map(str::to_owned),
        role: role.map(str::to_owned),
        locale: ambassador_shared::Locale::En,
        expires_at: unix_now() + 3600,
        issued_at: Some(unix_now() - 3600),
    }
}

/// Seconds since the epoch, as link expiries count them.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// An HTTP client whose requests come from client address `ip`.
pub fn http_as(ip: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    let ip = reqwest::header::HeaderValue::from_str(ip).expect("an IP is a valid header value");
    headers.insert("cf-connecting-ip", ip);
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest builds a plain HTTP client")
}

/// A browser engine a customer may use; each has its own WebDriver server,
/// started by `cargo xtask test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Chrome, Edge and most Android browsers: headless Chromium.
    Chromium,
    /// Firefox ESR, headless.
    Firefox,
    /// Safari's engine: WebKitGTK's MiniBrowser on a virtual display.
    WebKit,
}

/// A new headless Chromium session. Flags as in shared/TOOLCHAIN.md: the
/// background-networking ones keep Chromium off the closed network.
pub async fn browser() -> Client {
    browser_speaking("en-US,en").await
}

/// A new headless Chromium session whose user prefers `languages` (an
/// Accept-Language list such as `da-DK,da`), for locale negotiation tests.
pub async fn browser_speaking(languages: &str) -> Client {
    let profile = std::env::temp_dir().join(format!("ambassador-chromium-{}", new_id()));
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1024,768",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect::<Vec<_>>();
    session(
        "WEBDRIVER_URL",
        json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium", "args": args,
                "prefs": {"intl": {"accept_languages": languages}}
            }
        }),
    )
    .await
}

/// A new session in `engine`, in English, with a 1024x768 window.
pub async fn browser_of(engine: Engine) -> Client {
    let client = match engine {
        Engine::Chromium => return browser().await,
        Engine::Firefox => {
            let capabilities = json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": "/usr/bin/firefox-esr", "args": ["-headless"],
                    "prefs": {"intl.accept_languages": "en-US,en"}
                }
            });
            session("GECKODRIVER_URL", capabilities).await
        }
        Engine::WebKit => {
            let capabilities = json!({
                "webkitgtk:browserOptions": {
                    "binary": "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                    "args": ["--automation"]
                }
            });
            session("WEBKITDRIVER_URL", capabilities).await
        }
    };
    client
        .set_window_size(1024, 768)
        .await
        .expect("the window resizes");
    client
}

/// A WebDriver session with `capabilities` from the server in `driver_var`.
async fn session(driver_var: &str, capabilities: Value) -> Client {
    let Value::Object(capabilities) = capabilities else {
        unreachable!("a JSON object literal")
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&env(driver_var))
        .await
        .unwrap_or_else(|e| panic!("the WebDriver server at {driver_var} accepts a session: {e}"))
}
