//! ACS3-HMAC-SHA256. Signed headers: `host`, every `x-acs-*` header, and `content-type` when there
//! is a body. With STS credentials, `x-acs-security-token` and `x-acs-accesskey-id` (what the
//! official SDKs send). Canonical URI is always `/`.

use crate::prelude::*;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::{form_body, percent, sorted, url, RequestSpec, SignError, SignedRequest, SigningDebug, SigningParams, FORM_CONTENT_TYPE};
use crate::hash::hex_lower;

const ALGORITHM: &str = "ACS3-HMAC-SHA256";

pub(super) fn sign(req: &RequestSpec, params: &SigningParams) -> Result<(SignedRequest, SigningDebug), SignError> {
    let creds = &params.credentials;
    let query = percent::encode_pairs(sorted(&req.query));
    let body = form_body(req);
    let hashed_payload = hex_lower(&Sha256::digest(body.as_deref().unwrap_or("").as_bytes()));

    // The signed headers, pushed in sorted order (no sort needed).
    let token = creds.token();
    let mut headers: Vec<(String, String)> = Vec::with_capacity(10);
    if body.is_some() {
        headers.push(("content-type".into(), FORM_CONTENT_TYPE.into()));
    }
    headers.push(("host".into(), req.host.clone()));
    if token.is_some() {
        headers.push(("x-acs-accesskey-id".into(), creds.access_key_id.clone()));
    }
    headers.push(("x-acs-action".into(), req.action.clone()));
    headers.push(("x-acs-content-sha256".into(), hashed_payload.clone()));
    headers.push(("x-acs-date".into(), params.timestamp.text()));
    if let Some(token) = token {
        headers.push(("x-acs-security-token".into(), token.into()));
    }
    headers.push(("x-acs-signature-nonce".into(), params.nonce.clone()));
    headers.push(("x-acs-version".into(), req.version.clone()));
    debug_assert!(headers.windows(2).all(|w| w.first().map(|h| &h.0) < w.get(1).map(|h| &h.0)));

    let mut signed_headers = String::new();
    let mut canonical_headers = String::new();
    for (name, value) in &headers {
        if !signed_headers.is_empty() {
            signed_headers.push(';');
        }
        signed_headers.push_str(name);
        canonical_headers.push_str(name);
        canonical_headers.push(':');
        canonical_headers.push_str(value.trim());
        canonical_headers.push('\n');
    }

    let mut canonical_request = String::new();
    for part in [req.method.as_str(), "/", &query, &canonical_headers, &signed_headers] {
        canonical_request.push_str(part);
        canonical_request.push('\n');
    }
    // `canonical_headers` ends with '\n' already: the empty line between headers and names is
    // part of the format.
    canonical_request.push_str(&hashed_payload);

    let mut string_to_sign = String::from(ALGORITHM);
    string_to_sign.push('\n');
    string_to_sign.push_str(&hex_lower(&Sha256::digest(canonical_request.as_bytes())));

    let mut mac = Hmac::<Sha256>::new_from_slice(creds.access_key_secret.as_bytes())
        .map_err(|_| SignError::CredentialsInvalid)?;
    mac.update(string_to_sign.as_bytes());
    let signature = hex_lower(&mac.finalize().into_bytes());

    let mut authorization = String::from(ALGORITHM);
    authorization.push_str(" Credential=");
    authorization.push_str(&creds.access_key_id);
    authorization.push_str(",SignedHeaders=");
    authorization.push_str(&signed_headers);
    authorization.push_str(",Signature=");
    authorization.push_str(&signature);
    // "authorization" sorts before every other header name used here.
    headers.insert(0, ("authorization".into(), authorization));

    Ok((
        SignedRequest {
            method: req.method,
            url: url(req.scheme, &req.host, &query),
            headers,
            body,
        },
        SigningDebug { canonical_request, string_to_sign, signature },
    ))
}
