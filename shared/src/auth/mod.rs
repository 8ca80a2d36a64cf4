//! Who may use the owners' side: configured users, their passwords, and the
//! session a sign-in gives, as rules without I/O.
//!
//! Users are configuration, not data: a Worker secret holds them, each with
//! a role and a salted, slow hash of the password (`password`), made by the
//! `ambassador-user` command. A sign-in gives a session whose cookie carries
//! a random id and its HMAC (`session`), so a tampered cookie is refused
//! before any storage is asked; the session itself lives in D1, so signing
//! out ends it. Scripts keep using the API key.

pub mod access;
pub mod password;
pub mod session;
pub mod users;
