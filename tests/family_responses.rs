//! Parses every sample under `tests/data/responses/family/` (the actions added with the action
//! table) as its action and checks it against an explicit table: verdict, billing, retry advice,
//! the result fields, and a phrase of the description that the code's meaning must carry.
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use aliyun_idv::response::{parse_response, ErrorKind, Verdict};
use serde_json::Value;

use Verdict::{Error as Err_, Match, Mismatch, NotFound};

/// (file, verdict, billed, retryable, words the English description must contain)
const TABLE: &[(&str, Verdict, bool, bool, &str)] = &[
    ("cn/BankMetaVerify/code200_bizcode_1_subcode_101.json", Match, true, false, "Verification passed"),
    ("cn/BankMetaVerify/code200_bizcode_2_subcode_201.json", Mismatch, true, false, "cardholder information is incorrect"),
    ("cn/BankMetaVerify/code200_bizcode_2_subcode_210.json", Mismatch, true, false, "reported lost"),
    ("cn/BankMetaVerify/code200_bizcode_2_subcode_214.json", Mismatch, true, false, "no mobile number is registered"),
    ("cn/BankMetaVerify/code200_bizcode_3_subcode_304.json", NotFound, false, false, "card number is wrong"),
    ("cn/BankMetaVerify/code200_bizcode_3_subcode_306.json", NotFound, false, false, "too many verification attempts"),
    ("cn/Id2MetaPeriodVerify/code200_bizcode_1.json", Match, true, false, "validity period match"),
    ("cn/Id2MetaPeriodVerify/code200_bizcode_2.json", Mismatch, true, false, "validity dates do not match"),
    ("cn/Id2MetaPeriodVerify/code200_bizcode_3.json", NotFound, false, false, "not billed"),
    ("cn/Id2MetaStandardVerify/code200_bizcode_1.json", Match, true, false, "name matches the ID number"),
    ("cn/Id2MetaStandardVerify/code200_bizcode_2.json", Mismatch, true, false, "does not match the ID number"),
    ("cn/Id2MetaStandardVerify/code200_bizcode_3.json", NotFound, false, false, "not billed"),
    ("cn/Mobile2MetaVerify/code200_bizcode_1.json", Match, true, false, "registered to this name"),
    ("cn/Mobile2MetaVerify/code200_bizcode_2.json", Mismatch, true, false, "not registered to this name"),
    ("cn/Mobile2MetaVerify/code200_bizcode_3.json", NotFound, false, false, "no record of this mobile"),
    ("cn/Mobile3MetaDetailStandardVerify/code200_bizcode_1_subcode_101.json", Match, true, false, "match"),
    ("cn/Mobile3MetaDetailStandardVerify/code200_bizcode_2_subcode_203.json", Mismatch, true, false, "belongs to this ID number, but the name differs"),
    ("cn/Mobile3MetaDetailStandardVerify/code200_bizcode_3_subcode_301.json", NotFound, false, false, "no record"),
    ("cn/Mobile3MetaSimpleStandardVerify/code200_bizcode_1.json", Match, true, false, "match"),
    ("cn/Mobile3MetaSimpleStandardVerify/code200_bizcode_2.json", Mismatch, true, false, "do not all match"),
    ("cn/Mobile3MetaSimpleStandardVerify/code200_bizcode_3.json", NotFound, false, false, "no record"),
    ("cn/MobileRecycledMetaVerify/code200_bizcode_1_subcode_101.json", Match, true, false, "Not recycled"),
    ("cn/MobileRecycledMetaVerify/code200_bizcode_1_subcode_102.json", Mismatch, true, false, "Recycled"),
    ("cn/MobileRecycledMetaVerify/code200_bizcode_1_subcode_103.json", NotFound, false, false, "not been synchronised"),
    ("cn/MobileRecycledMetaVerify/code200_bizcode_3_subcode_301.json", NotFound, false, false, "deactivated"),
    ("errors/http403_Forbidden.ExceptionRepeatedInvoke.json", Err_, false, false, "abnormal repeated calls"),
    ("intl/BankMetaVerifyIntl/code200_bizcode_1_subcode_101.json", Match, true, false, "Verification passed"),
    ("intl/BankMetaVerifyIntl/code200_bizcode_2_subcode_201.json", Mismatch, true, false, "cardholder information is incorrect"),
    ("intl/BankMetaVerifyIntl/code200_bizcode_2_subcode_210.json", Mismatch, true, false, "reported lost"),
    ("intl/BankMetaVerifyIntl/code200_bizcode_2_subcode_214.json", Mismatch, true, false, "no mobile number is registered"),
    ("intl/BankMetaVerifyIntl/code200_bizcode_3_subcode_304.json", NotFound, false, false, "card number is wrong"),
    ("intl/BankMetaVerifyIntl/code200_bizcode_3_subcode_306.json", NotFound, false, false, "too many verification attempts"),
    ("intl/Mobile2MetaVerifyIntl/success_bizcode_1.json", Match, true, false, "registered to this name"),
    ("intl/Mobile2MetaVerifyIntl/success_bizcode_2.json", Mismatch, true, false, "not registered to this name"),
    ("intl/Mobile2MetaVerifyIntl/success_bizcode_3.json", NotFound, false, false, "no record of this mobile"),
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/responses/family")
}

fn files(d: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(d).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p.strip_prefix(dir()).unwrap().to_str().unwrap().replace('\\', "/"));
        }
    }
}

#[test]
fn every_family_sample_means_what_its_row_says() {
    let mut on_disk = Vec::new();
    files(&dir(), &mut on_disk);
    on_disk.sort();
    let mut rows: Vec<&str> = TABLE.iter().map(|r| r.0).collect();
    rows.sort_unstable();
    assert_eq!(on_disk, rows, "every file has exactly one row");
    for (rel, verdict, billed, retryable, phrase) in TABLE {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(dir().join(rel)).unwrap()).unwrap();
        let action = match rel.split('/').collect::<Vec<_>>()[..] {
            ["errors", _] => "Mobile2MetaVerifyIntl",
            [_, action, _] => action,
            _ => panic!("{rel}"),
        };
        let status = u16::try_from(v["http_status"].as_u64().unwrap()).unwrap();
        let r = parse_response(action, status, &v["body"].to_string(), &[]);
        assert_eq!((r.verdict, r.billed, r.retryable), (*verdict, *billed, *retryable), "{rel}");
        assert!(r.description.contains(phrase), "{rel}: {:?} lacks {phrase:?}", r.description);
        assert!(r.description_zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{rel}");
        let result = if v["body"]["Result"].is_object() { &v["body"]["Result"] } else { &v["body"]["ResultObject"] };
        assert_eq!(r.biz_code(), result["BizCode"].as_str(), "{rel}");
        assert_eq!(r.sub_code(), result["SubCode"].as_str(), "{rel}");
        assert_eq!(r.isp_name(), result["IspName"].as_str(), "{rel}");
        if *verdict == Err_ {
            assert_eq!(r.error_kind, Some(ErrorKind::Business), "{rel}");
        }
    }
}

#[test]
fn the_same_answer_means_different_things_per_action() {
    // SubCode 210 is a bank-card code; a mobile action does not read it as one.
    let body = r#"{"RequestId":"x","Code":"200","Message":"success","ResultObject":{"BizCode":"2","SubCode":"210"}}"#;
    assert!(parse_response("BankMetaVerify", 200, body, &[]).description.contains("reported lost"));
    assert!(!parse_response("Mobile3MetaDetailStandardVerify", 200, body, &[]).description.contains("reported lost"));
    // Before the table, an unknown action kept the generic meaning; the generic one stays for unknown names.
    let r = parse_response("SomeFutureAction", 200, body, &[]);
    assert_eq!(r.verdict, Mismatch);
}
