//! Reproduces every case of `tests/data/signing.json` (computed by the official Alibaba Cloud
//! SDKs) with both signature versions, comparing every intermediate string. Failures name the
//! case and the string that differs, and all differences are reported at once.

// Test code: helpers outside #[test] functions may panic too.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)]
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

use std::collections::BTreeMap;

use aliyun_idv::sign::{sign, Credentials, Method, RequestSpec, SignatureVersion, SignedRequest, SigningParams};
use serde_json::Value;

fn load() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/signing.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn s(v: &Value, path: &str) -> String {
    v.pointer(path).and_then(Value::as_str).unwrap_or_else(|| panic!("missing string {path}")).to_string()
}

/// The string-valued members of an object; `null` members (optional parameters left out) are
/// not sent and not signed.
fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_else(|| panic!("{k} is not a string")).to_string()))
        .collect()
}

/// Decodes an `application/x-www-form-urlencoded` string (`+` is a space, as Python's urlencode
/// writes it) into a map; panics on a duplicated name.
fn decode_form(q: &str) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for part in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let dec = |x: &str| percent_encoding::percent_decode_str(&x.replace('+', " ")).decode_utf8().unwrap().into_owned();
        assert!(m.insert(dec(k), dec(v)).is_none(), "duplicate {k}");
    }
    m
}

fn query_of(url: &str) -> &str {
    url.split_once('?').map_or("", |(_, q)| q)
}

struct Check<'a> {
    case: String,
    failures: &'a mut Vec<String>,
}

impl Check<'_> {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, ours: T, expected: T) {
        if ours != expected {
            self.failures.push(format!("[{}] {what} differs\n  ours:     {ours:?}\n  expected: {expected:?}", self.case));
        }
    }
}

fn spec_and_params(case: &Value, version: SignatureVersion) -> (RequestSpec, SigningParams) {
    let params = pairs(&case["params"]);
    let in_body = match case["sdk_param_location"].as_str().unwrap() {
        "query" => false,
        "form body" => true,
        other => panic!("unknown location {other}"),
    };
    let method = match case["method"].as_str().unwrap() {
        "POST" => Method::Post,
        "GET" => Method::Get,
        other => panic!("unknown method {other}"),
    };
    let (query, form) = if in_body { (vec![], params) } else { (params, vec![]) };
    let req = RequestSpec {
        method,
        host: s(case, "/host"),
        action: s(case, "/action"),
        version: s(case, "/version"),
        query,
        form,
        ..RequestSpec::default()
    };
    let c = &case["credentials"];
    let sp = SigningParams {
        credentials: Credentials {
            access_key_id: s(c, "/access_key_id"),
            access_key_secret: s(c, "/access_key_secret"),
            security_token: c["security_token"].as_str().map(String::from),
        },
        timestamp: s(case, "/timestamp"),
        nonce: s(case, "/nonce"),
        version,
    };
    (req, sp)
}

fn check_v3(case: &Value, out: &SignedRequest, ck: &mut Check) {
    let v3 = &case["v3"];
    ck.eq("v3 canonical_request", out.canonical_request.as_str(), v3["canonical_request"].as_str().unwrap());
    ck.eq("v3 string_to_sign", out.string_to_sign.as_str(), v3["string_to_sign"].as_str().unwrap());
    ck.eq("v3 signature", out.signature.as_str(), v3["signature"].as_str().unwrap());
    let headers: BTreeMap<String, String> = out.headers.iter().cloned().collect();
    ck.eq("v3 header names are unique", headers.len(), out.headers.len());
    let mut sorted_names: Vec<&String> = out.headers.iter().map(|(k, _)| k).collect();
    sorted_names.sort();
    ck.eq("v3 headers sorted", sorted_names, out.headers.iter().map(|(k, _)| k).collect::<Vec<_>>());
    ck.eq("v3 authorization", headers.get("authorization").map(String::as_str), v3["authorization"].as_str());
    ck.eq("v3 x-acs-content-sha256 (hashed_payload)", headers.get("x-acs-content-sha256").map(String::as_str), v3["hashed_payload"].as_str());
    let signed = v3["signed_headers"].as_str().unwrap();
    ck.eq("v3 signed_headers", out.canonical_request.lines().nth_back(1), Some(signed));
    let expected_headers: BTreeMap<String, String> = pairs(&v3["request"]["headers"]).into_iter().collect();
    ck.eq("v3 request headers", &headers, &expected_headers);
    let body = v3["request"]["body"].as_str().unwrap();
    ck.eq("v3 body", out.body.as_deref().unwrap_or(""), body);
    ck.eq("v3 body is None when empty", out.body.is_none(), body.is_empty());
    let expected_query: BTreeMap<String, String> = pairs(&v3["request"]["query"]).into_iter().collect();
    ck.eq("v3 url query (decoded)", decode_form(query_of(&out.url)), expected_query);
    ck.eq("v3 url base", out.url.split('?').next().unwrap().to_string(), format!("https://{}/", s(case, "/host")));
    ck.eq("v3 method", out.method.as_str(), v3["request"]["method"].as_str().unwrap());
}

fn check_v1(case: &Value, out: &SignedRequest, ck: &mut Check) {
    let v1 = &case["v1"];
    ck.eq("v1 canonical_query_string", out.canonical_request.as_str(), v1["canonical_query_string"].as_str().unwrap());
    ck.eq("v1 string_to_sign", out.string_to_sign.as_str(), v1["string_to_sign"].as_str().unwrap());
    ck.eq("v1 signature", out.signature.as_str(), v1["signature"].as_str().unwrap());

    // The same parameters in the same places as the SDK (order and `+` vs `%20` aside).
    let sdk = &v1["sdk_request"];
    let sdk_url = sdk["url"].as_str().unwrap();
    ck.eq("v1 url query (decoded)", decode_form(query_of(&out.url)), decode_form(query_of(sdk_url)));
    ck.eq("v1 url base", out.url.split('?').next().unwrap(), sdk_url.split('?').next().unwrap());
    ck.eq("v1 body (decoded)", decode_form(out.body.as_deref().unwrap_or("")), decode_form(sdk["body"].as_str().unwrap()));
    let ct = out.headers.iter().find(|(k, _)| k == "content-type").map(|(_, v)| v.as_str());
    ck.eq("v1 content-type", ct, sdk["content_type"].as_str());
    ck.eq("v1 method", out.method.as_str(), sdk["method"].as_str().unwrap());

    // The signed set is exactly the documented one: URL params (minus Signature) plus body.
    let mut sent = decode_form(query_of(&out.url));
    ck.eq("v1 Signature param", sent.remove("Signature"), Some(out.signature.clone()));
    sent.extend(decode_form(out.body.as_deref().unwrap_or("")));
    let expected: BTreeMap<String, String> = pairs(&v1["signed_params"]).into_iter().collect();
    ck.eq("v1 signed_params", sent, expected);
}

#[test]
fn every_vector_both_versions() {
    let data = load();
    let cases = data["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 17, "the vectors file has 17 cases");
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases {
        let id = s(case, "/id");
        for version in [SignatureVersion::V3, SignatureVersion::V1] {
            let (req, params) = spec_and_params(case, version);
            let mut ck = Check { case: format!("{id} {}", version.as_str()), failures: &mut failures };
            match sign(&req, &params) {
                Ok(out) => match version {
                    SignatureVersion::V3 => check_v3(case, &out, &mut ck),
                    SignatureVersion::V1 => check_v1(case, &out, &mut ck),
                },
                Err(e) => ck.failures.push(format!("[{}] sign failed: {e}", ck.case)),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 34);
    assert!(failures.is_empty(), "{} difference(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn signing_is_deterministic_and_the_secret_is_not_in_the_output() {
    let data = load();
    for case in data["cases"].as_array().unwrap() {
        for version in [SignatureVersion::V3, SignatureVersion::V1] {
            let (req, params) = spec_and_params(case, version);
            let a = sign(&req, &params).unwrap();
            assert_eq!(a, sign(&req, &params).unwrap());
            let all = format!("{a:?}");
            assert!(!all.contains(&params.credentials.access_key_secret), "{}", s(case, "/id"));
        }
    }
}

#[test]
fn parameter_order_does_not_matter() {
    let data = load();
    let case = &data["cases"][0];
    for version in [SignatureVersion::V3, SignatureVersion::V1] {
        let (mut req, params) = spec_and_params(case, version);
        let a = sign(&req, &params).unwrap();
        req.query.reverse();
        assert_eq!(a, sign(&req, &params).unwrap());
    }
}
