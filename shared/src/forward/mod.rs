//! Forwarding answers to the systems that act on them: the rules, without I/O.
//!
//! The edge stores an answer, turns it into a [`ResponseEvent`], and fans it
//! out into one [`Delivery`] per destination that receives its category, one
//! queue message each, so a failing destination is retried alone and never
//! makes another one receive an event twice. The queue consumer sends each
//! delivery (as signed JSON or a Slack message), reads the reply with
//! [`ReplyOutcome::of_status`], and on failure waits as [`Backoff`] says or
//! gives the delivery up as a [`DeadLetter`].

mod backoff;
pub mod dead_letters;
mod delivery;
#[cfg(any(feature = "toml", test))]
pub mod deployment;
mod event;
mod reply;
pub mod signature;
mod slack;

pub use backoff::{Backoff, BackoffError, Retry};
pub use delivery::{fan_out, DeadLetter, Delivery, QueueMessage};
pub use event::{CaseData, Event, EventData, EventKind, ResponseEvent};
pub use reply::ReplyOutcome;
pub use slack::{slack_escape, slack_message};
