use super::*;
use crate::link::unsubscribe;
use crate::Surveys;
use serde_json::json;

fn secret() -> LinkSecret {
    LinkSecret::new(b"0123456789abcdef0123456789abcdef").expect("32 bytes")
}

fn batch(value: serde_json::Value) -> Result<InvitationBatch, BodyError> {
    InvitationBatch::from_json(value.to_string().as_bytes())
}

fn fields(error: BodyError) -> Vec<String> {
    error
        .field_errors()
        .iter()
        .map(|e| e.field.clone())
        .collect()
}

fn trade() -> serde_json::Value {
    json!({"invitations": [
        {"customer_ref": "C-1", "transaction_ref": "LOT-7", "touchpoint": "pickup",
         "role": "buyer", "locale": "sv-SE"},
        {"customer_ref": "C-2", "transaction_ref": "LOT-7", "touchpoint": "pickup",
         "role": "seller", "locale": "da"},
    ]})
}

#[test]
fn reads_both_parties_of_a_trade() {
    let batch = batch(trade()).expect("valid");
    assert_eq!(batch.expires_in_days, DEFAULT_EXPIRES_IN_DAYS);
    assert_eq!(batch.recipients.len(), 2);
    assert_eq!(batch.recipients[0].locale, Locale::Sv);
    assert_eq!(batch.recipients[1].role.as_deref(), Some("seller"));
}

#[test]
fn names_every_problem_by_index() {
    let mut items: Vec<serde_json::Value> = (0..20)
        .map(|i| json!({"customer_ref": format!("C-{i}"), "locale": "en"}))
        .collect();
    items[3] = json!({"locale": "es"});
    items[17] = json!({"customer_ref": "C-17", "locale": "en", "role": "Buyer"});
    items[18] = json!("C-18");
    items[19] = json!({"customer_ref": "C-0", "locale": "de"});
    let error = batch(json!({"invitations": items, "expires_in_days": 0})).expect_err("bad");
    assert_eq!(
        fields(error),
        [
            "expires_in_days",
            "invitations[3].customer_ref",
            "invitations[3].locale",
            "invitations[17].role",
            "invitations[18]",
            "invitations[19]",
        ]
    );
}

#[test]
fn refuses_more_than_500_and_none() {
    let items: Vec<serde_json::Value> = (0..=MAX_INVITATIONS)
        .map(|i| json!({"customer_ref": format!("C-{i}"), "locale": "en"}))
        .collect();
    let error = batch(json!({"invitations": items})).expect_err("too many");
    assert_eq!(fields(error), ["invitations"]);
    let error = batch(json!({"invitations": []})).expect_err("none");
    assert_eq!(fields(error), ["invitations"]);
    let error = batch(json!({"recipients": []})).expect_err("misnamed");
    assert_eq!(fields(error), ["recipients", "invitations"]);
}

fn survey() -> SurveyDefinition {
    let toml = r#"
        [[survey]]
        id = "pickup"
        brand = "Nordauktion"
        allowed_origins = ["https://x.example"]
        question = { sv = "Tänk på upphämtningen: rekommenderar du {brand}?" }
    "#;
    Surveys::from_toml_str(toml)
        .expect("valid")
        .get("pickup")
        .expect("defined")
        .clone()
}

#[test]
fn minted_links_verify_and_join_the_answer() {
    let batch = batch(trade()).expect("valid");
    let buyer = &batch.recipients[0];
    let minted = mint(
        &survey(),
        buyer,
        &secret(),
        "https://nps.example",
        3_999_000_000,
        4_000_000_000,
        Occasion::Invitation,
    )
    .expect("valid");
    assert_eq!(minted.links.len(), 11);
    assert_eq!(
        minted.links[9],
        format!("https://nps.example/v1/l/{}?score=9", minted.token)
    );
    let claims = link::verify(&minted.token, &secret(), 0).expect("verifies");
    assert_eq!(claims.response_id(&secret()), minted.response_id);
    assert_eq!(minted.invitation_id, invitation_id(&minted.response_id));
    assert_ne!(minted.invitation_id, minted.response_id);
    assert!(minted.email.text.contains("rekommenderar du Nordauktion?"));
    let token = minted
        .unsubscribe_url
        .strip_prefix("https://nps.example/v1/unsubscribe/")
        .expect("the unsubscribe route");
    let opt_out = unsubscribe::verify(token, &secret()).expect("verifies");
    assert_eq!(opt_out.customer_ref, "C-1");
    assert_eq!(opt_out.locale, Locale::Sv);
    assert_eq!(
        serde_json::to_value(&minted.headers).expect("serializes"),
        json!({
            "List-Unsubscribe": format!("<{}>", minted.unsubscribe_url),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"
        })
    );
}

#[test]
fn the_same_party_of_the_same_trade_is_the_same_invitation() {
    let batch = batch(trade()).expect("valid");
    let mint_at = |recipient: &Recipient, expires_at| {
        mint(
            &survey(),
            recipient,
            &secret(),
            "https://nps.example",
            expires_at - 86_400,
            expires_at,
            Occasion::Invitation,
        )
        .expect("valid")
    };
    let first = mint_at(&batch.recipients[0], 4_000_000_000);
    let again = mint_at(&batch.recipients[0], 4_000_086_400);
    assert_eq!(first.invitation_id, again.invitation_id);
    assert_ne!(first.token, again.token);
    let seller = mint_at(&batch.recipients[1], 4_000_000_000);
    assert_ne!(first.invitation_id, seller.invitation_id);
}
