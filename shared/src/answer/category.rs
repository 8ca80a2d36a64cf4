//! The three NPS classes a score falls into.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::Score;

/// Detractors (0-6) risk public complaints, passives (7-8) are satisfied but
/// unenthusiastic, promoters (9-10) recommend. Routing and reports key on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// 0-6: unhappy, and a risk of public complaints.
    Detractor,
    /// 7-8: satisfied but unenthusiastic.
    Passive,
    /// 9-10: would recommend.
    Promoter,
}

impl Category {
    /// Every category, from least to most enthusiastic.
    pub const ALL: [Category; 3] = [Category::Detractor, Category::Passive, Category::Promoter];

    /// Classifies a score by the standard NPS boundaries.
    pub fn of(score: Score) -> Category {
        match score.value() {
            0..=6 => Category::Detractor,
            7..=8 => Category::Passive,
            _ => Category::Promoter,
        }
    }

    /// The lowercase name used in JSON, storage and webhooks.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Detractor => "detractor",
            Category::Passive => "passive",
            Category::Promoter => "promoter",
        }
    }

    /// Reads the stored name back; `None` for anything else.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// One value per category, such as the follow-up question each class is
/// asked. A struct rather than a map, so no category can be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Default")
)]
pub struct ByCategory<T> {
    /// The value for detractors.
    #[serde(default)]
    pub detractor: T,
    /// The value for passives.
    #[serde(default)]
    pub passive: T,
    /// The value for promoters.
    #[serde(default)]
    pub promoter: T,
}

impl<T> ByCategory<T> {
    /// The value for `category`.
    pub fn get(&self, category: Category) -> &T {
        match category {
            Category::Detractor => &self.detractor,
            Category::Passive => &self.passive,
            Category::Promoter => &self.promoter,
        }
    }

    /// Builds a new table from this one, category by category.
    pub fn map<U>(&self, mut f: impl FnMut(Category, &T) -> U) -> ByCategory<U> {
        ByCategory {
            detractor: f(Category::Detractor, &self.detractor),
            passive: f(Category::Passive, &self.passive),
            promoter: f(Category::Promoter, &self.promoter),
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(v: i64) -> Category {
        Score::new(v).map(Category::of).expect("valid score")
    }

    #[test]
    fn boundaries_follow_the_nps_definition() {
        assert_eq!(class(0), Category::Detractor);
        assert_eq!(class(6), Category::Detractor);
        assert_eq!(class(7), Category::Passive);
        assert_eq!(class(8), Category::Passive);
        assert_eq!(class(9), Category::Promoter);
        assert_eq!(class(10), Category::Promoter);
    }

    #[test]
    fn names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
        assert_eq!(Category::parse("Promoter"), None);
    }
}
