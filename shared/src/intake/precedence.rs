//! Which of two writes of the same answer wins: the merge rule of intake.
//!
//! An answer belongs to the survey and the source that first stored it: a
//! write naming another survey, or arriving another way (a widget write for
//! an email answer, an email write for a widget answer), never touches it.
//! The id is no secret (it is in the landing page's URL, in invitations and
//! in every forwarded event), so without this rule anyone who knew it could
//! rewrite an email answer with a token-less POST. Such a write is a
//! conflict, counted on the row.
//!
//! Among the writes of one survey and source, one number per write orders
//! them all, so the database can apply the rule in a single upsert
//! (`WHERE excluded.precedence > responses.precedence`) and the Rust tests
//! can check the same rule without a database:
//!
//! - a confirmation (the landing page, or the widget) beats every click: a
//!   click that arrives after the customer confirmed, because the queue
//!   reordered them or the customer clicked the email again, never rewrites
//!   the confirmed answer;
//! - among clicks, and among confirmations, the later acknowledgement wins:
//!   the customer changed their mind;
//! - but a click never replaces a click already judged a person's: a mail
//!   scanner's second pass over the email, or a forwarded copy's, would
//!   otherwise hide the person's answer until it was judged, and then lose
//!   it. The later click is kept as a visit and waits for its own settling,
//!   which makes it the answer only if it too is a person's
//!   (`edge/src/intake/settle.rs`);
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

/// Where a write comes from: the `source` column. A widget write is never
/// signed; clicks and confirmations carry the email's signed token.
pub fn source(kind: WriteKind) -> &'static str {
    match kind {
        WriteKind::Widget => "widget",
        WriteKind::Click | WriteKind::Confirm => "email",
    }
}

/// A stored row as the merge rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held<'a> {
    /// The precedence of the write it holds, which tells its source.
    pub precedence: u64,
    /// The survey it belongs to.
    pub survey_id: &'a str,
    /// Whether it holds a click judged a person's (`state = 'settled'`).
    pub settled: bool,
}

/// A write as the merge rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incoming<'a> {
    /// Its precedence, which tells its kind.
    pub precedence: u64,
    /// The survey it names.
    pub survey_id: &'a str,
}

/// What applying a write does to a row (`None`: no row yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// There was no row: the write makes it.
    Insert,
    /// The write wins over the stored one and replaces it.
    Replace,
    /// This very write is already applied (a redelivery or a retry).
    Same,
    /// A write that wins over this one is stored: nothing changes.
    Superseded,
    /// A later click over a click judged a person's: nothing changes now;
    /// the click's own settling decides whether it becomes the answer.
    Awaits,
    /// The row belongs to another survey or another source: nothing
    /// changes, and the row counts a conflict.
    Foreign,
}

/// The merge rule itself; the SQL in `edge/src/store/intake.rs` is its mirror.
pub fn merge(stored: Option<Held>, incoming: Incoming) -> Merge {
    let Some(held) = stored else {
        return Merge::Insert;
    };
    let (held_kind, _) = written(held.precedence);
    let (kind, _) = written(incoming.precedence);
    if held.survey_id != incoming.survey_id || source(held_kind) != source(kind) {
        return Merge::Foreign;
    }
    match incoming.precedence {
        p if p == held.precedence => Merge::Same,
        p if p < held.precedence => Merge::Superseded,
        _ if held.settled && kind == WriteKind::Click => Merge::Awaits,
        _ => Merge::Replace,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn score(n: u8) -> Score {
        Score::new(i64::from(n)).expect("0-10")
    }

    fn kind() -> impl Strategy<Value = WriteKind> {
        prop_oneof![
            Just(WriteKind::Click),
            Just(WriteKind::Confirm),
            Just(WriteKind::Widget)
        ]
    }

    /// Realistic times: within a few seconds, so ties and near-ties occur.
    fn write_of(
        kinds: impl Strategy<Value = WriteKind>,
    ) -> impl Strategy<Value = (WriteKind, u64, u8)> {
        (kinds, 1_780_000_000_000u64..1_780_000_000_050, 0u8..=10)
    }

    fn held(precedence: u64, survey_id: &str, settled: bool) -> Option<Held<'_>> {
        Some(Held {
            precedence,
            survey_id,
            settled,
        })
    }

    fn incoming(precedence: u64, survey_id: &str) -> Incoming<'_> {
        Incoming {
            precedence,
            survey_id,
        }
    }

    /// Applies writes of one survey in the given order as the database
    /// does (nothing settles meanwhile), keeping the stored precedence.
    fn apply_all(writes: &[(WriteKind, u64, u8)], order: &[usize]) -> Option<u64> {
        let mut stored = None;
        for &i in order {
            let (kind, at, s) = writes[i];
            let p = precedence(kind, at, score(s));
            match merge(
                stored.and_then(|h| held(h, "pickup", false)),
                incoming(p, "pickup"),
            ) {
                Merge::Insert | Merge::Replace => stored = Some(p),
                Merge::Same | Merge::Superseded | Merge::Awaits | Merge::Foreign => {}
            }
        }
        stored
    }

    proptest! {
        /// A precedence tells which kind of write it was and when.
        #[test]
        fn a_precedence_tells_its_write(
            (kind, at, s) in write_of(kind()), far in 0u64..TIME_SPAN,
        ) {
            prop_assert_eq!(written(precedence(kind, at, score(s))), (kind, at));
            prop_assert_eq!(written(precedence(kind, far, score(s))), (kind, far));
        }

        /// Any order of any writes of one survey and source, redeliveries
        /// included, ends in the same row: the one with the highest
        /// precedence.
        #[test]
        fn order_and_repeats_do_not_matter(
            email in any::<bool>(),
            writes in proptest::collection::vec(write_of(kind()), 1..8),
            shuffle in any::<u64>(),
            repeats in proptest::collection::vec(0usize..8, 0..4),
        ) {
            let writes: Vec<_> = writes
                .into_iter()
                .map(|(k, at, s)| match (email, k) {
                    (true, WriteKind::Widget) => (WriteKind::Confirm, at, s),
                    (false, _) => (WriteKind::Widget, at, s),
                    _ => (k, at, s),
                })
                .collect();
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

        /// Every pair of write kinds, with the same or another survey, over
        /// a row settled as a person's click or not: what may change a row
        /// and what never does.
        #[test]
        fn every_pair_of_kinds_with_differing_survey_and_source(
            (held_kind, held_at, held_score) in write_of(kind()),
            (kind, at, s) in write_of(kind()),
            held_survey in prop_oneof![Just("pickup"), Just("demo")],
            survey in prop_oneof![Just("pickup"), Just("demo")],
            settled in any::<bool>(),
        ) {
            // Only a click can be settled.
            let settled = settled && held_kind == WriteKind::Click;
            let stored = precedence(held_kind, held_at, score(held_score));
            let p = precedence(kind, at, score(s));
            let outcome = merge(held(stored, held_survey, settled), incoming(p, survey));
            let changes = matches!(outcome, Merge::Replace);
            let foreign = survey != held_survey || source(kind) != source(held_kind);
            // Another survey's or another source's row never changes, and
            // the write is told apart as a conflict.
            prop_assert_eq!(outcome == Merge::Foreign, foreign);
            // A widget write never changes an email answer (nor the reverse).
            if (kind == WriteKind::Widget) != (held_kind == WriteKind::Widget) {
                prop_assert!(!changes);
            }
            // A click never changes a confirmed answer, nor one settled as a
            // person's click; it waits for its own settling instead.
            if kind == WriteKind::Click && (held_kind != WriteKind::Click || settled) {
                prop_assert!(!changes);
            }
            if kind == WriteKind::Click && settled && !foreign && p > stored {
                prop_assert_eq!(outcome, Merge::Awaits);
            }
            // A confirmation of the same survey always replaces a click,
            // settled or not.
            if kind == WriteKind::Confirm && held_kind == WriteKind::Click && !foreign {
                prop_assert_eq!(outcome, Merge::Replace);
            }
            // Whatever replaces a row ranks above it.
            if changes {
                prop_assert!(p > stored);
            }
            // With no row, every write makes it.
            prop_assert_eq!(merge(None, incoming(p, survey)), Merge::Insert);
        }

        /// A confirmation beats every click, whenever either was made.
        #[test]
        fn a_confirmation_beats_any_click(
            click_at in 0u64..TIME_SPAN, confirm_at in 0u64..TIME_SPAN, a in 0u8..=10, b in 0u8..=10,
        ) {
            let click = precedence(WriteKind::Click, click_at, score(a));
            let confirm = precedence(WriteKind::Confirm, confirm_at, score(b));
            prop_assert_eq!(merge(held(confirm, "pickup", false), incoming(click, "pickup")), Merge::Superseded);
            prop_assert_eq!(merge(held(click, "pickup", false), incoming(confirm, "pickup")), Merge::Replace);
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
                let later = incoming(precedence(kind, late, score(b)), "pickup");
                prop_assert_eq!(merge(held(first, "pickup", false), later), Merge::Replace);
            }
            let first = precedence(WriteKind::Widget, early, score(a));
            let retry = precedence(WriteKind::Widget, late, score(b));
            prop_assert_eq!(merge(held(first, "demo", false), incoming(retry, "demo")), Merge::Superseded);
            prop_assert_eq!(merge(held(retry, "demo", false), incoming(first, "demo")), Merge::Replace);
        }
    }

    #[test]
    fn the_same_write_again_is_recognised_and_changes_nothing() {
        let p = precedence(WriteKind::Click, 1_780_000_000_000, score(3));
        assert_eq!(
            merge(held(p, "pickup", false), incoming(p, "pickup")),
            Merge::Same
        );
        assert_eq!(
            merge(held(p, "pickup", true), incoming(p, "pickup")),
            Merge::Same
        );
    }

    /// The attack of issue #19: a token-less POST with the id of a
    /// confirmed email answer, naming its survey or another.
    #[test]
    fn a_widget_write_never_rewrites_an_email_answer() {
        let confirmed = precedence(WriteKind::Confirm, 1_780_000_000_000, score(2));
        let clicked = precedence(WriteKind::Click, 1_780_000_000_000, score(2));
        let attack = precedence(WriteKind::Widget, 1_780_000_060_000, score(10));
        for stored in [confirmed, clicked] {
            for survey in ["pickup", "demo"] {
                let outcome = merge(held(stored, "pickup", false), incoming(attack, survey));
                assert_eq!(outcome, Merge::Foreign);
            }
        }
    }

    #[test]
    fn every_precedence_is_exact_as_a_javascript_number() {
        let highest = precedence(WriteKind::Widget, 0, score(10));
        assert!(highest < 1 << 53);
        let latest = precedence(WriteKind::Confirm, u64::MAX, score(10));
        assert!(latest < highest && latest < 1 << 53);
    }
}
