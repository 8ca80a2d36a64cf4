//! `GET /v1/surveys/{id}`: the survey a widget shows, per locale, with CORS.

use ambassador_shared::PublicSurvey;
use ambassador_tests::{http, url};
use serde_json::Value;

async fn get(path: &str, origin: Option<&str>) -> reqwest::Response {
    let mut request = http().get(url(path));
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    request.send().await.expect("the Worker answers")
}

async fn error_code(response: reqwest::Response) -> String {
    let body: Value = response.json().await.expect("a JSON error");
    body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn survey_comes_in_the_asked_locale_and_caches() {
    let response = get("/v1/surveys/pickup?locale=sv-SE", None).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["cache-control"], "public, max-age=300");
    let survey: PublicSurvey = response.json().await.expect("a PublicSurvey");
    assert_eq!(survey.id, "pickup");
    assert_eq!(survey.locale.as_str(), "sv");
    assert!(
        survey.question.starts_with("Tänk på din upphämtning"),
        "{survey:?}"
    );
    assert!(survey.question.contains("Nordauktion"));
    assert_eq!(survey.extra_questions[0].id, "mattered-most");
    assert_eq!(
        survey.extra_questions[0].label,
        "Vad var viktigast för dig?"
    );

    let english: PublicSurvey = get("/v1/surveys/pickup", None)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(english.locale.as_str(), "en");
    assert!(english.question.starts_with("Thinking of your pickup"));
}

#[tokio::test]
async fn survey_comes_in_the_first_supported_of_the_visitors_languages() {
    for (languages, expected) in [("es-ES,nb_NO,en", "nb"), ("es,pt", "en")] {
        let path = format!("/v1/surveys/pickup?languages={languages}");
        let survey: PublicSurvey = get(&path, None).await.json().await.expect("json");
        assert_eq!(survey.locale.as_str(), expected, "{languages}");
    }
    for (query, why) in [
        ("languages=sv,%3Cb%3E", "not a language tag"),
        ("languages=sv&locale=da", "not both"),
    ] {
        let response = get(&format!("/v1/surveys/pickup?{query}"), None).await;
        assert_eq!(response.status().as_u16(), 400, "{query}");
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["error"]["fields"][0]["field"], "languages");
        let message = body["error"]["fields"][0]["message"].as_str().unwrap_or("");
        assert!(message.contains(why), "{query}: {body}");
    }
}

#[tokio::test]
async fn unknown_survey_is_404_and_bad_locale_is_400() {
    let response = get("/v1/surveys/nope", None).await;
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(error_code(response).await, "unknown_survey");

    let response = get("/v1/surveys/pickup?locale=xx", None).await;
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "invalid_query");
    assert_eq!(body["error"]["fields"][0]["field"], "locale");
    let message = body["error"]["fields"][0]["message"].as_str().unwrap_or("");
    assert!(message.contains("da, sv, nb, de, nl, fr, en"), "{body}");
}

#[tokio::test]
async fn only_the_surveys_own_origins_may_read_it() {
    let allowed = "https://www.nordauktion.example";
    let response = get("/v1/surveys/pickup", Some(allowed)).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], allowed);
    assert!(response.headers()["vary"]
        .to_str()
        .unwrap_or("")
        .contains("Origin"));

    // Allowed by the demo survey, not by pickup: refused, but readable so
    // the page's developer sees why.
    let demo_origin = "http://127.0.0.1:8787";
    let response = get("/v1/surveys/pickup", Some(demo_origin)).await;
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        demo_origin
    );
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "origin_not_allowed");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains(demo_origin));

    // Allowed by no survey: refused, and as readable (errors carry nobody's data).
    let response = get("/v1/surveys/pickup", Some("https://evil.example")).await;
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://evil.example"
    );

    // The Worker's own pages (demo, landing page) may use every survey.
    let own = ambassador_tests::worker_url();
    let response = get("/v1/surveys/pickup", Some(&own)).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        own.as_str()
    );
}
