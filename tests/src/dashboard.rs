//! Driving the owners' dashboard: signing in through its form, opening a
//! view by its URL, reading what a view shows, and asking the report API
//! the same question to compare. The `dashboard-test` survey holds the
//! sample year `cargo xtask test` seeds (xtask/src/demo.rs).

use ambassador_shared::report::date::Day;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, Locator};
use reqwest::{Method, Url};
use serde_json::{json, Value};

use crate::page::{press, wait_for};
use crate::{dev_var, http, new_id, unix_now, url};

/// The survey with the sample year.
pub const SURVEY: &str = "dashboard-test";

/// Today in the deployment's zone, as the dashboard counts periods.
pub fn today() -> Day {
    crate::zone().day_of(unix_now() as i64 * 1000)
}

/// The day `days` before today.
pub fn days_ago(days: i64) -> Day {
    Day::of_millis(today().start_millis() - days * 86_400_000)
}

/// Opens `path` (under `/dashboard/`), signs in as `name` through the form
/// and waits for the views' navigation. A sign-in that meets a busy database (503, while another test floods
/// D1 with writes) is sent again, as a person would.
pub async fn sign_in(client: &Client, name: &str, path: &str) {
    for _ in 0..3 {
        sign_in_with(client, name, &dev_var("DASHBOARD_PASSWORD"), path).await;
        let outcome = wait_for(
            client,
            "return document.querySelector('nav') ? 'in'
                 : document.querySelector('.sign-in [role=alert]')?.textContent ?? null;",
        )
        .await;
        if outcome == "in" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    panic!("{name} could not sign in");
}

/// A command of the Chrome DevTools Protocol, through ChromeDriver.
#[derive(Debug)]
pub struct Cdp(pub &'static str, pub Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &Url, session: Option<&str>) -> Result<Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &Url) -> (Method, Option<String>) {
        let body = json!({"cmd": self.0, "params": self.1});
        (Method::POST, Some(body.to_string()))
    }
}

/// Makes the browser a client of its own for the Worker's per-client
/// limits (sign-ins: 10 a minute), as each member of staff is in
/// production: every request says a random `cf-connecting-ip`, which local
/// workerd takes from the client (production sets it).
pub async fn own_client(client: &Client) {
    let id = new_id();
    let byte = |i: usize| u8::from_str_radix(&id[i..i + 2], 16).unwrap_or(1);
    let address = format!("10.{}.{}.{}", byte(0), byte(2), byte(4));
    let headers = json!({"headers": {"cf-connecting-ip": address}});
    for command in [
        Cdp("Network.enable", json!({})),
        Cdp("Network.setExtraHTTPHeaders", headers),
    ] {
        client
            .issue_cmd(command)
            .await
            .expect("ChromeDriver runs the command");
    }
}

/// Lets the dashboard's pages write and read the clipboard without asking,
/// as a person who clicks Copy allows: headless Chromium refuses it
/// otherwise.
pub async fn allow_clipboard(client: &Client) {
    let permissions = json!({"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]});
    client
        .issue_cmd(Cdp("Browser.grantPermissions", permissions))
        .await
        .expect("ChromeDriver runs the command");
}

/// Sets the browser's clock to `at_ms` (unix ms) for every page it opens
/// from now on, before the page's own scripts run: `Date.now()` and
/// `new Date()` start there and run on.
pub async fn set_clock(client: &Client, at_ms: i64) {
    let source = format!(
        "(() => {{ const shift = {at_ms} - Date.now(); const now = Date.now; \
         Date.now = () => now() + shift; const Real = Date; \
         globalThis.Date = class extends Real {{ constructor(...a) {{ \
         super(...(a.length ? a : [Date.now()])); }} static now() {{ return now() + shift; }} }}; }})();"
    );
    client
        .issue_cmd(Cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": source }),
        ))
        .await
        .expect("ChromeDriver runs the command");
}

/// Fills and sends the sign-in form with `password`, as a client of its
/// own.
pub async fn sign_in_with(client: &Client, name: &str, password: &str, path: &str) {
    own_client(client).await;
    client
        .goto(&url(&format!("/dashboard/{path}")))
        .await
        .expect("the dashboard loads");
    let field = |id: &'static str| client.wait().for_element(Locator::Id(id));
    let name_field = field("name").await.expect("a name field");
    name_field.send_keys(name).await.expect("types");
    let password_field = field("password").await.expect("a password field");
    password_field.send_keys(password).await.expect("types");
    password_field
        .send_keys("\n")
        .await
        .expect("sends the form");
}

/// Goes to `?query` of the dashboard (signed in already) and waits until
/// `ready` (a JavaScript expression) holds.
pub async fn open(client: &Client, query: &str, ready: &str) {
    client
        .goto(&url(&format!("/dashboard/?{query}")))
        .await
        .expect("the view loads");
    wait_for(client, &format!("return ({ready}) ? true : null;")).await;
}

/// Every view of the dashboard with what shows it is drawn (a JavaScript
/// expression for [`open`]), for the tests that go through them all.
pub const VIEWS: [(&str, &str); 8] = [
    ("overview", "document.querySelector('[data-testid=change]')"),
    (
        "trend",
        "document.querySelector('[data-testid=trend] circle')",
    ),
    ("segments", "document.querySelector('.segments circle')"),
    (
        "themes",
        "document.querySelector('[data-testid=drivers] .driver')",
    ),
    (
        "comments",
        "document.querySelector('[data-testid=comments] li')",
    ),
    ("cases", "document.querySelector('table.cases tbody tr')"),
    (
        "wallboards",
        "document.querySelector('#wallboard-touchpoint option[value=pickup]')",
    ),
    (
        "export",
        "document.querySelector('[data-testid=export-count]')",
    ),
];

/// The overview's figures as a person reads them.
pub async fn overview_figures(client: &Client) -> Value {
    wait_for(
        client,
        "const text = id => document.querySelector(`[data-testid=${id}]`)?.textContent;
         const groups = [...document.querySelectorAll('[data-testid=groups] li')].map(l => l.textContent);
         return text('nps') ? {nps: text('nps'), interval: text('interval'), responses: text('responses'), groups}
                            : text('no-answers') ? {none: text('no-answers')} : null;",
    )
    .await
}

/// The report API's answer for `query`, with the API key.
pub async fn report(query: &str) -> Value {
    api(&format!("/v1/surveys/{SURVEY}/report?{query}")).await
}

/// The themes API's answer for `query`, with the API key.
pub async fn themes(query: &str) -> Value {
    api(&format!("/v1/surveys/{SURVEY}/themes?{query}")).await
}

/// `GET path` with the API key, which must answer 200. Asked again after
/// a 503 (a busy database, see [`sign_in`]).
async fn api(path: &str) -> Value {
    for _ in 0..5 {
        let response = http()
            .get(url(path))
            .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
            .send()
            .await
            .expect("the Worker answers");
        match response.status().as_u16() {
            503 => tokio::time::sleep(std::time::Duration::from_millis(300)).await,
            status => {
                assert_eq!(status, 200, "{path}");
                return response.json().await.expect("json");
            }
        }
    }
    panic!("{path} stayed busy");
}

/// What the overview should show for a report: the same figures, written
/// as the English dashboard writes them.
pub fn expected_figures(report: &Value) -> Value {
    let overall = &report["overall"];
    let nps = &overall["nps"];
    let whole = |v: &Value| format!("{:+.0}", v.as_f64().unwrap_or(f64::NAN));
    let n = nps["responses"].as_u64().unwrap_or(0);
    let group = |name: &str, key: &str| {
        let count = overall[key].as_u64().unwrap_or(0);
        let share = 100.0 * count as f64 / n as f64;
        format!("{name}: {count} ({share:.0}%)")
    };
    serde_json::json!({
        "nps": whole(&nps["score"]),
        "interval": format!("95% interval {} to {}", whole(&nps["low"]), whole(&nps["high"])),
        "responses": format!("{n} answers"),
        "groups": [group("Promoters (9-10)", "promoters"), group("Passives (7-8)", "passives"),
                   group("Detractors (0-6)", "detractors")],
    })
}

/// WebDriver's Tab key.
pub const TAB: char = '\u{e004}';
/// WebDriver's Enter key.
pub const ENTER: char = '\u{e007}';

/// Presses Tab until the focused element matches `test` (a JavaScript
/// expression over `e`), at most 80 times; what is focused then.
pub async fn tab_to(client: &Client, test: &str) -> Value {
    for _ in 0..80 {
        press(client, [TAB]).await;
        let focused = client
            .execute(
                &format!("const e = document.activeElement; return ({test}) ? (e.getAttribute('aria-label') || e.textContent) : null;"),
                vec![],
            )
            .await
            .expect("reads the focus");
        if !focused.is_null() {
            return focused;
        }
    }
    panic!("Tab never reached {test}");
}

/// Per view: whether the page is wider than the window, and the smallest
/// text drawn (HTML text by its computed size, SVG text scaled with its
/// chart), with what it says.
pub const FITS: &str = "
    const wide = document.documentElement.scrollWidth > innerWidth + 1
      && [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
           .map(e => e.tagName + '.' + e.className).slice(0, 5);
    let smallest = [1000, ''];
    for (const el of document.querySelectorAll('body *')) {
      if (!el.childNodes.length || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
      const box = el.getBoundingClientRect();
      if (!box.width || el.closest('details:not([open])')) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      const svg = el.closest('svg');
      if (svg) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      if (size < smallest[0]) smallest = [Math.round(size * 10) / 10, el.textContent.trim().slice(0, 30)];
    }
    return {wide: wide || false, smallest: smallest[0] >= 12 ? 'readable' : smallest};";
