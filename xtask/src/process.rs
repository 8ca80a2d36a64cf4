//! The servers this xtask starts (Workers, WebDriver servers, webhook
//! receivers): a free loopback port for each, and stopping one with
//! everything it spawned.

use std::net::TcpListener;
use std::process::{Child, Command};

use crate::cmd::Result;

/// A loopback port nobody listens on right now, for a server that binds it
/// later. It lies below the kernel's range of ephemeral ports: a port from
/// that range (what binding port 0 gives) can meanwhile become the source
/// port of one of the suite's many outgoing connections, and the server's
/// bind then fails with "address already in use" (a CI run failed so).
pub fn free_port() -> Result<u16> {
    let ephemeral_low = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse::<u16>().ok())
        .unwrap_or(32768);
    let low = 10_000.min(ephemeral_low / 2);
    let span = u32::from(ephemeral_low.saturating_sub(low)).max(1);
    // Start where no other run on the machine likely starts, and walk on.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let start = (nanos ^ std::process::id().wrapping_mul(2_654_435_761)) % span;
    (0..span)
        .map(|i| low + ((start + i) % span) as u16)
        .find(|&port| TcpListener::bind(("127.0.0.1", port)).is_ok())
        .ok_or_else(|| format!("no free port in {low}..{ephemeral_low}"))
}

/// Ends a child started with `process_group(0)` and everything it spawned.
pub fn stop_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
    let _ = child.wait();
}
