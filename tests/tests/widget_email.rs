//! The email landing page: the score clicked in an email arrives chosen, the
//! customer goes straight to the follow-up (and may change the score), and
//! the answer is stored under the link's response id with its token.

use std::time::{SystemTime, UNIX_EPOCH};

use ambassador_shared::link::{sign, LinkClaims, LinkSecret};
use ambassador_shared::Locale;
use ambassador_tests::page::{click_score, comment_and_send, in_shadow, thanks, wait_for};
use ambassador_tests::{browser, d1, dev_var, new_id, url};

const HOST: &str = ".ambassador-survey";

/// A signed link for the demo survey, as an email would carry, and the
/// response id it stands for.
fn minted_link() -> (String, String) {
    let secret = LinkSecret::new(dev_var("LINK_SECRET").as_bytes()).expect("strong secret");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970");
    let claims = LinkClaims {
        survey_id: "demo".into(),
        customer_ref: Some(format!("C-{}", &new_id()[..8])),
        transaction_ref: Some("T-email".into()),
        touchpoint: Some("email".into()),
        role: Some("buyer".into()),
        locale: Locale::Sv,
        expires_at: now.as_secs() + 3600,
    };
    let token = sign(&claims, &secret).expect("valid claims");
    (token, claims.response_id(&secret))
}

#[tokio::test]
async fn landing_shows_the_score_then_stores_the_changed_answer() {
    let (token, id) = minted_link();
    let client = browser().await;
    let landing = format!("/answer?survey=demo&locale=sv&score=3&id={id}&token={token}");
    client
        .goto(&url(&landing))
        .await
        .expect("landing page loads");
    let shown = wait_for(
        &client,
        &in_shadow(
            HOST,
            "const c = root.querySelector('[aria-checked=true]');
             const q = root.querySelector('label.question');
             return c && q ? {checked: c.textContent, follow_up: q.textContent} : null;",
        ),
    )
    .await;
    assert_eq!(shown["checked"], "3");
    assert_eq!(shown["follow_up"], "Vad gjorde dig besviken?");
    click_score(&client, HOST, 8).await;
    let comment = format!("email {}", new_id());
    comment_and_send(&client, HOST, &comment).await;
    assert_eq!(thanks(&client, HOST).await, "Tack för din feedback!");

    let rows = d1(&format!(
        "SELECT score, comment, locale FROM responses WHERE id = '{id}'"
    ));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["score"], 8);
    assert_eq!(rows[0]["comment"], comment);
    assert_eq!(rows[0]["locale"], "sv");
    client.close().await.expect("session closes");
}
