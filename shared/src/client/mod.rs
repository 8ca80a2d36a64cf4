//! The widget's rules as a client of the edge, kept here so they are tested
//! natively: when it may ask a visitor again (throttle), and when it sends
//! an unacknowledged answer again (resend).

pub mod resend;
pub mod throttle;
