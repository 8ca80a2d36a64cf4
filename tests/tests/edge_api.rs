//! The Worker's public HTTP API, in the real runtime (workerd) with real D1.

use ambassador_tests::post_response as post;
use ambassador_tests::{http, new_id, stored_response, submission, url};
use serde_json::{json, Value};

async fn assert_still_serving() {
    let health = http().get(url("/health")).send().await.expect("answers");
    assert_eq!(health.status().as_u16(), 200);
}

#[tokio::test]
async fn valid_answer_is_classified_and_stored() {
    let id = new_id();
    let mut body = submission(&id, 6);
    body["comment"] = json!("Pick-up took an hour");
    let (status, answer) = post(body.to_string()).await;
    assert_eq!(status, 202, "{answer}");
    assert_eq!(answer, json!({"id": id, "status": "accepted"}));

    let row = stored_response(&id).expect("row stored");
    assert_eq!(row["score"], 6);
    assert_eq!(row["category"], "detractor");
    assert_eq!(row["comment"], "Pick-up took an hour");
    assert_eq!(row["touchpoint"], "web");
}

#[tokio::test]
async fn retried_answer_is_stored_once() {
    let id = new_id();
    let body = submission(&id, 9).to_string();
    assert_eq!(post(body.clone()).await.0, 202);
    let (status, answer) = post(body).await;
    assert_eq!(
        status, 202,
        "a retry is acknowledged, not duplicated: {answer}"
    );
    let row = stored_response(&id).expect("stored");
    assert_eq!(row["conflicts"], 0, "the same content again is no conflict");
    let sql = format!("SELECT COUNT(*) AS n FROM responses WHERE id = '{id}'");
    assert_eq!(ambassador_tests::d1(&sql)[0]["n"], 1);
}

/// An id is an idempotency key: the first content stays. Intake cannot see
/// the stored row when it acknowledges, so it says "accepted", never a
/// category it did not store; the consumer keeps the first answer and counts
/// the conflict.
#[tokio::test]
async fn the_first_content_of_an_id_stays_and_a_conflict_is_recorded() {
    let id = new_id();
    let (status, _) = post(submission(&id, 3).to_string()).await;
    assert_eq!(status, 202);
    stored_response(&id).expect("the first answer is stored");
    let (status, answer) = post(submission(&id, 10).to_string()).await;
    assert_eq!(status, 202, "{answer}");
    assert_eq!(answer, json!({"id": id, "status": "accepted"}));
    let row = ambassador_tests::stored_response_where(&id, |row| row["conflicts"] == 1);
    assert_eq!(row["score"], 3, "the first content stays");
    assert_eq!(row["category"], "detractor");
}

/// Each bad body gets a 4xx whose JSON names the problem, stores nothing,
/// and leaves the Worker serving.
#[tokio::test]
async fn bad_input_gets_a_typed_error_and_the_worker_keeps_serving() {
    let id = new_id();
    let with = |field: &str, value: Value| {
        let mut body = submission(&id, 5);
        body[field] = value;
        body.to_string()
    };
    let mut missing_survey = submission(&id, 5);
    missing_survey
        .as_object_mut()
        .expect("object")
        .remove("survey_id");
    let cases: Vec<(String, u16, &str, Option<&str>)> = vec![
        (
            with("score", json!(11)),
            422,
            "invalid_fields",
            Some("score"),
        ),
        (
            with("score", json!(-1)),
            422,
            "invalid_fields",
            Some("score"),
        ),
        (
            with("score", json!("9")),
            422,
            "invalid_fields",
            Some("score"),
        ),
        (
            missing_survey.to_string(),
            422,
            "invalid_fields",
            Some("survey_id"),
        ),
        (
            with("comment", json!("x".repeat(3000))),
            422,
            "invalid_fields",
            Some("comment"),
        ),
        (
            with("survey_id", json!("nope")),
            422,
            "unknown_survey",
            None,
        ),
        ("{\"score\": 9,".to_owned(), 400, "invalid_json", None),
        (
            format!("{{\"comment\":\"{}\"}}", "x".repeat(1 << 20)),
            413,
            "body_too_large",
            None,
        ),
    ];
    for (body, want_status, want_code, field) in cases {
        let (status, answer) = post(body).await;
        assert_eq!(status, want_status, "{answer}");
        assert_eq!(answer["error"]["code"], want_code, "{answer}");
        assert!(!answer["error"]["message"].as_str().unwrap_or("").is_empty());
        if let Some(field) = field {
            let fields = answer["error"]["fields"].as_array().expect("fields listed");
            assert!(fields.iter().any(|f| f["field"] == field), "{answer}");
        }
        assert_still_serving().await;
    }
    assert!(
        ambassador_tests::never_stored(&id),
        "nothing invalid is stored"
    );
}

#[tokio::test]
async fn unknown_paths_and_methods_are_typed_errors() {
    let response = http().get(url("/v1/nope")).send().await.expect("answers");
    assert_eq!(response.status().as_u16(), 404);
    let response = http()
        .get(url("/v1/responses"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "POST");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn only_the_methods_a_route_lists_reach_it() {
    let send = |method: &str, path: &str| {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
        ambassador_tests::http().request(method, url(path)).send()
    };
    let head = send("HEAD", "/health").await.expect("answers");
    assert_eq!(head.status().as_u16(), 200);
    assert!(
        head.bytes().await.expect("a body").is_empty(),
        "HEAD has no body"
    );
    let query = send("QUERY", "/health").await.expect("answers");
    assert_eq!(query.status().as_u16(), 405);
    assert_eq!(query.headers()["allow"], "GET");

    let claims = ambassador_tests::email_claims("demo", None, None);
    let secret = ambassador_tests::link_secret();
    let token = ambassador_shared::link::sign(&claims, &secret).expect("valid claims");
    let id = claims.response_id(&secret);
    let link = format!("/v1/l/{token}?score=3");
    for method in ["PROPFIND", "HEAD"] {
        let response = send(method, &link).await.expect("answers");
        assert_ne!(response.status().as_u16(), 303, "{method} is not a click");
        assert!(
            ambassador_tests::never_stored(&id),
            "{method} recorded nothing"
        );
    }
    assert_eq!(
        send("PROPFIND", &link)
            .await
            .expect("answers")
            .status()
            .as_u16(),
        405
    );
    assert_eq!(
        send("GET", &link).await.expect("answers").status().as_u16(),
        303
    );
    assert!(
        ambassador_tests::stored_response(&id).is_some(),
        "a GET is a click"
    );
}

/// Every HTML page the Worker sends, static or made, runs only its own
/// files, cannot be framed, is not sniffed, and sends no referrer: the demo
/// page, the email landing page (its URL holds a token), the dashboard, and
/// a link's error page.
#[tokio::test]
async fn every_html_page_runs_nothing_foreign_and_leaks_nothing() {
    for (path, status) in [
        ("/", 200),
        ("/answer?survey=demo&score=3", 200),
        ("/dashboard/", 200),
        ("/v1/l/garbage?score=3", 400),
    ] {
        let page = http().get(url(path)).send().await.expect("answers");
        assert_eq!(page.status().as_u16(), status, "{path}");
        let headers = page.headers();
        let kind = headers["content-type"].to_str().unwrap_or("");
        assert!(kind.starts_with("text/html"), "{path}: {kind}");
        let policy = headers["content-security-policy"].to_str().unwrap_or("");
        assert!(
            policy.starts_with("default-src 'none'")
                && policy.contains("frame-ancestors 'none'")
                && policy.contains("base-uri 'none'")
                && !policy.contains("unsafe-inline"),
            "{path}: {policy}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn ready_says_storage_and_bindings_answer() {
    let response = http().get(url("/ready")).send().await.expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body, json!({"status": "ready"}));
    let post = http().post(url("/ready")).send().await.expect("answers");
    assert_eq!(post.status().as_u16(), 405);
}

/// A body sent in chunks, without a declared length, is read only up to
/// the limit: the Worker answers 413 however much more is coming.
#[tokio::test]
async fn a_chunked_body_over_the_limit_is_refused() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = url("")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address)
        .await
        .expect("the Worker listens");
    let head = format!(
        "POST /v1/responses HTTP/1.1\r\nhost: {address}\r\ncontent-type: application/json\r\n\
         transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("sent");
    let chunk = format!("{:x}\r\n{}\r\n", 4096, "x".repeat(4096));
    // 64 KiB in all, four times the limit; the Worker may answer and close
    // before it has all, so a failed write is no failure here.
    for _ in 0..16 {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("body_too_large"), "{answer}");
    assert_still_serving().await;
}
