//! What people read: the supported languages and how a visitor's preferences
//! pick one, every fixed string in each of them (the widget's and the
//! dashboard's and the email's apart), the widget's share of them in one language, and
//! escaping text into HTML.

pub mod dashboard;
pub mod email;
pub mod html;
pub mod i18n;
pub mod link_page;
pub mod locale;
pub mod messages;
pub mod team_digest;
pub mod wallboard;
