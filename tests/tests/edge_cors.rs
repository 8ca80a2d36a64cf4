//! CORS for `POST /v1/responses`: preflight for any survey's origin, then
//! the answer checked against its own survey's list.

use ambassador_tests::{http, new_id, stored_response, submission, url};
use serde_json::Value;

async fn preflight(origin: &str) -> reqwest::Response {
    http()
        .request(reqwest::Method::OPTIONS, url("/v1/responses"))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .expect("the Worker answers")
}

async fn post_from(origin: &str, body: &Value) -> reqwest::Response {
    http()
        .post(url("/v1/responses"))
        .header("origin", origin)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the Worker answers")
}

#[tokio::test]
async fn preflight_answers_origins_some_survey_allows() {
    let response = preflight("https://www.nordauktion.example").await;
    assert_eq!(response.status().as_u16(), 204);
    let headers = response.headers();
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://www.nordauktion.example"
    );
    assert_eq!(headers["access-control-allow-methods"], "POST");
    assert_eq!(headers["access-control-allow-headers"], "content-type");
    assert_eq!(headers["vary"], "Origin");

    // A refused preflight: the browser sends nothing after a non-2xx one.
    let response = preflight("https://evil.example").await;
    assert_eq!(response.status().as_u16(), 403);
}

#[tokio::test]
async fn a_refused_page_can_read_why() {
    let response = http()
        .get(url("/v1/surveys/pickup?locale=sv"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .expect("the Worker answers");
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://evil.example",
        "the error is readable by the page, so the loader can show it"
    );
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "origin_not_allowed");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("https://evil.example") && message.contains("allowed_origins"),
        "{message}"
    );
}

#[tokio::test]
async fn answers_are_checked_against_their_own_surveys_origins() {
    // Nordauktion's origin may answer pickup, but not the demo survey.
    let id = new_id();
    let response = post_from("https://www.nordauktion.example", &submission(&id, 8)).await;
    assert_eq!(response.status().as_u16(), 403);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "origin_not_allowed");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("https://www.nordauktion.example"));
    assert!(ambassador_tests::never_stored(&id));

    let response = post_from("http://localhost:8787", &submission(&id, 8)).await;
    assert_eq!(response.status().as_u16(), 202);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://localhost:8787"
    );
    assert!(stored_response(&id).is_some());
}

#[tokio::test]
async fn server_to_server_calls_without_origin_are_allowed() {
    let id = new_id();
    let response = http()
        .post(url("/v1/responses"))
        .header("content-type", "application/json")
        .body(submission(&id, 10).to_string())
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 202);
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

/// The names the loader gives the glue and the wasm (content-hashed).
fn named_in(loader: &str, stem: &str, ext: &str) -> String {
    let start = loader.find(stem).expect("the loader names the file");
    let end = start + loader[start..].find(ext).expect("with its extension") + ext.len();
    loader[start..end].to_owned()
}

#[tokio::test]
async fn widget_files_may_be_loaded_by_any_site() {
    let get = |path: String| async move {
        http()
            .get(url(&format!("/widget/{path}")))
            .header("origin", "https://any-shop.example")
            .send()
            .await
            .expect("the Worker answers")
    };
    let loader = get("ambassador.js".into()).await;
    let loader_cache = loader.headers()["cache-control"].clone();
    let text = loader.text().await.expect("the loader");
    let files = [
        "ambassador.js".to_owned(),
        named_in(&text, "ambassador_widget.", ".js"),
        named_in(&text, "ambassador_widget_bg.", ".wasm"),
    ];
    for file in files {
        let response = get(file.clone()).await;
        assert_eq!(response.status().as_u16(), 200, "{file}");
        let headers = response.headers();
        assert_eq!(headers["access-control-allow-origin"], "*", "{file}");
        assert_eq!(
            headers["cross-origin-resource-policy"], "cross-origin",
            "{file}"
        );
        assert_eq!(
            headers.get_all("cache-control").iter().count(),
            1,
            "{file}: one caching rule"
        );
    }
    assert_eq!(loader_cache, "no-cache");
}
