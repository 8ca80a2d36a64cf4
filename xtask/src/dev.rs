//! `cargo xtask dev`: the demo on http://127.0.0.1:8787, with a year of
//! sample answers in the `demo` survey.

use std::path::PathBuf;

use crate::cmd::{root, Result};
use crate::devserver::Worker;
use crate::wrangler::{migrate, CONFIG};
use crate::{build, demo, secrets, setup};

/// Where the demo runs: the demo survey allows this origin.
const PORT: u16 = 8787;

/// Everything needed, the `demo` survey's sample year (once), then the
/// Worker until Ctrl-C.
pub fn serve_forever() -> Result {
    setup::run(setup::Needs::Build)?;
    build::run()?;
    let persist: PathBuf = root().join(".state/d1");
    secrets::ensure_dev_vars()?;
    migrate(CONFIG, &persist)?;
    demo::seed_once(&persist, "demo")?;
    let worker = Worker::start(PORT, &persist)?;
    println!(
        "\nAmbassador is running: open {0}/ (Ctrl-C stops it)\n\
         The owners' dashboard, with a year of sample answers in the demo survey:\n  \
         {0}/dashboard/?survey=demo&period=12m\n\
         Sign in as ana (an agent, works cases) or vic (a viewer), password {1}\n\
         (DASHBOARD_PASSWORD in edge/.dev.vars)\nLocal D1 lives in {2}",
        worker.url,
        secrets::dev_var("DASHBOARD_PASSWORD")?,
        persist.display()
    );
    worker.wait()
}
