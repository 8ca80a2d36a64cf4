//! The score buttons for an email: the question and eleven signed links.
//!
//! Email clients ignore stylesheets and scripts and many ignore `<div>`
//! layout, so the block is a table with inline styles only; every score is a
//! plain link, which works in any client and needs no form. One tap answers.
//!
//! After the last row sits a hidden twelfth link, the honeypot
//! ([`honeypot_url`]): a mail scanner opens every link of a message, a person
//! never sees or reaches this one, so its visit marks the email's clicks as a
//! scanner's ([`crate::link::scanner`]). It is HTML only: a plain-text part
//! has no way to hide a link.

use crate::text::html::escape;
use std::fmt::Write;

use crate::link::{honeypot_url, score_url};
use crate::{Category, Score};

/// The words the block shows, in the recipient's language. Passed in rather
/// than looked up so the caller decides the copy and its translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailCopy {
    /// The NPS question, e.g. "How likely are you to recommend us to a friend?"
    pub question: String,
    /// The label under 0.
    pub not_likely: String,
    /// The label under 10.
    pub extremely_likely: String,
}

/// Text and background of a score button. Subtle tints: they hint at the
/// scale's direction without steering the answer.
fn colours(category: Category) -> (&'static str, &'static str) {
    match category {
        Category::Detractor => ("#8a1c1c", "#fdeeee"),
        Category::Passive => ("#7a5200", "#fff6df"),
        Category::Promoter => ("#1d5e33", "#e8f5ec"),
    }
}

const TABLE: &str = "width:100%;max-width:560px;margin:0 auto;border-collapse:separate;\
border-spacing:3px;font-family:Arial,Helvetica,sans-serif;";
const QUESTION: &str = "padding:0 0 12px;font-size:18px;line-height:1.4;color:#1f2328;\
text-align:center;font-weight:bold;";
const LABEL: &str = "padding:6px 0 0;font-size:13px;line-height:1.3;color:#57606a;";

/// Renders the block for one recipient's `token`: the question, a row of
/// eleven links to [`score_url`] (0 to 10), and the end labels. Every value
/// placed in the HTML is escaped.
pub fn render(copy: &EmailCopy, base_url: &str, token: &str) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"3\" \
         border=\"0\" style=\"{TABLE}\">\n\
         <tr><td colspan=\"11\" style=\"{QUESTION}\">{}</td></tr>\n<tr>\n",
        escape(&copy.question)
    );
    for score in Score::all() {
        html.push_str(&score_cell(&score_url(base_url, token, score), score));
    }
    let _ = write!(
        html,
        "</tr>\n<tr><td colspan=\"6\" style=\"{LABEL}text-align:left;\">{}</td>\
         <td colspan=\"5\" style=\"{LABEL}text-align:right;\">{}</td></tr>\n</table>\n",
        escape(&copy.not_likely),
        escape(&copy.extremely_likely)
    );
    html.push_str(&honeypot(&honeypot_url(base_url, token)));
    html
}

/// The hidden link: not displayed (so not read aloud or tabbed to either),
/// `aria-hidden` and out of the tab order for the clients that ignore
/// `display:none`, and no text anyone could see if one showed it anyway.
fn honeypot(url: &str) -> String {
    format!(
        "<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all;\" \
         aria-hidden=\"true\"><a href=\"{}\" tabindex=\"-1\" aria-hidden=\"true\" \
         style=\"display:none;\">&#8203;</a></div>\n",
        escape(url)
    )
}

/// One button: a whole-cell link at least 44px tall, the smallest target a
/// thumb hits reliably; cells share the width so the row fits a phone.
fn score_cell(url: &str, score: Score) -> String {
    let (text, background) = colours(score.category());
    format!(
        "<td width=\"9%\" align=\"center\" style=\"width:9%;padding:0;background:{background};\
         border-radius:6px;\"><a href=\"{}\" style=\"display:block;padding:12px 0;\
         font-size:18px;line-height:20px;font-weight:bold;color:{text};text-decoration:none;\
         text-align:center;\">{score}</a></td>\n",
        escape(url)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy() -> EmailCopy {
        EmailCopy {
            question: "How likely are you to recommend <Bid & Co>?".to_owned(),
            not_likely: "Not at all likely".to_owned(),
            extremely_likely: "Extremely \"likely\"".to_owned(),
        }
    }

    fn hrefs(html: &str) -> Vec<&str> {
        html.split("href=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn renders_eleven_links_in_order_then_the_honeypot() {
        let html = render(&copy(), "https://nps.example.com", "abc.def");
        let mut expected: Vec<String> = (0..=10)
            .map(|n| format!("https://nps.example.com/v1/l/abc.def?score={n}"))
            .collect();
        expected.push("https://nps.example.com/v1/l/abc.def?honeypot=1".to_owned());
        assert_eq!(hrefs(&html), expected);
    }

    #[test]
    fn the_honeypot_is_hidden_from_people_and_their_tools() {
        let html = render(&copy(), "https://nps.example.com", "abc.def");
        let (_, trap) = html.split_once("</table>").expect("after the table");
        assert!(trap.contains("display:none") && trap.contains("mso-hide:all"));
        assert!(trap.contains("aria-hidden=\"true\"") && trap.contains("tabindex=\"-1\""));
        let text: String = trap
            .split('<')
            .filter_map(|part| part.split_once('>').map(|(_, t)| t))
            .collect();
        assert_eq!(text.trim(), "&#8203;");
    }

    #[test]
    fn escapes_every_interpolated_value() {
        let html = render(&copy(), "https://x.example/?a=1&b=\"2\"", "t");
        assert!(html.contains("recommend &lt;Bid &amp; Co&gt;?"));
        assert!(html.contains("Extremely &quot;likely&quot;"));
        assert!(html.contains("href=\"https://x.example/?a=1&amp;b=&quot;2&quot;/v1/l/t?score=0\""));
        assert!(!html.contains("<Bid"));
    }

    #[test]
    fn colours_follow_the_categories() {
        let html = render(&copy(), "https://x.example", "t");
        let cells: Vec<&str> = html.split("<td width").skip(1).collect();
        assert_eq!(cells.len(), 11);
        assert!(cells[6].contains("#fdeeee") && cells[7].contains("#fff6df"));
        assert!(cells[8].contains("#fff6df") && cells[9].contains("#e8f5ec"));
    }

    #[test]
    fn uses_inline_styles_only() {
        let html = render(&copy(), "https://x.example", "t");
        assert!(!html.contains("<style") && !html.contains("class="));
    }
}
