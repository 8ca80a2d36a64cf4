//! Net Promoter Score and its 95% margin of error from category counts.

use serde::{Deserialize, Serialize};

use crate::Category;

/// Counts of answers per category: all NPS arithmetic starts here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Answers scored 0-6.
    pub detractors: u64,
    /// Answers scored 7-8.
    pub passives: u64,
    /// Answers scored 9-10.
    pub promoters: u64,
}

/// An NPS with its uncertainty. Small samples swing wildly, so a report that
/// shows the score without the margin misleads; we always carry both.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Nps {
    /// %promoters - %detractors, in -100..=100.
    pub score: f64,
    /// Half-width of the 95% confidence interval, in NPS points.
    pub margin_of_error: f64,
    /// Number of answers the score rests on.
    pub responses: u64,
}

impl Tally {
    /// Adds one answer of `category`.
    pub fn add(&mut self, category: Category) {
        match category {
            Category::Detractor => self.detractors += 1,
            Category::Passive => self.passives += 1,
            Category::Promoter => self.promoters += 1,
        }
    }

    /// All answers counted.
    pub fn total(&self) -> u64 {
        self.detractors + self.passives + self.promoters
    }

    /// The NPS, or `None` with no answers (a score of 0 would be a lie).
    ///
    /// The margin is 1.96 × 100 × √((p + d − (p − d)²) / n), with p and d the
    /// promoter and detractor shares: the normal approximation to the variance
    /// of a variable that is +1 for promoters, −1 for detractors, 0 otherwise.
    pub fn nps(&self) -> Option<Nps> {
        let n = self.total();
        if n == 0 {
            return None;
        }
        let p = self.promoters as f64 / n as f64;
        let d = self.detractors as f64 / n as f64;
        let variance = (p + d - (p - d).powi(2)).max(0.0);
        Some(Nps {
            score: 100.0 * (p - d),
            margin_of_error: 1.96 * 100.0 * (variance / n as f64).sqrt(),
            responses: n,
        })
    }
}

impl FromIterator<Category> for Tally {
    fn from_iter<I: IntoIterator<Item = Category>>(iter: I) -> Self {
        let mut tally = Tally::default();
        iter.into_iter().for_each(|c| tally.add(c));
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tally(detractors: u64, passives: u64, promoters: u64) -> Tally {
        Tally {
            detractors,
            passives,
            promoters,
        }
    }

    #[test]
    fn no_answers_no_score() {
        assert_eq!(Tally::default().nps(), None);
    }

    #[test]
    fn hand_computed_example() {
        // 50 promoters, 30 passives, 20 detractors: NPS 30.
        // p = .5, d = .2, variance = .7 - .09 = .61, MoE = 1.96 * 100 * sqrt(.61 / 100) = 15.308...
        let nps = tally(20, 30, 50).nps().expect("has answers");
        assert!((nps.score - 30.0).abs() < 1e-9);
        assert!((nps.margin_of_error - 15.3081).abs() < 1e-3);
        assert_eq!(nps.responses, 100);
    }

    #[test]
    fn unanimous_answers_have_no_margin() {
        let nps = tally(0, 0, 7).nps().expect("has answers");
        assert_eq!((nps.score, nps.margin_of_error), (100.0, 0.0));
        let nps = tally(3, 0, 0).nps().expect("has answers");
        assert_eq!((nps.score, nps.margin_of_error), (-100.0, 0.0));
    }

    proptest! {
        #[test]
        fn score_is_bounded_and_margin_shrinks_with_more_data(
            d in 0u64..500, pa in 0u64..500, pr in 0u64..500,
        ) {
            prop_assume!(d + pa + pr > 0);
            let small = tally(d, pa, pr).nps().expect("has answers");
            prop_assert!((-100.0..=100.0).contains(&small.score));
            prop_assert!(small.margin_of_error >= 0.0 && small.margin_of_error <= 196.0);
            let big = tally(d * 4, pa * 4, pr * 4).nps().expect("has answers");
            prop_assert!((big.score - small.score).abs() < 1e-9);
            prop_assert!(big.margin_of_error <= small.margin_of_error + 1e-9);
        }

        #[test]
        fn tally_counts_every_category(cats in proptest::collection::vec(0u8..3, 0..200)) {
            let all = [Category::Detractor, Category::Passive, Category::Promoter];
            let t: Tally = cats.iter().map(|&i| all[i as usize]).collect();
            prop_assert_eq!(t.total(), cats.len() as u64);
        }
    }
}
