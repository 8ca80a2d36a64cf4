//! The closed loop over HTTP against the Worker and D1: a confirmed
//! detractor opens a case (a promoter or an unconfirmed email click does
//! not), customer service works it from open to resolved by the rules, with
//! every refusal naming its field, and the inbox lists cases oldest first
//! with the overdue ones marked.

use ambassador_shared::link::sign;
use ambassador_tests::{
    d1, dev_var, email_claims, http, link_secret, new_id, post_and_store, post_response, send_json,
    url,
};
use serde_json::{json, Value};

fn unique_touchpoint() -> String {
    format!("case-{}", &new_id()[..8])
}

/// Stores a widget answer to the demo survey; its id.
async fn answer(touchpoint: &str, score: u8) -> String {
    let body = json!({
        "id": new_id(), "survey_id": "demo", "score": score, "comment": "Waited an hour",
        "context": {"touchpoint": touchpoint, "customer_ref": "C-1"}
    });
    post_and_store(&body).await
}

/// `method path` with the API key and an optional JSON body: status and JSON.
async fn call(method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let key = format!("Bearer {}", dev_var("API_KEY"));
    let request = http()
        .request(method, url(path))
        .header("authorization", key);
    send_json(request, body).await
}

async fn case(id: &str) -> (u16, Value) {
    call(reqwest::Method::GET, &format!("/v1/cases/{id}"), None).await
}

async fn change(id: &str, body: Value) -> (u16, Value) {
    call(
        reqwest::Method::PATCH,
        &format!("/v1/cases/{id}"),
        Some(body),
    )
    .await
}

fn fields(answer: &Value) -> Vec<String> {
    answer["error"]["fields"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|e| e["field"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_confirmed_detractor_opens_a_case_and_nothing_else_does() {
    let tp = unique_touchpoint();
    let detractor = answer(&tp, 3).await;
    let (status, opened) = case(&detractor).await;
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["status"], "open");
    assert_eq!(opened["overdue"], false);
    assert_eq!(opened["answer"]["score"], 3);
    assert_eq!(opened["answer"]["comment"], "Waited an hour");
    assert_eq!(opened["answer"]["context"]["customer_ref"], "C-1");
    assert_eq!(opened["notes"], json!([]));

    let promoter = answer(&tp, 10).await;
    let (status, refused) = case(&promoter).await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (404, &json!("unknown_case"))
    );

    // An email click is not yet a person's answer: a case once confirmed (or
    // settled as a person's after the survey's quiet period, ten minutes here).
    let claims = email_claims("demo", Some(&tp), None);
    let token = sign(&claims, &link_secret()).expect("valid");
    let id = claims.response_id(&link_secret());
    let click = ambassador_tests::click(&token, 2).await;
    assert_eq!(click.status().as_u16(), 303);
    ambassador_tests::stored_response(&id).expect("the click is stored");
    assert_eq!(case(&id).await.0, 404, "a click opens no case");
    let confirm = json!({"id": id, "survey_id": "demo", "score": 1, "token": token});
    let (status, answer) = post_response(confirm.to_string()).await;
    assert_eq!(status, 202, "{answer}");
    ambassador_tests::stored_response_where(&id, |row| row["confirmed"] == 1);
    assert_eq!(case(&id).await.1["answer"]["score"], 1);
}

#[tokio::test]
async fn a_case_is_worked_from_open_to_resolved_by_the_rules() {
    let id = answer(&unique_touchpoint(), 2).await;
    let (status, refused) = change(&id, json!({"status": "resolved", "resolution": "x"})).await;
    assert_eq!(
        (status, fields(&refused)),
        (422, vec!["status".to_owned()]),
        "{refused}"
    );
    assert!(refused["error"]["fields"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("\"contacted\" first"));

    let (status, contacted) = change(
        &id,
        json!({"status": "contacted", "assignee": "ana", "note": "Called; refunding the fee"}),
    )
    .await;
    assert_eq!(status, 200, "{contacted}");
    assert_eq!(contacted["status"], "contacted");
    assert_eq!(contacted["assignee"], "ana");
    assert!(contacted["first_contact_at"].is_string(), "{contacted}");
    assert_eq!(contacted["notes"][0]["text"], "Called; refunding the fee");
    assert_eq!(contacted["notes"][0]["author"], "api");

    // Only an agent takes a case: a viewer, an unknown name or a whole
    // domain's viewer is refused, and nothing is written; an agent named by
    // email (Cloudflare Access, ACCESS_USERS of the test Worker) is taken.
    for not_an_agent in ["vic", "mallory", "bo@viewers.example.com"] {
        let (status, refused) = change(&id, json!({"assignee": not_an_agent, "note": "x"})).await;
        assert_eq!(
            (status, fields(&refused)),
            (422, vec!["assignee".to_owned()]),
            "{not_an_agent}: {refused}"
        );
    }
    let (status, reassigned) = change(&id, json!({"assignee": "ana@example.com"})).await;
    assert_eq!(
        (status, &reassigned["assignee"]),
        (200, &json!("ana@example.com"))
    );
    assert_eq!(
        reassigned["notes"].as_array().map(Vec::len),
        Some(1),
        "{reassigned}"
    );

    let (status, refused) = change(&id, json!({"status": "resolved"})).await;
    assert_eq!(
        (status, fields(&refused)),
        (422, vec!["resolution".to_owned()])
    );
    let (status, refused) = change(
        &id,
        json!({"status": "reopened", "colour": "red", "note": 5}),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(fields(&refused), ["colour", "status", "note"]);

    let (status, resolved) = change(
        &id,
        json!({"status": "resolved", "resolution": "Fee refunded"}),
    )
    .await;
    assert_eq!(status, 200, "{resolved}");
    assert_eq!(resolved["resolution"], "Fee refunded");
    assert_eq!(resolved["first_contact_at"], contacted["first_contact_at"]);
    let (status, refused) = change(&id, json!({"status": "contacted"})).await;
    assert_eq!(status, 422);
    assert!(refused["error"]["fields"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("final"));

    let stored = d1(&format!(
        "SELECT status, resolution, (SELECT COUNT(*) FROM case_notes WHERE case_id = '{id}') AS notes \
         FROM cases WHERE id = '{id}'"
    ));
    assert_eq!(
        stored,
        [json!({"status": "resolved", "resolution": "Fee refunded", "notes": 1})]
    );
}

#[tokio::test]
async fn the_inbox_lists_oldest_first_and_marks_the_overdue() {
    let tp = unique_touchpoint();
    let recent = answer(&tp, 4).await;
    let old = answer(&tp, 0).await;
    let three_days = 3 * 86_400_000;
    d1(&format!(
        "UPDATE cases SET opened_at = opened_at - {three_days}, updated_at = updated_at - {three_days} \
         WHERE id = '{old}'"
    ));
    let (status, inbox) = call(reqwest::Method::GET, "/v1/surveys/demo/cases", None).await;
    assert_eq!(status, 200, "{inbox}");
    assert_eq!(inbox["sla_hours"], 48);
    let ours: Vec<&Value> = inbox["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| c["answer"]["context"]["touchpoint"] == tp.as_str())
        .collect();
    let order: Vec<&str> = ours.iter().filter_map(|c| c["id"].as_str()).collect();
    assert_eq!(order, [old.as_str(), recent.as_str()], "oldest first");
    assert_eq!(
        (&ours[0]["overdue"], &ours[1]["overdue"]),
        (&json!(true), &json!(false))
    );
    let figures = inbox["by_touchpoint"]
        .as_array()
        .expect("by_touchpoint")
        .iter()
        .find(|t| t["touchpoint"] == tp.as_str())
        .expect("our touchpoint")["figures"]
        .clone();
    assert_eq!(
        (&figures["open"], &figures["overdue"]),
        (&json!(2), &json!(1))
    );

    let (status, refused) = call(
        reqwest::Method::GET,
        "/v1/surveys/demo/cases?status=closed",
        None,
    )
    .await;
    assert_eq!((status, fields(&refused)), (400, vec!["status".to_owned()]));
    let unauthorized = http()
        .get(url("/v1/surveys/demo/cases"))
        .send()
        .await
        .expect("answers");
    assert_eq!(unauthorized.status().as_u16(), 401);
    let (status, _) = call(reqwest::Method::DELETE, &format!("/v1/cases/{old}"), None).await;
    assert_eq!(status, 405);
}
