//! Accessibility of the widget in real Chromium: answering with the keyboard
//! alone (real WebDriver key events), axe-core finding nothing, names that
//! carry the scale's meaning, and a layout that holds at 320 px and at 200%.

use ambassador_tests::page::{
    axe_violations, click_score, in_shadow, press, thanks, wait_for, wait_rendered,
};
use ambassador_tests::{browser, host, new_id, rows_with_comment};
use fantoccini::key::Key;
use fantoccini::Client;
use serde_json::Value;

const HOST: &str = ".ambassador-survey";

fn embed(query: &str) -> String {
    host::page(&format!(
        "/embed.html?survey=demo&brand=Keyboard+Co&{query}"
    ))
}

/// Which score radio has focus inside the widget, if any.
async fn focused_radio(client: &Client) -> Value {
    client
        .execute(
            "const a = document.activeElement?.shadowRoot?.activeElement;
             return a && a.getAttribute('role') === 'radio'
               ? {score: a.textContent, checked: a.getAttribute('aria-checked')} : null;",
            vec![],
        )
        .await
        .expect("script runs")
}

/// A browser on an embedding page, one Tab pressed after the widget shows.
async fn tabbed_into_the_scale() -> Client {
    let client = browser().await;
    client
        .goto(&embed("touchpoint=keyboard"))
        .await
        .expect("page loads");
    wait_rendered(&client, HOST).await;
    press(&client, [char::from(Key::Tab)]).await;
    client
}

#[tokio::test]
async fn keyboard_alone_answers_the_survey() {
    let client = tabbed_into_the_scale().await;
    let at = focused_radio(&client).await;
    assert_eq!(
        at["score"], "0",
        "Tab enters the scale at its one tab stop: {at}"
    );
    press(&client, std::iter::repeat_n(char::from(Key::Right), 7)).await;
    let at = focused_radio(&client).await;
    assert_eq!(
        (at["score"].clone(), at["checked"].clone()),
        ("7".into(), "true".into())
    );
    press(&client, [char::from(Key::Left)]).await;
    assert_eq!(focused_radio(&client).await["score"], "6");

    let comment = format!("keys {}", new_id());
    press(&client, [char::from(Key::Tab)]).await;
    press(&client, comment.chars()).await;
    press(&client, [char::from(Key::Tab), char::from(Key::Enter)]).await;
    assert_eq!(thanks(&client, HOST).await, "Thank you for your feedback!");
    let rows = rows_with_comment(&comment);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["score"], 6);
    client.close().await.expect("session closes");
}

/// A held arrow key repeats faster than the widget renders: every repeat,
/// sent to whatever has focus without a render in between, moves one step.
#[tokio::test]
async fn a_held_arrow_key_moves_one_step_per_repeat() {
    let client = tabbed_into_the_scale().await;
    client
        .execute(
            "const host = document.activeElement;
             for (let i = 0; i < 7; i++) {
               host.shadowRoot.activeElement.dispatchEvent(new KeyboardEvent('keydown',
                 {key: 'ArrowRight', bubbles: true, composed: true, cancelable: true}));
             }",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(focused_radio(&client).await["score"], "7");
    let checked = wait_for(
        &client,
        &in_shadow(
            HOST,
            "return root.querySelector('[aria-checked=true]')?.textContent ?? null;",
        ),
    )
    .await;
    assert_eq!(checked, "7");
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn axe_finds_no_violations_before_and_after_choosing() {
    let client = browser().await;
    for mode in ["inline", "popup"] {
        client
            .goto(&embed(&format!("mode={mode}")))
            .await
            .expect("page loads");
        wait_rendered(&client, HOST).await;
        assert_eq!(
            axe_violations(&client).await,
            serde_json::json!([]),
            "{mode}, scale"
        );
        click_score(&client, HOST, 4).await;
        wait_for(
            &client,
            &in_shadow(HOST, "return root.querySelector('textarea') && true;"),
        )
        .await;
        assert_eq!(
            axe_violations(&client).await,
            serde_json::json!([]),
            "{mode}, follow-up"
        );
    }
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn end_points_are_in_the_accessible_names() {
    let client = browser().await;
    client.goto(&embed("locale=en")).await.expect("page loads");
    let names = wait_for(
        &client,
        &in_shadow(
            HOST,
            "const r = root.querySelectorAll('[role=radio]');
             return {group: root.querySelector('[role=radiogroup]').getAttribute('aria-label'),
                     zero: r[0].getAttribute('aria-label'), ten: r[10].getAttribute('aria-label'),
                     five: r[5].getAttribute('aria-label'), count: r.length};",
        ),
    )
    .await;
    assert_eq!(names["count"], 11);
    let name = |key: &str| names[key].as_str().unwrap_or_default().to_lowercase();
    assert!(name("zero").contains("not at all likely"), "{names}");
    assert!(name("ten").contains("extremely likely"), "{names}");
    assert_eq!(name("five"), "5 out of 10");
    assert!(
        name("group").contains("0 (not at all likely) to 10"),
        "{names}"
    );
    client.close().await.expect("session closes");
}

/// The scale's geometry at the current window size.
async fn scale_fit(client: &Client) -> Value {
    wait_for(
        client,
        &in_shadow(
            HOST,
            "const r = [...root.querySelectorAll('[role=radio]')].map(b => b.getBoundingClientRect());
             return {viewport: innerWidth, page: document.documentElement.scrollWidth,
                     right: Math.max(...r.map(b => b.right)), left: Math.min(...r.map(b => b.left)),
                     narrowest: Math.min(...r.map(b => b.width)), lowest: Math.min(...r.map(b => b.height))};",
        ),
    )
    .await
}

#[tokio::test]
async fn usable_at_320_px_and_at_200_percent_zoom() {
    let client = browser().await;
    client.goto(&embed("locale=en")).await.expect("page loads");
    wait_rendered(&client, HOST).await;
    // 320 CSS px; then 160 CSS px, which is what a 320 px phone shows at 200% zoom.
    for width in [320, 160] {
        client
            .set_window_size(width, 700)
            .await
            .expect("window resizes");
        let fit = scale_fit(&client).await;
        let viewport = fit["viewport"].as_f64().unwrap_or_default();
        assert!(viewport <= f64::from(width) + 1.0, "viewport {fit}");
        assert!(
            fit["page"].as_f64() <= Some(viewport),
            "no sideways scroll: {fit}"
        );
        assert!(fit["left"].as_f64() >= Some(0.0), "{fit}");
        assert!(fit["right"].as_f64() <= Some(viewport), "{fit}");
        assert!(
            fit["narrowest"].as_f64() >= Some(24.0),
            "WCAG 2.5.8 target size: {fit}"
        );
        assert!(fit["lowest"].as_f64() >= Some(44.0), "tappable: {fit}");
    }
    client.close().await.expect("session closes");
}
