//! `cargo xtask dev`: the demo on http://127.0.0.1:8787, with a year of
//! sample answers in the `demo` survey and an invitation email to try the
//! email landing page with.

use std::fs;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use ambassador_shared::invitation::email::Occasion;
use ambassador_shared::invitation::{mint, Recipient, DEFAULT_EXPIRES_IN_DAYS};
use ambassador_shared::{Locale, Surveys};

use crate::cmd::{root, Result};
use crate::devserver::Worker;
use crate::wrangler::{migrate, CONFIG};
use crate::{build, demo, secrets, setup};

/// Where the demo runs: the demo survey allows this origin.
const PORT: u16 = 8787;

/// Everything needed, the `demo` survey's sample year (once), the demo's
/// invitation email, then the Worker until Ctrl-C.
pub fn serve_forever() -> Result {
    setup::run(setup::Needs::Build)?;
    build::run()?;
    let persist: PathBuf = root().join(".state/d1");
    secrets::ensure_dev_vars()?;
    migrate(CONFIG, &persist)?;
    demo::seed_once(&persist, demo::Build::Deployed, "demo")?;
    let base_url = format!("http://127.0.0.1:{PORT}");
    email_demo(&base_url)?;
    let worker = Worker::start(PORT, &persist)?;
    println!(
        "\nAmbassador is running: open {0}/ (Ctrl-C stops it)\n\
         The owners' dashboard, with a year of sample answers in the demo survey:\n  \
         {0}/dashboard/?survey=demo&period=12m\n\
         Sign in as ana (an agent, works cases) or vic (a viewer), password {1}\n\
         (DASHBOARD_PASSWORD in edge/.dev.vars)\n\
         An invitation email, to answer by email: {0}/email-demo\nLocal D1 lives in {2}",
        worker.url,
        secrets::dev_var("DASHBOARD_PASSWORD")?,
        persist.display()
    );
    worker.wait()
}

/// The demo page links the email a customer of the `demo` survey would
/// get, so a visitor can follow a score link to the landing page. Its links
/// must be signed with this machine's `LINK_SECRET` and minted now (they
/// expire), so `dev` writes it into the built assets at each start, as
/// `/email-demo`, with its header rule; `build` clears both, so no
/// deployment ships them.
fn email_demo(base_url: &str) -> Result {
    let text = fs::read_to_string(root().join("surveys.toml"))
        .map_err(|e| format!("surveys.toml: {e}"))?;
    let surveys = Surveys::from_toml_str(&text).map_err(|e| format!("surveys.toml: {e}"))?;
    let survey = surveys
        .get("demo")
        .ok_or("surveys.toml no longer defines the demo survey")?;
    let recipient = Recipient {
        customer_ref: "demo-reader".to_owned(),
        transaction_ref: Some("demo-order".to_owned()),
        touchpoint: Some("web".to_owned()),
        role: Some("buyer".to_owned()),
        locale: Locale::En,
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    let expires_at = now + DEFAULT_EXPIRES_IN_DAYS as u64 * 86_400;
    let minted = mint(
        survey,
        &recipient,
        &secrets::link_secret()?,
        base_url,
        now,
        expires_at,
        Occasion::Invitation,
    )
    .map_err(|e| format!("the demo's invitation: {e}"))?;
    let path = root().join("dist/public/email-demo.html");
    fs::write(&path, minted.email.html)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let path = root().join("dist/public/_headers");
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .and_then(|mut headers| headers.write_all(EMAIL_DEMO_HEADERS.as_bytes()))
        .map_err(|e| format!("cannot add to {}: {e}", path.display()))
}

/// The email page's policy: like every page's, except that an email styles
/// itself inline (mail clients drop stylesheets), so inline styles are
/// allowed; it runs no script at all.
const EMAIL_DEMO_HEADERS: &str = "
# Added by `cargo xtask dev` with the demo's invitation email.
/email-demo
  Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'
  Referrer-Policy: no-referrer
  X-Content-Type-Options: nosniff
";
