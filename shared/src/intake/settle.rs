//! What judging one click does to its answer, once the click's quiet period
//! is over: the rule `edge/src/intake/settle.rs` applies.
//!
//! Every click is kept as a visit, and each click's settling judges its own
//! burst of visits ([`crate::link::scanner`]). The answer keeps the last
//! click judged a person's: a scanner's pass over the email after a person
//! clicked (a forwarded copy, a second scan a minute later) never replaces
//! the person's answer nor takes it out of the counts, because intake does
//! not let a click replace a settled one (`precedence::merge`'s `Awaits`);
//! the later click becomes the answer only if its own settling finds it a
//! person's. So an answer that counted never stops counting, and receivers,
//! told of every answer that counts and every change, agree with reports at
//! every moment.

use crate::link::scanner::{Suspicion, Visit};
use crate::Score;

/// The answer's row as settling sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    /// Confirmed on the landing page: no click changes it any more.
    pub confirmed: bool,
    /// When the click it holds was made, unix ms.
    pub click_at_ms: u64,
    /// Whether that click was judged.
    pub settled: bool,
    /// Whether it was judged a scanner's.
    pub suspect: bool,
}

impl Holding {
    /// Whether it holds a click judged a person's: an answer that counts.
    fn persons(self) -> bool {
        self.settled && !self.suspect
    }
}

/// What to do with the row when the click made at some time is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settling {
    /// Nothing: the answer is confirmed, the click is a scanner's and the row
    /// holds another, or a later click judged a person's holds the answer.
    Keep,
    /// The row holds this very click, still waiting: judge it with this
    /// verdict (`None`: a person's).
    Settle(Option<Suspicion>),
    /// The row holds this click, already judged (a redelivered message):
    /// forward it again if it counts; receivers drop the repeat.
    Again,
    /// This click, a person's, becomes the answer in place of what the row
    /// holds: an earlier person's click, a scanner's click, or a later click
    /// still waiting (whose own settling comes after).
    Adopt,
}

/// What judging the click made at `click_at_ms` with `verdict` does to
/// `row`.
pub fn settling(row: Holding, click_at_ms: u64, verdict: Option<Suspicion>) -> Settling {
    if row.confirmed {
        return Settling::Keep;
    }
    if row.click_at_ms == click_at_ms {
        return match row.settled {
            true => Settling::Again,
            false => Settling::Settle(verdict),
        };
    }
    if verdict.is_some() || (row.persons() && row.click_at_ms > click_at_ms) {
        return Settling::Keep;
    }
    Settling::Adopt
}

/// The score of the click made at `at_ms` among an email's `visits`, which
/// an [`Settling::Adopt`] makes the answer; the higher if two scores were
/// clicked in the same millisecond, as intake's merge breaks that tie.
/// `None` when the click's visit is not stored (yet).
pub fn clicked(visits: &[Visit], at_ms: u64) -> Option<Score> {
    visits
        .iter()
        .filter(|v| v.at_ms == at_ms)
        .filter_map(|v| v.score)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T: u64 = 1_780_000_000_000;

    fn pending(at: u64) -> Holding {
        Holding {
            confirmed: false,
            click_at_ms: at,
            settled: false,
            suspect: false,
        }
    }

    fn persons(at: u64) -> Holding {
        Holding {
            settled: true,
            ..pending(at)
        }
    }

    fn scanners(at: u64) -> Holding {
        Holding {
            suspect: true,
            ..persons(at)
        }
    }

    /// Issue #19's report: a person's 9 settled, then a second scan of the
    /// email 70 s later (all scores and the hidden link). Every click of
    /// the scan is judged a scanner's, and the person's answer stays.
    #[test]
    fn a_later_scan_keeps_the_persons_answer() {
        let answer = persons(T);
        for offset in 70_000..70_012 {
            let judged = settling(answer, T + offset, Some(Suspicion::Honeypot));
            assert_eq!(judged, Settling::Keep);
        }
    }

    #[test]
    fn a_later_persons_click_changes_the_answer_an_earlier_one_does_not() {
        assert_eq!(settling(persons(T), T + 60_000, None), Settling::Adopt);
        assert_eq!(settling(persons(T + 60_000), T, None), Settling::Keep);
    }

    #[test]
    fn a_persons_click_replaces_a_scanners_or_a_waiting_one() {
        assert_eq!(settling(scanners(T), T + 86_400_000, None), Settling::Adopt);
        assert_eq!(settling(pending(T + 70_000), T, None), Settling::Adopt);
    }

    #[test]
    fn the_rows_own_click_is_judged_once_and_forwarded_again_on_redelivery() {
        let verdict = Some(Suspicion::TooSoon);
        assert_eq!(settling(pending(T), T, verdict), Settling::Settle(verdict));
        assert_eq!(settling(persons(T), T, None), Settling::Again);
        assert_eq!(settling(scanners(T), T, verdict), Settling::Again);
    }

    #[test]
    fn the_adopted_score_is_the_clicks_own_and_the_higher_of_a_tie() {
        let visit = |at_ms: u64, score: Option<u8>| Visit {
            at_ms,
            score: score.map(|s| Score::new(i64::from(s)).expect("0-10")),
            issued_at: None,
            sent_at: None,
            scanner_network: false,
        };
        let visits = [
            visit(T, Some(3)),
            visit(T, None),
            visit(T + 5, Some(8)),
            visit(T + 5, Some(6)),
        ];
        assert_eq!(clicked(&visits, T).map(Score::value), Some(3));
        assert_eq!(clicked(&visits, T + 5).map(Score::value), Some(8));
        assert_eq!(clicked(&visits, T + 1), None, "not stored yet");
    }

    #[test]
    fn a_confirmed_answer_is_never_second_guessed() {
        let confirmed = Holding {
            confirmed: true,
            ..persons(T)
        };
        assert_eq!(settling(confirmed, T + 1, None), Settling::Keep);
        assert_eq!(settling(confirmed, T, None), Settling::Keep);
    }

    /// One step of the model: click `i`'s write reaches intake, or its
    /// settling runs.
    #[derive(Debug, Clone, Copy)]
    enum Step {
        Write(usize),
        Settle(usize),
    }

    /// A model of the row: intake writes clicks as the merge rule does (a
    /// click never replaces a person's, nor a later click), settlings do
    /// what [`settling`] says. Returns the row and whether an answer that
    /// counted ever stopped counting.
    fn run(clicks: &[(u64, bool)], steps: &[Step]) -> (Option<Holding>, bool) {
        let mut row: Option<Holding> = None;
        let mut left_counts = false;
        for &step in steps {
            let counted = row.is_some_and(Holding::persons);
            match step {
                Step::Write(i) => {
                    let at = clicks[i].0;
                    row = Some(match row {
                        Some(held) if held.persons() || held.click_at_ms > at => held,
                        _ => pending(at),
                    });
                }
                Step::Settle(i) => {
                    let (at, persons_click) = clicks[i];
                    let verdict = (!persons_click).then_some(Suspicion::Honeypot);
                    let held = row.expect("each settling runs after its write");
                    row = Some(match settling(held, at, verdict) {
                        Settling::Keep | Settling::Again => held,
                        Settling::Settle(verdict) => Holding {
                            settled: true,
                            suspect: verdict.is_some(),
                            ..held
                        },
                        Settling::Adopt => persons(at),
                    });
                }
            }
            left_counts |= counted && !row.is_some_and(Holding::persons);
        }
        (row, left_counts)
    }

    proptest! {
        /// Whatever the clicks, and however their writes and settlings
        /// interleave (each settling after its own write), the answer ends
        /// as the last click judged a person's (or, if none was, a click
        /// that does not count), and an answer that counted never stops
        /// counting.
        #[test]
        fn the_answer_is_the_last_persons_click_and_never_leaves_the_counts(
            clicks in proptest::collection::vec((0u64..1_000, any::<bool>(), any::<(u16, u16)>()), 1..8),
        ) {
            let mut clicks = clicks;
            clicks.sort_by_key(|c| c.0);
            clicks.dedup_by_key(|c| c.0);
            let mut keyed: Vec<(u16, usize, Step)> = Vec::new();
            for (i, &(_, _, (a, b))) in clicks.iter().enumerate() {
                keyed.push((a.min(b), 0, Step::Write(i)));
                keyed.push((a.max(b), 1, Step::Settle(i)));
            }
            keyed.sort_by_key(|&(key, after, step)| {
                let i = match step { Step::Write(i) | Step::Settle(i) => i };
                (key, after, i)
            });
            let steps: Vec<Step> = keyed.into_iter().map(|k| k.2).collect();
            let clicks: Vec<(u64, bool)> =
                clicks.iter().map(|&(dt, p, _)| (T + dt * 1_000, p)).collect();
            let (row, left_counts) = run(&clicks, &steps);
            prop_assert!(!left_counts);
            match clicks.iter().filter(|c| c.1).map(|c| c.0).max() {
                Some(last) => prop_assert_eq!(row, Some(persons(last))),
                None => prop_assert!(!row.is_some_and(Holding::persons)),
            }
        }
    }
}
