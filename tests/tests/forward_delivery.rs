//! Forwarding end to end: answers posted to the Worker in workerd travel
//! through the local Queue to a real HTTP receiver on a loopback port of its own that
//! fails for a while (a 503, then a hang past the Worker's timeout) and then
//! recovers. Routing, signatures, retries with backoff and per-destination
//! independence are all checked on what actually arrived.

use std::time::Duration;

use ambassador_tests::receiver::{Receiver, Reply};
use ambassador_tests::{new_id, post_response};
use serde_json::{json, Value};

async fn post(body: Value) {
    let (status, answer) = post_response(body.to_string()).await;
    assert_eq!(status, 202, "{answer}");
}

fn answer(id: &str, score: u8, comment: &str) -> Value {
    json!({
        "id": id, "survey_id": "forward-test", "score": score, "comment": comment,
        "locale": "en",
        "context": {"touchpoint": "pickup", "role": "buyer",
                    "customer_ref": "C-77", "transaction_ref": "T-42"}
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_category_reaches_its_destination_once_despite_failures() {
    let receiver = Receiver::start(ambassador_tests::receiver_port("forward-test")).await;
    receiver.script(
        "/cs",
        &[Reply::Status(503), Reply::Hang(Duration::from_secs(4))],
    );
    let (detractor, promoter, passive) = (new_id(), new_id(), new_id());
    post(answer(&detractor, 2, "Waited an hour at the counter")).await;
    post(answer(&promoter, 10, "Lovely staff <3")).await;
    post(answer(&passive, 7, "Fine")).await;

    let arrived = receiver
        .wait_until(Duration::from_secs(60), |r| {
            r.accepted_and_repeats("/cs").0 >= 1 && r.accepted_and_repeats("/staff").0 >= 1
        })
        .await;
    assert!(arrived, "both deliveries arrive within a minute");
    // Anything sent twice would come within the retry delays; wait them out.
    tokio::time::sleep(Duration::from_secs(4)).await;

    let detractor_event = format!("{detractor}:response.created:1");
    let promoter_event = format!("{promoter}:response.created:1");
    check_customer_service(&receiver, &detractor_event);
    check_staff(&receiver, &promoter_event);
    assert_eq!(receiver.accepted_and_repeats("/cs"), (1, 0));
    assert_eq!(receiver.accepted_and_repeats("/staff"), (1, 0));
}

/// Three attempts (503, timeout, 200), spaced by the backoff, each the same
/// signed event with the detractor's context and comment.
fn check_customer_service(receiver: &Receiver, event_id: &str) {
    let requests = receiver.requests("/cs");
    let replies: Vec<Reply> = requests.iter().map(|r| r.reply).collect();
    assert_eq!(
        replies,
        [
            Reply::Status(503),
            Reply::Hang(Duration::from_secs(4)),
            Reply::Status(200)
        ],
        "customer service got only the detractor, retried until it took it"
    );
    // FORWARD_RETRY_BASE_SECONDS=1: 1 s after the 503; after the 2 s timeout, 2 s more.
    assert!(requests[1].at - requests[0].at >= Duration::from_secs(1));
    assert!(requests[2].at - requests[1].at >= Duration::from_secs(3));
    for request in &requests {
        assert_eq!(request.id(), event_id);
        request.verified();
    }
    let event = requests[2].json();
    assert_eq!(event["id"], event_id);
    assert_eq!(event["type"], "response.created");
    let data = &event["data"];
    assert_eq!(data["category"], "detractor");
    assert_eq!(data["score"], 2);
    assert_eq!(data["comment"], "Waited an hour at the counter");
    assert_eq!(data["context"]["customer_ref"], "C-77");
    assert_eq!(data["context"]["transaction_ref"], "T-42");
}

/// One Slack message with the promoter's praise, escaped; nothing else.
fn check_staff(receiver: &Receiver, event_id: &str) {
    let requests = receiver.requests("/staff");
    assert_eq!(
        requests.len(),
        1,
        "the staff channel got exactly the promoter"
    );
    let message = requests[0].json();
    assert_eq!(requests[0].id(), event_id);
    let text = message["text"].as_str().expect("text");
    assert!(
        text.contains("Promoter") && text.contains("Lovely staff &lt;3"),
        "{text}"
    );
    assert_eq!(message["blocks"][0]["type"], "section");
    assert!(!requests[0].headers.contains_key("webhook-signature"));
}
