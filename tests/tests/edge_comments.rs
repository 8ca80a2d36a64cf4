//! What people said, over HTTP against the Worker and D1: comments newest
//! first, found by full-text search in any of the widget's languages (with
//! or without diacritics), filtered by category and language, paged by a
//! cursor without repeats, every bad parameter named.

use ambassador_tests::{dev_var, http, new_id, post_and_store, url};
use serde_json::{json, Value};

async fn comment(touchpoint: &str, score: u8, locale: &str, text: &str) -> String {
    let body = json!({"id": new_id(), "survey_id": "demo", "score": score, "comment": text, "locale": locale,
                      "context": {"touchpoint": touchpoint}});
    post_and_store(&body).await
}

async fn comments(query: &str) -> (u16, Value) {
    let response = http()
        .get(url(&format!("/v1/surveys/demo/comments?{query}")))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
        .send()
        .await
        .expect("the Worker answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The comments `query` finds: the texts of a 200's page.
async fn found(query: &str) -> Vec<String> {
    let (status, page) = comments(query).await;
    assert_eq!(status, 200, "{query}: {page}");
    texts(&page)
}

fn texts(page: &Value) -> Vec<String> {
    page["comments"]
        .as_array()
        .map(|c| {
            c.iter()
                .filter_map(|c| c["comment"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn comments_are_found_filtered_and_paged() {
    let tp = format!("say-{}", &new_id()[..8]);
    comment(&tp, 10, "sv", "Väldigt trevlig personal").await;
    comment(&tp, 2, "en", "Long queue at the pickup desk").await;
    comment(&tp, 8, "da", "Helt fint, men lidt langsomt").await;
    let all = |q: &str| format!("touchpoint={tp}&{q}");

    let (status, page) = comments(&all("")).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        texts(&page),
        [
            "Helt fint, men lidt langsomt",
            "Long queue at the pickup desk",
            "Väldigt trevlig personal"
        ],
        "newest first"
    );
    assert_eq!(page["comments"][0]["locale"], "da");
    assert_eq!(page["next"], Value::Null);

    assert_eq!(found(&all("q=valdigt")).await, ["Väldigt trevlig personal"]);
    assert_eq!(
        found(&all("q=trev")).await,
        ["Väldigt trevlig personal"],
        "prefixes"
    );
    assert_eq!(
        found(&all("q=queue%20pickup")).await,
        ["Long queue at the pickup desk"]
    );
    assert!(
        found(&all("q=queue%20trevlig")).await.is_empty(),
        "every word required"
    );
    assert_eq!(
        found(&all("q=%22%20OR%20*")).await,
        Vec::<String>::new(),
        "no query language"
    );
    assert_eq!(
        found(&all("category=promoter")).await,
        ["Väldigt trevlig personal"]
    );
    assert_eq!(
        found(&all("locale=da")).await,
        ["Helt fint, men lidt langsomt"]
    );
    assert_eq!(
        found(&all("score=10&source=widget")).await,
        ["Väldigt trevlig personal"]
    );
    assert!(found(&all("source=email")).await.is_empty());

    let mut seen = Vec::new();
    let mut query = all("limit=1");
    loop {
        let (status, page) = comments(&query).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(texts(&page));
        match page["next"].as_str() {
            Some(next) => query = all(&format!("limit=1&before={next}")),
            None => break,
        }
    }
    assert_eq!(seen.len(), 3, "each once across pages: {seen:?}");

    let (status, refused) =
        comments("category=happy&before=yesterday&limit=0&sort=asc&score=11&source=sms").await;
    assert_eq!(status, 400, "{refused}");
    let fields: Vec<&str> = refused["error"]["fields"]
        .as_array()
        .map(|f| f.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        fields,
        ["sort", "source", "category", "score", "before", "limit"]
    );
    // A NUL would end SQLite's reading of the search (found by
    // Schemathesis): a clear 400, never the D1 error it caused.
    let (status, refused) = comments("q=k%C3%B6%00").await;
    assert_eq!(status, 400, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "q");
    assert_eq!(refused["error"]["fields"][0]["code"], "invalid_format");
    let unauthorized = http()
        .get(url("/v1/surveys/demo/comments"))
        .send()
        .await
        .expect("answers");
    assert_eq!(unauthorized.status().as_u16(), 401);
}
