//! Checks on the web addresses in a survey file: the origins allowed to show
//! a survey (CORS) and the URLs answers are forwarded to.
//!
//! Both must be https, except on this machine: plain http is allowed for
//! loopback hosts so a survey can be tried end to end without certificates.

/// Hosts reachable only from this machine, where http cannot be intercepted.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// Checks an origin as a browser sends it in the `Origin` header:
/// `scheme://host[:port]`, lowercase, nothing after it. The edge compares
/// origins exactly, so anything a browser would never send can never match.
pub(crate) fn origin(text: &str) -> Result<(), String> {
    let (scheme, rest) = scheme(text)?;
    if let Some(at) = rest.find(['/', '?', '#']) {
        return Err(format!(
            "an origin is scheme://host[:port] only; remove {:?}",
            &rest[at..]
        ));
    }
    let (host, port) = authority(rest)?;
    let default_port = if scheme == "https" { "443" } else { "80" };
    if port == Some(default_port) {
        return Err(format!(
            "remove \":{default_port}\": browsers leave the default port out of the origin"
        ));
    }
    secure(scheme, host)
}

/// True when `allowed` (a checked entry of `allowed_origins`) lets a page at
/// `origin` in. Exact comparison, since origins are checked to the form
/// browsers send; but a loopback origin written without a port, such as
/// `http://localhost`, allows every port of that host, for a site's
/// development server (which picks its own port) on the webmaster's machine.
pub fn origin_allows(allowed: &str, origin: &str) -> bool {
    if allowed == origin {
        return true;
    }
    let any_port = allowed
        .strip_prefix("http://")
        .is_some_and(|host| LOOPBACK_HOSTS.contains(&host));
    any_port
        && origin
            .strip_prefix(allowed)
            .and_then(|port| port.strip_prefix(':'))
            .is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
}

/// Checks a destination URL: https (or http for loopback) with a host.
pub(crate) fn endpoint(text: &str) -> Result<(), String> {
    let (scheme, rest) = scheme(text)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, _) = authority(&rest[..end])?;
    secure(scheme, host)
}

fn scheme(text: &str) -> Result<(&str, &str), String> {
    for scheme in ["https", "http"] {
        if let Some(rest) = text
            .strip_prefix(scheme)
            .and_then(|r| r.strip_prefix("://"))
        {
            return Ok((scheme, rest));
        }
    }
    Err(format!(
        "{text:?} must start with https:// (or http:// for {})",
        LOOPBACK_HOSTS.join(", ")
    ))
}

fn secure(scheme: &str, host: &str) -> Result<(), String> {
    if scheme == "https" || LOOPBACK_HOSTS.contains(&host) {
        return Ok(());
    }
    Err(format!(
        "must be an https URL; http is only allowed for {}",
        LOOPBACK_HOSTS.join(", ")
    ))
}

/// Splits `host[:port]`, checking both.
fn authority(text: &str) -> Result<(&str, Option<&str>), String> {
    if text.contains('@') {
        return Err("must not contain a user name or password".to_owned());
    }
    let (host, port) = match text.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (text, None),
    };
    host_name(host)?;
    if let Some(port) = port {
        port_number(port)?;
    }
    Ok((host, port))
}

fn host_name(host: &str) -> Result<(), String> {
    if host.is_empty() {
        return Err("the host name is missing".to_owned());
    }
    if host.starts_with('[') && host.ends_with(']') {
        let ok = host[1..host.len() - 1]
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        return ok
            .then_some(())
            .ok_or_else(|| format!("{host:?} is not an IPv6 address"));
    }
    let ok = host
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    ok.then_some(())
        .ok_or_else(|| format!("{host:?} is not a host name; use lowercase a-z, 0-9, '.' and '-'"))
}

fn port_number(port: &str) -> Result<(), String> {
    match port.parse::<u16>() {
        Ok(n) if n > 0 && port.chars().all(|c| c.is_ascii_digit()) => Ok(()),
        _ => Err(format!(
            "{port:?} is not a port; use a number from 1 to 65535"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_accept_what_browsers_send() {
        for ok in [
            "https://shop.example.com",
            "https://shop.example.com:8443",
            "http://127.0.0.1:8787",
            "http://localhost:8787",
            "http://[::1]:8787",
        ] {
            assert_eq!(origin(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn a_loopback_origin_without_port_allows_its_every_port() {
        assert!(origin_allows(
            "https://shop.example",
            "https://shop.example"
        ));
        assert!(origin_allows("http://localhost", "http://localhost:5173"));
        assert!(origin_allows("http://127.0.0.1", "http://127.0.0.1:8787"));
        assert!(origin_allows(
            "http://localhost:8787",
            "http://localhost:8787"
        ));
        for (allowed, refused) in [
            ("http://localhost:8787", "http://localhost:8788"),
            ("http://localhost", "http://localhost.evil.example"),
            ("http://localhost", "http://localhost:"),
            ("http://localhost", "http://localhost:80x"),
            ("http://localhost", "http://127.0.0.1:8787"),
            ("https://shop.example", "https://shop.example:8443"),
            ("https://shop.example", "http://shop.example"),
        ] {
            assert!(
                !origin_allows(allowed, refused),
                "{allowed} lets in {refused}"
            );
        }
    }

    #[test]
    fn origins_refuse_what_browsers_never_send() {
        for bad in [
            "shop.example.com",
            "http://shop.example.com",
            "https://shop.example.com/",
            "https://shop.example.com/path",
            "https://Shop.Example.com",
            "https://shop.example.com:443",
            "https://shop.example.com:99999",
            "https://user@shop.example.com",
            "https://",
            "ftp://shop.example.com",
        ] {
            assert!(origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn endpoints_need_https_except_on_loopback() {
        assert_eq!(endpoint("https://hooks.slack.com/services/T0/B0/x"), Ok(()));
        assert_eq!(endpoint("http://127.0.0.1:9911/cs?x=1"), Ok(()));
        assert_eq!(endpoint("http://localhost/hook"), Ok(()));
        let err = endpoint("http://crm.example.com/hook").expect_err("http");
        assert!(err.starts_with("must be an https URL"), "{err}");
        assert!(endpoint("https:///path").is_err());
    }
}
