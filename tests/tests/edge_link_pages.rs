//! Links that no longer work, as the person who clicked sees them in
//! Chromium: a page in the email's language (of the survey's brand when the
//! link is genuine, as an expired one is) that says
//! what happened and what to do, styled like the landing page (its
//! stylesheet, allowed by the page's strict policy), with a `main` landmark
//! and an `h1`, and nothing axe-core finds. The landing page itself has its
//! heading too.

use ambassador_shared::link::{sign, LinkClaims};
use ambassador_shared::Locale;
use ambassador_tests::page::{axe_violations, come_from, wait_for};
use ambassador_tests::{browser, email_claims, http_as, link_secret, new_id, unix_now, url};
use fantoccini::Client;
use serde_json::{json, Value};

/// The page as a person meets it: its language, brand, heading, landmark,
/// whether the landing page's stylesheet applies, and axe's findings.
async fn seen(client: &Client) -> Value {
    let page = client
        .execute(
            "return {
               lang: document.documentElement.lang,
               brand: document.querySelector('main .brand')?.textContent ?? null,
               h1: document.querySelector('main h1')?.textContent ?? null,
               mains: document.querySelectorAll('main').length,
               styled: getComputedStyle(document.body).backgroundColor,
             };",
            vec![],
        )
        .await
        .expect("script runs");
    let mut page = page;
    page["axe"] = axe_violations(client).await;
    page
}

fn danish(claims: LinkClaims) -> LinkClaims {
    LinkClaims {
        locale: Locale::Da,
        ..claims
    }
}

#[tokio::test]
async fn every_broken_link_is_a_branded_accessible_page_in_the_emails_language() {
    let claims = danish(email_claims("pickup", Some("link-pages"), Some("buyer")));
    let good = sign(&claims, &link_secret()).expect("valid claims");
    let expired = sign(
        &LinkClaims {
            expires_at: unix_now() - 1,
            ..claims.clone()
        },
        &link_secret(),
    )
    .expect("valid claims");
    let gone = sign(
        &LinkClaims {
            survey_id: "discontinued".into(),
            ..claims.clone()
        },
        &link_secret(),
    )
    .expect("valid claims");
    // One character of the ciphertext changed; the language stays readable.
    let at = good.len() / 2;
    let other = if &good[at..=at] == "A" { "B" } else { "A" };
    let altered = format!("{}{other}{}", &good[..at], &good[at + 1..]);
    let cut = good[..good.len() - 5].to_owned();
    let pages = [
        (
            expired,
            "Dette undersøgelseslink er udløbet",
            Some("Nordauktion"),
        ),
        // Only a genuine token names its survey: an altered or cut one
        // still speaks the email's language, without the brand.
        (altered, "Dette undersøgelseslink er ikke gyldigt", None),
        (cut, "Dette undersøgelseslink er ufuldstændigt", None),
        (gone, "Denne undersøgelse findes ikke længere", None),
        ("garbage".to_owned(), "This survey link is incomplete", None),
    ];
    let client = browser().await;
    for (token, heading, brand) in pages {
        client
            .goto(&url(&format!("/v1/l/{token}?score=4")))
            .await
            .expect("the page loads");
        let page = seen(&client).await;
        let lang = if heading.starts_with("Dette") || heading.starts_with("Denne") {
            "da"
        } else {
            "en"
        };
        assert_eq!(
            page,
            json!({
                "lang": lang, "brand": brand, "h1": heading, "mains": 1,
                "styled": "rgb(244, 245, 247)", "axe": []
            }),
            "{token}"
        );
    }
    client.close().await.expect("the browser closes");
}

#[tokio::test]
async fn too_many_clicks_is_a_page_too() {
    let ip = format!(
        "203.0.113.{}",
        u8::from_str_radix(&new_id()[..2], 16).unwrap_or(7)
    );
    let claims = danish(email_claims("pickup", Some("link-pages"), None));
    let token = sign(&claims, &link_secret()).expect("valid claims");
    // The browser first: started after the flood on a busy machine, it
    // could arrive once the limiter's period was over.
    let client = browser().await;
    come_from(&client, &ip).await;
    let flood = http_as(&ip);
    let mut limited = false;
    for _ in 0..80 {
        let response = flood
            .get(url("/v1/l/x.y?score=5"))
            .send()
            .await
            .expect("the Worker answers");
        if response.status().as_u16() == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited, "the write limit is reached");
    client
        .goto(&url(&format!("/v1/l/{token}?score=4")))
        .await
        .expect("the page loads");
    let page = seen(&client).await;
    assert_eq!(
        page,
        json!({
            "lang": "da", "brand": "Nordauktion", "h1": "For mange klik", "mains": 1,
            "styled": "rgb(244, 245, 247)", "axe": []
        })
    );
    client.close().await.expect("the browser closes");
}

#[tokio::test]
async fn the_landing_page_has_the_brand_as_its_heading() {
    let claims = danish(email_claims("pickup", Some("link-pages"), None));
    let token = sign(&claims, &link_secret()).expect("valid claims");
    let client = browser().await;
    client
        .goto(&url(&format!("/v1/l/{token}?score=9")))
        .await
        .expect("the link redirects");
    let shown = wait_for(
        &client,
        "const h = document.querySelector('main h1');
         const w = document.querySelector('.ambassador-survey')?.shadowRoot?.querySelector('[aria-checked=true]');
         return h && !h.hidden && w ? {h1: h.textContent, lang: document.documentElement.lang} : null;",
    )
    .await;
    assert_eq!(shown, json!({"h1": "Nordauktion", "lang": "da"}));
    assert_eq!(axe_violations(&client).await, json!([]));
    client.close().await.expect("the browser closes");
}
