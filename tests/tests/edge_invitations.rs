//! The email program's sending side against the Worker and its D1:
//! invitations (both parties of a trade, again without counting twice, a
//! bad batch refused whole), reminders up to the survey's limit, the
//! unsubscribe link (its page in a browser, the one-click POST) and the
//! response rates of the report, on hand-counted data. Each test has its
//! survey or its own customers (tests/surveys.toml).

use std::time::Duration;

use ambassador_shared::link::{self, unsubscribe};
use ambassador_tests::dashboard::own_client;
use ambassador_tests::page::{axe_violations, wait_for};
use ambassador_tests::{
    browser, click, d1, dev_var, http, link_secret, new_id, post_response, stored_response_where,
    url, worker_url,
};
use serde_json::{json, Value};

fn key() -> String {
    format!("Bearer {}", dev_var("API_KEY"))
}

async fn invite(survey: &str, body: Value) -> (u16, Value) {
    let request = http()
        .post(url(&format!("/v1/surveys/{survey}/invitations")))
        .header("authorization", key());
    ambassador_tests::send_json(request, Some(body)).await
}

/// A customer reference no other test uses.
fn customer() -> String {
    format!("C-{}", new_id())
}

/// The invitations stored for `customer`, all columns.
fn stored(customer: &str) -> Vec<Value> {
    d1(&format!(
        "SELECT * FROM invitations WHERE customer_ref = '{customer}'"
    ))
}

fn opted_out(survey: &str, customer: &str) -> bool {
    !d1(&format!(
        "SELECT 1 FROM opt_outs WHERE survey_id = '{survey}' AND customer_ref = '{customer}'"
    ))
    .is_empty()
}

/// The score links' token of an invitation item.
fn token(item: &Value) -> String {
    item["token"].as_str().expect("a token").to_owned()
}

#[tokio::test]
async fn a_batch_invites_both_parties_of_a_trade_in_their_languages() {
    let (buyer, seller) = (customer(), customer());
    let lot = format!("LOT-{}", new_id());
    let (status, answer) = invite(
        "invite-test",
        json!({"invitations": [
            {"customer_ref": buyer, "transaction_ref": lot, "touchpoint": "pickup",
             "role": "buyer", "locale": "da-DK"},
            {"customer_ref": seller, "transaction_ref": lot, "touchpoint": "pickup",
             "role": "seller", "locale": "en"},
        ]}),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        (
            &answer["created"],
            &answer["existing"],
            &answer["opted_out"]
        ),
        (&json!(2), &json!(0), &json!(0))
    );
    let items = answer["invitations"].as_array().expect("items");
    let (b, s) = (&items[0], &items[1]);
    assert_eq!((&b["index"], &b["status"]), (&json!(0), &json!("created")));
    assert_eq!((&s["role"], &s["locale"]), (&json!("seller"), &json!("en")));

    // The links are the Worker's own, signed for exactly this party.
    let claims = link::verify(&token(b), &link_secret(), ambassador_tests::unix_now())
        .expect("the buyer's links verify");
    assert_eq!(claims.customer_ref.as_deref(), Some(buyer.as_str()));
    assert_eq!(claims.role.as_deref(), Some("buyer"));
    assert_eq!(claims.response_id(&link_secret()), b["response_id"]);
    let links: Vec<String> = (0..=10)
        .map(|n| format!("{}/v1/l/{}?score={n}", worker_url(), token(b)))
        .collect();
    assert_eq!(b["links"], json!(links));
    assert_ne!(b["response_id"], s["response_id"]);

    // The survey's own question, in each recipient's language.
    assert_eq!(
        b["email"]["subject"],
        "Hvordan var din oplevelse med Nordauktion?"
    );
    let danish = "Tænk på din afhentning: Hvor sandsynligt er det, at du vil anbefale Nordauktion?";
    assert!(b["email"]["html"].as_str().expect("html").contains(danish));
    assert!(b["email"]["text"].as_str().expect("text").contains(danish));
    assert!(s["email"]["text"]
        .as_str()
        .expect("text")
        .contains("Thinking of your pickup: how likely are you to recommend Nordauktion?"));
    for link in &links {
        assert!(b["email"]["text"].as_str().expect("text").contains(link));
    }

    // Unsubscribe: a link of its own kind, and the headers RFC 8058 asks for.
    let unsubscribe_url = b["unsubscribe_url"].as_str().expect("a URL");
    assert!(b["email"]["html"]
        .as_str()
        .expect("html")
        .contains(unsubscribe_url));
    assert_eq!(
        b["headers"],
        json!({"List-Unsubscribe": format!("<{unsubscribe_url}>"),
               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    );
    let opt_out_token = unsubscribe_url
        .rsplit('/')
        .next()
        .expect("a token at the end");
    let opt_out = unsubscribe::verify(opt_out_token, &link_secret()).expect("verifies");
    assert_eq!(opt_out.customer_ref, buyer);

    // Stored, with the answer's id to join on.
    let rows = stored(&buyer);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], b["invitation_id"]);
    assert_eq!(rows[0]["response_id"], b["response_id"]);
    assert_eq!(rows[0]["transaction_ref"], json!(lot));
    assert_eq!(rows[0]["locale"], "da");
    assert_eq!(stored(&seller).len(), 1);
}

/// The most one call takes, stored in one round trip: 500 rows through one
/// bound JSON array, each answered with its links and email.
#[tokio::test]
async fn a_full_batch_of_500_is_one_call() {
    let tag = new_id();
    let items: Vec<Value> = (0..500)
        .map(|i| json!({"customer_ref": format!("B-{tag}-{i}"), "role": "buyer", "locale": "nb"}))
        .collect();
    let (status, answer) = invite("invite-test", json!({"invitations": items})).await;
    assert_eq!(status, 200, "{}", answer["error"]);
    assert_eq!(answer["created"], 500);
    let last = &answer["invitations"][499];
    assert_eq!(last["customer_ref"], format!("B-{tag}-499"));
    assert_eq!(last["links"].as_array().map(Vec::len), Some(11));
    let stored = d1(&format!(
        "SELECT COUNT(*) AS n FROM invitations WHERE customer_ref LIKE 'B-{tag}-%'"
    ));
    assert_eq!(stored[0]["n"], 500);
}

#[tokio::test]
async fn inviting_again_is_the_same_invitation_with_fresh_links_counted_once() {
    let buyer = customer();
    let recipient = json!({"customer_ref": buyer, "transaction_ref": "LOT-1", "role": "buyer",
                           "locale": "en"});
    let (status, first) = invite("invite-test", json!({"invitations": [recipient]})).await;
    assert_eq!(status, 200, "{first}");
    let again = json!({"invitations": [recipient], "expires_in_days": 7});
    let (status, second) = invite("invite-test", again).await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(
        (&second["created"], &second["existing"]),
        (&json!(0), &json!(1))
    );
    let (a, b) = (&first["invitations"][0], &second["invitations"][0]);
    assert_eq!(b["status"], "existing");
    assert_eq!(a["invitation_id"], b["invitation_id"]);
    assert_eq!(a["response_id"], b["response_id"]);
    assert_ne!(a["token"], b["token"], "fresh links: another expiry");
    assert!(b["expires_at"].as_u64() < a["expires_at"].as_u64());
    let rows = stored(&buyer);
    assert_eq!(rows.len(), 1, "counted once");
    assert!(rows[0]["invited_at"].as_i64() >= rows[0]["created_at"].as_i64());
}

#[tokio::test]
async fn a_bad_batch_names_every_problem_by_index_and_stores_nothing() {
    let customers: Vec<String> = (0..20).map(|_| customer()).collect();
    let mut items: Vec<Value> = customers
        .iter()
        .map(|c| json!({"customer_ref": c, "locale": "sv"}))
        .collect();
    items[3] = json!({"customer_ref": customers[3], "locale": "es"});
    items[17] = json!({"customer_ref": customers[17], "locale": "da", "role": "Buyer"});
    items[18] = json!({"locale": "da", "touchpoint": "pick up"});
    let (status, answer) = invite("invite-test", json!({"invitations": items})).await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["code"], "invalid_fields");
    let fields: Vec<&str> = answer["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "invitations[3].locale",
            "invitations[17].role",
            "invitations[18].customer_ref",
            "invitations[18].touchpoint"
        ]
    );
    let listed: Vec<String> = customers.iter().map(|c| format!("'{c}'")).collect();
    let sql = format!(
        "SELECT id FROM invitations WHERE customer_ref IN ({})",
        listed.join(", ")
    );
    assert_eq!(d1(&sql), Vec::<Value>::new(), "nothing stored");

    let many: Vec<Value> = (0..501)
        .map(|i| json!({"customer_ref": format!("C-{i}"), "locale": "en"}))
        .collect();
    let (status, answer) = invite("invite-test", json!({"invitations": many})).await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["fields"][0]["field"], "invitations");
    assert!(answer["error"]["fields"][0]["message"]
        .as_str()
        .expect("a message")
        .contains("at most 500"));

    let one = json!({"invitations": [{"customer_ref": customer(), "locale": "en"}]});
    let (status, answer) = invite("no-such-survey", one.clone()).await;
    assert_eq!(
        (status, &answer["error"]["code"]),
        (404, &json!("unknown_survey"))
    );
    let (status, _) = ambassador_tests::send_json(
        http().post(url("/v1/surveys/invite-test/invitations")),
        Some(one),
    )
    .await;
    assert_eq!(status, 401);
}

fn due_ids(answer: &Value) -> Vec<String> {
    answer["invitations"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|i| i["invitation_id"].as_str().map(str::to_owned))
        .collect()
}

/// `method` on `/v1/surveys/{survey}/{query}` with the API key: the answer,
/// which must be a 200.
async fn reminders_of(survey: &str, method: reqwest::Method, query: &str) -> Value {
    let request = http()
        .request(method, url(&format!("/v1/surveys/{survey}/{query}")))
        .header("authorization", key());
    let (status, answer) = ambassador_tests::send_json(request, None).await;
    assert_eq!(status, 200, "{answer}");
    answer
}

async fn reminders(method: reqwest::Method, query: &str) -> Value {
    reminders_of("remind-test", method, query).await
}

/// The sample year `cargo xtask` seeds (here into `dashboard-test`) is made
/// with the Worker's own ids, so its unanswered invitations get their
/// reminder links like real ones.
#[tokio::test]
async fn the_sample_years_invitations_get_their_reminder_links() {
    let listing = "invitations?status=unanswered&older_than_days=30";
    let answer = reminders_of("dashboard-test", reqwest::Method::GET, listing).await;
    let due = answer["invitations"].as_array().expect("a list");
    assert!(due.len() > 10, "{} due", due.len());
    assert!(due
        .iter()
        .all(|i| i["links"].as_array().map(Vec::len) == Some(11)));
}

#[tokio::test]
async fn reminders_reach_the_unanswered_up_to_the_surveys_limit() {
    let (quiet, answered) = (customer(), customer());
    let (status, answer) = invite(
        "remind-test",
        json!({"invitations": [{"customer_ref": quiet, "locale": "sv"},
                               {"customer_ref": answered, "locale": "sv"}]}),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let quiet_id = answer["invitations"][0]["invitation_id"].clone();
    let answered_item = &answer["invitations"][1];
    assert_eq!(click(&token(answered_item), 8).await.status().as_u16(), 303);
    let response_id = answered_item["response_id"].as_str().expect("an id");
    stored_response_where(response_id, |row| row["score"] == 8);

    let listing = "invitations?status=unanswered&older_than_days=0";
    // Listing is read only: twice, and nothing is counted.
    for _ in 0..2 {
        let listed = reminders(reqwest::Method::GET, listing).await;
        let ids = due_ids(&listed);
        assert!(ids.contains(&quiet_id.as_str().expect("id").to_owned()));
        assert!(!ids.contains(
            &answered_item["invitation_id"]
                .as_str()
                .expect("id")
                .to_owned()
        ));
    }
    let later = reminders(reqwest::Method::GET, "invitations?older_than_days=1").await;
    assert!(!due_ids(&later).contains(&quiet_id.as_str().expect("id").to_owned()));
    assert_eq!(stored(&quiet)[0]["reminders"], 0);

    // Each reminder run counts one, up to the survey's two.
    for expected in 1..=2 {
        let sent = reminders(reqwest::Method::POST, "reminders?older_than_days=0").await;
        let mine: Vec<&Value> = sent["invitations"]
            .as_array()
            .expect("a list")
            .iter()
            .filter(|i| i["invitation_id"] == quiet_id)
            .collect();
        assert_eq!(mine.len(), 1, "reminder {expected}: {sent}");
        assert_eq!(mine[0]["reminders"], expected);
        assert_eq!(
            mine[0]["email"]["subject"],
            "En påminnelse: hur var din upplevelse av Nordauktion?"
        );
        assert_eq!(mine[0]["links"].as_array().map(Vec::len), Some(11));
    }
    let sent = reminders(reqwest::Method::POST, "reminders?older_than_days=0").await;
    assert!(!due_ids(&sent).contains(&quiet_id.as_str().expect("id").to_owned()));
    assert_eq!(stored(&quiet)[0]["reminders"], 2);
    assert_eq!(stored(&answered)[0]["reminders"], 0);
}

#[tokio::test]
async fn unsubscribing_through_the_page_or_one_click_stops_later_invitations() {
    let (by_page, by_one_click, still_in) = (customer(), customer(), customer());
    let (status, answer) = invite(
        "invite-test",
        json!({"invitations": [{"customer_ref": by_page, "locale": "da"},
                               {"customer_ref": by_one_click, "locale": "de"}]}),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let page_url = answer["invitations"][0]["unsubscribe_url"]
        .as_str()
        .expect("a URL")
        .to_owned();
    let one_click_url = answer["invitations"][1]["unsubscribe_url"]
        .as_str()
        .expect("a URL")
        .to_owned();

    // A GET (a scanner, or a person reading) asks; it never unsubscribes.
    let response = http().get(&page_url).send().await.expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(policy.contains("default-src 'none'") && policy.contains("form-action 'self'"));
    assert!(!opted_out("invite-test", &by_page));

    // A person presses the page's button, in a browser.
    let client = browser().await;
    own_client(&client).await;
    client.goto(&page_url).await.expect("the page loads");
    let heading = wait_for(
        &client,
        "return document.querySelector('main h1')?.textContent ?? null;",
    )
    .await;
    assert_eq!(heading, "Vil du afmelde dig Nordauktions undersøgelser?");
    assert_eq!(
        client
            .execute("return document.documentElement.lang;", vec![])
            .await
            .expect("runs"),
        "da"
    );
    assert_eq!(axe_violations(&client).await, json!([]));
    client
        .find(fantoccini::Locator::Css("main button"))
        .await
        .expect("a button")
        .click()
        .await
        .expect("clicks");
    let done = wait_for(
        &client,
        "const h = document.querySelector('main h1')?.textContent;
         return h === 'Du er afmeldt' ? h : null;",
    )
    .await;
    assert_eq!(done, "Du er afmeldt");
    assert_eq!(axe_violations(&client).await, json!([]));
    client.close().await.expect("closes");
    assert!(opted_out("invite-test", &by_page));

    // A mailbox provider's one-click POST (RFC 8058), no browser involved.
    let response = http()
        .post(&one_click_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    assert!(opted_out("invite-test", &by_one_click));
    assert!(!opted_out("invite-test", &still_in));

    // A score link is no unsubscribe link.
    let score_token = token(&answer["invitations"][0]);
    let response = http()
        .post(url(&format!("/v1/unsubscribe/{score_token}")))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 403);

    // The next batch: the two who left are answered opted_out, not minted.
    let (status, answer) = invite(
        "invite-test",
        json!({"invitations": [
            {"customer_ref": by_page, "transaction_ref": "LOT-2", "locale": "da"},
            {"customer_ref": still_in, "locale": "en"},
            {"customer_ref": by_one_click, "transaction_ref": "LOT-2", "locale": "de"},
        ]}),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        (&answer["created"], &answer["opted_out"]),
        (&json!(1), &json!(2))
    );
    let items = answer["invitations"].as_array().expect("items");
    assert_eq!(items[0]["status"], "opted_out");
    assert!(items[0].get("links").is_none() && items[0].get("token").is_none());
    assert_eq!(items[1]["status"], "created");
    assert_eq!(items[2]["status"], "opted_out");
    let second_trade = d1(&format!(
        "SELECT id FROM invitations WHERE customer_ref IN ('{by_page}', '{by_one_click}') \
         AND transaction_ref = 'LOT-2'"
    ));
    assert!(second_trade.is_empty(), "not stored");
}

/// The report of `rates-test`'s response rates, once `done` holds for them.
/// The response rates of `path` (a report's), once `done` holds.
async fn rates_once(path: &str, done: impl Fn(&Value) -> bool) -> Value {
    let mut last = Value::Null;
    for _ in 0..60 {
        let request = http().get(url(path)).header("authorization", key());
        let (status, report) = ambassador_tests::send_json(request, None).await;
        assert_eq!(status, 200, "{report}");
        last = report["response_rates"].clone();
        if done(&last) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("the rates never settled: {last}");
}

#[tokio::test]
async fn response_rates_count_invitations_clicks_answers_and_comments() {
    // Five invited: a buyer who confirms with a comment, a seller who only
    // clicks, a buyer who confirms without one, a buyer at delivery who
    // never answers, and a seller invited twice (one invitation) who
    // never answers.
    let people: Vec<String> = (0..5).map(|_| customer()).collect();
    let invitation = |i: usize, touchpoint: &str, role: &str| {
        json!({"customer_ref": people[i], "transaction_ref": "LOT-9", "touchpoint": touchpoint,
               "role": role, "locale": "en"})
    };
    let batch = json!({"invitations": [
        invitation(0, "pickup", "buyer"), invitation(1, "pickup", "seller"),
        invitation(2, "pickup", "buyer"), invitation(3, "delivery", "buyer"),
        invitation(4, "delivery", "seller"),
    ]});
    let (status, answer) = invite("rates-test", batch).await;
    assert_eq!(status, 200, "{answer}");
    let again = json!({"invitations": [invitation(4, "delivery", "seller")]});
    assert_eq!(invite("rates-test", again).await.0, 200);
    let item = |i: usize| answer["invitations"][i].clone();

    for (i, score, comment) in [(0, 9, Some("Quick and friendly")), (2, 7, None)] {
        let it = item(i);
        assert_eq!(click(&token(&it), score).await.status().as_u16(), 303);
        let mut body = json!({"id": it["response_id"], "survey_id": "rates-test",
                              "score": score, "locale": "en", "token": token(&it)});
        if let Some(comment) = comment {
            body["comment"] = json!(comment);
        }
        let (status, posted) = post_response(body.to_string()).await;
        assert_eq!(status, 202, "{posted}");
    }
    assert_eq!(click(&token(&item(1)), 3).await.status().as_u16(), 303);

    let rates = rates_once("/v1/surveys/rates-test/report", |r| {
        r["overall"]["answered"] == 2 && r["overall"]["clicked"] == 3
    })
    .await;
    let funnel = |invited: u64, clicked: u64, answered: u64, commented: u64| {
        json!({"invited": invited, "clicked": clicked, "answered": answered,
               "commented": commented, "suspect": 0,
               "click_rate": clicked as f64 / invited as f64,
               "answer_rate": answered as f64 / invited as f64})
    };
    assert_eq!(rates["overall"], funnel(5, 3, 2, 1));
    let group = |name: &str, f: Value| {
        let mut f = f;
        f["name"] = json!(name);
        f
    };
    assert_eq!(
        rates["by_role"],
        json!([
            group("buyer", funnel(3, 2, 2, 1)),
            group("seller", funnel(2, 1, 0, 0))
        ])
    );
    assert_eq!(
        rates["by_touchpoint"],
        json!([
            group("delivery", funnel(2, 0, 0, 0)),
            group("pickup", funnel(3, 3, 2, 1))
        ])
    );
    let daily = rates["daily"].as_array().expect("days");
    assert_eq!(daily.len(), 1, "{rates}");
    let mut today = funnel(5, 3, 2, 1);
    today["date"] = daily[0]["date"].clone();
    assert_eq!(daily[0], today);
}

#[tokio::test]
async fn a_scanners_clicks_are_suspect_not_clicked_and_leave_a_reminder_due() {
    // `scanner-test` judges a click 3 s after the last one. One invitation
    // gets what a mail scanner does to an email (every score within a
    // second, the hidden link too); another gets one person's click.
    let touchpoint = format!("tp-{}", &new_id()[..8]);
    let (scanned, person) = (customer(), customer());
    let batch = json!({"invitations": [
        {"customer_ref": scanned, "touchpoint": touchpoint, "locale": "en"},
        {"customer_ref": person, "touchpoint": touchpoint, "locale": "en"},
    ]});
    let (status, answer) = invite("scanner-test", batch).await;
    assert_eq!(status, 200, "{answer}");
    let (scanner_token, person_token) = (
        token(&answer["invitations"][0]),
        token(&answer["invitations"][1]),
    );
    let honeypot = http()
        .get(url(&format!("/v1/l/{scanner_token}?honeypot=1")))
        .send()
        .await
        .expect("answers");
    assert_eq!(honeypot.status().as_u16(), 204);
    for score in [0, 5, 10] {
        assert_eq!(click(&scanner_token, score).await.status().as_u16(), 303);
    }
    // A person does not click within seconds of the email's sending: this
    // one waits the scanner rule's whole window out.
    tokio::time::sleep(Duration::from_millis(
        ambassador_shared::link::scanner::TOO_SOON_MS,
    ))
    .await;
    assert_eq!(click(&person_token, 8).await.status().as_u16(), 303);

    let path = format!("/v1/surveys/scanner-test/report?touchpoint={touchpoint}");
    let rates = rates_once(&path, |r| {
        r["overall"]["suspect"] == 1 && r["overall"]["clicked"] == 1
    })
    .await;
    assert_eq!(rates["overall"]["invited"], 2);
    assert_eq!(rates["overall"]["clicked"], 1, "{rates}");
    assert_eq!(rates["overall"]["click_rate"], 0.5);
    let row = &stored(&scanned)[0];
    assert_eq!(
        (row["clicked"].clone(), row["suspect"].clone()),
        (json!(0), json!(1))
    );
    let listing = "invitations?status=unanswered&older_than_days=0&limit=500";
    let due = due_ids(&reminders_of("scanner-test", reqwest::Method::GET, listing).await);
    let id_of = |row: &Value| row["id"].as_str().unwrap_or_default().to_owned();
    assert!(
        due.contains(&id_of(row)),
        "the scanned invitation is due a reminder"
    );
    assert!(
        !due.contains(&id_of(&stored(&person)[0])),
        "the person clicked"
    );
}
