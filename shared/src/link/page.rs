//! The words of the page a person sees when a survey link in an email fails.
//!
//! The Worker answers a bad link with a small HTML page rather than JSON, in
//! the language the email was written in (read from the link, see
//! [`crate::link::peek_locale`]). These texts are the Worker's, not the
//! widget's, so they sit here rather than in [`crate::text::i18n`].

use crate::Locale;

/// What went wrong with a clicked link, as the person clicking needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// The link is past its expiry: the survey is closed.
    Expired,
    /// The signature does not match: the link was altered.
    NotValid,
    /// The token or score is cut short or garbled, usually by copying.
    Incomplete,
    /// The link's survey is no longer defined.
    SurveyGone,
    /// Too many clicks from this client this minute.
    TooManyClicks,
    /// Anything else, e.g. storage failed.
    Failed,
}

impl LinkProblem {
    /// Every problem, for tests that walk the table.
    pub const ALL: [LinkProblem; 6] = [
        LinkProblem::Expired,
        LinkProblem::NotValid,
        LinkProblem::Incomplete,
        LinkProblem::SurveyGone,
        LinkProblem::TooManyClicks,
        LinkProblem::Failed,
    ];

    /// The page's heading and the sentence under it, in `locale`.
    pub fn texts(self, locale: Locale) -> (&'static str, &'static str) {
        let row = &TEXTS[self as usize];
        let column = Locale::ALL.iter().position(|l| *l == locale).unwrap_or(6);
        row[column]
    }
}

// A problem without its row would index out of bounds: refuse to compile.
const _: () = assert!(TEXTS.len() == LinkProblem::ALL.len() && Locale::ALL.len() == 7);

/// One row per [`LinkProblem`], one column per locale in [`Locale::ALL`]
/// order: da, sv, nb, de, nl, fr, en.
const TEXTS: [[(&str, &str); 7]; 6] = [
    [
        (
            "Dette undersøgelseslink er udløbet",
            "Tak, fordi du ville svare. Undersøgelsen er lukket.",
        ),
        (
            "Den här enkätlänken har gått ut",
            "Tack för att du ville svara. Enkäten är stängd.",
        ),
        (
            "Denne undersøkelseslenken er utløpt",
            "Takk for at du ville svare. Undersøkelsen er stengt.",
        ),
        (
            "Dieser Umfragelink ist abgelaufen",
            "Danke, dass Sie antworten wollten. Die Umfrage ist geschlossen.",
        ),
        (
            "Deze enquêtelink is verlopen",
            "Bedankt dat u wilde antwoorden. De enquête is gesloten.",
        ),
        (
            "Ce lien d'enquête a expiré",
            "Merci d'avoir voulu répondre. L'enquête est close.",
        ),
        (
            "This survey link has expired",
            "Thank you for wanting to answer. This survey is closed.",
        ),
    ],
    [
        (
            "Dette undersøgelseslink er ikke gyldigt",
            "Brug linket præcis, som det stod i e-mailen.",
        ),
        (
            "Den här enkätlänken är inte giltig",
            "Använd länken precis som den kom i mejlet.",
        ),
        (
            "Denne undersøkelseslenken er ikke gyldig",
            "Bruk lenken nøyaktig slik den kom i e-posten.",
        ),
        (
            "Dieser Umfragelink ist ungültig",
            "Bitte verwenden Sie den Link genau so, wie er in der E-Mail stand.",
        ),
        (
            "Deze enquêtelink is niet geldig",
            "Gebruik de link precies zoals hij in de e-mail stond.",
        ),
        (
            "Ce lien d'enquête n'est pas valide",
            "Utilisez le lien exactement tel qu'il figure dans l'e-mail.",
        ),
        (
            "This survey link is not valid",
            "Please use the link exactly as it came in the email.",
        ),
    ],
    [
        (
            "Dette undersøgelseslink er ufuldstændigt",
            "Hvis du har kopieret linket, så tjek, at det er helt.",
        ),
        (
            "Den här enkätlänken är ofullständig",
            "Om du kopierade länken, kontrollera att den är hel.",
        ),
        (
            "Denne undersøkelseslenken er ufullstendig",
            "Hvis du kopierte lenken, sjekk at den er komplett.",
        ),
        (
            "Dieser Umfragelink ist unvollständig",
            "Wenn Sie den Link kopiert haben, prüfen Sie, ob er vollständig ist.",
        ),
        (
            "Deze enquêtelink is onvolledig",
            "Als u de link hebt gekopieerd, controleer dan of hij volledig is.",
        ),
        (
            "Ce lien d'enquête est incomplet",
            "Si vous avez copié le lien, vérifiez qu'il est complet.",
        ),
        (
            "This survey link is incomplete",
            "If you copied the link, check that it is complete.",
        ),
    ],
    [
        (
            "Denne undersøgelse findes ikke længere",
            "Tak, fordi du ville svare.",
        ),
        (
            "Den här enkäten finns inte längre",
            "Tack för att du ville svara.",
        ),
        (
            "Denne undersøkelsen finnes ikke lenger",
            "Takk for at du ville svare.",
        ),
        (
            "Diese Umfrage gibt es nicht mehr",
            "Danke, dass Sie antworten wollten.",
        ),
        (
            "Deze enquête bestaat niet meer",
            "Bedankt dat u wilde antwoorden.",
        ),
        (
            "Cette enquête n'existe plus",
            "Merci d'avoir voulu répondre.",
        ),
        (
            "This survey no longer exists",
            "Thank you for wanting to answer.",
        ),
    ],
    [
        ("For mange klik", "Vent et minut, og prøv igen."),
        ("För många klick", "Vänta en minut och försök igen."),
        ("For mange klikk", "Vent et minutt og prøv igjen."),
        (
            "Zu viele Klicks",
            "Bitte warten Sie eine Minute und versuchen Sie es erneut.",
        ),
        (
            "Te veel klikken",
            "Wacht een minuut en probeer het opnieuw.",
        ),
        (
            "Trop de clics",
            "Veuillez patienter une minute et réessayer.",
        ),
        ("Too many clicks", "Please wait a minute and try again."),
    ],
    [
        ("Dit svar kunne ikke gemmes", "Prøv igen om lidt."),
        ("Ditt svar kunde inte sparas", "Försök igen om en stund."),
        ("Svaret ditt kunne ikke lagres", "Prøv igjen om litt."),
        (
            "Ihre Antwort konnte nicht gespeichert werden",
            "Bitte versuchen Sie es gleich noch einmal.",
        ),
        (
            "Uw antwoord kon niet worden opgeslagen",
            "Probeer het zo meteen opnieuw.",
        ),
        (
            "Votre réponse n'a pas pu être enregistrée",
            "Veuillez réessayer dans un instant.",
        ),
        (
            "Your answer could not be recorded",
            "Please try again in a moment.",
        ),
    ],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_distinct_texts_in_every_locale() {
        for problem in LinkProblem::ALL {
            let english = problem.texts(Locale::En);
            for locale in Locale::ALL {
                let (title, hint) = problem.texts(locale);
                assert!(
                    !title.is_empty() && !hint.is_empty(),
                    "{problem:?} {locale}"
                );
                if locale != Locale::En {
                    assert_ne!((title, hint), english, "{problem:?} {locale} untranslated");
                }
            }
        }
        assert_eq!(
            LinkProblem::Expired.texts(Locale::Sv).0,
            "Den här enkätlänken har gått ut"
        );
    }
}
