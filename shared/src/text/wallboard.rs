//! Every word of a team's wallboard, in every supported language, in one
//! table: the screen speaks the language its wallboard was made with.
//!
//! Apart from the team digest's table ([`crate::text::team_digest`]): a
//! digest is read closely once a week, a wallboard glanced at from across a
//! room all day, so its words are shorter and change on their own. The
//! page a revoked or expired wallboard shows is a link's page
//! ([`crate::text::link_page::LinkProblem::WallboardGone`]). Placeholders
//! are `{name}`; figures are filled in by [`crate::wallboard`], already
//! formatted.

use crate::text::i18n::fill_each;
use crate::Locale;

/// A fixed string of the wallboard. The variant docs give the English text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WallText {
    /// "This week".
    ThisWeek,
    /// "This month".
    ThisMonth,
    /// "95% interval {low} to {high}".
    Interval,
    /// "{answers} answers".
    Answers,
    /// "No answers yet".
    NoAnswers,
    /// "NPS per week, last 12 weeks".
    Trend,
    /// "Week {week}: {score}", the trend's words for a screen reader.
    TrendWeek,
    /// "What promoters say".
    Praise,
    /// "No promoter comments yet".
    NoPraise,
    /// "Open cases".
    OpenCases,
    /// "Updated just now".
    UpdatedNow,
    /// "Updated {minutes} min ago".
    UpdatedAgo,
    /// "offline", after the age when the last refresh failed.
    Offline,
}

impl WallText {
    /// Every text, so tests can walk the table.
    pub const ALL: [WallText; 13] = [
        WallText::ThisWeek,
        WallText::ThisMonth,
        WallText::Interval,
        WallText::Answers,
        WallText::NoAnswers,
        WallText::Trend,
        WallText::TrendWeek,
        WallText::Praise,
        WallText::NoPraise,
        WallText::OpenCases,
        WallText::UpdatedNow,
        WallText::UpdatedAgo,
        WallText::Offline,
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
const _: () = assert!(TEXTS.len() == WallText::ALL.len() && Locale::ALL.len() == 7);

/// One row per [`WallText`], one column per locale in [`Locale::ALL`]
/// order: da, sv, nb, de, nl, fr, en.
const TEXTS: [[&str; 7]; 13] = [
    [
        "Denne uge",
        "Den här veckan",
        "Denne uken",
        "Diese Woche",
        "Deze week",
        "Cette semaine",
        "This week",
    ],
    [
        "Denne måned",
        "Den här månaden",
        "Denne måneden",
        "Dieser Monat",
        "Deze maand",
        "Ce mois-ci",
        "This month",
    ],
    [
        "95 %-interval {low} til {high}",
        "95 %-intervall {low} till {high}",
        "95 %-intervall {low} til {high}",
        "95-%-Intervall {low} bis {high}",
        "95%-interval {low} tot {high}",
        "intervalle à 95 % : {low} à {high}",
        "95% interval {low} to {high}",
    ],
    [
        "{answers} svar",
        "{answers} svar",
        "{answers} svar",
        "{answers} Antworten",
        "{answers} antwoorden",
        "{answers} réponses",
        "{answers} answers",
    ],
    [
        "Ingen svar endnu",
        "Inga svar än",
        "Ingen svar ennå",
        "Noch keine Antworten",
        "Nog geen antwoorden",
        "Pas encore de réponse",
        "No answers yet",
    ],
    [
        "NPS pr. uge, seneste 12 uger",
        "NPS per vecka, senaste 12 veckorna",
        "NPS per uke, siste 12 uker",
        "NPS pro Woche, letzte 12 Wochen",
        "NPS per week, laatste 12 weken",
        "NPS par semaine, 12 dernières semaines",
        "NPS per week, last 12 weeks",
    ],
    [
        "Uge {week}: {score}",
        "Vecka {week}: {score}",
        "Uke {week}: {score}",
        "Woche {week}: {score}",
        "Week {week}: {score}",
        "Semaine {week} : {score}",
        "Week {week}: {score}",
    ],
    [
        "Det siger anbefalerne",
        "Det här säger promotorerna",
        "Dette sier promotørene",
        "Das sagen die Promotoren",
        "Wat promoters zeggen",
        "Ce que disent les promoteurs",
        "What promoters say",
    ],
    [
        "Ingen kommentarer fra anbefalere endnu",
        "Inga kommentarer från promotorer än",
        "Ingen kommentarer fra promotører ennå",
        "Noch keine Kommentare von Promotoren",
        "Nog geen opmerkingen van promoters",
        "Pas encore de commentaire de promoteur",
        "No promoter comments yet",
    ],
    [
        "Åbne sager",
        "Öppna ärenden",
        "Åpne saker",
        "Offene Fälle",
        "Open zaken",
        "Dossiers ouverts",
        "Open cases",
    ],
    [
        "Opdateret lige nu",
        "Uppdaterad nyss",
        "Oppdatert akkurat nå",
        "Gerade aktualisiert",
        "Zojuist bijgewerkt",
        "Mis à jour à l'instant",
        "Updated just now",
    ],
    [
        "Opdateret for {minutes} min. siden",
        "Uppdaterad för {minutes} min sedan",
        "Oppdatert for {minutes} min siden",
        "Vor {minutes} Min. aktualisiert",
        "{minutes} min geleden bijgewerkt",
        "Mis à jour il y a {minutes} min",
        "Updated {minutes} min ago",
    ],
    [
        "offline",
        "offline",
        "frakoblet",
        "offline",
        "offline",
        "hors ligne",
        "offline",
    ],
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every language keeps every placeholder of the English text, so no
    /// figure goes missing in translation.
    #[test]
    fn every_language_keeps_the_placeholders() {
        for text in WallText::ALL {
            crate::text::i18n::assert_placeholders_kept(&format!("{text:?}"), |l| text.get(l));
        }
    }
}
