//! The message a Slack-compatible incoming webhook gets for an event.

use serde_json::{json, Value};

use super::{EventKind, ResponseEvent};
use crate::Category;

/// `{"text", "blocks"}` for Slack: `text` is the plain fallback that
/// notifications show, `blocks` the formatted message with the comment
/// quoted and the context underneath. Customer text is escaped, so a comment
/// cannot ping `<!channel>` or forge a link.
pub fn slack_message(event: &ResponseEvent) -> Value {
    let data = &event.data;
    let (label, what) = (
        label(data.category),
        format!("({}/10) on survey {}", data.score, data.survey_id),
    );
    let headline = match (&data.case, event.kind) {
        (Some(case), EventKind::CaseOverdue) => {
            format!("Overdue case: {label} {what}, due {}", case.due_at)
        }
        (Some(case), _) => {
            let by = case
                .assignee
                .as_deref()
                .map(|a| format!(" ({})", slack_escape(a)));
            format!(
                "Case {}{}: {label} {what}",
                case.status,
                by.unwrap_or_default()
            )
        }
        (None, kind) => format!("{label} {} {what}", verb(kind)),
    };
    let comment = data.comment.as_deref().map(slack_escape);
    let note = data
        .case
        .as_ref()
        .and_then(|c| c.note.as_deref())
        .map(slack_escape);
    let text = match (&note, &comment) {
        (Some(n), _) => format!("{headline}: {n}"),
        (None, Some(c)) => format!("{headline}: {c}"),
        (None, None) => headline.clone(),
    };
    let mut body = format!("*{headline}*");
    for quoted in [&comment, &note].into_iter().flatten() {
        body.push_str(&format!("\n>{}", quoted.replace('\n', "\n>")));
    }
    json!({
        "text": text,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": body}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": context_line(event)}]}
        ]
    })
}

fn label(category: Category) -> &'static str {
    match category {
        Category::Detractor => "Detractor",
        Category::Passive => "Passive",
        Category::Promoter => "Promoter",
    }
}

fn verb(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Created => "answered",
        EventKind::Updated => "updated an answer",
        EventKind::CaseUpdated => "case updated",
        EventKind::CaseOverdue => "case overdue",
    }
}

fn context_line(event: &ResponseEvent) -> String {
    let c = &event.data.context;
    let parts = [
        ("touchpoint", &c.touchpoint),
        ("role", &c.role),
        ("customer", &c.customer_ref),
        ("transaction", &c.transaction_ref),
    ];
    parts
        .iter()
        .filter_map(|(name, value)| {
            value
                .as_deref()
                .map(|v| format!("{name}: {}", slack_escape(v)))
        })
        .chain([format!("event: {}", event.id)])
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Slack's three control characters in message text.
pub fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Submission;
    use serde_json::json;

    fn event(score: i64, comment: Option<&str>) -> ResponseEvent {
        let mut body = json!({"id": "0b7e4c9a-4a1f-4c39-9d7e-2f0c1b6a8e51", "survey_id": "pickup",
                              "score": score, "context": {"touchpoint": "pickup", "role": "buyer"}});
        if let Some(c) = comment {
            body["comment"] = json!(c);
        }
        let s = Submission::from_json(body.to_string().as_bytes()).expect("valid");
        ResponseEvent::new(EventKind::Created, &s, 1, 0)
    }

    #[test]
    fn promoter_praise_is_quoted_with_its_context() {
        let message = slack_message(&event(10, Some("Friendly staff\nand fast")));
        assert_eq!(
            message["text"],
            "Promoter answered (10/10) on survey pickup: Friendly staff\nand fast"
        );
        let section = message["blocks"][0]["text"]["text"].as_str().expect("text");
        assert!(
            section.ends_with("\n>Friendly staff\n>and fast"),
            "{section}"
        );
        let context = message["blocks"][1]["elements"][0]["text"]
            .as_str()
            .expect("text");
        assert!(context.starts_with("touchpoint: pickup · role: buyer · event: "));
    }

    #[test]
    fn customer_text_cannot_mention_or_link() {
        let message = slack_message(&event(9, Some("<!channel> <http://x|y> & co")));
        let text = message["text"].as_str().expect("text");
        assert!(text.ends_with("&lt;!channel&gt; &lt;http://x|y&gt; &amp; co"));
        assert!(!message.to_string().contains("<!channel>"));
    }

    #[test]
    fn no_comment_no_quote() {
        let message = slack_message(&event(9, None));
        assert_eq!(message["text"], "Promoter answered (9/10) on survey pickup");
    }
}
