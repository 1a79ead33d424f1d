//! The bindings compiled to wasm32, run by wasm-bindgen-test-runner in Node and, with
//! WASM_BINDGEN_USE_BROWSER=1, in headless Chromium (see the Makefile's test-wasm targets).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

use aliyun_idv::bindings;
use aliyun_idv::ErrorCode;
use serde_json::Value;
use wasm_bindgen_test::*;

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

/// The status a fast check answers for an error code.
fn status_of(code: ErrorCode) -> u32 {
    ErrorCode::ALL.iter().position(|c| *c == code).unwrap() as u32 + 1
}

#[wasm_bindgen_test]
fn md5_crosses_the_boundary_as_utf8() {
    assert_eq!(bindings::md5_hex("张三"), "615db57aa314529aaa0fbe95b3e95bd3");
}

#[wasm_bindgen_test]
fn fast_checks_answer_status_numbers() {
    assert_eq!(bindings::id_check("11010519491231002X", 20261122, false), 0);
    assert_eq!(bindings::id_check("110105194912310021", 20261122, false), status_of(ErrorCode::IdChecksum));
    assert_eq!(bindings::id_check("11010519491231002X", 20261301, false), status_of(ErrorCode::TodayInvalid));
    assert_eq!(bindings::mobile_check("+86 138 1234 5678"), 0);
    assert_eq!(bindings::mobile_check("14012345678"), status_of(ErrorCode::MobileUnassignedPrefix));
    assert_eq!(bindings::name_check("张"), status_of(ErrorCode::NameTooShort));
    // The scratch areas are distinct, non-null addresses in linear memory.
    assert!(bindings::scratch_nums() != 0 && bindings::scratch_bytes() != 0);
    assert_ne!(bindings::scratch_nums(), bindings::scratch_bytes());
}

#[wasm_bindgen_test]
fn catalog_lists_every_code_with_both_messages() {
    let c = json(&bindings::catalog());
    let codes = c["codes"].as_array().unwrap();
    assert_eq!(codes.len(), ErrorCode::ALL.len());
    assert_eq!(codes[status_of(ErrorCode::IdChecksum) as usize - 1]["code"], "ID_CHECKSUM");
    assert!(codes.iter().all(|e| e["messageZh"].as_str().is_some_and(|m| !m.is_empty())));
    assert_eq!(c["carriers"][0], "CMCC");
    assert_eq!(bindings::region_name(110105), "朝阳区");
    assert_eq!(bindings::region_name(110198), "");
}

#[wasm_bindgen_test]
fn period_result_is_json_with_camel_case() {
    let r = json(&bindings::check_validity_period(r#"{"start":"2020-02-29","end":"20300301","today":"2026-11-22"}"#));
    assert_eq!(r["ok"], true);
    assert_eq!(r["value"]["start"], "20200229");
    assert_eq!(r["info"]["termYears"], 10);
    assert_eq!(r["info"]["expiresOn"], "2030-03-01");
}

#[wasm_bindgen_test]
fn bad_options_are_an_error_not_a_trap() {
    let r = json(&bindings::check_validity_period("{not json"));
    assert_eq!(r["error"]["code"], "INVALID_ARGUMENT");
    // The instance still works afterwards.
    assert_eq!(bindings::md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
}

#[wasm_bindgen_test]
fn throwing_functions_answer_ok_or_error_without_hint() {
    let e = json(&bindings::upgrade_legacy_id_number("12345"));
    assert_eq!(e["ok"], false);
    assert_eq!(e["error"]["code"], "ID_LENGTH");
    assert!(e["error"].get("hint").is_none());
    let ok = json(&bindings::upgrade_legacy_id_number("110105491231002"));
    assert_eq!(ok["value"], "11010519491231002X");
}

#[wasm_bindgen_test]
fn sign_request_matches_the_first_official_vector() {
    let req = r#"{"method":"POST","host":"cloudauth-intl.cn-hongkong.aliyuncs.com","action":"Id2MetaVerifyIntl","version":"2022-08-09",
        "query":{"ProductCode":"ID_2META","ParamType":"normal","IdentifyNum":"11010119900307123X","UserName":"张三"}}"#;
    let opts = r#"{"accessKeyId":"testid","accessKeySecret":"testsecret","timestamp":"2026-01-15T08:30:00Z","nonce":"c0ffee00-0000-4000-8000-000000000001"}"#;
    // NUL-separated fields: method, url, has-body, body, canonical request, string to sign, signature, headers.
    let text = bindings::sign_request(req, opts);
    let fields: Vec<&str> = text.split('\0').collect();
    assert_eq!(fields[0], "POST");
    assert_eq!(fields[2], "0");
    assert_eq!(fields[6], "4653f387a3f55898c79567988c90c2215250bad8b16b40bee6c1496119ef4c46");
    assert_eq!(fields[7], "authorization");
    assert_eq!(fields.len() % 2, 1, "header names and values come in pairs");
    // An error answers JSON instead.
    let err = json(&bindings::sign_request(req, r#"{"accessKeyId":"testid","accessKeySecret":"s","timestamp":"x","nonce":"n"}"#));
    assert_eq!(err["error"]["code"], "SIGN_TIMESTAMP_INVALID");
}
