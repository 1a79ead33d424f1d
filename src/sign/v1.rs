//! RPC HMAC-SHA1 (SignatureVersion 1.0). The common parameters and the business `query`
//! parameters go into the URL with `Signature`; `form` parameters into the body. The signed set is
//! query and body together.
//!
//! Each name and value is percent-encoded once: the canonical query string, the URL's query, the
//! body and the string to sign (the canonical string encoded again) are written in the same pass.

use crate::prelude::*;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::{percent, sort_pairs, url, Input, SignError, Signed, SigningDebug, FORM_CONTENT_TYPE};

/// Where a signed parameter goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Url,
    Body,
}

pub(super) fn sign(i: &Input<'_>) -> Result<(Signed, SigningDebug), SignError> {
    let timestamp = i.timestamp.text();
    let common = [
        ("AccessKeyId", i.access_key_id),
        ("Action", i.action),
        ("Format", "json"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", i.nonce),
        ("SignatureVersion", "1.0"),
        ("Timestamp", timestamp.as_str()),
        ("Version", i.version),
    ];
    let mut signed: Vec<(&str, &str)> = Vec::with_capacity(i.query.len().saturating_add(i.form.len()).saturating_add(9));
    signed.extend_from_slice(&common);
    if let Some(token) = i.token {
        signed.push(("SecurityToken", token));
    }
    signed.extend_from_slice(&i.query);
    signed.extend_from_slice(&i.form);
    sort_pairs(&mut signed);
    // Names are unique across the URL and the body (`validate`), and the form is sorted.
    let place = |k: &str| if i.form.binary_search_by(|p| p.0.cmp(k)).is_ok() { Place::Body } else { Place::Url };

    let size = signed.iter().fold(0usize, |n, (k, v)| n.saturating_add(k.len()).saturating_add(v.len()).saturating_add(2));
    let mut canonical = String::with_capacity(size);
    let mut string_to_sign = String::with_capacity(size.saturating_mul(2).saturating_add(16));
    let mut query = String::with_capacity(size.saturating_add(40));
    let mut body = String::with_capacity(if i.form.is_empty() { 0 } else { size });
    string_to_sign.push_str(i.method.as_str());
    string_to_sign.push_str("&%2F&");
    for &(k, v) in &signed {
        let target = match place(k) {
            Place::Url => &mut query,
            Place::Body => &mut body,
        };
        if !canonical.is_empty() {
            canonical.push('&');
            string_to_sign.push_str("%26");
        }
        if !target.is_empty() {
            target.push('&');
        }
        percent::encode_twice(k, &mut canonical, target, &mut string_to_sign);
        canonical.push('=');
        string_to_sign.push_str("%3D");
        target.push('=');
        percent::encode_twice(v, &mut canonical, target, &mut string_to_sign);
    }

    let mut key = String::with_capacity(i.secret.len().saturating_add(1));
    key.push_str(i.secret);
    key.push('&');
    let mut mac = Hmac::<Sha1>::new_from_slice(key.as_bytes()).map_err(|_| SignError::CredentialsInvalid)?;
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());

    query.push_str("&Signature=");
    percent::encode_into(&mut query, &signature);

    let (body, headers) = if i.form.is_empty() { (None, Vec::new()) } else { (Some(body), vec![("content-type", FORM_CONTENT_TYPE.to_string())]) };

    Ok((
        Signed { method: i.method, url: url(i.scheme, i.host, &query), headers, body },
        SigningDebug { canonical_request: canonical, string_to_sign, signature },
    ))
}
