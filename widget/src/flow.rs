//! The widget's conversation as a plain state machine: choose a score, say
//! why (and answer any extra questions), send, then thanks; or wait and retry
//! when the edge is unreachable; or be dismissed. Components only render it,
//! so every transition is tested natively without a browser.

use ambassador_shared::{Category, Score};

/// Where the customer is in the survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The 0-10 scale, nothing chosen yet.
    Choosing,
    /// A score is chosen (still changeable); the follow-up is shown.
    FollowUp,
    /// The answer is on its way to the edge.
    Sending,
    /// The edge acknowledged the answer.
    Thanks,
    /// Delivery failed for a reason that may pass (offline, 5xx): the answer
    /// waits in the outbox and is sent again after a backoff. Holds why.
    Waiting(String),
    /// The edge refused the answer (4xx); retrying cannot help. Holds why.
    Refused(String),
    /// The customer closed the survey without answering.
    Dismissed,
}

/// Everything the customer has entered, plus the phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub phase: Phase,
    pub score: Option<Score>,
    pub comment: String,
    /// Extra question id and the chosen option id or the text typed, in the
    /// order answered (a handful at most, so a list beats a map in bytes).
    pub answers: Vec<(String, String)>,
    /// Failed deliveries so far; picks the next backoff.
    pub attempts: u32,
    /// Set when a send was refused because a required question is blank, so
    /// the view says which.
    pub insisted: bool,
    /// Ids of the extra questions that must be answered before sending.
    required: Vec<String>,
    /// The customer closed the popup after answering: nothing is shown,
    /// though a delivery may still be under way.
    hidden: bool,
}

/// What can happen to the flow: customer input and delivery outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Choose(Score),
    EditComment(String),
    /// An extra question's answer; empty text clears it.
    Answer(String, String),
    Submit,
    Delivered,
    Failed(String),
    Refused(String),
    Dismiss,
    /// The popup's × or Escape: dismisses the survey while unanswered, and
    /// only hides it once the answer is given or on its way.
    Close,
}

impl Flow {
    /// A new conversation. `score` is set when it was already chosen
    /// elsewhere (the email link), which goes straight to the follow-up.
    pub fn new(required: Vec<String>, score: Option<Score>) -> Flow {
        Flow {
            phase: score.map_or(Phase::Choosing, |_| Phase::FollowUp),
            score,
            comment: String::new(),
            answers: Vec::new(),
            attempts: 0,
            insisted: false,
            required,
            hidden: false,
        }
    }

    /// The next state. Input arriving in a phase where it makes no sense
    /// (a double click on submit, a late network reply) leaves it unchanged.
    pub fn apply(self, action: Action) -> Flow {
        let editable = matches!(self.phase, Phase::FollowUp | Phase::Refused(_));
        match (&self.phase, action) {
            (Phase::Choosing, Action::Choose(score)) => self.chosen(score),
            (_, Action::Choose(score)) if editable => self.chosen(score),
            (_, Action::EditComment(comment)) if editable => Flow { comment, ..self },
            (_, Action::Answer(question, answer)) if editable => self.answered(question, answer),
            (_, Action::Submit) if editable => self.submitted(),
            (Phase::Waiting(_), Action::Submit) => self.to(Phase::Sending),
            (Phase::Sending, Action::Delivered) => self.to(Phase::Thanks),
            (Phase::Sending, Action::Failed(why)) => Flow {
                attempts: self.attempts + 1,
                ..self.to(Phase::Waiting(why))
            },
            (Phase::Sending, Action::Refused(why)) => self.to(Phase::Refused(why)),
            (Phase::Choosing | Phase::FollowUp | Phase::Refused(_), Action::Dismiss) => {
                self.to(Phase::Dismissed)
            }
            (_, Action::Close) if self.is_over() => Flow {
                hidden: true,
                ..self
            },
            (_, Action::Close) => self.apply(Action::Dismiss),
            _ => self,
        }
    }

    /// The category of the chosen score, which picks the follow-up question.
    pub fn category(&self) -> Option<Category> {
        self.score.map(Score::category)
    }

    /// Required questions still blank, in the survey's order.
    pub fn unanswered(&self) -> Vec<&str> {
        self.required
            .iter()
            .filter(|id| self.answer(id).is_none())
            .map(String::as_str)
            .collect()
    }

    /// The answer given to extra question `question`, if any.
    pub fn answer(&self, question: &str) -> Option<&str> {
        let mut answers = self.answers.iter();
        answers.find_map(|(q, a)| (q == question).then_some(a.as_str()))
    }

    /// Whether the survey is over for this page: answered or dismissed. The
    /// answer may still wait in the outbox; that is no longer the customer's
    /// concern, so the visitor is left in peace from here on.
    pub fn is_over(&self) -> bool {
        matches!(
            self.phase,
            Phase::Thanks | Phase::Dismissed | Phase::Waiting(_)
        )
    }

    /// Whether the survey is on the page: neither dismissed nor closed.
    pub fn is_shown(&self) -> bool {
        !self.hidden && self.phase != Phase::Dismissed
    }

    fn to(self, phase: Phase) -> Flow {
        Flow { phase, ..self }
    }

    fn chosen(self, score: Score) -> Flow {
        Flow {
            score: Some(score),
            ..self.to(Phase::FollowUp)
        }
    }

    fn answered(mut self, question: String, answer: String) -> Flow {
        self.answers.retain(|(q, _)| *q != question);
        if !answer.trim().is_empty() {
            self.answers.push((question, answer));
        }
        self
    }

    fn submitted(self) -> Flow {
        if self.score.is_none() {
            return self;
        }
        if !self.unanswered().is_empty() {
            return Flow {
                insisted: true,
                ..self
            };
        }
        self.to(Phase::Sending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(v: i64) -> Score {
        Score::new(v).expect("valid score")
    }

    fn run(actions: impl IntoIterator<Item = Action>) -> Flow {
        actions
            .into_iter()
            .fold(Flow::new(Vec::new(), None), Flow::apply)
    }

    #[test]
    fn happy_path_ends_in_thanks_with_the_answer() {
        let flow = run([
            Action::Choose(score(9)),
            Action::EditComment("Fast".into()),
            Action::Answer("mattered-most".into(), "price".into()),
            Action::Answer("mattered-most".into(), "staff".into()),
            Action::Submit,
            Action::Delivered,
        ]);
        assert_eq!(flow.phase, Phase::Thanks);
        assert_eq!(flow.score, Some(score(9)));
        assert_eq!(flow.comment, "Fast");
        assert_eq!(flow.answer("mattered-most"), Some("staff"));
        assert_eq!(flow.answers.len(), 1, "a changed answer replaces the old");
        assert!(flow.is_over());
    }

    #[test]
    fn score_can_change_during_follow_up() {
        let flow = run([Action::Choose(score(3)), Action::Choose(score(8))]);
        assert_eq!(flow.category(), Some(Category::Passive));
        assert_eq!(flow.phase, Phase::FollowUp);
    }

    #[test]
    fn cannot_submit_without_a_score_or_twice() {
        assert_eq!(run([Action::Submit]).phase, Phase::Choosing);
        let flow = run([Action::Choose(score(5)), Action::Submit, Action::Submit]);
        assert_eq!(flow.phase, Phase::Sending);
    }

    #[test]
    fn failure_waits_then_retries_with_the_answer() {
        let flow = run([
            Action::Choose(score(2)),
            Action::EditComment("Late".into()),
            Action::Submit,
            Action::Failed("offline".into()),
        ]);
        assert_eq!(flow.phase, Phase::Waiting("offline".into()));
        assert_eq!((flow.comment.as_str(), flow.attempts), ("Late", 1));
        assert!(
            flow.is_over(),
            "a queued answer no longer needs the visitor"
        );
        let flow = flow.apply(Action::Choose(score(9)));
        assert_eq!(flow.score, Some(score(2)), "a queued answer is frozen");
        let flow = flow
            .apply(Action::Submit)
            .apply(Action::Failed("503".into()));
        assert_eq!(flow.attempts, 2);
        let flow = flow.apply(Action::Submit).apply(Action::Delivered);
        assert_eq!(flow.phase, Phase::Thanks);
    }

    #[test]
    fn a_refused_answer_can_be_corrected_and_sent_again() {
        let flow = run([
            Action::Choose(score(6)),
            Action::Submit,
            Action::Refused("422".into()),
            Action::Choose(score(7)),
            Action::Submit,
        ]);
        assert_eq!(flow.phase, Phase::Sending);
        assert_eq!(flow.score, Some(score(7)));
    }

    #[test]
    fn late_network_replies_are_ignored() {
        let flow = run([Action::Choose(score(10)), Action::Delivered]);
        assert_eq!(flow.phase, Phase::FollowUp);
    }

    #[test]
    fn required_questions_block_sending_until_answered() {
        let flow = Flow::new(vec!["why".into()], None)
            .apply(Action::Choose(score(4)))
            .apply(Action::Submit);
        assert_eq!(flow.phase, Phase::FollowUp);
        assert!(flow.insisted);
        assert_eq!(flow.unanswered(), ["why"]);
        let flow = flow
            .apply(Action::Answer("why".into(), "  ".into()))
            .apply(Action::Submit);
        assert_eq!(flow.phase, Phase::FollowUp, "blank is no answer");
        assert_eq!(flow.answer("why"), None);
        let flow = flow
            .apply(Action::Answer("why".into(), "price".into()))
            .apply(Action::Submit);
        assert_eq!(flow.phase, Phase::Sending);
    }

    #[test]
    fn email_link_starts_at_the_follow_up_with_its_score() {
        let flow = Flow::new(Vec::new(), Some(score(3)));
        assert_eq!(flow.phase, Phase::FollowUp);
        assert_eq!(flow.category(), Some(Category::Detractor));
        assert_eq!(flow.apply(Action::Submit).phase, Phase::Sending);
    }

    #[test]
    fn closing_dismisses_an_open_survey_and_hides_an_answered_one() {
        let open = run([Action::Choose(score(3)), Action::Close]);
        assert_eq!(open.phase, Phase::Dismissed);
        assert!(!open.is_shown());
        let sending = run([Action::Choose(score(9)), Action::Submit, Action::Close]);
        assert_eq!(sending.phase, Phase::Sending, "a delivery is not dismissed");
        assert!(sending.is_shown());
        let answered = sending.apply(Action::Delivered).apply(Action::Close);
        assert_eq!(answered.phase, Phase::Thanks);
        assert!(!answered.is_shown());
        let waiting = run([
            Action::Choose(score(2)),
            Action::Submit,
            Action::Failed("offline".into()),
            Action::Close,
        ]);
        assert!(!waiting.is_shown());
        let retried = waiting.apply(Action::Submit);
        assert_eq!(
            retried.phase,
            Phase::Sending,
            "a hidden answer is still sent"
        );
    }

    #[test]
    fn dismissing_ends_the_survey_but_not_a_delivery() {
        let flow = run([Action::Dismiss]);
        assert_eq!(flow.phase, Phase::Dismissed);
        assert!(flow.is_over());
        let sending = run([Action::Choose(score(8)), Action::Submit, Action::Dismiss]);
        assert_eq!(sending.phase, Phase::Sending);
    }
}
