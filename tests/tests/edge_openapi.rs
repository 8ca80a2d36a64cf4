//! `docs/openapi.json` against the running Worker: every documented path and
//! method answers, with a documented status, and JSON bodies (success and
//! error) validate against the document's own schemas.

use std::time::{SystemTime, UNIX_EPOCH};

use ambassador_shared::link::unsubscribe::UnsubscribeClaims;
use ambassador_shared::link::{sign, LinkClaims, LinkSecret};
use ambassador_shared::Locale;
use ambassador_tests::{
    dev_var, http, make_wallboard, new_id, post_and_store, submission, url, worker_url,
};
use serde_json::{json, Value};

const DOC: &str = include_str!("../../docs/openapi.json");

fn doc() -> Value {
    serde_json::from_str(DOC).expect("docs/openapi.json is JSON")
}

/// A validator for `schema` (a part of the document); its `$ref`s to
/// `#/components/schemas/` resolve inside the document.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut root = schema.clone();
    root["$defs"] = doc["components"]["schemas"].clone();
    let text = root
        .to_string()
        .replace("#/components/schemas/", "#/$defs/");
    let root: Value = serde_json::from_str(&text).expect("still JSON");
    jsonschema::draft202012::new(&root).expect("the document's schemas compile")
}

fn assert_valid(doc: &Value, schema: &Value, instance: &Value, what: &str) {
    let validator = validator(doc, schema);
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:?}\n{instance}");
}

fn link_token() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let claims = LinkClaims {
        survey_id: "pickup".to_owned(),
        customer_ref: Some(new_id()),
        transaction_ref: None,
        touchpoint: Some("pickup".to_owned()),
        role: None,
        locale: Locale::Da,
        expires_at: now + 600,
        issued_at: None,
    };
    let secret = LinkSecret::new(dev_var("LINK_SECRET").as_bytes()).expect("strong");
    sign(&claims, &secret).expect("valid claims")
}

/// A signed unsubscribe token of a fresh customer of `invite-test`.
fn unsubscribe_token() -> String {
    let secret = LinkSecret::new(dev_var("LINK_SECRET").as_bytes()).expect("strong");
    UnsubscribeClaims {
        survey_id: "invite-test".to_owned(),
        customer_ref: format!("C-{}", new_id()),
        locale: Locale::Sv,
    }
    .sign(&secret)
    .expect("valid claims")
}

/// A detractor's answer to the demo survey, which opens a case; its id.
async fn a_case() -> String {
    let id = new_id();
    post_and_store(&submission(&id, 2)).await;
    id
}

/// A new wallboard of `wallboard-test`: its id and its token.
async fn a_wallboard() -> (String, String) {
    let (_, made) = make_wallboard("wallboard-test", json!({"label": "OpenAPI"})).await;
    let token = made["url"].as_str().and_then(|u| u.rsplit('/').next());
    let id = made["id"].as_str().expect("an id").to_owned();
    (id, token.expect("a token").to_owned())
}

/// The request this test makes for a documented operation, and for a few of
/// its documented errors. A new operation in the document without a call
/// here fails the test, so the document cannot outgrow what is checked.
fn calls(
    path: &str,
    method: &str,
    case: &str,
    (shown, revoked): (&str, &str),
) -> Vec<reqwest::RequestBuilder> {
    let client = http();
    let key = format!("Bearer {}", dev_var("API_KEY"));
    let origin = "https://www.nordauktion.example";
    let options = |p: &str| {
        client
            .request(reqwest::Method::OPTIONS, url(p))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
    };
    let post = |body: String| {
        client
            .post(url("/v1/responses"))
            .header("content-type", "application/json")
            .body(body)
    };
    match (path, method) {
        ("/health", "get") => vec![client.get(url("/health"))],
        ("/ready", "get") => vec![client.get(url("/ready"))],
        ("/v1/surveys/{id}", "get") => vec![
            client.get(url("/v1/surveys/pickup?locale=sv")),
            client.get(url("/v1/surveys/pickup?locale=xx")),
            client.get(url("/v1/surveys/nope")),
            client.get(url("/v1/surveys/demo")).header("origin", origin),
        ],
        ("/v1/surveys/{id}", "options") => vec![options("/v1/surveys/pickup")],
        ("/v1/responses", "post") => vec![
            post(submission(&new_id(), 9).to_string()),
            post(json!({"id": "x", "score": 11}).to_string()),
            post("[]".to_owned()),
        ],
        ("/v1/responses", "options") => vec![
            options("/v1/responses"),
            options("/v1/responses").header("origin", "https://evil.example"),
        ],
        ("/v1/l/{token}", "get") => vec![
            client.get(url(&format!("/v1/l/{}?score=9", link_token()))),
            client.get(url("/v1/l/garbage?score=9")),
        ],
        ("/v1/surveys/{id}/report", "get") => vec![
            client
                .get(url("/v1/surveys/demo/report?role=buyer"))
                .header("authorization", &key),
            client
                .get(url("/v1/surveys/demo/report?from=yesterday"))
                .header("authorization", &key),
            client.get(url("/v1/surveys/demo/report")),
        ],
        ("/v1/surveys/{id}/themes", "get") => vec![
            client
                .get(url("/v1/surveys/themes-drivers/themes?from=2026-01-01"))
                .header("authorization", &key),
            client
                .get(url("/v1/surveys/demo/themes?source=email"))
                .header("authorization", &key),
            client
                .get(url("/v1/surveys/demo/themes?to=never"))
                .header("authorization", &key),
            client
                .get(url("/v1/surveys/nope/themes"))
                .header("authorization", &key),
            client.get(url("/v1/surveys/demo/themes")),
        ],
        ("/v1/surveys/{id}/responses.csv", "get") => vec![
            client
                .get(url("/v1/surveys/demo/responses.csv"))
                .header("authorization", &key),
            client.get(url("/v1/surveys/demo/responses.csv")),
        ],
        ("/v1/surveys/{id}/cases", "get") => vec![
            client
                .get(url("/v1/surveys/demo/cases"))
                .header("authorization", &key),
            client
                .get(url("/v1/surveys/demo/cases?status=closed"))
                .header("authorization", &key),
            client.get(url("/v1/surveys/demo/cases")),
        ],
        ("/v1/cases/{id}", "get") => vec![
            client
                .get(url(&format!("/v1/cases/{case}")))
                .header("authorization", &key),
            client
                .get(url("/v1/cases/nope"))
                .header("authorization", &key),
        ],
        ("/v1/cases/{id}", "patch") => {
            let patch = |body: Value| {
                client
                    .patch(url(&format!("/v1/cases/{case}")))
                    .header("authorization", &key)
                    .header("content-type", "application/json")
                    .body(body.to_string())
            };
            vec![
                patch(json!({"status": "contacted", "note": "Called back"})),
                patch(json!({"status": "open"})),
                patch(json!([])),
            ]
        }
        ("/v1/surveys/{id}/comments", "get") => vec![
            client
                .get(url("/v1/surveys/demo/comments?q=smooth&limit=5"))
                .header("authorization", &key),
            client
                .get(url("/v1/surveys/demo/comments?category=happy"))
                .header("authorization", &key),
            client.get(url("/v1/surveys/demo/comments")),
            client
                .get(url("/v1/surveys/nope/comments"))
                .header("authorization", &key),
        ],
        ("/v1/surveys", "get") => vec![
            client.get(url("/v1/surveys")).header("authorization", &key),
            client.get(url("/v1/surveys")),
        ],
        ("/v1/session", "post") => {
            let sign_in = |password: &str| {
                client
                    .post(url("/v1/session"))
                    .header("origin", worker_url())
                    .header("content-type", "application/json")
                    .body(json!({"name": "vic", "password": password}).to_string())
            };
            vec![
                sign_in(&dev_var("DASHBOARD_PASSWORD")),
                sign_in("not the password at all"),
                sign_in(""),
                client.post(url("/v1/session")).body("{}"),
            ]
        }
        ("/v1/session", "get") => vec![
            client.get(url("/v1/session")).header("authorization", &key),
            client.get(url("/v1/session")),
        ],
        ("/v1/users", "get") => vec![
            client.get(url("/v1/users")).header("authorization", &key),
            client.get(url("/v1/users")),
        ],
        ("/v1/session", "delete") => vec![
            client
                .delete(url("/v1/session"))
                .header("origin", worker_url()),
            client.delete(url("/v1/session")).header("origin", origin),
        ],
        ("/v1/customers/{customer_ref}", "delete") => {
            let erase = |customer: &str| client.delete(url(&format!("/v1/customers/{customer}")));
            vec![
                erase(&format!("C-{}", new_id())).header("authorization", &key),
                erase("%20").header("authorization", &key),
                erase("C-1"),
            ]
        }
        ("/v1/dead-letters", "get") => vec![
            client
                .get(url("/v1/dead-letters?survey=forward-dead&limit=5"))
                .header("authorization", &key),
            client
                .get(url("/v1/dead-letters?limit=0"))
                .header("authorization", &key),
            client.get(url("/v1/dead-letters")),
        ],
        ("/v1/dead-letters/replay", "post") => {
            let replay = |body: Value| {
                client
                    .post(url("/v1/dead-letters/replay"))
                    .header("content-type", "application/json")
                    .body(body.to_string())
            };
            vec![
                replay(json!({"keys": ["nobody@nowhere"]})).header("authorization", &key),
                replay(json!({"keys": ["not a key"]})).header("authorization", &key),
                replay(json!({"survey": "demo"})),
            ]
        }
        ("/v1/surveys/{id}/invitations", "post") => {
            let invite = |survey: &str, body: Value| {
                client
                    .post(url(&format!("/v1/surveys/{survey}/invitations")))
                    .header("content-type", "application/json")
                    .body(body.to_string())
            };
            let one = json!({"invitations": [
                {"customer_ref": format!("C-{}", new_id()), "role": "buyer", "locale": "da"}
            ]});
            vec![
                invite("invite-test", one.clone()).header("authorization", &key),
                invite("invite-test", json!({"invitations": [{"locale": "es"}]}))
                    .header("authorization", &key),
                invite("nope", one.clone()).header("authorization", &key),
                invite("invite-test", one),
            ]
        }
        ("/v1/surveys/{id}/invitations", "get") => {
            let list = |query: &str| {
                client.get(url(&format!("/v1/surveys/remind-test/invitations{query}")))
            };
            vec![
                list("?status=unanswered&older_than_days=0&limit=5").header("authorization", &key),
                list("?older_than_days=-1").header("authorization", &key),
                list(""),
            ]
        }
        // Nobody is due after a year: the reminder test's counts stay its own.
        ("/v1/surveys/{id}/reminders", "post") => {
            let remind = |query: &str| {
                client.post(url(&format!("/v1/surveys/remind-test/reminders{query}")))
            };
            vec![
                remind("?older_than_days=365").header("authorization", &key),
                remind("?status=answered").header("authorization", &key),
                remind(""),
            ]
        }
        // An id no invitation has: recorded nowhere, listed as unknown.
        ("/v1/surveys/{id}/invitations/sent", "post") => {
            let report = |body: Value| {
                client
                    .post(url("/v1/surveys/invite-test/invitations/sent"))
                    .header("content-type", "application/json")
                    .body(body.to_string())
            };
            let now = ambassador_tests::unix_now() * 1000;
            vec![
                report(json!({"sent": [{"invitation_id": new_id(), "sent_at": now}]}))
                    .header("authorization", &key),
                report(json!({"sent": [{"invitation_id": "", "sent_at": 1}]}))
                    .header("authorization", &key),
                report(json!({"sent": []})),
            ]
        }
        ("/v1/unsubscribe/{token}", "get") => vec![
            client.get(url(&format!("/v1/unsubscribe/{}", unsubscribe_token()))),
            client.get(url("/v1/unsubscribe/garbage")),
        ],
        ("/v1/unsubscribe/{token}", "post") => vec![
            client
                .post(url(&format!("/v1/unsubscribe/{}", unsubscribe_token())))
                .header("content-type", "application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click"),
            client.post(url(&format!("/v1/unsubscribe/{}", link_token()))),
        ],
        ("/v1/surveys/{id}/wallboards", "get") => vec![
            client
                .get(url("/v1/surveys/wallboard-test/wallboards"))
                .header("authorization", &key),
            client.get(url("/v1/surveys/wallboard-test/wallboards")),
        ],
        ("/v1/surveys/{id}/wallboards", "post") => {
            let make = |survey: &str, body: Value| {
                client
                    .post(url(&format!("/v1/surveys/{survey}/wallboards")))
                    .header("content-type", "application/json")
                    .body(body.to_string())
            };
            let one = json!({"label": "Pickup Køge", "touchpoint": "pickup", "role": null,
                             "language": "da", "expires_in_days": 365});
            vec![
                make("wallboard-test", one.clone()).header("authorization", &key),
                make("wallboard-test", json!({"label": " ", "language": "es"}))
                    .header("authorization", &key),
                make("wallboard-test", json!([])).header("authorization", &key),
                make("nope", one.clone()).header("authorization", &key),
                make("wallboard-test", one),
            ]
        }
        ("/v1/surveys/{id}/wallboards/{wallboard_id}", "delete") => {
            let revoke = |id: &str| {
                client.delete(url(&format!("/v1/surveys/wallboard-test/wallboards/{id}")))
            };
            vec![
                revoke(revoked).header("authorization", &key),
                revoke(revoked).header("authorization", &key),
                revoke(revoked),
            ]
        }
        ("/wall/{token}", "get") => vec![
            client.get(url(&format!("/wall/{shown}"))),
            client.get(url(&format!("/wall/{}", &shown[1..]))),
        ],
        ("/wall/{token}/figures", "get") => vec![
            client.get(url(&format!("/wall/{shown}/figures"))),
            client.get(url("/wall/garbage/figures")),
        ],
        other => panic!("docs/openapi.json documents {other:?}; add calls for it to this test"),
    }
}

#[tokio::test]
async fn every_documented_operation_answers_as_documented() {
    let doc = doc();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    let mut checked_bodies = 0;
    let case = a_case().await;
    let (_, shown) = a_wallboard().await;
    let (revoked, _) = a_wallboard().await;
    for (path, operations) in paths {
        for (method, operation) in operations.as_object().expect("operations") {
            for request in calls(path, method, &case, (&shown, &revoked)) {
                let response = request.send().await.expect("the Worker answers");
                let status = response.status().as_u16().to_string();
                let what = format!("{method} {path} -> {status}");
                let documented = &operation["responses"][&status];
                assert!(documented.is_object(), "{what} is not documented");
                let content_type = response.headers().get("content-type").cloned();
                let body = response.bytes().await.expect("a body");
                let schema = &documented["content"]["application/json"]["schema"];
                if schema.is_null() {
                    continue;
                }
                let content_type = content_type.expect("a content type");
                assert!(content_type
                    .to_str()
                    .unwrap_or("")
                    .starts_with("application/json"));
                let body: Value = serde_json::from_slice(&body).expect("JSON as documented");
                assert_valid(&doc, schema, &body, &what);
                checked_bodies += 1;
            }
        }
    }
    assert!(checked_bodies >= 12, "only {checked_bodies} bodies checked");
}

#[tokio::test]
async fn the_documented_request_body_matches_what_the_worker_takes() {
    let doc = doc();
    let schema = &doc["paths"]["/v1/responses"]["post"]["requestBody"]["content"]
        ["application/json"]["schema"];
    let mut body = submission(&new_id(), 9);
    body["answers"] = json!({"q": "a"});
    assert_valid(&doc, schema, &body, "a valid submission");
    let validator = validator(&doc, schema);
    assert!(!validator.is_valid(&json!({"id": new_id(), "survey_id": "demo", "score": 11})));
    assert!(
        !validator.is_valid(&json!({"id": new_id(), "survey_id": "demo", "score": 1, "colour": 1}))
    );
}
