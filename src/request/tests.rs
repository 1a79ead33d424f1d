use super::*;
use crate::date::parse_today;
use crate::hash::md5_hex;
use crate::sign::Method;

const ID: &str = "11010519491231002X";

fn opts() -> BuildOptions {
    BuildOptions {
        credentials: Credentials { access_key_id: "testid".into(), access_key_secret: "SECRET-must-not-leak".into(), security_token: None },
        timestamp: crate::sign::Timestamp::parse("2026-11-22T08:30:00Z").unwrap(),
        nonce: "c0ffee00-0000-4000-8000-000000000001".into(),
        signature_version: SignatureVersion::V3,
        endpoint: None,
        long_term_as: LongTermAs::Chinese,
        today: parse_today("2026-11-22").unwrap(),
        allow_residence_permit: None,
        params_in: ParamsIn::Body,
    }
}

/// The form body decoded into pairs.
fn form(req: &SignedRequest) -> Vec<(String, String)> {
    let body = req.body.as_deref().unwrap_or("");
    body.split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (k.to_string(), percent_encoding::percent_decode_str(v).decode_utf8().unwrap().into_owned())
        })
        .collect()
}

fn get<'a>(pairs: &'a [(String, String)], k: &str) -> Option<&'a str> {
    pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str())
}

fn header<'a>(req: &'a SignedRequest, name: &str) -> Option<&'a str> {
    req.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn id2_meta_intl_sends_normalised_values_in_the_body_not_the_url() {
    let input = Id2MetaInput { id_number: " 11010519491231002x ".into(), name: "张\u{3000}三".into(), ..Default::default() };
    let req = build_id2_meta_verify_intl(&input, &opts()).unwrap();
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.url, "https://cloudauth-intl.cn-hongkong.aliyuncs.com/");
    assert_eq!(header(&req, "x-acs-action"), Some("Id2MetaVerifyIntl"));
    assert_eq!(header(&req, "x-acs-version"), Some("2022-08-09"));
    assert_eq!(header(&req, "content-type"), Some("application/x-www-form-urlencoded"));
    let f = form(&req);
    assert_eq!(get(&f, "ProductCode"), Some("ID_2META"));
    assert_eq!(get(&f, "ParamType"), Some("normal"));
    assert_eq!(get(&f, "IdentifyNum"), Some(ID));
    assert_eq!(get(&f, "UserName"), Some("张三"));
}

#[test]
fn v1_keeps_personal_data_in_the_body_too() {
    let o = BuildOptions { signature_version: SignatureVersion::V1, ..opts() };
    let input = Mobile3MetaInput { id_number: ID.into(), name: "张三".into(), mobile: "+86 138 1234 5678".into(), ..Default::default() };
    let req = build_mobile3_meta_verify_intl(&input, &o).unwrap();
    assert!(req.url.contains("Signature="), "{}", req.url);
    for pii in [ID, "13812345678", "%E5%BC%A0"] {
        assert!(!req.url.contains(pii), "{pii} in {}", req.url);
    }
    assert_eq!(get(&form(&req), "Mobile"), Some("13812345678"));
}

#[test]
fn mobile3_md5_mode_hashes_the_normalised_values() {
    let input = Mobile3MetaInput {
        id_number: "11010519491231002x".into(),
        name: "张三".into(),
        mobile: "138-1234-5678".into(),
        param_type: ParamType::Md5,
    };
    let f = form(&build_mobile3_meta_verify_intl(&input, &opts()).unwrap());
    assert_eq!(get(&f, "ParamType"), Some("md5"));
    assert_eq!(get(&f, "IdentifyNum"), Some(md5_hex(ID).as_str()));
    assert_eq!(get(&f, "UserName"), Some("615db57aa314529aaa0fbe95b3e95bd3"));
    assert_eq!(get(&f, "Mobile"), Some(md5_hex("13812345678").as_str()));
}

#[test]
fn md5_is_refused_where_the_action_has_no_md5_mode() {
    let input = Id2MetaInput { id_number: ID.into(), name: "张三".into(), param_type: ParamType::Md5 };
    assert_eq!(build_id2_meta_verify_intl(&input, &opts()).unwrap_err().code(), "PARAM_TYPE_UNSUPPORTED");
    let p = PeriodInput { id_number: ID.into(), name: "张三".into(), validity_start: "20100501".into(), validity_end: "长期".into(), merchant_biz_id: "b1".into(), ..Default::default() };
    let mut i: ActionInput = (&p).into();
    i.set(InputField::ParamType, Some("md5".into()));
    assert_eq!(build(Action::Id2MetaPeriodVerifyIntl, &i, &opts()).unwrap_err().code(), "PARAM_TYPE_UNSUPPORTED");
    // Mainland Id2MetaVerify has the model's partial md5 forms (see md5_forms_of_every_action).
    assert!(build_id2_meta_verify(&input, &opts()).is_ok());
}

fn period(end: &str) -> PeriodInput {
    PeriodInput {
        id_number: ID.into(),
        name: "张三".into(),
        validity_start: "2010-05-01".into(),
        validity_end: end.into(),
        merchant_biz_id: "e0c34a77f5ac40a5aa5e6ed20c350001".into(),
        merchant_user_id: None,
        scene_code: None,
    }
}

#[test]
fn period_long_term_goes_on_the_wire_as_asked() {
    let f = form(&build_id2_meta_period_verify_intl(&period("long-term"), &opts()).unwrap());
    assert_eq!(get(&f, "ValidityEndDate"), Some("长期"));
    assert_eq!(get(&f, "ValidityStartDate"), Some("20100501"));
    assert_eq!(get(&f, "DocType"), Some("00000001"));
    assert_eq!(get(&f, "DocNo"), Some(ID));
    assert_eq!(get(&f, "ProductCode"), Some("eKYC_Date_MIN"));
    assert_eq!(get(&f, "SceneCode"), None, "absent optional parameters are not sent");
    assert_eq!(get(&f, "MerchantUserId"), None);
    let en = BuildOptions { long_term_as: LongTermAs::English, ..opts() };
    let f = form(&build_id2_meta_period_verify_intl(&period("长期有效"), &en).unwrap());
    assert_eq!(get(&f, "ValidityEndDate"), Some("long-term"));
}

#[test]
fn period_optional_fields_and_their_checks() {
    let mut input = period("长期");
    input.scene_code = Some("scene_01".into());
    input.merchant_user_id = Some("user-123".into());
    let f = form(&build_id2_meta_period_verify_intl(&input, &opts()).unwrap());
    assert_eq!(get(&f, "SceneCode"), Some("scene_01"));
    assert_eq!(get(&f, "MerchantUserId"), Some("user-123"));
    type Mutation = fn(&mut PeriodInput);
    let cases: [(Mutation, &str); 5] = [
        (|i| i.merchant_biz_id = String::new(), "MERCHANT_BIZ_ID_INVALID"),
        (|i| i.merchant_biz_id = "a".repeat(33), "MERCHANT_BIZ_ID_INVALID"),
        (|i| i.scene_code = Some("scene-01".into()), "SCENE_CODE_INVALID"),
        (|i| i.merchant_user_id = Some("has space".into()), "MERCHANT_USER_ID_INVALID"),
        (|i| i.validity_start = "2030-01-01".into(), "PERIOD_START_IN_FUTURE"),
    ];
    for (mutate, code) in cases {
        let mut i = period("长期");
        mutate(&mut i);
        assert_eq!(build_id2_meta_period_verify_intl(&i, &opts()).unwrap_err().code(), code);
    }
}

#[test]
fn mainland_action_version_and_host() {
    let req = build_id2_meta_verify(&Id2MetaInput { id_number: ID.into(), name: "张三".into(), ..Default::default() }, &opts()).unwrap();
    assert_eq!(req.url, "https://cloudauth.cn-shanghai.aliyuncs.com/");
    assert_eq!(header(&req, "x-acs-version"), Some("2019-03-07"));
    assert_eq!(get(&form(&req), "ParamType"), Some("normal"));
}

#[test]
fn invalid_input_is_refused_before_signing() {
    let cases = [
        (Id2MetaInput { id_number: "110105194912310021".into(), name: "张三".into(), ..Default::default() }, "ID_CHECKSUM", "idNumber"),
        (Id2MetaInput { id_number: ID.into(), name: "Zhang San".into(), ..Default::default() }, "NAME_BAD_CHAR", "name"),
        (Id2MetaInput { id_number: "810000199001010010".into(), name: "张三".into(), ..Default::default() }, "ID_CHECKSUM", "idNumber"),
    ];
    for (input, code, field) in cases {
        let e = build_id2_meta_verify_intl(&input, &opts()).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, field));
    }
    let m = Mobile3MetaInput { id_number: ID.into(), name: "张三".into(), mobile: "+852 9123 4567".into(), ..Default::default() };
    assert_eq!(build_mobile3_meta_verify_intl(&m, &opts()).unwrap_err().code(), "MOBILE_NOT_MAINLAND");
}

#[test]
fn endpoint_option() {
    let input = Id2MetaInput { id_number: ID.into(), name: "张三".into(), ..Default::default() };
    let o = BuildOptions { endpoint: Some("http://127.0.0.1:8910".into()), ..opts() };
    let req = build_id2_meta_verify_intl(&input, &o).unwrap();
    assert_eq!(req.url, "http://127.0.0.1:8910/");
    assert_eq!(header(&req, "host"), Some("127.0.0.1:8910"));
    let o = BuildOptions { endpoint: Some("http://cloudauth-intl.cn-hongkong.aliyuncs.com".into()), ..opts() };
    assert_eq!(build_id2_meta_verify_intl(&input, &o).unwrap_err().code(), "ENDPOINT_INVALID");
}

#[test]
fn signer_errors_come_through_and_never_carry_the_secret() {
    let input = Id2MetaInput { id_number: ID.into(), name: "张三".into(), ..Default::default() };
    let o = BuildOptions { nonce: "a nonce with spaces".into(), ..opts() };
    let e = build_id2_meta_verify_intl(&input, &o).unwrap_err();
    assert_eq!(e.code(), "SIGN_NONCE_INVALID");
    let shown = format!("{e} {e:?} {:?}", opts());
    assert!(!shown.contains("SECRET-must-not-leak"), "{shown}");
    assert!(!shown.contains(ID));
    let req = build_id2_meta_verify_intl(&input, &opts()).unwrap();
    assert!(!format!("{req:?}").contains("SECRET-must-not-leak"));
}

#[test]
fn build_options_debug_redacts_the_secret_and_the_sts_token() {
    let mut o = opts();
    o.credentials.security_token = Some("STS-TOKEN-must-not-leak".into());
    for s in [format!("{o:?}"), format!("{o:#?}"), format!("{:?}", o.credentials)] {
        assert!(!s.contains("SECRET-must-not-leak"), "{s}");
        assert!(!s.contains("STS-TOKEN-must-not-leak"), "{s}");
        assert!(s.contains("testid") && s.contains("<redacted>"), "{s}");
    }
}

#[test]
fn a_build_error_never_carries_the_upgraded_id_number() {
    // A 15-digit number: the check's hint is the full 18-digit number; the thrown build error drops it.
    let input = Id2MetaInput { id_number: "110105491231002".into(), name: "张三".into(), ..Default::default() };
    let e = build_id2_meta_verify_intl(&input, &opts()).unwrap_err();
    assert_eq!(e.code(), "ID_LEGACY_15");
    match &e {
        BuildError::Check(c) => assert_eq!(c.hint, None),
        BuildError::Sign(s) => panic!("{s:?}"),
    }
    let shown = format!("{e} {e:?} {e:#?} {} {}", e.message(), e.message_zh());
    assert!(!shown.contains(ID) && !shown.contains("110105491231002"), "{shown}");
}
