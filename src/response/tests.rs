use super::*;

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn parse(action: &str, status: u16, body: &str) -> VerifyResult {
    parse_response(action, status, body, &[])
}

const ID2: &str = "Id2MetaVerifyIntl";

fn assert_invariants(r: &VerifyResult) {
    assert!(!(r.billed && r.retryable), "{r:?}");
    assert_eq!(r.error_kind.is_some(), r.verdict == Verdict::Error, "{r:?}");
    assert!(!r.description.is_empty() && !r.description_zh.is_empty(), "{r:?}");
    assert!(r.retry_after_ms.is_none() || r.retryable, "{r:?}");
}

#[test]
fn not_json() {
    let r = parse(ID2, 200, "not json {");
    assert_eq!((r.verdict, r.error_kind, r.billed, r.retryable), (Verdict::Error, Some(ErrorKind::MalformedResponse), false, false));
    assert_invariants(&r);
}

#[test]
fn empty_body() {
    for status in [200, 204, 400, 0] {
        let r = parse(ID2, status, "");
        assert_eq!(r.error_kind, Some(ErrorKind::MalformedResponse), "{status}");
        assert!(!r.retryable, "{status}");
        assert_invariants(&r);
    }
    // An empty 503 says the request was not processed.
    let r = parse(ID2, 503, "");
    assert_eq!((r.error_kind, r.retryable), (Some(ErrorKind::MalformedResponse), true));
}

#[test]
fn html_proxy_page() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    let r = parse_response(ID2, 502, html, &h(&[("Content-Type", "text/html"), ("X-Acs-Request-Id", " abc-123 ")]));
    assert_eq!((r.verdict, r.error_kind, r.retryable, r.billed), (Verdict::Error, Some(ErrorKind::MalformedResponse), true, false));
    assert_eq!(r.request_id.as_deref(), Some("abc-123"));
    assert_invariants(&r);
    // The same page with 200 (a captive portal) may hide a billed call: not retryable.
    let r = parse(ID2, 200, html);
    assert_eq!((r.error_kind, r.retryable), (Some(ErrorKind::MalformedResponse), false));
    // A 429 page from a proxy, with a standard Retry-After in seconds.
    let r = parse_response(ID2, 429, html, &h(&[("Retry-After", "2")]));
    assert_eq!((r.retryable, r.retry_after_ms), (true, Some(2000)));
}

#[test]
fn json_of_the_wrong_shape() {
    for body in ["[]", "[{\"Code\":\"Success\"}]", "null", "1", "\"Success\"", "true", "{}", "{\"Code\":\"Success\"}",
        "{\"Code\":\"Success\",\"Result\":[1]}", "{\"Code\":\"Success\",\"Result\":\"1\"}", "{\"Result\":null}"] {
        let r = parse(ID2, 200, body);
        assert_eq!(r.verdict, Verdict::Error, "{body}");
        assert_eq!(r.error_kind, Some(ErrorKind::MalformedResponse), "{body}");
        assert!(!r.retryable && !r.billed, "{body}");
        assert_invariants(&r);
    }
}

#[test]
fn numbers_or_strings() {
    for body in [
        r#"{"RequestId":"r","Code":"Success","Result":{"BizCode":"1"}}"#,
        r#"{"RequestId":"r","Code":"Success","Result":{"BizCode":1}}"#,
        r#"{"RequestId":"r","Code":"success","Result":{"BizCode":" 1 "}}"#,
        r#"{"RequestId":"r","Code":200,"ResultObject":{"BizCode":1}}"#,
        r#"{"RequestId":"r","Code":"200","ResultObject":{"BizCode":"1"}}"#,
    ] {
        let r = parse(ID2, 200, body);
        assert_eq!((r.verdict, r.billed, r.biz_code.as_deref()), (Verdict::Match, true, Some("1")), "{body}");
    }
    let r = parse("Mobile3MetaVerifyIntl", 200, r#"{"Code":"Success","Result":{"BizCode":2,"SubCode":203,"IspName":"CMCC"}}"#);
    assert_eq!((r.verdict, r.sub_code.as_deref()), (Verdict::Mismatch, Some("203")));
    assert!(r.description.contains("ID number") && r.description.contains("name differs"));
    let r = parse("Id2MetaPeriodVerifyIntl", 200, r#"{"Code":"Success","Result":{"Passed":true,"SubCode":200}}"#);
    assert_eq!((r.verdict, r.passed, r.billed), (Verdict::Match, Some(true), true));
}

#[test]
fn code_not_success_on_2xx_is_an_error() {
    let r = parse(ID2, 200, r#"{"RequestId":"r","Code":"Throttling.User","Message":"slow down"}"#);
    assert_eq!((r.error_kind, r.retryable), (Some(ErrorKind::Throttled), true));
    let r = parse(ID2, 200, r#"{"RequestId":"r","Code":"SomethingNew","Result":{"BizCode":"1"}}"#);
    assert_eq!((r.verdict, r.error_kind, r.retryable), (Verdict::Error, Some(ErrorKind::Business), false));
    assert_eq!(r.message, None);
}

#[test]
fn unknown_action() {
    let r = parse("SomeFutureVerify", 200, r#"{"Code":"Success","Result":{"BizCode":"2"}}"#);
    assert_eq!((r.verdict, r.billed), (Verdict::Mismatch, true));
    let r = parse("", 200, r#"{"Code":"Success","Result":{"BizCode":"3"}}"#);
    assert_eq!((r.verdict, r.billed), (Verdict::NotFound, false));
    let r = parse("🙂\u{0}", 200, r#"{"Code":"Success","Result":{"Passed":"Y"}}"#);
    assert_eq!(r.verdict, Verdict::Match);
    let r = parse("Whatever", 200, r#"{"Code":"Success","Result":{"Foo":"Bar"}}"#);
    assert_eq!((r.verdict, r.error_kind), (Verdict::Error, Some(ErrorKind::Business)));
    // Action names are matched case-insensitively.
    let r = parse("mobile3metaverifyintl", 200, r#"{"Code":"Success","Result":{"BizCode":"2","SubCode":"202"}}"#);
    assert!(r.description.contains("belongs to this name"));
}

#[test]
fn unknown_codes() {
    for (action, body) in [
        (ID2, r#"{"Code":"Success","Result":{"BizCode":"9"}}"#),
        (ID2, r#"{"Code":"Success","Result":{}}"#),
        ("Mobile3MetaVerifyIntl", r#"{"Code":"Success","Result":{"SubCode":"999"}}"#),
        ("Id2MetaPeriodVerifyIntl", r#"{"Code":"Success","Result":{"Passed":"maybe","SubCode":"999"}}"#),
    ] {
        let r = parse(action, 200, body);
        assert_eq!((r.verdict, r.error_kind, r.billed, r.retryable), (Verdict::Error, Some(ErrorKind::Business), false, false), "{body}");
        assert_eq!(r.description, codes::UNKNOWN_RESULT.0);
        assert_invariants(&r);
    }
    // A known BizCode with an unknown SubCode falls back to the BizCode.
    let r = parse("Mobile3MetaVerifyIntl", 200, r#"{"Code":"Success","Result":{"BizCode":"2","SubCode":"299"}}"#);
    assert_eq!((r.verdict, r.billed), (Verdict::Mismatch, true));
    // Passed N with an unknown SubCode: billed, did not pass.
    let r = parse("Id2MetaPeriodVerifyIntl", 200, r#"{"Code":"Success","Result":{"Passed":"N","SubCode":"250"}}"#);
    assert_eq!((r.verdict, r.billed), (Verdict::Mismatch, true));
    // Unknown gateway codes: the HTTP status decides.
    for (status, kind, retryable) in [
        (400, ErrorKind::InvalidRequest, false),
        (403, ErrorKind::Auth, false),
        (429, ErrorKind::Throttled, true),
        (500, ErrorKind::Server, true),
        (502, ErrorKind::Server, true),
    ] {
        let r = parse(ID2, status, r#"{"RequestId":"r","Code":"Brand.NewCode","Message":"m"}"#);
        assert_eq!((r.error_kind, r.retryable, r.code.as_deref()), (Some(kind), retryable, Some("Brand.NewCode")), "{status}");
    }
}

#[test]
fn odd_statuses() {
    let ok = r#"{"Code":"Success","Result":{"BizCode":"1"}}"#;
    for status in [0, 1, 100, 199, 301, 304, 999, u16::MAX] {
        let r = parse(ID2, status, ok);
        assert_eq!(r.verdict, Verdict::Error, "{status}");
        assert!(!r.billed && !r.retryable, "{status}");
        assert_invariants(&r);
    }
    // Any 2xx counts as an answer.
    assert_eq!(parse(ID2, 201, ok).verdict, Verdict::Match);
}

#[test]
fn retry_after() {
    let body = r#"{"Code":"Throttling.Api"}"#;
    type Headers<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(Headers, Option<u32>)] = &[
        (&[("x-acs-retry-after", "1000")], Some(1000)),
        (&[("X-ACS-RETRY-AFTER", " 250 ")], Some(250)),
        (&[("x-acs-retry-after", "0")], None),
        (&[("x-acs-retry-after", "-1")], None),
        (&[("x-acs-retry-after", "soon")], None),
        (&[("x-acs-retry-after", "99999999999999")], Some(u32::MAX)),
        (&[("x-acs-retry-after", "bad"), ("retry-after", "3")], Some(3000)),
        (&[("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")], None),
        (&[], None),
    ];
    for (headers, expected) in cases {
        let r = parse_response(ID2, 400, body, &h(headers));
        assert_eq!(r.retry_after_ms, *expected, "{headers:?}");
    }
    // Not retryable: no retry-after even if the header is there.
    let r = parse_response(ID2, 400, r#"{"Code":"MissingParameter"}"#, &h(&[("x-acs-retry-after", "1000")]));
    assert_eq!(r.retry_after_ms, None);
}

#[test]
fn huge_and_deep_bodies() {
    let deep = "[".repeat(100_000);
    assert_eq!(parse(ID2, 200, &deep).error_kind, Some(ErrorKind::MalformedResponse));
    let nested = format!("{}{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    assert_eq!(parse(ID2, 200, &nested).error_kind, Some(ErrorKind::MalformedResponse));
    let big = format!(r#"{{"Code":"Success","Message":"{}","Result":{{"BizCode":"1"}}}}"#, "x".repeat(5_000_000));
    assert_eq!(parse(ID2, 200, &big).verdict, Verdict::Match);
}

#[test]
fn serialises_to_the_js_shape() {
    let r = parse(ID2, 200, r#"{"RequestId":"r1","Code":"Success","Message":"ok","Result":{"BizCode":"3"}}"#);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["verdict"], "not_found");
    assert_eq!(v["billed"], false);
    assert_eq!(v["requestId"], "r1");
    assert_eq!(v["bizCode"], "3");
    assert!(v.get("subCode").is_none() && v.get("errorKind").is_none());
    assert!(v["descriptionZh"].as_str().unwrap().contains("查无"));
    let r = parse(ID2, 500, "<html>");
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["errorKind"], "malformed_response");
    assert!(v["requestId"].is_null() && v["code"].is_null() && v["message"].is_null());
    for k in [ErrorKind::Throttled, ErrorKind::Auth, ErrorKind::InvalidRequest, ErrorKind::Server, ErrorKind::Business, ErrorKind::MalformedResponse] {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
    for v in [Verdict::Match, Verdict::Mismatch, Verdict::NotFound, Verdict::Error] {
        assert_eq!(serde_json::to_value(v).unwrap(), v.as_str());
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::{assert_invariants, parse_response};
    use proptest::prelude::*;

    fn json_ish() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("\"1\"".to_string()), Just("2".to_string()), Just("\"Y\"".to_string()), Just("null".to_string()),
            Just("\"Success\"".to_string()), Just("\"200\"".to_string()), Just("[]".to_string()), Just("-1e400".to_string()),
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
        ];
        let keys = prop_oneof![
            Just("Code"), Just("BizCode"), Just("SubCode"), Just("Passed"), Just("Result"), Just("ResultObject"),
            Just("RequestId"), Just("Message"), Just("IspName"), Just("x"),
        ];
        leaf.prop_recursive(4, 32, 6, move |inner| {
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|kv| {
                let fields: Vec<String> = kv.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", fields.join(","))
            })
        })
    }

    fn actions() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Id2MetaVerifyIntl".to_string()), Just("Mobile3MetaVerifyIntl".to_string()),
            Just("Id2MetaPeriodVerifyIntl".to_string()), Just("Id2MetaVerify".to_string()),
            Just("Mobile3MetaSimpleVerify".to_string()), Just("Mobile3MetaDetailVerify".to_string()),
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn arbitrary_input_never_panics(action in actions(), status in any::<u16>(), body in any::<String>(),
                                        headers in prop::collection::vec((any::<String>(), any::<String>()), 0..4)) {
            let r = parse_response(&action, status, &body, &headers);
            assert_invariants(&r);
        }

        #[test]
        fn json_shaped_input_never_panics(action in actions(), status in prop_oneof![Just(200u16), Just(400u16), Just(503u16), any::<u16>()],
                                          body in json_ish(), retry in any::<String>()) {
            let headers = vec![("x-acs-retry-after".to_string(), retry)];
            let r = parse_response(&action, status, &body, &headers);
            assert_invariants(&r);
        }
    }
}

// ---- Contradictory answers and the codes of issue 11 ----------------------------------------

#[test]
fn contradictory_result_codes_are_never_a_match() {
    let m3 = |biz: &str, sub: &str| parse("Mobile3MetaVerifyIntl", 200, &format!(r#"{{"Code":"Success","Result":{{"BizCode":"{biz}","SubCode":"{sub}"}}}}"#));
    for (biz, sub, billed) in [("1", "201"), ("1", "204"), ("1", "301"), ("2", "101"), ("2", "301"), ("3", "101"), ("3", "203")].map(|(b, s)| (b, s, b != "3")) {
        let r = m3(biz, sub);
        assert_invariants(&r);
        assert_eq!((r.verdict, r.error_kind, r.billed, r.retryable), (Verdict::Error, Some(ErrorKind::InconsistentResponse), billed, false), "{biz}/{sub}");
        assert!(r.description.contains("contradicts"));
    }
    // agreeing pairs, and an unknown SubCode, keep their verdicts
    assert_eq!(m3("1", "101").verdict, Verdict::Match);
    assert_eq!(m3("2", "203").sub_code.as_deref(), Some("203"));
    assert_eq!(m3("2", "999").verdict, Verdict::Mismatch);
    let period = |passed: &str, sub: &str| parse("Id2MetaPeriodVerifyIntl", 200, &format!(r#"{{"Code":"Success","Result":{{"Passed":"{passed}","SubCode":"{sub}"}}}}"#));
    for (passed, sub) in [("Y", "223"), ("Y", "202"), ("Y", "999"), ("N", "200"), ("true", "223")] {
        let r = period(passed, sub);
        assert_invariants(&r);
        assert_eq!((r.verdict, r.error_kind, r.billed), (Verdict::Error, Some(ErrorKind::InconsistentResponse), true), "{passed}/{sub}");
    }
    assert_eq!(period("Y", "200").verdict, Verdict::Match);
    assert_eq!(period("N", "223").verdict, Verdict::Mismatch);
    assert_eq!(period("N", "999").verdict, Verdict::Mismatch);
}

#[test]
fn codes_as_the_docs_define_them() {
    let gw = |status: u16, code: &str| parse(ID2, status, &format!(r#"{{"RequestId":"R","Code":"{code}","Message":"m"}}"#));
    let ds = gw(500, "Forbidden.ExceptionDataSource");
    assert_eq!((ds.error_kind, ds.retryable, ds.billed), (Some(ErrorKind::Server), true, false));
    assert!(ds.description.contains("data source") && !ds.description.contains("AccessKey,"));
    let rep = gw(401, "Forbidden.ExceptionRepeatedInvoke");
    assert_eq!((rep.error_kind, rep.retryable), (Some(ErrorKind::Business), false));
    assert!(rep.description.contains("repeated calls"));
    assert_eq!(gw(403, "Forbidden.Other").error_kind, Some(ErrorKind::Auth));
    let nonce = gw(400, "SignatureNonceUsed");
    assert_eq!((nonce.error_kind, nonce.retryable, nonce.billed), (Some(ErrorKind::Auth), false, false));
    assert!(nonce.description.contains("may have been processed"));
    let cn405 = parse("Mobile3MetaDetailVerify", 200, r#"{"RequestId":"R","Code":"405","Message":"手机号无法查询"}"#);
    assert_eq!((cn405.verdict, cn405.error_kind, cn405.retryable, cn405.billed), (Verdict::Error, Some(ErrorKind::Business), false, false));
    assert!(cn405.description.contains("number range"));
}
