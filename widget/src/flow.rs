//! The widget's conversation as a plain state machine: choose a score, say
//! why, send, then thanks or a retry. Components only render it, so every
//! transition is tested natively without a browser.

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
    /// Sending failed; the message says why, the answer is kept for a retry.
    Failed(String),
}

/// Everything the customer has entered, plus the phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub phase: Phase,
    pub score: Option<Score>,
    pub comment: String,
}

/// What can happen to the flow: customer input and network outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Choose(Score),
    EditComment(String),
    Submit,
    Sent,
    SendFailed(String),
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            phase: Phase::Choosing,
            score: None,
            comment: String::new(),
        }
    }
}

impl Flow {
    /// The next state. Input arriving in a phase where it makes no sense
    /// (a double click on submit, a late network reply) leaves it unchanged.
    pub fn apply(self, action: Action) -> Flow {
        match (&self.phase, action) {
            (Phase::Choosing | Phase::FollowUp | Phase::Failed(_), Action::Choose(score)) => Flow {
                phase: Phase::FollowUp,
                score: Some(score),
                ..self
            },
            (Phase::FollowUp | Phase::Failed(_), Action::EditComment(comment)) => {
                Flow { comment, ..self }
            }
            (Phase::FollowUp | Phase::Failed(_), Action::Submit) if self.score.is_some() => Flow {
                phase: Phase::Sending,
                ..self
            },
            (Phase::Sending, Action::Sent) => Flow {
                phase: Phase::Thanks,
                ..self
            },
            (Phase::Sending, Action::SendFailed(why)) => Flow {
                phase: Phase::Failed(why),
                ..self
            },
            _ => self,
        }
    }

    /// The category of the chosen score, which picks the follow-up question.
    pub fn category(&self) -> Option<Category> {
        self.score.map(Score::category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(v: i64) -> Score {
        Score::new(v).expect("valid score")
    }

    fn run(actions: impl IntoIterator<Item = Action>) -> Flow {
        actions.into_iter().fold(Flow::default(), Flow::apply)
    }

    #[test]
    fn happy_path_ends_in_thanks_with_the_answer() {
        let flow = run([
            Action::Choose(score(9)),
            Action::EditComment("Fast".into()),
            Action::Submit,
            Action::Sent,
        ]);
        assert_eq!(flow.phase, Phase::Thanks);
        assert_eq!(flow.score, Some(score(9)));
        assert_eq!(flow.comment, "Fast");
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
    fn failure_keeps_the_answer_for_retry() {
        let flow = run([
            Action::Choose(score(2)),
            Action::EditComment("Late".into()),
            Action::Submit,
            Action::SendFailed("offline".into()),
        ]);
        assert_eq!(flow.phase, Phase::Failed("offline".into()));
        assert_eq!(flow.comment, "Late");
        assert_eq!(flow.apply(Action::Submit).phase, Phase::Sending);
    }

    #[test]
    fn late_network_replies_are_ignored() {
        let flow = run([Action::Choose(score(10)), Action::Sent]);
        assert_eq!(flow.phase, Phase::FollowUp);
    }
}
