//! Where and for whom an answer was given: what makes NPS actionable.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json_fields::{any_text, slug, FieldReader};
use crate::limits::{MAX_REF_CHARS, MAX_SLUG_CHARS, MAX_URL_CHARS};

/// The circumstances of an answer. A retailer compares touchpoints; an auction
/// house asks buyer and seller of the same transaction; customer service needs
/// the customer reference to call a detractor back. All optional: a widget on a
/// public page may know none of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// Where the experience happened, e.g. `web`, `customer-service`, `store`, `pickup`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<String>,
    /// The customer's part in it, e.g. `buyer`, `seller`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The company's own id for the customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_ref: Option<String>,
    /// The company's own id for the order, trade or case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_ref: Option<String>,
    /// The page the widget was answered on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
}

const FIELDS: [&str; 5] = [
    "touchpoint",
    "role",
    "customer_ref",
    "transaction_ref",
    "page_url",
];

impl Context {
    /// Reads a context object, reporting bad fields through `reader`.
    pub(crate) fn read(mut reader: FieldReader<'_>) -> Context {
        reader.reject_unknown(&FIELDS);
        Context {
            touchpoint: reader.optional_str("touchpoint", MAX_SLUG_CHARS, slug),
            role: reader.optional_str("role", MAX_SLUG_CHARS, slug),
            customer_ref: reader.optional_str("customer_ref", MAX_REF_CHARS, any_text),
            transaction_ref: reader.optional_str("transaction_ref", MAX_REF_CHARS, any_text),
            page_url: reader.optional_str("page_url", MAX_URL_CHARS, web_url),
        }
    }
}

impl Context {
    /// Reads a context on its own, e.g. from a widget's data attributes, with
    /// the same rules as a submission's `context` field.
    pub fn from_value(value: &Value) -> Result<Context, Vec<crate::FieldError>> {
        let mut errors = Vec::new();
        let context = match value.as_object() {
            Some(object) => Context::read(FieldReader::new(object, "context.", &mut errors)),
            None => Context::default(),
        };
        if errors.is_empty() {
            Ok(context)
        } else {
            Err(errors)
        }
    }
}

fn web_url(text: &str) -> Result<(), String> {
    if text.starts_with("https://") || text.starts_with("http://") {
        Ok(())
    } else {
        Err("must be an http(s) URL".to_owned())
    }
}
