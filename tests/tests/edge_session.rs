//! Signing in to the owners' side over HTTP against the Worker: a configured
//! user's name and password give a strict session cookie (HttpOnly,
//! SameSite=Strict; Secure but on plain-http loopback) that reads reports;
//! a wrong password, a tampered cookie and a signed-out session are refused
//! with a clear 401; a viewer reads cases but cannot change them, an agent
//! can, as themselves; a change with a cookie from another origin is
//! refused; erasing a customer takes the API key, not a session; and
//! sign-ins are rate-limited per client. The users are the
//! local ones `cargo xtask` makes with `ambassador-user` (edge/.dev.vars).

use ambassador_tests::{
    dev_var, http, new_id, post_and_store, send_json, stored_response, submission, url, worker_url,
};
use reqwest::Method;
use serde_json::{json, Value};

/// Signs in as `name` from a fresh client; the answer and its cookie.
async fn sign_in(name: &str, password: &str) -> (u16, Value, Option<String>) {
    let response = http()
        .post(url("/v1/session"))
        .header("origin", worker_url())
        .header("content-type", "application/json")
        .body(json!({"name": name, "password": password}).to_string())
        .send()
        .await
        .expect("the Worker answers");
    let status = response.status().as_u16();
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, response.json().await.unwrap_or(Value::Null), cookie)
}

/// The `name=value` part of a `Set-Cookie`.
fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_owned()
}

async fn signed_in(name: &str) -> String {
    let (status, answer, cookie) = sign_in(name, &dev_var("DASHBOARD_PASSWORD")).await;
    assert_eq!(status, 200, "{answer}");
    pair(&cookie.expect("a session cookie"))
}

/// `method path` with `cookie`, from the Worker's own origin unless `origin`.
async fn call(
    method: Method,
    path: &str,
    cookie: &str,
    origin: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = http().request(method, url(path)).header("cookie", cookie);
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    send_json(request, body).await
}

#[tokio::test]
async fn a_user_signs_in_reads_and_signs_out() {
    let (status, answer, cookie) = sign_in("ana", &dev_var("DASHBOARD_PASSWORD")).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer, ambassador_tests::signed_in_as("ana", "agent"));
    let cookie = cookie.expect("a session cookie");
    for part in [
        "ambassador_session=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/",
        "Max-Age=43200",
    ] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain http on loopback: {cookie}"
    );
    let session = pair(&cookie);

    let (status, me) = call(Method::GET, "/v1/session", &session, None, None).await;
    assert_eq!(
        (status, me),
        (200, ambassador_tests::signed_in_as("ana", "agent"))
    );
    let (status, report) = call(Method::GET, "/v1/surveys/demo/report", &session, None, None).await;
    assert_eq!(status, 200, "{report}");

    let tampered = format!("{}x", &session[..session.len() - 1]);
    let (status, refused) = call(Method::GET, "/v1/session", &tampered, None, None).await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (401, &json!("session_invalid"))
    );

    let (status, _) = call(
        Method::DELETE,
        "/v1/session",
        &session,
        Some(&worker_url()),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, refused) =
        call(Method::GET, "/v1/surveys/demo/report", &session, None, None).await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (401, &json!("session_invalid"))
    );
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("ended"),
        "{refused}"
    );
}

#[tokio::test]
async fn wrong_names_and_passwords_are_refused_alike() {
    let (status, wrong_password, cookie) = sign_in("ana", "not the password at all").await;
    assert_eq!((status, cookie), (401, None));
    let (status, no_such_user, _) = sign_in("mallory", &dev_var("DASHBOARD_PASSWORD")).await;
    assert_eq!(status, 401);
    assert_eq!(
        wrong_password, no_such_user,
        "nothing says which names exist"
    );
    assert_eq!(wrong_password["error"]["code"], "bad_credentials");
    let (status, bad, _) = sign_in("Ana Smith", "").await;
    assert_eq!(status, 422, "{bad}");
    let fields: Vec<&str> = bad["error"]["fields"]
        .as_array()
        .map(|f| f.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(fields, ["name", "password"]);
}

#[tokio::test]
async fn a_viewer_reads_cases_and_an_agent_works_them_as_themselves() {
    let id = new_id();
    post_and_store(&submission(&id, 1)).await;
    let path = format!("/v1/cases/{id}");
    let contact = json!({"status": "contacted", "note": "Called"});

    let viewer = signed_in("vic").await;
    let (status, case) = call(Method::GET, &path, &viewer, None, None).await;
    assert_eq!((status, &case["status"]), (200, &json!("open")));
    let (status, refused) = call(
        Method::PATCH,
        &path,
        &viewer,
        Some(&worker_url()),
        Some(contact.clone()),
    )
    .await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (403, &json!("forbidden"))
    );

    let agent = signed_in("ana").await;
    let (status, refused) = call(
        Method::PATCH,
        &path,
        &agent,
        Some("https://evil.example"),
        Some(contact.clone()),
    )
    .await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (403, &json!("cross_origin"))
    );
    let (status, refused) = call(Method::PATCH, &path, &agent, None, Some(contact.clone())).await;
    assert_eq!(status, 403, "a write without an Origin: {refused}");
    let (status, case) = call(
        Method::PATCH,
        &path,
        &agent,
        Some(&worker_url()),
        Some(contact),
    )
    .await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["notes"][0]["author"], "ana");
}

#[tokio::test]
async fn sign_ins_are_limited_per_client() {
    let client = http();
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let response = client
            .post(url("/v1/session"))
            .header("origin", worker_url())
            .header("content-type", "application/json")
            .body(json!({"name": "ana", "password": "guessing a password"}).to_string())
            .send()
            .await
            .expect("the Worker answers");
        statuses.push(response.status().as_u16());
    }
    assert!(statuses[..10].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(statuses[11], 429, "{statuses:?}");
}

#[tokio::test]
async fn erasing_a_customer_takes_the_api_key_not_a_session() {
    let cookie = signed_in("ana").await;
    let customer = format!("C-{}", new_id());
    let id = post_and_store(&json!({
        "id": new_id(), "survey_id": "demo", "score": 5, "context": {"customer_ref": customer}
    }))
    .await;
    let path = format!("/v1/customers/{customer}");
    let own = worker_url();
    let (status, answer) = call(Method::DELETE, &path, &cookie, Some(&own), None).await;
    assert_eq!(status, 403, "{answer}");
    assert_eq!(answer["error"]["code"], "forbidden");
    assert!(stored_response(&id).is_some(), "nothing erased");
}
