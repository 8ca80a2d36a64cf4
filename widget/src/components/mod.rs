//! The widget's view: one component per part of the survey.

mod app;
mod extra;
mod follow_up;
mod scale;

pub use app::{App, AppProps};
