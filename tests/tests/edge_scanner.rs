//! Clicks that a person made: a mail scanner that opens every link of an
//! email is kept as `suspect`, never counted, forwarded or given a case; a
//! person who clicks and leaves is counted and forwarded once the survey's
//! quiet period is over; a person who confirms is forwarded at once, once.
//!
//! The scanner is headless Chromium with its ordinary user agent and
//! JavaScript on, opening the twelve links of an email rendered by the
//! shared email block (eleven scores and the hidden honeypot). The surveys
//! are `scanner-test` (settles after 3 s, every category to one receiver)
//! and `settle-test` (2 s, no destinations) in tests/surveys.toml.

use std::time::Duration;

use ambassador_shared::link::email::{render, EmailCopy};
use ambassador_shared::link::scanner::SEVERAL_SCORES_WINDOW_MS;
use ambassador_shared::link::{sign, LinkClaims};
use ambassador_tests::page::{comment_and_send, thanks};
use ambassador_tests::receiver::Receiver;
use ambassador_tests::{
    browser, d1, dev_var, email_claims, eventually, http, link_secret, new_id, unix_now, url,
    worker_url,
};
use serde_json::Value;

const HOST: &str = ".ambassador-survey";

/// One test at a time holds `scanner-test`'s receiver port, also when a
/// selection runs this module's tests in parallel.
static RECEIVER_TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Claims for `survey` with a touchpoint of the test's own, minted an hour
/// ago, and their token and response id.
fn email(survey: &str) -> (LinkClaims, String, String) {
    let touchpoint = format!("sc-{}", &new_id()[..8]);
    let claims = email_claims(survey, Some(&touchpoint), Some("buyer"));
    let token = sign(&claims, &link_secret()).expect("valid claims");
    let id = claims.response_id(&link_secret());
    (claims, token, id)
}

/// The row's state and suspicion once it is no longer waiting to settle.
fn settled(id: &str) -> Value {
    let sql = format!("SELECT state, suspect, confirmed FROM responses WHERE id = '{id}'");
    eventually(Duration::from_secs(30), || {
        d1(&sql)
            .pop()
            .filter(|row| row["state"] != "pending" && row["state"].is_string())
    })
    .unwrap_or_else(|| panic!("{id} settles within 30 s: {:?}", d1(&sql)))
}

fn visits(id: &str) -> Vec<Value> {
    d1(&format!(
        "SELECT at, score FROM link_visits WHERE response_id = '{id}' ORDER BY at"
    ))
}

fn cases(id: &str) -> usize {
    d1(&format!("SELECT id FROM cases WHERE id = '{id}'")).len()
}

/// The report's answers, as counted, for the touchpoint of the email
/// `claims` (each test's own) in its survey.
async fn counted(claims: &LinkClaims) -> u64 {
    let (survey, touchpoint) = (
        &claims.survey_id,
        claims.touchpoint.as_deref().unwrap_or_default(),
    );
    let path = format!("/v1/surveys/{survey}/report?touchpoint={touchpoint}");
    let mut report = Value::Null;
    // Other tests flood D1 with writes: a busy 503 is asked again.
    for _ in 0..10 {
        let response = http()
            .get(url(&path))
            .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
            .send()
            .await
            .expect("the Worker answers");
        let status = response.status().as_u16();
        report = response.json().await.expect("json");
        match status {
            200 => break,
            503 => tokio::time::sleep(Duration::from_millis(300)).await,
            other => panic!("{other}: {report}"),
        }
    }
    let overall = &report["overall"];
    assert!(overall.is_object(), "{report}");
    ["detractors", "passives", "promoters"]
        .iter()
        .filter_map(|k| overall[k].as_u64())
        .sum()
}

/// The events the receiver accepted for answer `id`.
fn events_for(receiver: &Receiver, id: &str) -> Vec<Value> {
    receiver
        .requests("/all")
        .iter()
        .filter(|r| r.accepted() && r.id().starts_with(id))
        .map(|r| r.verified())
        .collect()
}

async fn click(token: &str, query: &str) -> u16 {
    let response = http()
        .get(url(&format!("/v1/l/{token}?{query}")))
        .send()
        .await
        .expect("the Worker answers");
    response.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scanner_is_kept_apart_and_people_are_counted_and_forwarded_once() {
    let _turn = RECEIVER_TURN.lock().await;
    let receiver = Receiver::start(ambassador_tests::receiver_port("scanner-test")).await;

    // A scanner opens all twelve links of an email, as the message arrives.
    let (claims, token, scanned) = email("scanner-test");
    let copy = EmailCopy {
        question: "How likely are you to recommend Skannertest?".into(),
        not_likely: "Not at all likely".into(),
        extremely_likely: "Extremely likely".into(),
    };
    let html = render(&copy, &worker_url(), &token);
    let scanner = browser().await;
    let page = format!(
        "data:text/html;charset=utf-8,{}",
        urlencoding(&format!("<!doctype html><title>Mail</title>{html}"))
    );
    scanner.goto(&page).await.expect("the email opens");
    let opened = scanner
        .execute(
            "const links = [...document.querySelectorAll('a[href]')].map(a => a.href);
             links.forEach(href => window.open(href, '_blank'));
             return links.length;",
            vec![],
        )
        .await
        .expect("the scanner's script runs");
    assert_eq!(opened, 12, "eleven scores and the honeypot");
    let all_visits = eventually(Duration::from_secs(20), || {
        Some(visits(&scanned)).filter(|v| v.len() == 12)
    })
    .unwrap_or_else(|| panic!("twelve visits recorded: {:?}", visits(&scanned)));
    let first = all_visits[0]["at"].as_f64().unwrap_or_default();
    let last = all_visits[11]["at"].as_f64().unwrap_or_default();
    // A burst, as a scanner's is: within the window in which different
    // scores give it away (a loaded machine opens twelve tabs in about two
    // seconds, an idle one in one).
    assert!(
        last - first < SEVERAL_SCORES_WINDOW_MS as f64,
        "all within the several-scores window: {all_visits:?}"
    );
    let row = settled(&scanned);
    assert_eq!(row["state"], "suspect", "{row}");
    assert_eq!(row["suspect"], "honeypot", "{row}");
    assert_eq!(row["confirmed"], 0, "the landing pages never submit");
    scanner.close().await.expect("the scanner's browser closes");

    // A person clicks 3 and closes the tab: counted and forwarded once the
    // quiet period is over.
    let (left_claims, left_token, left) = email("scanner-test");
    let person = browser().await;
    person
        .goto(&url(&format!("/v1/l/{left_token}?score=3")))
        .await
        .expect("the link redirects");
    person.close().await.expect("the tab closes");
    assert_eq!(settled(&left)["state"], "settled");
    let arrived = receiver
        .wait_until(Duration::from_secs(30), |r| {
            !events_for(r, &left).is_empty()
        })
        .await;
    assert!(arrived, "the settled click is forwarded");
    let events = events_for(&receiver, &left);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["id"], format!("{left}:response.created:1"));
    assert_eq!(events[0]["data"]["score"], 3);
    assert_eq!(cases(&left), 1, "a settled detractor opens a case");
    assert_eq!(counted(&left_claims).await, 1);

    // A person clicks 3 and confirms with a comment: forwarded at once,
    // exactly once, also after the quiet period.
    let (_, confirm_token, confirmed) = email("scanner-test");
    let person = browser().await;
    person
        .goto(&url(&format!("/v1/l/{confirm_token}?score=3")))
        .await
        .expect("the link redirects");
    let comment = format!("scanner test {}", new_id());
    comment_and_send(&person, HOST, &comment).await;
    thanks(&person, HOST).await;
    let arrived = receiver
        .wait_until(Duration::from_secs(30), |r| {
            !events_for(r, &confirmed).is_empty()
        })
        .await;
    assert!(arrived, "the confirmation is forwarded");
    tokio::time::sleep(Duration::from_secs(6)).await;
    let events = events_for(&receiver, &confirmed);
    assert_eq!(events.len(), 1, "exactly once: {events:?}");
    assert_eq!(events[0]["id"], format!("{confirmed}:response.created:1"));
    assert_eq!(events[0]["data"]["comment"], comment);
    person.close().await.expect("the browser closes");

    // Whatever arrived, nothing came of the scanner.
    assert!(events_for(&receiver, &scanned).is_empty());
    assert_eq!(cases(&scanned), 0);
    assert_eq!(counted(&claims).await, 0);
}

#[tokio::test]
async fn the_honeypot_marks_the_emails_click_suspect_and_the_export_shows_it() {
    let (claims, token, id) = email("settle-test");
    assert_eq!(click(&token, "score=9").await, 303);
    assert_eq!(click(&token, "honeypot=1").await, 204);
    assert_eq!(settled(&id)["suspect"], "honeypot");

    let touchpoint = claims.touchpoint.as_deref().unwrap_or_default();
    let export = |query: String| async move {
        let path = format!("/v1/surveys/settle-test/responses.csv?touchpoint={touchpoint}{query}");
        let response = http()
            .get(url(&path))
            .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
            .send()
            .await
            .expect("the Worker answers");
        response.text().await.expect("text")
    };
    let all = export("&include_unconfirmed=true".into()).await;
    let header = all.lines().next().unwrap_or_default();
    assert!(
        header.ends_with(",source,confirmed,state,suspect"),
        "{header}"
    );
    let row = all.lines().find(|l| l.starts_with(&id)).unwrap_or_default();
    assert!(row.ends_with(",email,0,suspect,honeypot"), "{all}");
    let counted_only = export(String::new()).await;
    assert!(!counted_only.contains(&id), "{counted_only}");
}

#[tokio::test]
async fn a_person_clicking_hours_after_a_scanners_visit_is_counted() {
    let (claims, token, id) = email("settle-test");
    // The scanner's burst, when the mail arrived an hour ago.
    let hour_ago = (unix_now() - 3600) * 1000;
    d1(&format!(
        "INSERT INTO link_visits (response_id, at, score, issued_at) VALUES \
         ('{id}', {hour_ago}, -1, NULL), ('{id}', {}, 0, NULL), ('{id}', {}, 10, NULL)",
        hour_ago + 300,
        hour_ago + 600
    ));
    assert_eq!(click(&token, "score=6").await, 303);
    let row = settled(&id);
    assert_eq!(
        (row["state"].clone(), row["suspect"].clone()),
        ("settled".into(), Value::Null)
    );
    assert_eq!(counted(&claims).await, 1);
}

#[tokio::test]
async fn different_scores_within_seconds_are_suspect() {
    let (_, token, id) = email("settle-test");
    assert_eq!(click(&token, "score=2").await, 303);
    assert_eq!(click(&token, "score=7").await, 303);
    assert_eq!(settled(&id)["suspect"], "several_scores");
}

#[tokio::test]
async fn a_click_within_seconds_of_sending_is_suspect() {
    let (claims, _, id) = email("settle-test");
    let fresh = LinkClaims {
        issued_at: Some(unix_now()),
        ..claims
    };
    let token = sign(&fresh, &link_secret()).expect("valid claims");
    assert_eq!(click(&token, "score=10").await, 303);
    assert_eq!(settled(&id)["suspect"], "too_soon");
}

#[tokio::test]
async fn a_confirmation_clears_suspicion() {
    let (claims, token, id) = email("settle-test");
    assert_eq!(click(&token, "score=2").await, 303);
    assert_eq!(click(&token, "score=7").await, 303);
    assert_eq!(settled(&id)["state"], "suspect");
    let body = serde_json::json!({"id": id, "survey_id": "settle-test", "score": 7,
                                  "token": token, "comment": "It was me"});
    let (status, answer) = ambassador_tests::post_response(body.to_string()).await;
    assert!(matches!(status, 200 | 202), "{status} {answer}");
    let row = ambassador_tests::stored_response_where(&id, |r| r["confirmed"] == 1);
    assert_eq!(row["confirmed"], 1);
    let sql = format!("SELECT state, suspect FROM responses WHERE id = '{id}'");
    assert_eq!(d1(&sql)[0]["state"], "confirmed");
    assert_eq!(counted(&claims).await, 1);
}

/// The row's score, state and time of its click.
fn answer(id: &str) -> Value {
    d1(&format!(
        "SELECT score, state, updated_at FROM responses WHERE id = '{id}'"
    ))
    .pop()
    .unwrap_or_default()
}

/// A person clicks 9 and leaves; once it settled, counted and forwarded,
/// the same email is scanned again (a colleague's mailbox after the mail
/// was forwarded, a scanner's second pass): every score and the hidden
/// link within two seconds. The person's 9 stays the answer, still
/// counted, and receivers hear of no other score.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_later_scan_never_replaces_or_hides_a_persons_answer() {
    let _turn = RECEIVER_TURN.lock().await;
    let receiver = Receiver::start(ambassador_tests::receiver_port("scanner-test")).await;
    let (claims, token, id) = email("scanner-test");
    assert_eq!(click(&token, "score=9").await, 303);
    assert_eq!(settled(&id)["state"], "settled");
    let created = receiver
        .wait_until(Duration::from_secs(30), |r| !events_for(r, &id).is_empty())
        .await;
    assert!(created, "the person's click is forwarded");
    assert_eq!(counted(&claims).await, 1);

    let mut scan: Vec<String> = (0..=10).map(|s| format!("score={s}")).collect();
    scan.push("honeypot=1".into());
    for query in &scan {
        assert!(matches!(click(&token, query).await, 303 | 204), "{query}");
    }
    let all = eventually(Duration::from_secs(20), || {
        Some(visits(&id)).filter(|v| v.len() == 13)
    });
    assert!(all.is_some(), "every visit is kept: {:?}", visits(&id));
    // The scan's clicks settle after the survey's 3 s; give them five more
    // and watch the answer all the while.
    for _ in 0..16 {
        let row = answer(&id);
        assert_eq!(
            (&row["score"], &row["state"]),
            (&9.into(), &"settled".into()),
            "{row}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(counted(&claims).await, 1);
    let events = events_for(&receiver, &id);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["type"], "response.created");
    assert_eq!(events[0]["data"]["score"], 9);
}

/// A person's click settled an hour ago; the person clicks another score
/// now. The new click waits out its own quiet period (the 6 the answer
/// held counts all the while), is judged a person's, and becomes the
/// answer, which receivers hear of as `response.updated`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persons_later_click_becomes_the_answer_once_judged() {
    let _turn = RECEIVER_TURN.lock().await;
    let receiver = Receiver::start(ambassador_tests::receiver_port("scanner-test")).await;
    let (claims, token, id) = email("scanner-test");
    assert_eq!(click(&token, "score=6").await, 303);
    assert_eq!(settled(&id)["state"], "settled");
    // Moved an hour back, precedence included (16 per millisecond), so the
    // next click is no part of its burst.
    let hour = 3_600_000u64;
    d1(&format!(
        "UPDATE responses SET created_at = created_at - {hour}, \
         updated_at = updated_at - {hour}, announced_at = announced_at - {hour}, \
         settled_at = settled_at - {hour}, precedence = precedence - {} WHERE id = '{id}'",
        hour * 16
    ));
    d1(&format!(
        "UPDATE link_visits SET at = at - {hour} WHERE response_id = '{id}'"
    ));
    let before = answer(&id);
    assert_eq!(click(&token, "score=8").await, 303);
    let visited = eventually(Duration::from_secs(20), || {
        Some(visits(&id)).filter(|v| v.len() == 2)
    });
    assert!(visited.is_some(), "{:?}", visits(&id));
    assert_eq!(answer(&id), before, "the 6 holds while the 8 waits");
    let changed = eventually(Duration::from_secs(30), || {
        Some(answer(&id)).filter(|row| row["score"] == 8)
    })
    .unwrap_or_else(|| panic!("the 8 becomes the answer: {}", answer(&id)));
    assert_eq!(changed["state"], "settled");
    assert_eq!(counted(&claims).await, 1);
    let updated = receiver
        .wait_until(Duration::from_secs(30), |r| {
            events_for(r, &id)
                .iter()
                .any(|e| e["type"] == "response.updated")
        })
        .await;
    assert!(updated, "{:?}", events_for(&receiver, &id));
    let events = events_for(&receiver, &id);
    let scores: Vec<(&Value, &Value)> = events
        .iter()
        .map(|e| (&e["type"], &e["data"]["score"]))
        .collect();
    assert_eq!(
        scores,
        [
            (&"response.created".into(), &6.into()),
            (&"response.updated".into(), &8.into())
        ]
    );
}

/// Percent-encodes everything but unreserved characters, for a data: URL.
fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
