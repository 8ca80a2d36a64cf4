//! Release build of both wasm parts into `dist/`: `dist/public` is what the
//! Worker serves as static assets (demo page, loader, widget), `dist/edge`
//! is the Worker itself.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

use crate::cmd::{cargo, exec, npm_bin, root, Result};
use crate::wrangler::CONFIG;
use crate::{secrets, short_names, widget_toolchain};

const WASM_DIR: &str = "target/wasm32-unknown-unknown/release";
/// The features rustc enables for wasm32 today, plus the exception handling
/// that the Worker's abort handler uses; wasm-opt must accept them all.
const WASM_FEATURES: [&str; 6] = [
    "--enable-exception-handling",
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Builds widget, dashboard and Worker.
pub fn run() -> Result {
    widget()?;
    dashboard()?;
    edge()
}

fn cargo_wasm(package: &str, features: &[&str]) -> Result {
    let features = features.join(",");
    let mut args = vec![
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        package,
    ];
    if !features.is_empty() {
        args.extend(["--features", &features]);
    }
    exec(&cargo(), &args)
}

/// Optimises `file` for size in place, without the custom sections naming
/// the compiler and its target features, which no runtime reads. Two rounds
/// of `-Oz`: the second finds more after the first's inlining (0.7 KB of
/// brotli on the widget, measured 2026-11-29; a third gains nothing).
/// `flags` come before the rounds.
fn wasm_opt(file: &str, flags: &[&str]) -> Result {
    let mut args = vec![file];
    args.extend(flags);
    args.extend([
        "-Oz",
        "-Oz",
        "--strip-producers",
        "--strip-target-features",
        "-o",
        file,
    ]);
    args.extend(WASM_FEATURES);
    exec(&npm_bin("wasm-opt"), &args)
}

/// The widget, its loader and pages into `dist/public`.
pub fn widget() -> Result {
    let out = "dist/public/widget";
    // Whole: a file an earlier build left there would ship too.
    reset_dir("dist/public")?;
    let wasm = widget_toolchain::build("ambassador-widget")?;
    browser_app(&wasm, out, &WIDGET)?;
    let loader = format!("{out}/ambassador.js");
    minify("widget/loader/ambassador.js", &loader)?;
    fingerprint(out, &loader)?;
    copy("widget/answer.css", &format!("{out}/answer.css"))?;
    copy("widget/answer.html", "dist/public/answer.html")?;
    copy("widget/headers", "dist/public/_headers")?;
    copy("index.html", "dist/public/index.html")?;
    copy("demo.css", "dist/public/demo.css")
}

/// The owners' side into `dist/public/dashboard`, served at `/dashboard/`.
pub fn dashboard() -> Result {
    let out = "dist/public/dashboard";
    cargo_wasm("ambassador-dashboard", &[])?;
    browser_app(
        &format!("{WASM_DIR}/ambassador_dashboard.wasm"),
        out,
        &DASHBOARD,
    )?;
    for file in ["index.html", "boot.js", "dashboard.css"] {
        copy(&format!("dashboard/{file}"), &format!("{out}/{file}"))?;
    }
    Ok(())
}

/// Flags for one browser app beyond the defaults.
struct Tuning {
    /// For wasm-bindgen.
    bindgen: &'static [&'static str],
    /// For wasm-opt.
    opt: &'static [&'static str],
}

/// The widget, which every visitor shown a survey downloads.
const WIDGET: Tuning = Tuning {
    // The loader always passes the wasm, so the glue needs no default path.
    bindgen: &["--omit-default-module-path"],
    // By default wasm-opt inlines every function that has one caller,
    // whatever its size; the large bodies merged into their callers then
    // compress worse. Inlining only those up to 20 bytes makes the wasm 2 %
    // larger raw but 2.2 KB (4 %) smaller in brotli (measured 2026-11-29:
    // 12 to 25 all gain about as much, 0 or unlimited far less).
    opt: &["--one-caller-inline-max-function-size", "20"],
};

/// The dashboard: wasm-opt's inlining as the widget's, which saves about
/// 10 KB (6 %) of brotli here too (measured 2026-11-29, `cargo xtask
/// bench-dashboard`).
const DASHBOARD: Tuning = Tuning {
    bindgen: &[],
    opt: WIDGET.opt,
};

/// A Yew app for the browser into a fresh `out`: its release wasm `input`
/// bound for `--target web`, optimised by wasm-opt, and its glue minified,
/// each with the app's `tuning`.
fn browser_app(input: &str, out: &str, tuning: &Tuning) -> Result {
    reset_dir(out)?;
    let name = Path::new(input)
        .file_stem()
        .and_then(|stem| stem.to_str())
        .ok_or_else(|| format!("{input} names no wasm file"))?;
    let mut args = vec!["--target", "web", "--no-typescript", "--out-dir", out];
    args.extend(tuning.bindgen);
    args.push(input);
    exec("wasm-bindgen", &args)?;
    let wasm = format!("{out}/{name}_bg.wasm");
    wasm_opt(&wasm, tuning.opt)?;
    let glue = format!("{out}/{name}.js");
    shorten_names(&wasm, &glue, &format!("./{name}_bg.js"))?;
    minify(&glue, &glue)
}

/// Renames what the wasm and its glue call each other (see `short_names`).
fn shorten_names(wasm: &str, glue: &str, glue_module: &str) -> Result {
    let (wasm, glue) = (root().join(wasm), root().join(glue));
    let bytes = fs::read(&wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
    let (bytes, text) = short_names::shorten(&bytes, &read(&glue)?, glue_module)?;
    fs::write(&wasm, bytes).map_err(|e| format!("cannot write {}: {e}", wasm.display()))?;
    fs::write(&glue, text).map_err(|e| format!("cannot write {}: {e}", glue.display()))
}

/// Renames the glue and the wasm after a hash of their contents and points
/// the loader at the new names. Browsers may then keep both for a year
/// (`widget/headers`) and a returning visitor fetches neither; the loader,
/// which names them, is revalidated on every page view, so a deploy reaches
/// everyone at once and never pairs an old loader with missing files.
fn fingerprint(out: &str, loader: &str) -> Result {
    const SHIPPED: [(&str, &str); 2] = [
        ("ambassador_widget", ".js"),
        ("ambassador_widget_bg", ".wasm"),
    ];
    let dir = root().join(out);
    let mut hasher = DefaultHasher::new();
    for (stem, ext) in SHIPPED {
        let bytes = fs::read(dir.join(format!("{stem}{ext}")))
            .map_err(|e| format!("cannot read {stem}{ext}: {e}"))?;
        hasher.write(&bytes);
    }
    let tag = format!("{:016x}", hasher.finish());
    let mut text = read(&root().join(loader))?;
    for (stem, ext) in SHIPPED {
        let (plain, tagged) = (format!("{stem}{ext}"), format!("{stem}.{tag}{ext}"));
        fs::rename(dir.join(&plain), dir.join(&tagged))
            .map_err(|e| format!("cannot rename {plain}: {e}"))?;
        let quoted = format!("\"{plain}\"");
        if !text.contains(&quoted) {
            return Err(format!("the loader no longer names {quoted}"));
        }
        text = text.replace(&quoted, &format!("\"{tagged}\""));
    }
    fs::write(root().join(loader), text).map_err(|e| format!("cannot write {loader}: {e}"))
}

/// Minifies a script with esbuild: every byte of the loader is paid on every
/// page view, throttled or not.
fn minify(from: &str, to: &str) -> Result {
    let outfile = format!("--outfile={to}");
    exec(
        &npm_bin("esbuild"),
        &[
            from,
            "--minify",
            &outfile,
            "--allow-overwrite",
            "--log-level=warning",
        ],
    )
}

fn edge() -> Result {
    cargo_wasm("ambassador-edge", &[])?;
    bind_edge("dist/edge")?;
    wasm_opt("dist/edge/edge_bg.wasm", &[])
}

/// The test build of the Worker (feature `testing`: the test surveys and the
/// test switches) into `dist/edge-testing`, and its configuration: the
/// Worker's own, plus the KV namespace that holds the switches. Never
/// deployed; the tests and `cargo xtask burst` run it.
pub fn testing_edge() -> Result {
    cargo_wasm("ambassador-edge", &["testing"])?;
    let out = "dist/edge-testing";
    bind_edge(out)?;
    let config = config_in_dist("shim.mjs", Assets::Kept)?;
    let config = format!(
        "# Generated by `cargo xtask test` from edge/wrangler.toml: the test build.\n{config}\n\
         [[kv_namespaces]]\nbinding = \"SWITCHES\"\nid = \"local-switches\"\n"
    );
    let path = root().join(TESTING_CONFIG);
    fs::write(&path, config).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Whether a configuration derived from the Worker's keeps its static assets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Assets {
    Kept,
    /// Without them, locally no asset router runs in front of the Worker.
    LeftOut,
}

/// The Worker's configuration as seen from a directory in dist/ (paths in a
/// wrangler.toml are relative to the file), with `main` the shim at `shim`
/// from there; the migrations and assets are the Worker's own.
fn config_in_dist(shim: &str, assets: Assets) -> Result<String> {
    let mut config = read(&root().join(CONFIG))?;
    let main = format!("main = \"{shim}\"");
    for (from, to) in [
        ("main = \"../dist/edge/shim.mjs\"", main.as_str()),
        (
            "directory = \"../dist/public\"",
            "directory = \"../public\"",
        ),
        (
            "migrations_dir = \"migrations\"",
            "migrations_dir = \"../../edge/migrations\"",
        ),
    ] {
        if !config.contains(from) {
            return Err(format!("{CONFIG}: expected `{from}`"));
        }
        config = config.replace(from, to);
    }
    if assets == Assets::LeftOut {
        config = without_table(&config, "[assets]");
    }
    Ok(config)
}

/// `config` without the TOML table that starts at the line `header`: up to
/// the next table or the end.
fn without_table(config: &str, header: &str) -> String {
    let mut inside = false;
    let mut kept = String::new();
    for line in config.lines() {
        if line.trim_start().starts_with('[') {
            inside = line.trim() == header;
        }
        if !inside {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// A configuration in `dist/edge-alone` that runs the shipped Worker's
/// bundle (`dist/edge`, built already) without its static assets, for
/// `bench-edge`: deployed, Cloudflare routes a request past the assets
/// before the Worker runs, on none of its CPU; locally that router is two
/// more Workers in the same workerd thread. Its own directory keeps the
/// local secrets wrangler reads beside it away from the shipped bundle.
/// Returns the configuration's path.
pub fn worker_alone_config() -> Result<&'static str> {
    const DIR: &str = "dist/edge-alone";
    const PATH: &str = "dist/edge-alone/wrangler.toml";
    reset_dir(DIR)?;
    let config = format!(
        "# Generated by `cargo xtask bench-edge` from edge/wrangler.toml: the Worker without its assets.\n{}",
        config_in_dist("../edge/shim.mjs", Assets::LeftOut)?
    );
    let path = root().join(PATH);
    fs::write(&path, config).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    secrets::ensure_dev_vars()?;
    copy("edge/.dev.vars", &format!("{DIR}/.dev.vars"))?;
    Ok(PATH)
}

/// The test build's configuration, written by [`testing_edge`].
pub const TESTING_CONFIG: &str = "dist/edge-testing/wrangler.toml";

/// wasm-bindgen's glue for the Worker's wasm, and the shim, into `out`.
fn bind_edge(out: &str) -> Result {
    reset_dir(out)?;
    let input = format!("{WASM_DIR}/ambassador_edge.wasm");
    exec(
        "wasm-bindgen",
        &[
            "--target",
            "module",
            "--no-typescript",
            "--out-name",
            "edge",
            // Lets the shim reset the instance if a panic ever aborts it.
            "--experimental-reset-state-function",
            "--force-enable-abort-handler",
            "--out-dir",
            out,
            &input,
        ],
    )?;
    // wrangler's bundler does not parse source-phase imports yet; a plain
    // import of a .wasm file gives workerd the same compiled module.
    let glue = root().join(out).join("edge.js");
    let text = read(&glue)?.replace("import source wasmModule", "import wasmModule");
    fs::write(&glue, text).map_err(|e| format!("cannot write {}: {e}", glue.display()))?;
    copy("edge/shim.mjs", &format!("{out}/shim.mjs"))
}

fn reset_dir(dir: &str) -> Result {
    let path = root().join(dir);
    if path.exists() {
        fs::remove_dir_all(&path).map_err(|e| format!("cannot clear {dir}: {e}"))?;
    }
    fs::create_dir_all(&path).map_err(|e| format!("cannot create {dir}: {e}"))
}

fn copy(from: &str, to: &str) -> Result {
    fs::copy(root().join(from), root().join(to))
        .map(|_| ())
        .map_err(|e| format!("cannot copy {from} to {to}: {e}"))
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::{config_in_dist, Assets};

    #[test]
    fn the_worker_alone_keeps_every_binding_but_the_assets() {
        let kept = config_in_dist("shim.mjs", Assets::Kept).expect("the Worker's configuration");
        let alone = config_in_dist("../edge/shim.mjs", Assets::LeftOut)
            .expect("the Worker's configuration");
        assert!(kept.contains("[assets]") && kept.contains("run_worker_first"));
        assert!(!alone.contains("[assets]") && !alone.contains("run_worker_first"));
        for binding in [
            "[[d1_databases]]",
            "[[ratelimits]]",
            "[[queues.consumers]]",
            "[vars]",
        ] {
            assert_eq!(
                kept.matches(binding).count(),
                alone.matches(binding).count(),
                "{binding}"
            );
        }
        assert!(alone.contains("main = \"../edge/shim.mjs\""));
    }
}
