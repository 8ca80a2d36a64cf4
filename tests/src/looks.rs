//! What a person sees of the widget, measured in the page: text sizes, the
//! score targets' sizes, overlap, what takes a click, where a popup sits;
//! and the same measures compared between two pages, so a test can say that
//! a hostile host page shows the widget exactly as a plain one does.

use fantoccini::Client;
use serde_json::Value;

use crate::host;
use crate::page::{click_score, screenshot, wait_for};

/// The widget's host element on the tests' pages.
const HOST: &str = ".ambassador-survey";

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
pub async fn looks(client: &Client, path: &str, name: &str) -> (Value, Value) {
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
pub fn assert_same(hostile: &Value, plain: &Value, what: &str) {
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

/// What a person needs of the scale measured by [`looks`], whatever a plain
/// page shows: readable text, targets of at least 24x24 px (WCAG 2.5.8) that
/// neither overlap nor miss a click, the widget's own typography, its full
/// width, and a popup 16 px from the bottom-right corner.
pub fn assert_usable(scale: &Value, popup: bool) {
    let at_least = |key: &str, min: f64| {
        let value = scale[key].as_f64().unwrap_or_default();
        assert!(value >= min, "{key} is {value}, under {min}: {scale}");
    };
    at_least("question_px", 16.0);
    at_least("ends_px", 12.0);
    at_least("narrowest", 24.0);
    at_least("lowest", 24.0);
    at_least("width", 300.0);
    assert_eq!(scale["overlapping"], false, "{scale}");
    assert_eq!(scale["unclickable"], 0, "{scale}");
    assert_eq!(scale["letter_spacing"], "normal", "{scale}");
    assert_eq!(scale["text_transform"], "none", "{scale}");
    if popup {
        for gap in ["right_gap", "bottom_gap"] {
            let value = scale[gap].as_f64().unwrap_or_default();
            assert!((value - 16.0).abs() <= 1.0, "{gap} is {value}: {scale}");
        }
    }
}
