//! The survey's own texts and extra questions, fetched from the Worker in the
//! visitor's language: the `pickup` survey of `surveys.toml` asks its own
//! question, its own follow-up per category and "What mattered most?". The
//! texts download alongside the wasm, not after it, and when they do not
//! arrive the widget still asks, in its built-in English.

use ambassador_tests::page::{
    block_requests, click_score, comment_and_send, in_shadow, thanks, wait_for, wait_rendered,
};
use ambassador_tests::{browser, browser_speaking, host, new_id, rows_with_comment};

const HOST: &str = ".ambassador-survey";

#[tokio::test]
async fn pickup_survey_asks_its_own_questions_and_stores_the_choice() {
    let client = browser().await;
    let page = host::page("/embed.html?survey=pickup&locale=sv&touchpoint=pickup&role=buyer");
    client.goto(&page).await.expect("page loads");
    let question = wait_for(
        &client,
        &in_shadow(HOST, "return root.querySelector('h2').textContent;"),
    )
    .await;
    assert_eq!(
        question,
        "Tänk på din upphämtning hos oss: hur troligt är det att du skulle rekommendera Nordauktion till en vän eller kollega?"
    );
    click_score(&client, HOST, 10).await;
    let shown = wait_for(
        &client,
        &in_shadow(
            HOST,
            "const legend = root.querySelector('fieldset legend');
             if (!legend) return null;
             return {follow_up: root.querySelector('label.question').textContent,
                     extra: legend.textContent,
                     options: [...root.querySelectorAll('fieldset label')].map(l => l.textContent)};",
        ),
    )
    .await;
    assert_eq!(shown["follow_up"], "Vad var bäst med upphämtningen?");
    assert_eq!(shown["extra"], "Vad var viktigast för dig? (Valfritt)");
    assert_eq!(shown["options"][1], "Kort väntetid");
    let choose = in_shadow(
        HOST,
        "root.querySelector('input[type=radio][value=waiting-time]').click(); return true;",
    );
    wait_for(&client, &choose).await;
    let comment = format!("pickup {}", new_id());
    comment_and_send(&client, HOST, &comment).await;
    assert_eq!(thanks(&client, HOST).await, "Tack för din feedback!");
    let rows = rows_with_comment(&comment);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["survey_id"], "pickup");
    assert_eq!(rows[0]["role"], "buyer");
    let answers: serde_json::Value =
        serde_json::from_str(rows[0]["answers"].as_str().unwrap_or("null")).expect("JSON");
    assert_eq!(
        answers,
        serde_json::json!({"mattered-most": "waiting-time"})
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn texts_download_alongside_the_wasm() {
    let client = browser().await;
    client
        .goto(&host::page("/embed.html?survey=pickup&locale=da"))
        .await
        .expect("page loads");
    wait_rendered(&client, HOST).await;
    let timing = client
        .execute(
            "const entries = performance.getEntriesByType('resource');
             const find = part => entries.find(e => e.name.includes(part));
             const texts = find('/v1/surveys/pickup?'), wasm = find('.wasm');
             return {url: texts.name, start: texts.startTime, wasm_done: wasm.responseEnd};",
            vec![],
        )
        .await
        .expect("script runs");
    let texts_url = timing["url"].as_str().unwrap_or_default();
    assert!(
        texts_url.ends_with("?languages=da%2Cen-US%2Cen"),
        "data-locale first, then the browser's languages: {texts_url}"
    );
    let (start, wasm_done) = (&timing["start"], &timing["wasm_done"]);
    assert!(
        start.as_f64() < wasm_done.as_f64(),
        "asked for the texts before the wasm had arrived: {timing}"
    );
    let question = client
        .execute(
            &in_shadow(HOST, "return root.querySelector('h2').textContent;"),
            vec![],
        )
        .await
        .expect("script runs");
    assert!(
        question
            .as_str()
            .unwrap_or_default()
            .contains("Nordauktion"),
        "the survey's own question, in Dutch: {question}"
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn without_the_texts_the_survey_asks_in_english_and_the_answer_is_stored() {
    // A German visitor whose network drops the request for the survey's
    // texts (and with it the widget's German strings), but not the answer.
    let client = browser_speaking("de-DE,de").await;
    block_requests(&client, &["*/v1/surveys/*"]).await;
    let page = host::page("/embed.html?survey=pickup&brand=Nordauktion&touchpoint=pickup");
    client.goto(&page).await.expect("page loads");
    let shown = wait_for(
        &client,
        &in_shadow(
            HOST,
            "return {question: root.querySelector('h2').textContent,
                     scale: root.querySelector('[role=radiogroup]').getAttribute('aria-label'),
                     zero: root.querySelector('[role=radio]').getAttribute('aria-label')};",
        ),
    )
    .await;
    assert_eq!(
        shown["question"],
        "How likely are you to recommend Nordauktion to a friend or colleague?"
    );
    assert_eq!(
        shown["scale"],
        "Scale from 0 (not at all likely) to 10 (extremely likely)"
    );
    assert_eq!(shown["zero"], "0 out of 10: Not at all likely");
    click_score(&client, HOST, 3).await;
    let follow_up = wait_for(
        &client,
        &in_shadow(
            HOST,
            "return root.querySelector('label.question')?.textContent ?? null;",
        ),
    )
    .await;
    assert_eq!(follow_up, "What disappointed you?");
    let comment = format!("no texts {}", new_id());
    comment_and_send(&client, HOST, &comment).await;
    assert_eq!(thanks(&client, HOST).await, "Thank you for your feedback!");
    let rows = rows_with_comment(&comment);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        rows[0]["locale"], "en",
        "stored in the language the customer read"
    );
    assert_eq!(rows[0]["score"], 3);
    client.close().await.expect("session closes");
}
