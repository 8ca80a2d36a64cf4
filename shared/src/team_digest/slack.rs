//! A team digest as a Slack message in Block Kit, made to be read on a
//! phone: a header, the score (or "too few answers") and its change, the
//! team's detractors and cases, the promoters' words quoted one per
//! section, a button to the dashboard. Within Block Kit's documented limits
//! ([`block_kit_problems`] checks them), and with Slack's control
//! characters escaped, so a comment cannot ping a channel or forge a link.

use serde_json::{json, Value};

use super::{Lines, TeamDigestEvent};
use crate::forward::slack_escape;

/// Block Kit's limits, from Slack's reference (api.slack.com/reference/
/// block-kit): blocks per message, a header's plain text, a section's
/// text, a context's elements, a button's text and URL.
pub const MAX_BLOCKS: usize = 50;
/// Characters of a header block's text.
pub const MAX_HEADER_CHARS: usize = 150;
/// Characters of a section block's text.
pub const MAX_SECTION_CHARS: usize = 3000;
/// Elements of a context block.
pub const MAX_CONTEXT_ELEMENTS: usize = 10;
/// Characters of a button's text.
pub const MAX_BUTTON_CHARS: usize = 75;
/// Characters of a button's URL.
pub const MAX_URL_CHARS: usize = 3000;

/// `{"text", "blocks"}` for a Slack incoming webhook.
pub fn slack_message(event: &TeamDigestEvent, brand: &str) -> Value {
    let data = &event.data;
    let lines = Lines::of(brand, data);
    let mut blocks = vec![json!({
        "type": "header",
        "text": {"type": "plain_text", "text": cut(&lines.title, MAX_HEADER_CHARS)}
    })];
    let mut figures = format!("*{}*", slack_escape(&lines.score));
    if let Some(change) = &lines.change {
        figures.push_str(&format!("\n{}", slack_escape(change)));
    }
    figures.push_str(&format!("\n{}", slack_escape(&lines.cases)));
    blocks.push(section(&figures));
    blocks.push(section(&format!(
        "*{}*",
        slack_escape(&lines.praise_heading)
    )));
    if data.praise.is_empty() {
        blocks.push(section(&slack_escape(&lines.no_praise)));
    }
    for comment in &data.praise {
        blocks.push(section(&format!(
            ">{}",
            slack_escape(comment).replace('\n', "\n>")
        )));
    }
    if let Some(url) = &data.dashboard_url {
        blocks.push(json!({
            "type": "actions",
            "elements": [{
                "type": "button",
                "text": {"type": "plain_text", "text": cut(&lines.link, MAX_BUTTON_CHARS)},
                "url": url
            }]
        }));
    }
    blocks.push(json!({
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": cut(&slack_escape(&lines.footer), MAX_SECTION_CHARS)}]
    }));
    json!({
        "text": format!("{}: {}", slack_escape(&lines.title), slack_escape(&lines.score)),
        "blocks": blocks
    })
}

fn section(text: &str) -> Value {
    json!({"type": "section", "text": {"type": "mrkdwn", "text": cut(text, MAX_SECTION_CHARS)}})
}

/// `text` cut to `max` characters, an ellipsis marking the cut. A comment
/// is at most 2,000 characters, but escaping can lengthen it.
fn cut(text: &str, max: usize) -> String {
    match text.chars().count() <= max {
        true => text.to_owned(),
        false => text.chars().take(max - 1).chain(['…']).collect(),
    }
}

/// Every way `message` breaks Block Kit's documented limits, each named by
/// its block; empty when Slack would take it.
pub fn block_kit_problems(message: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let blocks = message["blocks"].as_array().cloned().unwrap_or_default();
    if blocks.is_empty() || blocks.len() > MAX_BLOCKS {
        problems.push(format!("{} blocks; give 1 to {MAX_BLOCKS}", blocks.len()));
    }
    for (i, block) in blocks.iter().enumerate() {
        let at = format!("blocks[{i}]");
        let elements = block["elements"].as_array().cloned().unwrap_or_default();
        match block["type"].as_str() {
            Some("header") => text(
                &mut problems,
                &format!("{at}.text"),
                &block["text"]["text"],
                MAX_HEADER_CHARS,
            ),
            Some("section") => text(
                &mut problems,
                &format!("{at}.text"),
                &block["text"]["text"],
                MAX_SECTION_CHARS,
            ),
            Some("context") => {
                if elements.is_empty() || elements.len() > MAX_CONTEXT_ELEMENTS {
                    let count = elements.len();
                    problems.push(format!(
                        "{at}: {count} elements; give 1 to {MAX_CONTEXT_ELEMENTS}"
                    ));
                }
                for (j, element) in elements.iter().enumerate() {
                    let at = format!("{at}.elements[{j}]");
                    text(
                        &mut problems,
                        &format!("{at}.text"),
                        &element["text"],
                        MAX_SECTION_CHARS,
                    );
                }
            }
            Some("actions") => {
                for (j, button) in elements.iter().enumerate() {
                    let at = format!("{at}.elements[{j}]");
                    text(
                        &mut problems,
                        &format!("{at}.text"),
                        &button["text"]["text"],
                        MAX_BUTTON_CHARS,
                    );
                    text(
                        &mut problems,
                        &format!("{at}.url"),
                        &button["url"],
                        MAX_URL_CHARS,
                    );
                }
            }
            other => problems.push(format!("{at}: a block of type {other:?} is not used here")),
        }
    }
    problems
}

/// A text of 1 to `max` characters at `at`, else a problem.
fn text(problems: &mut Vec<String>, at: &str, value: &Value, max: usize) {
    let chars = value.as_str().map_or(0, |s| s.chars().count());
    if chars == 0 {
        problems.push(format!("{at}: no text"));
    } else if chars > max {
        problems.push(format!("{at}: {chars} characters, more than {max}"));
    }
}
