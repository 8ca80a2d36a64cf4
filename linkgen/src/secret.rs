//! The link secret, from the environment so it stays out of shell history.

use std::env::{self, VarError};

use ambassador_shared::link::LinkSecret;

use crate::error::CliError;

/// The variable holding the secret; the Worker is configured with the same.
pub const SECRET_VAR: &str = "AMBASSADOR_LINK_SECRET";

/// Reads and checks the secret.
pub fn from_env() -> Result<LinkSecret, CliError> {
    let text = env::var(SECRET_VAR).map_err(|e| match e {
        VarError::NotPresent => CliError::MissingSecret,
        VarError::NotUnicode(_) => CliError::SecretNotText,
    })?;
    LinkSecret::new(text.as_bytes()).map_err(CliError::WeakSecret)
}
