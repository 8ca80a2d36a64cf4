//! `DELETE /v1/customers/{customer_ref}`: the right to erasure (GDPR
//! art. 17). Everything stored about one customer goes at once, in every
//! survey (`store::erasure`), and the answer says how much went, so the
//! company can tell the customer. Repeating it is harmless: nothing is
//! left, and every count is zero.
//!
//! Only the API key may erase: it cannot be undone, and it is asked for by
//! the company's own systems (a CRM's deletion request), not from the
//! dashboard.

use ambassador_shared::answer::context;
use ambassador_shared::intake::erasure::customer_digest;
use ambassador_shared::{FieldError, FieldErrorCode};
use serde_json::json;
use worker::{Env, Request, Response};

use super::{authorize, json_response};
use crate::auth::Principal;
use crate::store::erasure;
use crate::{config, ApiError};

/// Erases every answer of the customer named in the path (its case, the
/// case's notes, the dead letters of its events) in one transaction, and
/// the answers of theirs still on the intake queue as they arrive.
pub async fn erase(req: &Request, env: &Env, segment: &str) -> Result<Response, ApiError> {
    if authorize(req, env).await? != Principal::Key {
        return Err(ApiError::Forbidden(
            "erasing a customer's data takes the API key",
        ));
    }
    let customer_ref = customer_ref(segment).map_err(|e| ApiError::InvalidPath(vec![e]))?;
    let digest = customer_digest(&customer_ref, &config::link_secret(env)?);
    let erased = erasure::erase_customer(env, &customer_ref, &digest).await?;
    json_response(
        &json!({"customer_ref": customer_ref, "erased": erased}),
        200,
    )
}

/// The path segment, percent-decoded (a reference may hold `/` or spaces),
/// checked by the rules of a context's `customer_ref`.
fn customer_ref(segment: &str) -> Result<String, FieldError> {
    let decoded = js_sys::decode_uri_component(segment).map_err(|_| {
        FieldError::new(
            "customer_ref",
            FieldErrorCode::InvalidFormat,
            "is not valid percent-encoding; encode the reference with encodeURIComponent",
        )
    })?;
    context::customer_ref(&String::from(decoded))
}
