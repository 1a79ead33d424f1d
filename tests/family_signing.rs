//! `tests/data/family-signing.json` (computed by the official SDKs, `scripts/family-vectors.py`):
//! every case is reproduced by the low-level signer AND by the validating, table-driven builder
//! from the plaintext inputs (the builder computes the md5 forms itself), comparing every
//! intermediate string. All differences are reported at once, naming the case and the string.
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use aliyun_idv::date::parse_today;
use aliyun_idv::request::table::Source;
use aliyun_idv::request::{build, Action, ActionInput, BuildOptions, InputField, LongTermAs, ParamsIn};
use aliyun_idv::sign::{sign_with_debug, Credentials, Method, RequestSpec, SignatureVersion, SignedRequest, SigningDebug, SigningParams, Timestamp};
use serde_json::Value;

fn load() -> Value {
    serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/family-signing.json")).unwrap()).unwrap()
}

fn str_map(v: &Value) -> Vec<(String, String)> {
    v.as_object().unwrap().iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect()
}

fn decode_form(q: &str) -> BTreeMap<String, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let dec = |x: &str| percent_encoding::percent_decode_str(&x.replace('+', " ")).decode_utf8().unwrap().into_owned();
            (dec(k), dec(v))
        })
        .collect()
}

fn query_of(url: &str) -> &str {
    url.split_once('?').map_or("", |(_, q)| q)
}

fn credentials(case: &Value) -> Credentials {
    let c = &case["credentials"];
    Credentials {
        access_key_id: c["access_key_id"].as_str().unwrap().into(),
        access_key_secret: c["access_key_secret"].as_str().unwrap().into(),
        security_token: c["security_token"].as_str().map(String::from),
    }
}

/// The builder's inputs: the plaintext of each parameter the action fills from an input.
fn input_of(case: &Value, action: Action) -> ActionInput {
    let params = &case["params"];
    let md5_of = &case["md5_of"];
    let mut input = ActionInput::new();
    for p in action.spec().params {
        if let Source::Input(field) = p.source {
            let plain = md5_of[p.wire].as_str().or_else(|| params[p.wire].as_str());
            if let Some(v) = plain {
                input.set(field, Some(v.to_string()));
            }
        }
    }
    input.set(InputField::ParamType, params["ParamType"].as_str().map(String::from));
    input
}

fn options(case: &Value, version: SignatureVersion, params_in: ParamsIn) -> BuildOptions {
    BuildOptions {
        credentials: credentials(case),
        timestamp: Timestamp::parse(case["timestamp"].as_str().unwrap()).unwrap(),
        nonce: case["nonce"].as_str().unwrap().into(),
        signature_version: version,
        endpoint: None,
        long_term_as: LongTermAs::Chinese,
        today: parse_today("2026-01-15").unwrap(),
        allow_residence_permit: None,
        params_in,
    }
}

struct Diff<'a>(&'a mut Vec<String>, String);

impl Diff<'_> {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, ours: T, expected: T) {
        if ours != expected {
            self.0.push(format!("[{}] {what} differs\n  ours:     {ours:?}\n  expected: {expected:?}", self.1));
        }
    }
}

/// `debug`: the intermediate strings, where the signer was asked for them (the builders return
/// only the request; its Authorization header or Signature parameter carries the signature).
fn check(case: &Value, out: &SignedRequest, debug: Option<&SigningDebug>, version: SignatureVersion, d: &mut Diff) {
    match version {
        SignatureVersion::V3 => {
            let v3 = &case["v3"];
            if let Some(debug) = debug {
                d.eq("v3 canonical_request", debug.canonical_request.as_str(), v3["canonical_request"].as_str().unwrap());
                d.eq("v3 string_to_sign", debug.string_to_sign.as_str(), v3["string_to_sign"].as_str().unwrap());
                d.eq("v3 signature", debug.signature.as_str(), v3["signature"].as_str().unwrap());
            }
            let headers: BTreeMap<String, String> = out.headers.iter().cloned().collect();
            let expected: BTreeMap<String, String> = str_map(&v3["request"]["headers"]).into_iter().collect();
            d.eq("v3 headers", headers, expected);
            d.eq("v3 body", out.body.as_deref().unwrap_or(""), v3["request"]["body"].as_str().unwrap());
            let q: BTreeMap<String, String> = str_map(&v3["request"]["query"]).into_iter().collect();
            d.eq("v3 query", decode_form(query_of(&out.url)), q);
        }
        SignatureVersion::V1 => {
            let v1 = &case["v1"];
            if let Some(debug) = debug {
                d.eq("v1 canonical_query_string", debug.canonical_request.as_str(), v1["canonical_query_string"].as_str().unwrap());
                d.eq("v1 string_to_sign", debug.string_to_sign.as_str(), v1["string_to_sign"].as_str().unwrap());
                d.eq("v1 signature", debug.signature.as_str(), v1["signature"].as_str().unwrap());
            }
            let sdk = &v1["sdk_request"];
            d.eq("v1 url query", decode_form(query_of(&out.url)), decode_form(query_of(sdk["url"].as_str().unwrap())));
            d.eq("v1 body", decode_form(out.body.as_deref().unwrap_or("")), decode_form(sdk["body"].as_str().unwrap()));
            let mut sent = decode_form(query_of(&out.url));
            sent.remove("Signature");
            sent.extend(decode_form(out.body.as_deref().unwrap_or("")));
            d.eq("v1 signed_params", sent, str_map(&v1["signed_params"]).into_iter().collect());
        }
    }
    d.eq("url base", out.url.split('?').next().unwrap().to_string(), format!("https://{}/", case["host"].as_str().unwrap()));
    d.eq("method", out.method.as_str(), "POST");
}

#[test]
fn the_signer_and_the_builders_reproduce_every_family_vector() {
    let data = load();
    let cases = data["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 28);
    let mut failures = Vec::new();
    let mut actions = std::collections::BTreeSet::new();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let action = Action::from_name(case["action"].as_str().unwrap()).unwrap_or_else(|| panic!("{id}: unknown action"));
        actions.insert(action.name());
        let in_query = case["sdk_param_location"] == "query";
        assert_eq!(in_query, action.spec().sdk_placement == aliyun_idv::request::Placement::Query, "{id}: the table's placement");
        for version in [SignatureVersion::V3, SignatureVersion::V1] {
            // 1. The signer, parameters as given.
            let params = str_map(&case["params"]);
            let (query, form) = if in_query { (params, vec![]) } else { (vec![], params) };
            let spec = RequestSpec {
                method: Method::Post,
                host: case["host"].as_str().unwrap().into(),
                action: action.name().into(),
                version: case["version"].as_str().unwrap().into(),
                query,
                form,
                ..RequestSpec::default()
            };
            let o = options(case, version, ParamsIn::Sdk);
            let sp = SigningParams { credentials: o.credentials.clone(), timestamp: o.timestamp, nonce: o.nonce.clone(), version };
            let mut d = Diff(&mut failures, format!("{id} {} signer", version.as_str()));
            let (signed, debug) = sign_with_debug(&spec, &sp).unwrap();
            check(case, &signed, Some(&debug), version, &mut d);
            // 2. The builder, from plaintext, placing parameters as the SDK does.
            let mut d = Diff(&mut failures, format!("{id} {} builder", version.as_str()));
            match build(action, &input_of(case, action), &o) {
                Ok(out) => check(case, &out, None, version, &mut d),
                Err(e) => d.0.push(format!("[{}] build failed: {e}", d.1)),
            }
        }
        // 3. The default placement (form body) signs the same set: V1 gives the same signature.
        let out = build(action, &input_of(case, action), &options(case, SignatureVersion::V1, ParamsIn::Body)).unwrap();
        Diff(&mut failures, format!("{id} v1 builder, body")).eq(
            "v1 signature",
            decode_form(query_of(&out.url)).get("Signature").cloned().unwrap_or_default(),
            case["v1"]["signature"].as_str().unwrap().to_string(),
        );
        assert!(out.url.split('?').nth(1).map_or(true, |q| !q.contains("UserName") && !q.contains("Mobile=")), "{id}: personal data in the URL");
    }
    assert!(failures.is_empty(), "{} difference(s):\n{}", failures.len(), failures.join("\n"));
    assert_eq!(actions.len(), 12, "every new action (and mainland Id2MetaVerify md5) has vectors: {actions:?}");
}

#[test]
fn every_md5_case_hashes_what_the_builder_hashes() {
    let data = load();
    for case in data["cases"].as_array().unwrap() {
        let Some(md5_of) = case["md5_of"].as_object() else { continue };
        assert_eq!(case["params"]["ParamType"], "md5");
        for (wire, plain) in md5_of {
            assert_ne!(case["params"][wire], *plain, "{} {wire} is sent hashed", case["id"]);
        }
    }
}
