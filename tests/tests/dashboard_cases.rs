//! The closed loop in the dashboard: an agent takes a detractor's case from
//! open to contacted to resolved in the browser (refused first without a
//! resolution), D1 holds it, and customer service's webhook receiver (a
//! loopback server, survey `dashboard-cases` in tests/surveys.toml) gets
//! each change as a signed `case.updated`; a viewer sees the same inbox
//! without the controls, and the API refuses the viewer's change.

use std::time::Duration;

use ambassador_tests::dashboard::{open, sign_in};
use ambassador_tests::page::{axe_violations, wait_for};
use ambassador_tests::receiver::{Received, Receiver};
use ambassador_tests::{browser, d1, new_id, receiver_port};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

const SURVEY: &str = "dashboard-cases";

/// A detractor's answer to `dashboard-cases`, which opens a case; its id.
async fn detractor(customer: &str) -> String {
    let id = new_id();
    let body = json!({"id": id, "survey_id": SURVEY, "score": 2, "comment": "Nobody called back",
                      "locale": "en", "context": {"touchpoint": "store", "customer_ref": customer}});
    ambassador_tests::post_and_store(&body).await;
    id
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .expect("the button is there")
        .click()
        .await
        .expect("clicks");
}

fn stored_status(id: &str) -> Value {
    d1(&format!("SELECT status FROM cases WHERE id = '{id}'"))
        .first()
        .map(|r| r["status"].clone())
        .unwrap_or(Value::Null)
}

async fn until_stored(id: &str, status: &str) {
    for _ in 0..50 {
        if stored_status(id) == status {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(stored_status(id), status, "the change reached D1");
}

/// The inbox row of `customer`'s case.
fn row(customer: &str, then: &str) -> String {
    format!(
        "const row = [...document.querySelectorAll('table.cases tbody tr')]
           .find(r => r.textContent.includes('{customer}'));
         {then}"
    )
}

/// The signed `case.updated` events for case `id` that reached customer
/// service, once `n` have (at most 30 s), in the order of their versions.
async fn case_updates(receiver: &Receiver, id: &str, n: usize) -> Vec<Value> {
    let of = |r: &Receiver| -> Vec<Value> {
        let mut events: Vec<Value> = r
            .requests("/cs")
            .iter()
            .filter(|q| q.accepted())
            .map(Received::verified)
            .filter(|e| e["type"] == "case.updated" && e["data"]["response_id"] == id)
            .collect();
        events.sort_by_key(|e| e["data"]["version"].as_u64());
        events.dedup_by(|a, b| a["id"] == b["id"]);
        events
    };
    let arrived = receiver
        .wait_until(Duration::from_secs(30), |r| of(r).len() >= n)
        .await;
    assert!(arrived, "{n} case.updated event(s) for {id} within 30 s");
    of(receiver)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_takes_a_case_from_open_to_contacted_to_resolved() {
    let receiver = Receiver::start(receiver_port(SURVEY)).await;
    let customer = format!("C-{}", &new_id()[..8]);
    let id = detractor(&customer).await;
    let client = browser().await;
    sign_in(&client, "ana", "").await;
    open(
        &client,
        &format!("view=cases&survey={SURVEY}"),
        "document.querySelector('table.cases')",
    )
    .await;
    let status = wait_for(
        &client,
        &row(
            &customer,
            "return row ? row.children[5].textContent : null;",
        ),
    )
    .await;
    assert_eq!(status, "open");
    let marked = wait_for(
        &client,
        &row(
            &customer,
            "const b = row && [...row.querySelectorAll('button')].find(b => b.textContent === 'Mark contacted');
             if (!b) return null; b.click(); return true;",
        ),
    )
    .await;
    assert_eq!(marked, true);
    until_stored(&id, "contacted").await;
    let contacted = wait_for(
        &client,
        &row(
            &customer,
            "return row && row.children[5].textContent === 'contacted' ? true : null;",
        ),
    )
    .await;
    assert_eq!(contacted, true, "the inbox shows it");

    wait_for(
        &client,
        &row(&customer, "const b = row?.querySelector('button[data-action=open]'); if (!b) return null; b.click(); return true;"),
    )
    .await;
    let form = |id: &'static str| client.wait().for_element(Locator::Id(id));
    form("case-status")
        .await
        .expect("a status")
        .select_by_value("resolved")
        .await
        .expect("chooses");
    wait_for(
        &client,
        "return document.querySelector('#case-assignee option[value=ana]') ? true : null;",
    )
    .await;
    form("case-assignee")
        .await
        .expect("an assignee picker")
        .select_by_value("ana")
        .await
        .expect("the agents are listed");
    form("case-note")
        .await
        .expect("a note")
        .send_keys("Refunded the fee")
        .await
        .expect("types");
    click(&client, "article.case button[type=submit]").await;
    let refusal = wait_for(
        &client,
        "return document.querySelector('article.case [role=alert]')?.textContent ?? null;",
    )
    .await;
    assert!(
        refusal.as_str().unwrap_or("").contains("resolved"),
        "{refusal}"
    );
    assert_eq!(stored_status(&id), "contacted", "nothing half-written");
    form("case-resolution")
        .await
        .expect("a resolution")
        .send_keys("Fee refunded")
        .await
        .expect("types");
    click(&client, "article.case button[type=submit]").await;
    wait_for(
        &client,
        "return document.querySelector('#case-title')?.textContent === 'Case: resolved' || null;",
    )
    .await;
    let stored = d1(&format!(
        "SELECT c.status, c.assignee, c.resolution, n.author, n.text FROM cases c \
         JOIN case_notes n ON n.case_id = c.id WHERE c.id = '{id}' AND n.text = 'Refunded the fee'"
    ));
    assert_eq!(
        stored,
        [
            json!({"status": "resolved", "assignee": "ana", "resolution": "Fee refunded",
                   "author": "ana", "text": "Refunded the fee"})
        ]
    );
    assert_eq!(
        axe_violations(&client).await,
        json!([]),
        "the resolved case"
    );
    client.close().await.expect("session closes");

    let updates = case_updates(&receiver, &id, 2).await;
    let moves: Vec<Value> = updates
        .iter()
        .map(|e| {
            let case = &e["data"]["case"];
            json!([
                case["status"],
                case["assignee"],
                case["resolution"],
                case["note"]
            ])
        })
        .collect();
    assert_eq!(
        moves,
        [
            json!(["contacted", null, null, null]),
            json!(["resolved", "ana", "Fee refunded", "Refunded the fee"]),
        ],
        "each change of the case, as customer service's system gets it"
    );
    assert_eq!(updates[1]["data"]["context"]["customer_ref"], customer);
}

#[tokio::test]
async fn a_viewer_reads_cases_but_cannot_change_them() {
    let customer = format!("C-{}", &new_id()[..8]);
    let id = detractor(&customer).await;
    let client = browser().await;
    sign_in(&client, "vic", "").await;
    open(
        &client,
        &format!("view=cases&survey={SURVEY}"),
        "document.querySelector('table.cases')",
    )
    .await;
    let buttons = wait_for(
        &client,
        &row(
            &customer,
            "return row ? [...row.querySelectorAll('button')].map(b => b.textContent) : null;",
        ),
    )
    .await;
    assert_eq!(buttons, json!(["Open"]), "no Mark contacted for a viewer");
    wait_for(
        &client,
        &row(&customer, "const b = row?.querySelector('button[data-action=open]'); if (!b) return null; b.click(); return true;"),
    )
    .await;
    wait_for(
        &client,
        "return document.querySelector('#case-title') ? true : null;",
    )
    .await;
    assert!(
        client
            .find(Locator::Css("article.case form"))
            .await
            .is_err(),
        "no form to change the case"
    );
    // The server refuses the viewer's session too, whatever the page shows.
    let refused = client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 fetch('/v1/cases/{id}', {{method: 'PATCH', headers: {{'content-type': 'application/json'}},
                                           body: JSON.stringify({{status: 'contacted'}})}})
                   .then(r => done(r.status));"
            ),
            vec![],
        )
        .await
        .expect("the request runs");
    assert_eq!(refused, 403);
    assert_eq!(stored_status(&id), "open");
    client.close().await.expect("session closes");
}
