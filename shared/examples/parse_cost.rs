//! The cost of the Worker's pure step per answer: parse, validate and
//! classify a body like the load benchmark's. Run by `cargo xtask bench-edge`
//! with the release profile (opt-level "z", as the Worker's wasm is built).

use std::hint::black_box;
use std::time::Instant;

use ambassador_shared::Submission;

const BODY: &str = r#"{"id":"0b7e4c9a-4a1f-4000-8000-2f0c1b6a8e51","survey_id":"demo","score":7,"comment":"Quick pick-up","locale":"en","context":{"touchpoint":"web"}}"#;
const ROUNDS: u32 = 200_000;

fn main() {
    let start = Instant::now();
    let mut stored = 0u32;
    for _ in 0..ROUNDS {
        if let Ok(s) = Submission::from_json(black_box(BODY.as_bytes())) {
            black_box(s.category());
            stored += 1;
        }
    }
    let per = start.elapsed() / ROUNDS;
    assert_eq!(stored, ROUNDS, "the benchmark body is valid");
    println!(
        "native Submission::from_json + category: {:.2} µs per answer ({ROUNDS} rounds)",
        per.as_secs_f64() * 1e6
    );
}
