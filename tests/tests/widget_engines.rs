//! The widget's core path in each browser engine a customer may use: Chromium,
//! Firefox, and WebKit (Safari's engine, the only one on an iPhone). In each,
//! on the shop's own origin under its strict policy: a hostile stylesheet
//! changes nothing a person sees, and a customer answers 9 with a comment
//! from the keyboard alone, stored once as a promoter, with no CSP violation
//! and no error in the console.

use ambassador_tests::looks::{assert_same, assert_usable, looks};
use ambassador_tests::page::{assert_no_page_problems, press, thanks, wait_rendered};
use ambassador_tests::{browser_of, host, new_id, rows_with_comment, Engine};
use fantoccini::key::Key;

const HOST: &str = ".ambassador-survey";

async fn core_path(engine: Engine) {
    let client = browser_of(engine).await;
    let name = format!("{engine:?}").to_lowercase();

    let query = "?survey=demo&touchpoint=web";
    let (plain, plain_follow_up) = looks(
        &client,
        &format!("/embed.html{query}"),
        &format!("{name}-plain"),
    )
    .await;
    let (hostile, hostile_follow_up) = looks(
        &client,
        &format!("/hostile.html{query}"),
        &format!("{name}-hostile"),
    )
    .await;
    assert_same(&hostile, &plain, &name);
    assert_same(&hostile_follow_up, &plain_follow_up, &name);
    assert_usable(&hostile, false);

    client
        .goto(&host::page("/csp.html"))
        .await
        .expect("page loads");
    wait_rendered(&client, HOST).await;
    press(&client, [char::from(Key::Tab)]).await;
    press(&client, std::iter::repeat_n(char::from(Key::Right), 9)).await;
    let comment = format!("{name} keys {}", new_id());
    press(&client, [char::from(Key::Tab)]).await;
    press(&client, comment.chars()).await;
    press(&client, [char::from(Key::Tab), char::from(Key::Enter)]).await;
    assert_eq!(thanks(&client, HOST).await, "Thank you for your feedback!");
    assert_no_page_problems(&client, &name).await;
    let rows = rows_with_comment(&comment);
    assert_eq!(rows.len(), 1, "{name}: exactly one row: {rows:?}");
    assert_eq!(
        (
            &rows[0]["score"],
            &rows[0]["category"],
            &rows[0]["touchpoint"]
        ),
        (&9.into(), &"promoter".into(), &"csp".into()),
        "{name}"
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn core_path_in_chromium() {
    core_path(Engine::Chromium).await;
}

#[tokio::test]
async fn core_path_in_firefox() {
    core_path(Engine::Firefox).await;
}

#[tokio::test]
async fn core_path_in_webkit() {
    core_path(Engine::WebKit).await;
}
