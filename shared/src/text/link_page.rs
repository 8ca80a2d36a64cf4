//! The words of the page a person sees when a survey link in an email does
//! not work (expired, altered, cut short, its survey gone, too many clicks),
//! in every supported language. (The unsubscribe pages' words are with the
//! email's, in [`crate::text::email`].)
//!
//! The Worker answers such a link with a page of the survey's brand in the
//! language the email was written in (read from the link, see
//! [`crate::link::peek_locale`]): a heading saying what happened, a sentence
//! on why, and one on what the person can do. The technical reason is for
//! operators (a response header and the log), never on the page. These
//! texts are the Worker's, not the widget's, so they are a table of their
//! own beside [`crate::text::i18n`].

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
    /// A team's wallboard link that was revoked, has expired, or never
    /// was one: the screen shows this instead of figures.
    WallboardGone,
}

/// One page's texts in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkPageText {
    /// The heading (and the page's title): what happened.
    pub heading: &'static str,
    /// Why, or what it means.
    pub what: &'static str,
    /// What the person can do now.
    pub next: &'static str,
}

impl LinkProblem {
    /// Every problem, for tests that walk the table.
    pub const ALL: [LinkProblem; 7] = [
        LinkProblem::Expired,
        LinkProblem::NotValid,
        LinkProblem::Incomplete,
        LinkProblem::SurveyGone,
        LinkProblem::TooManyClicks,
        LinkProblem::Failed,
        LinkProblem::WallboardGone,
    ];

    /// The page's texts in `locale`.
    pub fn texts(self, locale: Locale) -> LinkPageText {
        let row = &TEXTS[self as usize];
        let (heading, what, next) = row[locale.column()];
        LinkPageText {
            heading,
            what,
            next,
        }
    }
}

// A problem without its row would index out of bounds: refuse to compile.
const _: () = assert!(TEXTS.len() == LinkProblem::ALL.len() && Locale::ALL.len() == 7);

type Row = [(&'static str, &'static str, &'static str); 7];

/// One row per [`LinkProblem`], one column per locale in [`Locale::ALL`]
/// order: da, sv, nb, de, nl, fr, en.
const TEXTS: [Row; 7] = [
    [
        ("Dette undersøgelseslink er udløbet", "Tak, fordi du ville svare. Undersøgelsen er lukket.", "Du behøver ikke gøre mere og kan lukke siden."),
        ("Den här enkätlänken har gått ut", "Tack för att du ville svara. Enkäten är stängd.", "Du behöver inte göra något mer och kan stänga sidan."),
        ("Denne undersøkelseslenken er utløpt", "Takk for at du ville svare. Undersøkelsen er stengt.", "Du trenger ikke gjøre noe mer og kan lukke siden."),
        ("Dieser Umfragelink ist abgelaufen", "Danke, dass Sie antworten wollten. Die Umfrage ist geschlossen.", "Sie müssen nichts weiter tun und können die Seite schließen."),
        ("Deze enquêtelink is verlopen", "Bedankt dat u wilde antwoorden. De enquête is gesloten.", "U hoeft niets meer te doen en kunt de pagina sluiten."),
        ("Ce lien d'enquête a expiré", "Merci d'avoir voulu répondre. L'enquête est close.", "Vous n'avez rien d'autre à faire et pouvez fermer la page."),
        ("This survey link has expired", "Thank you for wanting to answer. This survey is closed.", "There is nothing more to do: you can close this page."),
    ],
    [
        ("Dette undersøgelseslink er ikke gyldigt", "Linket er ikke det samme, som vi sendte: en del af det er blevet ændret.", "Åbn linket igen direkte fra e-mailen, præcis som det stod."),
        ("Den här enkätlänken är inte giltig", "Länken är inte densamma som vi skickade: en del av den har ändrats.", "Öppna länken igen direkt från mejlet, precis som den kom."),
        ("Denne undersøkelseslenken er ikke gyldig", "Lenken er ikke den samme som vi sendte: en del av den er endret.", "Åpne lenken igjen direkte fra e-posten, nøyaktig slik den kom."),
        ("Dieser Umfragelink ist ungültig", "Der Link ist nicht der, den wir gesendet haben: ein Teil wurde verändert.", "Bitte öffnen Sie den Link erneut direkt aus der E-Mail, genau so, wie er dort steht."),
        ("Deze enquêtelink is niet geldig", "De link is niet dezelfde als die wij stuurden: een deel is gewijzigd.", "Open de link opnieuw rechtstreeks vanuit de e-mail, precies zoals hij erin stond."),
        ("Ce lien d'enquête n'est pas valide", "Le lien n'est pas celui que nous avons envoyé : une partie a été modifiée.", "Ouvrez à nouveau le lien directement depuis l'e-mail, tel qu'il y figure."),
        ("This survey link is not valid", "The link is not the one we sent: part of it was changed.", "Please open the link again straight from the email, exactly as it came."),
    ],
    [
        ("Dette undersøgelseslink er ufuldstændigt", "En del af linket mangler. Det sker tit, når et link bliver kopieret.", "Åbn linket direkte fra e-mailen, eller tjek at du har kopieret det hele."),
        ("Den här enkätlänken är ofullständig", "En del av länken saknas. Det händer ofta när en länk kopieras.", "Öppna länken direkt från mejlet, eller kontrollera att du kopierade hela."),
        ("Denne undersøkelseslenken er ufullstendig", "En del av lenken mangler. Det skjer ofte når en lenke blir kopiert.", "Åpne lenken direkte fra e-posten, eller sjekk at du kopierte hele."),
        ("Dieser Umfragelink ist unvollständig", "Ein Teil des Links fehlt. Das passiert oft, wenn ein Link kopiert wird.", "Öffnen Sie den Link direkt aus der E-Mail oder prüfen Sie, ob Sie ihn vollständig kopiert haben."),
        ("Deze enquêtelink is onvolledig", "Een deel van de link ontbreekt. Dat gebeurt vaak als een link wordt gekopieerd.", "Open de link rechtstreeks vanuit de e-mail, of controleer of u hem volledig hebt gekopieerd."),
        ("Ce lien d'enquête est incomplet", "Une partie du lien manque. Cela arrive souvent quand un lien est copié.", "Ouvrez le lien directement depuis l'e-mail, ou vérifiez que vous l'avez copié en entier."),
        ("This survey link is incomplete", "Part of the link is missing. That often happens when a link is copied.", "Open the link straight from the email, or check that you copied all of it."),
    ],
    [
        ("Denne undersøgelse findes ikke længere", "Tak, fordi du ville svare. Undersøgelsen er afsluttet.", "Du behøver ikke gøre mere og kan lukke siden."),
        ("Den här enkäten finns inte längre", "Tack för att du ville svara. Enkäten är avslutad.", "Du behöver inte göra något mer och kan stänga sidan."),
        ("Denne undersøkelsen finnes ikke lenger", "Takk for at du ville svare. Undersøkelsen er avsluttet.", "Du trenger ikke gjøre noe mer og kan lukke siden."),
        ("Diese Umfrage gibt es nicht mehr", "Danke, dass Sie antworten wollten. Die Umfrage ist beendet.", "Sie müssen nichts weiter tun und können die Seite schließen."),
        ("Deze enquête bestaat niet meer", "Bedankt dat u wilde antwoorden. De enquête is afgelopen.", "U hoeft niets meer te doen en kunt de pagina sluiten."),
        ("Cette enquête n'existe plus", "Merci d'avoir voulu répondre. L'enquête est terminée.", "Vous n'avez rien d'autre à faire et pouvez fermer la page."),
        ("This survey no longer exists", "Thank you for wanting to answer. The survey has ended.", "There is nothing more to do: you can close this page."),
    ],
    [
        ("For mange klik", "Vi har fået mange klik fra din forbindelse på kort tid.", "Vent et minut, og prøv linket igen."),
        ("För många klick", "Vi har fått många klick från din anslutning på kort tid.", "Vänta en minut och försök med länken igen."),
        ("For mange klikk", "Vi har fått mange klikk fra tilkoblingen din på kort tid.", "Vent et minutt og prøv lenken igjen."),
        ("Zu viele Klicks", "Wir haben in kurzer Zeit viele Klicks von Ihrer Verbindung erhalten.", "Bitte warten Sie eine Minute und versuchen Sie den Link erneut."),
        ("Te veel klikken", "We kregen in korte tijd veel klikken vanaf uw verbinding.", "Wacht een minuut en probeer de link opnieuw."),
        ("Trop de clics", "Nous avons reçu beaucoup de clics de votre connexion en peu de temps.", "Veuillez patienter une minute et réessayer le lien."),
        ("Too many clicks", "We received many clicks from your connection in a short time.", "Please wait a minute and try the link again."),
    ],
    [
        ("Dit svar kunne ikke gemmes", "Der opstod en fejl hos os.", "Prøv linket igen om lidt."),
        ("Ditt svar kunde inte sparas", "Något gick fel hos oss.", "Försök med länken igen om en stund."),
        ("Svaret ditt kunne ikke lagres", "Noe gikk galt hos oss.", "Prøv lenken igjen om litt."),
        ("Ihre Antwort konnte nicht gespeichert werden", "Bei uns ist ein Fehler aufgetreten.", "Bitte versuchen Sie den Link gleich noch einmal."),
        ("Uw antwoord kon niet worden opgeslagen", "Er ging bij ons iets mis.", "Probeer de link zo meteen opnieuw."),
        ("Votre réponse n'a pas pu être enregistrée", "Une erreur s'est produite de notre côté.", "Veuillez réessayer le lien dans un instant."),
        ("Your answer could not be recorded", "Something went wrong on our side.", "Please try the link again in a moment."),
    ],
    [
        ("Denne tavle er ikke længere tilgængelig", "Linket er trukket tilbage, er udløbet eller er ikke helt.", "Bed den, der satte skærmen op, om et nyt link."),
        ("Den här tavlan är inte längre tillgänglig", "Länken har återkallats, har gått ut eller är inte hel.", "Be den som satte upp skärmen om en ny länk."),
        ("Denne tavlen er ikke lenger tilgjengelig", "Lenken er trukket tilbake, er utløpt eller er ikke hel.", "Be den som satte opp skjermen om en ny lenke."),
        ("Diese Anzeigetafel ist nicht mehr verfügbar", "Der Link wurde widerrufen, ist abgelaufen oder unvollständig.", "Bitten Sie die Person, die diesen Bildschirm eingerichtet hat, um einen neuen Link."),
        ("Dit scorebord is niet meer beschikbaar", "De link is ingetrokken, verlopen of onvolledig.", "Vraag wie dit scherm heeft ingesteld om een nieuwe link."),
        ("Ce tableau n'est plus disponible", "Le lien a été révoqué, a expiré ou est incomplet.", "Demandez un nouveau lien à la personne qui a installé cet écran."),
        ("This wallboard is no longer available", "Its link was revoked, has expired or is incomplete.", "Ask whoever set up this screen for a new link."),
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
                let t = problem.texts(locale);
                assert!(
                    !t.heading.is_empty() && !t.what.is_empty() && !t.next.is_empty(),
                    "{problem:?} {locale}"
                );
                if locale != Locale::En {
                    assert_ne!(t, english, "{problem:?} {locale} untranslated");
                    assert_ne!(t.heading, english.heading, "{problem:?} {locale}");
                }
            }
        }
        assert_eq!(
            LinkProblem::Expired.texts(Locale::Sv).heading,
            "Den här enkätlänken har gått ut"
        );
    }

    #[test]
    fn no_page_speaks_of_signatures_or_tokens() {
        for problem in LinkProblem::ALL {
            let t = problem.texts(Locale::En);
            let text = format!("{} {} {}", t.heading, t.what, t.next).to_lowercase();
            assert!(
                !text.contains("signature") && !text.contains("token"),
                "{problem:?}: {text}"
            );
        }
    }
}
