//! The bindings compiled to wasm32, run by wasm-bindgen-test-runner in Node and, with
//! WASM_BINDGEN_USE_BROWSER=1, in headless Chromium (see the Makefile's test-wasm targets).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

use aliyun_idv::bindings;
use aliyun_idv::{ErrorCode, Field};
use wasm_bindgen_test::*;

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

/// Packs fields the way `api.js` does: one string and UTF-16 lengths (`ABSENT` for `None`).
fn pack(fields: &[Option<&str>]) -> (String, Vec<u32>) {
    let mut text = String::new();
    let mut lens = Vec::new();
    for f in fields {
        match f {
            Some(s) => {
                text.push_str(s);
                lens.push(s.encode_utf16().count() as u32);
            }
            None => lens.push(bindings::ABSENT),
        }
    }
    (text, lens)
}

#[wasm_bindgen_test]
fn catalog_lists_every_code_with_both_messages() {
    let codes: Vec<String> = bindings::catalog(0).split('\0').map(String::from).collect();
    assert_eq!(codes.len(), ErrorCode::ALL.len() * 3);
    assert_eq!(codes[(status_of(ErrorCode::IdChecksum) as usize - 1) * 3], "ID_CHECKSUM");
    assert!(codes.chunks(3).all(|c| !c[2].is_empty()));
    assert_eq!(bindings::catalog(2).split('\0').next(), Some("CMCC"));
    assert_eq!(bindings::catalog(999), "");
    // The name's UTF-8 goes into the byte scratch area; its length is the answer (0: none).
    assert_eq!(bindings::region_name(110105), "朝阳区".len() as u32);
    assert_eq!(bindings::region_name(110198), 0);
}

#[wasm_bindgen_test]
fn fields_survive_nul_and_non_ascii_and_bad_lengths_are_refused() {
    let (text, lens) = pack(&[Some("2020-02-29"), Some("20300301"), None, Some("2026-11-22")]);
    let out = bindings::period_check(&text, &lens);
    let (status, flags, fields) = bindings::read_reply(&out);
    assert_eq!(status, 0);
    assert_eq!(flags >> 8, 10, "term years");
    assert_eq!(fields, vec![Some("20200229".into()), Some("20300301".into()), Some("2030-03-01".into())]);
    // Lengths that do not add up to the string: INVALID_ARGUMENT, not a trap.
    let out = bindings::period_check(&text, &[3, 3, bindings::ABSENT, 3]);
    assert_eq!(bindings::read_reply(&out).0, status_of(ErrorCode::InvalidArgument));
    // A length that splits a character.
    let out = bindings::period_check("张", &[0, 0, bindings::ABSENT, 0]);
    assert_eq!(bindings::read_reply(&out).0, status_of(ErrorCode::InvalidArgument));
    // A NUL inside a value is a value like any other (here: refused by the date check, not by the protocol).
    let (text, lens) = pack(&[Some("2020\u{0}02-29"), Some("20300301"), None, Some("2026-11-22")]);
    let (status, field, _) = bindings::read_reply(&bindings::period_check(&text, &lens));
    assert_eq!(status, status_of(ErrorCode::PeriodStartInvalid));
    assert_eq!(Field::ALL[field as usize], Field::ValidityStart);
    // The instance still works afterwards.
    assert_eq!(bindings::md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
}

#[wasm_bindgen_test]
fn throwing_functions_answer_ok_or_error_without_hint() {
    let (status, _, fields) = bindings::read_reply(&bindings::upgrade_legacy_id_number("12345"));
    assert_eq!(status, status_of(ErrorCode::IdLength));
    assert_eq!(fields, vec![Some(String::new())], "no hint");
    let (status, _, fields) = bindings::read_reply(&bindings::upgrade_legacy_id_number("110105491231002"));
    assert_eq!((status, fields), (0, vec![Some("11010519491231002X".into())]));
}

#[wasm_bindgen_test]
fn sign_request_matches_the_first_official_vector() {
    let mut f: Vec<Option<&str>> = vec![Some("POST"), Some("cloudauth-intl.cn-hongkong.aliyuncs.com"), Some("Id2MetaVerifyIntl"), Some("2022-08-09")];
    // Options in the core's order: accessKeyId, accessKeySecret, securityToken, timestamp, nonce, signatureVersion, endpoint, longTermAs, today,
    // allowResidencePermit, paramsIn.
    f.extend([Some("testid"), Some("testsecret"), None, Some("2026-01-15T08:30:00Z"), Some("c0ffee00-0000-4000-8000-000000000001"), None, None, None, None, None, None]);
    f.extend([Some("ProductCode"), Some("ID_2META"), Some("ParamType"), Some("normal"), Some("IdentifyNum"), Some("11010119900307123X"), Some("UserName"), Some("张三")]);
    let from = bindings::fill_request_area(&f);
    assert!(!bindings::request_area_is_zero());
    assert_ne!(bindings::sign_request(from, 4), 0, "the reply's address");
    assert!(bindings::request_area_is_zero(), "the secret and the parameters do not stay in the area");
    let (status, n_headers, fields) = bindings::read_request_reply();
    assert_eq!(status, 0);
    assert_eq!(fields[0].as_deref(), Some("POST"));
    assert_eq!(fields[2], None, "no body");
    assert_eq!(fields[5].as_deref(), Some("4653f387a3f55898c79567988c90c2215250bad8b16b40bee6c1496119ef4c46"));
    assert_eq!(fields[6].as_deref(), Some("authorization"));
    assert_eq!(fields.len(), 6 + 2 * n_headers as usize);
    // An error answers a status: the signer's errors from SIGN_ERROR on.
    f[7] = Some("x");
    let from = bindings::fill_request_area(&f);
    assert_eq!(bindings::sign_request(from, 4), 0, "no reply on an error");
    let (status, _, _) = bindings::read_request_reply();
    assert_eq!(status, bindings::SIGN_ERROR + aliyun_idv::SignError::ALL.iter().position(|e| e.as_str() == "SIGN_TIMESTAMP_INVALID").unwrap() as u32);
}

#[wasm_bindgen_test]
fn one_build_export_for_every_action() {
    // Inputs in the core's order (the action table): idNumber, name, mobile, paramType, validityStart, validityEnd, merchantBizId,
    // merchantUserId, sceneCode, bankCard, productType, verifyMode, identityType, registerDate.
    let mut f: Vec<Option<&str>> = vec![Some("11010519491231002x"), Some("张三")];
    f.extend([None; 12]);
    f.extend([Some("testid"), Some("testsecret"), None, Some("2026-01-15T08:30:00Z"), Some("n-1"), None, None, None, Some("2026-01-15"), None, None]);
    let id2 = aliyun_idv::request::ACTIONS.iter().position(|a| a.name == "Id2MetaVerifyIntl").unwrap() as u32;
    let from = bindings::fill_request_area(&f);
    bindings::build(id2, from);
    let (status, _, fields) = bindings::read_request_reply();
    assert_eq!(status, 0);
    assert!(fields[2].as_deref().unwrap().contains("IdentifyNum=11010519491231002X"));
    bindings::build(u32::MAX, from);
    let (status, field, _) = bindings::read_request_reply();
    assert_eq!((status, Field::ALL[field as usize]), (status_of(ErrorCode::ActionUnknown), Field::Input));
}

#[wasm_bindgen_test]
fn parse_response_reads_tagged_fields() {
    // Headers (x-acs-request-id, x-acs-retry-after, retry-after), envelope (RequestId, Code, Message), result (BizCode, SubCode, IspName, Passed).
    let f = [None, None, None, Some("sr1"), Some("sSuccess"), None, Some("n2"), Some("n203"), Some("sCMCC"), None];
    let (text, lens) = pack(&f);
    let (_, flags, fields) = bindings::read_reply(&bindings::parse_response("Mobile3MetaVerifyIntl", 200, true, true, &text, &lens));
    assert_eq!(flags & 15, 1, "mismatch");
    assert_eq!(flags & 16, 16, "billed");
    assert_eq!(fields[0].as_deref(), Some("r1"));
    assert_eq!(fields[3].as_deref(), Some("2"));
    assert_eq!(fields[4].as_deref(), Some("203"));
    assert!(fields.last().unwrap().as_deref().unwrap().contains("姓名"));
}
