//! The words of the email block, in the recipient's language, from the one
//! translation table the widget also uses.

use ambassador_shared::link::email::EmailCopy;
use ambassador_shared::text::i18n::{fill, text, Message};
use ambassador_shared::Locale;

/// The question and end labels for `brand`, in `locale`'s language.
pub fn email_copy(locale: Locale, brand: &str) -> EmailCopy {
    EmailCopy {
        question: fill(text(locale, Message::Question), "brand", brand),
        not_likely: text(locale, Message::NotLikely).to_owned(),
        extremely_likely: text(locale, Message::ExtremelyLikely).to_owned(),
    }
}
