//! The request signer: a pure function from a request description and signing parameters to what
//! to send, plus the intermediate strings for debugging (in the style of `aws-sigv4`).
//!
//! Nothing here reads the clock or randomness: the timestamp and the nonce are inputs. The
//! parameters are signed exactly as given (no trimming, no Unicode normalisation); validation of
//! ID numbers, names and so on happens before, in the builders.
//!
//! - [`SignatureVersion::V3`] (default): ACS3-HMAC-SHA256, Action and Version as `x-acs-*` headers.
//! - [`SignatureVersion::V1`]: RPC HMAC-SHA1, everything as parameters, `Signature` in the URL.

use crate::prelude::*;
mod cache;
mod error;
pub mod percent;
mod v1;
mod v3;

pub use cache::SigningCache;
pub use error::SignError;

/// The HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    #[default]
    Post,
    Get,
}

impl Method {
    /// `"POST"` or `"GET"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Post => "POST",
            Method::Get => "GET",
        }
    }
}

/// Which signature algorithm to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignatureVersion {
    /// ACS3-HMAC-SHA256 (what the current official SDKs send).
    #[default]
    V3,
    /// RPC HMAC-SHA1, SignatureVersion 1.0 (older SDKs; still accepted).
    V1,
}

impl SignatureVersion {
    /// `"v3"` or `"v1"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureVersion::V3 => "v3",
            SignatureVersion::V1 => "v1",
        }
    }
}

/// An AccessKey pair, optionally with an STS security token. `Debug` redacts the secret and the
/// token, so logging a `Credentials` (or a [`SigningParams`]) does not leak them.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Credentials {
    pub access_key_id: String,
    pub access_key_secret: String,
    /// STS token; `None` or an empty string means plain AccessKey credentials.
    pub security_token: Option<String>,
}

impl Credentials {
    /// The STS token, if there is a non-empty one.
    fn token(&self) -> Option<&str> {
        self.security_token.as_deref().filter(|t| !t.is_empty())
    }
}

impl core::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("security_token", &self.security_token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// The URL scheme. Alibaba's endpoints are HTTPS; plain HTTP is for a local mock on loopback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    #[default]
    Https,
    Http,
}

/// What to call. `query` goes into the URL, `form` into an `application/x-www-form-urlencoded`
/// body; both are signed exactly as given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestSpec {
    pub method: Method,
    /// Bare host name, optionally with `:port`, e.g. `cloudauth-intl.cn-hongkong.aliyuncs.com`.
    pub host: String,
    pub scheme: Scheme,
    pub action: String,
    pub version: String,
    pub query: Vec<(String, String)>,
    pub form: Vec<(String, String)>,
}

/// The time a request is signed at: a UTC date-time in whole seconds, years 0000-9999. Parsed
/// once at the boundary ([`Timestamp::parse`]); both signature versions write it as
/// `yyyy-MM-ddTHH:mm:ssZ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(chrono::NaiveDateTime);

impl Timestamp {
    /// Exactly `yyyy-MM-ddTHH:mm:ssZ` (no milliseconds, no offset) and a real date-time.
    pub fn parse(s: &str) -> Result<Timestamp, SignError> {
        parse_timestamp(s).map(Timestamp).ok_or(SignError::TimestampInvalid)
    }

    /// A date-time (UTC); `None` outside years 0000-9999. Sub-second parts are dropped.
    pub fn from_datetime(t: chrono::NaiveDateTime) -> Option<Timestamp> {
        use chrono::{Datelike, Timelike};
        let t = t.with_nanosecond(0)?;
        (0..=9999).contains(&t.year()).then_some(Timestamp(t))
    }

    pub fn datetime(self) -> chrono::NaiveDateTime {
        self.0
    }

    /// `yyyy-MM-ddTHH:mm:ssZ`.
    pub fn text(self) -> String {
        use chrono::{Datelike, Timelike};
        let d = self.0;
        let mut out = String::with_capacity(20);
        let year = u32::try_from(d.year()).unwrap_or(0);
        for (n, divisors, sep) in [
            (year, &[1000u32, 100, 10, 1][..], '-'),
            (d.month(), &[10, 1][..], '-'),
            (d.day(), &[10, 1][..], 'T'),
            (d.hour(), &[10, 1][..], ':'),
            (d.minute(), &[10, 1][..], ':'),
            (d.second(), &[10, 1][..], 'Z'),
        ] {
            for div in divisors {
                let digit = n.checked_div(*div).and_then(|q| q.checked_rem(10)).unwrap_or(0);
                out.push(char::from_digit(digit, 10).unwrap_or('0'));
            }
            out.push(sep);
        }
        out
    }
}

impl core::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.text())
    }
}

/// How to sign.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SigningParams {
    pub credentials: Credentials,
    pub timestamp: Timestamp,
    /// Unique per request; printable ASCII without spaces.
    pub nonce: String,
    pub version: SignatureVersion,
}

/// What to send. It carries the STS token (if any) and the parameters, which may be personal
/// data: its `Debug` redacts the `authorization` and `x-acs-security-token` headers, the query
/// (where V1 puts the token and the signature) and the body.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    pub method: Method,
    /// `https://{host}/` plus `?query` when there is one.
    pub url: String,
    /// Lower-case names, sorted by name.
    pub headers: Vec<(String, String)>,
    /// The form body, when `form` is non-empty.
    pub body: Option<String>,
}

/// The intermediate strings of a signature, for debugging a mismatch with the service (what
/// [`sign_with_debug`] adds; `signRequest` in the package returns them). They hold the parameters
/// (V1: the security token too): its `Debug` shows only their lengths.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningDebug {
    /// V3: the canonical request; V1: the canonical query string.
    pub canonical_request: String,
    pub string_to_sign: String,
    /// V3: lower-case hex; V1: base64.
    pub signature: String,
}

const REDACTED: &str = "<redacted>";

impl core::fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let url = match self.url.split_once('?') {
            Some((base, _)) => [base, "?", REDACTED].concat(),
            None => self.url.clone(),
        };
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| match k.as_str() {
                "authorization" | "x-acs-security-token" => (k.as_str(), REDACTED),
                _ => (k.as_str(), v.as_str()),
            })
            .collect();
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("url", &url)
            .field("headers", &headers)
            .field("body", &self.body.as_ref().map(|_| REDACTED))
            .finish()
    }
}

impl core::fmt::Debug for SigningDebug {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SigningDebug")
            .field("canonical_request_len", &self.canonical_request.len())
            .field("string_to_sign_len", &self.string_to_sign.len())
            .field("signature", &REDACTED)
            .finish()
    }
}

/// Parameter names that V1 fills itself.
const V1_RESERVED: &[&str] = &[
    "AccessKeyId",
    "Action",
    "Format",
    "SecurityToken",
    "Signature",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureType",
    "SignatureVersion",
    "Timestamp",
    "Version",
];

/// Signs `req`. Pure: the same inputs always give the same output.
pub fn sign(req: &RequestSpec, params: &SigningParams) -> Result<SignedRequest, SignError> {
    sign_with_debug(req, params).map(|(signed, _)| signed)
}

/// [`sign`], plus the intermediate strings.
pub fn sign_with_debug(req: &RequestSpec, params: &SigningParams) -> Result<(SignedRequest, SigningDebug), SignError> {
    sign_with_cache(req, params, &mut SigningCache::new())
}

/// [`sign_with_debug`], keeping in `cache` what the next request can reuse (the hash state of a V3
/// canonical request's constant start: nothing secret). The result is the same with any cache:
/// only the time differs.
pub fn sign_with_cache(req: &RequestSpec, params: &SigningParams, cache: &mut SigningCache) -> Result<(SignedRequest, SigningDebug), SignError> {
    let creds = &params.credentials;
    let input = Input {
        method: req.method,
        host: &req.host,
        scheme: req.scheme,
        action: &req.action,
        version: &req.version,
        query: borrowed(&req.query),
        form: borrowed(&req.form),
        access_key_id: &creds.access_key_id,
        secret: &creds.access_key_secret,
        token: creds.token(),
        timestamp: params.timestamp,
        nonce: &params.nonce,
        signature_version: params.version,
    };
    sign_input(input, cache).map(|(signed, debug)| (signed.into(), debug))
}

/// The pairs as borrowed strings.
pub(crate) fn borrowed(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// What the signer works on: the request and the signing parameters, borrowed (the public
/// [`RequestSpec`] and [`SigningParams`] lend one; so do the bindings and the builders, without a
/// copy of any string).
pub(crate) struct Input<'a> {
    pub method: Method,
    pub host: &'a str,
    pub scheme: Scheme,
    pub action: &'a str,
    pub version: &'a str,
    pub query: Vec<(&'a str, &'a str)>,
    pub form: Vec<(&'a str, &'a str)>,
    pub access_key_id: &'a str,
    pub secret: &'a str,
    /// The STS token, when there is a non-empty one.
    pub token: Option<&'a str>,
    pub timestamp: Timestamp,
    pub nonce: &'a str,
    pub signature_version: SignatureVersion,
}

/// A [`SignedRequest`] whose header names are the signer's constants (no copy of each name; the
/// bindings write it straight into their reply).
pub(crate) struct Signed {
    pub method: Method,
    pub url: String,
    /// Lower-case names, sorted by name.
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

impl From<Signed> for SignedRequest {
    fn from(s: Signed) -> SignedRequest {
        SignedRequest { method: s.method, url: s.url, headers: s.headers.into_iter().map(|(k, v)| (k.to_string(), v)).collect(), body: s.body }
    }
}

/// Validates and signs; the query and form pairs are sorted by name in place.
pub(crate) fn sign_input(mut input: Input<'_>, cache: &mut SigningCache) -> Result<(Signed, SigningDebug), SignError> {
    validate(&mut input)?;
    match input.signature_version {
        SignatureVersion::V3 => v3::sign(&input, cache),
        SignatureVersion::V1 => v1::sign(&input),
    }
}

/// The checks of every request, in a fixed order; sorts the query and the form by name (and so
/// finds a name given twice as neighbours).
fn validate(i: &mut Input<'_>) -> Result<(), SignError> {
    if i.access_key_id.is_empty() || i.secret.is_empty() {
        return Err(SignError::CredentialsMissing);
    }
    if !is_token(i.access_key_id) || !i.token.map_or(true, is_token) {
        return Err(SignError::CredentialsInvalid);
    }
    if !is_host(i.host) {
        return Err(SignError::HostInvalid);
    }
    if i.nonce.is_empty() {
        return Err(SignError::NonceEmpty);
    }
    if !is_token(i.nonce) {
        return Err(SignError::NonceInvalid);
    }
    if !is_token(i.action) || !is_token(i.version) {
        return Err(SignError::ParamInvalid);
    }
    if i.method == Method::Get && !i.form.is_empty() {
        return Err(SignError::ParamInvalid);
    }
    let v1 = i.signature_version == SignatureVersion::V1;
    if i.query.iter().chain(&i.form).any(|(n, _)| n.is_empty() || v1 && V1_RESERVED.contains(n)) {
        return Err(SignError::ParamInvalid);
    }
    sort_pairs(&mut i.query);
    sort_pairs(&mut i.form);
    let twice = |v: &[(&str, &str)]| v.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0));
    let (query, form) = (&i.query, &i.form);
    if twice(query) || twice(form) || query.iter().any(|(n, _)| form.binary_search_by(|p| p.0.cmp(n)).is_ok()) {
        return Err(SignError::ParamInvalid);
    }
    Ok(())
}

/// Non-empty printable ASCII without spaces (safe as a header value and a parameter).
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic())
}

/// A bare ASCII host, optionally with a port: no scheme, path, query, fragment, user info,
/// whitespace or control characters.
fn is_host(s: &str) -> bool {
    is_token(s) && !s.bytes().any(|b| matches!(b, b'/' | b'?' | b'#' | b'@' | b'\\' | b'%'))
}

/// Exactly `yyyy-MM-ddTHH:mm:ssZ` and a real date-time.
fn parse_timestamp(s: &str) -> Option<chrono::NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 20 {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc.wrapping_mul(10).wrapping_add(u32::from(d.wrapping_sub(b'0'))))
        })
    };
    let seps = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'Z')];
    if !seps.iter().all(|&(i, c)| b.get(i) == Some(&c)) {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(i32::try_from(num(0, 4)?).ok()?, num(5, 7)?, num(8, 10)?)?;
    date.and_hms_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?)
}

/// Sorts pairs by name (byte order). Names are unique once `validate` has passed, so an unstable
/// sort gives the canonical order; one sort function keeps one sort routine in the module.
fn sort_pairs(v: &mut [(&str, &str)]) {
    v.sort_unstable_by(|a, b| a.0.cmp(b.0));
}

/// `https://{host}/` plus `?{query}` when the query is non-empty.
fn url(scheme: Scheme, host: &str, query: &str) -> String {
    let mut u = String::with_capacity(host.len().saturating_add(query.len()).saturating_add(10));
    u.push_str(match scheme {
        Scheme::Https => "https://",
        Scheme::Http => "http://",
    });
    u.push_str(host);
    u.push('/');
    if !query.is_empty() {
        u.push('?');
        u.push_str(query);
    }
    u
}

const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// The form body (percent-encoded, in the sorted order) when there are form parameters.
fn form_body(i: &Input<'_>) -> Option<String> {
    (!i.form.is_empty()).then(|| percent::encode_list(&i.form))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials {
            access_key_id: "testid".into(),
            access_key_secret: "s3cr3t-VALUE".into(),
            security_token: Some("sts-T0KEN".into()),
        }
    }

    fn ok_req() -> RequestSpec {
        RequestSpec {
            method: Method::Post,
            host: "cloudauth-intl.cn-hongkong.aliyuncs.com".into(),
            action: "Id2MetaVerifyIntl".into(),
            version: "2022-08-09".into(),
            query: vec![("UserName".into(), "张三".into())],
            form: vec![],
            scheme: Scheme::Https,
        }
    }

    fn ok_params(version: SignatureVersion) -> SigningParams {
        SigningParams {
            credentials: creds(),
            timestamp: Timestamp::parse("2026-01-15T08:30:00Z").unwrap(),
            nonce: "n-1".into(),
            version,
        }
    }

    fn err(req: &RequestSpec, p: &SigningParams) -> SignError {
        sign(req, p).unwrap_err()
    }

    #[test]
    fn debug_redacts_secret_and_token() {
        let c = creds();
        for s in [format!("{c:?}"), format!("{c:#?}"), format!("{:?}", ok_params(SignatureVersion::V3))] {
            assert!(!s.contains("s3cr3t-VALUE"), "{s}");
            assert!(!s.contains("sts-T0KEN"), "{s}");
            assert!(s.contains("testid") && s.contains("<redacted>"), "{s}");
        }
    }

    #[test]
    fn secret_appears_nowhere_in_output_or_errors() {
        for v in [SignatureVersion::V3, SignatureVersion::V1] {
            let out = sign(&ok_req(), &ok_params(v)).unwrap();
            assert!(!format!("{out:?}").contains("s3cr3t-VALUE"));
        }
        for e in SignError::ALL {
            let all = format!("{e} {e:?} {} {}", e.message(), e.message_zh());
            assert!(!all.contains("s3cr3t") && !all.contains("张三"));
        }
    }

    #[test]
    fn timestamp_errors() {
        let req = ok_req();
        for bad in [
            "",
            "2026-01-15T08:30:00",
            "2026-01-15T08:30:00.000Z",
            "2026-01-15 08:30:00Z",
            "2026-01-15T08:30:00z",
            "2026-02-29T08:30:00Z",
            "2026-13-01T08:30:00Z",
            "2026-00-10T08:30:00Z",
            "2026-01-32T08:30:00Z",
            "2026-01-15T24:00:00Z",
            "2026-01-15T08:60:00Z",
            "2026-01-15T08:30:60Z",
            "2026-01-15T08:30:0aZ",
            "+026-01-15T08:30:00Z",
            "２０26-01-15T08:30:00Z",
            "2026-01-15T08:30:00+08:00",
        ] {
            assert_eq!(Timestamp::parse(bad), Err(SignError::TimestampInvalid), "{bad:?}");
        }
        for good in ["2024-02-29T23:59:59Z", "1999-12-31T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"] {
            let mut p = ok_params(SignatureVersion::V3);
            p.timestamp = Timestamp::parse(good).unwrap();
            assert_eq!(p.timestamp.text(), good, "parsed once, written back the same");
            assert_eq!(p.timestamp.to_string(), good);
            let (out, _) = sign_with_debug(&req, &p).unwrap();
            assert!(out.headers.iter().any(|(k, v)| k == "x-acs-date" && v == good), "{good}");
            let p1 = SigningParams { version: SignatureVersion::V1, ..p };
            assert!(sign(&req, &p1).unwrap().url.contains(&format!("Timestamp={}", good.replace(':', "%3A"))), "{good}");
        }
        let t = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap().and_hms_milli_opt(8, 30, 0, 999).unwrap();
        assert_eq!(Timestamp::from_datetime(t).unwrap().text(), "2026-01-15T08:30:00Z", "milliseconds dropped");
        let far = chrono::NaiveDate::from_ymd_opt(10000, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(Timestamp::from_datetime(far), None);
    }

    #[test]
    fn nonce_errors() {
        let mut p = ok_params(SignatureVersion::V1);
        p.nonce = String::new();
        assert_eq!(err(&ok_req(), &p), SignError::NonceEmpty);
        for bad in ["a b", "a\nb", "é"] {
            p.nonce = bad.into();
            assert_eq!(err(&ok_req(), &p), SignError::NonceInvalid, "{bad:?}");
        }
    }

    #[test]
    fn credential_errors() {
        let mut p = ok_params(SignatureVersion::V3);
        p.credentials.access_key_id = String::new();
        assert_eq!(err(&ok_req(), &p), SignError::CredentialsMissing);
        let mut p = ok_params(SignatureVersion::V3);
        p.credentials.access_key_secret = String::new();
        assert_eq!(err(&ok_req(), &p), SignError::CredentialsMissing);
        let mut p = ok_params(SignatureVersion::V3);
        p.credentials.access_key_id = "id\r\nx-evil: 1".into();
        assert_eq!(err(&ok_req(), &p), SignError::CredentialsInvalid);
        let mut p = ok_params(SignatureVersion::V3);
        p.credentials.security_token = Some("tok en".into());
        assert_eq!(err(&ok_req(), &p), SignError::CredentialsInvalid);
        // An empty token means no STS.
        let mut p = ok_params(SignatureVersion::V3);
        p.credentials.security_token = Some(String::new());
        let out = sign(&ok_req(), &p).unwrap();
        assert!(out.headers.iter().all(|(k, _)| k != "x-acs-security-token"));
    }

    #[test]
    fn host_errors() {
        for bad in [
            "",
            "https://cloudauth.aliyuncs.com",
            "cloudauth.aliyuncs.com/",
            "cloud auth.aliyuncs.com",
            "cloudauth.aliyuncs.com?x=1",
            "cloudauth.aliyuncs.com#f",
            "user@cloudauth.aliyuncs.com",
            " cloudauth.aliyuncs.com",
            "cloudauth.aliyuncs.com\n",
            "例子.com",
        ] {
            let mut req = ok_req();
            req.host = bad.into();
            assert_eq!(err(&req, &ok_params(SignatureVersion::V3)), SignError::HostInvalid, "{bad:?}");
        }
        let mut req = ok_req();
        req.host = "127.0.0.1:8080".into();
        assert!(sign(&req, &ok_params(SignatureVersion::V3)).is_ok());
    }

    #[test]
    fn param_errors() {
        let p3 = ok_params(SignatureVersion::V3);
        let p1 = ok_params(SignatureVersion::V1);
        let mut req = ok_req();
        req.query.push((String::new(), "x".into()));
        assert_eq!(err(&req, &p3), SignError::ParamInvalid);

        let mut req = ok_req();
        req.query.push(("UserName".into(), "again".into()));
        assert_eq!(err(&req, &p3), SignError::ParamInvalid);

        let mut req = ok_req();
        req.form.push(("UserName".into(), "in the body too".into()));
        assert_eq!(err(&req, &p1), SignError::ParamInvalid);

        let mut req = ok_req();
        req.method = Method::Get;
        req.form.push(("A".into(), "b".into()));
        assert_eq!(err(&req, &p3), SignError::ParamInvalid);

        let mut req = ok_req();
        req.query.push(("Signature".into(), "x".into()));
        assert_eq!(err(&req, &p1), SignError::ParamInvalid);
        assert!(sign(&req, &p3).is_ok(), "V3 has no reserved parameter names");

        for (action, version) in [("", "2022-08-09"), ("Id2MetaVerifyIntl", ""), ("Id2 Meta", "v")] {
            let mut req = ok_req();
            req.action = action.into();
            req.version = version.into();
            assert_eq!(err(&req, &p3), SignError::ParamInvalid);
        }
    }

    #[test]
    fn every_error_is_reachable() {
        // One input per refusal, each otherwise valid: the code reached is the one named, and
        // together they reach every SignError (a new variant fails until it gets a row here).
        let p = || ok_params(SignatureVersion::V3);
        let with = |f: fn(&mut RequestSpec, &mut SigningParams)| {
            let (mut r, mut q) = (ok_req(), p());
            f(&mut r, &mut q);
            err(&r, &q)
        };
        let reached = [
            (with(|_, q| q.credentials.access_key_secret.clear()), SignError::CredentialsMissing),
            (with(|_, q| q.credentials.access_key_id = "test id".into()), SignError::CredentialsInvalid),
            (with(|r, _| r.host = "https://host".into()), SignError::HostInvalid),
            // A timestamp is parsed once, at the boundary: a date that does not exist is refused there.
            (Timestamp::parse("2026-02-30T08:30:00Z").map_or_else(|e| e, |_| SignError::ParamInvalid), SignError::TimestampInvalid),
            (with(|_, q| q.nonce.clear()), SignError::NonceEmpty),
            (with(|_, q| q.nonce = "n 1".into()), SignError::NonceInvalid),
            (with(|r, _| r.query.push(("UserName".into(), "x".into()))), SignError::ParamInvalid),
        ];
        for (got, want) in reached {
            assert_eq!(got, want);
        }
        let codes: std::collections::BTreeSet<&str> = reached.iter().map(|(got, _)| got.as_str()).collect();
        let all: std::collections::BTreeSet<&str> = SignError::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(codes, all, "every SignError is reached by one input above");
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn request() -> impl Strategy<Value = (RequestSpec, SigningParams)> {
            let pairs = || proptest::collection::vec(("[A-Za-z][A-Za-z0-9.]{0,8}", "\\PC{0,12}"), 0..5);
            (pairs(), pairs(), any::<bool>(), any::<bool>(), "[!-~]{1,40}", "[!-~]{1,20}", proptest::option::of("[!-~]{1,30}"), 0u32..2)
                .prop_map(|(query, form, v1, get, nonce, secret, token, key)| {
                    let mut req = ok_req();
                    let mut seen = std::collections::BTreeSet::new();
                    req.query = query.into_iter().filter(|(k, _)| seen.insert(k.clone())).collect();
                    req.form = if get { vec![] } else { form.into_iter().filter(|(k, _)| seen.insert(k.clone())).collect() };
                    req.method = if get { Method::Get } else { Method::Post };
                    let mut p = ok_params(if v1 { SignatureVersion::V1 } else { SignatureVersion::V3 });
                    p.nonce = nonce;
                    p.credentials.access_key_secret = format!("{secret}{key}");
                    p.credentials.security_token = token;
                    (req, p)
                })
        }

        proptest! {
            /// Whatever the parameters hold, everything the signer writes is ASCII (the bindings
            /// hand it to JS as Latin-1, byte lengths as UTF-16 lengths), and signing with a cache
            /// that earlier requests filled gives what signing without one gives.
            #[test]
            fn output_is_ascii_and_the_cache_changes_nothing(reqs in proptest::collection::vec(request(), 1..6)) {
                let mut cache = SigningCache::new();
                for (req, params) in &reqs {
                    let plain = sign_with_debug(req, params);
                    let cached = sign_with_cache(req, params, &mut cache);
                    prop_assert_eq!(&plain, &cached);
                    if let Ok((out, debug)) = plain {
                        let all = [out.url.as_str(), out.body.as_deref().unwrap_or(""), &debug.canonical_request, &debug.string_to_sign, &debug.signature];
                        prop_assert!(all.iter().all(|s| s.is_ascii()));
                        prop_assert!(out.headers.iter().all(|(k, v)| k.is_ascii() && v.is_ascii()));
                    }
                }
            }
        }
    }

    #[test]
    fn empty_value_is_signed_as_key_equals() {
        let mut req = ok_req();
        req.query = vec![("UserName".into(), String::new())];
        let (out, debug) = sign_with_debug(&req, &ok_params(SignatureVersion::V3)).unwrap();
        assert!(out.url.ends_with("/?UserName="), "{}", out.url);
        assert!(debug.canonical_request.contains("\nUserName=\n"));
        assert_eq!(out, sign(&req, &ok_params(SignatureVersion::V3)).unwrap());
    }

    #[test]
    fn debug_prints_redact_the_token_the_signature_the_query_and_the_body() {
        let mut req = ok_req();
        req.query = vec![("IdentifyNum".into(), "11010519491231002X".into())];
        req.form = vec![("UserName".into(), "张三".into())];
        for version in [SignatureVersion::V3, SignatureVersion::V1] {
            let (out, debug) = sign_with_debug(&req, &ok_params(version)).unwrap();
            let printed = format!("{out:?} {out:#?} {debug:?} {debug:#?}");
            for secret in ["sts-T0KEN", "s3cr3t-VALUE", "11010519491231002X", "%E5%BC%A0%E4%B8%89", debug.signature.as_str()] {
                assert!(!printed.contains(secret), "{version:?}: {secret} in {printed}");
            }
            // What is not sensitive stays readable.
            assert!(printed.contains("https://cloudauth-intl.cn-hongkong.aliyuncs.com/?") && printed.contains("content-type"), "{printed}");
            assert!(printed.contains("<redacted>"));
        }
    }
}
