//! Intake when a part fails, through the test build's switches
//! (edge/src/switches.rs): D1 down for a while, the intake queue refusing.
//! A switch holds for the whole Worker, so `cargo xtask test` runs these
//! after every other test, one at a time.

use std::time::Duration;

use ambassador_tests::receiver::Receiver;
use ambassador_tests::{
    d1, dev_var, eventually, http, new_id, post_response, receiver_port, send_json, switch, url,
};
use serde_json::{json, Value};

const PATH: &str = "/outage";

fn answer(id: &str, score: u8, tag: &str) -> Value {
    json!({"id": id, "survey_id": "outage-test", "score": score, "locale": "da",
           "context": {"transaction_ref": tag}})
}

fn rows_tagged(tag: &str) -> u64 {
    let sql = format!("SELECT COUNT(*) AS n FROM responses WHERE transaction_ref = '{tag}'");
    d1(&sql)[0]["n"].as_u64().unwrap_or(0)
}

/// While D1 is down, answers are still acknowledged; nothing reaches D1 or
/// the receiver. After it is back, every acknowledged answer is stored once
/// and forwarded once.
#[tokio::test]
async fn a_d1_outage_loses_no_acknowledged_answer_and_forwards_each_once() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let receiver = Receiver::start(receiver_port("outage-test")).await;
    let tag = new_id();
    switch("d1-down", true).await;
    let ids: Vec<String> = (0..20).map(|_| new_id()).collect();
    for (n, id) in ids.iter().enumerate() {
        let (status, body) = post_response(answer(id, (n % 11) as u8, &tag).to_string()).await;
        assert_eq!(status, 202, "acknowledged while D1 is down: {body}");
    }
    // The consumer has tried (and failed) by now: nothing stored, nothing sent.
    ambassador_tests::after_intake();
    assert_eq!(rows_tagged(&tag), 0, "nothing reached D1 while it was down");
    assert_eq!(
        receiver.accepted_and_repeats(PATH).0,
        0,
        "nothing forwarded"
    );
    switch("d1-down", false).await;

    receiver
        .wait_until(Duration::from_secs(90), |r| {
            r.accepted_and_repeats(PATH).0 >= ids.len()
        })
        .await;
    ambassador_tests::after_intake();
    assert_eq!(
        rows_tagged(&tag),
        ids.len() as u64,
        "each stored exactly once"
    );
    let delivered: Vec<String> = receiver
        .requests(PATH)
        .iter()
        .filter(|r| r.accepted())
        .map(|r| r.id().to_owned())
        .collect();
    let expected: Vec<String> = ids
        .iter()
        .map(|id| format!("{id}:response.created:1"))
        .collect();
    let mut sorted = delivered.clone();
    sorted.sort();
    let mut wanted = expected.clone();
    wanted.sort();
    assert_eq!(sorted, wanted, "each forwarded exactly once");
}

/// If the intake queue refuses, the answer is written to D1 directly and the
/// status says what is stored: 201 new, 200 the same again, 409 other
/// content for a stored id. With D1 down too, 503: the client retries.
#[tokio::test]
async fn a_refusing_queue_falls_back_to_a_direct_write() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let tag = new_id();
    let id = new_id();
    switch("intake-queue-down", true).await;
    let (status, body) = post_response(answer(&id, 9, &tag).to_string()).await;
    let again = post_response(answer(&id, 9, &tag).to_string()).await;
    let other = post_response(answer(&id, 2, &tag).to_string()).await;
    switch("d1-down", true).await;
    let second = new_id();
    let down = post_response(answer(&second, 5, &tag).to_string()).await;
    switch("d1-down", false).await;
    switch("intake-queue-down", false).await;

    assert_eq!(
        (status, body),
        (
            201,
            json!({"id": id, "status": "stored", "category": "promoter"})
        )
    );
    // Stored before the answer: readable at once, no queue in between.
    assert_eq!(rows_tagged(&tag), 1);
    assert_eq!(
        again,
        (
            200,
            json!({"id": id, "status": "stored", "category": "promoter"})
        )
    );
    assert_eq!(other.0, 409, "{}", other.1);
    assert_eq!(other.1["error"]["code"], "answer_conflict");
    assert_eq!(other.1["error"]["fields"][0]["field"], "id");
    assert_eq!(down.0, 503, "{}", down.1);
    assert_eq!(down.1["error"]["code"], "unavailable");
    let row = &d1(&format!(
        "SELECT score, conflicts FROM responses WHERE id = '{id}'"
    ))[0];
    assert_eq!(
        (row["score"].clone(), row["conflicts"].clone()),
        (json!(9), json!(1))
    );
    let never = eventually(Duration::from_secs(4), || {
        (rows_tagged(&tag) > 1).then_some(())
    });
    assert!(never.is_none(), "the refused answer was not stored");
}

/// A click stored while the refusing queue could not take its settling, so
/// nothing will settle it on its own, made thirteen hours old (past the
/// longest quiet period any survey may have, 12 hours); its id.
async fn a_click_left_for_the_daily_trigger() -> String {
    // Minted a day ago, as the click will seem to be thirteen hours old.
    let claims = ambassador_shared::link::LinkClaims {
        issued_at: Some(ambassador_tests::unix_now() - 86_400),
        ..ambassador_tests::email_claims("settle-test", Some("backstop"), None)
    };
    let token = ambassador_shared::link::sign(&claims, &ambassador_tests::link_secret())
        .expect("valid claims");
    let id = claims.response_id(&ambassador_tests::link_secret());
    switch("intake-queue-down", true).await;
    let click = ambassador_tests::click(&token, 8).await;
    switch("intake-queue-down", false).await;
    assert_eq!(click.status().as_u16(), 303);
    // Stored at once, then it waits.
    ambassador_tests::after_intake();
    assert_eq!(d1(&state_of(&id))[0]["state"], "pending");
    let hours_13 = 13 * 3_600_000;
    d1(&format!(
        "UPDATE responses SET created_at = created_at - {hours_13}, \
           updated_at = updated_at - {hours_13} WHERE id = '{id}'"
    ));
    d1(&format!(
        "UPDATE link_visits SET at = at - {hours_13} WHERE response_id = '{id}'"
    ));
    id
}

fn state_of(id: &str) -> String {
    format!("SELECT state FROM responses WHERE id = '{id}'")
}

/// Runs the daily trigger and waits until click `id` is settled.
async fn the_daily_trigger_settles(id: &str) {
    ambassador_tests::run_the_daily_trigger().await;
    let settled = eventually(Duration::from_secs(20), || {
        d1(&state_of(id))
            .pop()
            .filter(|row| row["state"] == "settled")
    });
    assert!(settled.is_some(), "{:?}", d1(&state_of(id)));
}

/// A click whose settling the refusing queue could not take is still
/// stored, and the daily trigger settles it once the longest quiet period
/// is over: a person's click counts at last.
#[tokio::test]
async fn the_daily_trigger_settles_a_click_the_queue_could_not_delay() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let id = a_click_left_for_the_daily_trigger().await;
    the_daily_trigger_settles(&id).await;
}

/// A click of a survey since removed from the deployment still settles
/// (nothing to open or forward it to): left pending, it would stay among
/// the oldest the daily trigger takes, and a hundred of them would keep it
/// from ever reaching a later click.
#[tokio::test]
async fn the_daily_trigger_settles_a_click_of_a_survey_no_longer_defined() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let id = a_click_left_for_the_daily_trigger().await;
    d1(&format!(
        "UPDATE responses SET survey_id = 'retired-survey' WHERE id = '{id}'"
    ));
    the_daily_trigger_settles(&id).await;
}

/// A customer's erasure reaches their answers still waiting on the intake
/// queue (the consumer stalled, as behind a burst): a widget answer and an
/// email click acknowledged before it are never stored, forwarded or made
/// a case; an answer the customer gives after it is a new one, and kept.
#[tokio::test]
async fn an_erasure_reaches_answers_still_on_the_intake_queue() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let receiver = Receiver::start(receiver_port("outage-test")).await;
    let customer = format!("C-{}", new_id());
    let of_customer = |id: &str, score: u8| {
        let mut body = answer(id, score, "erased-in-flight");
        body["context"]["customer_ref"] = json!(customer);
        body.to_string()
    };
    let (before, after) = (new_id(), new_id());
    let claims = ambassador_shared::link::LinkClaims {
        customer_ref: Some(customer.clone()),
        ..ambassador_tests::email_claims("settle-test", Some("pickup"), None)
    };
    let token = ambassador_shared::link::sign(&claims, &ambassador_tests::link_secret())
        .expect("valid claims");
    let clicked = claims.response_id(&ambassador_tests::link_secret());

    switch("intake-consumer-stalled", true).await;
    let (status, body) = post_response(of_customer(&before, 2)).await;
    assert_eq!(status, 202, "acknowledged: {body}");
    assert_eq!(
        ambassador_tests::click(&token, 3).await.status().as_u16(),
        303
    );
    let request = http()
        .delete(url(&format!("/v1/customers/{customer}")))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")));
    let (status, erased) = send_json(request, None).await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["erased"]["answers"], 0, "nothing was in D1 yet");
    let (status, body) = post_response(of_customer(&after, 9)).await;
    assert_eq!(status, 202, "acknowledged: {body}");
    switch("intake-consumer-stalled", false).await;

    let ids = format!("'{before}', '{after}', '{clicked}'");
    let stored = eventually(Duration::from_secs(60), || {
        let rows = d1(&format!("SELECT id FROM responses WHERE id IN ({ids})"));
        (!rows.is_empty()).then_some(rows)
    });
    assert_eq!(
        stored,
        Some(vec![json!({"id": after})]),
        "only the later answer"
    );
    let forwarded = receiver
        .wait_until(Duration::from_secs(30), |r| {
            r.requests(PATH).iter().any(|q| q.id().starts_with(&after))
        })
        .await;
    assert!(forwarded, "the later answer is forwarded");
    // The click's settling (2 s) and every retry are over by now.
    ambassador_tests::after_intake();
    assert_eq!(
        d1(&format!("SELECT id FROM responses WHERE id IN ({ids})")),
        vec![json!({"id": after})]
    );
    let left = format!(
        "SELECT (SELECT COUNT(*) FROM cases WHERE id IN ({ids})) AS cases, \
         (SELECT COUNT(*) FROM link_visits WHERE response_id = '{clicked}') AS visits"
    );
    assert_eq!(d1(&left), vec![json!({"cases": 0, "visits": 0})]);
    let forwarded: Vec<String> = receiver
        .requests(PATH)
        .iter()
        .filter(|q| q.id().starts_with(&before) || q.id().starts_with(&after))
        .map(|q| q.id().to_owned())
        .collect();
    assert_eq!(forwarded, vec![format!("{after}:response.created:1")]);
}

/// An email link signed for the outage survey, whose destination takes every
/// answer: the token and the answer's id.
fn outage_link() -> (String, String) {
    let claims = ambassador_tests::email_claims("outage-test", None, None);
    let secret = ambassador_tests::link_secret();
    let token = ambassador_shared::link::sign(&claims, &secret).expect("valid claims");
    (token, claims.response_id(&secret))
}

async fn confirm(id: &str, token: &str, score: u8) -> (u16, Value) {
    let body = json!({"id": id, "survey_id": "outage-test", "score": score, "token": token});
    post_response(body.to_string()).await
}

/// Waits until answer `id` has been announced as created, then until its
/// events are over; the latest event (versions after the first are the
/// write's time, so the highest).
async fn announced_as_created(receiver: &Receiver, id: &str) -> Value {
    let created = format!("{id}:response.created:1");
    let announced = receiver
        .wait_until(Duration::from_secs(60), |r| {
            r.requests(PATH).iter().any(|q| q.id() == created)
        })
        .await;
    let of_answer = receiver.requests(PATH);
    let of_answer: Vec<_> = of_answer
        .iter()
        .filter(|q| q.id().starts_with(id))
        .collect();
    let ids: Vec<&str> = of_answer.iter().map(|q| q.id()).collect();
    assert!(announced, "never announced as created: {ids:?}");
    ambassador_tests::after_intake();
    receiver
        .requests(PATH)
        .into_iter()
        .filter(|q| q.id().starts_with(id) && q.accepted())
        .map(|q| q.verified())
        .max_by_key(|event| event["data"]["version"].as_u64())
        .expect("events of the answer")
}

/// A customer clicks, then sends the landing page twice (a double tap, a
/// retry), while the consumer is behind, so one batch holds all three: the
/// answer is announced as created, and what receivers hold last is the last
/// confirmation. Judged by the batch's order, the first confirmation was
/// superseded and the second only "changed" the row, so no
/// `response.created` was ever sent.
#[tokio::test]
async fn a_click_and_two_confirmations_in_one_batch_are_announced_as_created() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let receiver = Receiver::start(receiver_port("outage-test")).await;
    let (token, id) = outage_link();
    switch("intake-consumer-stalled", true).await;
    assert_eq!(
        ambassador_tests::click(&token, 3).await.status().as_u16(),
        303
    );
    for score in [4, 6] {
        let (status, reply) = confirm(&id, &token, score).await;
        assert_eq!(status, 202, "{reply}");
    }
    switch("intake-consumer-stalled", false).await;

    ambassador_tests::stored_response_where(&id, |r| r["score"] == 6 && r["confirmed"] == 1);
    let last = announced_as_created(&receiver, &id).await;
    assert_eq!(last["data"]["score"], 6, "{last}");
}

/// A landing-page confirmation stored before its click (the click waiting
/// on the queue, the confirmation written directly while the queue
/// refused): the answer keeps the confirmed score, and dates from the
/// click, as it does when they arrive in order.
#[tokio::test]
async fn an_answer_dates_from_its_click_when_the_confirmation_is_stored_first() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let (token, id) = outage_link();
    switch("intake-consumer-stalled", true).await;
    assert_eq!(
        ambassador_tests::click(&token, 3).await.status().as_u16(),
        303
    );
    switch("intake-queue-down", true).await;
    let (status, reply) = confirm(&id, &token, 8).await;
    switch("intake-queue-down", false).await;
    switch("intake-consumer-stalled", false).await;
    assert_eq!(status, 201, "stored directly, first: {reply}");

    let visit = format!("SELECT at FROM link_visits WHERE response_id = '{id}'");
    let clicked_at = eventually(Duration::from_secs(60), || {
        d1(&visit).first().map(|row| row["at"].clone())
    })
    .expect("the click reaches D1");
    let row = ambassador_tests::stored_response_where(&id, |r| r["created_at"] == clicked_at);
    assert_eq!(
        (row["score"].clone(), row["confirmed"].clone()),
        (json!(8), json!(1))
    );
}

/// The landing page sent twice while the events queue refuses: the first
/// confirmation is stored but its `response.created` cannot be queued, and
/// when its batch is tried again the second confirmation has superseded it.
/// The answer is still announced as created, and what receivers hold last
/// is the second confirmation.
#[tokio::test]
async fn a_confirmation_whose_event_could_not_be_queued_is_still_announced() {
    let _turn = ambassador_tests::SWITCH_TURN.lock().await;
    let receiver = Receiver::start(receiver_port("outage-test")).await;
    let (token, id) = outage_link();
    switch("events-queue-down", true).await;
    for score in [4, 6] {
        let (status, reply) = confirm(&id, &token, score).await;
        assert_eq!(status, 202, "{reply}");
        ambassador_tests::stored_response_where(&id, |r| r["score"] == score);
    }
    switch("events-queue-down", false).await;

    let last = announced_as_created(&receiver, &id).await;
    assert_eq!(last["data"]["score"], 6, "{last}");
}
