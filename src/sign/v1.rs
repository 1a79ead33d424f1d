//! RPC HMAC-SHA1 (SignatureVersion 1.0). The common parameters and the business `query`
//! parameters go into the URL with `Signature`; `form` parameters into the body. The signed set is
//! query and body together.

use crate::prelude::*;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::{form_body, percent, sort_pairs, url, Input, SignError, Signed, SigningDebug, FORM_CONTENT_TYPE};

pub(super) fn sign(i: &Input<'_>) -> Result<(Signed, SigningDebug), SignError> {
    let timestamp = i.timestamp.text();
    let mut url_params: Vec<(&str, &str)> = Vec::with_capacity(i.query.len().saturating_add(9));
    url_params.extend([
        ("AccessKeyId", i.access_key_id),
        ("Action", i.action),
        ("Format", "json"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", i.nonce),
        ("SignatureVersion", "1.0"),
        ("Timestamp", timestamp.as_str()),
        ("Version", i.version),
    ]);
    if let Some(token) = i.token {
        url_params.push(("SecurityToken", token));
    }
    url_params.extend_from_slice(&i.query);
    sort_pairs(&mut url_params);

    let mut signed: Vec<(&str, &str)> = Vec::with_capacity(url_params.len().saturating_add(i.form.len()));
    signed.extend_from_slice(&url_params);
    signed.extend_from_slice(&i.form);
    sort_pairs(&mut signed);
    let canonical = percent::encode_list(&signed);

    let method = i.method.as_str();
    let mut string_to_sign = String::with_capacity(canonical.len().saturating_mul(2).saturating_add(16));
    string_to_sign.push_str(method);
    string_to_sign.push_str("&%2F&");
    percent::encode_into(&mut string_to_sign, &canonical);

    let mut key = String::with_capacity(i.secret.len().saturating_add(1));
    key.push_str(i.secret);
    key.push('&');
    let mut mac = Hmac::<Sha1>::new_from_slice(key.as_bytes()).map_err(|_| SignError::CredentialsInvalid)?;
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());

    let mut query = percent::encode_list(&url_params);
    query.push_str("&Signature=");
    percent::encode_into(&mut query, &signature);

    let body = form_body(i);
    let headers = match body {
        Some(_) => vec![("content-type", FORM_CONTENT_TYPE.to_string())],
        None => Vec::new(),
    };

    Ok((
        Signed { method: i.method, url: url(i.scheme, i.host, &query), headers, body },
        SigningDebug { canonical_request: canonical, string_to_sign, signature },
    ))
}
