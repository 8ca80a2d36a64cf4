use super::*;

fn b64(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(text)
}

fn token(header: &str, claims: &str) -> String {
    format!("{}.{}.{}", b64(header), b64(claims), b64("sig"))
}

const HEADER_OK: &str = r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#;

fn settings() -> AccessSettings {
    AccessSettings::from_vars(AccessVars {
        team_domain: Some("acme"),
        certs_url: None,
        audience: Some("aud-1"),
        users: Some(r#"{"ana@acme.com": "agent", "@acme.com": "viewer"}"#),
    })
    .expect("valid")
    .expect("configured")
}

fn claims(aud: &str, exp: u64, nbf: Option<u64>) -> Claims {
    Claims {
        audience: vec![aud.to_owned()],
        issuer: "https://acme.cloudflareaccess.com".to_owned(),
        expires: exp,
        not_before: nbf,
        email: Some("ana@acme.com".to_owned()),
    }
}

#[test]
fn a_token_is_taken_apart_with_what_its_signature_covers() {
    let text = token(
        HEADER_OK,
        r#"{"aud":["aud-1"],"iss":"https://acme.cloudflareaccess.com","exp":200,"nbf":100,"email":"ana@acme.com"}"#,
    );
    let parsed = AccessToken::parse(&text).expect("parses");
    assert_eq!(parsed.key_id, "k1");
    assert_eq!(parsed.signature, b"sig");
    let dot = text.rfind('.').expect("three parts");
    assert_eq!(parsed.signed, &text.as_bytes()[..dot]);
    assert_eq!(parsed.claims, claims("aud-1", 200, Some(100)));
    let one_aud = token(HEADER_OK, r#"{"aud":"aud-1","iss":"x","exp":1}"#);
    let parsed = AccessToken::parse(&one_aud).expect("parses");
    assert_eq!(parsed.claims.audience, ["aud-1"]);
    assert_eq!(parsed.claims.email, None);
}

#[test]
fn only_rs256_tokens_with_a_key_id_and_their_claims_are_read() {
    let claims = r#"{"aud":"a","iss":"i","exp":1}"#;
    for (header, refusal) in [
        (
            r#"{"alg":"none","kid":"k1"}"#,
            Refusal::Algorithm("none".to_owned()),
        ),
        (
            r#"{"alg":"HS256","kid":"k1"}"#,
            Refusal::Algorithm("HS256".to_owned()),
        ),
        (r#"{"kid":"k1"}"#, Refusal::Algorithm("nothing".to_owned())),
        (
            r#"{"alg":"RS256"}"#,
            Refusal::Malformed("its header names no key (kid)"),
        ),
    ] {
        assert_eq!(AccessToken::parse(&token(header, claims)), Err(refusal));
    }
    for (claims, problem) in [
        (r#"{"iss":"i","exp":1}"#, "it has no audience (aud)"),
        (r#"{"aud":"a","exp":1}"#, "it has no issuer (iss)"),
        (r#"{"aud":"a","iss":"i"}"#, "it has no expiry (exp)"),
        (
            r#"{"aud":"a","iss":"i","exp":1,"nbf":"soon"}"#,
            "its nbf is not a time",
        ),
    ] {
        assert_eq!(
            AccessToken::parse(&token(HEADER_OK, claims)),
            Err(Refusal::Malformed(problem))
        );
    }
    assert!(matches!(
        AccessToken::parse("a.b"),
        Err(Refusal::Malformed(_))
    ));
    assert!(matches!(
        AccessToken::parse("a.b.c.d"),
        Err(Refusal::Malformed(_))
    ));
    assert!(matches!(
        AccessToken::parse(&format!("{}.e30.***", b64(HEADER_OK))),
        Err(Refusal::Malformed("its signature is not base64url"))
    ));
    assert!(matches!(
        AccessToken::parse(&"a".repeat(20_000)),
        Err(Refusal::Malformed(_))
    ));
}

#[test]
fn claims_hold_only_for_this_audience_issuer_and_lifetime_with_a_minute_of_leeway() {
    let settings = settings();
    let now = 1_000_000;
    let ok = claims("aud-1", now + 600, Some(now - 10));
    assert_eq!(settings.check(&ok, now), Ok("ana@acme.com".to_owned()));
    let late_but_within_leeway = claims("aud-1", now - 30, None);
    assert!(settings.check(&late_but_within_leeway, now).is_ok());
    let early_within_leeway = claims("aud-1", now + 600, Some(now + 30));
    assert!(settings.check(&early_within_leeway, now).is_ok());

    assert_eq!(
        settings.check(&claims("aud-2", now + 600, None), now),
        Err(Refusal::Audience)
    );
    assert_eq!(
        settings.check(&claims("aud-1", now - 61, None), now),
        Err(Refusal::Expired)
    );
    assert_eq!(
        settings.check(&claims("aud-1", now + 600, Some(now + 61)), now),
        Err(Refusal::NotYetValid)
    );
    let other_team = Claims {
        issuer: "https://evil.cloudflareaccess.com".to_owned(),
        ..ok.clone()
    };
    assert_eq!(
        settings.check(&other_team, now),
        Err(Refusal::Issuer(
            "https://evil.cloudflareaccess.com".to_owned()
        ))
    );
    let shouted = Claims {
        email: Some("Ana@ACME.com".to_owned()),
        ..ok.clone()
    };
    assert_eq!(settings.check(&shouted, now), Ok("ana@acme.com".to_owned()));
    let service_token = Claims { email: None, ..ok };
    assert_eq!(settings.check(&service_token, now), Err(Refusal::NoEmail));
}

#[test]
fn roles_go_by_email_then_by_domain_without_regard_to_case() {
    let people = settings().people;
    assert_eq!(people.role_of("ana@acme.com"), Some(Role::Agent));
    assert_eq!(people.role_of("Ana@ACME.com"), Some(Role::Agent));
    assert_eq!(people.role_of("bo@acme.com"), Some(Role::Viewer));
    assert_eq!(people.role_of("eve@evil.com"), None);
    assert_eq!(people.role_of("eve@sub.acme.com"), None);
    assert_eq!(
        people.named(Role::Agent).collect::<Vec<_>>(),
        ["ana@acme.com"]
    );
    assert_eq!(people.named(Role::Viewer).count(), 0);
}

#[test]
fn settings_come_from_the_team_or_the_certs_url_and_need_an_audience() {
    let vars = |team, certs, aud| AccessVars {
        team_domain: team,
        certs_url: certs,
        audience: aud,
        users: None,
    };
    assert_eq!(AccessSettings::from_vars(vars(None, None, None)), Ok(None));
    assert_eq!(
        AccessSettings::from_vars(vars(Some(" "), None, None)),
        Ok(None)
    );
    for team in [
        "acme",
        "acme.cloudflareaccess.com",
        "https://acme.cloudflareaccess.com/",
    ] {
        let s = AccessSettings::from_vars(vars(Some(team), None, Some("aud")))
            .expect("valid")
            .expect("on");
        assert_eq!(s.issuer, "https://acme.cloudflareaccess.com");
        assert_eq!(
            s.certs_url,
            "https://acme.cloudflareaccess.com/cdn-cgi/access/certs"
        );
    }
    let local = AccessSettings::from_vars(vars(
        None,
        Some("http://127.0.0.1:9000/cdn-cgi/access/certs"),
        Some("aud"),
    ))
    .expect("valid")
    .expect("on");
    assert_eq!(local.issuer, "http://127.0.0.1:9000");

    let fields = |result: Result<Option<AccessSettings>, Vec<FieldError>>| {
        result
            .expect_err("invalid")
            .iter()
            .map(|e| e.field.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        fields(AccessSettings::from_vars(vars(Some("acme"), None, None))),
        ["ACCESS_AUD"]
    );
    assert_eq!(
        fields(AccessSettings::from_vars(vars(None, None, Some("aud")))),
        ["ACCESS_TEAM_DOMAIN"]
    );
    assert_eq!(
        fields(AccessSettings::from_vars(vars(
            Some("ac me"),
            Some("http://example.com/certs"),
            Some("aud")
        ))),
        ["ACCESS_TEAM_DOMAIN", "ACCESS_CERTS_URL"]
    );
    let bad_people = AccessSettings::from_vars(AccessVars {
        users: Some(r#"{"ana": "agent", "bo@acme.com": "admin", "@x.com": "viewer"}"#),
        ..vars(Some("acme"), None, Some("aud"))
    });
    assert_eq!(
        fields(bad_people),
        [r#"ACCESS_USERS["ana"]"#, r#"ACCESS_USERS["bo@acme.com"]"#]
    );
    assert_eq!(
        fields(AccessSettings::from_vars(AccessVars {
            users: Some("[]"),
            ..vars(Some("acme"), None, Some("aud"))
        })),
        ["ACCESS_USERS"]
    );
}

#[test]
fn only_rsa_signing_keys_are_read_from_the_key_set() {
    let jwks = br#"{"keys": [
        {"kty":"RSA","kid":"k1","alg":"RS256","use":"sig","n":"AQAB","e":"AQAB"},
        {"kty":"RSA","kid":"k2","n":"AQAB","e":"AQAB"},
        {"kty":"RSA","kid":"enc","use":"enc","n":"AQAB","e":"AQAB"},
        {"kty":"EC","kid":"ec","crv":"P-256","x":"AA","y":"AA"},
        {"kty":"RSA","kid":"ps","alg":"PS256","n":"AQAB","e":"AQAB"},
        {"kty":"RSA","kid":"bad","n":"not base64!","e":"AQAB"}
    ], "public_cert": {}}"#;
    let keys = signing_keys(jwks).expect("a key set");
    let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["k1", "k2"]);
    assert!(signing_keys(b"{}").is_err());
    assert!(signing_keys(b"<html>").is_err());
}

#[test]
fn keys_are_fetched_when_missing_stale_or_a_new_key_appears_but_not_in_a_storm() {
    assert!(fetch_keys(None, 100, true));
    assert!(!fetch_keys(Some(100), 100 + KEYS_TTL_SECONDS - 1, true));
    assert!(fetch_keys(Some(100), 100 + KEYS_TTL_SECONDS, true));
    assert!(!fetch_keys(Some(100), 100 + REFETCH_SECONDS - 1, false));
    assert!(fetch_keys(Some(100), 100 + REFETCH_SECONDS, false));
}
