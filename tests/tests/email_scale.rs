//! Email at a large sender's scale, against the Worker and its D1: mail
//! filters that click a single link from their own network, played with
//! the test build's network headers (local workerd knows no network); links
//! that say nothing about the customer to whoever sees the URL (a mail
//! scanner's log, a proxy, a forwarded email), while the links mailed
//! before keep working until they expire.

use std::time::Duration;

use ambassador_shared::link::LinkClaims;
use ambassador_tests::{
    click, d1, dev_var, email_claims, eventually, http, link_secret, new_id, post_response,
    send_json, signed_token_of_before, unix_now, url,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

/// One invitation to `invite-test` for a buyer of `lot`, as a mailer asks.
async fn invite(customer: &str, lot: &str) -> Value {
    let body = json!({"invitations": [{"customer_ref": customer, "transaction_ref": lot,
        "touchpoint": "pickup", "role": "buyer", "locale": "da"}]});
    api("/v1/surveys/invite-test/invitations", body).await["invitations"][0].clone()
}

/// POSTs `body` to `path` with the API key; answers the 200's body.
async fn api(path: &str, body: Value) -> Value {
    let request = http()
        .post(url(path))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")));
    let (status, answer) = send_json(request, Some(body)).await;
    assert_eq!(status, 200, "{path}: {answer}");
    answer
}

/// Whether `haystack` holds `needle` as written or as a URL would encode it.
fn holds(haystack: &str, needle: &str) -> bool {
    let encoded: String = url::form_urlencoded::byte_serialize(needle.as_bytes()).collect();
    haystack.contains(needle) || haystack.contains(&encoded)
}

/// The email a mailer sends, every link in it, the token's decoded bytes and
/// the landing page's address after a click: none holds the customer's or
/// the trade's reference, yet the click is recorded with both.
#[tokio::test]
async fn a_new_link_reveals_no_reference_and_still_records_the_customer() {
    let (customer, lot) = (format!("C-{}", new_id()), format!("LOT-{}", new_id()));
    let item = invite(&customer, &lot).await;
    let token = item["token"].as_str().expect("a token");
    let email = &item["email"];
    let mut seen = vec![
        token.to_owned(),
        item["unsubscribe_url"].as_str().expect("a URL").to_owned(),
        email["subject"].as_str().expect("a subject").to_owned(),
        email["html"].as_str().expect("html").to_owned(),
        email["text"].as_str().expect("text").to_owned(),
    ];
    for link in item["links"].as_array().expect("links") {
        seen.push(link.as_str().expect("a link").to_owned());
    }
    let bytes = URL_SAFE_NO_PAD.decode(token).expect("a token is base64url");
    seen.push(String::from_utf8_lossy(&bytes).into_owned());
    let response = click(token, "9").await;
    assert_eq!(response.status().as_u16(), 303);
    let location = response.headers()["location"].to_str().expect("ascii");
    seen.push(location.to_owned());
    for text in &seen {
        for reference in [&customer, &lot] {
            assert!(!holds(text, reference), "{reference} in {text}");
        }
    }
    let id = item["response_id"].as_str().expect("an id");
    let row = ambassador_tests::stored_response_where(id, |row| row["score"] == 9);
    assert_eq!(
        (&row["customer_ref"], &row["transaction_ref"], &row["role"]),
        (&json!(customer), &json!(lot), &json!("buyer"))
    );
}

/// A link mailed before tokens were opaque (signed, readable claims) is
/// still taken, click and confirmation, until it expires; then it is
/// refused as expired like any other.
#[tokio::test]
async fn a_link_of_before_works_until_it_expires() {
    let claims = email_claims("pickup", Some("old-links"), Some("seller"));
    let token = signed_token_of_before(&claims);
    assert!(token.contains('.'), "the signed format: {token}");
    let id = claims.response_id(&link_secret());
    let response = click(&token, "4").await;
    assert_eq!(response.status().as_u16(), 303);
    let body = json!({"id": id, "survey_id": "pickup", "score": 5, "token": token,
        "comment": "Fin afhentning"});
    let (status, answer) = post_response(body.to_string()).await;
    assert_eq!(status, 202, "{answer}");
    let row = ambassador_tests::stored_response_where(&id, |row| row["confirmed"] == 1);
    assert_eq!(
        (&row["score"], &row["customer_ref"], &row["role"]),
        (&json!(5), &json!(claims.customer_ref), &json!("seller"))
    );

    let expired = LinkClaims {
        expires_at: unix_now() - 1,
        customer_ref: Some(format!("C-{}", new_id())),
        ..claims
    };
    let response = click(&signed_token_of_before(&expired), "4").await;
    assert_eq!(response.status().as_u16(), 410);
    assert_eq!(response.headers()["ambassador-error"], "link_expired");
    let expired_id = expired.response_id(&link_secret());
    assert!(ambassador_tests::never_stored(&expired_id));
}

/// Any character of an opaque token's ciphertext changed: forged (403),
/// on the click and on the confirmation; the token cut short: incomplete
/// (400). Nothing is stored either way.
#[tokio::test]
async fn an_altered_opaque_link_is_forged_and_a_cut_one_incomplete() {
    let claims = email_claims("pickup", Some("old-links"), None);
    let token = ambassador_shared::link::sign(&claims, &link_secret()).expect("valid claims");
    let id = claims.response_id(&link_secret());
    for at in [8, token.len() / 2, token.len() - 4] {
        let other = if &token[at..=at] == "A" { "B" } else { "A" };
        let altered = format!("{}{other}{}", &token[..at], &token[at + 1..]);
        let response = click(&altered, "2").await;
        assert_eq!(response.status().as_u16(), 403, "altered at {at}");
        assert_eq!(response.headers()["ambassador-error"], "link_forged");
        let body = json!({"id": id, "survey_id": "pickup", "score": 2, "token": altered});
        let (status, answer) = post_response(body.to_string()).await;
        assert_eq!(
            (status, &answer["error"]["code"]),
            (403, &json!("link_forged"))
        );
    }
    let response = click(&token[..token.len() - 7], "2").await;
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(response.headers()["ambassador-error"], "link_malformed");
    assert!(ambassador_tests::never_stored(&id));
}

/// Microsoft's network, as Cloudflare reports it, or a Danish home's.
const MICROSOFT: (&str, &str) = ("8075", "MICROSOFT-CORP-MSN-AS-BLOCK");
const HOME: (&str, &str) = ("3292", "TDC Holding A/S");

/// A click on `token`'s link for `score` from `network`, from its own
/// client address.
async fn click_from(network: (&str, &str), token: &str, score: u8) -> u16 {
    let address = format!(
        "198.51.100.{}",
        u8::from_str_radix(&new_id()[..2], 16).unwrap_or(9)
    );
    ambassador_tests::http_as(&address)
        .get(url(&format!("/v1/l/{token}?score={score}")))
        .header("ambassador-test-asn", network.0)
        .header("ambassador-test-as-organization", network.1)
        .send()
        .await
        .expect("the Worker answers")
        .status()
        .as_u16()
}

/// The row of `id` once its latest click is settled and `done` holds.
fn settled_where(id: &str, done: impl Fn(&Value) -> bool) -> Value {
    let sql = format!(
        "SELECT score, state, suspect, confirmed, \
         (SELECT group_concat(scanner_network) FROM link_visits WHERE response_id = id) \
         AS networks FROM responses WHERE id = '{id}'"
    );
    eventually(Duration::from_secs(30), || {
        d1(&sql)
            .pop()
            .filter(|row| row["state"] != "pending" && done(row))
    })
    .unwrap_or_else(|| panic!("{id} settles within 30 s: {:?}", d1(&sql)))
}

/// One click, an hour after minting, from Microsoft's network: none of
/// the other signs sees it (one score, no hidden link, not soon), the
/// network does, and it waits uncounted. The customer's own click from
/// home a little later is a person's and becomes the answer.
#[tokio::test]
async fn a_single_click_from_a_scanners_network_waits_for_a_persons() {
    let claims = email_claims("settle-test", Some("networks"), Some("buyer"));
    let token = ambassador_shared::link::sign(&claims, &link_secret()).expect("valid claims");
    let id = claims.response_id(&link_secret());
    assert_eq!(click_from(MICROSOFT, &token, 0).await, 303);
    let held = settled_where(&id, |_| true);
    assert_eq!(
        (
            &held["score"],
            &held["state"],
            &held["suspect"],
            &held["networks"]
        ),
        (
            &json!(0),
            &json!("suspect"),
            &json!("scanner_network"),
            &json!("Microsoft")
        )
    );
    // Past the several-scores window: a person, not a burst.
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(click_from(HOME, &token, 8).await, 303);
    let answer = settled_where(&id, |row| row["score"] == 8);
    assert_eq!(
        (&answer["state"], &answer["suspect"], &answer["confirmed"]),
        (&json!("settled"), &Value::Null, &json!(0))
    );
}

/// A confirmation on the landing page is a person's, whatever network
/// the click came from.
#[tokio::test]
async fn a_confirmation_counts_a_click_from_a_scanners_network() {
    let claims = email_claims("settle-test", Some("networks"), Some("seller"));
    let token = ambassador_shared::link::sign(&claims, &link_secret()).expect("valid claims");
    let id = claims.response_id(&link_secret());
    assert_eq!(click_from(MICROSOFT, &token, 9).await, 303);
    let body = json!({"id": id, "survey_id": "settle-test", "score": 9, "token": token});
    let (status, answer) = post_response(body.to_string()).await;
    assert_eq!(status, 202, "{answer}");
    let row = settled_where(&id, |row| row["confirmed"] == 1);
    assert_eq!(
        (&row["state"], &row["score"]),
        (&json!("confirmed"), &json!(9))
    );
}

/// A survey that turned the sign off counts the same click as a person's.
#[tokio::test]
async fn a_survey_may_turn_the_network_sign_off() {
    let claims = email_claims("networks-off-test", None, None);
    let token = ambassador_shared::link::sign(&claims, &link_secret()).expect("valid claims");
    let id = claims.response_id(&link_secret());
    assert_eq!(click_from(MICROSOFT, &token, 0).await, 303);
    let row = settled_where(&id, |_| true);
    assert_eq!(
        (&row["state"], &row["suspect"], &row["networks"]),
        (&json!("settled"), &Value::Null, &Value::Null)
    );
}

/// A mailer that sends twenty seconds after asking for the links: a click
/// ten seconds after the sending is a person's by the minting, and too
/// soon by the sending once the mailer reports it. The other invitation of
/// the batch, clicked alike but not reported, is a person's.
#[tokio::test]
async fn too_soon_counts_from_the_reported_sending() {
    let (reported, silent) = (format!("C-{}", new_id()), format!("C-{}", new_id()));
    let body = json!({"invitations": [
        {"customer_ref": reported, "locale": "da"}, {"customer_ref": silent, "locale": "da"}]});
    let answer = api("/v1/surveys/settle-test/invitations", body).await;
    let items = answer["invitations"].as_array().expect("items");
    let text = |item: &Value, field: &str| item[field].as_str().expect(field).to_owned();
    let (reported, silent) = (&items[0], &items[1]);
    tokio::time::sleep(Duration::from_secs(21)).await;
    let now_ms = unix_now() * 1000;
    let unknown = new_id();
    let sent = json!({"sent": [
        {"invitation_id": text(reported, "invitation_id"), "sent_at": now_ms},
        {"invitation_id": unknown, "sent_at": now_ms}]});
    let recorded = api("/v1/surveys/settle-test/invitations/sent", sent).await;
    assert_eq!(
        (&recorded["updated"], &recorded["unknown"]),
        (&json!(1), &json!([unknown]))
    );
    for item in [reported, silent] {
        assert_eq!(click_from(HOME, &text(item, "token"), 7).await, 303);
    }
    let row = settled_where(&text(reported, "response_id"), |_| true);
    assert_eq!(
        (&row["state"], &row["suspect"]),
        (&json!("suspect"), &json!("too_soon"))
    );
    let row = settled_where(&text(silent, "response_id"), |_| true);
    assert_eq!(
        (&row["state"], &row["suspect"]),
        (&json!("settled"), &Value::Null)
    );

    let bad = json!({"sent": [{"invitation_id": "x", "sent_at": now_ms + 3_600_000}]});
    let request = http()
        .post(url("/v1/surveys/settle-test/invitations/sent"))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")));
    let (status, answer) = send_json(request, Some(bad)).await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["fields"][0]["field"], "sent[0].sent_at");
}
