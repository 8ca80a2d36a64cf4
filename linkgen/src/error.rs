//! Everything that can stop the tool, each with a message that says what to do.

use std::fmt;

use ambassador_shared::link::{InvalidClaims, WeakSecret};

use crate::secret::SECRET_VAR;

/// Why the tool stopped.
#[derive(Debug)]
pub enum CliError {
    /// The command line is wrong; the message names the option.
    Usage(String),
    /// The secret variable is not set.
    MissingSecret,
    /// The secret variable is not UTF-8 text.
    SecretNotText,
    /// The secret is too short to sign with.
    WeakSecret(WeakSecret),
    /// The options make claims that would not verify.
    Claims(InvalidClaims),
    /// The system clock is before 1970 or the expiry overflows.
    Clock,
    /// The CSV file cannot be read; holds the path and the reason.
    CsvInput(String, String),
    /// Some CSV rows are invalid; one message per row.
    CsvRows(Vec<String>),
    /// The survey file cannot be read, is invalid, or lacks the survey;
    /// holds the path and the reason.
    Surveys(String, String),
    /// Writing the output failed, e.g. a closed pipe.
    Output(String),
}

impl CliError {
    /// 2 for a wrong command line, as is usual, else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(message) => write!(f, "{message} (see --help)"),
            CliError::MissingSecret => write!(
                f,
                "{SECRET_VAR} is not set; set it to the link secret the Worker uses"
            ),
            CliError::SecretNotText => write!(f, "{SECRET_VAR} is not valid UTF-8 text"),
            CliError::WeakSecret(weak) => write!(f, "{SECRET_VAR}: {weak}"),
            CliError::Claims(invalid) => invalid.fmt(f),
            CliError::Clock => f.write_str("the system clock is not a usable date"),
            CliError::CsvInput(path, why) => write!(f, "cannot read CSV {path}: {why}"),
            CliError::CsvRows(rows) => {
                write!(f, "{} invalid CSV row(s):\n{}", rows.len(), rows.join("\n"))
            }
            CliError::Surveys(path, why) => write!(f, "survey file {path}: {why}"),
            CliError::Output(why) => write!(f, "cannot write the output: {why}"),
        }
    }
}

impl std::error::Error for CliError {}

impl From<lexopt::Error> for CliError {
    fn from(error: lexopt::Error) -> CliError {
        CliError::Usage(error.to_string())
    }
}
