//! The closed loop in the dashboard: an agent takes a detractor's case from
//! open to contacted to resolved in the browser (refused first without a
//! resolution), and D1 holds it; a viewer sees the same inbox without the
//! controls, and the API refuses the viewer's change.

use ambassador_tests::dashboard::{open, sign_in};
use ambassador_tests::page::{axe_violations, wait_for};
use ambassador_tests::{browser, d1, new_id};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// A detractor's answer to `case-test`, which opens a case; its id.
async fn detractor(customer: &str) -> String {
    let id = new_id();
    let body = json!({"id": id, "survey_id": "case-test", "score": 2, "comment": "Nobody called back",
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

#[tokio::test]
async fn an_agent_takes_a_case_from_open_to_contacted_to_resolved() {
    let customer = format!("C-{}", &new_id()[..8]);
    let id = detractor(&customer).await;
    let client = browser().await;
    sign_in(&client, "ana", "").await;
    open(
        &client,
        "view=cases&survey=case-test",
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
        "SELECT c.status, c.resolution, n.author, n.text FROM cases c \
         JOIN case_notes n ON n.case_id = c.id WHERE c.id = '{id}' AND n.text = 'Refunded the fee'"
    ));
    assert_eq!(
        stored,
        [
            json!({"status": "resolved", "resolution": "Fee refunded", "author": "ana",
                   "text": "Refunded the fee"})
        ]
    );
    assert_eq!(
        axe_violations(&client).await,
        json!([]),
        "the resolved case"
    );
    client.close().await.expect("session closes");
}

#[tokio::test]
async fn a_viewer_reads_cases_but_cannot_change_them() {
    let customer = format!("C-{}", &new_id()[..8]);
    let id = detractor(&customer).await;
    let client = browser().await;
    sign_in(&client, "vic", "").await;
    open(
        &client,
        "view=cases&survey=case-test",
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
