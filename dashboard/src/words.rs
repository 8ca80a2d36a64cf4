//! The dashboard's words in the reader's language: the language travels
//! down the component tree as a Yew context, and every text comes from the
//! shared table (`ambassador_shared::text::dashboard`).

use ambassador_shared::text::dashboard::{text, Label};
use ambassador_shared::text::i18n::fill;
use ambassador_shared::Locale;
use yew::prelude::*;

/// The text of `label`.
pub fn t(locale: Locale, label: Label) -> &'static str {
    text(locale, label)
}

/// The text of `label` with each `{name}` replaced by its value.
pub fn tf(locale: Locale, label: Label, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(text(locale, label).to_owned(), |s, (name, value)| {
            fill(&s, name, value)
        })
}

/// The language the app provides; English outside the provider.
#[hook]
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// An NPS or a bound, as a whole number with its sign: +12, -3, +0.
pub fn signed(value: f64) -> String {
    format!("{value:+.0}")
}
