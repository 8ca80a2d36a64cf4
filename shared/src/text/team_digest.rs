//! Every word of a team digest (the Slack message and the email), in every
//! supported language, in one table: a team reads its digest in the
//! language its `[[survey.team_digests]]` entry names.
//!
//! Apart from the invitation email's table ([`crate::text::email`]): staff
//! read these, customers never do, and the two change independently.
//! Placeholders are `{name}`; figures are filled in by
//! [`crate::team_digest`], already formatted.

use crate::text::i18n::fill_each;
use crate::Locale;

/// A fixed string of a team digest. The variant docs give the English text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigestText {
    /// The subject and heading: "{team}: your NPS for {period}".
    Title,
    /// "NPS {score}, 95% interval {low} to {high}, from {answers} answers."
    Score,
    /// "Up {points} points on the period before ({before}): more than chance."
    Up,
    /// "Down {points} points on the period before ({before}): more than chance."
    Down,
    /// "No clear change on the period before ({before}): {points} points is
    /// within chance."
    Steady,
    /// "No answers the period before to compare with."
    NoComparison,
    /// "{answers} answers this period: fewer than {min}, too few for a score
    /// that means anything."
    TooFew,
    /// "What promoters said".
    Praise,
    /// "No promoter left a comment this period."
    NoPraise,
    /// "{detractors} detractors this period. Cases now: {open} open,
    /// {overdue} overdue."
    Cases,
    /// "Open the dashboard".
    Link,
    /// "A digest of {brand}'s NPS survey. It holds no customer details."
    Footer,
}

impl DigestText {
    /// Every text, so tests can walk the table.
    pub const ALL: [DigestText; 12] = [
        DigestText::Title,
        DigestText::Score,
        DigestText::Up,
        DigestText::Down,
        DigestText::Steady,
        DigestText::NoComparison,
        DigestText::TooFew,
        DigestText::Praise,
        DigestText::NoPraise,
        DigestText::Cases,
        DigestText::Link,
        DigestText::Footer,
    ];

    /// The text in `locale`, placeholders still in it.
    pub fn get(self, locale: Locale) -> &'static str {
        TEXTS[self as usize][locale.column()]
    }

    /// The text in `locale` with every `(name, value)` filled in.
    pub fn filled(self, locale: Locale, values: &[(&str, &str)]) -> String {
        fill_each(self.get(locale), values)
    }
}

// A text without its row would index out of bounds: refuse to compile.
const _: () = assert!(TEXTS.len() == DigestText::ALL.len() && Locale::ALL.len() == 7);

/// One row per [`DigestText`], one column per locale in [`Locale::ALL`]
/// order: da, sv, nb, de, nl, fr, en.
const TEXTS: [[&str; 7]; 12] = [
    [
        "{team}: jeres NPS for {period}",
        "{team}: ert NPS för {period}",
        "{team}: NPS for {period}",
        "{team}: Ihr NPS für {period}",
        "{team}: jullie NPS over {period}",
        "{team} : votre NPS pour {period}",
        "{team}: your NPS for {period}",
    ],
    [
        "NPS {score}, 95 %-interval {low} til {high}, ud fra {answers} svar.",
        "NPS {score}, 95 %-intervall {low} till {high}, utifrån {answers} svar.",
        "NPS {score}, 95 %-intervall {low} til {high}, basert på {answers} svar.",
        "NPS {score}, 95-%-Intervall {low} bis {high}, aus {answers} Antworten.",
        "NPS {score}, 95%-interval {low} tot {high}, op basis van {answers} antwoorden.",
        "NPS {score}, intervalle à 95 % de {low} à {high}, sur {answers} réponses.",
        "NPS {score}, 95% interval {low} to {high}, from {answers} answers.",
    ],
    [
        "Op {points} point i forhold til perioden før ({before}): mere end tilfældigheder.",
        "Upp {points} poäng mot perioden innan ({before}): mer än slumpen.",
        "Opp {points} poeng fra perioden før ({before}): mer enn tilfeldigheter.",
        "{points} Punkte höher als im Zeitraum davor ({before}): mehr als Zufall.",
        "{points} punten hoger dan de periode ervoor ({before}): meer dan toeval.",
        "En hausse de {points} points sur la période précédente ({before}) : plus que le hasard.",
        "Up {points} points on the period before ({before}): more than chance.",
    ],
    [
        "Ned {points} point i forhold til perioden før ({before}): mere end tilfældigheder.",
        "Ned {points} poäng mot perioden innan ({before}): mer än slumpen.",
        "Ned {points} poeng fra perioden før ({before}): mer enn tilfeldigheter.",
        "{points} Punkte niedriger als im Zeitraum davor ({before}): mehr als Zufall.",
        "{points} punten lager dan de periode ervoor ({before}): meer dan toeval.",
        "En baisse de {points} points sur la période précédente ({before}) : plus que le hasard.",
        "Down {points} points on the period before ({before}): more than chance.",
    ],
    [
        "Ingen tydelig ændring i forhold til perioden før ({before}): {points} point ligger \
         inden for tilfældighederne.",
        "Ingen tydlig förändring mot perioden innan ({before}): {points} poäng ryms inom \
         slumpen.",
        "Ingen tydelig endring fra perioden før ({before}): {points} poeng er innenfor \
         tilfeldighetene.",
        "Keine klare Veränderung zum Zeitraum davor ({before}): {points} Punkte liegen im \
         Rahmen des Zufalls.",
        "Geen duidelijke verandering ten opzichte van de periode ervoor ({before}): {points} \
         punten valt binnen het toeval.",
        "Pas de changement net sur la période précédente ({before}) : {points} points restent \
         dans la marge du hasard.",
        "No clear change on the period before ({before}): {points} points is within chance.",
    ],
    [
        "Ingen svar i perioden før at sammenligne med.",
        "Inga svar perioden innan att jämföra med.",
        "Ingen svar i perioden før å sammenligne med.",
        "Keine Antworten im Zeitraum davor zum Vergleich.",
        "Geen antwoorden in de periode ervoor om mee te vergelijken.",
        "Aucune réponse sur la période précédente pour comparer.",
        "No answers the period before to compare with.",
    ],
    [
        "{answers} svar i perioden: færre end {min}, for få til en score, der siger noget.",
        "{answers} svar under perioden: färre än {min}, för få för ett värde som säger något.",
        "{answers} svar i perioden: færre enn {min}, for få til en score som sier noe.",
        "{answers} Antworten im Zeitraum: weniger als {min}, zu wenige für einen \
         aussagekräftigen Wert.",
        "{answers} antwoorden in deze periode: minder dan {min}, te weinig voor een score die \
         iets zegt.",
        "{answers} réponses sur la période : moins de {min}, trop peu pour un score qui ait \
         un sens.",
        "{answers} answers this period: fewer than {min}, too few for a score that means \
         anything.",
    ],
    [
        "Det sagde anbefalerne",
        "Det här sa promotorerna",
        "Dette sa promotørene",
        "Das sagten die Promotoren",
        "Wat promoters zeiden",
        "Ce qu'ont dit les promoteurs",
        "What promoters said",
    ],
    [
        "Ingen anbefaler skrev en kommentar i perioden.",
        "Ingen promotor lämnade en kommentar under perioden.",
        "Ingen promotør skrev en kommentar i perioden.",
        "Kein Promotor hat in diesem Zeitraum einen Kommentar geschrieben.",
        "Geen promoter liet in deze periode een opmerking achter.",
        "Aucun promoteur n'a laissé de commentaire sur la période.",
        "No promoter left a comment this period.",
    ],
    [
        "{detractors} kritikere i perioden. Sager nu: {open} åbne, {overdue} forsinkede.",
        "{detractors} kritiker under perioden. Ärenden nu: {open} öppna, {overdue} försenade.",
        "{detractors} kritikere i perioden. Saker nå: {open} åpne, {overdue} forsinket.",
        "{detractors} Kritiker im Zeitraum. Fälle jetzt: {open} offen, {overdue} überfällig.",
        "{detractors} criticasters in deze periode. Zaken nu: {open} open, {overdue} te laat.",
        "{detractors} détracteurs sur la période. Dossiers en cours : {open} ouverts, \
         {overdue} en retard.",
        "{detractors} detractors this period. Cases now: {open} open, {overdue} overdue.",
    ],
    [
        "Åbn dashboardet",
        "Öppna instrumentpanelen",
        "Åpne dashbordet",
        "Dashboard öffnen",
        "Open het dashboard",
        "Ouvrir le tableau de bord",
        "Open the dashboard",
    ],
    [
        "Et overblik fra {brand}s NPS-undersøgelse. Det indeholder ingen kundeoplysninger.",
        "En sammanfattning från {brand}s NPS-undersökning. Den innehåller inga kunduppgifter.",
        "En oppsummering fra NPS-undersøkelsen til {brand}. Den inneholder ingen \
         kundeopplysninger.",
        "Eine Zusammenfassung der NPS-Umfrage von {brand}. Sie enthält keine Kundendaten.",
        "Een overzicht van de NPS-enquête van {brand}. Het bevat geen klantgegevens.",
        "Un résumé de l'enquête NPS de {brand}. Il ne contient aucune donnée client.",
        "A digest of {brand}'s NPS survey. It holds no customer details.",
    ],
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every language keeps every placeholder of the English text, so no
    /// figure goes missing in translation.
    #[test]
    fn every_language_keeps_the_placeholders() {
        for text in DigestText::ALL {
            crate::text::i18n::assert_placeholders_kept(&format!("{text:?}"), |l| text.get(l));
        }
    }
}
