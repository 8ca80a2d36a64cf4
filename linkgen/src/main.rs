//! `ambassador-link`: mints survey links for emails.
//!
//! The Worker records a score when a link is clicked, so links must be made
//! with its secret (their claims encrypted and authenticated), one set per recipient. This tool is the sender's side:
//! a token, the eleven score URLs, the HTML block for an email, or a CSV of
//! links for a whole mailing. See `ambassador-link --help`.

mod args;
mod batch;
mod error;
mod mint;
mod secret;

use std::io::{self, Write};
use std::process::ExitCode;

use std::path::Path;

use ambassador_shared::invitation::email;
use ambassador_shared::link;
use ambassador_shared::survey::{SurveyDefinition, Surveys};

use crate::args::{Command, Mode, HELP};
use crate::error::CliError;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ambassador-link: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

fn run() -> Result<(), CliError> {
    let (mode, options) = match args::parse()? {
        Command::Help => return print(HELP),
        Command::Run(mode, options) => (mode, options),
    };
    let secret = secret::from_env()?;
    let claims = mint::claims(&options)?;
    if let Mode::Links {
        base_url,
        csv: Some(path),
    } = &mode
    {
        return batch::run(path, &claims, &secret, base_url, io::stdout().lock());
    }
    let token = link::sign(&claims, &secret).map_err(CliError::Claims)?;
    let output = match mode {
        Mode::Token => format!("{token}\n"),
        Mode::Links { base_url, .. } => mint::score_urls(&base_url, &token).join("\n") + "\n",
        Mode::Email { base_url, surveys } => {
            let survey = survey(&surveys, &claims.survey_id)?;
            email::block(&survey, claims.locale, &base_url, &token)
        }
    };
    print(&output)
}

/// The survey `id` as `path` defines it: the email asks its own question
/// under its brand, as the Worker's invitation emails do.
fn survey(path: &Path, id: &str) -> Result<SurveyDefinition, CliError> {
    let failed = |why: String| CliError::Surveys(path.display().to_string(), why);
    let text = std::fs::read_to_string(path).map_err(|e| failed(e.to_string()))?;
    let surveys = Surveys::from_toml_str(&text).map_err(|e| failed(e.to_string()))?;
    let survey = surveys.get(id).cloned();
    survey.ok_or_else(|| {
        failed(format!(
            "no survey {id:?}; give --surveys the deployment's file"
        ))
    })
}

fn print(text: &str) -> Result<(), CliError> {
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| CliError::Output(e.to_string()))
}
