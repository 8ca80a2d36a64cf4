//! Reports and the CSV export, behind the API key, on a known data set: the
//! answers of one test carry a touchpoint no other test uses, and the report
//! is filtered to it, so its numbers can be computed by hand.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ambassador_shared::link::sign;
use ambassador_tests::{
    dev_var, email_claims, http, link_secret, new_id, post_and_store, post_response, url,
};
use serde_json::{json, Value};

fn unique_touchpoint() -> String {
    format!("rt-{}", &new_id()[..8])
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

async fn answer(touchpoint: &str, role: &str, score: i64, comment: &str) {
    let body = json!({
        "id": new_id(), "survey_id": "demo", "score": score, "comment": comment,
        "context": {"touchpoint": touchpoint, "role": role}
    });
    post_and_store(&body).await;
}

/// An email click that is never confirmed.
async fn unconfirmed_click(touchpoint: &str, score: u8) {
    let claims = email_claims("demo", Some(touchpoint), Some("buyer"));
    let token = sign(&claims, &link_secret()).expect("valid");
    let response = ambassador_tests::click(&token, score).await;
    assert_eq!(response.status().as_u16(), 303);
    let id = claims.response_id(&link_secret());
    ambassador_tests::stored_response(&id).expect("the click is stored");
}

async fn get(path: &str, key: Option<&str>) -> reqwest::Response {
    let mut request = http().get(url(path));
    if let Some(key) = key {
        request = request.header("authorization", format!("Bearer {key}"));
    }
    request.send().await.expect("the Worker answers")
}

async fn report(query: &str) -> Value {
    let path = format!("/v1/surveys/demo/report?{query}");
    let response = get(&path, Some(&dev_var("API_KEY"))).await;
    assert_eq!(response.status().as_u16(), 200, "{path}");
    response.json().await.expect("json")
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 0.01)
}

#[tokio::test]
async fn report_on_a_known_data_set() {
    let tp = unique_touchpoint();
    for (role, score) in [
        ("buyer", 10),
        ("buyer", 9),
        ("buyer", 0),
        ("seller", 8),
        ("seller", 3),
    ] {
        answer(&tp, role, score, "").await;
    }
    unconfirmed_click(&tp, 10).await;

    let r = report(&format!("touchpoint={tp}")).await;
    // 2 promoters, 1 passive, 2 detractors: NPS 0. Adjusted Wald: n' = 8,
    // p' = d' = 2.75 / 8, so the margin is 196 * sqrt(0.6875 / 8) = 57.46.
    let overall = &r["overall"];
    assert_eq!(
        (overall["promoters"].clone(), overall["passives"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(overall["detractors"], 2);
    assert!(close(&overall["nps"]["score"], 0.0), "{r}");
    assert!(close(&overall["nps"]["margin_of_error"], 57.46), "{r}");
    assert!(close(&overall["nps"]["low"], -57.46), "{r}");
    assert!(close(&overall["nps"]["high"], 57.46), "{r}");
    assert_eq!(overall["nps"]["responses"], 5);
    // Buyers 10, 9, 0: NPS 33.33; n' = 6, p' = 2.75 / 6, d' = 1.75 / 6,
    // centre 16.67, margin 196 * sqrt((0.75 - 1/36) / 6) = 68.00.
    // Sellers 8, 3: NPS -50; n' = 5, p' = .15, d' = .35, centre -20,
    // margin 196 * sqrt((0.5 - 0.04) / 5) = 59.45.
    let roles = r["by_role"].as_array().expect("by_role");
    assert_eq!(roles.len(), 2);
    assert_eq!(roles[0]["name"], "buyer");
    assert!(close(&roles[0]["nps"]["score"], 100.0 / 3.0), "{r}");
    assert!(close(&roles[0]["nps"]["margin_of_error"], 68.00), "{r}");
    assert!(close(&roles[0]["nps"]["low"], 16.67 - 68.00), "{r}");
    assert_eq!(roles[1]["name"], "seller");
    assert!(close(&roles[1]["nps"]["score"], -50.0), "{r}");
    assert!(close(&roles[1]["nps"]["margin_of_error"], 59.45), "{r}");
    assert!(close(&roles[1]["nps"]["high"], -20.0 + 59.45), "{r}");
    assert_eq!(
        r["by_touchpoint"],
        json!([{
            "name": tp, "detractors": 2, "passives": 1, "promoters": 2,
            "nps": overall["nps"].clone()
        }])
    );
    let today = ambassador_tests::zone().day_of(now_millis()).to_string();
    assert_eq!(r["daily"].as_array().map(Vec::len), Some(1));
    assert_eq!(r["daily"][0]["date"], today);

    // The unconfirmed click counts only when asked for: 3 promoters of 6.
    let r = report(&format!("touchpoint={tp}&include_unconfirmed=true")).await;
    assert!(close(&r["overall"]["nps"]["score"], 100.0 / 6.0), "{r}");

    let r = report(&format!(
        "touchpoint={tp}&role=seller&from={today}&to={today}"
    ))
    .await;
    assert!(close(&r["overall"]["nps"]["score"], -50.0), "{r}");
    assert_eq!(r["filter"]["role"], "seller");

    let yesterday = ambassador_tests::zone()
        .day_of(now_millis() - 86_400_000)
        .to_string();
    let r = report(&format!("touchpoint={tp}&to={yesterday}")).await;
    assert_eq!(r["overall"]["nps"], Value::Null);
    assert_eq!(r["overall"]["promoters"], 0);
}

#[tokio::test]
async fn reports_need_the_key_and_valid_filters() {
    for key in [None, Some("wrong-key")] {
        let response = get("/v1/surveys/demo/report", key).await;
        assert_eq!(response.status().as_u16(), 401);
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["error"]["code"], "unauthorized");
        let response = get("/v1/surveys/demo/responses.csv", key).await;
        assert_eq!(response.status().as_u16(), 401);
    }
    let key = dev_var("API_KEY");
    let response = get(
        "/v1/surveys/demo/report?from=2026-13-01&colour=red&source=sms",
        Some(&key),
    )
    .await;
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "invalid_query");
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["colour", "from", "source"]);
    let response = get("/v1/surveys/nope/report", Some(&key)).await;
    assert_eq!(response.status().as_u16(), 404);
}

#[tokio::test]
async fn csv_export_quotes_and_defuses_formulas() {
    let tp = unique_touchpoint();
    let malicious = "=HYPERLINK(\"http://evil.example\",\"click\")";
    answer(&tp, "buyer", 2, malicious).await;
    answer(&tp, "seller", 9, "Fast, friendly\n\"great\"").await;
    let path = format!("/v1/surveys/demo/responses.csv?touchpoint={tp}");
    let response = get(&path, Some(&dev_var("API_KEY"))).await;
    assert_eq!(response.status().as_u16(), 200);
    let content_type = response.headers()["content-type"].to_str().unwrap_or("");
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let csv = response.text().await.expect("text");
    let records: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(records.len(), 3, "{csv}");
    assert!(records[0].starts_with("id,created_at,day,updated_at,score,category,comment,"));
    assert!(
        records[1].contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","),
        "{csv}"
    );
    assert!(records[1].contains(",2,detractor,"), "{csv}");
    assert!(
        records[2].contains(",\"Fast, friendly\n\"\"great\"\"\","),
        "{csv}"
    );
    assert!(records[2].ends_with(",widget,1,confirmed,"), "{csv}");
}

/// A small deterministic generator, seeded per run and printed, so a failing
/// sequence can be replayed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// `daily_counts` for one touchpoint, and the same counted from the answers,
/// read in one statement: clicks settle while a test reads, so two reads
/// could see two moments.
fn counts_and_recount(touchpoint: &str) -> (Vec<Value>, Vec<Value>) {
    let rows = ambassador_tests::d1(&format!(
        "SELECT 'kept' AS side, day, role, source, state, {SCORES}, commented FROM daily_counts \
         WHERE survey_id = 'settle-test' AND touchpoint = '{touchpoint}' AND {SCORES_ADDED} > 0 \
         UNION ALL \
         SELECT 'recount', coalesce(day, date(created_at / 1000, 'unixepoch')), coalesce(role, ''), \
         source, state, {}, SUM(comment IS NOT NULL) FROM responses \
         WHERE survey_id = 'settle-test' AND touchpoint = '{touchpoint}' \
         GROUP BY 2, 3, 4, 5 \
         ORDER BY 1, 2, 3, 4, 5",
        recounted_scores()
    ));
    let side = |name: &str| -> Vec<Value> {
        rows.iter()
            .filter(|row| row["side"] == name)
            .map(|row| {
                let mut row = row.clone();
                if let Some(fields) = row.as_object_mut() {
                    fields.remove("side");
                }
                row
            })
            .collect()
    };
    (side("kept"), side("recount"))
}

/// The score columns of `daily_counts` (migration 0020).
const SCORES: &str = "n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10";
const SCORES_ADDED: &str = "(n0 + n1 + n2 + n3 + n4 + n5 + n6 + n7 + n8 + n9 + n10)";

/// The same columns counted from the answers.
fn recounted_scores() -> String {
    (0..=10)
        .map(|s| format!("SUM(score = {s}) AS n{s}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::test]
async fn daily_counts_equal_a_recount_after_random_inserts_changes_and_retries() {
    // `settle-test` settles a click 2 s after it: clicks wait, settle as a
    // person's or as a scanner's (several scores within seconds, the
    // honeypot), are clicked again, confirmed, while the writes go on.
    let tp = unique_touchpoint();
    let seed = u64::from_str_radix(&new_id()[..8], 16).unwrap_or(1) | 1;
    println!("seed {seed}");
    let mut dice = Dice(seed);
    let roles = [None, Some("buyer"), Some("seller")];
    let (mut widget_answers, mut links) = (Vec::new(), Vec::new());
    for _ in 0..40 {
        let score = dice.below(11);
        let role = roles[dice.below(3) as usize];
        match dice.below(6) {
            // A new answer from the widget.
            0 => {
                let mut body = json!({
                    "id": new_id(), "survey_id": "settle-test", "score": score,
                    "context": {"touchpoint": tp, "role": role}
                });
                if dice.below(2) == 0 {
                    body["comment"] = json!("Said why");
                }
                let (status, _) = post_response(body.to_string()).await;
                assert!(matches!(status, 202 | 503), "{status}");
                widget_answers.push(body);
            }
            // The widget sends one of its answers again: counted once.
            1 if !widget_answers.is_empty() => {
                let i = dice.below(widget_answers.len() as u64) as usize;
                let (status, _) = post_response(widget_answers[i].to_string()).await;
                assert!(matches!(status, 202 | 503), "{status}");
            }
            // A click in a new email: an unconfirmed answer.
            2 => {
                let claims = email_claims("settle-test", Some(&tp), role);
                let token = sign(&claims, &link_secret()).expect("valid");
                let id = claims.response_id(&link_secret());
                click(&token, score).await;
                links.push((token, id));
            }
            // Another score clicked in the same email: the score moves.
            3 if !links.is_empty() => {
                let (token, _) = &links[dice.below(links.len() as u64) as usize];
                click(token, score).await;
            }
            // A scanner follows the email's hidden link.
            4 if !links.is_empty() => {
                let (token, _) = &links[dice.below(links.len() as u64) as usize];
                let response = http()
                    .get(url(&format!("/v1/l/{token}?honeypot=1")))
                    .send()
                    .await
                    .expect("the Worker answers");
                assert!(matches!(response.status().as_u16(), 204 | 503));
            }
            // Confirmed on the landing page, perhaps with another score.
            _ if !links.is_empty() => {
                let (token, id) = &links[dice.below(links.len() as u64) as usize];
                let mut body =
                    json!({"id": id, "survey_id": "settle-test", "score": score, "token": token});
                if dice.below(2) == 0 {
                    body["comment"] = json!("Explained in the landing page");
                }
                let (status, answer) = post_response(body.to_string()).await;
                assert!(matches!(status, 202 | 503), "{status} {answer}");
            }
            _ => {}
        }
    }
    // Intake writes in batches: wait until every answer has its row. The
    // counts must equal the recount in every state, so any moment will do.
    let ids: std::collections::BTreeSet<String> = widget_answers
        .iter()
        .filter_map(|b| b["id"].as_str().map(str::to_owned))
        .chain(links.iter().map(|(_, id)| id.clone()))
        .collect();
    let sql = format!("SELECT COUNT(*) AS n FROM responses WHERE touchpoint = '{tp}'");
    ambassador_tests::eventually(Duration::from_secs(20), || {
        (ambassador_tests::d1(&sql)[0]["n"].as_u64() == Some(ids.len() as u64)).then_some(())
    });
    let (kept, recount) = counts_and_recount(&tp);
    assert!(!recount.is_empty());
    assert_eq!(kept, recount, "seed {seed}");
    // And again once every click has settled.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let (kept, recount) = counts_and_recount(&tp);
    assert_eq!(kept, recount, "seed {seed}, settled");
}

/// A click on score `score` of the email link `token`; refused clicks (a
/// confirmed answer is final) are fine here, the counts must hold either way.
async fn click(token: &str, score: u64) {
    let response = ambassador_tests::click(token, score).await;
    let status = response.status().as_u16();
    assert!(status < 500 || status == 503, "{status}");
}

#[tokio::test]
async fn export_streams_every_answer_across_pages() {
    // 2,345 answers, seeded as an operator would, with the same millisecond
    // for many, so pages must break ties by id: two pages of 2,000 rows.
    let tp = unique_touchpoint();
    let total = 2345;
    ambassador_tests::d1(&format!(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {total}) \
         INSERT INTO responses (id, survey_id, score, category, locale, touchpoint, \
           created_at, updated_at, source, confirmed) \
         SELECT '{tp}-' || printf('%05d', i), 'demo', i % 11, \
           CASE WHEN i % 11 <= 6 THEN 'detractor' WHEN i % 11 <= 8 THEN 'passive' ELSE 'promoter' END, \
           'en', '{tp}', 1764000000000 + i / 7, 1764000000000, 'widget', 1 FROM k"
    ));
    let path = format!("/v1/surveys/demo/responses.csv?touchpoint={tp}");
    let response = get(&path, Some(&dev_var("API_KEY"))).await;
    assert_eq!(response.status().as_u16(), 200);
    let csv = response.text().await.expect("text");
    let ids: Vec<&str> = csv
        .split_terminator("\r\n")
        .skip(1)
        .filter_map(|record| record.split(',').next())
        .collect();
    assert_eq!(ids.len(), total, "every answer once");
    let expected: Vec<String> = (1..=total).map(|i| format!("{tp}-{i:05}")).collect();
    assert_eq!(ids, expected, "oldest first, ties by id, none twice");
    assert_eq!(csv.matches("id,created_at,").count(), 1, "one header");
}

#[tokio::test]
async fn widget_and_email_answers_make_up_the_whole() {
    // The sample year of `dashboard-test` (xtask/src/demo.rs) has both.
    let key = dev_var("API_KEY");
    let mut totals = Vec::new();
    for source in ["", "&source=widget", "&source=email"] {
        let path = format!("/v1/surveys/dashboard-test/report?from=2000-01-01{source}");
        // Another test here floods D1 with writes: a busy 503 is asked again.
        let mut response = get(&path, Some(&key)).await;
        for _ in 0..5 {
            if response.status().as_u16() != 503 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            response = get(&path, Some(&key)).await;
        }
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let report: Value = response.json().await.expect("json");
        assert_eq!(
            report["filter"]["source"],
            json!(source.strip_prefix("&source="))
        );
        totals.push(report["overall"]["nps"]["responses"].as_u64().unwrap_or(0));
    }
    assert!(totals[1] > 0 && totals[2] > 0, "{totals:?}");
    assert_eq!(totals[0], totals[1] + totals[2], "{totals:?}");
}
