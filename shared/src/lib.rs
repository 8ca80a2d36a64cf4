//! The Ambassador domain, shared by the widget (browser) and the edge (Worker).
//!
//! Everything that decides what an answer *means* lives here, once: which scores
//! exist, how they are classed, what a valid submission is, and how NPS and its
//! margin of error are computed. The crate is pure Rust with no browser or Worker
//! dependency and does no I/O, so both sides compile the same rules and native
//! tests cover them.
//!
//! The map, one folder per concern:
//!
//! | module | concern |
//! | --- | --- |
//! | [`answer`] | the answer and its rules: score, category, context, submission |
//! | [`input`] | reading what comes in: JSON bodies, query strings, limits, keys, field errors |
//! | [`survey`] | survey definitions from `surveys.toml`, checked, and their public view |
//! | [`intake`] | queue-first intake: an answer write on the queue, and the rule that merges writes in any order |
//! | [`case`] | the closed loop: a case per answer that needs a person, and its rules |
//! | [`auth`] | who may use the owners' side: users, password hashes, session cookies |
//! | [`text`] | what people read: languages, translations, HTML escaping |
//! | [`invitation`] | invitation emails: the batch, minting links, the rendered email, reminders |
//! | [`link`] | signed email links, the email's score buttons and hidden honeypot, the scanner rule, the link error page |
//! | [`forward`] | events to the systems that act on answers, and their webhook signatures |
//! | [`report`] | NPS with its margin of error, reports, dates, CSV |
//! | [`team_digest`] | a team's own NPS for the last full week or month, as a Slack message and an email |
//! | [`themes`] | why scores move: comments' terms in seven languages, themes and drivers |
//! | [`local_time`] | the deployment's time zone: its days, hours and their boundaries |
//! | [`client`] | the widget's rules as a client: when to ask again, when to resend |

pub mod answer;
pub mod auth;
pub mod case;
pub mod client;
pub mod forward;
pub mod input;
pub mod intake;
pub mod invitation;
pub mod link;
pub mod local_time;
pub mod report;
pub mod survey;
pub mod team_digest;
pub mod text;
pub mod themes;
pub mod wallboard;

pub use answer::category::{ByCategory, Category};
pub use answer::context::Context;
pub use answer::score::Score;
pub use answer::submission::Submission;
pub use input::field_error::{FieldError, FieldErrorCode};
pub use report::nps::{Nps, Tally};
pub use survey::{PublicSurvey, SurveyDefinition, Surveys};
pub use text::locale::Locale;
