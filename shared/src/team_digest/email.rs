//! A team digest as an email, for the company's own mailer (like an
//! invitation, Ambassador sends no email itself): a subject, an HTML part
//! with inline styles only, and the same as plain text, in the team's
//! language. Every value put into the HTML is escaped; comments are shown
//! as written.

use serde::{Deserialize, Serialize};
use std::fmt::Write;

use super::{DigestData, Lines};
use crate::text::html::escape;

/// One rendered email.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestEmail {
    /// The subject line.
    pub subject: String,
    /// The `text/html` part: a whole document.
    pub html: String,
    /// The `text/plain` part, with the link written out.
    pub text: String,
}

const BODY: &str = "margin:0;padding:0;background:#f4f5f7;";
const FRAME: &str = "max-width:600px;margin:0 auto;padding:24px 12px;\
font-family:Arial,Helvetica,sans-serif;color:#1f2328;";
const HEADING: &str = "margin:0 0 16px;font-size:20px;line-height:1.3;";
const LINE: &str = "margin:0 0 12px;font-size:16px;line-height:1.5;";
const QUOTE: &str = "margin:0 0 12px;padding:0 0 0 12px;border-left:3px solid #1a7f37;\
font-size:16px;line-height:1.5;white-space:pre-wrap;";
const BUTTON: &str = "display:inline-block;padding:10px 16px;background:#0b57d0;color:#ffffff;\
text-decoration:none;border-radius:4px;font-size:16px;";
const FOOTER: &str = "margin:24px 0 0;font-size:12px;line-height:1.5;color:#57606a;";

/// The email of `data`, for a survey of `brand`.
pub fn render(brand: &str, data: &DigestData) -> DigestEmail {
    let lines = Lines::of(brand, data);
    DigestEmail {
        subject: lines.title.clone(),
        html: html(&lines, data),
        text: text(&lines, data),
    }
}

fn html(lines: &Lines, data: &DigestData) -> String {
    let mut body = format!("<h1 style=\"{HEADING}\">{}</h1>\n", escape(&lines.title));
    for line in [
        Some(&lines.score),
        lines.change.as_ref(),
        Some(&lines.cases),
    ]
    .into_iter()
    .flatten()
    {
        let _ = writeln!(body, "<p style=\"{LINE}\">{}</p>", escape(line));
    }
    let _ = writeln!(
        body,
        "<h2 style=\"{LINE}font-weight:bold;\">{}</h2>",
        escape(&lines.praise_heading)
    );
    if data.praise.is_empty() {
        let _ = writeln!(body, "<p style=\"{LINE}\">{}</p>", escape(&lines.no_praise));
    }
    for comment in &data.praise {
        let _ = writeln!(
            body,
            "<blockquote style=\"{QUOTE}\">{}</blockquote>",
            escape(comment)
        );
    }
    if let Some(url) = &data.dashboard_url {
        let _ = writeln!(
            body,
            "<p style=\"{LINE}\"><a href=\"{}\" style=\"{BUTTON}\">{}</a></p>",
            escape(url),
            escape(&lines.link)
        );
    }
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n</head>\n<body style=\"{BODY}\">\n<div style=\"{FRAME}\">\n\
         {body}<p style=\"{FOOTER}\">{}</p>\n</div>\n</body>\n</html>\n",
        data.language,
        escape(&lines.title),
        escape(&lines.footer),
    )
}

fn text(lines: &Lines, data: &DigestData) -> String {
    let mut text = format!("{}\n\n{}\n", lines.title, lines.score);
    if let Some(change) = &lines.change {
        let _ = writeln!(text, "{change}");
    }
    let _ = write!(text, "{}\n\n{}:\n", lines.cases, lines.praise_heading);
    if data.praise.is_empty() {
        let _ = writeln!(text, "{}", lines.no_praise);
    }
    for comment in &data.praise {
        let _ = writeln!(text, "> {}", comment.replace('\n', "\n> "));
    }
    if let Some(url) = &data.dashboard_url {
        let _ = write!(text, "\n{}: {url}\n", lines.link);
    }
    let _ = write!(text, "\n--\n{}\n", lines.footer);
    text
}
