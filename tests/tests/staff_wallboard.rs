//! Wallboards: a team's NPS on a screen through a signed, revocable link.
//! Made, listed and revoked with the API key or an agent's session (a
//! viewer may not, nobody without either); the page in Chromium at
//! 1920x1080 shows the report API's figures for the same team and local
//! days, large, axe-clean, under its strict policy, and another team's
//! answers never reach it; a revoked or expired link shows a clear page
//! and never a figure, a forged one is unknown; when the network blinks
//! the last figures stay with their age; and no request the page makes
//! carries a credential (seen at a recording proxy in front of the Worker).
//! Each test's teams are touchpoints of its own in survey `wallboard-test`.

use std::time::Duration;

use ambassador_shared::report::date::Day;
use ambassador_tests::dashboard::Cdp;
use ambassador_tests::page::{axe_violations, wait_for};
use ambassador_tests::proxy::Proxy;
use ambassador_tests::{
    answer_at, browser, d1, dev_var, http, make_wallboard, new_id, send_json, url, worker_url, zone,
};
use fantoccini::Client;
use reqwest::Method;
use serde_json::{json, Value};

const SURVEY: &str = "wallboard-test";

async fn with_key(method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let request = http()
        .request(method, url(path))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")));
    send_json(request, body).await
}

/// A session cookie of `name` (a configured user), `name=value`.
async fn session_of(name: &str) -> String {
    let body = json!({"name": name, "password": dev_var("DASHBOARD_PASSWORD")});
    let response = http()
        .post(url("/v1/session"))
        .header("origin", worker_url())
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the Worker answers");
    assert_eq!(response.status().as_u16(), 200, "{name} signs in");
    let cookie = response.headers()["set-cookie"].to_str().expect("ASCII");
    cookie.split(';').next().unwrap_or_default().to_owned()
}

/// A touchpoint no other test uses.
fn team() -> String {
    format!("wall-{}", &new_id()[..8])
}

/// Posts answers of `touchpoint` and waits until all are stored.
async fn answer(touchpoint: &str, answers: &[(i64, Option<&str>)]) {
    answer_at(SURVEY, touchpoint, answers).await;
}

/// A new wallboard of `touchpoint` made with the key: its JSON.
async fn wallboard(touchpoint: &str, language: &str) -> Value {
    let body = json!({"label": format!("Team {touchpoint}"), "touchpoint": touchpoint,
                      "language": language});
    let (status, made) = make_wallboard(SURVEY, body).await;
    assert_eq!(status, 201, "{made}");
    made
}

/// The token of a wallboard's URL.
fn token_of(made: &Value) -> String {
    let url = made["url"].as_str().expect("a url");
    url.rsplit('/').next().unwrap_or_default().to_owned()
}

fn today() -> Day {
    zone().day_of(ambassador_tests::unix_now() as i64 * 1000)
}

/// The report API's `overall` for `touchpoint` over `from` to today.
async fn report(touchpoint: &str, from: Day) -> Value {
    let path = format!(
        "/v1/surveys/{SURVEY}/report?touchpoint={touchpoint}&from={from}&to={}",
        today()
    );
    let (status, report) = with_key(Method::GET, &path, None).await;
    assert_eq!(status, 200, "{report}");
    report["overall"].clone()
}

/// A score as the page writes it.
fn signed(points: &Value) -> String {
    let rounded = points.as_f64().expect("a number").round();
    match rounded > 0.0 {
        true => format!("+{rounded:.0}"),
        false => format!("{:.0}", if rounded == 0.0 { 0.0 } else { rounded }),
    }
}

/// A Chromium with a 1920x1080 screen that records CSP violations.
async fn tv() -> Client {
    let client = browser().await;
    client
        .set_window_size(1920, 1080)
        .await
        .expect("the window resizes");
    let viewport = json!({"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": false});
    let watch = "window.cspViolations = []; document.addEventListener('securitypolicyviolation', \
                 e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";
    for command in [
        Cdp("Emulation.setDeviceMetricsOverride", viewport),
        Cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": watch }),
        ),
    ] {
        client
            .issue_cmd(command)
            .await
            .expect("ChromeDriver runs it");
    }
    client
}

/// The wallboard at `page` on a TV, once it shows its figures.
async fn on_tv(page: &str) -> Client {
    let client = tv().await;
    client.goto(page).await.expect("the page loads");
    let shown = "return document.querySelector('[data-figure=nps]') && true;";
    wait_for(&client, shown).await;
    client
}

/// What the page shows of one period's card.
async fn card(client: &Client, period: &str) -> Value {
    let script = format!(
        "const card = document.querySelector('[data-period={period}]'); \
         const text = f => card.querySelector(`[data-figure=${{f}}]`).textContent; \
         return {{score: text('nps'), interval: text('interval'), \
                  answers: Number(card.querySelector('[data-answers]').dataset.answers)}};"
    );
    client
        .execute(&script, vec![])
        .await
        .expect("reads the card")
}

/// Makes the page refresh now, as it does every minute and when the
/// browser comes back online.
async fn refresh(client: &Client) {
    client
        .execute("window.dispatchEvent(new Event('online'));", vec![])
        .await
        .expect("the event is sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_and_agents_make_list_and_revoke_wallboards_and_nobody_else() {
    let path = format!("/v1/surveys/{SURVEY}/wallboards");
    let body = json!({"label": "Pickup Køge", "touchpoint": "pickup", "role": null,
                      "language": "da", "expires_in_days": 30});

    let (status, refused) = send_json(http().post(url(&path)), Some(body.clone())).await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (401, &json!("unauthorized"))
    );

    let viewer = session_of("vic").await;
    let as_viewer = http()
        .post(url(&path))
        .header("cookie", &viewer)
        .header("origin", worker_url());
    let (status, refused) = send_json(as_viewer, Some(body.clone())).await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (403, &json!("forbidden"))
    );

    let agent = session_of("ana").await;
    let elsewhere = http()
        .post(url(&path))
        .header("cookie", &agent)
        .header("origin", "https://elsewhere.example");
    let (status, refused) = send_json(elsewhere, Some(body.clone())).await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (403, &json!("cross_origin"))
    );

    let as_agent = http()
        .post(url(&path))
        .header("cookie", &agent)
        .header("origin", worker_url());
    let (status, by_agent) = send_json(as_agent, Some(body.clone())).await;
    assert_eq!(status, 201, "{by_agent}");
    assert_eq!(by_agent["created_by"], "ana");
    assert_eq!(by_agent["label"], "Pickup Køge");
    assert_eq!(by_agent["language"], "da");
    assert_eq!(by_agent["role"], Value::Null);
    let lifetime = by_agent["expires_at"].as_i64().unwrap_or_default()
        - by_agent["created_at"].as_i64().unwrap_or_default();
    assert_eq!(lifetime, 30 * 86_400_000);
    let page = format!("{}/wall/", worker_url());
    assert!(by_agent["url"]
        .as_str()
        .unwrap_or_default()
        .starts_with(&page));

    let (status, by_key) = with_key(Method::POST, &path, Some(json!({"label": "All"}))).await;
    assert_eq!(status, 201, "{by_key}");
    assert_eq!(by_key["created_by"], "api-key");
    assert_eq!(by_key["language"], "en");
    assert_eq!(by_key["touchpoint"], Value::Null);
    let lifetime = by_key["expires_at"].as_i64().unwrap_or_default()
        - by_key["created_at"].as_i64().unwrap_or_default();
    assert_eq!(lifetime, 365 * 86_400_000);

    let bad = json!({"label": "", "touchpoint": "Pick Up", "language": "es",
                     "expires_in_days": 0, "colour": "red"});
    let (status, refused) = with_key(Method::POST, &path, Some(bad)).await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (422, &json!("invalid_fields"))
    );
    let mut named: Vec<&str> = refused["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    named.sort_unstable();
    assert_eq!(
        named,
        [
            "colour",
            "expires_in_days",
            "label",
            "language",
            "touchpoint"
        ]
    );
    let (status, _) = with_key(Method::POST, "/v1/surveys/nope/wallboards", Some(body)).await;
    assert_eq!(status, 404);

    let (status, listed) = with_key(Method::GET, &path, None).await;
    assert_eq!(status, 200, "{listed}");
    let ids: Vec<&Value> = listed["wallboards"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|w| &w["id"])
        .collect();
    let (newer, older) = (&by_key["id"], &by_agent["id"]);
    let at = |id: &Value| ids.iter().position(|i| *i == id).expect("listed");
    assert!(at(newer) < at(older), "newest first: {ids:?}");
    let listed_agent = listed["wallboards"]
        .as_array()
        .and_then(|all| all.iter().find(|w| &w["id"] == older))
        .expect("listed");
    assert_eq!(listed_agent, &by_agent, "listed as made");

    let viewer_list = http().get(url(&path)).header("cookie", &viewer);
    assert_eq!(send_json(viewer_list, None).await.0, 403);

    let one = format!("{path}/{}", older.as_str().unwrap_or_default());
    let (status, _) = with_key(Method::DELETE, &one, None).await;
    assert_eq!(status, 204);
    let (status, again) = with_key(Method::DELETE, &one, None).await;
    assert_eq!(
        (status, &again["error"]["code"]),
        (404, &json!("unknown_wallboard"))
    );
    let (_, listed) = with_key(Method::GET, &path, None).await;
    assert!(!listed.to_string().contains(older.as_str().unwrap_or("-")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_shows_the_reports_figures_for_its_team_alone_large_and_accessible() {
    let (ours, theirs) = (team(), team());
    answer(
        &ours,
        &[
            (2, Some("Lang kø")),
            (7, None),
            (9, Some("Hurtig udlevering")),
            (10, Some("Venligt <personale> & god tone")),
            (10, None),
            (8, None),
        ],
    )
    .await;
    answer(
        &theirs,
        &[(0, Some("Aldrig igen")), (1, None), (10, Some("Deres ros"))],
    )
    .await;
    let made = wallboard(&ours, "en").await;
    let token = token_of(&made);

    let client = on_tv(made["url"].as_str().expect("a url")).await;

    for (period, from) in [
        ("week", today().monday()),
        ("month", today().first_of_month()),
    ] {
        let shown = card(&client, period).await;
        let overall = report(&ours, from).await;
        let nps = &overall["nps"];
        assert_eq!(shown["score"], json!(signed(&nps["score"])), "{period}");
        let interval = format!(
            "95% interval {} to {}",
            signed(&nps["low"]),
            signed(&nps["high"])
        );
        assert_eq!(shown["interval"], json!(interval), "{period}");
        assert_eq!(shown["answers"], nps["responses"], "{period}");
    }
    let praise = client
        .execute(
            "return [...document.querySelectorAll('[data-figure=praise] blockquote')]
                 .map(q => q.textContent);",
            vec![],
        )
        .await
        .expect("reads the praise");
    assert_eq!(
        praise,
        json!(["Venligt <personale> & god tone", "Hurtig udlevering"]),
        "newest first, as written, and not the other team's"
    );
    let cases = client
        .execute(
            "return document.querySelector('[data-figure=open-cases]').textContent;",
            vec![],
        )
        .await
        .expect("reads the cases");
    assert_eq!(cases, json!("1"), "our one detractor's case");

    let size = client
        .execute(
            "return parseFloat(getComputedStyle(document.querySelector('.score')).fontSize);",
            vec![],
        )
        .await
        .expect("measures the score");
    assert!(
        size.as_f64().unwrap_or_default() >= 96.0,
        "the score at {size} px"
    );
    let smallest = client
        .execute(
            "return Math.min(...[...document.querySelectorAll('h1, h2, p, blockquote')]
                 .map(e => parseFloat(getComputedStyle(e).fontSize)));",
            vec![],
        )
        .await
        .expect("measures the text");
    assert!(
        smallest.as_f64().unwrap_or_default() >= 18.0,
        "no text below {smallest} px"
    );
    assert_eq!(axe_violations(&client).await, json!([]));

    // Another team's answers meanwhile change nothing of ours.
    let figures_path = format!("/wall/{token}/figures");
    let before = http()
        .get(url(&figures_path))
        .send()
        .await
        .expect("answers");
    assert_eq!(before.headers()["cache-control"], "no-store");
    let mut before: Value = before.json().await.expect("JSON");
    answer(
        &theirs,
        &[(0, Some("Stadig dårligt")), (10, Some("Men godt nu"))],
    )
    .await;
    refresh(&client).await;
    let (status, mut after) = send_json(http().get(url(&figures_path)), None).await;
    assert_eq!(status, 200);
    for figures in [&mut before, &mut after] {
        figures["as_of"] = Value::Null;
    }
    assert_eq!(after, before, "the other team's answers are not ours");
    let week = &after["week"];
    assert_eq!(
        after["trend"][11]["counts"], week["counts"],
        "this week ends the trend"
    );
    assert_eq!(after["trend"].as_array().map(Vec::len), Some(12));

    let problems = client
        .execute("return window.cspViolations;", vec![])
        .await
        .expect("reads the violations");
    assert_eq!(problems, json!([]), "nothing the policy blocks");
    let response = http()
        .get(made["url"].as_str().unwrap_or_default())
        .send()
        .await
        .expect("the page");
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap_or_default();
    assert!(
        policy.starts_with("default-src 'none'; script-src 'self';"),
        "{policy}"
    );
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    let html = response.text().await.unwrap_or_default();
    assert!(!html.contains("Deres ros") && !html.contains(&theirs));
    client.close().await.ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_or_expired_link_shows_a_clear_page_and_no_figure() {
    let ours = team();
    answer(&ours, &[(10, Some("Skøn service")), (4, None)]).await;
    let made = wallboard(&ours, "da").await;
    let token = token_of(&made);
    let client = on_tv(made["url"].as_str().expect("a url")).await;
    let key = format!("ambassador:wallboard:/wall/{token}");
    let stored = client
        .execute(
            "return localStorage.getItem(arguments[0]);",
            vec![json!(key)],
        )
        .await
        .expect("reads storage");
    assert!(stored.as_str().unwrap_or_default().contains("Skøn service"));

    let id = made["id"].as_str().expect("an id");
    let path = format!("/v1/surveys/{SURVEY}/wallboards/{id}");
    assert_eq!(with_key(Method::DELETE, &path, None).await.0, 204);
    refresh(&client).await;
    let heading = wait_for(
        &client,
        "return document.querySelector('main.gone h1')?.textContent ?? null;",
    )
    .await;
    assert_eq!(heading, json!("Denne tavle er ikke længere tilgængelig"));
    let left = client
        .execute(
            "return [document.querySelectorAll('[data-figure]').length, \
                     localStorage.getItem(arguments[0]), document.body.textContent];",
            vec![json!(key)],
        )
        .await
        .expect("reads the page");
    assert_eq!(left[0], json!(0), "no figure stays");
    assert_eq!(left[1], Value::Null, "the stored figures are gone");
    assert!(!left[2].as_str().unwrap_or_default().contains("Skøn"));
    client.close().await.ok();
    assert_gone(&token, 410, "Denne tavle er ikke længere tilgængelig").await;

    let other = wallboard(&ours, "de").await;
    let other_id = other["id"].as_str().expect("an id");
    d1(&format!(
        "UPDATE wallboards SET expires_at = 1 WHERE id = '{other_id}'"
    ));
    assert_gone(
        &token_of(&other),
        410,
        "Diese Anzeigetafel ist nicht mehr verfügbar",
    )
    .await;

    // A forged or cut link names no wallboard: 404, in the browser's language.
    let live = token_of(&wallboard(&ours, "en").await);
    let (id, signature) = live.split_once('.').expect("id.signature");
    let flipped = if signature.starts_with('A') { 'B' } else { 'A' };
    let forged = format!("{id}.{flipped}{}", &signature[1..]);
    let other_id = format!("{}{}", &id[..31], if id.ends_with('0') { '1' } else { '0' });
    for token in [forged, format!("{other_id}.{signature}"), id.to_owned()] {
        assert_gone(&token, 404, "Den här tavlan är inte längre tillgänglig").await;
    }
}

/// The page and the figures of `token` are refused with `status`, the
/// page saying `heading` (to a browser preferring Swedish) and neither
/// holding a figure.
async fn assert_gone(token: &str, status: u16, heading: &str) {
    let page = http()
        .get(url(&format!("/wall/{token}")))
        .header("accept-language", "sv-SE,sv;q=0.9,en;q=0.8")
        .send()
        .await
        .expect("the page");
    assert_eq!(page.status().as_u16(), status, "{token}");
    let html = page.text().await.unwrap_or_default();
    assert!(html.contains(heading), "{html}");
    assert!(
        !html.contains("data-figure") && !html.contains("Skøn"),
        "{html}"
    );
    let (code, figures) = send_json(http().get(url(&format!("/wall/{token}/figures"))), None).await;
    assert_eq!(code, status, "{figures}");
    assert!(figures.get("week").is_none() && figures.get("html").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_blink_keeps_the_last_figures_with_their_age_and_no_request_has_credentials() {
    let ours = team();
    answer(&ours, &[(9, Some("Fin betjening")), (10, None), (6, None)]).await;
    let token = token_of(&wallboard(&ours, "en").await);
    let proxy = Proxy::start(&worker_url()).await;
    let client = on_tv(&format!("{}/wall/{token}", proxy.url)).await;
    let status = wait_for(
        &client,
        "return document.getElementById('status')?.textContent || null;",
    )
    .await;
    assert_eq!(status, json!("Updated just now"));
    let shown = card(&client, "week").await;

    // A cookie on the Worker's origin, as a browser signed in to the
    // dashboard would have: the figures are fetched without it.
    client
        .execute("document.cookie = 'probe=1; path=/';", vec![])
        .await
        .expect("sets a cookie");
    refresh(&client).await;
    let figures = format!("/wall/{token}/figures");
    let fetched = tokio::time::timeout(Duration::from_secs(15), async {
        while !proxy.heads().iter().any(|h| h.line.contains(&figures)) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
    assert!(fetched.is_ok(), "the page refreshed: {:?}", proxy.heads());
    let heads = proxy.heads();
    for wanted in ["/wall/wallboard.js", "/wall/wallboard.css", &figures] {
        assert!(
            heads.iter().any(|h| h.line.contains(wanted)),
            "{wanted}: {heads:?}"
        );
    }
    for head in &heads {
        assert_eq!(head.header("authorization"), None, "{head:?}");
        assert_eq!(head.header("cookie"), None, "{head:?}");
    }

    client
        .issue_cmd(Cdp("Network.enable", json!({})))
        .await
        .expect("ChromeDriver runs it");
    let offline = json!({"offline": true, "latency": 0, "downloadThroughput": -1,
                         "uploadThroughput": -1});
    client
        .issue_cmd(Cdp("Network.emulateNetworkConditions", offline))
        .await
        .expect("the browser goes offline");
    refresh(&client).await;
    let status = wait_for(
        &client,
        "const s = document.getElementById('status').textContent; \
         return s.includes('offline') ? s : null;",
    )
    .await;
    assert_eq!(status, json!("Updated just now · offline"));
    assert_eq!(card(&client, "week").await, shown, "the last figures stay");
    let aged = client
        .execute(
            "const main = document.getElementById('figures'); \
             return [main.querySelectorAll('[data-figure]').length, \
                     localStorage.getItem('ambassador:wallboard:' + location.pathname) !== null];",
            vec![],
        )
        .await
        .expect("reads the page");
    assert_eq!(aged[1], json!(true), "kept for a reload");
    assert!(aged[0].as_u64().unwrap_or_default() > 0);
    client.close().await.ok();
}
