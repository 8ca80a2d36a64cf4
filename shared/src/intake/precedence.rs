//! Which of two writes of the same answer wins: the merge rule of intake.
//!
//! One number per write orders them all, so the database can apply the rule
//! in a single upsert (`WHERE excluded.precedence > responses.precedence`)
//! and the Rust tests can check the same rule without a database:
//!
//! - a confirmation (the landing page, or the widget) beats every click: a
//!   click that arrives after the customer confirmed, because the queue
//!   reordered them or the customer clicked the email again, never rewrites
//!   the confirmed answer;
//! - among clicks, and among confirmations, the later acknowledgement wins:
//!   the customer changed their mind;
//! - among widget writes of one id the *first* acknowledged wins, like an
//!   idempotency key: a retry of the same id with other content is a client
//!   bug, and what was first acknowledged stays;
//! - the score breaks the tie of two writes in the same millisecond, so the
//!   winner never depends on arrival order.

use super::WriteKind;
use crate::Score;

/// Unix milliseconds below this fit the order (until the year 3084).
const TIME_SPAN: u64 = 1 << 45;

/// The write's place in the order: higher wins. Below 2^53, so it survives a
/// trip through a JavaScript number (the D1 binding) exactly.
pub fn precedence(kind: WriteKind, at_ms: u64, score: Score) -> u64 {
    let at = at_ms.min(TIME_SPAN - 1);
    let order = match kind {
        WriteKind::Click => at,
        WriteKind::Confirm => TIME_SPAN + at,
        WriteKind::Widget => 3 * TIME_SPAN - 1 - at,
    };
    order * 16 + u64::from(score.value())
}

/// The kind and acknowledgement time of the write whose precedence is
/// `precedence`: the inverse of [`precedence`], but for the score.
pub fn written(precedence: u64) -> (WriteKind, u64) {
    match precedence / 16 {
        order if order < TIME_SPAN => (WriteKind::Click, order),
        order if order < 2 * TIME_SPAN => (WriteKind::Confirm, order - TIME_SPAN),
        order => (WriteKind::Widget, (3 * TIME_SPAN - 1).saturating_sub(order)),
    }
}

/// What applying a write with precedence `incoming` does to a row whose
/// precedence is `stored` (`None`: no row yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// There was no row: the write makes it.
    Insert,
    /// The write wins over the stored one and replaces it.
    Replace,
    /// This very write is already applied (a redelivery or a retry).
    Same,
    /// A write that wins over this one is already stored: nothing changes.
    Superseded,
}

/// The merge rule itself; the SQL in `edge/src/store/intake.rs` is its mirror.
pub fn merge(stored: Option<u64>, incoming: u64) -> Merge {
    match stored {
        None => Merge::Insert,
        Some(stored) if incoming > stored => Merge::Replace,
        Some(stored) if incoming == stored => Merge::Same,
        Some(_) => Merge::Superseded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn score(n: u8) -> Score {
        Score::new(i64::from(n)).expect("0-10")
    }

    fn write() -> impl Strategy<Value = (WriteKind, u64, u8)> {
        let kind = prop_oneof![
            Just(WriteKind::Click),
            Just(WriteKind::Confirm),
            Just(WriteKind::Widget)
        ];
        // Realistic times: within a few seconds, so ties and near-ties occur.
        (kind, 1_780_000_000_000u64..1_780_000_000_050, 0u8..=10)
    }

    /// Applies writes in the given order as the database does, keeping the
    /// stored precedence and which write it came from.
    fn apply_all(writes: &[(WriteKind, u64, u8)], order: &[usize]) -> Option<u64> {
        let mut stored = None;
        for &i in order {
            let (kind, at, s) = writes[i];
            let incoming = precedence(kind, at, score(s));
            match merge(stored, incoming) {
                Merge::Insert | Merge::Replace => stored = Some(incoming),
                Merge::Same | Merge::Superseded => {}
            }
        }
        stored
    }

    proptest! {
        /// A precedence tells which kind of write it was and when.
        #[test]
        fn a_precedence_tells_its_write(
            (kind, at, s) in write(), far in 0u64..TIME_SPAN,
        ) {
            prop_assert_eq!(written(precedence(kind, at, score(s))), (kind, at));
            prop_assert_eq!(written(precedence(kind, far, score(s))), (kind, far));
        }

        /// Any order of any writes, redeliveries included, ends in the same
        /// row: the one with the highest precedence.
        #[test]
        fn order_and_repeats_do_not_matter(
            writes in proptest::collection::vec(write(), 1..8),
            shuffle in any::<u64>(),
            repeats in proptest::collection::vec(0usize..8, 0..4),
        ) {
            let in_order: Vec<usize> = (0..writes.len()).collect();
            let mut shuffled = in_order.clone();
            let mut seed = shuffle;
            for i in (1..shuffled.len()).rev() {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (seed >> 33) as usize % (i + 1));
            }
            shuffled.extend(repeats.iter().map(|r| r % writes.len()));
            let best = writes.iter().map(|&(k, at, s)| precedence(k, at, score(s))).max();
            prop_assert_eq!(apply_all(&writes, &in_order), best);
            prop_assert_eq!(apply_all(&writes, &shuffled), best);
        }

        /// A confirmation beats every click, whenever either was made.
        #[test]
        fn a_confirmation_beats_any_click(
            click_at in 0u64..TIME_SPAN, confirm_at in 0u64..TIME_SPAN, a in 0u8..=10, b in 0u8..=10,
        ) {
            let click = precedence(WriteKind::Click, click_at, score(a));
            let confirm = precedence(WriteKind::Confirm, confirm_at, score(b));
            prop_assert_eq!(merge(Some(confirm), click), Merge::Superseded);
            prop_assert_eq!(merge(Some(click), confirm), Merge::Replace);
        }

        /// Among clicks and among confirmations the later one wins; among
        /// widget writes the earlier one.
        #[test]
        fn later_changes_win_but_the_first_widget_answer_stays(
            early in 0u64..TIME_SPAN - 1, gap in 1u64..10_000, a in 0u8..=10, b in 0u8..=10,
        ) {
            let late = (early + gap).min(TIME_SPAN - 1);
            prop_assume!(late > early);
            for kind in [WriteKind::Click, WriteKind::Confirm] {
                let first = precedence(kind, early, score(a));
                prop_assert_eq!(merge(Some(first), precedence(kind, late, score(b))), Merge::Replace);
            }
            let first = precedence(WriteKind::Widget, early, score(a));
            let retry = precedence(WriteKind::Widget, late, score(b));
            prop_assert_eq!(merge(Some(first), retry), Merge::Superseded);
            prop_assert_eq!(merge(Some(retry), first), Merge::Replace);
        }
    }

    #[test]
    fn the_same_write_again_is_recognised_and_changes_nothing() {
        let p = precedence(WriteKind::Click, 1_780_000_000_000, score(3));
        assert_eq!(merge(Some(p), p), Merge::Same);
        assert_eq!(merge(None, p), Merge::Insert);
    }

    #[test]
    fn every_precedence_is_exact_as_a_javascript_number() {
        let highest = precedence(WriteKind::Widget, 0, score(10));
        assert!(highest < 1 << 53);
        let latest = precedence(WriteKind::Confirm, u64::MAX, score(10));
        assert!(latest < highest && latest < 1 << 53);
    }
}
