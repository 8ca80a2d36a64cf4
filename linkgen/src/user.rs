//! `ambassador-user`: makes one entry of the Worker secret `DASHBOARD_USERS`,
//! the people who may sign in to the owners' side.
//!
//! The password is read from standard input, never from the command line
//! (where `ps` and shell history would keep it), and only its salted PBKDF2
//! hash is printed (`shared::auth::password`). Collect the entries in a JSON
//! list and store it with `wrangler secret put DASHBOARD_USERS`.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use ambassador_shared::auth::password::{PasswordHash, SALT_BYTES};
use ambassador_shared::auth::users::Role;
use ambassador_shared::input::json_fields::slug;

const HELP: &str = "\
ambassador-user: make a DASHBOARD_USERS entry for the owners' side

USAGE:
    echo 'a long passphrase' | ambassador-user --name NAME --role ROLE

OPTIONS:
    --name NAME    the sign-in name (a-z, 0-9, '-', '_')
    --role ROLE    viewer (reads reports, comments and cases) or agent (also works cases)
    -h, --help     print this help

The password is the first line of standard input, at least 12 characters.
Prints {\"name\", \"role\", \"password\"} with the password's salted PBKDF2-SHA256
hash; put the entries in a JSON list and store it with
`wrangler secret put DASHBOARD_USERS` (locally: a line DASHBOARD_USERS='[...]'
in edge/.dev.vars).
";

/// Shortest password accepted: a passphrase, not a PIN.
const MIN_PASSWORD_CHARS: usize = 12;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ambassador-user: {error}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let (mut name, mut role) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                return Ok(());
            }
            "--name" => name = args.next(),
            "--role" => role = args.next(),
            other => return Err(format!("unknown argument {other:?}; see --help")),
        }
    }
    let name = name.ok_or("--name NAME is required; see --help")?;
    slug(&name).map_err(|why| format!("--name: {why}"))?;
    let role = role.ok_or("--role viewer|agent is required; see --help")?;
    let role = Role::parse(&role).ok_or(format!("--role: {role:?} is not viewer or agent"))?;
    let mut password = String::new();
    io::stdin()
        .lock()
        .read_line(&mut password)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = password.trim_end_matches(['\r', '\n']);
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!(
            "the password (first line of standard input) must be at least {MIN_PASSWORD_CHARS} characters"
        ));
    }
    let hash = PasswordHash::new(password, &salt()?);
    let entry = serde_json::json!({"name": name, "role": role, "password": hash.to_string()});
    writeln!(io::stdout(), "{entry}").map_err(|e| e.to_string())
}

fn salt() -> Result<[u8; SALT_BYTES], String> {
    let mut bytes = [0u8; SALT_BYTES];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("cannot read /dev/urandom: {e}"))?;
    Ok(bytes)
}
