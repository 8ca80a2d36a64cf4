//! Why a delivery cannot even be attempted.

use std::fmt;

use ambassador_shared::forward::signature::SecretError;
use ambassador_shared::forward::BackoffError;
use ambassador_shared::survey::UrlError;

/// A delivery that cannot be sent as it stands. Each is a fault of the
/// deployment (a survey or destination removed, a secret missing), so the
/// delivery becomes a dead letter that names it, for a person to fix and resend.
#[derive(Debug)]
pub enum ForwardError {
    /// The event's survey is no longer defined.
    UnknownSurvey(String),
    /// The survey no longer has this destination.
    UnknownDestination(String),
    /// The environment variable `secret_env` names is not set.
    MissingSecret(String),
    /// That variable is not a Standard Webhooks secret.
    BadSecret(String, SecretError),
    /// The variable `url_env` names is not set, or not an allowed URL.
    Url(UrlError),
    /// A forwarding setting in `[vars]` is missing or invalid.
    Settings(String),
    /// The runtime refused to build the request or reach a binding.
    Runtime(String),
}

impl fmt::Display for ForwardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ForwardError::UnknownSurvey(id) => write!(f, "survey {id:?} is no longer defined"),
            ForwardError::UnknownDestination(id) => {
                write!(f, "destination {id:?} is no longer in its survey")
            }
            ForwardError::MissingSecret(name) => {
                write!(
                    f,
                    "the secret {name} is not set (wrangler secret put {name})"
                )
            }
            ForwardError::BadSecret(name, why) => write!(f, "the secret {name} is unusable: {why}"),
            ForwardError::Url(why) => why.fmt(f),
            ForwardError::Settings(why) => write!(f, "forwarding settings: {why}"),
            ForwardError::Runtime(why) => write!(f, "the runtime failed: {why}"),
        }
    }
}

impl From<worker::Error> for ForwardError {
    fn from(error: worker::Error) -> Self {
        ForwardError::Runtime(error.to_string())
    }
}

impl From<BackoffError> for ForwardError {
    fn from(error: BackoffError) -> Self {
        ForwardError::Settings(error.to_string())
    }
}
