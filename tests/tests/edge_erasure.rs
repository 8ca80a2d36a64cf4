//! Personal data (docs/personal-data.md) in the real runtime: a customer's
//! erasure (`DELETE /v1/customers/{customer_ref}`) takes their answers in
//! every survey with their cases, notes and dead letters, and nobody
//! else's; the daily Cron Trigger (run through `wrangler dev`'s
//! `/__scheduled`) deletes answers past their survey's retention. Either
//! way the daily counts and the comment search forget what went. Surveys
//! `erasure-a`, `erasure-b` (24 months) and `retention-test` (one month) in
//! tests/surveys.toml are this module's own.

use std::time::Duration;

use ambassador_shared::forward::{Delivery, EventKind, ResponseEvent};
use ambassador_shared::intake::erasure::customer_digest;
use ambassador_shared::survey::cutoff_millis;
use ambassador_shared::Submission;
use ambassador_tests::{
    d1, dev_var, eventually, http, new_id, post_and_store, send_json, unix_now, url,
};
use serde_json::{json, Value};

fn api_key() -> String {
    format!("Bearer {}", dev_var("API_KEY"))
}

/// `DELETE /v1/customers/{path}` with the API key; the status and the answer.
async fn erase(path: &str) -> (u16, Value) {
    let request = http()
        .delete(url(&format!("/v1/customers/{path}")))
        .header("authorization", api_key());
    send_json(request, None).await
}

/// Stores an answer of `customer` to `survey` with a comment holding a word
/// of its own (to find it in the search index); its id and that word.
async fn answer(survey: &str, customer: &str, score: i64) -> (String, String) {
    let (id, word) = (new_id(), format!("w{}", &new_id()[..8]));
    let body = json!({
        "id": id, "survey_id": survey, "score": score, "locale": "sv",
        "comment": format!("Hämtningen {word}"),
        "context": {"customer_ref": customer, "transaction_ref": "T-1", "touchpoint": "web"}
    });
    post_and_store(&body).await;
    (id, word)
}

/// Adds `note` to the case of answer `id`, as an agent's script would.
async fn note(id: &str, note: &str) {
    let request = http()
        .patch(url(&format!("/v1/cases/{id}")))
        .header("authorization", api_key());
    let (status, answer) = send_json(request, Some(json!({"note": note}))).await;
    assert_eq!(status, 200, "{answer}");
}

/// Records a dead letter of answer `id`'s event as the dead-letter consumer
/// writes it (`edge/src/forward/dead_letters.rs`): the delivery as JSON.
fn dead_letter(id: &str, survey: &str, customer: &str) {
    let body = json!({"id": id, "survey_id": survey, "score": 1,
                      "context": {"customer_ref": customer}});
    let answer = Submission::from_json(body.to_string().as_bytes()).expect("a valid answer");
    let event = ResponseEvent::new(EventKind::Created, &answer, 1, unix_now() * 1000);
    let delivery = Delivery {
        event: event.into(),
        destination_id: "crm".to_owned(),
    };
    let message = serde_json::to_string(&delivery).expect("json");
    d1(&format!(
        "INSERT INTO dead_letters (delivery_key, event_id, survey_id, destination_id, reason, \
         attempts, message, created_at) VALUES ('{}', '{}', '{survey}', 'crm', 'rejected', 8, \
         '{}', 0)",
        delivery.key(),
        delivery.event.id(),
        message.replace('\'', "''")
    ));
}

/// How many rows of `table` have `column` in `ids` (ids from `new_id`).
fn count(table: &str, column: &str, ids: &[&str]) -> u64 {
    let list = ids
        .iter()
        .map(|id| format!("'{id}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = d1(&format!(
        "SELECT COUNT(*) AS n FROM {table} WHERE {column} IN ({list})"
    ));
    rows[0]["n"].as_u64().expect("a count")
}

/// The dead letters of answer `id`'s events.
fn dead_letters_of(id: &str) -> u64 {
    count("dead_letters", "substr(event_id, 1, 36)", &[id])
}

/// The score columns of `daily_counts` (migration 0020), and their sum.
const SCORES: &str = "n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10";
const SCORES_ADDED: &str = "(n0 + n1 + n2 + n3 + n4 + n5 + n6 + n7 + n8 + n9 + n10)";

/// Rows of `daily_counts` for `surveys` that differ from a count of the
/// answers, read in one statement so a concurrent write cannot fool it.
fn daily_counts_off(surveys: &str) -> Vec<Value> {
    let recounted = (0..=10)
        .map(|s| format!("SUM(score = {s}) AS n{s}"))
        .collect::<Vec<_>>()
        .join(", ");
    d1(&format!(
        "WITH kept AS (SELECT survey_id, day, touchpoint, role, source, state, {SCORES}, \
           commented FROM daily_counts WHERE survey_id IN ({surveys}) AND {SCORES_ADDED} > 0), \
         recount AS (SELECT survey_id, \
           coalesce(day, date(created_at / 1000, 'unixepoch')) AS day, \
           coalesce(touchpoint, '') AS touchpoint, coalesce(role, '') AS role, source, \
           state, {recounted}, SUM(comment IS NOT NULL) AS commented \
           FROM responses WHERE survey_id IN ({surveys}) \
           GROUP BY 1, 2, 3, 4, 5, 6) \
         SELECT 'kept' AS side, * FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount) \
         UNION ALL \
         SELECT 'recount' AS side, * FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept)"
    ))
}

/// Answers counted for `surveys` in `daily_counts`.
fn counted(surveys: &str) -> i64 {
    let rows = d1(&format!(
        "SELECT coalesce(SUM({SCORES_ADDED}), 0) AS n FROM daily_counts \
         WHERE survey_id IN ({surveys})"
    ));
    rows[0]["n"].as_i64().expect("a sum")
}

/// Whether the comment search still finds `word` (`0015_comments_search.sql`).
fn indexed(word: &str) -> bool {
    !d1(&format!(
        "SELECT rowid FROM comments_fts WHERE comments_fts MATCH '{word}'"
    ))
    .is_empty()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_takes_one_customers_data_in_every_survey_and_nobody_elses() {
    // A reference with a space and a slash, percent-encoded in the path.
    let tag = &new_id()[..8];
    let (customer, other) = (format!("kund {tag}/7"), format!("kund {tag}/8"));
    let path = customer.replace(' ', "%20").replace('/', "%2F");
    let surveys = "'erasure-a', 'erasure-b'";
    let (a_detractor, a_word) = answer("erasure-a", &customer, 2).await;
    let (a_promoter, _) = answer("erasure-a", &customer, 9).await;
    let (b_detractor, b_word) = answer("erasure-b", &customer, 1).await;
    let (kept, kept_word) = answer("erasure-a", &other, 0).await;
    note(&a_detractor, "Called, no answer").await;
    note(&b_detractor, "Rebooked the pickup").await;
    note(&kept, "Refunded").await;
    dead_letter(&b_detractor, "erasure-b", &customer);
    dead_letter(&kept, "erasure-a", &other);
    d1(&format!(
        "INSERT INTO dead_letters (delivery_key, reason, attempts, message, created_at) \
         VALUES ('unreadable:{tag}', 'the queue message is not a delivery', 0, 'not {{json', 0)"
    ));
    // An invitation each, through the API as a mailer makes them.
    for (survey, who) in [("erasure-b", &customer), ("erasure-a", &other)] {
        let invite = http()
            .post(url(&format!("/v1/surveys/{survey}/invitations")))
            .header("authorization", api_key());
        let batch = json!({"invitations": [{"customer_ref": who, "locale": "sv"}]});
        assert_eq!(send_json(invite, Some(batch)).await.0, 200);
    }
    let before = counted(surveys);
    let mine = [
        a_detractor.as_str(),
        a_promoter.as_str(),
        b_detractor.as_str(),
    ];

    let (status, erased) = erase(&path).await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(
        erased,
        json!({"customer_ref": customer, "erased":
               {"answers": 3, "cases": 2, "case_notes": 2, "dead_letters": 1,
                "invitations": 1}})
    );
    assert_eq!(count("responses", "id", &mine), 0);
    assert_eq!(count("cases", "id", &mine), 0);
    assert_eq!(count("case_notes", "case_id", &mine), 0);
    assert_eq!(dead_letters_of(&b_detractor), 0);
    assert!(
        !indexed(&a_word) && !indexed(&b_word),
        "the search forgot them"
    );

    // The other customer's answer, case, note and dead letter stay, and so
    // does the dead letter that is not JSON.
    assert_eq!(count("responses", "id", &[&kept]), 1);
    assert_eq!(count("invitations", "customer_ref", &[&other]), 1);
    assert_eq!(count("cases", "id", &[&kept]), 1);
    assert_eq!(count("case_notes", "case_id", &[&kept]), 1);
    assert_eq!(dead_letters_of(&kept), 1);
    assert!(indexed(&kept_word));
    let unreadable = format!("unreadable:{tag}");
    assert_eq!(count("dead_letters", "delivery_key", &[&unreadable]), 1);

    // Remembered for the answers still on the intake queue (tested in
    // `switch_intake.rs`), by a keyed digest, never the reference.
    let digest = customer_digest(&customer, &ambassador_tests::link_secret());
    assert_eq!(count("erasures", "customer_digest", &[&digest]), 1);
    let named = d1(&format!(
        "SELECT COUNT(*) AS n FROM erasures WHERE customer_digest LIKE '%{tag}%'"
    ));
    assert_eq!(named[0]["n"], 0);

    assert_eq!(counted(surveys), before - 3, "three answers uncounted");
    assert_eq!(daily_counts_off(surveys), Vec::<Value>::new());

    let (status, again) = erase(&path).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(
        again["erased"],
        json!({"answers": 0, "cases": 0, "case_notes": 0, "dead_letters": 0, "invitations": 0})
    );
}

#[tokio::test]
async fn erasure_names_a_bad_customer_ref_and_needs_the_api_key() {
    let too_long = "x".repeat(129);
    for (path, code) in [
        ("%20%20", "missing"),
        (too_long.as_str(), "too_long"),
        ("%E0%A4%A", "invalid_format"),
    ] {
        let (status, answer) = erase(path).await;
        assert_eq!(status, 400, "{path}: {answer}");
        assert_eq!(answer["error"]["code"], "invalid_path");
        assert_eq!(answer["error"]["fields"][0]["field"], "customer_ref");
        assert_eq!(answer["error"]["fields"][0]["code"], code, "{path}");
    }

    let customer = format!("C-{}", new_id());
    let (kept, _) = answer("erasure-b", &customer, 4).await;
    let anonymous = http().delete(url(&format!("/v1/customers/{customer}")));
    let (status, answer) = send_json(anonymous, None).await;
    assert_eq!(status, 401, "{answer}");
    assert_eq!(answer["error"]["code"], "unauthorized");
    let read = http()
        .get(url(&format!("/v1/customers/{customer}")))
        .header("authorization", api_key());
    assert_eq!(send_json(read, None).await.0, 405);
    assert_eq!(count("responses", "id", &[&kept]), 1, "nothing erased");
}

/// An answer written straight into D1 at `created_at` (unix ms), as an
/// operator's import would, with a case and a note when `with_case`.
fn seed(id: &str, survey: &str, created_at: i64, with_case: bool) {
    d1(&format!(
        "INSERT INTO responses (id, survey_id, score, category, comment, locale, customer_ref, \
         created_at, updated_at) VALUES ('{id}', '{survey}', 3, 'detractor', 'Gammalt svar', \
         'sv', 'C-old', {created_at}, {created_at})"
    ));
    if with_case {
        d1(&format!(
            "INSERT INTO cases (id, survey_id, opened_at, updated_at) \
             VALUES ('{id}', '{survey}', {created_at}, {created_at})"
        ));
        d1(&format!(
            "INSERT INTO case_notes (case_id, at, author, text) \
             VALUES ('{id}', {created_at}, 'ana', 'Called')"
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_trigger_deletes_answers_past_their_surveys_retention() {
    let now = (unix_now() * 1000) as i64;
    let cutoff = cutoff_millis(now, 1, ambassador_tests::zone());
    let (old, edge, demo_old) = (new_id(), new_id(), new_id());
    seed(&old, "retention-test", cutoff - 1, true);
    dead_letter(&old, "retention-test", "C-old");
    seed(&edge, "retention-test", cutoff + 60_000, false);
    seed(&demo_old, "demo", cutoff - 1, false);
    // More than two of the trigger's chunks (500 answers each).
    let batch = &new_id()[..8];
    d1(&format!(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1100) \
         INSERT INTO responses (id, survey_id, score, category, locale, created_at, updated_at) \
         SELECT '{batch}-' || i, 'retention-test', i % 11, CASE WHEN i % 11 <= 6 THEN 'detractor' \
         WHEN i % 11 <= 8 THEN 'passive' ELSE 'promoter' END, 'en', {cutoff} - i * 3600000, 0 \
         FROM k"
    ));
    let recent = post_and_store(&json!({
        "id": new_id(), "survey_id": "retention-test", "score": 10, "locale": "en"
    }))
    .await;
    // Invitations name customers too: the old one goes, the recent stays.
    let (old_invitation, recent_invitation) = (new_id(), new_id());
    for (id, created_at) in [
        (&old_invitation, cutoff - 1),
        (&recent_invitation, cutoff + 1),
    ] {
        d1(&format!(
            "INSERT INTO invitations (id, survey_id, response_id, customer_ref, locale, \
             created_at, day, invited_at) VALUES ('{id}', 'retention-test', '{id}', 'C-old', \
             'sv', {created_at}, date({created_at} / 1000, 'unixepoch'), {created_at})"
        ));
    }

    // Erasures are remembered 14 days.
    let (old_erasure, recent_erasure) = (new_id(), new_id());
    for (digest, days) in [(&old_erasure, 15), (&recent_erasure, 13)] {
        let at = now - days * 86_400_000;
        d1(&format!(
            "INSERT INTO erasures (customer_digest, erased_at) VALUES ('{digest}', {at})"
        ));
    }

    ambassador_tests::run_the_daily_trigger().await;
    let expired = |id: &str| count("responses", "id", &[id]) == 0;
    let gone = eventually(Duration::from_secs(20), || expired(&old).then_some(()));
    assert!(gone.is_some(), "the expired answer stayed");
    let left = d1(&format!(
        "SELECT COUNT(*) AS n FROM responses WHERE id LIKE '{batch}-%'"
    ));
    assert_eq!(left[0]["n"], 0, "every expired answer went in one run");
    assert_eq!(count("cases", "id", &[&old]), 0);
    assert_eq!(count("case_notes", "case_id", &[&old]), 0);
    assert_eq!(dead_letters_of(&old), 0);
    for kept in [&edge, &demo_old, &recent] {
        assert_eq!(
            count("responses", "id", &[kept]),
            1,
            "{kept} is within retention"
        );
    }
    assert_eq!(daily_counts_off("'retention-test'"), Vec::<Value>::new());
    assert_eq!(count("invitations", "id", &[&old_invitation]), 0);
    assert_eq!(count("invitations", "id", &[&recent_invitation]), 1);
    assert_eq!(count("erasures", "customer_digest", &[&old_erasure]), 0);
    assert_eq!(count("erasures", "customer_digest", &[&recent_erasure]), 1);
}
