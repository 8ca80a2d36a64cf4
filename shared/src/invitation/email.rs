//! The invitation email, rendered once for the Worker and `ambassador-link`:
//! a subject, an HTML part and a plain-text part in the recipient's
//! language, asking the survey's own question under its brand.
//!
//! The score buttons are [`crate::link::email::render`]'s block; this module
//! puts the words around it (why the email came, how to stop them) and
//! writes the same content as plain text for clients that show no HTML.

use serde::Serialize;
use std::fmt::Write;

use crate::link::email::{self, EmailCopy};
use crate::link::score_url;
use crate::survey::SurveyDefinition;
use crate::text::email::EmailText;
use crate::text::html::escape;
use crate::text::i18n::{fill, text, Message};
use crate::{Locale, Score};

/// One email, ready for a mailer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvitationEmail {
    /// The subject line.
    pub subject: String,
    /// The `text/html` part: a whole document with inline styles only.
    pub html: String,
    /// The `text/plain` part, with every link written out.
    pub text: String,
}

/// Whether the email invites for the first time or reminds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    /// The first email (or a re-invitation).
    Invitation,
    /// A reminder to someone who has not answered.
    Reminder,
}

/// The words of the score block for `survey` in `locale`: the survey's own
/// question (brand filled in), the widget's end labels. The landing page
/// asks the same question in the same words.
pub fn copy(survey: &SurveyDefinition, locale: Locale) -> EmailCopy {
    EmailCopy {
        question: survey.question(locale),
        not_likely: text(locale, Message::NotLikely).to_owned(),
        extremely_likely: text(locale, Message::ExtremelyLikely).to_owned(),
    }
}

/// The score block alone, for a sender who writes the rest of the email
/// (`ambassador-link email`).
pub fn block(survey: &SurveyDefinition, locale: Locale, base_url: &str, token: &str) -> String {
    email::render(&copy(survey, locale), base_url, token)
}

const BODY: &str = "margin:0;padding:0;background:#f4f5f7;";
const FRAME: &str = "max-width:600px;margin:0 auto;padding:24px 12px;\
font-family:Arial,Helvetica,sans-serif;color:#1f2328;";
const INTRO: &str = "margin:0 0 16px;font-size:16px;line-height:1.5;text-align:center;";
const FOOTER: &str = "margin:24px 0 0;font-size:12px;line-height:1.5;color:#57606a;\
text-align:center;";

/// The whole email for one recipient whose score links carry `token` and
/// whose unsubscribe link is `unsubscribe_url`. Every value placed in the
/// HTML is escaped.
pub fn render(
    survey: &SurveyDefinition,
    locale: Locale,
    base_url: &str,
    token: &str,
    unsubscribe_url: &str,
    occasion: Occasion,
) -> InvitationEmail {
    let words = |t: EmailText| fill(t.get(locale), "brand", &survey.brand);
    let subject = words(match occasion {
        Occasion::Invitation => EmailText::Subject,
        Occasion::Reminder => EmailText::ReminderSubject,
    });
    let (intro, footer, unsubscribe) = (
        words(EmailText::Intro),
        words(EmailText::Footer),
        words(EmailText::UnsubscribeLink),
    );
    let html = format!(
        "<!doctype html>\n<html lang=\"{locale}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n</head>\n<body style=\"{BODY}\">\n<div style=\"{FRAME}\">\n\
         <p style=\"{INTRO}\">{}</p>\n{}<p style=\"{FOOTER}\">{}<br>\
         <a href=\"{}\" style=\"color:#57606a;\">{}</a></p>\n</div>\n</body>\n</html>\n",
        escape(&subject),
        escape(&intro),
        block(survey, locale, base_url, token),
        escape(&footer),
        escape(unsubscribe_url),
        escape(&unsubscribe),
    );
    let copy = copy(survey, locale);
    let mut text = format!("{intro}\n\n{}\n\n", copy.question);
    for score in Score::all() {
        let label = match score.value() {
            0 => format!(" ({})", copy.not_likely),
            10 => format!(" ({})", copy.extremely_likely),
            _ => String::new(),
        };
        let _ = writeln!(
            text,
            "{score}{label}: {}",
            score_url(base_url, token, score)
        );
    }
    let _ = write!(text, "\n--\n{footer}\n{unsubscribe}: {unsubscribe_url}\n");
    InvitationEmail {
        subject,
        html,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Surveys;

    fn survey() -> SurveyDefinition {
        let toml = r#"
            [[survey]]
            id = "pickup"
            brand = "Bid & <Co>"
            allowed_origins = ["https://x.example"]
            question = { da = "Tænk på afhentningen: anbefaler du {brand}?" }
        "#;
        let surveys = Surveys::from_toml_str(toml).expect("valid");
        surveys.get("pickup").expect("defined").clone()
    }

    fn rendered(locale: Locale, occasion: Occasion) -> InvitationEmail {
        render(
            &survey(),
            locale,
            "https://nps.example",
            "t.k",
            "https://nps.example/v1/unsubscribe/u.s",
            occasion,
        )
    }

    #[test]
    fn asks_the_surveys_own_question_in_the_recipients_language() {
        let email = rendered(Locale::Da, Occasion::Invitation);
        assert_eq!(email.subject, "Hvordan var din oplevelse med Bid & <Co>?");
        assert!(email.html.contains("<html lang=\"da\">"));
        assert!(email
            .html
            .contains("Tænk på afhentningen: anbefaler du Bid &amp; &lt;Co&gt;?"));
        assert!(email
            .text
            .contains("Tænk på afhentningen: anbefaler du Bid & <Co>?"));
        assert!(email.text.contains("0 (Slet ikke sandsynligt)"));
        // A language the survey gives no question in asks the built-in one.
        let english = rendered(Locale::En, Occasion::Invitation);
        assert!(english
            .text
            .contains("How likely are you to recommend Bid & <Co> to a friend or colleague?"));
    }

    #[test]
    fn every_score_link_and_the_unsubscribe_link_are_in_both_parts() {
        let email = rendered(Locale::En, Occasion::Invitation);
        for n in 0..=10 {
            let link = format!("https://nps.example/v1/l/t.k?score={n}");
            assert!(email.html.contains(&format!("href=\"{link}\"")), "{n}");
            assert!(email.text.contains(&link), "{n}");
        }
        let unsubscribe = "https://nps.example/v1/unsubscribe/u.s";
        assert!(email.html.contains(&format!("href=\"{unsubscribe}\"")));
        assert!(email
            .text
            .contains(&format!("Unsubscribe from these surveys: {unsubscribe}")));
        assert!(!email.html.contains("<Co>") && !email.html.contains("<script"));
    }

    #[test]
    fn a_reminder_says_so_in_the_subject() {
        let email = rendered(Locale::Sv, Occasion::Reminder);
        assert_eq!(
            email.subject,
            "En påminnelse: hur var din upplevelse av Bid & <Co>?"
        );
    }
}
