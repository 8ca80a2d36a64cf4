//! Every word the widget shows, in every supported language, in one table.
//!
//! Keeping the strings together means a translator reviews one file, a new
//! language is one new column, and a test can prove no locale is missing a
//! string or a placeholder. Texts a survey may override (the question and the
//! follow-ups) start here as defaults; see [`crate::survey`].
//!
//! Placeholders are written `{name}` and filled with [`fill`].

use crate::{Category, Locale};

/// A user-facing string of the widget. The variant docs give the English text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Message {
    /// "How likely are you to recommend {brand} to a friend or colleague?"
    Question,
    /// The accessible name of the 0-10 radio group: "Scale from 0 (not at
    /// all likely) to 10 (extremely likely)".
    ScaleDescription,
    /// The label under 0: "Not at all likely".
    NotLikely,
    /// The label under 10: "Extremely likely".
    ExtremelyLikely,
    /// The accessible name of one score button: "{score} out of 10".
    ScoreLabel,
    /// Default follow-up for detractors: "What disappointed you?"
    FollowUpDetractor,
    /// Default follow-up for passives: "What could we do better?"
    FollowUpPassive,
    /// Default follow-up for promoters: "What did you like most?"
    FollowUpPromoter,
    /// Placeholder of the comment box: "Tell us in your own words".
    CommentPlaceholder,
    /// Marks a question that may be left blank: "Optional".
    Optional,
    /// Shown when a required extra question is unanswered.
    AnswerRequired,
    /// Counter under the comment box: "{n} characters left".
    CharactersLeft,
    /// The send button: "Send".
    Submit,
    /// The send button while a request is in flight: "Sending…".
    Sending,
    /// After a successful send: "Thank you for your feedback!"
    Thanks,
    /// After a failed send; the widget queues the answer and retries itself.
    SendFailed,
    /// Accessible name of the close (×) button: "Close".
    Close,
    /// After the edge refused an answer (retrying cannot help): "Your answer
    /// could not be accepted."
    Refused,
}

impl Message {
    /// Every message, so tests and tools can walk the whole table.
    pub const ALL: [Message; 18] = [
        Message::Question,
        Message::ScaleDescription,
        Message::NotLikely,
        Message::ExtremelyLikely,
        Message::ScoreLabel,
        Message::FollowUpDetractor,
        Message::FollowUpPassive,
        Message::FollowUpPromoter,
        Message::CommentPlaceholder,
        Message::Optional,
        Message::AnswerRequired,
        Message::CharactersLeft,
        Message::Submit,
        Message::Sending,
        Message::Thanks,
        Message::SendFailed,
        Message::Close,
        Message::Refused,
    ];

    /// The message's name where it travels as data, in JSON: `score_label`.
    pub fn key(self) -> &'static str {
        match self {
            Message::Question => "question",
            Message::ScaleDescription => "scale_description",
            Message::NotLikely => "not_likely",
            Message::ExtremelyLikely => "extremely_likely",
            Message::ScoreLabel => "score_label",
            Message::FollowUpDetractor => "follow_up_detractor",
            Message::FollowUpPassive => "follow_up_passive",
            Message::FollowUpPromoter => "follow_up_promoter",
            Message::CommentPlaceholder => "comment_placeholder",
            Message::Optional => "optional",
            Message::AnswerRequired => "answer_required",
            Message::CharactersLeft => "characters_left",
            Message::Submit => "submit",
            Message::Sending => "sending",
            Message::Thanks => "thanks",
            Message::SendFailed => "send_failed",
            Message::Close => "close",
            Message::Refused => "refused",
        }
    }

    /// The default follow-up question for a category: detractors are asked
    /// what went wrong, passives what would win them over, promoters what to keep.
    pub fn follow_up(category: Category) -> Message {
        match category {
            Category::Detractor => Message::FollowUpDetractor,
            Category::Passive => Message::FollowUpPassive,
            Category::Promoter => Message::FollowUpPromoter,
        }
    }
}

/// The text of `message` in `locale`, placeholders still unfilled.
///
/// Always inlined, as are the table's parts: called with a constant locale
/// (the widget's English fallback), only that language's strings are then
/// referenced and the other six stay out of the wasm.
#[inline(always)]
pub fn text(locale: Locale, message: Message) -> &'static str {
    row(message).get(locale)
}

/// `template` with every `(name, value)` filled in by [`fill`], for the
/// Worker's tables (digests, wallboards), which fill several at once.
pub fn fill_each(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            fill(&text, name, value)
        })
}

/// Asserts that every language of a table keeps every placeholder of the
/// English text (`get` reads one text of it), so no figure goes missing in
/// translation.
#[cfg(test)]
pub(crate) fn assert_placeholders_kept(what: &str, get: impl Fn(Locale) -> &'static str) {
    let english = get(Locale::En);
    let names: Vec<&str> = english
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    for locale in Locale::ALL {
        for name in &names {
            assert!(
                get(locale).contains(&format!("{{{name}}}")),
                "{what} in {locale} lacks {{{name}}}"
            );
        }
    }
}

/// Replaces every `{name}` in `template` with `value`.
///
/// Values are inserted verbatim; the widget renders text, never HTML, so a
/// brand such as `<Acme>` needs no escaping here. Written as a scan for `{`
/// rather than `str::replace` with a formatted pattern: the widget fills its
/// texts itself, and substring search and formatting cost its wasm a
/// kilobyte.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    let mut filled = String::with_capacity(template.len() + value.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.strip_prefix(name).and_then(|t| t.strip_prefix('}')) {
            Some(tail) => {
                filled.push_str(value);
                rest = tail;
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// One message in every locale. Named fields, not an array, so a translation
/// can never slip into the wrong language's column.
struct Row {
    da: &'static str,
    sv: &'static str,
    nb: &'static str,
    de: &'static str,
    nl: &'static str,
    fr: &'static str,
    en: &'static str,
}

impl Row {
    #[inline(always)]
    fn get(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::Da => self.da,
            Locale::Sv => self.sv,
            Locale::Nb => self.nb,
            Locale::De => self.de,
            Locale::Nl => self.nl,
            Locale::Fr => self.fr,
            Locale::En => self.en,
        }
    }
}

// German and French address the customer formally (Sie, vous), as companies
// there do; the Scandinavian languages and Dutch use the informal du / je.
// French puts a no-break space (U+00A0) before `?` and `!`.
#[inline(always)]
fn row(message: Message) -> Row {
    match message {
        Message::Question => Row {
            da: "Hvor sandsynligt er det, at du vil anbefale {brand} til en ven eller kollega?",
            sv: "Hur troligt är det att du skulle rekommendera {brand} till en vän eller kollega?",
            nb: "Hvor sannsynlig er det at du vil anbefale {brand} til en venn eller kollega?",
            de: "Wie wahrscheinlich ist es, dass Sie {brand} einem Freund oder Kollegen weiterempfehlen würden?",
            nl: "Hoe waarschijnlijk is het dat je {brand} zou aanbevelen aan een vriend of collega?",
            fr: "Quelle est la probabilité que vous recommandiez {brand} à un ami ou à un collègue\u{a0}?",
            en: "How likely are you to recommend {brand} to a friend or colleague?",
        },
        Message::ScaleDescription => Row {
            da: "Skala fra 0 (slet ikke sandsynligt) til 10 (meget sandsynligt)",
            sv: "Skala från 0 (inte alls troligt) till 10 (mycket troligt)",
            nb: "Skala fra 0 (slett ikke sannsynlig) til 10 (svært sannsynlig)",
            de: "Skala von 0 (überhaupt nicht wahrscheinlich) bis 10 (äußerst wahrscheinlich)",
            nl: "Schaal van 0 (helemaal niet waarschijnlijk) tot 10 (zeer waarschijnlijk)",
            fr: "Échelle de 0 (pas du tout probable) à 10 (extrêmement probable)",
            en: "Scale from 0 (not at all likely) to 10 (extremely likely)",
        },
        Message::NotLikely => Row {
            da: "Slet ikke sandsynligt",
            sv: "Inte alls troligt",
            nb: "Slett ikke sannsynlig",
            de: "Überhaupt nicht wahrscheinlich",
            nl: "Helemaal niet waarschijnlijk",
            fr: "Pas du tout probable",
            en: "Not at all likely",
        },
        Message::ExtremelyLikely => Row {
            da: "Meget sandsynligt",
            sv: "Mycket troligt",
            nb: "Svært sannsynlig",
            de: "Äußerst wahrscheinlich",
            nl: "Zeer waarschijnlijk",
            fr: "Extrêmement probable",
            en: "Extremely likely",
        },
        Message::ScoreLabel => Row {
            da: "{score} ud af 10",
            sv: "{score} av 10",
            nb: "{score} av 10",
            de: "{score} von 10",
            nl: "{score} van de 10",
            fr: "{score} sur 10",
            en: "{score} out of 10",
        },
        Message::FollowUpDetractor => Row {
            da: "Hvad skuffede dig?",
            sv: "Vad gjorde dig besviken?",
            nb: "Hva skuffet deg?",
            de: "Was hat Sie enttäuscht?",
            nl: "Wat viel je tegen?",
            fr: "Qu’est-ce qui vous a déplu\u{a0}?",
            en: "What disappointed you?",
        },
        Message::FollowUpPassive => Row {
            da: "Hvad kan vi gøre bedre?",
            sv: "Vad kan vi göra bättre?",
            nb: "Hva kan vi gjøre bedre?",
            de: "Was könnten wir besser machen?",
            nl: "Wat kunnen we beter doen?",
            fr: "Que pourrions-nous améliorer\u{a0}?",
            en: "What could we do better?",
        },
        Message::FollowUpPromoter => Row {
            da: "Hvad kunne du bedst lide?",
            sv: "Vad uppskattade du mest?",
            nb: "Hva likte du best?",
            de: "Was hat Ihnen am besten gefallen?",
            nl: "Wat vond je het beste?",
            fr: "Qu’avez-vous le plus apprécié\u{a0}?",
            en: "What did you like most?",
        },
        Message::CommentPlaceholder => Row {
            da: "Fortæl os med dine egne ord",
            sv: "Berätta med dina egna ord",
            nb: "Fortell oss med dine egne ord",
            de: "Beschreiben Sie es in Ihren eigenen Worten",
            nl: "Vertel het ons in je eigen woorden",
            fr: "Dites-le-nous avec vos propres mots",
            en: "Tell us in your own words",
        },
        Message::Optional => Row {
            da: "Valgfrit",
            sv: "Valfritt",
            nb: "Valgfritt",
            de: "Optional",
            nl: "Optioneel",
            fr: "Facultatif",
            en: "Optional",
        },
        Message::AnswerRequired => Row {
            da: "Du skal besvare dette spørgsmål.",
            sv: "Du behöver svara på den här frågan.",
            nb: "Du må svare på dette spørsmålet.",
            de: "Bitte beantworten Sie diese Frage.",
            nl: "Beantwoord deze vraag.",
            fr: "Veuillez répondre à cette question.",
            en: "Please answer this question.",
        },
        Message::CharactersLeft => Row {
            da: "{n} tegn tilbage",
            sv: "{n} tecken kvar",
            nb: "{n} tegn igjen",
            de: "Noch {n} Zeichen",
            nl: "Nog {n} tekens",
            fr: "{n} caractères restants",
            en: "{n} characters left",
        },
        Message::Submit => Row {
            da: "Send",
            sv: "Skicka",
            nb: "Send",
            de: "Senden",
            nl: "Versturen",
            fr: "Envoyer",
            en: "Send",
        },
        Message::Sending => Row {
            da: "Sender…",
            sv: "Skickar…",
            nb: "Sender…",
            de: "Wird gesendet…",
            nl: "Versturen…",
            fr: "Envoi en cours…",
            en: "Sending…",
        },
        Message::Thanks => Row {
            da: "Tak for din feedback!",
            sv: "Tack för din feedback!",
            nb: "Takk for tilbakemeldingen!",
            de: "Vielen Dank für Ihr Feedback!",
            nl: "Bedankt voor je feedback!",
            fr: "Merci pour votre avis\u{a0}!",
            en: "Thank you for your feedback!",
        },
        Message::SendFailed => Row {
            da: "Vi kunne ikke sende dit svar. Vi prøver igen automatisk.",
            sv: "Vi kunde inte skicka ditt svar. Vi försöker igen automatiskt.",
            nb: "Vi kunne ikke sende svaret ditt. Vi prøver igjen automatisk.",
            de: "Ihre Antwort konnte nicht gesendet werden. Wir versuchen es automatisch erneut.",
            nl: "We konden je antwoord niet versturen. We proberen het automatisch opnieuw.",
            fr: "Nous n’avons pas pu envoyer votre réponse. Nous réessaierons automatiquement.",
            en: "We couldn’t send your answer. We’ll try again automatically.",
        },
        Message::Close => Row {
            da: "Luk",
            sv: "Stäng",
            nb: "Lukk",
            de: "Schließen",
            nl: "Sluiten",
            fr: "Fermer",
            en: "Close",
        },
        Message::Refused => Row {
            da: "Dit svar kunne ikke modtages.",
            sv: "Ditt svar kunde inte tas emot.",
            nb: "Svaret ditt kunne ikke tas imot.",
            de: "Ihre Antwort konnte nicht angenommen werden.",
            nl: "Je antwoord kon niet worden aangenomen.",
            fr: "Votre réponse n’a pas pu être acceptée.",
            en: "Your answer could not be accepted.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}` placeholders in a text, in order.
    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_locale_has_every_message() {
        for message in Message::ALL {
            for locale in Locale::ALL {
                let text = text(locale, message);
                assert!(!text.trim().is_empty(), "{locale} {message:?} is empty");
            }
        }
    }

    #[test]
    fn translations_keep_the_english_placeholders() {
        for message in Message::ALL {
            let mut expected = placeholders(text(Locale::En, message));
            expected.sort_unstable();
            for locale in Locale::ALL {
                let mut found = placeholders(text(locale, message));
                found.sort_unstable();
                assert_eq!(found, expected, "{locale} {message:?}");
            }
        }
    }

    #[test]
    fn all_lists_each_message_once_under_its_own_key() {
        for (i, message) in Message::ALL.iter().enumerate() {
            assert!(!Message::ALL[..i].contains(message), "{message:?} twice");
            let taken = Message::ALL[..i].iter().any(|m| m.key() == message.key());
            assert!(!taken, "{} twice", message.key());
        }
    }

    #[test]
    fn fill_replaces_every_occurrence_and_nothing_else() {
        assert_eq!(fill("{a} and {a} but {b}", "a", "x"), "x and x but {b}");
        assert_eq!(fill("{{a}} {ab} {a", "a", "x"), "{x} {ab} {a");
        let question = fill(text(Locale::Sv, Message::Question), "brand", "Nordauktion");
        assert_eq!(
            question,
            "Hur troligt är det att du skulle rekommendera Nordauktion till en vän eller kollega?"
        );
    }

    #[test]
    fn follow_up_defaults_match_the_category() {
        assert_eq!(
            text(Locale::En, Message::follow_up(Category::Detractor)),
            "What disappointed you?"
        );
        assert_eq!(
            Message::follow_up(Category::Promoter),
            Message::FollowUpPromoter
        );
    }
}
