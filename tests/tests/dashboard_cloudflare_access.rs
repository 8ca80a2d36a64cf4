//! Signing in through Cloudflare Access, against the Worker in workerd: the
//! test makes RSA key pairs, serves their public halves as the team's key
//! set (JWKS) on loopback, and signs RS256 tokens as Access would, sent in
//! `Cf-Access-Jwt-Assertion`. A valid token signs its person in with the
//! role `ACCESS_USERS` gives their email (the test Worker's, set by
//! xtask/src/receivers.rs); a token for another audience, expired, signed
//! with another key, of another team or algorithm is a 401, a person
//! without a role a 403. The keys are fetched once and kept, and fetched
//! again when a token names a key not seen yet (a rotation); while they
//! cannot be fetched, the known ones still hold.

use std::time::Duration;

use ambassador_shared::auth::access::REFETCH_SECONDS;
use ambassador_tests::receiver::{Receiver, Reply};
use ambassador_tests::{
    http, new_id, post_and_store, receiver_port, send_json, submission, unix_now, url, worker_url,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::Method;
use rsa::sha2::Sha256;
use rsa::traits::PublicKeyParts;
use rsa::PrivateKey;
use serde_json::{json, Value};

const CERTS: &str = "/cdn-cgi/access/certs";

/// A key pair of the test's team, named `kid`.
struct TeamKey {
    kid: &'static str,
    private: PrivateKey,
}

impl TeamKey {
    fn new(kid: &'static str) -> TeamKey {
        let private = PrivateKey::new(&mut getrandom::SysRng, 2048).expect("an RSA key pair");
        TeamKey { kid, private }
    }

    /// The public half as a JWK, as Access publishes it.
    fn jwk(&self) -> Value {
        let public = self.private.to_public_key();
        json!({
            "kid": self.kid, "kty": "RSA", "alg": "RS256", "use": "sig",
            "n": URL_SAFE_NO_PAD.encode(public.n_bytes()),
            "e": URL_SAFE_NO_PAD.encode(public.e_bytes()),
        })
    }

    /// A compact JWS of `claims` with `header`, signed with this key.
    fn sign_with_header(&self, header: &Value, claims: &Value) -> String {
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let signature = self
            .private
            .pkcs1v15_sign::<Sha256>(signed.as_bytes())
            .expect("signs");
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    fn sign(&self, claims: &Value) -> String {
        self.sign_with_header(
            &json!({"alg": "RS256", "kid": self.kid, "typ": "JWT"}),
            claims,
        )
    }
}

/// The claims Access would send for `email`, valid for ten minutes.
fn claims_for(email: &str) -> Value {
    let now = unix_now();
    json!({
        "aud": [std::env::var("AMBASSADOR_ACCESS_AUD").expect("run with cargo xtask test")],
        "email": email,
        "exp": now + 600,
        "iat": now,
        "nbf": now,
        "iss": format!("http://127.0.0.1:{}", receiver_port("access")),
        "type": "app",
        "identity_nonce": "test",
        "sub": new_id(),
    })
}

/// `method path` with the token, from the Worker's own pages.
async fn with_token(method: Method, path: &str, token: &str, body: Option<Value>) -> (u16, Value) {
    let request = http()
        .request(method, url(path))
        .header("cf-access-jwt-assertion", token)
        .header("origin", worker_url());
    send_json(request, body).await
}

async fn whoami(token: &str) -> (u16, Value) {
    with_token(Method::GET, "/v1/session", token, None).await
}

/// The status and error code of a refused `GET /v1/session`.
async fn refusal(token: &str) -> (u16, String) {
    let (status, answer) = whoami(token).await;
    let code = answer["error"]["code"].as_str().unwrap_or_default();
    (status, code.to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn access_tokens_sign_people_in_by_email_and_bad_ones_are_refused() {
    let (first, second) = (TeamKey::new("key-1"), TeamKey::new("key-2"));
    let keys = Receiver::start(receiver_port("access")).await;
    keys.serve_json(CERTS, &json!({"keys": [first.jwk()]}));

    let ana = first.sign(&claims_for("ana@example.com"));
    assert_eq!(
        whoami(&ana).await,
        (
            200,
            ambassador_tests::signed_in_as("ana@example.com", "agent")
        )
    );
    let (status, who) = whoami(&first.sign(&claims_for("Bo@Viewers.Example.com"))).await;
    assert_eq!(
        (status, who),
        (
            200,
            ambassador_tests::signed_in_as("bo@viewers.example.com", "viewer")
        ),
        "a domain's viewer, named in lowercase"
    );

    // The agent works a case as themselves; the viewer may not; a change
    // from another origin is refused even with a valid token.
    let id = new_id();
    post_and_store(&submission(&id, 2)).await;
    let case = format!("/v1/cases/{id}");
    let contact = json!({"status": "contacted", "note": "Called through Access"});
    let viewer = first.sign(&claims_for("bo@viewers.example.com"));
    let (status, refused) = with_token(Method::PATCH, &case, &viewer, Some(contact.clone())).await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (403, &json!("forbidden"))
    );
    let elsewhere = http()
        .patch(url(&case))
        .header("cf-access-jwt-assertion", &ana)
        .header("origin", "https://evil.example");
    let (status, refused) = send_json(elsewhere, Some(contact.clone())).await;
    assert_eq!(
        (status, &refused["error"]["code"]),
        (403, &json!("cross_origin"))
    );
    let (status, worked) = with_token(Method::PATCH, &case, &ana, Some(contact)).await;
    assert_eq!(status, 200, "{worked}");
    assert_eq!(worked["notes"][0]["author"], "ana@example.com");
    let (status, report) = with_token(Method::GET, "/v1/surveys/demo/report", &ana, None).await;
    assert_eq!(status, 200, "{report}");

    // Tokens that must not sign anyone in.
    let now = unix_now();
    let mut other_audience = claims_for("ana@example.com");
    other_audience["aud"] = json!(["another-application"]);
    let mut expired = claims_for("ana@example.com");
    expired["exp"] = json!(now - 120);
    let mut other_team = claims_for("ana@example.com");
    other_team["iss"] = json!("https://evil.cloudflareaccess.com");
    let mut altered = ana.split('.').map(str::to_owned).collect::<Vec<_>>();
    let mut richer = claims_for("ana@example.com");
    richer["email"] = json!("boss@example.com");
    altered[1] = URL_SAFE_NO_PAD.encode(richer.to_string());
    let forged_with_another_key = second.sign_with_header(
        &json!({"alg": "RS256", "kid": "key-1"}),
        &claims_for("ana@example.com"),
    );
    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(json!({"alg": "none", "kid": "key-1"}).to_string()),
        URL_SAFE_NO_PAD.encode(claims_for("ana@example.com").to_string())
    );
    for (what, token) in [
        ("another audience", first.sign(&other_audience)),
        ("expired", first.sign(&expired)),
        ("another team", first.sign(&other_team)),
        ("claims altered after signing", altered.join(".")),
        ("signed with another key", forged_with_another_key),
        ("unsigned", unsigned),
        ("not a token", "hello".to_owned()),
    ] {
        assert_eq!(
            refusal(&token).await,
            (401, "access_invalid".to_owned()),
            "{what}"
        );
    }
    assert_eq!(
        refusal(&first.sign(&claims_for("eve@elsewhere.example"))).await,
        (403, "access_no_role".to_owned()),
        "a person Access let in but ACCESS_USERS does not name"
    );
    assert_eq!(
        keys.requests(CERTS).len(),
        1,
        "the keys are fetched once and kept"
    );

    // The team rotates its keys: a token with the new key's id makes the
    // Worker fetch them again (once the short pause after the last fetch
    // is over), and is accepted.
    keys.serve_json(CERTS, &json!({"keys": [first.jwk(), second.jwk()]}));
    tokio::time::sleep(Duration::from_secs(REFETCH_SECONDS + 1)).await;
    let rotated = second.sign(&claims_for("ana@example.com"));
    assert_eq!(whoami(&rotated).await.0, 200);
    assert_eq!(keys.requests(CERTS).len(), 2);
    let made_up = TeamKey {
        kid: "key-9",
        private: second.private.clone(),
    };
    assert_eq!(
        refusal(&made_up.sign(&claims_for("ana@example.com"))).await,
        (401, "access_invalid".to_owned())
    );
    assert_eq!(
        keys.requests(CERTS).len(),
        2,
        "an unknown key right after a fetch fetches nothing"
    );

    // The key set cannot be fetched: a key never seen cannot be checked
    // (503, try again), the keys already known still sign people in.
    keys.always(CERTS, Reply::Status(503));
    tokio::time::sleep(Duration::from_secs(REFETCH_SECONDS + 1)).await;
    assert_eq!(
        refusal(&made_up.sign(&claims_for("ana@example.com"))).await,
        (503, "unavailable".to_owned())
    );
    assert_eq!(keys.requests(CERTS).len(), 3);
    assert_eq!(whoami(&rotated).await.0, 200);
}
