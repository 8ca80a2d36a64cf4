//! The answer to "how likely are you to recommend us": a whole number 0..=10.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::Category;

/// A score on the 11-step NPS scale. It can only be built for 0..=10, so every
/// `Score` the rest of the code sees is already valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Score(u8);

/// Why a number is not a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreOutOfRange(pub i64);

impl fmt::Display for ScoreOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not a score: use a whole number from 0 to 10",
            self.0
        )
    }
}

impl std::error::Error for ScoreOutOfRange {}

impl Score {
    /// The lowest score, "not at all likely".
    pub const MIN: Score = Score(0);
    /// The highest score, "extremely likely".
    pub const MAX: Score = Score(10);

    /// Builds a score, refusing anything outside 0..=10.
    pub fn new(value: i64) -> Result<Score, ScoreOutOfRange> {
        match u8::try_from(value) {
            Ok(v) if v <= 10 => Ok(Score(v)),
            _ => Err(ScoreOutOfRange(value)),
        }
    }

    /// All eleven scores in order, for rendering the scale.
    pub fn all() -> impl Iterator<Item = Score> {
        (0..=10).map(Score)
    }

    /// The number itself.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The NPS class of this score.
    pub fn category(self) -> Category {
        Category::of(self)
    }
}

impl TryFrom<i64> for Score {
    type Error = ScoreOutOfRange;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Score::new(value)
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_exactly_zero_to_ten() {
        assert_eq!(Score::all().count(), 11);
        assert!(Score::new(-1).is_err());
        assert!(Score::new(11).is_err());
        assert_eq!(Score::new(0).map(Score::value), Ok(0));
        assert_eq!(Score::new(10).map(Score::value), Ok(10));
    }

    #[test]
    fn deserializes_only_valid_numbers() {
        assert_eq!(serde_json::from_str::<Score>("7").ok(), Score::new(7).ok());
        assert!(serde_json::from_str::<Score>("11").is_err());
        assert!(serde_json::from_str::<Score>("\"9\"").is_err());
        assert!(serde_json::from_str::<Score>("9.5").is_err());
    }

    proptest! {
        #[test]
        fn any_integer_is_a_score_iff_in_range(v in any::<i64>()) {
            prop_assert_eq!(Score::new(v).is_ok(), (0..=10).contains(&v));
        }
    }
}
