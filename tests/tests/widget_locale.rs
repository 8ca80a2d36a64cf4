//! The widget speaks the language the page asks for: every visible string
//! and accessible name from the shared table, and the answer is stored with
//! that locale.

use ambassador_tests::page::{click_score, comment_and_send, in_shadow, thanks, wait_for};
use ambassador_tests::{browser, browser_speaking, host, new_id, rows_with_comment};

const HOST: &str = ".ambassador-survey";

#[tokio::test]
async fn swedish_from_data_locale() {
    let client = browser().await;
    let page = host::page("/embed.html?survey=demo&brand=Acme&locale=sv&touchpoint=web");
    client.goto(&page).await.expect("page loads");
    let texts = wait_for(
        &client,
        &in_shadow(
            HOST,
            "return {question: root.querySelector('h2').textContent,
                     zero: root.querySelector('[role=radio]').getAttribute('aria-label')};",
        ),
    )
    .await;
    let question = texts["question"].as_str().unwrap_or_default();
    assert!(
        question.starts_with("Hur troligt är det att du skulle rekommendera"),
        "{texts}"
    );
    assert_eq!(texts["zero"], "0 av 10: Inte alls troligt");
    click_score(&client, HOST, 9).await;
    let follow_up = wait_for(
        &client,
        &in_shadow(
            HOST,
            "return root.querySelector('label.question')?.textContent ?? null;",
        ),
    )
    .await;
    assert_eq!(follow_up, "Vad uppskattade du mest?");
    let comment = format!("sv {}", new_id());
    comment_and_send(&client, HOST, &comment).await;
    assert_eq!(thanks(&client, HOST).await, "Tack för din feedback!");
    let rows = rows_with_comment(&comment);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["locale"], "sv");
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn without_data_locale_the_browser_languages_decide() {
    // Spanish is not offered, so the next preference wins: Danish.
    let client = browser_speaking("es-ES,es,da-DK,da,en").await;
    let page = host::page("/embed.html?survey=demo&touchpoint=web");
    client.goto(&page).await.expect("page loads");
    let languages = client
        .execute("return navigator.languages;", vec![])
        .await
        .expect("script runs");
    assert_eq!(languages[0], "es-ES", "the browser was set up: {languages}");
    let question = wait_for(
        &client,
        &in_shadow(HOST, "return root.querySelector('h2').textContent;"),
    )
    .await;
    let question = question.as_str().unwrap_or_default();
    assert!(
        question.starts_with("Hvor sandsynligt er det"),
        "{question}"
    );
    client.close().await.expect("session closes");
}
