//! The closed loop reaches customer service's own system: a change to a case
//! arrives as a signed `case.updated` with the case and its note, and the
//! daily Cron Trigger (run on demand through `wrangler dev`'s
//! `/__scheduled`) reports a case nobody picked up as `case.overdue`, with
//! one id per case and day. The receiver is a real HTTP server on
//! a loopback port of its own (survey `case-test` in tests/surveys.toml, 24-hour deadline).

use std::time::Duration;

use ambassador_tests::receiver::{Received, Receiver};
use ambassador_tests::{d1, dev_var, http, new_id, post_and_store, unix_now, url};
use serde_json::{json, Value};

/// How long an event may take. Locally one consumer drains the events queue
/// of every test running beside this one (a burst of 300, receivers that
/// hang for seconds, retries), so an event can wait behind a backlog; the
/// assertions are about which events arrive, not how fast.
const DELIVERY: Duration = Duration::from_secs(90);

/// The events of `kind` that arrived for answer `id`, once `n` have.
async fn events(receiver: &Receiver, id: &str, kind: &str, n: usize) -> Vec<Value> {
    let of = |r: &Receiver| -> Vec<Value> {
        r.requests("/cs")
            .iter()
            .filter(|q| q.accepted())
            .map(Received::verified)
            .filter(|e| e["type"] == kind && e["data"]["response_id"] == id)
            .collect()
    };
    let arrived = receiver.wait_until(DELIVERY, |r| of(r).len() >= n).await;
    assert!(arrived, "{n} {kind} event(s) for {id} within {DELIVERY:?}");
    of(receiver)
}

async fn detractor() -> String {
    let id = new_id();
    let body = json!({"id": id, "survey_id": "case-test", "score": 1, "comment": "Nobody came",
                      "context": {"customer_ref": "C-9", "touchpoint": "pickup"}});
    post_and_store(&body).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_changes_and_overdue_cases_reach_customer_service() {
    let receiver = Receiver::start(ambassador_tests::receiver_port("case-test")).await;
    let worked = detractor().await;
    let response = http()
        .patch(url(&format!("/v1/cases/{worked}")))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
        .header("content-type", "application/json")
        .body(
            json!({"status": "contacted", "assignee": "ana", "note": "Rebooked pickup"})
                .to_string(),
        )
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    let updated = &events(&receiver, &worked, "case.updated", 1).await[0];
    let version = updated["data"]["version"].as_u64().expect("a version");
    assert_eq!(updated["id"], format!("{worked}:case.updated:{version}"));
    assert_eq!(updated["data"]["case"]["status"], "contacted");
    assert_eq!(updated["data"]["case"]["assignee"], "ana");
    assert_eq!(updated["data"]["case"]["note"], "Rebooked pickup");
    assert_eq!(updated["data"]["case"]["overdue"], false);
    assert_eq!(updated["data"]["context"]["customer_ref"], "C-9");
    assert_eq!(updated["data"]["comment"], "Nobody came");

    let forgotten = detractor().await;
    d1(&format!(
        "UPDATE cases SET opened_at = opened_at - 2 * 86400000 WHERE id IN ('{forgotten}', '{worked}')"
    ));
    ambassador_tests::run_the_daily_trigger().await;
    let overdue = &events(&receiver, &forgotten, "case.overdue", 1).await[0];
    let day = unix_now() / 86_400;
    assert_eq!(overdue["id"], format!("{forgotten}:case.overdue:{day}"));
    assert_eq!(overdue["data"]["case"]["status"], "open");
    assert_eq!(overdue["data"]["case"]["overdue"], true);
    ambassador_tests::run_the_daily_trigger().await;
    let twice = events(&receiver, &forgotten, "case.overdue", 2).await;
    assert_eq!(twice[1]["id"], overdue["id"], "one id per case and day");

    let contacted_late = receiver
        .requests("/cs")
        .iter()
        .map(Received::verified)
        .filter(|e| e["type"] == "case.overdue" && e["data"]["response_id"] == worked.as_str())
        .count();
    assert_eq!(
        contacted_late, 0,
        "a contacted case is not overdue, however old"
    );
}
