//! The email landing page, end to end: the score link of an email (a real
//! signed token) records the score provisionally and redirects to `/answer`;
//! there the score arrives chosen, the customer goes straight to the
//! follow-up (and may change the score), and sending confirms the one row.

use ambassador_shared::link::{sign, LinkClaims};
use ambassador_shared::Locale;
use ambassador_tests::page::{click_score, comment_and_send, in_shadow, thanks, wait_for};
use ambassador_tests::{
    browser, link_secret, new_id, stored_response, stored_response_where, unix_now, url,
};

const HOST: &str = ".ambassador-survey";

/// A signed link for the demo survey, as an email would carry, and the
/// response id it stands for.
fn minted_link() -> (String, String) {
    let secret = link_secret();
    let claims = LinkClaims {
        survey_id: "demo".into(),
        customer_ref: Some(format!("C-{}", &new_id()[..8])),
        transaction_ref: Some("T-email".into()),
        touchpoint: Some("email".into()),
        role: Some("buyer".into()),
        locale: Locale::Sv,
        expires_at: unix_now() + 3600,
        issued_at: Some(unix_now() - 3600),
    };
    let token = sign(&claims, &secret).expect("valid claims");
    (token, claims.response_id(&secret))
}

#[tokio::test]
async fn email_link_lands_with_its_score_and_the_answer_confirms_one_row() {
    let (token, id) = minted_link();
    let client = browser().await;
    let link = format!("/v1/l/{token}?score=3");
    client.goto(&url(&link)).await.expect("the link redirects");
    let landed = client.current_url().await.expect("a URL");
    assert_eq!(landed.path(), "/answer", "{landed}");
    // The click waits on the intake queue for its write.
    let provisional = stored_response(&id).expect("the click is stored");
    assert_eq!(
        (
            provisional["score"].clone(),
            provisional["confirmed"].clone()
        ),
        (3.into(), 0.into())
    );
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

    let row = stored_response_where(&id, |row| row["confirmed"] == 1);
    assert_eq!(row["score"], 8);
    assert_eq!(row["comment"], comment);
    assert_eq!(row["locale"], "sv");
    assert_eq!(
        (row["confirmed"].clone(), row["source"].clone()),
        (1.into(), "email".into())
    );
    assert_eq!(
        (row["touchpoint"].clone(), row["role"].clone()),
        ("email".into(), "buyer".into()),
        "context comes from the token"
    );
    client.close().await.expect("session closes");
}
