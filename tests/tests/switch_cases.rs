//! The closed loop when the events queue refuses (test switch
//! `events-queue-down`, edge/src/switches.rs). A change to a case is stored
//! before its event is queued and cannot be made twice harmlessly (a second
//! note), so it is never answered as failed: its event is kept as a dead
//! letter at once, and an operator's replay delivers it.

use std::time::Duration;

use ambassador_tests::receiver::{Received, Receiver};
use ambassador_tests::{d1, dev_var, http, new_id, post_and_store, send_json, switch, url};
use serde_json::json;

#[tokio::test]
async fn a_case_change_the_events_queue_refuses_is_kept_for_replay() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let receiver = Receiver::start(ambassador_tests::receiver_port("case-test")).await;
    let id = new_id();
    let body = json!({"id": id, "survey_id": "case-test", "score": 2,
                      "context": {"customer_ref": "C-31", "touchpoint": "pickup"}});
    post_and_store(&body).await;
    let key = format!("Bearer {}", dev_var("API_KEY"));

    switch("events-queue-down", true).await;
    let change = http()
        .patch(url(&format!("/v1/cases/{id}")))
        .header("authorization", &key);
    let note = json!({"status": "contacted", "note": "Called back, pickup rebooked"});
    let (status, case) = send_json(change, Some(note)).await;
    switch("events-queue-down", false).await;

    assert_eq!(status, 200, "the change is stored: {case}");
    assert_eq!(case["status"], "contacted");
    let notes = d1(&format!(
        "SELECT COUNT(*) AS n FROM case_notes WHERE case_id = '{id}'"
    ));
    assert_eq!(notes[0]["n"], 1);
    let letters = d1(&format!(
        "SELECT delivery_key, reason, attempts FROM dead_letters \
         WHERE instr(event_id, '{id}:case.updated:') = 1"
    ));
    assert_eq!(letters.len(), 1, "{letters:?}");
    assert_eq!(letters[0]["attempts"], 0);
    let reason = letters[0]["reason"].as_str().unwrap_or_default();
    assert!(
        reason.starts_with("the events queue refused it"),
        "{reason}"
    );

    let letter = letters[0]["delivery_key"].clone();
    let replay = http()
        .post(url("/v1/dead-letters/replay"))
        .header("authorization", &key);
    let (status, replayed) = send_json(replay, Some(json!({"keys": [letter]}))).await;
    assert_eq!(status, 200, "{replayed}");
    let of_case = |r: &Receiver| -> Vec<serde_json::Value> {
        r.requests("/cs")
            .iter()
            .filter(|q| q.accepted())
            .map(Received::verified)
            .filter(|e| e["type"] == "case.updated" && e["data"]["response_id"] == id)
            .collect()
    };
    let arrived = receiver
        .wait_until(Duration::from_secs(60), |r| !of_case(r).is_empty())
        .await;
    assert!(arrived, "the replayed event is delivered");
    let event = &of_case(&receiver)[0];
    assert_eq!(event["data"]["case"]["status"], "contacted");
    assert_eq!(
        event["data"]["case"]["note"],
        "Called back, pickup rebooked"
    );
}
