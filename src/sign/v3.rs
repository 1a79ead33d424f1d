//! ACS3-HMAC-SHA256. Signed headers: `host`, every `x-acs-*` header, and `content-type` when there
//! is a body. With STS credentials, `x-acs-security-token` and `x-acs-accesskey-id` (what the
//! official SDKs send). Canonical URI is always `/`.

use crate::prelude::*;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::cache::SigningCache;
use super::{form_body, percent, url, Input, SignError, Signed, SigningDebug, FORM_CONTENT_TYPE};
use crate::hash::{hex_into, hex_lower};

const ALGORITHM: &str = "ACS3-HMAC-SHA256";

pub(super) fn sign(i: &Input<'_>, cache: &mut SigningCache) -> Result<(Signed, SigningDebug), SignError> {
    let query = percent::encode_list(&i.query);
    let body = form_body(i);
    let hashed_payload = hex_lower(&Sha256::digest(body.as_deref().unwrap_or("").as_bytes()));
    let timestamp = i.timestamp.text();

    // The signed headers, in sorted order (no sort needed), borrowed until the reply.
    let mut headers: Vec<(&'static str, &str)> = Vec::with_capacity(9);
    if body.is_some() {
        headers.push(("content-type", FORM_CONTENT_TYPE));
    }
    headers.push(("host", i.host));
    if i.token.is_some() {
        headers.push(("x-acs-accesskey-id", i.access_key_id));
    }
    headers.push(("x-acs-action", i.action));
    headers.push(("x-acs-content-sha256", &hashed_payload));
    headers.push(("x-acs-date", &timestamp));
    if let Some(token) = i.token {
        headers.push(("x-acs-security-token", token));
    }
    headers.push(("x-acs-signature-nonce", i.nonce));
    headers.push(("x-acs-version", i.version));
    debug_assert!(headers.windows(2).all(|w| w.first().map(|h| h.0) < w.get(1).map(|h| h.0)));

    let names = headers.iter().fold(0usize, |n, (k, _)| n.saturating_add(k.len()).saturating_add(1));
    let values = headers.iter().fold(0usize, |n, (_, v)| n.saturating_add(v.len()).saturating_add(2));
    let mut signed_headers = String::with_capacity(names);
    for (name, _) in &headers {
        if !signed_headers.is_empty() {
            signed_headers.push(';');
        }
        signed_headers.push_str(name);
    }

    // method \n / \n query \n headers (each `name:value\n`) \n signed names \n payload hash.
    let mut canonical_request =
        String::with_capacity(query.len().saturating_add(names.saturating_mul(2)).saturating_add(values).saturating_add(80));
    for part in [i.method.as_str(), "/", &query] {
        canonical_request.push_str(part);
        canonical_request.push('\n');
    }
    // Without a query, everything up to the x-acs-action header is the method, the host, the
    // access key id (with STS) and the action: the same for every request of an action, and
    // nothing secret or personal, so the cache may keep the hash state after it.
    let mut constant = 0;
    for (name, value) in &headers {
        canonical_request.push_str(name);
        canonical_request.push(':');
        canonical_request.push_str(value.trim());
        canonical_request.push('\n');
        if *name == "x-acs-action" && query.is_empty() {
            constant = canonical_request.len();
        }
    }
    // The empty line between the headers and the names is part of the format.
    canonical_request.push('\n');
    canonical_request.push_str(&signed_headers);
    canonical_request.push('\n');
    canonical_request.push_str(&hashed_payload);

    let mut string_to_sign = String::with_capacity(ALGORITHM.len().saturating_add(65));
    string_to_sign.push_str(ALGORITHM);
    string_to_sign.push('\n');
    hex_into(&mut string_to_sign, &cache.sha256_after_prefix(canonical_request.as_bytes(), constant));

    let mut mac = Hmac::<Sha256>::new_from_slice(i.secret.as_bytes()).map_err(|_| SignError::CredentialsInvalid)?;
    mac.update(string_to_sign.as_bytes());
    let signature = hex_lower(&mac.finalize().into_bytes());

    let mut authorization = String::with_capacity(
        ALGORITHM.len().saturating_add(i.access_key_id.len()).saturating_add(signed_headers.len()).saturating_add(signature.len()).saturating_add(40),
    );
    for part in [ALGORITHM, " Credential=", i.access_key_id, ",SignedHeaders=", &signed_headers, ",Signature=", &signature] {
        authorization.push_str(part);
    }
    // "authorization" sorts before every other header name used here.
    let mut out: Vec<(&'static str, String)> = Vec::with_capacity(headers.len().saturating_add(1));
    out.push(("authorization", authorization));
    out.extend(headers.iter().map(|(k, v)| (*k, v.to_string())));

    Ok((
        Signed { method: i.method, url: url(i.scheme, i.host, &query), headers: out, body },
        SigningDebug { canonical_request, string_to_sign, signature },
    ))
}
