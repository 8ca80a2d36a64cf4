//! Where an answer came from: the widget on a page, or a signed email link.
//! Reports and exports narrow to one, since the two reach different people
//! (email reaches customers who never visit the site again).

use serde::{Deserialize, Serialize};

/// The `source` of a stored answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The embedded widget.
    Widget,
    /// A signed score link in an email.
    Email,
}

impl Source {
    /// Both sources.
    pub const ALL: [Source; 2] = [Source::Widget, Source::Email];

    /// The word stored and used in queries.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Widget => "widget",
            Source::Email => "email",
        }
    }

    /// The source `text` names, exactly as [`Source::as_str`] writes it.
    pub fn parse(text: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_round_trip_and_nothing_else_parses() {
        for source in Source::ALL {
            assert_eq!(Source::parse(source.as_str()), Some(source));
        }
        assert_eq!(Source::parse("Email"), None);
        assert_eq!(Source::parse("sms"), None);
    }
}
