//! The owners' day: answers counted on the days of the deployment's time
//! zone (`time_zone` in surveys.toml, Europe/Copenhagen for this build),
//! checked against the zone resolved here from the IANA database on its
//! own (`ambassador_tests::zone`): the day the Worker stores with an answer,
//! the CSV's day column, the zone the dashboard is told and the days its
//! periods cover (in Chromium with its clock set past local midnight), and
//! the rebuild of the days stored before, around both changes of 2026.

use std::time::Duration;

use ambassador_shared::report::date::Day;
use ambassador_tests::dashboard::{
    expected_figures, overview_figures, report, set_clock, sign_in, SURVEY,
};
use ambassador_tests::page::wait_for;
use ambassador_tests::{
    browser, d1, dev_var, eventually, http, new_id, post_and_store, run_the_daily_trigger,
    stored_response, url, zone,
};
use serde_json::{json, Value};

async fn get(path: &str) -> Value {
    let response = http()
        .get(url(path))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
        .send()
        .await
        .expect("the Worker answers");
    assert_eq!(response.status().as_u16(), 200, "{path}");
    response.json().await.expect("json")
}

/// Unix ms of a UTC time written `YYYY-MM-DD HH:MM`.
fn utc(text: &str) -> i64 {
    let (date, time) = text.split_once(' ').expect("date and time");
    let (h, m) = time.split_once(':').expect("HH:MM");
    let minutes = h.parse::<i64>().expect("hour") * 60 + m.parse::<i64>().expect("minute");
    Day::parse(date).expect("a day").start_millis() + minutes * 60_000
}

#[tokio::test]
async fn the_dashboard_is_told_the_deployments_zone() {
    assert_eq!(zone().name(), "Europe/Copenhagen");
    let session = get("/v1/session").await;
    assert_eq!(
        session["time_zone"],
        json!(zone()),
        "the offsets the IANA database has"
    );
}

#[tokio::test]
async fn an_answer_is_stored_and_exported_with_its_local_day() {
    let touchpoint = format!("lt-{}", &new_id()[..8]);
    let id = post_and_store(&json!({
        "id": new_id(), "survey_id": "demo", "score": 4,
        "context": {"touchpoint": touchpoint}
    }))
    .await;
    let row = stored_response(&id).expect("stored");
    let created_at = row["created_at"].as_i64().expect("a time");
    let local = zone().day_of(created_at).to_string();
    assert_eq!(row["day"], local, "{row}");
    let csv = http()
        .get(url(&format!(
            "/v1/surveys/demo/responses.csv?touchpoint={touchpoint}"
        )))
        .header("authorization", format!("Bearer {}", dev_var("API_KEY")))
        .send()
        .await
        .expect("the Worker answers")
        .text()
        .await
        .expect("text");
    let line = csv.lines().find(|l| l.starts_with(&id)).unwrap_or_default();
    let cells: Vec<&str> = line.split(',').collect();
    assert_eq!(cells.get(2), Some(&local.as_str()), "{csv}");
}

/// The answers of one touchpoint per day, as the report API counts them.
async fn daily(touchpoint: &str, from: &str, to: &str) -> Vec<(String, u64)> {
    let r = get(&format!(
        "/v1/surveys/settle-test/report?touchpoint={touchpoint}&from={from}&to={to}"
    ))
    .await;
    r["daily"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| {
            let n = ["detractors", "passives", "promoters"]
                .iter()
                .filter_map(|k| d[k].as_u64())
                .sum();
            (d["date"].as_str().unwrap_or_default().to_owned(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Answers stored before the zone (with no day, counted on their UTC day)
/// around both changes of 2026; the database is then told its days are
/// UTC, as one that ran before this version, and the trigger rebuilds them
/// from the answers' times. After it, 23:30 UTC on 24 October (01:30 on the
/// 25th in Copenhagen) counts on the 25th, every answer of the 25-hour
/// 25 October counts once on it, and the 23-hour 29 March holds exactly
/// its answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn days_stored_before_are_rebuilt_from_the_answers_around_both_changes() {
    let touchpoint = format!("lt-{}", &new_id()[..8]);
    let times = [
        // Spring: the local 29 March runs from 23:00 UTC on the 28th to 22:00.
        ("2026-03-28 22:59", "2026-03-28"),
        ("2026-03-28 23:00", "2026-03-29"),
        ("2026-03-29 00:59", "2026-03-29"),
        ("2026-03-29 01:00", "2026-03-29"),
        ("2026-03-29 21:59", "2026-03-29"),
        ("2026-03-29 22:00", "2026-03-30"),
        // Autumn: the local 25 October runs from 22:00 UTC on the 24th to
        // 23:00 on the 25th, 02:00-03:00 twice.
        ("2026-10-24 21:59", "2026-10-24"),
        ("2026-10-24 23:30", "2026-10-25"),
        ("2026-10-25 00:30", "2026-10-25"),
        ("2026-10-25 01:30", "2026-10-25"),
        ("2026-10-25 22:59", "2026-10-25"),
        ("2026-10-25 23:00", "2026-10-26"),
    ];
    let rows: Vec<String> = times
        .iter()
        .map(|(at, _)| {
            format!(
                "('{}', 'settle-test', 9, 'promoter', 'da', '{touchpoint}', {t}, {t}, 'widget', 1)",
                new_id(),
                t = utc(at)
            )
        })
        .collect();
    d1(&format!(
        "INSERT INTO responses (id, survey_id, score, category, locale, touchpoint, \
         created_at, updated_at, source, confirmed) VALUES {}",
        rows.join(", ")
    ));
    let (from, to) = ("2026-03-01", "2026-10-31");
    // As stored before: by UTC day.
    let before = daily(&touchpoint, from, to).await;
    assert_eq!(
        before.iter().find(|(d, _)| d == "2026-10-24").map(|d| d.1),
        Some(2),
        "{before:?}"
    );

    d1("UPDATE local_time SET zone = 'UTC', responses_after = NULL, invitations_after = NULL");
    run_the_daily_trigger().await;
    let rebuilt = eventually(Duration::from_secs(30), || {
        let state = d1("SELECT zone, responses_after FROM local_time").pop()?;
        (state["zone"] == zone().name() && state["responses_after"].is_null()).then_some(())
    });
    assert!(rebuilt.is_some(), "{:?}", d1("SELECT * FROM local_time"));

    let mut expected: Vec<(String, u64)> = Vec::new();
    for (_, day) in times {
        match expected.last_mut() {
            Some((d, n)) if d == day => *n += 1,
            _ => expected.push((day.to_owned(), 1)),
        }
    }
    assert_eq!(daily(&touchpoint, from, to).await, expected);
    // Each answer's day is the zone's, as computed here on its own.
    let stored = d1(&format!(
        "SELECT created_at, day FROM responses WHERE touchpoint = '{touchpoint}'"
    ));
    assert_eq!(stored.len(), times.len());
    for row in stored {
        let at = row["created_at"].as_i64().expect("a time");
        assert_eq!(row["day"], zone().day_of(at).to_string(), "{row}");
    }
}

/// At 00:30 on 25 October in Copenhagen (22:30 UTC on the 24th) the
/// dashboard's "last 7 days" are 19 to 25 October, the local days, not the
/// UTC ones (18 to 24): it asks the report API for them, and shows what the
/// API counts for those days.
#[tokio::test]
async fn the_dashboards_last_7_days_are_the_local_days_the_report_api_counts() {
    let client = browser().await;
    set_clock(&client, utc("2026-10-24 22:30")).await;
    sign_in(&client, "vic", &format!("?survey={SURVEY}&period=7d")).await;
    // The period's report, and the previous period's for the change.
    let asked = wait_for(
        &client,
        "const asked = performance.getEntriesByType('resource').map(e => e.name)
                .filter(n => n.includes('/report?'));
         return asked.length >= 2 ? asked : null;",
    )
    .await;
    let asked: Vec<&str> = asked
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let period = |from: &str, to: &str| format!("from={from}&to={to}");
    assert!(
        asked
            .iter()
            .any(|u| u.contains(&period("2026-10-19", "2026-10-25"))),
        "{asked:?}"
    );
    assert!(
        asked
            .iter()
            .any(|u| u.contains(&period("2026-10-12", "2026-10-18"))),
        "the previous 7 local days: {asked:?}"
    );
    let expected = expected_figures(&report("from=2026-10-19&to=2026-10-25").await);
    let mut shown = overview_figures(&client).await;
    for _ in 0..50 {
        if shown == expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        shown = overview_figures(&client).await;
    }
    assert_eq!(shown, expected);
    client.close().await.expect("the browser closes");
}
