//! Parses every sample under `tests/data/responses/` and checks it against an explicit table of
//! what its `meaning` (and HTTP status and headers) says. The table names every file, and the test
//! fails if a file on disk has no row or a row has no file.

// Test code: helpers outside #[test] functions may panic too.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aliyun_idv::response::{parse_response, ErrorKind, Verdict, VerifyResult};
use serde_json::Value;

use ErrorKind::*;
use Verdict::{Error as Err_, Match, Mismatch, NotFound};

#[derive(Debug, Clone, PartialEq)]
struct Exp {
    verdict: Verdict,
    billed: bool,
    retryable: bool,
    kind: Option<ErrorKind>,
    code: &'static str,
    biz: Option<&'static str>,
    sub: Option<&'static str>,
    isp: Option<&'static str>,
    passed: Option<bool>,
    retry_after_ms: Option<u32>,
}

/// A verdict (never retryable).
fn ok(code: &'static str, verdict: Verdict, billed: bool, biz: Option<&'static str>, sub: Option<&'static str>, isp: Option<&'static str>) -> Exp {
    Exp { verdict, billed, retryable: false, kind: None, code, biz, sub, isp, passed: None, retry_after_ms: None }
}

fn period(verdict: Verdict, passed: bool, sub: &'static str) -> Exp {
    Exp { passed: Some(passed), ..ok("Success", verdict, true, None, Some(sub), None) }
}

/// An error (never billed).
fn err(code: &'static str, kind: ErrorKind, retryable: bool) -> Exp {
    Exp { verdict: Err_, billed: false, retryable, kind: Some(kind), code, biz: None, sub: None, isp: None, passed: None, retry_after_ms: None }
}

fn expectations() -> BTreeMap<&'static str, Exp> {
    let s = Some;
    BTreeMap::from([
        // Mainland 2019-03-07: Code "200" + ResultObject; business failures as HTTP 200.
        ("cn/Id2MetaVerify/code200_bizcode_1.json", ok("200", Match, true, s("1"), None, None)),
        ("cn/Id2MetaVerify/code200_bizcode_2.json", ok("200", Mismatch, true, s("2"), None, None)),
        ("cn/Id2MetaVerify/code200_bizcode_3.json", ok("200", NotFound, false, s("3"), None, None)),
        ("cn/Id2MetaVerify/code400.json", err("400", InvalidRequest, false)),
        ("cn/Id2MetaVerify/code401.json", err("401", InvalidRequest, false)),
        ("cn/Id2MetaVerify/code402.json", err("402", Server, true)),
        ("cn/Id2MetaVerify/code403.json", err("403", Business, false)),
        ("cn/Id2MetaVerify/code410.json", err("410", Auth, false)),
        ("cn/Id2MetaVerify/code411.json", err("411", Auth, false)),
        ("cn/Id2MetaVerify/code412.json", err("412", Auth, false)),
        ("cn/Id2MetaVerify/code500.json", err("500", Server, true)),
        ("cn/Mobile3MetaDetailVerify/code200_bizcode_1_subcode_101.json", ok("200", Match, true, s("1"), s("101"), s("CMCC"))),
        ("cn/Mobile3MetaDetailVerify/code200_bizcode_2_subcode_201.json", ok("200", Mismatch, true, s("2"), s("201"), s("CUCC"))),
        ("cn/Mobile3MetaDetailVerify/code200_bizcode_2_subcode_202.json", ok("200", Mismatch, true, s("2"), s("202"), s("CTCC"))),
        ("cn/Mobile3MetaDetailVerify/code200_bizcode_2_subcode_203.json", ok("200", Mismatch, true, s("2"), s("203"), s("CMCC"))),
        ("cn/Mobile3MetaDetailVerify/code200_bizcode_2_subcode_204.json", ok("200", Mismatch, true, s("2"), s("204"), s("CMCC"))),
        ("cn/Mobile3MetaDetailVerify/code200_bizcode_3_subcode_301.json", ok("200", NotFound, false, s("3"), s("301"), s("CUCC"))),
        ("cn/Mobile3MetaSimpleVerify/code200_bizcode_1.json", ok("200", Match, true, s("1"), None, s("CMCC"))),
        ("cn/Mobile3MetaSimpleVerify/code200_bizcode_2.json", ok("200", Mismatch, true, s("2"), None, s("CUCC"))),
        ("cn/Mobile3MetaSimpleVerify/code200_bizcode_3.json", ok("200", NotFound, false, s("3"), None, s("CTCC"))),
        // Gateway errors.
        ("errors/http400_IncompleteSignature.json", err("IncompleteSignature", Auth, false)),
        ("errors/http400_InvalidParameter.json", err("InvalidParameter", InvalidRequest, false)),
        ("errors/http400_InvalidSecurityToken.Expired.json", err("InvalidSecurityToken.Expired", Auth, false)),
        ("errors/http400_InvalidTimeStamp.Expired.json", err("InvalidTimeStamp.Expired", Auth, true)),
        ("errors/http400_InvalidTimeStamp.Format.json", err("InvalidTimeStamp.Format", Auth, false)),
        ("errors/http400_InvalidVersion.json", err("InvalidVersion", InvalidRequest, false)),
        ("errors/http400_MissingParameter.json", err("MissingParameter", InvalidRequest, false)),
        ("errors/http400_SignatureDoesNotMatch.json", err("SignatureDoesNotMatch", Auth, false)),
        ("errors/http400_SignatureNonceUsed.json", err("SignatureNonceUsed", Auth, false)),
        ("errors/http400_Throttling.Api.json", Exp { retry_after_ms: Some(1000), ..err("Throttling.Api", Throttled, true) }),
        ("errors/http403_Forbidden.AccountAccessDenied.json", err("Forbidden.AccountAccessDenied", Auth, false)),
        ("errors/http403_Forbidden.RAMUserAccessDenied.json", err("Forbidden.RAMUserAccessDenied", Auth, false)),
        ("errors/http404_InvalidAccessKeyId.NotFound.json", err("InvalidAccessKeyId.NotFound", Auth, false)),
        ("errors/http404_InvalidAction.NotFound.json", err("InvalidAction.NotFound", InvalidRequest, false)),
        ("errors/http500_InternalError.json", err("InternalError", Server, true)),
        ("errors/http503_ServiceUnavailable.json", err("ServiceUnavailable", Server, true)),
        // International 2022-08-09: Code "Success" + Result.
        ("intl/Id2MetaPeriodVerifyIntl/success_passed_N_subcode_202.json", period(NotFound, false, "202")),
        ("intl/Id2MetaPeriodVerifyIntl/success_passed_N_subcode_223.json", period(Mismatch, false, "223")),
        ("intl/Id2MetaPeriodVerifyIntl/success_passed_Y_subcode_200.json", period(Match, true, "200")),
        ("intl/Id2MetaVerifyIntl/success_bizcode_1.json", ok("Success", Match, true, s("1"), None, None)),
        ("intl/Id2MetaVerifyIntl/success_bizcode_2.json", ok("Success", Mismatch, true, s("2"), None, None)),
        ("intl/Id2MetaVerifyIntl/success_bizcode_3.json", ok("Success", NotFound, false, s("3"), None, None)),
        ("intl/Mobile3MetaVerifyIntl/success_bizcode_1_subcode_101.json", ok("Success", Match, true, s("1"), s("101"), s("CMCC"))),
        ("intl/Mobile3MetaVerifyIntl/success_bizcode_2_subcode_201.json", ok("Success", Mismatch, true, s("2"), s("201"), s("CUCC"))),
        ("intl/Mobile3MetaVerifyIntl/success_bizcode_2_subcode_202.json", ok("Success", Mismatch, true, s("2"), s("202"), s("CTCC"))),
        ("intl/Mobile3MetaVerifyIntl/success_bizcode_2_subcode_203.json", ok("Success", Mismatch, true, s("2"), s("203"), s("CMCC"))),
        ("intl/Mobile3MetaVerifyIntl/success_bizcode_2_subcode_204.json", ok("Success", Mismatch, true, s("2"), s("204"), s("CUCC"))),
        ("intl/Mobile3MetaVerifyIntl/success_bizcode_3_subcode_301.json", ok("Success", NotFound, false, s("3"), s("301"), s("CTCC"))),
        // HTTP 200 whose Code is not Success: an error.
        ("intl/common/http200_code_not_success.json", err("InvalidParameter", InvalidRequest, false)),
    ])
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/responses")
}

fn sample_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sample_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// The action a sample belongs to: its directory under `intl/` or `cn/`; errors are the same for
/// every action.
fn action_of(rel: &str) -> &str {
    let mut parts = rel.split('/');
    match (parts.next(), parts.next()) {
        (Some("intl" | "cn"), Some(dir)) if dir != "common" => dir,
        _ => "Id2MetaVerifyIntl",
    }
}

struct Sample {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    body_json: Value,
}

fn load(path: &Path) -> Sample {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let headers = v["headers"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
    let body = match &v["body"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Sample { status: u16::try_from(v["http_status"].as_u64().unwrap()).unwrap(), headers, body, body_json: v["body"].clone() }
}

fn actual(r: &VerifyResult) -> Exp {
    Exp {
        verdict: r.verdict,
        billed: r.billed,
        retryable: r.retryable,
        kind: r.error_kind,
        code: "",
        biz: None,
        sub: None,
        isp: None,
        passed: r.passed,
        retry_after_ms: r.retry_after_ms,
    }
}

fn check(rel: &str, action: &str, sample: &Sample, r: &VerifyResult, exp: &Exp, failures: &mut Vec<String>) {
    let mut fail = |what: &str, ours: String, expected: String| {
        if ours != expected {
            failures.push(format!("[{rel} as {action}] {what}: ours {ours}, expected {expected}"));
        }
    };
    let got = actual(r);
    fail("verdict", format!("{:?}", got.verdict), format!("{:?}", exp.verdict));
    fail("billed", got.billed.to_string(), exp.billed.to_string());
    fail("retryable", got.retryable.to_string(), exp.retryable.to_string());
    fail("errorKind", format!("{:?}", got.kind), format!("{:?}", exp.kind));
    fail("passed", format!("{:?}", got.passed), format!("{:?}", exp.passed));
    fail("retryAfterMs", format!("{:?}", got.retry_after_ms), format!("{:?}", exp.retry_after_ms));
    fail("code", format!("{:?}", r.code), format!("{:?}", Some(exp.code)));
    fail("bizCode", format!("{:?}", r.biz_code), format!("{:?}", exp.biz.map(String::from)));
    fail("subCode", format!("{:?}", r.sub_code), format!("{:?}", exp.sub.map(String::from)));
    fail("ispName", format!("{:?}", r.isp_name), format!("{:?}", exp.isp.map(String::from)));
    fail("requestId", format!("{:?}", r.request_id), format!("{:?}", sample.body_json["RequestId"].as_str()));
    fail("message", format!("{:?}", r.message), format!("{:?}", sample.body_json["Message"].as_str()));
    fail("description", r.description.is_empty().to_string(), "false".into());
    fail("descriptionZh", r.description_zh.is_empty().to_string(), "false".into());
    // Invariants: billed answers are never retried; errors are never billed; verdicts have no kind.
    fail("billed implies not retryable", (r.billed && r.retryable).to_string(), "false".into());
    fail("kind iff error", r.error_kind.is_some().to_string(), (r.verdict == Verdict::Error).to_string());
}

#[test]
fn every_sample_file_matches_its_meaning() {
    let mut files = Vec::new();
    sample_files(&data_dir(), &mut files);
    let table = expectations();
    let mut failures = Vec::new();
    let mut checked = 0usize;
    for path in &files {
        let rel = path.strip_prefix(data_dir()).unwrap().to_str().unwrap().replace('\\', "/");
        let Some(exp) = table.get(rel.as_str()) else {
            failures.push(format!("[{rel}] has no row in the expectation table"));
            continue;
        };
        let sample = load(path);
        let action = action_of(&rel);
        let r = parse_response(action, sample.status, &sample.body, &sample.headers);
        check(&rel, action, &sample, &r, exp, &mut failures);
        checked += 1;
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
    assert_eq!(checked, files.len());
    assert_eq!(checked, table.len(), "the table has rows for files that are not on disk");
    assert_eq!(checked, 49);
}

#[test]
fn numbers_instead_of_strings_give_the_same_result() {
    let mut files = Vec::new();
    sample_files(&data_dir(), &mut files);
    let mut changed = 0;
    for path in &files {
        let rel = path.strip_prefix(data_dir()).unwrap().to_str().unwrap().replace('\\', "/");
        let sample = load(path);
        let mut body = sample.body_json.clone();
        let mut touched = false;
        let to_number = |v: &mut Value, touched: &mut bool| {
            if let Some(n) = v.as_str().and_then(|s| s.parse::<u64>().ok()) {
                *v = Value::from(n);
                *touched = true;
            }
        };
        if let Some(obj) = body.as_object_mut() {
            if let Some(c) = obj.get_mut("Code") {
                to_number(c, &mut touched);
            }
            for key in ["Result", "ResultObject"] {
                if let Some(res) = obj.get_mut(key).and_then(Value::as_object_mut) {
                    for k in ["BizCode", "SubCode"] {
                        if let Some(v) = res.get_mut(k) {
                            to_number(v, &mut touched);
                        }
                    }
                }
            }
        }
        if !touched {
            continue;
        }
        changed += 1;
        let action = action_of(&rel);
        let a = parse_response(action, sample.status, &sample.body, &sample.headers);
        let b = parse_response(action, sample.status, &body.to_string(), &sample.headers);
        assert_eq!(a, b, "{rel}");
    }
    assert!(changed >= 30, "{changed}");
}

#[test]
fn gateway_errors_do_not_depend_on_the_action() {
    let mut files = Vec::new();
    sample_files(&data_dir().join("errors"), &mut files);
    assert_eq!(files.len(), 16);
    for path in &files {
        let sample = load(path);
        let base = parse_response("Id2MetaVerifyIntl", sample.status, &sample.body, &sample.headers);
        for action in ["Mobile3MetaVerifyIntl", "Id2MetaVerify", "SomeFutureAction", ""] {
            assert_eq!(parse_response(action, sample.status, &sample.body, &sample.headers), base, "{path:?} {action}");
        }
    }
}
