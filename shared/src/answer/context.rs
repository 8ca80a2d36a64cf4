//! Where and for whom an answer was given: what makes NPS actionable.

use serde::{Deserialize, Serialize};

use crate::input::field_error::{FieldError, FieldErrorCode};
use crate::input::json_fields::{any_text, check_text, slug, FieldReader, Shape};
use crate::input::limits::{MAX_REF_CHARS, MAX_SLUG_CHARS, MAX_URL_CHARS};

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

/// Each field's name, length limit and shape: one table for request bodies
/// and the widget's data attributes.
const FIELDS: [(&str, usize, Shape); 5] = [
    ("touchpoint", MAX_SLUG_CHARS, slug),
    ("role", MAX_SLUG_CHARS, slug),
    ("customer_ref", MAX_REF_CHARS, any_text),
    ("transaction_ref", MAX_REF_CHARS, any_text),
    ("page_url", MAX_URL_CHARS, web_url),
];

impl Context {
    /// Builds a context from `field(name, max_chars, shape)` for each field.
    fn from_fields(mut field: impl FnMut(&str, usize, Shape) -> Option<String>) -> Context {
        let [touchpoint, role, customer_ref, transaction_ref, page_url] =
            FIELDS.map(|(name, max_chars, shape)| field(name, max_chars, shape));
        Context {
            touchpoint,
            role,
            customer_ref,
            transaction_ref,
            page_url,
        }
    }

    /// Reads a context object, reporting bad fields through `reader`.
    pub(crate) fn read(mut reader: FieldReader<'_>) -> Context {
        reader.reject_unknown(&FIELDS.map(|(name, ..)| name));
        Context::from_fields(|name, max_chars, shape| reader.optional_str(name, max_chars, shape))
    }

    /// The fields that are set, by name, in the table's order: how a client
    /// without a JSON library writes a context out.
    pub fn entries(&self) -> Vec<(&'static str, &str)> {
        let values = [
            &self.touchpoint,
            &self.role,
            &self.customer_ref,
            &self.transaction_ref,
            &self.page_url,
        ];
        FIELDS
            .iter()
            .zip(values)
            .filter_map(|((name, ..), value)| Some((*name, value.as_deref()?)))
            .collect()
    }

    /// Reads a context from plain texts, e.g. a widget's data attributes
    /// (`text` gives a field's value by name), with the same rules as a
    /// submission's `context` field, so a bad attribute fails at page load
    /// rather than at the customer's send.
    pub fn from_texts(text: impl Fn(&str) -> Option<String>) -> Result<Context, Vec<FieldError>> {
        let mut errors = Vec::new();
        let context = Context::from_fields(|name, max_chars, shape| {
            match check_text(&text(name)?, max_chars, shape) {
                Ok(value) => value,
                Err((code, message)) => {
                    errors.push(FieldError::new(&format!("context.{name}"), code, message));
                    None
                }
            }
        });
        if errors.is_empty() {
            Ok(context)
        } else {
            Err(errors)
        }
    }
}

/// A customer reference named on its own, e.g. in the path of an erasure
/// request: the rules of the context field (trimmed, at most
/// `MAX_REF_CHARS`), but required, since blank would name no customer.
/// Errors name the field `customer_ref`.
pub fn customer_ref(text: &str) -> Result<String, FieldError> {
    let field = |code, message: &str| FieldError::new("customer_ref", code, message);
    match check_text(text, MAX_REF_CHARS, any_text) {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(field(
            FieldErrorCode::Missing,
            "name the customer: their reference as sent with their answers",
        )),
        Err((code, message)) => Err(field(code, &message)),
    }
}

fn web_url(text: &str) -> Result<(), String> {
    if text.starts_with("https://") || text.starts_with("http://") {
        Ok(())
    } else {
        Err("must be an http(s) URL".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_follow_the_same_rules_as_a_request_body() {
        let texts = |name: &str| match name {
            "touchpoint" => Some(" store ".to_owned()),
            "role" => Some(String::new()),
            "page_url" => Some("https://shop.example/cart".to_owned()),
            _ => None,
        };
        let context = Context::from_texts(texts).expect("valid");
        assert_eq!(context.touchpoint.as_deref(), Some("store"));
        assert_eq!(context.role, None, "blank is absent");
        assert_eq!(
            context.page_url.as_deref(),
            Some("https://shop.example/cart")
        );
        assert_eq!(
            context.entries(),
            [
                ("touchpoint", "store"),
                ("page_url", "https://shop.example/cart")
            ]
        );
    }

    #[test]
    fn every_bad_text_is_named() {
        let texts = |name: &str| match name {
            "touchpoint" => Some("Web Shop".to_owned()),
            "customer_ref" => Some("x".repeat(MAX_REF_CHARS + 1)),
            _ => None,
        };
        let errors = Context::from_texts(texts).expect_err("two bad fields");
        let named: Vec<(&str, FieldErrorCode)> =
            errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            named,
            [
                ("context.touchpoint", FieldErrorCode::InvalidFormat),
                ("context.customer_ref", FieldErrorCode::TooLong)
            ]
        );
    }

    #[test]
    fn a_customer_ref_alone_is_required_and_limited() {
        assert_eq!(customer_ref(" C-42 ").as_deref(), Ok("C-42"));
        let code = |text: &str| customer_ref(text).map_err(|e| (e.field, e.code));
        assert_eq!(
            code("  "),
            Err(("customer_ref".to_owned(), FieldErrorCode::Missing))
        );
        assert_eq!(
            code(&"x".repeat(MAX_REF_CHARS + 1)),
            Err(("customer_ref".to_owned(), FieldErrorCode::TooLong))
        );
        assert!(customer_ref(&"å".repeat(MAX_REF_CHARS)).is_ok());
    }
}
