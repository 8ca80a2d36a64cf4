//! The widget on host pages that fight it, each on the shop's own origin
//! under its strict Content-Security-Policy (`ambassador_tests::host`): a
//! hostile stylesheet, the strictest embedding (cross-origin isolated), two
//! surveys on one page, and the mistakes a webmaster makes. Each answer must
//! still reach D1, the widget must look to a person as it does on a plain
//! page, and the host page must keep its own styles.

use ambassador_tests::looks::{assert_same, assert_usable, looks};
use ambassador_tests::page::{
    assert_no_page_problems, click_score, comment_and_send, thanks, wait_for, wait_rendered,
};
use ambassador_tests::{browser, host, new_id, rows_with_comment};
use fantoccini::Client;
use serde_json::Value;

const HOST: &str = ".ambassador-survey";

/// The one stored row with this comment.
fn row_with_comment(comment: &str) -> Value {
    let rows = rows_with_comment(comment);
    assert_eq!(rows.len(), 1, "exactly one row for {comment}: {rows:?}");
    rows[0].clone()
}

#[tokio::test]
async fn hostile_page_neither_squashes_nor_restyles_the_widget_in_any_mode() {
    for mode in ["inline", "popup"] {
        // A browser each: the answer below silences the survey on this site.
        let client = browser().await;
        let query = format!("?survey=demo&mode={mode}&touchpoint=hostile");
        let (plain, plain_follow_up) = looks(
            &client,
            &format!("/embed.html{query}"),
            &format!("plain-{mode}"),
        )
        .await;
        let (hostile, hostile_follow_up) = looks(
            &client,
            &format!("/hostile.html{query}"),
            &format!("hostile-{mode}"),
        )
        .await;
        assert_same(&hostile, &plain, mode);
        assert_same(&hostile_follow_up, &plain_follow_up, mode);

        assert_usable(&hostile, mode == "popup");

        let host_page = wait_for(
            &client,
            "const own = getComputedStyle(document.getElementById('own'));
             return {color: own.color, font: own.fontSize,
                     button: getComputedStyle(document.getElementById('host-button')).display};",
        )
        .await;
        assert_eq!(host_page["color"], "rgb(1, 2, 3)", "{host_page}");
        assert_eq!(host_page["font"], "3px", "the page keeps its own styles");
        assert_eq!(host_page["button"], "none", "ours stay inside: {host_page}");

        let comment = format!("hostile {mode} {}", new_id());
        comment_and_send(&client, HOST, &comment).await;
        assert_eq!(thanks(&client, HOST).await, "Thank you for your feedback!");
        let row = row_with_comment(&comment);
        assert_eq!(
            (row["score"].clone(), row["touchpoint"].clone()),
            (10.into(), "hostile".into())
        );
        client.close().await.expect("session closes");
    }
}

#[tokio::test]
async fn strictest_host_page_on_another_origin_stores_a_promoter() {
    let page = ambassador_tests::http()
        .get(host::page("/csp.html"))
        .send()
        .await
        .expect("page loads");
    let headers = page.headers();
    let policy = headers["content-security-policy"].to_str().expect("ASCII");
    assert!(
        policy.contains("script-src 'self' http://127.0.0.1:")
            && policy.contains("'wasm-unsafe-eval'")
            && policy.contains("style-src 'self';")
            && policy.contains("default-src 'none'"),
        "the page is served under a strict policy: {policy}"
    );
    assert_eq!(headers["cross-origin-embedder-policy"], "require-corp");

    let client = browser().await;
    client
        .goto(&host::page("/csp.html"))
        .await
        .expect("page loads");
    let origins = client
        .execute(
            "return [location.origin, new URL(document.querySelector('script[data-survey]').src).origin];",
            vec![],
        )
        .await
        .expect("script runs");
    assert_ne!(origins[0], origins[1], "page and widget on other origins");
    wait_rendered(&client, HOST).await;
    click_score(&client, HOST, 9).await;
    let comment = format!("strict {}", new_id());
    comment_and_send(&client, HOST, &comment).await;
    assert_eq!(thanks(&client, HOST).await, "Thank you for your feedback!");
    assert_no_page_problems(&client, "the strictest host page").await;
    let row = row_with_comment(&comment);
    assert_eq!(
        (
            row["score"].clone(),
            row["category"].clone(),
            row["touchpoint"].clone()
        ),
        (9.into(), "promoter".into(), "csp".into())
    );
    client.close().await.expect("session closes");
}

/// The first console error on the page, once there is one.
async fn console_error(client: &Client) -> String {
    let error = wait_for(client, "return window.consoleErrors[0] ?? null;").await;
    error.as_str().unwrap_or_default().to_owned()
}

/// No widget was drawn: no shadow root holds a survey.
async fn nothing_shown(client: &Client) -> bool {
    let shown = client
        .execute(
            "return !!document.querySelector('.ambassador-survey')?.shadowRoot?.querySelector('.survey');",
            vec![],
        )
        .await
        .expect("script runs");
    shown == false
}

#[tokio::test]
async fn a_webmasters_mistakes_are_named_in_the_console() {
    let client = browser().await;
    // The origin is not in the survey's allowed_origins.
    client
        .goto(&host::page("/embed.html?survey=forward-test"))
        .await
        .expect("page loads");
    let error = console_error(&client).await;
    assert!(
        error.starts_with("Ambassador widget: ")
            && error.contains(&host::origin())
            && error.contains("allowed_origins"),
        "{error}"
    );
    assert!(nothing_shown(&client).await, "no box that cannot send");

    // A survey id that does not exist.
    client
        .goto(&host::page("/embed.html?survey=no-such-survey"))
        .await
        .expect("page loads");
    let error = console_error(&client).await;
    assert!(error.contains("no survey \"no-such-survey\""), "{error}");
    assert!(nothing_shown(&client).await);

    // The page's policy forgets the Worker in connect-src.
    client
        .goto(&host::page(
            "/embed.html?survey=demo&touchpoint=web&forget=connect-src",
        ))
        .await
        .expect("page loads");
    let error = console_error(&client).await;
    assert!(
        error.contains("connect-src") && error.contains("http://127.0.0.1:"),
        "{error}"
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn two_custom_elements_answer_independently() {
    let client = browser().await;
    client
        .goto(&host::page("/two.html"))
        .await
        .expect("page loads");
    wait_rendered(&client, "#first").await;
    wait_rendered(&client, "#second").await;
    click_score(&client, "#first", 2).await;
    click_score(&client, "#second", 8).await;
    let first = format!("first {}", new_id());
    let second = format!("second {}", new_id());
    comment_and_send(&client, "#second", &second).await;
    assert_eq!(
        thanks(&client, "#second").await,
        "Vielen Dank für Ihr Feedback!"
    );
    let first_still_open = wait_for(
        &client,
        "const root = document.querySelector('#first').shadowRoot;
         return root.querySelector('.thanks') ? false : root.querySelector('[aria-checked=true]').textContent;",
    )
    .await;
    assert_eq!(first_still_open, "2", "the first survey kept its own state");
    comment_and_send(&client, "#first", &first).await;
    assert_eq!(
        thanks(&client, "#first").await,
        "Thank you for your feedback!"
    );

    for (comment, score, touchpoint, locale) in
        [(&first, 2, "first", "en"), (&second, 8, "second", "de")]
    {
        let row = row_with_comment(comment);
        assert_eq!(
            (&row["score"], &row["touchpoint"], &row["locale"]),
            (&score.into(), &touchpoint.into(), &locale.into())
        );
    }
    client.close().await.expect("session closes");
}
