//! A customer's erasure reaches their events still waiting to be delivered
//! (a destination down keeps a delivery on the events queue for up to an
//! hour, then on the dead-letter queue): an event made before the erasure
//! is dropped, never sent and never kept. The test switches
//! `events-consumer-stalled` and `dead-letters-stalled` (edge/src/switches.rs)
//! hold the deliveries there. The outage survey's destination takes every
//! answer; another customer's answer in the same moment goes through, so
//! nothing here passes by delivering nothing.

use std::time::Duration;

use ambassador_tests::receiver::{Receiver, Reply};
use ambassador_tests::{d1, dev_var, http, new_id, post_and_store, send_json, switch, url};
use serde_json::json;

const PATH: &str = "/outage";

/// Stores an answer of `customer`; its id.
async fn answer_of(customer: &str) -> String {
    let body = json!({"id": new_id(), "survey_id": "outage-test", "score": 2, "locale": "nb",
                      "comment": "Ingen ringte", "context": {"customer_ref": customer}});
    post_and_store(&body).await
}

async fn erase(customer: &str) {
    let request = http()
        .delete(url(&format!("/v1/customers/{customer}")))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")));
    let (status, erased) = send_json(request, None).await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["erased"]["answers"], 1, "{erased}");
}

fn requests_for(receiver: &Receiver, id: &str) -> usize {
    let all = receiver.requests(PATH);
    all.iter().filter(|q| q.id().starts_with(id)).count()
}

fn dead_letters_of(id: &str) -> usize {
    let sql = format!("SELECT event_id FROM dead_letters WHERE instr(event_id, '{id}:') = 1");
    d1(&sql).len()
}

#[tokio::test]
async fn an_erasure_reaches_deliveries_still_on_the_events_queue() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let receiver = Receiver::start(ambassador_tests::receiver_port("outage-test")).await;
    let (erased, kept) = (format!("C-{}", new_id()), format!("C-{}", new_id()));
    // Stalled for a few seconds only (the answers stored side by side): the
    // events queue moves a message to its dead letters after 10 tries of its
    // own (wrangler.toml).
    switch("events-consumer-stalled", true).await;
    let (gone, stays) = tokio::join!(answer_of(&erased), answer_of(&kept));
    erase(&erased).await;
    switch("events-consumer-stalled", false).await;

    let delivered = receiver
        .wait_until(Duration::from_secs(30), |r| requests_for(r, &stays) > 0)
        .await;
    assert!(delivered, "the other customer's answer is delivered");
    ambassador_tests::after_intake();
    assert_eq!(
        requests_for(&receiver, &gone),
        0,
        "the erased answer is never sent"
    );
    assert_eq!(dead_letters_of(&gone), 0, "nor kept");
}

#[tokio::test]
async fn an_erasure_reaches_deliveries_given_up_but_not_yet_kept() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let receiver = Receiver::start(ambassador_tests::receiver_port("outage-test")).await;
    // 400 is not retried: each delivery is given up at its first attempt.
    receiver.always(PATH, Reply::Status(400));
    let (erased, kept) = (format!("C-{}", new_id()), format!("C-{}", new_id()));
    switch("dead-letters-stalled", true).await;
    let (gone, stays) = tokio::join!(answer_of(&erased), answer_of(&kept));
    let both_tried = receiver
        .wait_until(Duration::from_secs(30), |r| {
            requests_for(r, &gone) > 0 && requests_for(r, &stays) > 0
        })
        .await;
    assert!(both_tried, "both deliveries are attempted and refused");
    erase(&erased).await;
    switch("dead-letters-stalled", false).await;

    let kept_letter = ambassador_tests::eventually(Duration::from_secs(30), || {
        (dead_letters_of(&stays) > 0).then_some(())
    });
    assert!(
        kept_letter.is_some(),
        "the other customer's delivery is kept"
    );
    ambassador_tests::after_intake();
    assert_eq!(dead_letters_of(&gone), 0, "the erased answer's is not");
}
