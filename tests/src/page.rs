//! Driving the widget in a page: waiting for the wasm to render, reaching
//! into its shadow root, and pressing keys the way a keyboard user would.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::Client;
use serde_json::Value;

/// Runs `script` in the page until it returns something other than null, so
/// a test waits for the wasm to load and render rather than sleeping.
pub async fn wait_for(client: &Client, script: &str) -> Value {
    for _ in 0..150 {
        let value = client.execute(script, vec![]).await.expect("script runs");
        if !value.is_null() {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // What the page's watch.js saw, if it has one, says why more often than not.
    let seen = client
        .execute(
            "return {console: window.consoleErrors, csp: window.cspViolations};",
            vec![],
        )
        .await
        .unwrap_or_default();
    panic!("timed out waiting for: {script}\nthe page saw: {seen}");
}

/// Waits until the widget's outbox (`localStorage` `ambassador:outbox`) is
/// gone: every answer acknowledged or refused.
pub async fn outbox_emptied(client: &Client) {
    wait_for(
        client,
        "return localStorage.getItem('ambassador:outbox') === null || null;",
    )
    .await;
}

/// A script that runs `body` with `root` bound to the shadow root of the
/// element matching `host` (a CSS selector), or returns null while the widget
/// has not rendered its scale yet.
pub fn in_shadow(host: &str, body: &str) -> String {
    format!(
        "const root = document.querySelector({host:?})?.shadowRoot;
         if (!root || !root.querySelector('[role=radio]')) return null;
         {body}"
    )
}

/// Waits until the widget in `host` shows its scale.
pub async fn wait_rendered(client: &Client, host: &str) {
    wait_for(client, &in_shadow(host, "return true;")).await;
}

/// Clicks radio `score` of the widget in `host` like a pointer would.
pub async fn click_score(client: &Client, host: &str, score: usize) {
    let body = format!("root.querySelectorAll('[role=radio]')[{score}].click(); return true;");
    wait_for(client, &in_shadow(host, &body)).await;
}

/// Types `comment` into the widget's comment box and sends the answer.
pub async fn comment_and_send(client: &Client, host: &str, comment: &str) {
    let body = format!(
        "const t = root.querySelector('textarea'); if (!t) return null;
         t.value = {comment:?}; t.dispatchEvent(new InputEvent('input', {{bubbles: true}}));
         root.querySelector('button[type=submit]').click(); return true;"
    );
    wait_for(client, &in_shadow(host, &body)).await;
}

/// Waits for the thank-you message in `host` and returns its text.
pub async fn thanks(client: &Client, host: &str) -> Value {
    let body = "return root.querySelector('.thanks')?.textContent ?? null;";
    let script = format!(
        "const root = document.querySelector({host:?})?.shadowRoot; if (!root) return null; {body}"
    );
    wait_for(client, &script).await
}

/// Presses each key in turn (down, then up), through WebDriver's input
/// actions: real key events, not JavaScript-synthesised ones.
pub async fn press(client: &Client, keys: impl IntoIterator<Item = char>) {
    let actions = keys
        .into_iter()
        .fold(KeyActions::new("keyboard".into()), |a, key| {
            a.then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key })
        });
    client
        .perform_actions(actions)
        .await
        .expect("key actions run");
}

/// Asserts that the page's `watch.js` saw no Content-Security-Policy
/// violation and no console error; `what` names the page in the failure.
pub async fn assert_no_page_problems(client: &Client, what: &str) {
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
        "{what}: no CSP violations, no errors"
    );
}

/// Saves what the browser shows now as `target/screenshots/{name}.png`, so
/// anyone can look at what a test saw.
pub async fn screenshot(client: &Client, name: &str) {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).expect("target/screenshots can be made");
    let png = client
        .screenshot()
        .await
        .expect("the browser takes a screenshot");
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).expect("the screenshot is written");
    println!("screenshot: {}", path.display());
}

/// axe-core's violations on the current page, as "rule: targets" lines.
pub async fn axe_violations(client: &Client) -> Value {
    let axe = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(axe).expect("npm ci installed axe-core");
    client.execute(&source, vec![]).await.expect("axe loads");
    client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document).then(
               r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' | '))),
               e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe runs")
}

/// axe-core's violations with every `<details>` open (the dashboard's "show
/// as table"), so what is folded away is checked too.
pub async fn axe_violations_unfolded(client: &Client) -> Value {
    client
        .execute(
            "document.querySelectorAll('details').forEach(d => d.open = true);",
            vec![],
        )
        .await
        .expect("opens the tables");
    axe_violations(client).await
}

/// Makes Chromium fail every request whose URL matches one of `patterns`
/// (`*` is a wildcard) from now on in this session, as a network that drops
/// them would: DevTools' `Network.setBlockedURLs`, through ChromeDriver.
pub async fn block_requests(client: &Client, patterns: &[&str]) {
    for (cmd, params) in [
        ("Network.enable", serde_json::json!({})),
        (
            "Network.setBlockedURLs",
            serde_json::json!({"urls": patterns}),
        ),
    ] {
        client
            .issue_cmd(Cdp { cmd, params })
            .await
            .expect("ChromeDriver runs the DevTools command");
    }
}

/// Makes every request of this Chromium session come from client address
/// `ip` as the Worker sees it (the `cf-connecting-ip` header Cloudflare
/// sets), for a browser that meets a limit of its own: DevTools'
/// `Network.setExtraHTTPHeaders`, through ChromeDriver.
pub async fn come_from(client: &Client, ip: &str) {
    for (cmd, params) in [
        ("Network.enable", serde_json::json!({})),
        (
            "Network.setExtraHTTPHeaders",
            serde_json::json!({"headers": {"cf-connecting-ip": ip}}),
        ),
    ] {
        client
            .issue_cmd(Cdp { cmd, params })
            .await
            .expect("ChromeDriver runs the DevTools command");
    }
}

/// A DevTools protocol command sent through ChromeDriver's
/// `goog/cdp/execute` endpoint.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &reqwest::Url,
        session: Option<&str>,
    ) -> Result<reqwest::Url, url::ParseError> {
        let session = session.unwrap_or_default();
        base.join(&format!("session/{session}/goog/cdp/execute"))
    }

    fn method_and_body(&self, _: &reqwest::Url) -> (reqwest::Method, Option<String>) {
        let body = serde_json::json!({"cmd": self.cmd, "params": self.params});
        (reqwest::Method::POST, Some(body.to_string()))
    }
}
