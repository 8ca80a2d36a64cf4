//! A small burst on every test run: 300 answers sent as fast as 16
//! connections go; each is stored once and its event accepted exactly once
//! by the receiver. `cargo xtask burst` runs the same with 50,000.

use std::time::Duration;

use ambassador_tests::burst;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_of_a_burst_is_stored_and_delivered_once() {
    let report = burst::run(300, 16, Duration::from_secs(120)).await;
    println!("{report:?}");
    assert_eq!(report.sent, 300, "every POST acknowledged");
    assert_eq!(report.stored, 300, "D1 holds each answer once");
    assert_eq!(report.missing, 0, "every event arrived");
    assert_eq!(report.repeats, 0, "no event accepted twice");
}
