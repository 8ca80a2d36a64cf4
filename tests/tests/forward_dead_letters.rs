//! Deliveries that cannot succeed end in D1's `dead_letters`, never silently
//! lost: a destination answering 400 at once, one answering 503 once the
//! attempts run out. One answering 410 Gone is a request to stop: no retry,
//! no dead letter. The receivers are real HTTP servers on loopback.

use std::time::{Duration, Instant};

use ambassador_shared::forward::Delivery;
use ambassador_tests::receiver::{Receiver, Reply};
use ambassador_tests::{d1, new_id, post_response};
use reqwest::Method;
use serde_json::{json, Value};

fn dead_letters(event_id: &str) -> Vec<Value> {
    // Event ids are a UUID and fixed words, safe to inline.
    d1(&format!(
        "SELECT * FROM dead_letters WHERE event_id = '{event_id}' ORDER BY destination_id"
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_and_exhausted_deliveries_are_recorded() {
    let receiver = Receiver::start(ambassador_tests::receiver_port("forward-dead")).await;
    receiver.always("/rejects", Reply::Status(400));
    receiver.always("/gone", Reply::Status(410));
    receiver.always("/down", Reply::Status(503));
    let id = new_id();
    let body = json!({"id": id, "survey_id": "forward-dead", "score": 4, "locale": "en"});
    let (status, answer) = post_response(body.to_string()).await;
    assert_eq!(status, 202, "{answer}");

    let event_id = format!("{id}:response.created:1");
    let start = Instant::now();
    let mut rows = dead_letters(&event_id);
    while rows.len() < 2 && start.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_secs(1)).await;
        rows = dead_letters(&event_id);
    }
    assert_eq!(rows.len(), 2, "rejects and down are dead letters: {rows:?}");
    let (down, rejects) = (&rows[0], &rows[1]);

    assert_eq!(rejects["destination_id"], "rejects");
    assert_eq!(rejects["attempts"], 1);
    assert_eq!(rejects["reason"], "the destination answered 400");
    assert_eq!(
        receiver.requests("/rejects").len(),
        1,
        "a 400 is not retried"
    );

    assert_eq!(down["destination_id"], "down");
    assert_eq!(down["attempts"], 3, "FORWARD_MAX_ATTEMPTS=3 locally");
    assert_eq!(down["reason"], "gave up: the destination answered 503");
    assert_eq!(receiver.requests("/down").len(), 3);

    assert_eq!(receiver.requests("/gone").len(), 1, "410 stops at once");
    let message = down["message"].as_str().expect("the delivery is kept");
    let delivery: Delivery = serde_json::from_str(message).expect("a resendable delivery");
    assert_eq!(delivery.event.id(), event_id);
    assert_eq!(delivery.destination_id, "down");

    // The operator's way back: list them, fix the receiver, send again.
    let (status, listed) = api(Method::GET, "/v1/dead-letters?survey=forward-dead", None).await;
    assert_eq!(status, 200, "{listed}");
    let ours: Vec<&Value> = listed["dead_letters"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|l| l["event_id"] == event_id)
        .collect();
    assert_eq!(ours.len(), 2, "{listed}");
    assert!(
        ours.iter().all(|l| l.get("message").is_none()),
        "no answer's words in a listing"
    );
    let (status, refused) = api(Method::GET, "/v1/dead-letters?limit=0&colour=red", None).await;
    assert_eq!(status, 400);
    let fields: Vec<&str> = refused["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["colour", "limit"]);
    let bad = json!({"keys": ["fine@key", "not a key"]});
    let (status, refused) = api(Method::POST, "/v1/dead-letters/replay", Some(bad)).await;
    assert_eq!(
        (status, &refused["error"]["fields"][0]["field"]),
        (422, &json!("keys[1]"))
    );

    receiver.always("/rejects", Reply::Status(200));
    let key = format!("{event_id}@rejects");
    let replay = json!({"keys": [key, "nobody@nowhere"]});
    let (status, replayed) = api(Method::POST, "/v1/dead-letters/replay", Some(replay)).await;
    assert_eq!(status, 200, "{replayed}");
    assert_eq!(replayed["replayed"], json!([key]));
    assert_eq!(replayed["not_found"], json!(["nobody@nowhere"]));
    receiver
        .wait_until(Duration::from_secs(30), |r| {
            r.accepted_and_repeats("/rejects").0 == 1
        })
        .await;
    let resent = receiver.requests("/rejects");
    let accepted = resent
        .iter()
        .find(|r| r.accepted())
        .expect("the replay arrived");
    assert_eq!(
        accepted.verified()["id"],
        event_id,
        "the same event, signed again"
    );
    let rows = dead_letters(&event_id);
    assert_eq!(
        rows.len(),
        1,
        "the replayed letter is gone, the other stays"
    );
    assert_eq!(rows[0]["destination_id"], "down");
}

/// `method path` with the API key: status and JSON.
async fn api(method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let key = format!("Bearer {}", ambassador_tests::dev_var("API_KEY"));
    let request = ambassador_tests::http()
        .request(method, ambassador_tests::url(path))
        .header("authorization", key);
    ambassador_tests::send_json(request, body).await
}
