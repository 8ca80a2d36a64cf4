//! The command line: which output, and the claims every link carries.

use std::path::PathBuf;

use ambassador_shared::Locale;
use lexopt::prelude::*;

use crate::error::CliError;

/// Printed for `--help`; also the reference for every option.
pub const HELP: &str = "\
ambassador-link: mint Ambassador survey links

USAGE:
    ambassador-link <token|links|email> --survey ID [OPTIONS]

COMMANDS:
    token     print the opaque token
    links     print the eleven score URLs, 0 to 10, one per line
    email     print the HTML block with the survey's question and the eleven
              score buttons, as the Worker's invitation emails show it, and a
              hidden link that only mail scanners follow (their clicks are
              then not counted)

OPTIONS:
    --survey ID              survey id (a-z, 0-9, '-', '_'); required
    --base-url URL           where the Worker answers, e.g. https://nps.example.com;
                             required for links and email
    --customer-ref REF       your id for the customer
    --transaction-ref REF    your id for the order, lot or case
    --touchpoint SLUG        where it happened, e.g. pickup
    --role SLUG              the customer's part, e.g. buyer or seller
    --locale TAG             language of the email and landing page (default en)
    --expires-in-days N      days until the links stop working (default 30)
    --surveys FILE           with email: the survey file whose brand and question
                             the block shows (default surveys.toml)
    --csv FILE               with links: mint for every row of FILE (see below)
    -h, --help               print this help

ENVIRONMENT:
    AMBASSADOR_LINK_SECRET   the Worker's link secret, at least 32 bytes

Each recipient needs their own links: the signature covers the customer and
transaction, so a mail template cannot hold one link for everyone. For a
mailing, mint per recipient with --csv: FILE is a CSV with a header row; the
columns customer_ref, transaction_ref, role, locale and touchpoint are read
when present (an empty cell falls back to the option of the same name) and
any other columns (e.g. email) are copied through. The output is that CSV
plus the columns token, score_0 .. score_10 and honeypot, ready for merge
fields. Put the honeypot URL in a link no person sees (display:none,
aria-hidden, tabindex=-1): mail scanners follow it, and their clicks are then
not counted.

The Worker can do all of this for you: POST /v1/surveys/{id}/invitations
returns each recipient's links, the whole email (subject, HTML, text), the
unsubscribe link and the List-Unsubscribe headers, and counts the response
rate (see the README, section Email).
";

/// The command word, before its options are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Token,
    Links,
    Email,
}

/// What to print, with exactly the options that output needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The token alone.
    Token,
    /// The eleven URLs, or a CSV of them for every row of `csv`.
    Links {
        base_url: String,
        csv: Option<PathBuf>,
    },
    /// The HTML block of the survey defined in `surveys`.
    Email { base_url: String, surveys: PathBuf },
}

/// The claims every link carries, as the options give them; CSV rows may
/// override the per-recipient ones.
#[derive(Debug, Clone)]
pub struct Options {
    pub survey: String,
    pub customer_ref: Option<String>,
    pub transaction_ref: Option<String>,
    pub touchpoint: Option<String>,
    pub role: Option<String>,
    pub locale: Locale,
    pub expires_in_days: u64,
}

/// A parsed command line.
#[derive(Debug, Clone)]
pub enum Command {
    Help,
    Run(Mode, Options),
}

/// The longest `--expires-in-days`: links are for one mailing, not forever.
const MAX_DAYS: u64 = 3650;

/// Reads the process's arguments.
pub fn parse() -> Result<Command, CliError> {
    parse_from(lexopt::Parser::from_env())
}

fn parse_from(mut parser: lexopt::Parser) -> Result<Command, CliError> {
    let mut word = None;
    let mut raw = Raw::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Value(value) if word.is_none() => word = Some(read_word(&value.string()?)?),
            Long(name) => {
                let name = name.to_owned();
                raw.set(&name, parser.value()?.string()?)?;
            }
            other => return Err(other.unexpected().into()),
        }
    }
    let word = word.ok_or_else(|| usage("name a command: token, links or email"))?;
    raw.check(word)
}

fn read_word(word: &str) -> Result<Word, CliError> {
    match word {
        "token" => Ok(Word::Token),
        "links" => Ok(Word::Links),
        "email" => Ok(Word::Email),
        other => Err(usage(&format!(
            "unknown command {other:?}; use token, links or email"
        ))),
    }
}

fn usage(message: &str) -> CliError {
    CliError::Usage(message.to_owned())
}

/// Option values as given, before they are checked together.
#[derive(Default)]
struct Raw {
    survey: Option<String>,
    base_url: Option<String>,
    customer_ref: Option<String>,
    transaction_ref: Option<String>,
    touchpoint: Option<String>,
    role: Option<String>,
    locale: Option<String>,
    expires_in_days: Option<String>,
    surveys: Option<String>,
    csv: Option<String>,
}

impl Raw {
    fn set(&mut self, name: &str, value: String) -> Result<(), CliError> {
        let slot = match name {
            "survey" => &mut self.survey,
            "base-url" => &mut self.base_url,
            "customer-ref" => &mut self.customer_ref,
            "transaction-ref" => &mut self.transaction_ref,
            "touchpoint" => &mut self.touchpoint,
            "role" => &mut self.role,
            "locale" => &mut self.locale,
            "expires-in-days" => &mut self.expires_in_days,
            "surveys" => &mut self.surveys,
            "csv" => &mut self.csv,
            other => return Err(usage(&format!("unknown option --{other}"))),
        };
        if slot.replace(value).is_some() {
            return Err(usage(&format!("--{name} is given twice")));
        }
        Ok(())
    }

    fn check(self, word: Word) -> Result<Command, CliError> {
        if word != Word::Links && self.csv.is_some() {
            return Err(usage("--csv works with the links command only"));
        }
        if word != Word::Email && self.surveys.is_some() {
            return Err(usage("--surveys works with the email command only"));
        }
        let mode = match word {
            Word::Token => Mode::Token,
            Word::Links => Mode::Links {
                base_url: read_base_url(self.base_url)?,
                csv: self.csv.map(PathBuf::from),
            },
            Word::Email => Mode::Email {
                base_url: read_base_url(self.base_url)?,
                surveys: PathBuf::from(self.surveys.as_deref().unwrap_or("surveys.toml")),
            },
        };
        let options = Options {
            survey: self.survey.ok_or_else(|| usage("--survey is required"))?,
            customer_ref: self.customer_ref,
            transaction_ref: self.transaction_ref,
            touchpoint: self.touchpoint,
            role: self.role,
            locale: read_locale(self.locale.as_deref())?,
            expires_in_days: read_days(self.expires_in_days.as_deref())?,
        };
        Ok(Command::Run(mode, options))
    }
}

/// Only web URLs: anything else in an email link is a mistake or an attack.
fn read_base_url(url: Option<String>) -> Result<String, CliError> {
    match url {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => Ok(url),
        _ => Err(usage("--base-url must be given as an http(s) URL")),
    }
}

/// Reads a locale tag such as `sv` or `sv-SE`; `None` means English.
pub fn read_locale(tag: Option<&str>) -> Result<Locale, CliError> {
    let Some(tag) = tag else {
        return Ok(Locale::default());
    };
    Locale::from_tag(tag).ok_or_else(|| {
        let supported: Vec<&str> = Locale::ALL.iter().map(|l| l.as_str()).collect();
        usage(&format!(
            "locale {tag:?} is not supported; use one of {}",
            supported.join(", ")
        ))
    })
}

fn read_days(text: Option<&str>) -> Result<u64, CliError> {
    let Some(text) = text else {
        return Ok(30);
    };
    match text.parse::<u64>() {
        Ok(days) if (1..=MAX_DAYS).contains(&days) => Ok(days),
        _ => Err(usage(&format!(
            "--expires-in-days {text:?} must be a whole number from 1 to {MAX_DAYS}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Command, CliError> {
        parse_from(lexopt::Parser::from_args(line.split_whitespace()))
    }

    fn error(line: &str) -> String {
        match parse_line(line) {
            Err(e) => e.to_string(),
            Ok(command) => panic!("expected an error, got {command:?}"),
        }
    }

    #[test]
    fn reads_every_option() {
        let line = "email --survey pickup --base-url https://x.example --customer-ref C-1 \
                    --transaction-ref T-1 --touchpoint pickup --role buyer --locale sv-SE \
                    --expires-in-days 7 --surveys deploy/surveys.toml";
        let Ok(Command::Run(Mode::Email { surveys, .. }, options)) = parse_line(line) else {
            panic!("expected an email command");
        };
        assert_eq!(surveys, PathBuf::from("deploy/surveys.toml"));
        assert_eq!(options.locale, Locale::Sv);
        assert_eq!(options.expires_in_days, 7);
        assert_eq!(options.role.as_deref(), Some("buyer"));
    }

    #[test]
    fn explains_what_is_wrong() {
        assert!(error("").contains("name a command"));
        assert!(error("mint --survey s").contains("unknown command"));
        assert!(error("token").contains("--survey is required"));
        assert!(error("links --survey s").contains("--base-url"));
        assert!(error("token --survey s --colour red").contains("--colour"));
        assert!(error("token --survey s --survey t").contains("twice"));
        assert!(error("token --survey s --locale es").contains("es"));
        assert!(error("token --survey s --expires-in-days 0").contains("1 to"));
        assert!(error("token --survey s --csv f.csv").contains("links"));
        assert!(error("token --survey s --surveys s.toml").contains("email"));
    }

    #[test]
    fn help_wins() {
        assert!(matches!(parse_line("links --help"), Ok(Command::Help)));
    }
}
