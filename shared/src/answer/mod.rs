//! The answer and its rules: a score of 0-10, its category, the context it
//! was given in, where it came from, and the submission that carries them, validated.

pub mod category;
pub mod context;
pub mod score;
pub mod source;
pub mod submission;
