//! The Ambassador domain, shared by the widget (browser) and the edge (Worker).
//!
//! Everything that decides what an answer *means* lives here, once: which scores
//! exist, how they are classed, what a valid submission is, and how NPS and its
//! margin of error are computed. The crate is pure Rust with no browser or Worker
//! dependency, so both sides compile the same rules and native tests cover them.

pub mod api_key;
pub mod category;
pub mod client;
pub mod context;
pub mod csv;
pub mod date;
pub mod email;
pub mod field_error;
pub mod forward;
pub mod html;
pub mod i18n;
pub mod json_fields;
pub mod limits;
pub mod link;
pub mod link_page;
pub mod locale;
pub mod nps;
pub mod query;
pub mod report;
pub mod retry;
pub mod score;
pub mod submission;
pub mod survey;
pub mod throttle;
pub mod webhook_signature;

pub use category::{ByCategory, Category};
pub use context::Context;
pub use field_error::{FieldError, FieldErrorCode};
pub use locale::Locale;
pub use nps::{Nps, Tally};
pub use score::Score;
pub use submission::Submission;
pub use survey::{PublicSurvey, SurveyDefinition, Surveys};
