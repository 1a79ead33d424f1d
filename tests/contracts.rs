//! Small exact contracts of the core that mutation testing (`make mutants`, docs/mutants.md)
//! found untested: the strings the JS layer shows, option parsing, and region prefixes whose
//! table rows are unusual. Each test names the mutant it kills.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use aliyun_idv::id_number::checksum;
use aliyun_idv::request::{BuildError, LongTermAs, ParamType};
use aliyun_idv::{check_id_number, CheckError, ErrorCode, Field, IdOptions, SignError};
use chrono::NaiveDate;

fn with_check(first17: &str) -> String {
    let c = checksum::check_char(first17.as_bytes()).unwrap();
    format!("{first17}{}", char::from(c))
}

fn opts() -> IdOptions {
    IdOptions { today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), allow_residence_permit: false }
}

/// `CheckError::message` / `message_zh` (mutants: "xyzzy") are the code's messages, word for word.
#[test]
fn check_error_messages_are_the_codes_messages() {
    let e = CheckError::new(ErrorCode::IdChecksum, Field::IdNumber);
    assert_eq!(e.message(), "The last character of the ID number does not match the others; check for a typo.");
    assert_eq!(e.message_zh(), "身份证号码校验位不正确，请检查是否输错。");
    for &code in ErrorCode::ALL {
        let e = CheckError::new(code, Field::Input);
        assert_eq!((e.message(), e.message_zh()), (code.message(), code.message_zh()), "{}", code.as_str());
    }
}

/// `BuildError::message`, `message_zh` and `Display` (mutants: "xyzzy", `Ok(Default::default())`)
/// for both kinds of error.
#[test]
fn build_error_texts() {
    let check: BuildError = CheckError::new(ErrorCode::NameBadDot, Field::Name).into();
    assert_eq!(check.code(), "NAME_BAD_DOT");
    assert_eq!(check.field(), "name");
    assert_eq!(check.message(), "The middle dot · must stand between two characters, once at a time.");
    assert_eq!(check.message_zh(), "间隔号“·”只能位于两个汉字之间，且不能连续出现。");
    assert_eq!(check.to_string(), "NAME_BAD_DOT: The middle dot · must stand between two characters, once at a time.");
    let sign: BuildError = SignError::NonceEmpty.into();
    assert_eq!(sign.code(), "SIGN_NONCE_EMPTY");
    assert_eq!(sign.field(), "nonce");
    assert_eq!(sign.message(), SignError::NonceEmpty.message());
    assert_eq!(sign.message_zh(), SignError::NonceEmpty.message_zh());
    assert!(sign.message_zh().contains("随机数"));
    assert_eq!(sign.to_string(), format!("SIGN_NONCE_EMPTY: {}", SignError::NonceEmpty.message()));
}

/// `LongTermAs::parse` (mutants: `Ok(Default::default())`, a deleted match arm) and `ParamType::parse`.
#[test]
fn option_values_parse_exactly() {
    assert_eq!(LongTermAs::parse("长期").unwrap(), LongTermAs::Chinese);
    assert_eq!(LongTermAs::parse("long-term").unwrap(), LongTermAs::English);
    assert_eq!((LongTermAs::Chinese.wire(), LongTermAs::English.wire()), ("长期", "long-term"));
    for bad in ["", "长期有效", "Long-Term", "longterm"] {
        let e = LongTermAs::parse(bad).unwrap_err();
        assert_eq!((e.code, e.field), (ErrorCode::LongTermAsInvalid, Field::LongTermAs), "{bad:?}");
    }
    assert_eq!(ParamType::parse("normal").unwrap(), ParamType::Normal);
    assert_eq!(ParamType::parse("md5").unwrap(), ParamType::Md5);
    for bad in ["", "MD5", "plain"] {
        assert_eq!(ParamType::parse(bad).unwrap_err().code, ErrorCode::ParamTypeInvalid, "{bad:?}");
    }
}

/// `region::prefix_has_county` (mutant: `s != 0` → `s == 0`): a prefix listed only as a province
/// or prefecture row (`110000`) has no county; a prefix whose counties are listed without a
/// prefecture row (`3490xx`, county-level cities administered directly by the province) has them.
#[test]
fn region_prefixes_without_counties_or_without_a_prefecture_row() {
    // 110000 is 北京市 itself: no county code starts with 1100.
    let e = check_id_number(&with_check("11000019900101001"), &opts()).unwrap_err();
    assert_eq!(e.code, ErrorCode::IdRegionUnknown);
    // 349001 天长市 (1993-1994), listed without a 349000 row: valid for someone born in 1993.
    let r = check_id_number(&with_check("34900119930101001"), &opts()).unwrap();
    assert_eq!((r.info.region_code, r.info.region_name(), r.info.province), (349001, Some("天长市"), "安徽省"));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

/// `SignatureVersion::as_str` (mutants: "", "xyzzy"): the JS option values.
#[test]
fn signature_version_strings() {
    use aliyun_idv::SignatureVersion;
    assert_eq!((SignatureVersion::V3.as_str(), SignatureVersion::V1.as_str()), ("v3", "v1"));
    assert_eq!(SignatureVersion::default(), SignatureVersion::V3);
}

/// When the codes of an answer disagree, neither wins: the answer is an `inconsistent_response`
/// error, billed as the coarser code says, never a verdict (issue 11; mutants: the match guards in
/// `business` and `period` replaced by `true`, i.e. the SubCode always wins).
#[test]
fn a_subcode_that_contradicts_the_verdict_does_not_override_it() {
    use aliyun_idv::{parse_response, ErrorKind, Verdict};
    let answer = |action: &str, result: &str| {
        parse_response(action, 200, &format!(r#"{{"RequestId":"R","Code":"Success","Message":"ok","Result":{result}}}"#), &[])
    };
    // BizCode 1 (match) with SubCode 203 (a mismatch): no verdict, billed as BizCode 1 is.
    let r = answer("Mobile3MetaVerifyIntl", r#"{"BizCode":"1","SubCode":"203","IspName":"CMCC"}"#);
    assert_eq!((r.verdict, r.error_kind, r.billed, r.retryable), (Verdict::Error, Some(ErrorKind::InconsistentResponse), true, false));
    // BizCode 2 with SubCode 203 agree: the SubCode's more precise text.
    let r = answer("Mobile3MetaVerifyIntl", r#"{"BizCode":"2","SubCode":"203","IspName":"CMCC"}"#);
    assert_eq!((r.verdict, r.description), (Verdict::Mismatch, "The mobile number belongs to this ID number, but the name differs."));
    // Passed Y with SubCode 223 (a mismatch), and Passed N with SubCode 200: no verdict, billed.
    for (passed, sub) in [("Y", "223"), ("N", "200")] {
        let r = answer("Id2MetaPeriodVerifyIntl", &format!(r#"{{"Passed":"{passed}","SubCode":"{sub}"}}"#));
        assert_eq!((r.verdict, r.error_kind, r.billed), (Verdict::Error, Some(ErrorKind::InconsistentResponse), true), "{passed}/{sub}");
    }
    // Agreeing codes keep their verdicts.
    let r = answer("Id2MetaPeriodVerifyIntl", r#"{"Passed":"Y","SubCode":"200"}"#);
    assert_eq!((r.verdict, r.passed(), r.description), (Verdict::Match, Some(true), "The name, ID number and validity period match the official record."));
}

/// MerchantUserId: 1 to 64 printable ASCII characters (mutants: `||` → `&&`, `> 64` → `>= 64` /
/// `== 64` in `period_intl_params`).
#[test]
fn merchant_user_id_bounds() {
    use aliyun_idv::request::{build_id2_meta_period_verify_intl, BuildOptions, PeriodInput};
    use aliyun_idv::Credentials;
    let opts = BuildOptions {
        credentials: Credentials { access_key_id: "testid".into(), access_key_secret: "testsecret".into(), security_token: None },
        timestamp: aliyun_idv::Timestamp::parse("2026-01-15T08:30:00Z").unwrap(),
        nonce: "n-1".into(),
        signature_version: aliyun_idv::SignatureVersion::V3,
        endpoint: None,
        long_term_as: LongTermAs::Chinese,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        allow_residence_permit: None,
        params_in: Default::default(),
    };
    let build = |user: &str| {
        let input = PeriodInput {
            id_number: "11010519491231002X".into(),
            name: "张三".into(),
            validity_start: "20100501".into(),
            validity_end: "长期".into(),
            merchant_biz_id: "biz1".into(),
            merchant_user_id: Some(user.into()),
            scene_code: None,
        };
        build_id2_meta_period_verify_intl(&input, &opts).map(|r| r.body.unwrap()).map_err(|e| e.code())
    };
    for ok in ["u", &"u".repeat(64), "!~"] {
        let body = build(ok).unwrap();
        assert!(body.contains(&format!("MerchantUserId={}", ok.replace('!', "%21"))), "{ok:?}: {body}");
    }
    for bad in ["", &"u".repeat(65), "a b", "用户"] {
        assert_eq!(build(bad), Err("MERCHANT_USER_ID_INVALID"), "{bad:?}");
    }
}

/// An endpoint host name of at most 253 characters, in labels of at most 63 (mutants: `> 253` →
/// `>= 253` / `== 253`).
#[test]
fn endpoint_length_bound() {
    use aliyun_idv::request::endpoint;
    let label = "a".repeat(63);
    let host = format!("{label}.{label}.{label}.{}", "a".repeat(61));
    assert_eq!(host.len(), 253);
    assert_eq!(endpoint::parse(&host).unwrap().1, host);
    assert_eq!(endpoint::parse(&format!("https://{host}/")).unwrap().1, host);
    let e = endpoint::parse(&format!("{host}a")).unwrap_err();
    assert_eq!((e.code, e.field), (ErrorCode::EndpointInvalid, Field::Endpoint));
    let e = endpoint::parse(&"a".repeat(64)).unwrap_err();
    assert_eq!((e.code, e.field), (ErrorCode::EndpointInvalid, Field::Endpoint));
}
