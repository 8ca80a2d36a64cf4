//! What each write of a batch did to its answer's row, from which the events
//! to forward follow.
//!
//! A batch applies at most one write per answer: the best of the batch, by
//! [`precedence`](super::precedence) (`edge/src/store/intake.rs`). So two
//! writes of one answer in one batch (a landing page sent twice, a widget's
//! retry, a click and its confirmation) do what they would do one batch after
//! the other in the better order: whichever order the queue delivered them
//! in, the same write is judged to have made or changed the row, and the
//! others changed nothing. Judging by arrival order instead once announced a
//! confirmed answer only as `response.updated`, never as created.

use super::precedence::written;
use super::WriteKind;

/// What one write did to its answer's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// It made the row.
    Created,
    /// It changed the row, which it now holds.
    Changed,
    /// It changed a row that a confirmed write (a confirmation, a widget
    /// answer) had made count. That write's `response.created` may have
    /// been lost between storing and queueing: its batch is then tried
    /// again, but finds itself superseded by this one. So it is queued
    /// again with this write's content (receivers drop a repeat by id),
    /// then this write's `response.updated`.
    Reannounced,
    /// It changed the row and is the first write to make it count: the
    /// confirmation of a click that was not yet settled as a person's (or
    /// was suspected), whose event is `response.created`.
    FirstCounted,
    /// A widget answer with this id and the same content was already stored
    /// (a client's retry): nothing changed.
    Repeated,
    /// A write that wins over this one is stored (a later click, a
    /// confirmation): nothing changed.
    Superseded,
    /// A widget answer with this id but other content was stored first, or
    /// the row belongs to another survey or source (`precedence::merge`'s
    /// `Foreign`): it stays, and the row counts the conflict.
    Conflict,
    /// The customer's data was erased after this write was acknowledged
    /// (`erasure`): nothing stored, nothing to forward.
    Erased,
}

/// An answer's row as judging needs it: which write it holds, and the time
/// of the write that first made it count (`None`: it does not count yet, a
/// click waiting to settle or suspected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The precedence of the write the row holds.
    pub precedence: u64,
    /// When the answer first counted.
    pub announced_at: Option<u64>,
}

/// One write of the batch, as judging needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Its precedence, which also tells its kind and when the edge
    /// acknowledged it ([`written`]).
    pub precedence: u64,
    /// Whether an erasure of its customer dropped it.
    pub erased: bool,
    /// Whether the row belongs to another survey or source than the write
    /// names: the write never touched it.
    pub foreign: bool,
    /// Whether its content (score, comment, answers, locale) is what the row
    /// holds after the batch: tells a widget's retry from a conflict.
    pub same_content: bool,
}

/// Judges the writes of one answer in a batch, in batch order, from its row
/// before the batch (`None`: there was none) and after it. `None` when the
/// row is missing though a write was not erased: the store lost it.
pub fn judge(writes: &[Applied], before: Option<Mark>, after: Option<Mark>) -> Option<Vec<Stored>> {
    let mut held = false;
    writes
        .iter()
        .map(|w| {
            if w.erased {
                return Some(Stored::Erased);
            }
            let after = after?;
            if w.foreign {
                return Some(Stored::Conflict);
            }
            let (kind, _) = written(w.precedence);
            if w.precedence == after.precedence && !held {
                held = true;
                return Some(match before {
                    None => Stored::Created,
                    Some(before) if before.precedence == w.precedence => again(w, after),
                    Some(Mark {
                        announced_at: None, ..
                    }) if kind != WriteKind::Click => Stored::FirstCounted,
                    Some(before) if kind != WriteKind::Click && announced_by(before) => {
                        Stored::Reannounced
                    }
                    Some(_) => Stored::Changed,
                });
            }
            Some(match (kind, w.same_content) {
                (WriteKind::Widget, true) => Stored::Repeated,
                (WriteKind::Widget, false) => Stored::Conflict,
                _ => Stored::Superseded,
            })
        })
        .collect()
}

/// A write the row already held before the batch: a redelivery (the first
/// try stored it, then failed to queue its events). Judged as it was then,
/// so its event is queued again with the same id, which receivers drop.
///
/// A confirmed write that did not make its row count may have replaced the
/// one that did, whose event it must then announce again: it cannot tell
/// any more, so it does.
fn again(w: &Applied, after: Mark) -> Stored {
    let (kind, at) = written(w.precedence);
    match (after.announced_at == Some(at), kind) {
        (true, WriteKind::Widget) => Stored::Created,
        (true, WriteKind::Confirm) => Stored::FirstCounted,
        (false, WriteKind::Widget | WriteKind::Confirm) => Stored::Reannounced,
        (_, WriteKind::Click) => Stored::Changed,
    }
}

/// Whether the row's write is a confirmed one that made it count: its
/// `response.created` is the one a later write may have to announce again.
/// (A settled click's is the settling's to send, which retries by itself.)
fn announced_by(row: Mark) -> bool {
    let (kind, at) = written(row.precedence);
    kind != WriteKind::Click && row.announced_at == Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::precedence;
    use crate::Score;
    use proptest::prelude::*;

    fn write(kind: WriteKind, at_ms: u64, score: u8) -> Applied {
        let score = Score::new(i64::from(score)).expect("0-10");
        Applied {
            precedence: precedence(kind, at_ms, score),
            erased: false,
            foreign: false,
            same_content: false,
        }
    }

    /// The row after a batch, as the store makes it: the best write of the
    /// batch replaces a worse row; the row counts from the first write that
    /// made it count.
    fn after(before: Option<Mark>, writes: &[Applied]) -> Option<Mark> {
        let best = writes
            .iter()
            .filter(|w| !w.erased)
            .max_by_key(|w| w.precedence);
        match (before, best) {
            (Some(b), Some(w)) if w.precedence > b.precedence => Some(Mark {
                precedence: w.precedence,
                announced_at: b.announced_at.or(announces(w)),
            }),
            (None, Some(w)) => Some(Mark {
                precedence: w.precedence,
                announced_at: announces(w),
            }),
            (before, _) => before,
        }
    }

    fn announces(w: &Applied) -> Option<u64> {
        let (kind, at) = written(w.precedence);
        (kind != WriteKind::Click).then_some(at)
    }

    const T: u64 = 1_780_000_000_000;

    #[test]
    fn two_confirmations_in_one_batch_announce_the_answer_once_as_created() {
        let click = write(WriteKind::Click, T, 3);
        let before = after(None, &[click]);
        let (first, second) = (
            write(WriteKind::Confirm, T + 5, 4),
            write(WriteKind::Confirm, T + 900, 6),
        );
        for (batch, expected) in [
            ([first, second], [Stored::Superseded, Stored::FirstCounted]),
            ([second, first], [Stored::FirstCounted, Stored::Superseded]),
        ] {
            let judged = judge(&batch, before, after(before, &batch));
            assert_eq!(judged, Some(expected.to_vec()));
        }
    }

    #[test]
    fn a_widget_answer_and_its_retry_in_one_batch_make_the_row_once() {
        let first = write(WriteKind::Widget, T, 2);
        let retry = Applied {
            same_content: false,
            ..write(WriteKind::Widget, T + 40, 9)
        };
        let batch = [retry, first];
        let judged = judge(&batch, None, after(None, &batch));
        assert_eq!(judged, Some(vec![Stored::Conflict, Stored::Created]));
    }

    #[test]
    fn a_confirmation_replacing_the_one_that_announced_the_answer_announces_it_again() {
        let click = write(WriteKind::Click, T, 3);
        let clicked = after(None, &[click]);
        let first = write(WriteKind::Confirm, T + 5, 4);
        let confirmed = after(clicked, &[first]);
        // Stored and judged first counted, but its event never queued.
        assert_eq!(
            judge(&[first], clicked, confirmed),
            Some(vec![Stored::FirstCounted])
        );
        let second = write(WriteKind::Confirm, T + 900, 6);
        let changed = after(confirmed, &[second]);
        assert_eq!(
            judge(&[second], confirmed, changed),
            Some(vec![Stored::Reannounced])
        );
        // The first one's batch, tried again, changes nothing.
        assert_eq!(
            judge(&[first], changed, changed),
            Some(vec![Stored::Superseded])
        );
        // A click settled as a person's announced by its settling, which
        // retries by itself: a confirmation after it only changes the row.
        let settled = Mark {
            announced_at: Some(T),
            ..clicked.expect("a row")
        };
        let confirmed = after(Some(settled), &[first]);
        assert_eq!(
            judge(&[first], Some(settled), confirmed),
            Some(vec![Stored::Changed])
        );
    }

    #[test]
    fn a_redelivered_batch_is_judged_as_the_first_time() {
        let click = write(WriteKind::Click, T, 3);
        let before = after(None, &[click]);
        let confirm = write(WriteKind::Confirm, T + 5, 4);
        let stored = after(before, &[confirm]);
        assert_eq!(
            judge(&[confirm], before, stored),
            Some(vec![Stored::FirstCounted])
        );
        assert_eq!(
            judge(&[confirm], stored, stored),
            Some(vec![Stored::FirstCounted])
        );
        let widget = write(WriteKind::Widget, T, 9);
        let made = after(None, &[widget]);
        assert_eq!(judge(&[widget], made, made), Some(vec![Stored::Created]));
    }

    /// A write for another survey's or source's row is a conflict, even
    /// with the very content the row holds, and even if it ranks above it.
    #[test]
    fn a_write_for_a_row_it_does_not_own_is_a_conflict() {
        let confirmed = write(WriteKind::Confirm, T, 2);
        let row = after(None, &[confirmed]);
        let attack = Applied {
            foreign: true,
            same_content: true,
            ..write(WriteKind::Widget, T + 60_000, 2)
        };
        assert_eq!(judge(&[attack], row, row), Some(vec![Stored::Conflict]));
    }

    #[test]
    fn a_lost_row_is_no_judgement() {
        let widget = write(WriteKind::Widget, T, 9);
        assert_eq!(judge(&[widget], None, None), None);
        let erased = Applied {
            erased: true,
            ..widget
        };
        assert_eq!(judge(&[erased], None, None), Some(vec![Stored::Erased]));
    }

    fn applied() -> impl Strategy<Value = Applied> {
        let kind = prop_oneof![
            Just(WriteKind::Click),
            Just(WriteKind::Confirm),
            Just(WriteKind::Widget)
        ];
        (kind, T..T + 50, 0u8..=10, any::<bool>()).prop_map(|(kind, at, score, same)| Applied {
            same_content: same,
            ..write(kind, at, score)
        })
    }

    proptest! {
        /// Whatever order the batch's writes of one answer came in, each is
        /// judged the same, and at most one of them made or changed the row.
        #[test]
        fn the_order_within_a_batch_does_not_matter(
            earlier in proptest::option::of(applied()),
            batch in proptest::collection::vec(applied(), 1..6),
            shuffle in any::<u64>(),
        ) {
            // Distinct writes: a write twice is a redelivery, judged apart.
            let mut batch = batch;
            batch.sort_by_key(|w| w.precedence);
            batch.dedup_by_key(|w| w.precedence);
            let before = earlier.and_then(|w| after(None, &[w]));
            let mut shuffled: Vec<usize> = (0..batch.len()).collect();
            let mut seed = shuffle;
            for i in (1..shuffled.len()).rev() {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (seed >> 33) as usize % (i + 1));
            }
            let reordered: Vec<Applied> = shuffled.iter().map(|&i| batch[i]).collect();
            let stored = after(before, &batch);
            let in_order = judge(&batch, before, stored).expect("a row");
            let other = judge(&reordered, before, stored).expect("a row");
            for (position, &i) in shuffled.iter().enumerate() {
                prop_assert_eq!(other[position], in_order[i]);
            }
            let made = in_order
                .iter()
                .filter(|s| matches!(s, Stored::Created | Stored::Changed | Stored::FirstCounted | Stored::Reannounced))
                .count();
            prop_assert!(made <= 1);
        }
    }
}
