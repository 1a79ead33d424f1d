//! RPC HMAC-SHA1 (SignatureVersion 1.0). The common parameters and the business `query`
//! parameters go into the URL with `Signature`; `form` parameters into the body. The signed set is
//! query and body together.

use crate::prelude::*;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::{form_body, percent, sort_pairs, url, RequestSpec, SignError, SignedRequest, SigningDebug, SigningParams, FORM_CONTENT_TYPE};

pub(super) fn sign(req: &RequestSpec, params: &SigningParams) -> Result<(SignedRequest, SigningDebug), SignError> {
    let creds = &params.credentials;
    let timestamp = params.timestamp.text();
    let mut url_params: Vec<(&str, &str)> = vec![
        ("AccessKeyId", creds.access_key_id.as_str()),
        ("Action", req.action.as_str()),
        ("Format", "json"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", params.nonce.as_str()),
        ("SignatureVersion", "1.0"),
        ("Timestamp", timestamp.as_str()),
        ("Version", req.version.as_str()),
    ];
    if let Some(token) = creds.token() {
        url_params.push(("SecurityToken", token));
    }
    url_params.extend(req.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    sort_pairs(&mut url_params);

    let mut signed: Vec<(&str, &str)> = url_params.clone();
    signed.extend(req.form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    sort_pairs(&mut signed);
    let canonical = percent::encode_pairs(signed);

    let mut string_to_sign = String::from(req.method.as_str());
    string_to_sign.push_str("&%2F&");
    percent::encode_into(&mut string_to_sign, &canonical);

    let mut key = String::with_capacity(creds.access_key_secret.len().saturating_add(1));
    key.push_str(&creds.access_key_secret);
    key.push('&');
    let mut mac = Hmac::<Sha1>::new_from_slice(key.as_bytes()).map_err(|_| SignError::CredentialsInvalid)?;
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());

    let mut query = percent::encode_pairs(url_params);
    query.push_str("&Signature=");
    percent::encode_into(&mut query, &signature);

    let body = form_body(req);
    let headers = match body {
        Some(_) => vec![("content-type".into(), FORM_CONTENT_TYPE.into())],
        None => Vec::new(),
    };

    Ok((
        SignedRequest {
            method: req.method,
            url: url(req.scheme, &req.host, &query),
            headers,
            body,
        },
        SigningDebug { canonical_request: canonical, string_to_sign, signature },
    ))
}
