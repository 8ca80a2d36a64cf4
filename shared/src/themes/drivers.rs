//! Which terms go with low scores and which with high: a term's impact on
//! the period's NPS, with its interval.
//!
//! The answers of a period split into those mentioning a term (M, a share w
//! of all) and the rest (R). The period's NPS is w·NPS(M) + (1−w)·NPS(R), so
//! if M had scored like R it would be NPS(R): the **impact** is
//! NPS(R) − NPS(all) = w·(NPS(R) − NPS(M)) points the period would gain
//! (a detractor driver, > 0) or lose (a promoter driver, < 0).
//!
//! Its 95% interval takes w as observed and the two groups as independent
//! samples, each with its adjusted-Wald variance (`report::nps`), the way a
//! change between two periods is judged: centre w·(c_R − c_M), half-width
//! w·1.96·√(v_M + v_R). A term is a **driver** only when that interval
//! leaves out zero *and* at least [`MIN_MENTIONS`] answers mention it: the
//! adjusted interval alone would call a word of a single detractor among
//! hundreds of promoters certain, and one remark is an anecdote, not a
//! driver.

use serde::{Deserialize, Serialize};

use crate::Tally;

/// The fewest answers mentioning a term for it to be called a driver.
pub const MIN_MENTIONS: u64 = 5;

/// How many NPS points a term moves its period, with the 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Impact {
    /// NPS points the period would gain (> 0) or lose (< 0) if the answers
    /// mentioning the term had scored like the others.
    pub points: f64,
    /// Lower end of the 95% interval.
    pub low: f64,
    /// Upper end of it.
    pub high: f64,
}

/// Which way a driver pulls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Its answers score lower than the rest: it costs points.
    Detractor,
    /// Its answers score higher: it earns points.
    Promoter,
}

/// The impact of the answers `mentioning` a term among `all` of the
/// period's (which include them); `None` when there is nothing to compare,
/// i.e. no answer mentions it or every answer does.
pub fn impact(mentioning: Tally, all: Tally) -> Option<Impact> {
    let rest = Tally {
        detractors: all.detractors.checked_sub(mentioning.detractors)?,
        passives: all.passives.checked_sub(mentioning.passives)?,
        promoters: all.promoters.checked_sub(mentioning.promoters)?,
    };
    let (m, r) = (mentioning.nps()?, rest.nps()?);
    let share = mentioning.total() as f64 / all.total() as f64;
    let ((centre_m, margin_m), (centre_r, margin_r)) = (mentioning.adjusted(), rest.adjusted());
    let centre = 100.0 * share * (centre_r - centre_m);
    let margin = 100.0 * share * (margin_m.powi(2) + margin_r.powi(2)).sqrt();
    Some(Impact {
        points: share * (r.score - m.score),
        low: centre - margin,
        high: centre + margin,
    })
}

impl Impact {
    /// The side this term drives, if it is a driver at all (see the
    /// module's rule); `mentions` is how many answers mention it.
    pub fn driver(&self, mentions: u64) -> Option<Side> {
        if mentions < MIN_MENTIONS {
            None
        } else if self.low > 0.0 {
            Some(Side::Detractor)
        } else if self.high < 0.0 {
            Some(Side::Promoter)
        } else {
            None
        }
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

    fn close(got: f64, want: f64) -> bool {
        (got - want).abs() < 1e-3
    }

    #[test]
    fn hand_computed_detractor_driver() {
        // 100 answers: 20 mention "wait", 15 of them detractors, 5 passives.
        // All: 30 detractors, 30 passives, 40 promoters (NPS 10).
        // Rest: 15 / 25 / 40 of 80, NPS 31.25. Impact 31.25 - 10 = 21.25,
        // also w·(NPS(R) - NPS(M)) = .2 × (31.25 + 75) = 21.25.
        // Adjusted M: n' 23, p' .75/23 = .032609, d' 15.75/23 = .684783,
        //   centre -.652174, var (.717391 - .425331) / 23 = .012698.
        // Adjusted R: n' 83, p' 40.75/83 = .490964, d' 15.75/83 = .189759,
        //   centre .301205, var (.680723 - .090725) / 83 = .007108.
        // Centre 20 × .953379 = 19.0676; margin 20 × 1.96 × √.019806 = 5.5166.
        let got = impact(tally(15, 5, 0), tally(30, 30, 40)).expect("both groups");
        assert!(close(got.points, 21.25), "{got:?}");
        assert!(close(got.low, 13.551) && close(got.high, 24.584), "{got:?}");
        assert_eq!(got.driver(20), Some(Side::Detractor));
    }

    #[test]
    fn a_word_of_one_answer_is_never_a_driver() {
        // One detractor's word among 500 promoters: its interval alone
        // would leave out zero; one remark is still no driver.
        let got = impact(tally(1, 0, 0), tally(1, 0, 500)).expect("both groups");
        assert!(got.low > 0.0, "{got:?}");
        assert_eq!(got.driver(1), None);
    }

    #[test]
    fn a_word_spread_evenly_is_not_a_driver() {
        // A tenth of every category mentions it.
        let got = impact(tally(10, 10, 10), tally(100, 100, 100)).expect("both groups");
        assert!(close(got.points, 0.0), "{got:?}");
        assert!(got.low < 0.0 && got.high > 0.0, "{got:?}");
        assert_eq!(got.driver(30), None);
    }

    #[test]
    fn a_promoter_driver_costs_points_when_taken_away() {
        let got = impact(tally(0, 2, 30), tally(30, 32, 60)).expect("both groups");
        assert!(got.points < 0.0 && got.high < 0.0, "{got:?}");
        assert_eq!(got.driver(32), Some(Side::Promoter));
    }

    #[test]
    fn nothing_to_compare_gives_no_impact() {
        assert_eq!(impact(tally(0, 0, 0), tally(3, 3, 3)), None);
        assert_eq!(impact(tally(3, 3, 3), tally(3, 3, 3)), None);
        assert_eq!(impact(tally(4, 0, 0), tally(3, 3, 3)), None);
    }

    proptest! {
        #[test]
        fn the_interval_holds_the_centre_and_is_never_zero_wide(
            md in 0u64..60, mp in 0u64..60, mr in 0u64..60,
            rd in 0u64..300, rp in 0u64..300, rr in 0u64..300,
        ) {
            let m = tally(md, mp, mr);
            let all = tally(md + rd, mp + rp, mr + rr);
            if let Some(got) = impact(m, all) {
                prop_assert!(got.low < got.high);
                prop_assert!(got.points.abs() <= 200.0);
                // The period's NPS moves by exactly `points` if M scores like R.
                let rest = tally(rd, rp, rr).nps().expect("rest").score;
                let now = all.nps().expect("all").score;
                prop_assert!((now + got.points - rest).abs() < 1e-6);
            }
        }
    }
}
