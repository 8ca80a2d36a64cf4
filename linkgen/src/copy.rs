//! The words of the email block.
//!
//! English for every locale for now: this is the one place to switch to
//! `ambassador_shared::i18n` once its translations are settled.

use ambassador_shared::email::EmailCopy;
use ambassador_shared::Locale;

/// The question and end labels for `brand`, in `_locale`'s language.
pub fn email_copy(_locale: Locale, brand: &str) -> EmailCopy {
    EmailCopy {
        question: format!("How likely are you to recommend {brand} to a friend or colleague?"),
        not_likely: "Not at all likely".to_owned(),
        extremely_likely: "Extremely likely".to_owned(),
    }
}
