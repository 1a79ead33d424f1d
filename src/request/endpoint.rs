//! The `endpoint` option: a host, optionally with a port and a scheme. Plain `http://` is accepted
//! only for loopback (a local mock): signed requests carry personal data.

use crate::error::{CheckError, ErrorCode, Field};
use crate::sign::Scheme;

fn is_loopback(host: &str) -> bool {
    let name = host.strip_prefix('[').and_then(|h| h.split(']').next()).unwrap_or_else(|| host.split(':').next().unwrap_or(host));
    name == "localhost" || name == "::1" || name.starts_with("127.")
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
    let host = rest.strip_suffix('/').unwrap_or(rest);
    let ok_chars = host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    if host.is_empty() || !ok_chars || host.len() > 253 {
        return Err(bad());
    }
    if scheme == Scheme::Http && !is_loopback(host) {
        return Err(bad());
    }
    Ok((scheme, host.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_ports_and_schemes() {
        assert_eq!(parse("cloudauth-intl.cn-hongkong.aliyuncs.com").unwrap(), (Scheme::Https, "cloudauth-intl.cn-hongkong.aliyuncs.com".into()));
        assert_eq!(parse("https://cloudauth-intl-vpc.cn-hongkong.aliyuncs.com/").unwrap().1, "cloudauth-intl-vpc.cn-hongkong.aliyuncs.com");
        assert_eq!(parse("http://127.0.0.1:8910").unwrap(), (Scheme::Http, "127.0.0.1:8910".into()));
        assert_eq!(parse("http://localhost:8910/").unwrap(), (Scheme::Http, "localhost:8910".into()));
        assert_eq!(parse("http://[::1]:8910").unwrap(), (Scheme::Http, "[::1]:8910".into()));
        for bad in ["", "http://cloudauth.aliyuncs.com", "https://a/b", "a b", "ftp://x", "https://", "user@host", "host?x=1"] {
            assert_eq!(parse(bad).unwrap_err().code, ErrorCode::EndpointInvalid, "{bad}");
        }
    }
}
