//! The Worker's log, as `wrangler dev` prints it (Workers Logs in
//! production): one JSON line per request and per delivery attempt, with
//! what an operator needs and no personal data, token or secret.

use std::time::Duration;

use ambassador_shared::link::sign;
use ambassador_tests::receiver::Receiver;
use ambassador_tests::{
    click, email_claims, http, link_secret, new_id, post_response, receiver_port, url,
};
use serde_json::{json, Value};

/// What the Worker has written so far (wrangler's own access lines, a local
/// convenience that shows each URL, left out), and its JSON lines.
fn log_lines() -> (String, Vec<Value>) {
    let path = std::env::var("AMBASSADOR_WORKER_LOG").expect("run with `cargo xtask test`");
    let all = std::fs::read_to_string(&path).expect("the Worker's log is readable");
    let text: String = all
        .lines()
        .filter(|l| !l.contains("[wrangler:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let lines = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l.trim()).ok())
        .filter(|v| v.get("kind").is_some())
        .collect();
    (text, lines)
}

/// The end of the log, for a failure's message.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

#[tokio::test]
async fn requests_and_deliveries_are_logged_without_personal_data() {
    let receiver = Receiver::start(receiver_port("log-test")).await;
    let id = new_id();
    let personal = [
        format!("My neighbour Kari saw it {id}"),
        format!("CUST-{id}"),
        format!("ORDER-{id}"),
        format!("https://shop.example/orders/{id}"),
    ];
    let body = json!({
        "id": id, "survey_id": "log-test", "score": 2, "comment": personal[0],
        "context": {"customer_ref": personal[1], "transaction_ref": personal[2],
                    "page_url": personal[3]}
    });
    let (status, answer) = post_response(body.to_string()).await;
    assert_eq!(status, 202, "{answer}");
    let claims = email_claims("log-test", None, None);
    let token = sign(&claims, &link_secret()).expect("valid claims");
    assert_eq!(click(&token, 4).await.status().as_u16(), 303);
    let refused = http()
        .get(url("/v1/surveys/log-test/report"))
        .send()
        .await
        .expect("answers");
    assert_eq!(refused.status().as_u16(), 401);
    let event_id = format!("{id}:response.created:1");
    receiver
        .wait_until(Duration::from_secs(30), |r| {
            r.requests("/log").iter().any(|q| q.id() == event_id)
        })
        .await;
    // The delivery's line is written right after the reply.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let (text, lines) = log_lines();
    let delivery = lines
        .iter()
        .find(|l| l["kind"] == "delivery" && l["event_id"] == event_id)
        .unwrap_or_else(|| panic!("no delivery line for {event_id} in:\n{}", tail(&text)));
    assert_eq!(delivery["destination"], "log-receiver");
    assert_eq!(delivery["reply_status"], 200);
    assert_eq!(delivery["attempt"], 1);
    assert_eq!(delivery["outcome"], "delivered");
    let report = lines
        .iter()
        .find(|l| l["route"] == "/v1/surveys/{id}/report" && l["survey"] == "log-test")
        .expect("a line for the refused report");
    assert_eq!(report["status"], 401);
    assert_eq!(report["error"], "unauthorized");
    assert!(report["duration_ms"].is_u64());
    assert!(lines
        .iter()
        .any(|l| l["route"] == "/v1/responses" && l["status"] == 202 && l["method"] == "POST"));
    assert!(lines
        .iter()
        .any(|l| l["route"] == "/v1/l/{token}" && l["status"] == 303));

    let secrets = [
        "API_KEY",
        "LINK_SECRET",
        "SESSION_SECRET",
        "CS_WEBHOOK_SECRET",
    ]
    .map(ambassador_tests::dev_var);
    let customer = claims.customer_ref.clone().unwrap_or_default();
    for never in personal.iter().chain(&secrets).chain([&token, &customer]) {
        let found = text.lines().find(|l| l.contains(never.as_str()));
        assert!(found.is_none(), "the log holds {never:?}: {found:?}");
    }
}

#[tokio::test]
async fn an_export_logs_how_many_answers_it_streamed_and_the_workers_memory() {
    let id = new_id();
    let body = json!({"id": id, "survey_id": "log-test", "score": 9});
    let (status, answer) = post_response(body.to_string()).await;
    assert_eq!(status, 202, "{answer}");
    ambassador_tests::stored_response(&id).expect("the answer is stored");
    let csv = http()
        .get(url("/v1/surveys/log-test/responses.csv"))
        .bearer_auth(ambassador_tests::dev_var("API_KEY"))
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("a CSV");
    let answers = csv.split_terminator("\r\n").count() - 1;
    assert!(answers >= 1, "{csv}");
    // The line is written as the last page is streamed.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let (text, lines) = log_lines();
    let export = lines
        .iter()
        .find(|l| l["kind"] == "export" && l["survey"] == "log-test")
        .unwrap_or_else(|| panic!("no export line in:\n{}", tail(&text)));
    assert_eq!(export["answers"], answers);
    let (before, after) = (
        export["wasm_memory_before"].as_u64().unwrap_or(0),
        export["wasm_memory_after"].as_u64().unwrap_or(0),
    );
    assert!(before > 0 && after >= before, "{export}");
}
