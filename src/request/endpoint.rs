//! The `endpoint` option: `[https://|http://]host[:port][/]`. The host is a DNS name (labels of
//! letters, digits and inner hyphens, at most 253 characters) or an IP literal (IPv6 in brackets);
//! the port, when given, is 1 to 65535. Plain `http://` is accepted only for a real loopback host —
//! a `127.0.0.0/8` IPv4 literal, `[::1]` or `localhost`, exactly — because signed requests carry
//! personal data: `http://127.0.0.1.evil.com` or `http://127.evil.example` are other hosts. The
//! package's JS client applies the same rules (`parseEndpoint` in pkg-template/client.js).

use crate::prelude::*;
use crate::error::{CheckError, ErrorCode, Field};
use crate::sign::Scheme;

/// A DNS label: 1-63 letters, digits and hyphens, not starting or ending with a hyphen.
fn is_label(l: &str) -> bool {
    let b = l.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b.first() != Some(&b'-')
        && b.last() != Some(&b'-')
}

/// A decimal octet 0-255 without leading zeros (which some resolvers read as octal).
fn is_octet(p: &str) -> bool {
    !p.is_empty() && p.len() <= 3 && p.bytes().all(|c| c.is_ascii_digit()) && (p == "0" || !p.starts_with('0')) && p.parse::<u16>().is_ok_and(|n| n <= 255)
}

fn is_loopback_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4 && parts.first() == Some(&"127") && parts.iter().all(|p| is_octet(p))
}

/// What stands between `[` and `]`: hex digits, colons and dots (an IPv6 address, possibly with an
/// embedded IPv4).
fn is_ipv6_literal(inner: &str) -> bool {
    (2..=45).contains(&inner.len()) && inner.contains(':') && inner.bytes().all(|c| c.is_ascii_hexdigit() || c == b':' || c == b'.')
}

fn is_port(p: &str) -> bool {
    !p.is_empty() && p.len() <= 5 && p.bytes().all(|c| c.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
}

/// Splits `endpoint` into scheme and `host[:port]`.
pub fn parse(endpoint: &str) -> Result<(Scheme, String), CheckError> {
    let bad = || CheckError::new(ErrorCode::EndpointInvalid, Field::Endpoint);
    let (scheme, rest) = if let Some(rest) = endpoint.strip_prefix("https://") {
        (Scheme::Https, rest)
    } else if let Some(rest) = endpoint.strip_prefix("http://") {
        (Scheme::Http, rest)
    } else {
        (Scheme::Https, endpoint)
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    // (host as written, is an IPv6 literal, port)
    let (host, ipv6, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (inner, after) = bracketed.split_once(']').ok_or_else(bad)?;
        let port = match after.strip_prefix(':') {
            Some(port) => Some(port),
            None if after.is_empty() => None,
            None => return Err(bad()),
        };
        (inner, true, port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, false, Some(port)),
            None => (authority, false, None),
        }
    };
    let host_ok = if ipv6 { is_ipv6_literal(host) } else { !host.is_empty() && host.len() <= 253 && host.split('.').all(is_label) };
    if !host_ok || port.is_some_and(|p| !is_port(p)) {
        return Err(bad());
    }
    let loopback = if ipv6 { host == "::1" } else { host.eq_ignore_ascii_case("localhost") || is_loopback_ipv4(host) };
    if scheme == Scheme::Http && !loopback {
        return Err(bad());
    }
    Ok((scheme, authority.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_ports_and_schemes() {
        assert_eq!(parse("cloudauth-intl.cn-hongkong.aliyuncs.com").unwrap(), (Scheme::Https, "cloudauth-intl.cn-hongkong.aliyuncs.com".into()));
        assert_eq!(parse("https://cloudauth-intl-vpc.cn-hongkong.aliyuncs.com/").unwrap().1, "cloudauth-intl-vpc.cn-hongkong.aliyuncs.com");
        assert_eq!(parse("http://127.0.0.1:8910").unwrap(), (Scheme::Http, "127.0.0.1:8910".into()));
        assert_eq!(parse("http://127.255.0.9").unwrap(), (Scheme::Http, "127.255.0.9".into()));
        assert_eq!(parse("http://localhost:8910/").unwrap(), (Scheme::Http, "localhost:8910".into()));
        assert_eq!(parse("http://[::1]:8910").unwrap(), (Scheme::Http, "[::1]:8910".into()));
        assert_eq!(parse("https://[2001:db8::1]:443").unwrap().1, "[2001:db8::1]:443");
        // https to hosts whose names merely look like loopback is fine: TLS names the host
        assert_eq!(parse("https://127.0.0.1.nip.io").unwrap().1, "127.0.0.1.nip.io");
        assert_eq!(parse("127.evil.example:65535").unwrap().1, "127.evil.example:65535");
        for bad in [
            "", "http://cloudauth.aliyuncs.com", "https://a/b", "a b", "ftp://x", "https://", "user@host", "host?x=1",
            // plain http to hosts that are not loopback (issue 11)
            "http://127.0.0.1.evil.com", "http://127.evil.example", "http://127.0.0.1.nip.io:8910", "http://localhost.evil.com",
            "http://0127.0.0.1", "http://127.0.0.01", "http://127.0.0.256", "http://127.0.0", "http://[::2]", "http://[::1].evil.com",
            // not host[:port]
            "[::1].evil.com", "127.0.0.1:1:2", "https://host:99999", "https://host:0", "https://host:", "https://:80", "https://[::1]x",
            "https://[::1", "https://-a.example", "https://a-.example", "https://a..example", "https://a.example.:80", "https://[zz::1]",
        ] {
            assert_eq!(parse(bad).unwrap_err().code, ErrorCode::EndpointInvalid, "{bad}");
        }
        assert!(parse(&format!("https://{}.example", "a".repeat(64))).is_err());
        assert!(parse(&format!("https://{}", ["a"; 127].join("."))).is_ok());
        assert!(parse(&format!("https://{}", ["a"; 128].join("."))).is_err());
    }
}
