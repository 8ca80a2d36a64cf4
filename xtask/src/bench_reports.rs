//! `cargo xtask bench-reports`: reports and the CSV export on a year of a
//! million answers, to show they do not slow down as answers pile up.
//!
//! 1. Builds the Worker, migrates a fresh local D1 and seeds it with
//!    1,000,000 answers to the `demo` survey spread over the last 365 days
//!    (four touchpoints, buyers and sellers, widget and email), through
//!    `wrangler d1 execute`: the triggers of migration 0020 count them into
//!    `daily_counts` as they go, as they would in production.
//!    One answer in five has a comment (200,000), in the seven languages,
//!    two things a detractor or a promoter says and a word of a long tail,
//!    which the triggers of migration 0015 put into the full-text index.
//! 2. Starts the Worker in workerd as deployed (no debugger attached:
//!    `Harness::Uninspected`), runs its hourly trigger until the seeded
//!    answers' days are rebuilt for the deployment's zone and their
//!    comments' terms stored (they carry neither, as answers stored before
//!    migrations 0023 and 0024), timing each run and the 12-month report
//!    before, and asks 20 times each for the 12-month report (`GET
//!    /v1/surveys/demo/report?from=..&to=..`), the 12-month themes (all
//!    touchpoints, then one), the last 30 days' themes, the newest page of
//!    comments, and a full-text search for a Swedish word, printing the
//!    median and p95 of curl's total time and the workerd CPU per request
//!    (the Worker's and local D1's together, from /proc).
//! 3. Exports the whole CSV four times, printing time, size, workerd CPU and
//!    the number of answers in it, and the workerd processes' resident memory before and
//!    at its highest during each export (sampled from /proc every 50 ms).
//!    The first exports also fill local D1's page cache, which lives in the
//!    same process, so resident memory levels off only after them, and
//!    alone cannot say what the Worker holds. The Worker says it: its log line of each export gives its wasm
//!    linear memory before and after (memory that only ever grows, so
//!    "after" is the most it held). The same number after a million
//!    answers means streamed, in constant memory.
//!
//! Figures are printed, not asserted: this is a measurement, not a test.

use std::fs;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::cmd::{root, Result};
use crate::devserver::{Harness, Process, Worker};
use crate::process::free_port;
use crate::wrangler::{self, migrate, CONFIG};
use crate::{build, secrets, setup};

const ANSWERS: u64 = 1_000_000;
const REQUESTS: usize = 20;
/// Exports in a row: memory that garbage collection will take back levels
/// off; memory held per export climbs with each.
const EXPORTS: usize = 4;
const DAY_MS: u64 = 86_400_000;

/// Runs the benchmark and prints its figures.
pub fn run() -> Result {
    setup::run(setup::Needs::Build)?;
    build::run()?;
    let persist = root().join(format!(".state/bench-reports-{}", std::process::id()));
    let _ = fs::remove_dir_all(&persist);
    let result = measure(&persist);
    let _ = fs::remove_dir_all(&persist);
    result
}

fn measure(persist: &std::path::Path) -> Result {
    migrate(CONFIG, persist)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_millis() as u64;
    let started = std::time::Instant::now();
    seed(persist, now)?;
    println!(
        "seeded {ANSWERS} answers over 365 days in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let worker = Worker::start_config(
        CONFIG,
        free_port()?,
        persist,
        Harness::Uninspected { log: true },
    )?;
    let key = secrets::dev_var("API_KEY")?;
    let (from, to) = (day(now - 364 * DAY_MS)?, day(now)?);
    let survey = format!("{}/v1/surveys/demo", worker.url);
    let year = format!("{survey}/report?from={from}&to={to}");
    timed("12-month report, before the rebuild", &year, &key, &worker)?;
    rebuild(&worker, &key)?;
    let month = day(now - 29 * DAY_MS)?;
    for (what, url) in [
        (
            "12-month report",
            format!("{survey}/report?from={from}&to={to}"),
        ),
        (
            "12-month themes",
            format!("{survey}/themes?from={from}&to={to}"),
        ),
        (
            "12-month themes, one touchpoint",
            format!("{survey}/themes?from={from}&to={to}&touchpoint=pickup"),
        ),
        (
            "30-day themes",
            format!("{survey}/themes?from={month}&to={to}"),
        ),
        ("comments, newest page", format!("{survey}/comments")),
        (
            "comments, search",
            format!("{survey}/comments?q=upph%C3%A4mtningen"),
        ),
    ] {
        timed(what, &url, &key, &worker)?;
    }

    let export = format!("{}/v1/surveys/demo/responses.csv", worker.url);
    let file = persist.with_extension("csv");
    for run in 1..=EXPORTS {
        let before = rss_kib(&worker);
        let cpu = cpu_seconds(&worker)?;
        let (secs, bytes, highest) = export_sampling(&worker, &export, &key, &file)?;
        let cpu = cpu_seconds(&worker)? - cpu;
        let text = fs::read(&file).map_err(|e| format!("cannot read the export: {e}"))?;
        let answers = text
            .windows(2)
            .filter(|w| w == b"\r\n")
            .count()
            .saturating_sub(1);
        println!(
            "CSV export {run} of {EXPORTS}: {answers} answers, {:.1} MB in {secs:.1} s, \
             {cpu:.1} s of workerd CPU; workerd memory \
             {:.0} MB before, at most {:.0} MB during; {}",
            bytes as f64 / 1e6,
            before as f64 / 1024.0,
            highest as f64 / 1024.0,
            wasm_memory(&worker)?
        );
    }
    let _ = fs::remove_file(&file);
    Ok(())
}

/// The seeded answers carry no local day and no stored terms, as answers
/// stored before migrations 0023 and 0024: the Worker's hourly trigger
/// rebuilds their days for the deployment's zone (`edge/src/local_time.rs`,
/// ten thousand answers per statement) and stores their comments' terms
/// (`edge/src/themes.rs`, 500 comments per statement), each a bounded
/// number of statements per run. Runs the trigger until its log says both
/// are done, printing how long each run took and what it finished.
fn rebuild(worker: &Worker, key: &str) -> Result {
    let trigger = format!("{}/__scheduled?cron=0+*+*+*+*", worker.url);
    let path = worker.log.as_ref().ok_or("the Worker keeps no log")?;
    let done = [
        "local time: Responses rebuilt",
        "themes: every comment's terms stored",
    ];
    let started = std::time::Instant::now();
    for run in 1..=20 {
        let at = std::time::Instant::now();
        curl(&trigger, key)?;
        std::thread::sleep(Duration::from_millis(500));
        let log = fs::read_to_string(path).map_err(|e| format!("cannot read the log: {e}"))?;
        let finished: Vec<&str> = done.iter().copied().filter(|d| log.contains(d)).collect();
        println!(
            "trigger run {run}: {:.1} s; done so far: {}",
            at.elapsed().as_secs_f64() - 0.5,
            if finished.is_empty() {
                "nothing".to_owned()
            } else {
                finished.join(", ")
            }
        );
        if finished.len() == done.len() {
            println!(
                "days of {ANSWERS} answers and terms of {} comments rebuilt in {:.1} s, \
                 {run} trigger run(s)",
                ANSWERS / 5,
                started.elapsed().as_secs_f64(),
            );
            return Ok(());
        }
    }
    Err("the days and terms were not rebuilt in twenty trigger runs".into())
}

/// What the Worker's last `export` log line says of its wasm memory.
fn wasm_memory(worker: &Worker) -> Result<String> {
    let path = worker.log.as_ref().ok_or("the Worker keeps no log")?;
    // The line is written as the last page is streamed; give wrangler a
    // moment to pass it on.
    std::thread::sleep(Duration::from_millis(500));
    let log = fs::read_to_string(path).map_err(|e| format!("cannot read the Worker's log: {e}"))?;
    let line = log
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l.trim()).ok())
        .rfind(|l| l["kind"] == "export")
        .ok_or("the Worker logged no export line")?;
    let mib = |field: &str| line[field].as_f64().unwrap_or(f64::NAN) / 1_048_576.0;
    Ok(format!(
        "the Worker's wasm memory {:.2} MiB before, {:.2} MiB after its {} answers",
        mib("wasm_memory_before"),
        mib("wasm_memory_after"),
        line["answers"]
    ))
}

/// Asks for `url` once to warm up, then [`REQUESTS`] times, and prints the
/// median and p95 of curl's total time, and how many `"id"`s the answer
/// held (a search that found nothing would be fast for nothing).
fn timed(what: &str, url: &str, key: &str, worker: &Worker) -> Result {
    let body = std::env::temp_dir().join(format!("bench-reports-{}.json", std::process::id()));
    curl_to(url, key, &body)?;
    let text = fs::read_to_string(&body).map_err(|e| format!("cannot read {what}: {e}"))?;
    let _ = fs::remove_file(&body);
    let items = text.matches("\"id\":").count();
    let cpu = cpu_seconds(worker)?;
    let mut times: Vec<f64> = (0..REQUESTS)
        .map(|_| curl(url, key).map(|(secs, _)| secs * 1000.0))
        .collect::<Result<_>>()?;
    let cpu_ms = (cpu_seconds(worker)? - cpu) * 1000.0 / REQUESTS as f64;
    times.sort_by(f64::total_cmp);
    println!(
        "{what}, {REQUESTS} requests: median {:.1} ms, p95 {:.1} ms (min {:.1}, max {:.1}), \
         {cpu_ms:.1} ms of workerd CPU each; {items} items with an id in the answer",
        (times[REQUESTS / 2 - 1] + times[REQUESTS / 2]) / 2.0,
        times[REQUESTS * 95 / 100 - 1],
        times[0],
        times[REQUESTS - 1]
    );
    Ok(())
}

/// Downloads `url` into `file` while sampling the Worker's memory: curl's
/// seconds and bytes, and the highest resident memory seen, in KiB.
fn export_sampling(
    worker: &Worker,
    url: &str,
    key: &str,
    file: &std::path::Path,
) -> Result<(f64, u64, u64)> {
    let sampling = AtomicBool::new(true);
    std::thread::scope(|scope| {
        let sampler = scope.spawn(|| {
            let mut highest = 0;
            while sampling.load(Ordering::Relaxed) {
                highest = highest.max(rss_kib(worker));
                std::thread::sleep(Duration::from_millis(50));
            }
            highest
        });
        let exported = curl_to(url, key, file);
        sampling.store(false, Ordering::Relaxed);
        let highest = sampler.join().unwrap_or_default();
        exported.map(|(secs, bytes)| (secs, bytes, highest))
    })
}

/// What the seeded comments say, per language: four things detractors
/// say, then four promoters say. Each comment joins two of its category's
/// and a word of a long tail (`ord0` ... `ord19999`, each in about ten
/// comments a year), so the terms' counts hold a realistic vocabulary, not a
/// handful of sentences.
const COMMENTS: [(&str, [&str; 8]); 7] = [
    (
        "da",
        [
            "Lang ventetid ved afhentningen",
            "Varen var beskadiget",
            "Ingen svarede på min mail",
            "Gebyret var for højt",
            "Venligt personale",
            "Hurtig afhentning",
            "Nem budgivning",
            "God vurdering af mine møbler",
        ],
    ),
    (
        "sv",
        [
            "Lång kö vid upphämtningen",
            "Fakturan var fel",
            "Kundtjänsten ringde aldrig",
            "Föremålet var skadat",
            "Trevlig personal",
            "Smidig budgivning",
            "Snabb utbetalning",
            "Kunnig värdering",
        ],
    ),
    (
        "nb",
        [
            "Ventet lenge på henting",
            "Varen var skadet",
            "Vanskelig å nå kundeservice",
            "Gebyrene er høye",
            "Hyggelig betjening",
            "Rask henting",
            "Enkel budgivning",
            "God vurdering",
        ],
    ),
    (
        "de",
        [
            "Lange Wartezeit bei der Abholung",
            "Die Ware war beschädigt",
            "Niemand hat geantwortet",
            "Gebühren nicht klar",
            "Sehr freundliches Personal",
            "Schnelle Abholung",
            "Einfaches Bieten",
            "Faire Schätzung",
        ],
    ),
    (
        "nl",
        [
            "Lang wachten bij het ophalen",
            "Het artikel was beschadigd",
            "Niemand reageerde",
            "De kosten vielen tegen",
            "Vriendelijk personeel",
            "Snel geregeld",
            "Makkelijk bieden",
            "Top service",
        ],
    ),
    (
        "fr",
        [
            "Attente très longue au retrait",
            "L'objet était abîmé",
            "Personne n'a répondu",
            "Les frais sont élevés",
            "Personnel très aimable",
            "Retrait rapide",
            "Enchères faciles",
            "Estimation juste",
        ],
    ),
    (
        "en",
        [
            "Waited over an hour at pickup",
            "The item was damaged",
            "Nobody answered my email",
            "The fees were not clear",
            "Really friendly staff",
            "Quick pickup",
            "Easy bidding",
            "A fair valuation",
        ],
    ),
];

/// SQL choosing one of `COMMENTS` for answer `i` with score `score`:
/// the language by `i`, the fragment by `pick`.
fn fragment(pick: &str) -> String {
    let mut sql = String::from("CASE (i / 5) % 7");
    for (l, (_, texts)) in COMMENTS.iter().enumerate() {
        let quoted = |t: &str| format!("'{}'", t.replace('\'', "''"));
        let side = |range: std::ops::Range<usize>| {
            let whens: String = texts[range]
                .iter()
                .enumerate()
                .map(|(n, t)| format!(" WHEN {n} THEN {}", quoted(t)))
                .collect();
            format!("CASE ({pick}) % 4{whens} END")
        };
        sql.push_str(&format!(
            " WHEN {l} THEN CASE WHEN (i * 7919) % 11 <= 6 THEN {} ELSE {} END",
            side(0..4),
            side(4..8)
        ));
    }
    sql.push_str(" END");
    sql
}

/// Inserts the answers in one statement, as an operator's import would:
/// without stored terms, as answers from before the themes.
fn seed(persist: &std::path::Path, now: u64) -> Result {
    let locale: String = COMMENTS
        .iter()
        .enumerate()
        .map(|(l, (code, _))| format!(" WHEN {l} THEN '{code}'"))
        .collect();
    let sql = format!(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {ANSWERS}) \
         INSERT INTO responses (id, survey_id, score, category, comment, locale, touchpoint, \
           role, created_at, updated_at, source, confirmed) \
         SELECT printf('seed-%07d', i), 'demo', (i * 7919) % 11, \
           CASE WHEN (i * 7919) % 11 <= 6 THEN 'detractor' \
                WHEN (i * 7919) % 11 <= 8 THEN 'passive' ELSE 'promoter' END, \
           CASE WHEN i % 5 = 1 THEN {first} || ', ' || lower({second}) \
                || printf(' ord%d', (i * 7919) % 20000) END, \
           CASE (i / 5) % 7{locale} END, \
           CASE i % 4 WHEN 0 THEN 'web' WHEN 1 THEN 'store' WHEN 2 THEN 'pickup' \
                ELSE 'customer-service' END, \
           CASE i % 3 WHEN 0 THEN 'buyer' WHEN 1 THEN 'seller' END, \
           {now} - (i % 365) * {DAY_MS} - (i * 31) % {DAY_MS}, {now}, \
           CASE WHEN i % 5 = 0 THEN 'email' ELSE 'widget' END, \
           CASE WHEN i % 50 = 0 THEN 0 ELSE 1 END \
         FROM k;",
        first = fragment("i / 35"),
        second = fragment("i / 35 + 1 + (i / 140) % 3"),
    );
    wrangler::execute_sql(persist, "bench", &sql).map_err(|why| format!("seeding: {why}"))
}

/// The UTC day of `millis` as `YYYY-MM-DD`, by coreutils' `date`, which
/// keeps xtask free of dependencies.
fn day(millis: u64) -> Result<String> {
    let output = Command::new("date")
        .args(["-u", "+%F", "-d", &format!("@{}", millis / 1000)])
        .output()
        .map_err(|e| format!("cannot run date: {e}"))?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// GETs `url` with the API key (loopback: the Worker we started); curl's
/// total seconds and the bytes received.
fn curl(url: &str, key: &str) -> Result<(f64, u64)> {
    curl_to(url, key, std::path::Path::new("/dev/null"))
}

/// The same, keeping the body in `file`.
fn curl_to(url: &str, key: &str, file: &std::path::Path) -> Result<(f64, u64)> {
    let output = Command::new("curl")
        .args([
            "-sS",
            "-w",
            "%{http_code} %{time_total} %{size_download}",
            "-o",
        ])
        .arg(file)
        .args(["-H", &format!("authorization: Bearer {key}"), url])
        .output()
        .map_err(|e| format!("cannot run curl: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let parts: Vec<&str> = text.split(' ').collect();
    match parts[..] {
        ["200", secs, bytes] => Ok((
            secs.parse().map_err(|_| format!("curl said {text}"))?,
            bytes.parse().map_err(|_| format!("curl said {text}"))?,
        )),
        _ => Err(format!("{url} answered {text}")),
    }
}

/// Resident memory of the Worker's workerd processes, in KiB.
/// The CPU time (user and system, seconds) the Worker's workerd processes
/// have used so far, from /proc. Local D1 runs inside workerd too, so a
/// difference is the Worker's CPU and its queries' together: an upper
/// bound of what Cloudflare counts against the Worker's `cpu_ms` limit,
/// which leaves out the time waiting on D1.
fn cpu_seconds(worker: &Worker) -> Result<f64> {
    let ticks = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|t| t.trim().parse::<f64>().ok())
        .ok_or("cannot read the clock's ticks per second (getconf CLK_TCK)")?;
    let used: u64 = worker
        .processes()
        .iter()
        .filter(|(_, process, _)| *process == Process::Workerd)
        .filter_map(|(pid, _, _)| {
            let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // Fields after the command's closing parenthesis: utime and
            // stime are the 12th and 13th of them.
            let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
            Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
        })
        .sum();
    Ok(used as f64 / ticks)
}

fn rss_kib(worker: &Worker) -> u64 {
    worker
        .processes()
        .iter()
        .filter(|(_, process, _)| *process == Process::Workerd)
        .filter_map(|(pid, _, _)| {
            let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .sum()
}
