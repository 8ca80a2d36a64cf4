//! The widget on host pages that fight it, each on the shop's own origin
//! under its strict Content-Security-Policy (`ambassador_tests::host`): a
//! hostile stylesheet, the strictest embedding (cross-origin isolated), two
//! surveys on one page, and the mistakes a webmaster makes. Each answer must
//! still reach D1, the widget must look to a person as it does on a plain
//! page, and the host page must keep its own styles.

use ambassador_tests::page::{
    click_score, comment_and_send, screenshot, thanks, wait_for, wait_rendered,
};
use ambassador_tests::{browser, d1, host, new_id};
use fantoccini::Client;
use serde_json::Value;

const HOST: &str = ".ambassador-survey";

/// The one stored row with this comment.
fn row_with_comment(comment: &str) -> Value {
    let rows = d1(&format!(
        "SELECT score, category, touchpoint, locale FROM responses WHERE comment = '{comment}'"
    ));
    assert_eq!(rows.len(), 1, "exactly one row for {comment}: {rows:?}");
    rows[0].clone()
}

/// What a person sees of the scale once it has settled (a popup's slide-in
/// over): text sizes, the score targets' sizes, whether any two overlap or
/// any fails to take a click at its centre, and where a popup sits.
const SCALE_LOOKS: &str = "
    const host = document.querySelector('.ambassador-survey');
    const root = host?.shadowRoot;
    const radios = [...(root?.querySelectorAll('[role=radio]') ?? [])];
    if (radios.length !== 11 || host.getAnimations().some(a => a.playState === 'running')) return null;
    const px = el => parseFloat(getComputedStyle(el).fontSize);
    const boxes = radios.map(r => r.getBoundingClientRect());
    const apart = (a, b) => a.right <= b.left + 0.5 || b.right <= a.left + 0.5
                         || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
    const survey = root.querySelector('.survey').getBoundingClientRect();
    // Where a popup sits; an inline survey sits wherever the page puts it.
    const placed = getComputedStyle(host).position === 'fixed' ? host.getBoundingClientRect() : {};
    const question = root.querySelector('.question');
    return {
      question_px: px(question), score_px: px(radios[0]), ends_px: px(root.querySelector('.ends')),
      letter_spacing: getComputedStyle(question).letterSpacing,
      text_transform: getComputedStyle(question).textTransform,
      narrowest: Math.min(...boxes.map(b => b.width)), lowest: Math.min(...boxes.map(b => b.height)),
      overlapping: boxes.some((a, i) => boxes.some((b, j) => i < j && !apart(a, b))),
      unclickable: radios.filter((r, i) => root.elementFromPoint(
        boxes[i].x + boxes[i].width / 2, boxes[i].y + boxes[i].height / 2) !== r).length,
      width: survey.width, height: survey.height,
      left: placed.left, top: placed.top,
      right_gap: innerWidth - placed.right, bottom_gap: innerHeight - placed.bottom,
    };";

/// The follow-up's text box and send button, once a score is chosen.
const FOLLOW_UP_LOOKS: &str = "
    const root = document.querySelector('.ambassador-survey').shadowRoot;
    const text = root.querySelector('textarea'), send = root.querySelector('button[type=submit]');
    if (!text || !send) return null;
    const box = send.getBoundingClientRect();
    return {text_px: parseFloat(getComputedStyle(text).fontSize),
            send_px: parseFloat(getComputedStyle(send).fontSize),
            send_width: box.width, send_height: box.height,
            text_width: text.getBoundingClientRect().width};";

/// Loads `path` on the shop's site and measures the scale, then chooses 10
/// and measures the follow-up; a screenshot of each stage goes to
/// `target/screenshots/{name}-*.png`.
async fn looks(client: &Client, path: &str, name: &str) -> (Value, Value) {
    client.goto(&host::page(path)).await.expect("page loads");
    let scale = wait_for(client, SCALE_LOOKS).await;
    screenshot(client, &format!("{name}-scale")).await;
    click_score(client, HOST, 10).await;
    let follow_up = wait_for(client, FOLLOW_UP_LOOKS).await;
    screenshot(client, &format!("{name}-follow-up")).await;
    (scale, follow_up)
}

/// Every measure in `plain` is within half a pixel of `hostile`'s (or equal,
/// for words).
fn assert_same(hostile: &Value, plain: &Value, what: &str) {
    let (Value::Object(hostile), Value::Object(plain)) = (hostile, plain) else {
        panic!("measures are objects: {hostile} {plain}");
    };
    for (key, expected) in plain {
        let got = &hostile[key];
        let same = match (got.as_f64(), expected.as_f64()) {
            (Some(got), Some(expected)) => (got - expected).abs() <= 0.5,
            _ => got == expected,
        };
        assert!(
            same,
            "{what}: {key} is {got} on the hostile page, {expected} on a plain one"
        );
    }
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

        // What a person needs, whatever the plain page shows.
        assert!(hostile["question_px"].as_f64() >= Some(16.0), "{hostile}");
        assert!(hostile["ends_px"].as_f64() >= Some(12.0), "{hostile}");
        assert!(hostile["narrowest"].as_f64() >= Some(24.0), "{hostile}");
        assert!(hostile["lowest"].as_f64() >= Some(24.0), "{hostile}");
        assert_eq!(hostile["overlapping"], false, "{hostile}");
        assert_eq!(hostile["unclickable"], 0, "{hostile}");
        assert_eq!(hostile["letter_spacing"], "normal", "{hostile}");
        assert_eq!(hostile["text_transform"], "none", "{hostile}");
        assert!(hostile["width"].as_f64() >= Some(300.0), "{hostile}");
        if mode == "popup" {
            // In its corner, 16 px from the edges, at its normal size.
            assert!((hostile["right_gap"].as_f64().unwrap_or(0.0) - 16.0).abs() <= 1.0);
            assert!((hostile["bottom_gap"].as_f64().unwrap_or(0.0) - 16.0).abs() <= 1.0);
        }

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
    let problems = client
        .execute(
            "return {csp: window.cspViolations, console: window.consoleErrors};",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(
        problems,
        serde_json::json!({"csp": [], "console": []}),
        "no CSP violations, no errors"
    );
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
