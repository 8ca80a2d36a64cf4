//! Team digests: the hourly Cron Trigger, run as if it fired next week
//! (`run_the_hourly_trigger_at`), sends each team's digest of this week at
//! its local hour, once, through the events queue to Slack and to the
//! company's mailer; its figures are the report API's for the same filters
//! and days; a team with too few answers gets a digest saying so; a digest
//! a destination refuses is a dead letter an operator can replay.

use std::time::Duration;

use ambassador_shared::report::date::Day;
use ambassador_shared::team_digest::slack::block_kit_problems;
use ambassador_tests::receiver::{Received, Receiver, Reply};
use ambassador_tests::slack_preview;
use ambassador_tests::{
    answer_at, dev_var, http, receiver_port, run_the_hourly_trigger_at, send_json, url, worker_url,
    zone,
};
use reqwest::Method;
use serde_json::{json, Value};

const HOUR_MS: i64 = 3_600_000;

/// This week's Monday (local), and the instant of `hour` local on day
/// `weekday` of next week (0 for Monday): when the weekly digests of this
/// week on that day are due. The two surveys' digests go on different
/// weekdays, so one test's trigger never sends the other's.
fn this_week_and_next_week_at(weekday: i64, hour: i64) -> (Day, i64) {
    let monday = zone().day_of(unix_ms()).monday();
    let day = monday.add_days(7 + weekday);
    (monday, zone().start_of(day) + hour * HOUR_MS)
}

fn unix_ms() -> i64 {
    ambassador_tests::unix_now() as i64 * 1000
}

async fn api(method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let key = format!("Bearer {}", dev_var("API_KEY"));
    let request = http()
        .request(method, url(path))
        .header("authorization", key);
    send_json(request, body).await
}

/// The digests with event id `id` that reached `path`.
fn digests(receiver: &Receiver, path: &str, id: &str) -> Vec<Received> {
    receiver
        .requests(path)
        .into_iter()
        .filter(|r| r.id() == id)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_team_gets_its_digest_once_on_monday_morning_with_the_reports_figures() {
    let receiver = Receiver::start(receiver_port("digest-test")).await;
    let praise = [
        "Hurtig udlevering",
        "Venligt personale",
        "Alt gik <glat> & hurtigt",
        "Super service",
        "Flot",
        "Tak for hjælpen",
        "Fint",
    ];
    let mut pickup: Vec<(i64, Option<&str>)> = vec![
        (3, Some("For lang kø")),
        (6, None),
        (7, None),
        (8, None),
        (8, None),
    ];
    pickup.extend(praise.iter().map(|c| (10, Some(*c))));
    answer_at("digest-test", "pickup", &pickup).await;
    answer_at(
        "digest-test",
        "small-store",
        &[(9, Some("Godt")), (2, None), (10, None)],
    )
    .await;

    let (monday, at) = this_week_and_next_week_at(0, 8);
    let (from, to) = (monday.to_string(), monday.add_days(6).to_string());
    let pickup_id = format!("team-digest:digest-test:pickup-team:{from}");
    let small_id = format!("team-digest:digest-test:small-store:{from}");

    run_the_hourly_trigger_at(at - HOUR_MS).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        digests(&receiver, "/mailer", &pickup_id).is_empty(),
        "07:00 is not the hour"
    );

    run_the_hourly_trigger_at(at).await;
    let arrived = receiver
        .wait_until(Duration::from_secs(30), |r| {
            [
                ("/slack", &pickup_id),
                ("/mailer", &pickup_id),
                ("/mailer", &small_id),
            ]
            .iter()
            .all(|(path, id)| !digests(r, path, id).is_empty())
        })
        .await;
    assert!(
        arrived,
        "every team's digest arrived: {:?}",
        receiver.requests("/mailer")
    );
    run_the_hourly_trigger_at(at).await;
    run_the_hourly_trigger_at(at + HOUR_MS).await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    for (path, id) in [
        ("/slack", &pickup_id),
        ("/mailer", &pickup_id),
        ("/mailer", &small_id),
    ] {
        assert_eq!(
            digests(&receiver, path, id).len(),
            1,
            "{path} got {id} once"
        );
    }

    // The mailer's event: signed, its figures the report API's.
    let event = digests(&receiver, "/mailer", &pickup_id)[0].verified();
    assert_eq!(event["type"], "digest.sent");
    let data = &event["data"];
    let query = format!("touchpoint=pickup&from={from}&to={to}");
    let (status, report) = api(
        Method::GET,
        &format!("/v1/surveys/digest-test/report?{query}"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{report}");
    for count in ["detractors", "passives", "promoters"] {
        assert_eq!(data["counts"][count], report["overall"][count], "{count}");
    }
    assert_eq!(data["counts"]["promoters"], 7);
    for figure in ["score", "low", "high", "margin_of_error"] {
        let (ours, theirs) = (&data["nps"][figure], &report["overall"]["nps"][figure]);
        let close = (ours.as_f64().expect("a number") - theirs.as_f64().expect("a number")).abs();
        assert!(close < 1e-9, "{figure}: {ours} against {theirs}");
    }
    let before = monday.add_days(-7);
    let (status, previous) = api(
        Method::GET,
        &format!(
            "/v1/surveys/digest-test/report?touchpoint=pickup&from={before}&to={}",
            monday.add_days(-1)
        ),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(data["previous"]["from"], before.to_string());
    let none_before = previous["overall"]["nps"].is_null();
    assert_eq!(
        data["change"].is_null(),
        none_before,
        "a change only against answers"
    );
    let newest: Vec<&str> = praise.iter().rev().take(5).copied().collect();
    assert_eq!(
        data["praise"],
        json!(newest),
        "the five newest promoters' words, as written"
    );
    assert_eq!(data["open_cases"], 2, "the two detractors' cases: {data}");
    assert_eq!(
        data["dashboard_url"],
        format!("{}/dashboard/?view=overview&survey=digest-test&period=custom&from={from}&to={to}&touchpoint=pickup&lang=da", worker_url())
    );
    let email = &data["email"];
    assert!(email["subject"]
        .as_str()
        .expect("a subject")
        .starts_with("pickup-team: jeres NPS for"));
    assert!(email["html"]
        .as_str()
        .expect("html")
        .contains("Alt gik &lt;glat&gt; &amp; hurtigt"));
    assert!(email["text"]
        .as_str()
        .expect("text")
        .contains("> Alt gik <glat> & hurtigt"));
    let body = digests(&receiver, "/mailer", &pickup_id)[0]
        .json()
        .to_string();
    for personal in ["customer", "transaction", "response_id"] {
        assert!(!body.contains(personal), "a digest names no {personal}");
    }

    // Slack's: Block Kit within its limits, in Danish.
    let slack = digests(&receiver, "/slack", &pickup_id)[0].json();
    assert_eq!(block_kit_problems(&slack), Vec::<String>::new(), "{slack}");
    // Every block the Worker sent is one the docs' picture of it can draw.
    slack_preview::blocks(&slack).unwrap_or_else(|e| panic!("{e}: {slack}"));
    assert!(slack["blocks"][1]["text"]["text"]
        .as_str()
        .expect("a section")
        .contains("ud fra 12 svar"));

    // The small store: three answers, fewer than ten, so no score.
    let small = digests(&receiver, "/mailer", &small_id)[0].verified();
    assert_eq!(small["data"]["nps"], Value::Null);
    assert_eq!(
        small["data"]["counts"],
        json!({"detractors": 1, "passives": 0, "promoters": 2})
    );
    let text = small["data"]["email"]["text"].as_str().expect("text");
    assert!(
        text.contains("3 answers this period: fewer than 10"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_digest_a_destination_refuses_is_a_dead_letter_and_replayable() {
    let receiver = Receiver::start(receiver_port("digest-dead")).await;
    receiver.always("/down", Reply::Status(400));
    let (monday, at) = this_week_and_next_week_at(1, 8);
    let id = format!("team-digest:digest-dead:night-shift:{monday}");
    let key = format!("{id}@down");

    run_the_hourly_trigger_at(at).await;
    let mut letter = None;
    for _ in 0..60 {
        let (status, listed) = api(Method::GET, "/v1/dead-letters?survey=digest-dead", None).await;
        assert_eq!(status, 200, "{listed}");
        letter = listed["dead_letters"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|l| l["delivery_key"] == key)
            .cloned();
        if letter.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let letter = letter.expect("the refused digest is a dead letter");
    assert_eq!(letter["reason"], "the destination answered 400", "{letter}");

    receiver.always("/down", Reply::Status(200));
    let replay = json!({"keys": [key]});
    let (status, replayed) = api(Method::POST, "/v1/dead-letters/replay", Some(replay)).await;
    assert_eq!(
        (status, &replayed["replayed"]),
        (200, &json!([key])),
        "{replayed}"
    );
    let arrived = receiver
        .wait_until(Duration::from_secs(30), |r| {
            r.requests("/down")
                .iter()
                .any(|q| q.id() == id && q.accepted())
        })
        .await;
    assert!(arrived, "the replayed digest arrived");
    let accepted = receiver
        .requests("/down")
        .into_iter()
        .find(|q| q.id() == id && q.accepted());
    let event = accepted.expect("accepted").verified();
    assert_eq!(
        (event["type"].as_str(), event["data"]["digest_id"].as_str()),
        (Some("digest.sent"), Some("night-shift"))
    );
    assert_eq!(
        event["data"]["nps"],
        Value::Null,
        "no answers: too few for a score"
    );
}
