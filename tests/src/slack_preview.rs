//! A Block Kit message drawn the way Slack's message view draws it, so the
//! docs can show a team digest as a team sees it without a Slack
//! workspace: `cargo xtask screenshots` renders the real message
//! (`shared::team_digest::slack::slack_message`) with [`page`] and takes
//! its picture in Chromium.
//!
//! Only the Block Kit our messages use is drawn: header, section (mrkdwn or
//! plain text, fields), context, divider, and actions with buttons. Anything
//! else (a block, element, text type or key this does not know) is an
//! error, never left out, so a picture cannot quietly show less than Slack
//! would: a new block in `slack.rs` fails the screenshots and the tests
//! until it is drawn here too.

use serde_json::{Map, Value};

/// Who posted the message and when, as Slack shows above it.
pub struct Sender<'a> {
    /// The app's name, e.g. `Ambassador`.
    pub app: &'a str,
    /// The channel it was posted to, without `#`.
    pub channel: &'a str,
    /// The time as Slack shows it, e.g. `08:00`.
    pub time: &'a str,
}

/// A whole HTML page: `message` (`{"text", "blocks"}`) posted by `sender`
/// in a light Slack frame, fitting any width from a 360 px phone up.
pub fn page(message: &Value, sender: &Sender) -> Result<String, String> {
    let blocks = blocks(message)?;
    let initial = sender.app.chars().next().unwrap_or('A');
    Ok(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{app} in #{channel}</title><style>{STYLE}</style></head><body>\
         <header class=\"channel\"># {channel}</header>\
         <main class=\"message\"><div class=\"avatar\" aria-hidden=\"true\">{initial}</div>\
         <div class=\"content\"><p class=\"sender\"><b>{app}</b> <span class=\"badge\">APP</span> \
         <time>{time}</time></p>{blocks}</div></main></body></html>",
        app = escape(sender.app),
        channel = escape(sender.channel),
        initial = escape(&initial.to_string()),
        time = escape(sender.time),
    ))
}

/// The message's blocks as HTML, in order.
pub fn blocks(message: &Value) -> Result<String, String> {
    let blocks = message["blocks"]
        .as_array()
        .ok_or("the message has no `blocks` array")?;
    blocks
        .iter()
        .enumerate()
        .map(|(i, block)| self::block(block).map_err(|e| format!("blocks[{i}]: {e}")))
        .collect()
}

fn block(block: &Value) -> Result<String, String> {
    let kind = block["type"].as_str().unwrap_or_default();
    let fields = object(block)?;
    match kind {
        "header" => {
            known_keys(fields, &["type", "block_id", "text"])?;
            let text = text_object(&block["text"], Some("plain_text"))?;
            Ok(format!("<h2 class=\"header\">{text}</h2>"))
        }
        "section" => {
            known_keys(fields, &["type", "block_id", "text", "fields"])?;
            let mut html = String::from("<div class=\"section\">");
            if !block["text"].is_null() {
                html.push_str(&text_object(&block["text"], None)?);
            }
            if let Some(items) = block["fields"].as_array() {
                html.push_str("<div class=\"fields\">");
                for (j, item) in items.iter().enumerate() {
                    let item = text_object(item, None).map_err(|e| format!("fields[{j}]: {e}"))?;
                    html.push_str(&format!("<div>{item}</div>"));
                }
                html.push_str("</div>");
            }
            Ok(html + "</div>")
        }
        "context" => {
            known_keys(fields, &["type", "block_id", "elements"])?;
            let parts = each_element(block, |element| text_object(element, None))?;
            Ok(format!("<div class=\"context\">{parts}</div>"))
        }
        "divider" => {
            known_keys(fields, &["type", "block_id"])?;
            Ok("<hr>".to_owned())
        }
        "actions" => {
            known_keys(fields, &["type", "block_id", "elements"])?;
            let buttons = each_element(block, button)?;
            Ok(format!("<div class=\"actions\">{buttons}</div>"))
        }
        other => Err(format!("a block of type {other:?} is not drawn here")),
    }
}

/// Each of `block`'s `elements` drawn by `draw`, an error naming the first
/// that cannot be.
fn each_element(
    block: &Value,
    draw: impl Fn(&Value) -> Result<String, String>,
) -> Result<String, String> {
    let elements = block["elements"].as_array().ok_or("no `elements` array")?;
    elements
        .iter()
        .enumerate()
        .map(|(j, element)| draw(element).map_err(|e| format!("elements[{j}]: {e}")))
        .collect()
}

fn button(element: &Value) -> Result<String, String> {
    if element["type"] != "button" {
        return Err(format!(
            "an element of type {} is not drawn here",
            element["type"]
        ));
    }
    known_keys(
        object(element)?,
        &["type", "action_id", "text", "url", "style", "value"],
    )?;
    let text = text_object(&element["text"], Some("plain_text"))?;
    let style = match element["style"].as_str() {
        None => "button",
        Some("primary") => "button primary",
        Some("danger") => "button danger",
        Some(other) => return Err(format!("a button style {other:?} is not drawn here")),
    };
    let url = element["url"].as_str().unwrap_or("#");
    Ok(format!(
        "<a class=\"{style}\" href=\"{}\">{text}</a>",
        escape(url)
    ))
}

/// A text object as HTML; `only` names the one type its place allows.
fn text_object(value: &Value, only: Option<&str>) -> Result<String, String> {
    let fields = object(value)?;
    known_keys(fields, &["type", "text", "emoji", "verbatim"])?;
    let kind = value["type"].as_str().unwrap_or_default();
    if only.is_some_and(|only| only != kind) {
        return Err(format!("a text of type {kind:?} where only {only:?} goes"));
    }
    let draw = match kind {
        "plain_text" => escape,
        "mrkdwn" => mrkdwn,
        other => {
            return Err(format!(
                "a text or element of type {other:?} is not drawn here"
            ))
        }
    };
    let text = value["text"]
        .as_str()
        .ok_or("a text object without `text`")?;
    Ok(draw(text))
}

fn object(value: &Value) -> Result<&Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("{value} is not an object"))
}

/// An error naming a key not in `known`: a key this does not draw (a
/// section's `accessory`, say) must not vanish from the picture.
fn known_keys(fields: &Map<String, Value>, known: &[&str]) -> Result<(), String> {
    match fields.keys().find(|key| !known.contains(&key.as_str())) {
        Some(key) => Err(format!("the key {key:?} is not drawn here")),
        None => Ok(()),
    }
}

/// Slack's mrkdwn as HTML: lines starting `>` quoted (consecutive ones in
/// one quote), `*bold*`, `_italic_`, `~strike~`, `` `code` ``, and
/// `<url|label>`, `<url>` and `<!here>` links and mentions; `&amp;`, `&lt;`
/// and `&gt;` are the text's own `&`, `<` and `>`.
pub fn mrkdwn(text: &str) -> String {
    let mut html = String::new();
    let mut quoted = Vec::new();
    for line in text.split('\n') {
        match line.strip_prefix('>') {
            Some(rest) => quoted.push(inline(rest.strip_prefix(' ').unwrap_or(rest))),
            None => {
                flush_quote(&mut html, &mut quoted);
                html.push_str(&format!("<p>{}</p>", inline(line)));
            }
        }
    }
    flush_quote(&mut html, &mut quoted);
    html
}

fn flush_quote(html: &mut String, quoted: &mut Vec<String>) {
    if !quoted.is_empty() {
        html.push_str(&format!("<blockquote>{}</blockquote>", quoted.join("<br>")));
        quoted.clear();
    }
}

/// One line: its `<…>` links and mentions, and emphasis in the words
/// between them.
fn inline(line: &str) -> String {
    let mut html = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('<') {
        let Some(length) = rest[start..].find('>') else {
            break;
        };
        html.push_str(&emphasis(&escape(&unescape(&rest[..start]))));
        html.push_str(&link(&rest[start + 1..start + length]));
        rest = &rest[start + length + 1..];
    }
    html.push_str(&emphasis(&escape(&unescape(rest))));
    html
}

/// The inside of `<…>`: a link with or without a label, a special mention
/// (`!here`), a user (`@U…`) or a channel (`#C…|name`).
fn link(inside: &str) -> String {
    let (target, label) = match inside.split_once('|') {
        Some((target, label)) => (target, Some(label)),
        None => (inside, None),
    };
    let mention = |text: String| format!("<span class=\"mention\">{text}</span>");
    if let Some(special) = target.strip_prefix('!') {
        return mention(format!("@{}", escape(special)));
    }
    if let Some(user) = target.strip_prefix('@') {
        return mention(format!("@{}", escape(label.unwrap_or(user))));
    }
    if let Some(channel) = target.strip_prefix('#') {
        return mention(format!("#{}", escape(label.unwrap_or(channel))));
    }
    let label = emphasis(&escape(&unescape(label.unwrap_or(target))));
    format!("<a href=\"{}\">{label}</a>", escape(&unescape(target)))
}

/// `*bold*`, `_italic_`, `~strike~` and `` `code` `` in HTML-escaped text,
/// as Slack reads them: a marker opens after a space or punctuation and
/// before a non-space, and closes the same way round, within the line.
fn emphasis(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut html = String::new();
    let mut i = 0;
    while i < chars.len() {
        let tag = match chars[i] {
            '*' => "strong",
            '_' => "em",
            '~' => "del",
            '`' => "code",
            _ => "",
        };
        let opens = !tag.is_empty()
            && (i == 0 || !chars[i - 1].is_alphanumeric())
            && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
        let close = (i + 2..chars.len()).find(|&j| {
            chars[j] == chars[i]
                && !chars[j - 1].is_whitespace()
                && chars.get(j + 1).is_none_or(|c| !c.is_alphanumeric())
        });
        match close.filter(|_| opens) {
            Some(j) => {
                let inner: String = chars[i + 1..j].iter().collect();
                let inner = match tag {
                    "code" => inner,
                    _ => emphasis(&inner),
                };
                html.push_str(&format!("<{tag}>{inner}</{tag}>"));
                i = j + 1;
            }
            None => {
                html.push(chars[i]);
                i += 1;
            }
        }
    }
    html
}

/// Slack's three escapes undone: mrkdwn's `&amp;` is the text's `&`.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Slack's light theme as its web and desktop apps draw a message (fonts,
/// sizes and colours read off its message view): Lato where installed,
/// 15 px text, 36 px rounded avatar, grey quote bar, outlined buttons.
const STYLE: &str = "
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1d1c1d;
  font: 15px/1.46668 Slack-Lato, Lato, 'Helvetica Neue', Helvetica, 'Segoe UI', Arial, sans-serif;
  -webkit-font-smoothing: antialiased; }
.channel { padding: 12px 20px; border-bottom: 1px solid #e2e2e2; font-weight: 900; font-size: 18px; }
.message { display: flex; gap: 8px; padding: 8px 20px 16px; max-width: 100%; }
.avatar { flex: none; width: 36px; height: 36px; border-radius: 6px; background: #4a154b;
  color: #fff; font-weight: 900; font-size: 18px; display: grid; place-items: center; margin-top: 4px; }
.content { min-width: 0; flex: 1; overflow-wrap: anywhere; }
.sender { margin: 0 0 2px; }
.sender b { font-weight: 900; }
.badge { font-size: 10px; font-weight: 700; color: #616061; background: rgba(29,28,29,.13);
  border-radius: 2px; padding: 1px 3px; vertical-align: 2px; }
time { color: #616061; font-size: 12px; margin-left: 4px; }
p { margin: 0; min-height: 1.46668em; }
.header { font-size: 18px; line-height: 1.33; font-weight: 900; margin: 4px 0; }
.section { margin: 4px 0; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin-top: 4px; }
blockquote { margin: 4px 0; padding-left: 12px; border-left: 4px solid #ddd; }
strong { font-weight: 900; }
code { font: 12px Monaco, Menlo, Consolas, monospace; color: #e01e5a; background: #f8f8f8;
  border: 1px solid #e2e2e2; border-radius: 3px; padding: 2px 3px 1px; }
a { color: #1264a3; text-decoration: none; }
.mention { color: #1264a3; background: rgba(29,155,209,.1); border-radius: 3px; padding: 0 2px; }
.context { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0; color: #616061; font-size: 13px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 4px; }
.button { display: inline-flex; align-items: center; min-height: 28px; padding: 3px 12px;
  border: 1px solid rgba(29,28,29,.3); border-radius: 4px; color: #1d1c1d; background: #fff;
  font-size: 13px; font-weight: 700; }
.button.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.button.danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
hr { border: 0; border-top: 1px solid #e2e2e2; margin: 8px 0; }
";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mrkdwn_draws_bold_italic_quotes_links_and_escapes() {
        assert_eq!(
            mrkdwn("*NPS +42*, _95%_ ~x~ `y`"),
            "<p><strong>NPS +42</strong>, <em>95%</em> <del>x</del> <code>y</code></p>"
        );
        assert_eq!(
            mrkdwn(">Alt gik &lt;glat&gt; &amp; hurtigt\n>2 * 3 = 6\nefter"),
            "<blockquote>Alt gik &lt;glat&gt; &amp; hurtigt<br>2 * 3 = 6</blockquote><p>efter</p>"
        );
        assert_eq!(
            mrkdwn("<https://x.example/?a=1&amp;b=2|*Open*> <!here> snake_case_word"),
            "<p><a href=\"https://x.example/?a=1&amp;b=2\"><strong>Open</strong></a> \
             <span class=\"mention\">@here</span> snake_case_word</p>"
        );
    }

    #[test]
    fn every_block_kit_part_our_messages_use_is_drawn() {
        let message = json!({"text": "t", "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "A <b>"}},
            {"type": "section", "text": {"type": "mrkdwn", "text": "*s*"},
             "fields": [{"type": "plain_text", "text": "f1"}, {"type": "mrkdwn", "text": "_f2_"}]},
            {"type": "divider"},
            {"type": "actions", "elements": [{"type": "button", "style": "primary",
             "text": {"type": "plain_text", "text": "Go"}, "url": "https://x.example"}]},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}]}
        ]});
        let html = blocks(&message).expect("drawn");
        for part in [
            "<h2 class=\"header\">A &lt;b&gt;</h2>",
            "<strong>s</strong>",
            "<div>f1</div><div><p><em>f2</em></p></div>",
            "<hr>",
            "<a class=\"button primary\" href=\"https://x.example\">Go</a>",
            "<div class=\"context\"><p>c</p></div>",
        ] {
            assert!(html.contains(part), "{part} missing from {html}");
        }
    }

    /// Each shape of digest `slack_message` makes is drawn whole: a score
    /// with its change, praise and the dashboard's button; and too few
    /// answers, no praise, no link.
    #[test]
    fn every_team_digest_slack_message_is_drawn() {
        use ambassador_shared::team_digest::slack::slack_message;
        use ambassador_shared::team_digest::{Figures, Period, TeamDigestEvent};
        use ambassador_shared::{Surveys, Tally};
        let surveys = Surveys::from_toml_str(
            r#"
            time_zone = "Europe/Copenhagen"
            [[survey]]
            id = "pickup"
            brand = "Nord & <Auktion>"
            allowed_origins = ["https://nord.example"]
            [[survey.destinations]]
            id = "staff"
            kind = "slack"
            url = "https://hooks.slack.example/T1"
            categories = ["promoter"]
            [[survey.team_digests]]
            id = "pickup-team"
            touchpoint = "pickup"
            weekday = "monday"
            hour = 8
            destinations = ["staff"]
            "#,
        )
        .expect("valid");
        let survey = surveys.get("pickup").expect("defined");
        let digest = &survey.team_digests[0];
        let from = ambassador_shared::report::date::Day::parse("2026-11-30").expect("a day");
        let period = Period::last_full(digest.every, from.add_days(7));
        let tally = |detractors, passives, promoters| Tally {
            detractors,
            passives,
            promoters,
        };
        let rich = Figures {
            current: tally(10, 20, 70),
            previous: tally(30, 20, 50),
            praise: vec!["Fast *and* <kind>\nthanks".to_owned()],
            open_cases: 3,
            overdue_cases: 1,
        };
        let few = Figures {
            current: tally(1, 0, 1),
            ..Figures::default()
        };
        for (figures, url) in [(rich, Some("https://nps.example")), (few, None)] {
            let event = TeamDigestEvent::new(survey, digest, &period, figures, url, 0);
            let message = slack_message(&event, &survey.brand);
            let sender = Sender {
                app: "Ambassador",
                channel: "pickup",
                time: "08:00",
            };
            page(&message, &sender).unwrap_or_else(|e| panic!("{e}: {message}"));
        }
    }

    #[test]
    fn what_is_not_drawn_here_is_an_error_not_left_out() {
        let text = json!({"type": "mrkdwn", "text": "x"});
        for (block, expected) in [
            (
                json!({"type": "image", "image_url": "u", "alt_text": "a"}),
                "\"image\"",
            ),
            (
                json!({"type": "section", "text": text, "accessory": {}}),
                "\"accessory\"",
            ),
            (
                json!({"type": "actions", "elements": [{"type": "static_select"}]}),
                "static_select",
            ),
            (
                json!({"type": "context", "elements": [{"type": "image"}]}),
                "\"image\"",
            ),
            (
                json!({"type": "header", "text": text}),
                "only Some(\"plain_text\")",
            ),
            (
                json!({"type": "section", "text": {"type": "rich", "text": "x"}}),
                "\"rich\"",
            ),
            (
                json!({"type": "actions", "elements": [{"type": "button", "style": "x",
                   "text": {"type": "plain_text", "text": "b"}}]}),
                "style \"x\"",
            ),
        ] {
            let message = json!({"blocks": [{"type": "divider"}, block]});
            let error = blocks(&message).expect_err("refused");
            assert!(
                error.starts_with("blocks[1]") && error.contains(expected),
                "{error} should name {expected}"
            );
        }
        assert!(blocks(&json!({"text": "only text"})).is_err());
    }
}
