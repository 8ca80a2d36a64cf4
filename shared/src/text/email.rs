//! Every word of an invitation email and of the unsubscribe page, in every
//! supported language, in one table.
//!
//! Apart from the widget's table ([`crate::text::i18n`]): these words never
//! reach the widget's wasm, and the Worker and `ambassador-link` render them
//! alike (`crate::invitation`). The question and the scale's end labels
//! come from the survey and the widget's table, so an email asks exactly
//! what the landing page asks. `{brand}` is filled with the survey's brand.

use crate::Locale;

/// A fixed string of the email or the unsubscribe page. The variant docs
/// give the English text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EmailText {
    /// The subject of an invitation: "How was your experience with {brand}?"
    Subject,
    /// The subject of a reminder: "A reminder: how was your experience with {brand}?"
    ReminderSubject,
    /// The line above the question.
    Intro,
    /// Why the recipient gets the email, in the footer.
    Footer,
    /// The footer's unsubscribe link: "Unsubscribe from these surveys".
    UnsubscribeLink,
    /// The unsubscribe page's heading, before the button.
    UnsubscribeHeading,
    /// What the button does.
    UnsubscribeExplain,
    /// The button: "Unsubscribe".
    UnsubscribeButton,
    /// The heading once the opt-out is recorded.
    UnsubscribedHeading,
    /// The sentence under it.
    UnsubscribedExplain,
}

impl EmailText {
    /// Every text, so tests can walk the table.
    pub const ALL: [EmailText; 10] = [
        EmailText::Subject,
        EmailText::ReminderSubject,
        EmailText::Intro,
        EmailText::Footer,
        EmailText::UnsubscribeLink,
        EmailText::UnsubscribeHeading,
        EmailText::UnsubscribeExplain,
        EmailText::UnsubscribeButton,
        EmailText::UnsubscribedHeading,
        EmailText::UnsubscribedExplain,
    ];

    /// The text in `locale`, `{brand}` still in it.
    pub fn get(self, locale: Locale) -> &'static str {
        TEXTS[self as usize][locale.column()]
    }
}

// A text without its row would index out of bounds: refuse to compile.
const _: () = assert!(TEXTS.len() == EmailText::ALL.len() && Locale::ALL.len() == 7);

/// One row per [`EmailText`], one column per locale in [`Locale::ALL`]
/// order: da, sv, nb, de, nl, fr, en.
const TEXTS: [[&str; 7]; 10] = [
    [
        "Hvordan var din oplevelse med {brand}?",
        "Hur var din upplevelse av {brand}?",
        "Hvordan var opplevelsen din med {brand}?",
        "Wie war Ihre Erfahrung mit {brand}?",
        "Hoe was uw ervaring met {brand}?",
        "Comment s'est passée votre expérience avec {brand} ?",
        "How was your experience with {brand}?",
    ],
    [
        "En påmindelse: Hvordan var din oplevelse med {brand}?",
        "En påminnelse: hur var din upplevelse av {brand}?",
        "En påminnelse: hvordan var opplevelsen din med {brand}?",
        "Eine Erinnerung: Wie war Ihre Erfahrung mit {brand}?",
        "Een herinnering: hoe was uw ervaring met {brand}?",
        "Petit rappel : comment s'est passée votre expérience avec {brand} ?",
        "A reminder: how was your experience with {brand}?",
    ],
    [
        "Vi vil gerne høre fra dig. Vælg et tal nedenfor – ét klik er nok.",
        "Vi vill gärna höra från dig. Välj en siffra nedan – ett klick räcker.",
        "Vi vil gjerne høre fra deg. Velg et tall nedenfor – ett klikk er nok.",
        "Wir möchten gern von Ihnen hören. Wählen Sie unten eine Zahl – ein Klick genügt.",
        "We horen graag van u. Kies hieronder een cijfer – één klik is genoeg.",
        "Nous aimerions avoir votre avis. Choisissez une note ci-dessous : un clic suffit.",
        "We would love to hear from you. Choose a number below: one click is all it takes.",
    ],
    [
        "Du får denne e-mail, fordi du er kunde hos {brand}.",
        "Du får det här mejlet eftersom du är kund hos {brand}.",
        "Du får denne e-posten fordi du er kunde hos {brand}.",
        "Sie erhalten diese E-Mail, weil Sie Kunde von {brand} sind.",
        "U ontvangt deze e-mail omdat u klant bent van {brand}.",
        "Vous recevez cet e-mail parce que vous êtes client de {brand}.",
        "You are receiving this email because you are a customer of {brand}.",
    ],
    [
        "Afmeld disse undersøgelser",
        "Avregistrera dig från de här enkäterna",
        "Meld deg av disse undersøkelsene",
        "Von diesen Umfragen abmelden",
        "Afmelden voor deze enquêtes",
        "Se désabonner de ces enquêtes",
        "Unsubscribe from these surveys",
    ],
    [
        "Vil du afmelde dig {brand}s undersøgelser?",
        "Vill du avregistrera dig från {brand}s enkäter?",
        "Vil du melde deg av undersøkelsene fra {brand}?",
        "Von den Umfragen von {brand} abmelden?",
        "Afmelden voor de enquêtes van {brand}?",
        "Vous désabonner des enquêtes de {brand} ?",
        "Unsubscribe from {brand}'s surveys?",
    ],
    [
        "Du vil ikke længere få e-mails med undersøgelser fra {brand}.",
        "Du kommer inte längre att få mejl med enkäter från {brand}.",
        "Du vil ikke lenger få e-poster med undersøkelser fra {brand}.",
        "Sie erhalten dann keine Umfrage-E-Mails von {brand} mehr.",
        "U ontvangt dan geen enquête-e-mails meer van {brand}.",
        "Vous ne recevrez plus d'e-mails d'enquête de {brand}.",
        "You will no longer receive survey emails from {brand}.",
    ],
    [
        "Afmeld",
        "Avregistrera",
        "Meld av",
        "Abmelden",
        "Afmelden",
        "Se désabonner",
        "Unsubscribe",
    ],
    [
        "Du er afmeldt",
        "Du är avregistrerad",
        "Du er meldt av",
        "Sie sind abgemeldet",
        "U bent afgemeld",
        "Vous êtes désabonné",
        "You are unsubscribed",
    ],
    [
        "Du får ikke flere e-mails med undersøgelser fra {brand}.",
        "Du får inga fler mejl med enkäter från {brand}.",
        "Du får ikke flere e-poster med undersøkelser fra {brand}.",
        "Sie erhalten keine Umfrage-E-Mails von {brand} mehr.",
        "U ontvangt geen enquête-e-mails meer van {brand}.",
        "Vous ne recevrez plus d'e-mails d'enquête de {brand}.",
        "You will receive no more survey emails from {brand}.",
    ],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_every_language_with_its_placeholders() {
        for text in EmailText::ALL {
            let english = text.get(Locale::En);
            for locale in Locale::ALL {
                let translated = text.get(locale);
                assert!(!translated.trim().is_empty(), "{text:?} in {locale}");
                assert_eq!(
                    translated.contains("{brand}"),
                    english.contains("{brand}"),
                    "{text:?} in {locale}: {translated}"
                );
            }
        }
    }

    #[test]
    fn columns_follow_the_locale_order() {
        assert_eq!(EmailText::UnsubscribeButton.get(Locale::De), "Abmelden");
        assert_eq!(EmailText::UnsubscribeButton.get(Locale::Sv), "Avregistrera");
        assert_eq!(EmailText::UnsubscribeButton.get(Locale::En), "Unsubscribe");
    }
}
