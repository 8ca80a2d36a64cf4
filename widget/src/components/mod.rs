//! The widget's view: one Yew component, the app, which holds the state; its
//! parts (scale, follow-up, extra questions) are plain view functions, since
//! every component type adds its own copy of Yew's lifecycle to the wasm.

mod app;
mod extra;
mod follow_up;
mod scale;

pub use app::{App, AppProps};
