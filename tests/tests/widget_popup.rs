//! The popup: shown only after its delay (the wasm is not even downloaded
//! before), pinned to the corner, dismissible; and once dismissed, the loader
//! stays quiet on the next visit without downloading the wasm at all; a
//! keyboard user closes it with Escape.

use ambassador_tests::page::{in_shadow, press, wait_for, wait_rendered};
use ambassador_tests::{browser, host};
use fantoccini::key::Key;
use fantoccini::Client;
use serde_json::Value;

const HOST: &str = ".ambassador-survey";

/// Whether the page has fetched the widget's wasm.
async fn wasm_fetched(client: &Client) -> Value {
    client
        .execute(
            "return performance.getEntriesByType('resource')
               .some(e => e.name.includes('/widget/ambassador_widget_bg.') && e.name.endsWith('.wasm'));",
            vec![],
        )
        .await
        .expect("script runs")
}

#[tokio::test]
async fn popup_waits_then_dismissal_silences_the_survey_without_wasm() {
    let client = browser().await;
    let page = host::page("/embed.html?survey=demo&mode=popup&delay=1.5&touchpoint=web");
    client.goto(&page).await.expect("page loads");
    assert_eq!(
        wasm_fetched(&client).await,
        false,
        "nothing loads before the delay"
    );
    wait_rendered(&client, HOST).await;
    let placed = wait_for(
        &client,
        "const host = document.querySelector('.ambassador-survey');
         const box = host.getBoundingClientRect();
         return {position: getComputedStyle(host).position,
                 in_view: box.bottom <= innerHeight && box.right <= innerWidth && box.width > 0,
                 waited: performance.now() >= 1500};",
    )
    .await;
    assert_eq!(placed["position"], "fixed", "{placed}");
    assert_eq!(placed["in_view"], true, "{placed}");
    assert_eq!(placed["waited"], true, "{placed}");

    let closed = in_shadow(
        HOST,
        "root.querySelector('button.close[aria-label=Close]').click(); return true;",
    );
    wait_for(&client, &closed).await;
    let gone = wait_for(
        &client,
        "const root = document.querySelector('.ambassador-survey').shadowRoot;
         return root.querySelector('.survey') ? null : localStorage.getItem('ambassador:quiet:demo');",
    )
    .await;
    let until: u64 = gone
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("a deadline");
    let now = client
        .execute("return Date.now();", vec![])
        .await
        .expect("script runs")
        .as_u64()
        .expect("a number");
    let days = (until - now) as f64 / 86_400_000.0;
    assert!(
        (29.99..=30.0).contains(&days),
        "quiet for the demo's 30 days: {days}"
    );

    client.goto(&page).await.expect("page loads again");
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(
        wasm_fetched(&client).await,
        false,
        "a throttled visitor loads no wasm"
    );
    let shown = client
        .execute(&in_shadow(HOST, "return true;"), vec![])
        .await
        .expect("script runs");
    assert_eq!(shown, Value::Null);
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn escape_dismisses_the_popup_from_the_keyboard() {
    let client = browser().await;
    let survey = "pickup";
    let page = host::page(&format!(
        "/embed.html?survey={survey}&mode=popup&touchpoint=web"
    ));
    client.goto(&page).await.expect("page loads");
    wait_rendered(&client, HOST).await;
    press(&client, [char::from(Key::Tab)]).await;
    let focused = in_shadow(HOST, "return root.activeElement ? true : null;");
    wait_for(&client, &focused).await;
    press(&client, [char::from(Key::Escape)]).await;
    let gone = wait_for(
        &client,
        &format!(
            "const root = document.querySelector('.ambassador-survey').shadowRoot;
             return root.querySelector('.survey') ? null : localStorage.getItem('ambassador:quiet:{survey}');"
        ),
    )
    .await;
    assert!(gone.is_string(), "dismissed and quiet: {gone}");
    client.close().await.expect("session closes");
}
