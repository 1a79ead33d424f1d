//! The bindings compiled to wasm32, run by wasm-bindgen-test-runner in Node and, with
//! WASM_BINDGEN_USE_BROWSER=1, in headless Chromium (see the Makefile's test-wasm targets).
#![cfg(target_arch = "wasm32")]

use aliyun_idv::bindings;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn opts(today: &str) -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &JsValue::from_str("today"), &JsValue::from_str(today)).unwrap();
    o.into()
}

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    let mut cur = v.clone();
    for key in path {
        cur = js_sys::Reflect::get(&cur, &JsValue::from_str(key)).unwrap();
    }
    cur
}

#[wasm_bindgen_test]
fn md5_crosses_the_boundary_as_utf8() {
    assert_eq!(bindings::md5_hex("张三"), "615db57aa314529aaa0fbe95b3e95bd3");
}

#[wasm_bindgen_test]
fn check_result_is_a_plain_object() {
    let r = bindings::check_id_number(" 11010519491231002x", opts("2026-11-22"));
    assert_eq!(get(&r, &["ok"]), JsValue::TRUE);
    assert_eq!(get(&r, &["value"]).as_string().as_deref(), Some("11010519491231002X"));
    assert_eq!(get(&r, &["changed"]), JsValue::TRUE);
    // A plain object (not a Map), so JSON.stringify sees its fields.
    let json = js_sys::JSON::stringify(&r).unwrap().as_string().unwrap();
    assert!(json.contains("\"value\":\"11010519491231002X\""), "{json}");
}

#[wasm_bindgen_test]
fn check_error_has_code_field_and_both_messages() {
    let r = bindings::check_id_number("110105194912310021", opts("2026-11-22"));
    assert_eq!(get(&r, &["ok"]), JsValue::FALSE);
    assert_eq!(get(&r, &["error", "code"]).as_string().as_deref(), Some("ID_CHECKSUM"));
    assert_eq!(get(&r, &["error", "field"]).as_string().as_deref(), Some("idNumber"));
    assert!(get(&r, &["error", "messageZh"]).as_string().unwrap().contains("校验位"));
    // `hint` is absent, not null or undefined-valued.
    let json = js_sys::JSON::stringify(&r).unwrap().as_string().unwrap();
    assert!(!json.contains("hint"), "{json}");
}

#[wasm_bindgen_test]
fn bad_options_are_an_error_not_a_trap() {
    let r = bindings::check_id_number("11010519491231002X", JsValue::from_f64(3.0));
    assert_eq!(get(&r, &["error", "code"]).as_string().as_deref(), Some("INVALID_ARGUMENT"));
    // The instance still works afterwards.
    assert_eq!(bindings::md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
}

#[wasm_bindgen_test]
fn id_facts_cross_as_camel_case_with_null_for_unknown_names() {
    let r = bindings::check_id_number("11010519491231002X", opts("20261122"));
    assert_eq!(get(&r, &["info", "birthDate"]).as_string().as_deref(), Some("1949-12-31"));
    assert_eq!(get(&r, &["info", "regionName"]).as_string().as_deref(), Some("朝阳区"));
    assert_eq!(get(&r, &["info", "age"]).as_f64(), Some(76.0));
    let unknown = bindings::check_id_number("110198199001010014", opts("20261122"));
    let json = js_sys::JSON::stringify(&unknown).unwrap().as_string().unwrap();
    assert!(json.contains("\"regionName\":null"), "{json}");
}

#[wasm_bindgen_test]
fn missing_today_is_an_error_value() {
    let r = bindings::check_id_number("11010519491231002X", JsValue::UNDEFINED);
    assert_eq!(get(&r, &["error", "code"]).as_string().as_deref(), Some("TODAY_INVALID"));
}

#[wasm_bindgen_test]
fn period_and_thrown_errors() {
    let input = js_sys::JSON::parse(r#"{"start":"2020-02-29","end":"20300301","today":"2026-11-22"}"#).unwrap();
    let r = bindings::check_validity_period(input);
    assert_eq!(get(&r, &["value", "start"]).as_string().as_deref(), Some("20200229"));
    assert_eq!(get(&r, &["info", "termYears"]).as_f64(), Some(10.0));
    let e = bindings::upgrade_legacy_id_number("12345").unwrap_err();
    assert_eq!(get(&e, &["code"]).as_string().as_deref(), Some("ID_LENGTH"));
    assert!(get(&e, &["hint"]).is_undefined());
}
