//! Signed email links: the click records a provisional score and redirects to
//! the landing page; the landing page's POST confirms it. Real tokens, signed
//! with the Worker's own local secret.

use ambassador_shared::link::{sign, LinkClaims, LinkSecret};
use ambassador_shared::Locale;
use ambassador_tests::{
    click, d1, http, link_secret, new_id, post_response, signed_token_of_before, stored_response,
    stored_response_where, unix_now, url,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

/// Claims for one buyer of one lot; a fresh customer per test keeps rows apart.
fn claims() -> LinkClaims {
    LinkClaims {
        survey_id: "pickup".to_owned(),
        customer_ref: Some(format!("C-{}", new_id())),
        transaction_ref: Some("LOT-2026-0042".to_owned()),
        touchpoint: Some("pickup".to_owned()),
        role: Some("buyer".to_owned()),
        locale: Locale::Sv,
        expires_at: unix_now() + 3600,
        issued_at: Some(unix_now() - 3600),
    }
}

fn token(claims: &LinkClaims) -> String {
    sign(claims, &link_secret()).expect("valid claims")
}

async fn post(body: &Value) -> (u16, Value) {
    post_response(body.to_string()).await
}

fn rows_for(id: &str) -> usize {
    d1(&format!("SELECT id FROM responses WHERE id = '{id}'")).len()
}

#[tokio::test]
async fn click_records_a_provisional_score_and_redirects_to_the_landing_page() {
    let claims = claims();
    let token = token(&claims);
    let id = claims.response_id(&link_secret());
    let response = click(&token, "3").await;
    assert_eq!(response.status().as_u16(), 303);
    let location = response.headers()["location"].to_str().expect("ascii");
    // Relative: the address never comes from the request's Host header.
    assert!(location.starts_with("/answer?"), "{location}");
    let base = reqwest::Url::parse(&url("/")).expect("the Worker's URL");
    let location = base.join(location).expect("a path and query");
    assert_eq!(location.path(), "/answer");
    let query: Vec<(String, String)> = location.query_pairs().into_owned().collect();
    let expected = [
        ("survey", "pickup"),
        ("locale", "sv"),
        ("score", "3"),
        ("id", id.as_str()),
        ("token", token.as_str()),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(query, expected);

    let row = stored_response(&id).expect("the click is stored");
    assert_eq!(row["score"], 3);
    assert_eq!(row["category"], "detractor");
    assert_eq!(row["confirmed"], 0);
    assert_eq!(row["source"], "email");
    assert_eq!(row["survey_id"], "pickup");
    assert_eq!(row["role"], "buyer");
    assert_eq!(row["customer_ref"], json!(claims.customer_ref));
    assert_eq!(row["transaction_ref"], "LOT-2026-0042");
    assert_eq!(row["locale"], "sv");
}

#[tokio::test]
async fn another_click_or_a_reminder_updates_the_same_row() {
    let claims = claims();
    let id = claims.response_id(&link_secret());
    assert_eq!(click(&token(&claims), "4").await.status().as_u16(), 303);
    let reminder = LinkClaims {
        expires_at: claims.expires_at + 7 * 86_400,
        locale: Locale::En,
        ..claims.clone()
    };
    assert_eq!(click(&token(&reminder), "9").await.status().as_u16(), 303);
    let row = stored_response_where(&id, |row| row["score"] == 9);
    assert_eq!(row["category"], "promoter");
    assert_eq!(rows_for(&id), 1, "never a second row");
}

#[tokio::test]
async fn landing_page_post_confirms_the_click() {
    let claims = claims();
    let token = token(&claims);
    let id = claims.response_id(&link_secret());
    assert_eq!(click(&token, "6").await.status().as_u16(), 303);
    let body = json!({
        "id": id, "survey_id": "pickup", "score": 7, "locale": "sv", "token": token,
        "comment": "Lång kö", "answers": {"mattered-most": "waiting-time"},
        // Ignored: the context comes from the signed claims.
        "context": {"customer_ref": "someone-else"}
    });
    let (status, answer) = post(&body).await;
    assert_eq!(status, 202, "{answer}");
    assert_eq!(answer, json!({"id": id, "status": "accepted"}));
    let row = stored_response_where(&id, |row| row["confirmed"] == 1);
    assert_eq!(row["score"], 7);
    assert_eq!(row["comment"], "Lång kö");
    assert_eq!(row["customer_ref"], json!(claims.customer_ref));
    let answers: Value = serde_json::from_str(row["answers"].as_str().expect("json text"))
        .expect("answers are JSON");
    assert_eq!(answers, json!({"mattered-most": "waiting-time"}));

    // A click after the confirmation (a scanner, a reordered queue, the
    // email opened again) never rewrites what the customer confirmed.
    assert_eq!(click(&token, "10").await.status().as_u16(), 303);
    ambassador_tests::after_intake();
    let row = stored_response(&id).expect("stored");
    assert_eq!(
        (row["score"].clone(), row["confirmed"].clone()),
        (json!(7), json!(1))
    );
    assert_eq!(rows_for(&id), 1);
}

/// Queues do not keep order: the click that led to a confirmation may be
/// written after it. Sent at once, in both orders, the confirmation wins.
#[tokio::test]
async fn a_confirmation_wins_over_its_click_in_either_order() {
    for click_first in [true, false] {
        let claims = claims();
        let token = token(&claims);
        let id = claims.response_id(&link_secret());
        let body = json!({"id": id, "survey_id": "pickup", "score": 8, "token": token});
        let (clicked, (status, _)) = match click_first {
            true => (click(&token, "2").await, post(&body).await),
            false => {
                let posted = post(&body).await;
                (click(&token, "2").await, posted)
            }
        };
        assert_eq!((clicked.status().as_u16(), status), (303, 202));
        stored_response_where(&id, |row| row["confirmed"] == 1);
        ambassador_tests::after_intake();
        let row = stored_response(&id).expect("stored");
        assert_eq!(
            (row["score"].clone(), row["confirmed"].clone()),
            (json!(8), json!(1)),
            "click first: {click_first}"
        );
    }
}

#[tokio::test]
async fn landing_page_post_without_a_click_creates_the_row() {
    let claims = claims();
    let id = claims.response_id(&link_secret());
    let body = json!({"id": id, "survey_id": "pickup", "score": 10, "token": token(&claims)});
    let (status, answer) = post(&body).await;
    assert_eq!(status, 202, "{answer}");
    let row = stored_response(&id).expect("stored");
    assert_eq!(
        (row["confirmed"].clone(), row["source"].clone()),
        (json!(1), json!("email"))
    );
}

#[tokio::test]
async fn post_must_match_the_link_it_carries() {
    let claims = claims();
    let token = token(&claims);
    let id = claims.response_id(&link_secret());
    let other_id = new_id();
    let body = json!({"id": other_id, "survey_id": "demo", "score": 5, "token": token});
    let (status, answer) = post(&body).await;
    assert_eq!(status, 422, "{answer}");
    let fields: Vec<&str> = answer["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["survey_id", "id"], "{answer}");
    assert!(ambassador_tests::never_stored(&other_id));
    assert!(ambassador_tests::never_stored(&id));

    // Whole, but signed with another secret: forged. (A cut or padded
    // token is malformed, 400: see the link error pages below.)
    let other = LinkSecret::new(b"another secret, also 32 bytes ok").expect("32 bytes");
    let forged = sign(&claims, &other).expect("valid claims");
    let body = json!({"id": id, "survey_id": "pickup", "score": 5, "token": forged});
    let (status, answer) = post(&body).await;
    assert_eq!(
        (status, answer["error"]["code"].clone()),
        (403, json!("link_forged"))
    );
}

#[tokio::test]
async fn answers_are_checked_against_the_survey() {
    let id = new_id();
    let body = json!({
        "id": id, "survey_id": "pickup", "score": 8,
        "answers": {"mattered-most": "price", "colour": "red"}
    });
    let (status, answer) = post(&body).await;
    assert_eq!(status, 422, "{answer}");
    let fields: Vec<&str> = answer["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["answers.colour", "answers.mattered-most"]);
    assert!(ambassador_tests::never_stored(&id));
}

/// A signed link of before whose claims were edited (here: another survey)
/// keeps its old signature, so it is refused: a token cannot be replayed
/// elsewhere.
/// `token` with one character in the middle (its ciphertext, for an opaque
/// token) changed.
fn altered(token: &str) -> String {
    let at = token.len() / 2;
    let c = if &token[at..=at] == "A" { "B" } else { "A" };
    format!("{}{c}{}", &token[..at], &token[at + 1..])
}

fn with_edited_survey(token: &str) -> String {
    let (payload, signature) = token.split_once('.').expect("a token");
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64")).expect("json");
    claims["survey_id"] = json!("demo");
    let edited = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{edited}.{signature}")
}

#[tokio::test]
async fn bad_links_get_a_page_in_the_emails_language_with_the_reason_in_a_header() {
    let claims = claims();
    let id = claims.response_id(&link_secret());
    let good = token(&claims);
    let expired = token(&LinkClaims {
        expires_at: unix_now() - 1,
        ..claims.clone()
    });
    let undefined = token(&LinkClaims {
        survey_id: "discontinued".to_owned(),
        ..claims.clone()
    });
    let cases = [
        // The email was Swedish, so is the page; an unreadable token gets English.
        (
            with_edited_survey(&signed_token_of_before(&claims)),
            "5",
            403,
            "inte giltig",
            "link_forged",
        ),
        // Opaque: one character of the ciphertext changed.
        (altered(&good), "5", 403, "inte giltig", "link_forged"),
        // Cut by a mail client: incomplete, never "altered".
        (
            good[..good.len() - 5].to_owned(),
            "5",
            400,
            "ofullständig",
            "link_malformed",
        ),
        // The language is in the token's first characters, in clear.
        (
            good[..30].to_owned(),
            "5",
            400,
            "ofullständig",
            "link_malformed",
        ),
        (expired, "5", 410, "har gått ut", "link_expired"),
        (
            "not-a-token".to_owned(),
            "5",
            400,
            "is incomplete",
            "link_malformed",
        ),
        (good.clone(), "11", 400, "ofullständig", "invalid_query"),
        (good.clone(), "", 400, "ofullständig", "invalid_query"),
        (undefined, "5", 404, "finns inte längre", "unknown_survey"),
    ];
    for (token, score, status, words, code) in cases {
        let response = click(&token, score).await;
        assert_eq!(response.status().as_u16(), status, "{token} {score}");
        let headers = response.headers();
        let content_type = headers["content-type"].to_str().unwrap_or("");
        assert!(content_type.starts_with("text/html"), "{content_type}");
        // The reason is for operators, in a header; the page is the person's.
        assert_eq!(headers["ambassador-error"], code, "{token} {score}");
        let page = response.text().await.expect("a page");
        assert!(page.contains(words), "{page}");
        assert!(page.contains("<main") && page.contains("<h1>"), "{page}");
        for technical in ["{", "signature", "score", "claims", "unix"] {
            assert!(!page.contains(technical), "no {technical:?}: {page}");
        }
    }
    assert!(ambassador_tests::never_stored(&id));
    let health = http().get(url("/health")).send().await.expect("answers");
    assert_eq!(health.status().as_u16(), 200);
}

/// One character of a whole signed token's claims altered so that they no longer
/// decode to JSON: the signature is checked before anything is parsed, so
/// the link is forged (403), on the click and on the landing page's POST,
/// never malformed (400), and nothing is stored.
#[tokio::test]
async fn a_token_altered_so_its_claims_no_longer_parse_is_forged() {
    let claims = claims();
    let id = claims.response_id(&link_secret());
    let good = signed_token_of_before(&claims);
    // `eyJ` is base64url for `{"`: with `A` first, the claims start with a
    // byte that no JSON object starts with.
    assert!(good.starts_with("eyJ"), "{good}");
    let altered = format!("A{}", &good[1..]);
    let response = click(&altered, "5").await;
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(response.headers()["ambassador-error"], "link_forged");
    let body = json!({"id": id, "survey_id": "pickup", "score": 5, "token": altered});
    let (status, answer) = post(&body).await;
    assert_eq!(
        (status, answer["error"]["code"].clone()),
        (403, json!("link_forged")),
        "{answer}"
    );
    assert!(ambassador_tests::never_stored(&id));
}

/// The conflicts counted on answer `id`, once they reach `at_least`.
fn conflicts_reach(id: &str, at_least: u64) -> Value {
    ambassador_tests::stored_response_where(id, |row| {
        row["conflicts"].as_u64().unwrap_or_default() >= at_least
    })
}

/// An answer's id is no secret (the landing page's URL, invitations, every
/// forwarded event), so it is no key to the answer: a token-less POST with
/// the id of a confirmed email answer, naming its survey or another,
/// changes nothing and is counted as a conflict; and one with the id of a
/// click still in its quiet period neither confirms nor counts it.
#[tokio::test]
async fn a_token_less_post_with_an_email_answers_id_changes_nothing() {
    let claims = claims();
    let token = token(&claims);
    let id = claims.response_id(&link_secret());
    let comment = format!("Waited an hour at pickup {}", new_id());
    let body = json!({"id": id, "survey_id": "pickup", "score": 2,
                      "comment": comment, "token": token});
    let (status, answer) = post(&body).await;
    assert!((200..=202).contains(&status), "{status} {answer}");
    stored_response_where(&id, |row| row["confirmed"] == 1);

    for survey in ["pickup", "demo"] {
        let attack = json!({"id": id, "survey_id": survey, "score": 10,
                            "comment": "Everything was perfect"});
        let (status, answer) = post(&attack).await;
        assert!(matches!(status, 202 | 409), "{survey}: {status} {answer}");
    }
    let row = conflicts_reach(&id, 2);
    assert_eq!(row["conflicts"], 2, "{row}");
    assert_eq!(
        (&row["score"], &row["comment"], &row["survey_id"]),
        (&json!(2), &json!(comment), &json!("pickup")),
        "{row}"
    );
    assert_eq!(
        (&row["confirmed"], &row["source"]),
        (&json!(1), &json!("email"))
    );

    // A click waiting out its quiet period (pickup's is ten minutes).
    let claims = self::claims();
    let token = self::token(&claims);
    let id = claims.response_id(&link_secret());
    assert_eq!(click(&token, "3").await.status().as_u16(), 303);
    stored_response(&id).expect("the click is stored");
    let attack = json!({"id": id, "survey_id": "pickup", "score": 10});
    let (status, answer) = post(&attack).await;
    assert!(matches!(status, 202 | 409), "{status} {answer}");
    let row = conflicts_reach(&id, 1);
    assert_eq!(
        (&row["score"], &row["confirmed"], &row["state"]),
        (&json!(3), &json!(0), &json!("pending")),
        "{row}"
    );
}
