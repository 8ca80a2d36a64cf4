//! Whether an email's clicks were a person's or a mail scanner's.
//!
//! Mail security scanners (Outlook Safe Links and the like) open every link
//! of a message as it arrives, run its JavaScript and send an ordinary
//! browser's user agent, so nothing in a single request tells them from a
//! person. What gives them away is the pattern of the visits to one email's
//! links, which the Worker keeps as a trace ([`Visit`]) and judges when the
//! click's quiet period ends. Only the visits around the judged click count
//! ([`SCAN_WINDOW_MS`]): a scanner opens a message's links in one burst as
//! it arrives, so a person who clicks a day later is not blamed for the
//! scanner's visit of the morning.
//!
//! - the email's hidden link was followed: no person sees or reaches it
//!   ([`crate::link::honeypot_url`]);
//! - several different scores were clicked within seconds: a person picks
//!   one, and changing their mind takes a trip back to the mail client;
//! - a click came within seconds of the email's sending (when the mailer
//!   reported it, [`crate::invitation::sent`]; else of the links' minting):
//!   the scanner reads the mail as it is delivered, a person rarely that
//!   fast;
//! - the judged click came from a mail filter's or a cloud provider's
//!   network ([`super::networks`]): it waits for a person's click from
//!   another network, judged on its own, or a confirmation.
//!
//! A suspected click is kept, but neither counted nor forwarded; a
//! confirmation on the landing page is always a person's and outranks any
//! suspicion (the caller never asks for a confirmed answer).

use crate::Score;

/// How far from the judged click (milliseconds, either side) a visit is
/// part of its burst: a scanner's burst lasts seconds; a minute is ample.
pub const SCAN_WINDOW_MS: u64 = 60_000;

/// Two different scores clicked this close together (milliseconds) are a
/// scanner's: a person who changes their mind goes back to the mail first.
pub const SEVERAL_SCORES_WINDOW_MS: u64 = 5_000;

/// A click this soon (milliseconds) after the links were minted is a
/// scanner's: mail is scanned on delivery, read later.
pub const TOO_SOON_MS: u64 = 20_000;

/// One visit to a link of one email (of one answer's links, reminders
/// included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    /// When the edge took it in, unix milliseconds.
    pub at_ms: u64,
    /// The score clicked, or `None` for the hidden link.
    pub score: Option<Score>,
    /// When the visited link was minted (its `issued_at`), unix seconds,
    /// if its token says.
    pub issued_at: Option<u64>,
    /// When the mailer last reported the email sent, unix milliseconds,
    /// if it did.
    pub sent_at: Option<u64>,
    /// Whether it came from a mail filter's network
    /// ([`super::networks::Network::scanner`]), where the survey watches for
    /// them.
    pub scanner_network: bool,
}

/// Why clicks are taken for a scanner's; the `suspect` column holds
/// [`Suspicion::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suspicion {
    /// The email's hidden link was followed.
    Honeypot,
    /// Different scores were clicked within [`SEVERAL_SCORES_WINDOW_MS`].
    SeveralScores,
    /// A click came within [`TOO_SOON_MS`] of the email's sending, or of
    /// its links' minting when the sending is not known.
    TooSoon,
    /// The click came from a mail filter's network, and nothing since
    /// showed a person.
    ScannerNetwork,
}

impl Suspicion {
    /// The stable name, as stored, exported and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Suspicion::Honeypot => "honeypot",
            Suspicion::SeveralScores => "several_scores",
            Suspicion::TooSoon => "too_soon",
            Suspicion::ScannerNetwork => "scanner_network",
        }
    }
}

/// The first sign of a scanner among the `visits` (any order) around the
/// click made at `click_at_ms`, checked in the order of the module's list;
/// `None` when they look like a person's.
pub fn judge(visits: &[Visit], click_at_ms: u64) -> Option<Suspicion> {
    let visits: Vec<Visit> = visits
        .iter()
        .filter(|v| v.at_ms.abs_diff(click_at_ms) <= SCAN_WINDOW_MS)
        .copied()
        .collect();
    let visits = visits.as_slice();
    if visits.iter().any(|v| v.score.is_none()) {
        return Some(Suspicion::Honeypot);
    }
    if several_scores(visits) {
        return Some(Suspicion::SeveralScores);
    }
    if visits.iter().any(too_soon) {
        return Some(Suspicion::TooSoon);
    }
    let from_scanner = |v: &Visit| v.at_ms == click_at_ms && v.score.is_some() && v.scanner_network;
    visits
        .iter()
        .any(from_scanner)
        .then_some(Suspicion::ScannerNetwork)
}

fn several_scores(visits: &[Visit]) -> bool {
    visits.iter().any(|a| {
        visits.iter().any(|b| {
            a.score != b.score
                && b.at_ms >= a.at_ms
                && b.at_ms - a.at_ms <= SEVERAL_SCORES_WINDOW_MS
        })
    })
}

/// Counted from the latest of the minting and a reported sending that
/// came before the visit: a reminder sent after a click says nothing of it.
fn too_soon(visit: &Visit) -> bool {
    if visit.score.is_none() {
        return false;
    }
    let minted = visit.issued_at.map(|s| s.saturating_mul(1000));
    let sent = visit.sent_at.filter(|&at| at <= visit.at_ms);
    minted
        .max(sent)
        .is_some_and(|from| visit.at_ms < from.saturating_add(TOO_SOON_MS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MINTED: u64 = 1_780_000_000;
    const HOUR_LATER: u64 = (MINTED + 3600) * 1000;

    fn click(at_ms: u64, score: u8) -> Visit {
        Visit {
            at_ms,
            score: Some(Score::new(i64::from(score)).expect("0-10")),
            issued_at: Some(MINTED),
            sent_at: None,
            scanner_network: false,
        }
    }

    /// A mailer that sends an hour after minting: a scanner's click ten
    /// seconds after the sending is too soon once the sending is reported;
    /// a sending reported after the click (a reminder) says nothing of it.
    #[test]
    fn too_soon_counts_from_the_reported_sending() {
        let scanned = click(HOUR_LATER + 10_000, 3);
        assert_eq!(judge_last(&[scanned]), None, "minted an hour before");
        let reported = Visit {
            sent_at: Some(HOUR_LATER),
            ..scanned
        };
        assert_eq!(judge_last(&[reported]), Some(Suspicion::TooSoon));
        let reminder_later = Visit {
            sent_at: Some(HOUR_LATER + 86_400_000),
            ..scanned
        };
        assert_eq!(judge_last(&[reminder_later]), None);
        let person = click(HOUR_LATER + 60_000, 3);
        let person = Visit {
            sent_at: Some(HOUR_LATER),
            ..person
        };
        assert_eq!(judge_last(&[person]), None, "a minute after the sending");
    }

    fn from_scanner_network(visit: Visit) -> Visit {
        Visit {
            scanner_network: true,
            ..visit
        }
    }

    /// One click, an hour after sending, from a mail filter's network: none
    /// of the other signs sees it, the network does. A person's click from
    /// home two minutes later is judged on its own, and is a person's.
    #[test]
    fn a_single_click_from_a_scanners_network_waits_for_a_person() {
        let scanner = from_scanner_network(click(HOUR_LATER, 0));
        assert_eq!(
            judge(&[scanner], HOUR_LATER),
            Some(Suspicion::ScannerNetwork)
        );
        let person = click(HOUR_LATER + 120_000, 8);
        assert_eq!(judge(&[scanner, person], HOUR_LATER + 120_000), None);
        assert_eq!(
            judge(&[scanner, person], HOUR_LATER),
            Some(Suspicion::ScannerNetwork)
        );
    }

    /// Judged as of the latest visit, as the Worker judges the last click.
    fn judge_last(visits: &[Visit]) -> Option<Suspicion> {
        let last = visits.iter().map(|v| v.at_ms).max().unwrap_or_default();
        judge(visits, last)
    }

    #[test]
    fn one_click_an_hour_after_sending_is_a_persons() {
        assert_eq!(judge_last(&[click(HOUR_LATER, 3)]), None);
    }

    #[test]
    fn the_same_score_twice_is_a_persons_double_click() {
        assert_eq!(
            judge_last(&[click(HOUR_LATER, 3), click(HOUR_LATER + 300, 3)]),
            None
        );
    }

    fn honeypot(at_ms: u64) -> Visit {
        Visit {
            score: None,
            ..click(at_ms, 0)
        }
    }

    #[test]
    fn the_hidden_link_gives_a_scanner_away_before_or_after_the_click() {
        let clicked = click(HOUR_LATER, 3);
        for at in [HOUR_LATER - 2_000, HOUR_LATER + 30_000] {
            assert_eq!(
                judge(&[clicked, honeypot(at)], HOUR_LATER),
                Some(Suspicion::Honeypot)
            );
        }
    }

    #[test]
    fn a_person_clicking_a_day_after_the_scanners_burst_is_a_person() {
        let burst = [
            honeypot(HOUR_LATER),
            click(HOUR_LATER + 200, 0),
            click(HOUR_LATER + 400, 1),
        ];
        let person = click(HOUR_LATER + 86_400_000, 3);
        let all = [burst[0], burst[1], burst[2], person];
        assert_eq!(judge(&all, person.at_ms), None);
        assert_eq!(judge(&all, HOUR_LATER + 400), Some(Suspicion::Honeypot));
    }

    #[test]
    fn different_scores_within_seconds_are_a_scanners() {
        let burst = [click(HOUR_LATER + 900, 7), click(HOUR_LATER, 2)];
        assert_eq!(judge_last(&burst), Some(Suspicion::SeveralScores));
        let edge = [
            click(HOUR_LATER, 2),
            click(HOUR_LATER + SEVERAL_SCORES_WINDOW_MS, 7),
        ];
        assert_eq!(judge_last(&edge), Some(Suspicion::SeveralScores));
    }

    #[test]
    fn a_changed_mind_a_minute_later_is_a_persons() {
        let changed = [click(HOUR_LATER, 2), click(HOUR_LATER + 60_000, 7)];
        assert_eq!(judge_last(&changed), None);
        let just_outside = [
            click(HOUR_LATER, 2),
            click(HOUR_LATER + SEVERAL_SCORES_WINDOW_MS + 1, 7),
        ];
        assert_eq!(judge_last(&just_outside), None);
    }

    #[test]
    fn a_click_within_seconds_of_minting_is_a_scanners() {
        let soon = click(MINTED * 1000 + 4_000, 9);
        assert_eq!(judge_last(&[soon]), Some(Suspicion::TooSoon));
        let later = click(MINTED * 1000 + TOO_SOON_MS, 9);
        assert_eq!(judge_last(&[later]), None);
    }

    #[test]
    fn a_token_without_issued_at_is_judged_by_the_other_signs() {
        let old = Visit {
            issued_at: None,
            ..click(MINTED * 1000, 9)
        };
        assert_eq!(judge_last(&[old]), None);
    }

    #[test]
    fn the_names_are_stable() {
        let names = [
            Suspicion::Honeypot,
            Suspicion::SeveralScores,
            Suspicion::TooSoon,
            Suspicion::ScannerNetwork,
        ]
        .map(Suspicion::as_str);
        assert_eq!(
            names,
            ["honeypot", "several_scores", "too_soon", "scanner_network"]
        );
    }

    proptest! {
        /// The verdict does not depend on the order the visits arrived in.
        #[test]
        fn order_does_not_matter(
            visits in proptest::collection::vec(
                (0u64..20_000, proptest::option::of(0u8..=10), any::<bool>()),
                1..8,
            ),
        ) {
            let visits: Vec<Visit> = visits
                .iter()
                .map(|&(dt, s, scanner_network)| Visit {
                    at_ms: HOUR_LATER + dt,
                    score: s.map(|s| Score::new(i64::from(s)).expect("0-10")),
                    issued_at: Some(MINTED),
                    sent_at: None,
                    scanner_network,
                })
                .collect();
            let mut reversed = visits.clone();
            reversed.reverse();
            prop_assert_eq!(judge(&visits, HOUR_LATER), judge(&reversed, HOUR_LATER));
        }
    }
}
