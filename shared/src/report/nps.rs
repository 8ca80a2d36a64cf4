//! Net Promoter Score and its 95% interval from category counts.
//!
//! The interval is the adjusted-Wald one for NPS (Rocks, 2016; Sauro and
//! Lewis): before the usual normal approximation, add three answers, 0.75
//! each to promoters and detractors and 1.5 to passives. The plain Wald
//! interval claims certainty a small sample does not give (one detractor:
//! -100 ± 0; three passives: 0 ± 0); the adjusted one is never zero-wide and
//! covers the true NPS about 95% of the time even for a handful of answers.

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
/// shows the score without its interval misleads; we always carry both.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Nps {
    /// %promoters - %detractors of the answers, in -100..=100.
    pub score: f64,
    /// Lower end of the 95% interval for the true NPS (adjusted Wald).
    pub low: f64,
    /// Upper end of the 95% interval. The interval is centred on the
    /// adjusted estimate, so for a handful of answers it leans towards 0
    /// and need not contain `score`: it says where the true NPS plausibly is.
    pub high: f64,
    /// Half-width of the 95% interval, in NPS points; above zero whenever
    /// there are answers.
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
    /// With n' = n + 3, p' = (promoters + 0.75) / n' and d' = (detractors +
    /// 0.75) / n', the interval is 100 × ((p' − d') ± 1.96 × √((p' + d' −
    /// (p' − d')²) / n')), cut to −100..=100: the normal approximation to a
    /// variable that is +1 for promoters, −1 for detractors, 0 otherwise,
    /// on the adjusted counts.
    pub fn nps(&self) -> Option<Nps> {
        let n = self.total();
        if n == 0 {
            return None;
        }
        let share = |count: u64| count as f64 / n as f64;
        let (centre, margin) = self.adjusted();
        Some(Nps {
            score: 100.0 * (share(self.promoters) - share(self.detractors)),
            low: 100.0 * (centre - margin).max(-1.0),
            high: 100.0 * (centre + margin).min(1.0),
            margin_of_error: 100.0 * margin,
            responses: n,
        })
    }
}

/// How the NPS moved from an earlier period to a later one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Later NPS minus earlier NPS, in points.
    pub points: f64,
    /// Lower end of the difference's 95% interval.
    pub low: f64,
    /// Upper end of it.
    pub high: f64,
    /// True when that interval leaves out zero: the move is more than the
    /// noise of two samples.
    pub significant: bool,
}

impl Tally {
    /// The change from `earlier` to this period, or `None` when either has
    /// no answers. The two periods are independent samples, so the
    /// difference's variance is the sum of both adjusted-Wald variances.
    pub fn change_since(&self, earlier: &Tally) -> Option<Change> {
        let (now, before) = (self.nps()?, earlier.nps()?);
        let ((centre_now, margin_now), (centre_before, margin_before)) =
            (self.adjusted(), earlier.adjusted());
        let margin = 100.0 * (margin_now.powi(2) + margin_before.powi(2)).sqrt();
        let centre = 100.0 * (centre_now - centre_before);
        let (low, high) = (centre - margin, centre + margin);
        Some(Change {
            points: now.score - before.score,
            low,
            high,
            significant: low > 0.0 || high < 0.0,
        })
    }
}

impl Tally {
    /// The adjusted-Wald centre and 95% half-width, as shares (-1..=1).
    pub(crate) fn adjusted(&self) -> (f64, f64) {
        let adjusted_n = self.total() as f64 + 3.0;
        let p = (self.promoters as f64 + 0.75) / adjusted_n;
        let d = (self.detractors as f64 + 0.75) / adjusted_n;
        let centre = p - d;
        (
            centre,
            1.96 * ((p + d - centre.powi(2)) / adjusted_n).sqrt(),
        )
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

    fn close(got: f64, want: f64) -> bool {
        (got - want).abs() < 1e-3
    }

    #[test]
    fn hand_computed_example() {
        // 50 promoters, 30 passives, 20 detractors: NPS 30.
        // n' = 103, p' = 50.75 / 103 = .492718, d' = 20.75 / 103 = .201456,
        // centre .291262, variance .694175 - .084834 = .609341,
        // margin 1.96 * sqrt(.609341 / 103) = .150755.
        let nps = tally(20, 30, 50).nps().expect("has answers");
        assert!(close(nps.score, 30.0), "{nps:?}");
        assert!(close(nps.margin_of_error, 15.0755), "{nps:?}");
        assert!(
            close(nps.low, 14.0507) && close(nps.high, 44.2017),
            "{nps:?}"
        );
        assert_eq!(nps.responses, 100);
    }

    #[test]
    fn small_samples_are_never_certain() {
        // One detractor: n' = 4, p' = .1875, d' = .4375, centre -.25,
        // variance .625 - .0625 = .5625, margin 1.96 * .375 = .735.
        let one = tally(1, 0, 0).nps().expect("has answers");
        assert!(
            close(one.score, -100.0) && close(one.margin_of_error, 73.5),
            "{one:?}"
        );
        assert!(close(one.low, -98.5) && close(one.high, 48.5), "{one:?}");
        // Three passives: n' = 6, p' = d' = .125, margin 1.96 * sqrt(.25 / 6).
        let three = tally(0, 3, 0).nps().expect("has answers");
        assert!(
            close(three.score, 0.0) && close(three.margin_of_error, 40.0083),
            "{three:?}"
        );
        assert!(
            close(three.low, -40.0083) && close(three.high, 40.0083),
            "{three:?}"
        );
        // Unanimous promoters: the interval is cut at 100, still wide.
        let seven = tally(0, 0, 7).nps().expect("has answers");
        assert!(close(seven.high, 100.0) && seven.low < 60.0, "{seven:?}");
    }

    #[test]
    fn a_change_is_significant_only_when_its_interval_leaves_out_zero() {
        let before = tally(40, 30, 30);
        let after = tally(20, 30, 50);
        let change = after.change_since(&before).expect("both have answers");
        assert!((change.points - 40.0).abs() < 1e-9);
        assert!(change.low > 0.0 && change.significant, "{change:?}");
        let small = tally(1, 0, 1)
            .change_since(&tally(1, 1, 0))
            .expect("answers");
        assert!(
            small.low < 0.0 && small.high > 0.0 && !small.significant,
            "{small:?}"
        );
        assert_eq!(tally(0, 0, 0).change_since(&before), None);
    }

    proptest! {
        #[test]
        fn score_is_bounded_and_margin_shrinks_with_more_data(
            d in 0u64..500, pa in 0u64..500, pr in 0u64..500,
        ) {
            prop_assume!(d + pa + pr > 0);
            let small = tally(d, pa, pr).nps().expect("has answers");
            prop_assert!((-100.0..=100.0).contains(&small.score));
            prop_assert!(small.margin_of_error > 0.0 && small.margin_of_error <= 196.0);
            prop_assert!(-100.0 <= small.low && small.low < small.high && small.high <= 100.0);
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
