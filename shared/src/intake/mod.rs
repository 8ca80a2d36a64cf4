//! Queue-first intake: an answer is acknowledged once it is on the intake
//! queue, and written to D1 later, in batches, by the queue's consumer.
//!
//! Queues do not keep order and may deliver a message twice, so each write
//! carries what it needs to be applied in any order: its kind, the moment the
//! edge acknowledged it, and from those its [`precedence`]. The stored row is
//! always the write with the highest precedence among all that arrived, so
//! the result does not depend on the order they are applied in, and applying
//! one again changes nothing; what each write did, and so the events it
//! causes, is judged per answer, not by arrival order ([`stored`]). A
//! customer's erasure reaches the writes still on the queue ([`erasure`]).

mod click;
pub mod erasure;
pub mod precedence;
pub mod settle;
pub mod stored;
mod write;

pub use click::{ClickMessage, IntakeMessage};
pub use precedence::{merge, precedence, Merge};
pub use stored::Stored;
pub use write::{IntakeError, IntakeWrite, WriteKind};
