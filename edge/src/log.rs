//! Structured logs: one JSON line per request and per delivery attempt, for
//! Workers Logs (`[observability]` in `wrangler.toml`), which indexes each
//! field.
//!
//! What a line may hold is fixed here and nowhere else: routes as patterns
//! (`/v1/l/{token}`, never the token), survey and destination ids, event ids
//! (an answer's random id and a version), statuses, codes and durations.
//! Never a comment, a customer or transaction ref, a page URL, a token, a
//! secret or a destination's URL (a Slack URL is a credential): people's
//! words and identities stay in D1, where erasure reaches them.

use serde_json::{json, Value};
use worker::console_log;

/// The request line: what was asked, how it ended, how long it took.
pub struct RequestLine<'a> {
    /// The method as sent.
    pub method: &'a str,
    /// The route pattern, e.g. `/v1/surveys/{id}/report`.
    pub route: &'static str,
    /// The survey the path names, if any.
    pub survey: Option<&'a str>,
    /// The status answered.
    pub status: u16,
    /// The error's stable code, for a failure.
    pub error: Option<&'static str>,
    /// For a server-side failure (5xx), what failed: a configuration name or
    /// the storage's message, never request data.
    pub detail: Option<&'a str>,
    /// Milliseconds from arrival to answer.
    pub duration_ms: u64,
}

/// Writes the request line.
pub fn request(line: &RequestLine<'_>) {
    write(json!({
        "kind": "request",
        "method": line.method,
        "route": line.route,
        "survey": line.survey,
        "status": line.status,
        "error": line.error,
        "detail": line.detail,
        "duration_ms": line.duration_ms,
    }));
}

/// Writes the line of one delivery attempt.
pub fn delivery(
    destination: &str,
    event_id: &str,
    reply_status: Option<u16>,
    attempt: u32,
    outcome: &str,
    next_retry_secs: Option<u32>,
) {
    write(json!({
        "kind": "delivery",
        "destination": destination,
        "event_id": event_id,
        "reply_status": reply_status,
        "attempt": attempt,
        "outcome": outcome,
        "next_retry_secs": next_retry_secs,
    }));
}

/// Writes the line of an intake batch the consumer could not write yet.
pub fn intake_retry(writes: usize, attempt: u32, next_retry_secs: u32, detail: &str) {
    write(json!({
        "kind": "intake_retry",
        "writes": writes,
        "attempt": attempt,
        "next_retry_secs": next_retry_secs,
        "detail": detail,
    }));
}

/// Writes the line of a case event the events queue refused, kept as
/// `deliveries` dead letters instead.
pub fn events_unqueued(event_id: &str, deliveries: usize, detail: &str) {
    write(json!({
        "kind": "events_unqueued",
        "event_id": event_id,
        "deliveries": deliveries,
        "detail": detail,
    }));
}

/// Writes the line of a click whose settling could not be queued: it waits
/// for the daily trigger instead of its quiet period.
pub fn settle_unqueued(detail: &str) {
    write(json!({"kind": "settle_unqueued", "detail": detail}));
}

/// Writes the line of a finished CSV export: how many answers it streamed,
/// and the Worker's wasm memory before and after. Linear memory only ever
/// grows, so `wasm_memory_after` is the most the isolate has held: equal to
/// `wasm_memory_before` after a million answers means streamed, in constant
/// memory (`cargo xtask bench-reports` reads this line).
pub fn export(survey: &str, answers: usize, wasm_memory_before: usize) {
    write(json!({
        "kind": "export",
        "survey": survey,
        "answers": answers,
        "wasm_memory_before": wasm_memory_before,
        "wasm_memory_after": wasm_memory(),
    }));
}

/// The size of this isolate's wasm linear memory, in bytes.
pub fn wasm_memory() -> usize {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|memory| memory.buffer())
        .ok()
        .and_then(|buffer| buffer.dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0, |buffer| buffer.byte_length() as usize)
}

fn write(line: Value) {
    console_log!("{line}");
}
