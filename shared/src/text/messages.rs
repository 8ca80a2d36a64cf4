//! The widget's fixed strings (the scale's labels, buttons, notices) in one
//! language, as the edge sends them with a survey.
//!
//! The widget's wasm is paid for by every visitor on every first visit, and
//! the table in [`super::i18n`] holds seven languages of which a visitor reads
//! one. The loader already fetches the survey in the visitor's language
//! alongside the wasm, so these strings travel with it, and the wasm keeps
//! only the English ones, to show when that request fails.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

use super::i18n::{text, Message};
use crate::Locale;

/// Every message the widget shows besides the survey's own texts (the
/// question and the follow-ups, which the survey carries resolved), in the
/// order they are sent.
pub const WIDGET: [Message; 14] = [
    Message::ScaleDescription,
    Message::NotLikely,
    Message::ExtremelyLikely,
    Message::ScoreLabel,
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

/// The texts of [`WIDGET`] in one language, placeholders still unfilled; in
/// JSON an object from each message's [`Message::key`] to its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Messages(Vec<String>);

impl Messages {
    /// The widget's messages in `locale`, from the table: what the edge sends.
    pub fn new(locale: Locale) -> Messages {
        Messages(WIDGET.iter().map(|m| text(locale, *m).to_owned()).collect())
    }

    /// The widget's messages in English, its built-in fallback. Its own
    /// function, with the locale a constant, so that a wasm calling only
    /// this links only the table's English column.
    pub fn english() -> Messages {
        Messages(
            WIDGET
                .iter()
                .map(|m| text(Locale::En, *m).to_owned())
                .collect(),
        )
    }

    /// Reads the messages by key (`text` gives the text sent under a key);
    /// `None` when one is missing, so a reader never mixes languages.
    pub fn read(mut text: impl FnMut(&str) -> Option<String>) -> Option<Messages> {
        WIDGET
            .iter()
            .map(|m| text(m.key()))
            .collect::<Option<_>>()
            .map(Messages)
    }

    /// The text of `message`, placeholders unfilled; empty for a message
    /// outside [`WIDGET`], which the survey's own texts cover.
    pub fn get(&self, message: Message) -> &str {
        WIDGET
            .iter()
            .position(|m| *m == message)
            .and_then(|i| self.0.get(i))
            .map_or("", String::as_str)
    }
}

impl Serialize for Messages {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(WIDGET.iter().map(|m| m.key()).zip(&self.0))
    }
}

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Messages, D::Error> {
        let mut sent = BTreeMap::<String, String>::deserialize(deserializer)?;
        Messages::read(|key| sent.remove(key))
            .ok_or_else(|| D::Error::custom("a widget message is missing"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_an_object_by_key_and_reads_back() {
        let swedish = Messages::new(Locale::Sv);
        let json = serde_json::to_value(&swedish).expect("json");
        assert_eq!(json["submit"], "Skicka");
        assert_eq!(json["score_label"], "{score} av 10");
        assert_eq!(json.as_object().map(|o| o.len()), Some(WIDGET.len()));
        let back: Messages = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, swedish);
    }

    #[test]
    fn a_missing_message_reads_as_none() {
        let mut json = serde_json::to_value(Messages::new(Locale::Da)).expect("json");
        json.as_object_mut().map(|o| o.remove("thanks"));
        assert!(serde_json::from_value::<Messages>(json).is_err());
    }

    #[test]
    fn get_finds_each_message_and_nothing_else() {
        let english = Messages::english();
        assert_eq!(english, Messages::new(Locale::En));
        for message in WIDGET {
            assert_eq!(english.get(message), text(Locale::En, message));
        }
        assert_eq!(english.get(Message::Question), "");
    }
}
