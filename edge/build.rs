//! Validates `surveys.toml` at build time with the shared rules and hands the
//! Worker the checked definitions as JSON: a broken survey file fails the
//! build (and so the deploy) with every problem listed, never a request.
//! The deployment's `time_zone` becomes the table of offsets the Worker
//! counts local days with (`zone.json`, `shared::local_time`); a name the
//! IANA database does not know fails the build, naming it.
//! The test build (feature `testing`) adds the test surveys of
//! `tests/surveys.toml`; the Worker that ships never has them.
//! It also holds `wrangler.toml` to the queue rule of
//! `shared::forward::deployment`.

use std::path::PathBuf;

use ambassador_shared::local_time::Zone;
use ambassador_shared::survey::Surveys;

fn main() {
    let path = std::env::var("AMBASSADOR_SURVEYS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("../surveys.toml"));
    println!("cargo:rerun-if-changed={}", path.display());
    println!("cargo:rerun-if-env-changed=AMBASSADOR_SURVEYS");
    let mut text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", path.display())));
    if std::env::var_os("CARGO_FEATURE_TESTING").is_some() {
        let tests = PathBuf::from("../tests/surveys.toml");
        println!("cargo:rerun-if-changed={}", tests.display());
        let more = std::fs::read_to_string(&tests)
            .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", tests.display())));
        text = format!("{text}\n{more}");
    }
    let surveys = Surveys::from_toml_str(&text)
        .unwrap_or_else(|e| fail(&format!("{} is invalid:\n{e}", path.display())));
    let json = serde_json::to_string(&surveys)
        .unwrap_or_else(|e| fail(&format!("cannot serialize surveys: {e}")));
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR unset")));
    std::fs::write(out.join("surveys.json"), json)
        .unwrap_or_else(|e| fail(&format!("cannot write surveys.json: {e}")));
    let zone = Zone::named(surveys.time_zone())
        .unwrap_or_else(|e| fail(&format!("{} is invalid:\n  {e}", path.display())));
    let zone = serde_json::to_string(&zone)
        .unwrap_or_else(|e| fail(&format!("cannot serialize the time zone: {e}")));
    std::fs::write(out.join("zone.json"), zone)
        .unwrap_or_else(|e| fail(&format!("cannot write zone.json: {e}")));
    println!("cargo:rerun-if-changed=wrangler.toml");
    let wrangler = std::fs::read_to_string("wrangler.toml")
        .unwrap_or_else(|e| fail(&format!("cannot read edge/wrangler.toml: {e}")));
    ambassador_shared::forward::deployment::check_retries(&wrangler)
        .unwrap_or_else(|why| fail(&why));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1)
}
