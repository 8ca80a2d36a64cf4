//! An answer that changes is forwarded again: the click on a score in an
//! email reaches customer service as `response.created` at once, and the
//! landing page's confirmation with the comment as `response.updated`, each
//! with its own id, signed. The receiver is a real HTTP server on
//! a loopback port of its own (survey `forward-updates` in tests/surveys.toml).

use std::time::Duration;

use ambassador_shared::link::{sign, LinkClaims};
use ambassador_shared::Locale;
use ambassador_tests::receiver::{Received, Receiver};
use ambassador_tests::{link_secret, new_id, post_response, unix_now};
use serde_json::json;

async fn accepted(receiver: &Receiver, n: usize) -> Vec<Received> {
    let arrived = receiver
        .wait_until(Duration::from_secs(30), |r| {
            r.accepted_and_repeats("/cs").0 >= n
        })
        .await;
    assert!(arrived, "{n} event(s) arrive within 30 s");
    receiver.requests("/cs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn click_then_confirmation_are_created_then_updated() {
    let receiver = Receiver::start(ambassador_tests::receiver_port("forward-updates")).await;
    let claims = LinkClaims {
        survey_id: "forward-updates".to_owned(),
        customer_ref: Some(format!("C-{}", new_id())),
        transaction_ref: Some("LOT-7".to_owned()),
        touchpoint: Some("pickup".to_owned()),
        role: Some("buyer".to_owned()),
        locale: Locale::Sv,
        expires_at: unix_now() + 3600,
        issued_at: Some(unix_now() - 3600),
    };
    let token = sign(&claims, &link_secret()).expect("valid claims");
    let id = claims.response_id(&link_secret());

    let click = ambassador_tests::click(&token, 2).await;
    assert_eq!(click.status().as_u16(), 303);
    let created = accepted(&receiver, 1).await[0].verified();
    assert_eq!(created["id"], format!("{id}:response.created:1"));
    assert_eq!(created["data"]["score"], 2);
    assert_eq!(
        created["data"]["context"]["customer_ref"],
        json!(claims.customer_ref)
    );
    assert!(created["data"].get("comment").is_none());

    let body = json!({"id": id, "survey_id": "forward-updates", "score": 1, "locale": "sv",
                      "token": token, "comment": "Ingen vid disken"});
    let (status, answer) = post_response(body.to_string()).await;
    assert_eq!(status, 202, "{answer}");
    let requests = accepted(&receiver, 2).await;
    assert_eq!(requests.len(), 2, "each event sent once");
    let updated = requests[1].verified();
    let version = updated["data"]["version"].as_u64().expect("a version");
    assert!(version > 1);
    assert_eq!(updated["id"], format!("{id}:response.updated:{version}"));
    assert_eq!(updated["type"], "response.updated");
    assert_eq!(updated["data"]["score"], 1);
    assert_eq!(updated["data"]["comment"], "Ingen vid disken");
    assert_eq!(updated["data"]["context"]["transaction_ref"], "LOT-7");
    assert_eq!(receiver.accepted_and_repeats("/cs"), (2, 0));
}
