//! Who counts as one client for the per-client write limit.

use std::net::{IpAddr, Ipv6Addr};

/// The rate-limit key of a client address (`cf-connecting-ip`). An IPv6
/// host usually owns a whole /64 and can pick any address in it, so IPv6
/// clients are keyed by their /64; IPv4 (also when IPv4-mapped) by address.
/// Anything unparsable shares one key, `unknown`, rather than escaping the limit.
pub fn client_key(address: &str) -> String {
    match address.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => prefix_64(v6),
        },
        Err(_) => "unknown".to_owned(),
    }
}

fn prefix_64(v6: Ipv6Addr) -> String {
    let [a, b, c, d, ..] = v6.segments();
    format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_hosts_are_one_client_per_64() {
        assert_eq!(client_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(
            client_key("2001:db8:1:2:ffff:ffff:ffff:ffff"),
            "2001:db8:1:2::/64"
        );
        assert_ne!(client_key("2001:db8:1:3::1"), client_key("2001:db8:1:2::1"));
    }

    #[test]
    fn ipv4_by_address_and_garbage_shared() {
        assert_eq!(client_key(" 192.0.2.7 "), "192.0.2.7");
        assert_eq!(client_key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(client_key("not an ip"), "unknown");
        assert_eq!(client_key(""), "unknown");
    }
}
