//! The table-driven builder for every action: parameters, md5 forms (expected values computed
//! independently with Python's hashlib from the field comments, never with this crate's md5),
//! conditional fields, residence permits, placement.

use super::*;
use crate::date::parse_today;

const ID: &str = "11010519491231002X";
/// md5("19491231"), md5("张"), md5("13812345678"), md5("张三"), md5(ID), md5("890123").
const MD5_BIRTH: &str = "f8817a477938df5a3e7763cadc5a9abb";
const MD5_ZHANG: &str = "6499fc7409049355527ef6a2ba5706b8";
const MD5_MOBILE: &str = "4c0115d39ddea1eba5a7cdf8edfc18a9";
const MD5_NAME: &str = "615db57aa314529aaa0fbe95b3e95bd3";
const MD5_ID: &str = "ae05564031c21338aa8a2e7266e7855c";
const CARD: &str = "6217001234567890123";
const MD5_CARD_LAST6: &str = "c64e72967d9a64ed9426d990b458d3b8";
const RESIDENCE_PERMIT: &str = "810000199003071237";

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

/// Everything a person could give; each action takes what it sends.
fn person(action: Action) -> ActionInput {
    let spec = action.spec();
    let mut i = ActionInput::new();
    let all = [
        (InputField::IdNumber, "11010519491231002x"),
        (InputField::Name, "张三"),
        (InputField::Mobile, "+86 138 1234 5678"),
        (InputField::ValidityStart, "2010-05-01"),
        (InputField::ValidityEnd, "長期"),
        (InputField::MerchantBizId, "biz0001"),
        (InputField::BankCard, "6217 0012 3456 7890 123"),
        (InputField::ProductType, "BANK_CARD_4_META"),
        (InputField::RegisterDate, "2020-01-01"),
    ];
    for (f, v) in all {
        if spec.uses(f) {
            i.set(f, Some(v.to_string()));
        }
    }
    i
}

fn md5_mode(mut i: ActionInput, mode: &str) -> ActionInput {
    i.set(InputField::ParamType, Some(mode.to_string()));
    i
}

fn wire(action: Action, input: &ActionInput) -> Vec<(String, String)> {
    params(action, input, &opts()).unwrap_or_else(|e| panic!("{}: {e}", action.name()))
}

fn get<'a>(p: &'a [(String, String)], k: &str) -> Option<&'a str> {
    p.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str())
}

#[test]
fn every_action_sends_its_table_parameters_normalised() {
    for spec in ACTIONS {
        let p = wire(spec.action, &person(spec.action));
        let names: Vec<&str> = p.iter().map(|(k, _)| k.as_str()).collect();
        let optional_absent = ["SceneCode", "MerchantUserId", "IdentityType"];
        let expected: Vec<&str> = spec.params.iter().map(|q| q.wire).filter(|w| !optional_absent.contains(w)).collect();
        assert_eq!(names, expected, "{}", spec.name);
        for (k, v) in &p {
            let want = match k.as_str() {
                "IdentifyNum" | "DocNo" => ID,
                "UserName" | "DocName" => "张三",
                "Mobile" => "13812345678",
                "BankCard" => CARD,
                "ParamType" => "normal",
                "ValidityStartDate" => "20100501",
                "ValidityEndDate" => "长期",
                "RegisterDate" => "20200101",
                "VerifyMode" => "VERIFY_BANK_CARD",
                _ => continue,
            };
            assert_eq!(v, want, "{} {k}", spec.name);
        }
    }
}

#[test]
fn host_and_version_follow_the_product() {
    for spec in ACTIONS {
        let req = build(spec.action, &person(spec.action), &opts()).unwrap();
        let (host, version) = match spec.product {
            Product::Intl => ("https://cloudauth-intl.cn-hongkong.aliyuncs.com/", "2022-08-09"),
            Product::Mainland => ("https://cloudauth.cn-shanghai.aliyuncs.com/", "2019-03-07"),
        };
        assert_eq!(req.url, host, "{}", spec.name);
        assert!(req.headers.iter().any(|(k, v)| k == "x-acs-version" && v == version), "{}", spec.name);
        assert!(req.headers.iter().any(|(k, v)| k == "x-acs-action" && v == spec.name), "{}", spec.name);
    }
}

#[test]
fn md5_forms_of_every_action() {
    let id_partial = format!("110105{MD5_BIRTH}002X");
    let name_partial = format!("{MD5_ZHANG}三");
    let card_partial = format!("6217001234567{MD5_CARD_LAST6}");
    for spec in ACTIONS.iter().filter(|s| s.md5) {
        let p = wire(spec.action, &md5_mode(person(spec.action), "md5"));
        assert_eq!(get(&p, "ParamType"), Some("md5"), "{}", spec.name);
        let partial = matches!(spec.action, Action::Id2MetaVerify | Action::Id2MetaPeriodVerify | Action::Id2MetaStandardVerify | Action::BankMetaVerify | Action::BankMetaVerifyIntl);
        if spec.uses(InputField::IdNumber) {
            assert_eq!(get(&p, "IdentifyNum"), Some(if partial { id_partial.as_str() } else { MD5_ID }), "{}", spec.name);
        }
        if spec.uses(InputField::Name) {
            assert_eq!(get(&p, "UserName"), Some(if partial { name_partial.as_str() } else { MD5_NAME }), "{}", spec.name);
        }
        if spec.uses(InputField::Mobile) {
            assert_eq!(get(&p, "Mobile"), Some(MD5_MOBILE), "{}", spec.name);
        }
        if spec.uses(InputField::BankCard) {
            assert_eq!(get(&p, "BankCard"), Some(card_partial.as_str()), "{}", spec.name);
        }
        // Plain even in md5 mode.
        for (k, v) in [("ValidityStartDate", "20100501"), ("ValidityEndDate", "长期"), ("RegisterDate", "20200101"), ("ProductType", "BANK_CARD_4_META")] {
            if let Some(got) = get(&p, k) {
                assert_eq!(got, v, "{} {k}", spec.name);
            }
        }
    }
}

#[test]
fn md5_is_taken_after_normalisation() {
    // A look-alike dot and full-width digits: the hash is of the normalised text.
    let i = ActionInput::new()
        .with(InputField::IdNumber, "１１０１０５１９４９１２３１００２ｘ")
        .with(InputField::Name, "阿卜杜拉•买买提")
        .with(InputField::Mobile, "138-1234-5678")
        .with(InputField::ParamType, "md5");
    let p = wire(Action::Mobile3MetaSimpleVerify, &i);
    assert_eq!(get(&p, "IdentifyNum"), Some(MD5_ID));
    // md5("阿卜杜拉·买买提") with U+00B7, by hashlib.
    assert_eq!(get(&p, "UserName"), Some("6a0ef9ba9c75fd38cda70d137bb63cbc"));
    let p = wire(Action::Id2MetaVerify, &md5_mode(ActionInput::new().with(InputField::IdNumber, "１１０１０５１９４９１２３１００２ｘ").with(InputField::Name, "阿卜杜拉•买买提"), "md5"));
    // md5("阿") + the rest, normalised.
    assert_eq!(get(&p, "UserName"), Some("17ad63cd834bf7f355122b954e87dbcc卜杜拉·买买提"));
    assert_eq!(get(&p, "IdentifyNum"), Some(format!("110105{MD5_BIRTH}002X").as_str()));
}

#[test]
fn hashed_values_pass_through_when_the_caller_holds_them() {
    let i = ActionInput::new()
        .with(InputField::IdNumber, format!("110105{}002X", MD5_BIRTH.to_uppercase()))
        .with(InputField::Name, format!("{MD5_ZHANG}三"))
        .with(InputField::ParamType, "md5-hashed");
    let p = wire(Action::Id2MetaVerify, &i);
    assert_eq!(get(&p, "ParamType"), Some("md5"));
    assert_eq!(get(&p, "IdentifyNum"), Some(format!("110105{MD5_BIRTH}002X").as_str()));
    // A plaintext value where a hash is expected is refused, naming the field.
    let bad = i.clone().with(InputField::Name, "张三");
    let e = build(Action::Id2MetaVerify, &bad, &opts()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("MD5_FORM_INVALID", "name"));
    let m = ActionInput::new().with(InputField::Mobile, MD5_MOBILE).with(InputField::RegisterDate, "20200101").with(InputField::ParamType, "md5-hashed");
    let p = wire(Action::MobileRecycledMetaVerify, &m);
    assert_eq!((get(&p, "Mobile"), get(&p, "RegisterDate")), (Some(MD5_MOBILE), Some("20200101")));
    assert_eq!(build(Action::Id2MetaVerifyIntl, &md5_mode(person(Action::Id2MetaVerifyIntl), "md5-hashed"), &opts()).unwrap_err().code(), "PARAM_TYPE_UNSUPPORTED");
}

#[test]
fn bank_card_product_types_decide_the_fields() {
    for action in [Action::BankMetaVerify, Action::BankMetaVerifyIntl] {
        let two = ActionInput::new().with(InputField::BankCard, CARD).with(InputField::Name, "张三").with(InputField::ProductType, "BANK_CARD_2_META");
        let p = wire(action, &two);
        assert_eq!((get(&p, "IdentifyNum"), get(&p, "Mobile")), (None, None));
        assert_eq!(get(&p, "VerifyMode"), Some("VERIFY_BANK_CARD"));
        let e = build(action, &two.clone().with(InputField::Mobile, "13812345678"), &opts()).unwrap_err();
        assert_eq!((e.code(), e.field()), ("FIELD_UNEXPECTED", "mobile"));
        let three = two.clone().with(InputField::ProductType, "BANK_CARD_3_META");
        assert_eq!(build(action, &three, &opts()).unwrap_err().code(), "ID_EMPTY");
        let p = wire(action, &three.clone().with(InputField::IdNumber, ID).with(InputField::IdentityType, "01"));
        assert_eq!((get(&p, "IdentifyNum"), get(&p, "IdentityType")), (Some(ID), Some("01")));
        let four = three.with(InputField::IdNumber, ID).with(InputField::ProductType, "BANK_CARD_4_META");
        assert_eq!(build(action, &four, &opts()).unwrap_err().code(), "MOBILE_EMPTY");
        for (f, v, code) in [
            (InputField::ProductType, "BANK_CARD_5_META", "PRODUCT_TYPE_INVALID"),
            (InputField::VerifyMode, "VERIFY_MOBILE", "VERIFY_MODE_INVALID"),
            (InputField::IdentityType, "02", "IDENTITY_TYPE_INVALID"),
            (InputField::BankCard, "6217 0012 3456", "BANK_CARD_LENGTH"),
            (InputField::BankCard, "6217x0012345678901", "BANK_CARD_BAD_CHAR"),
        ] {
            assert_eq!(build(action, &two.clone().with(f, v), &opts()).unwrap_err().code(), code, "{v}");
        }
        assert_eq!(build(action, &ActionInput::new().with(InputField::BankCard, CARD).with(InputField::Name, "张三"), &opts()).unwrap_err().code(), "PRODUCT_TYPE_INVALID");
        // A Luhn failure is only a warning of check_bank_card: the request is built.
        assert!(build(action, &two.clone().with(InputField::BankCard, "6222020200112233"), &opts()).is_ok());
    }
}

#[test]
fn residence_permits_per_action_and_the_override() {
    let with_rp = |a: Action| {
        let i = ActionInput::new().with(InputField::IdNumber, RESIDENCE_PERMIT).with(InputField::Name, "张三");
        let i = if a.spec().uses(InputField::Mobile) { i.with(InputField::Mobile, "13812345678") } else { i };
        if a.spec().uses(InputField::BankCard) { i.with(InputField::BankCard, CARD).with(InputField::ProductType, "BANK_CARD_4_META") } else { i }
    };
    for spec in ACTIONS.iter().filter(|s| s.uses(InputField::IdNumber) && s.uses(InputField::Mobile) || matches!(s.action, Action::Id2MetaVerify | Action::Id2MetaStandardVerify | Action::Id2MetaVerifyIntl)) {
        let i = with_rp(spec.action);
        let r = build(spec.action, &i, &opts());
        if spec.residence_permits {
            assert!(r.is_ok(), "{} accepts residence permits", spec.name);
            let no = BuildOptions { allow_residence_permit: Some(false), ..opts() };
            assert_eq!(build(spec.action, &i, &no).unwrap_err().code(), "ID_NOT_MAINLAND", "{}", spec.name);
        } else {
            assert_eq!(r.unwrap_err().code(), "ID_NOT_MAINLAND", "{}", spec.name);
            let yes = BuildOptions { allow_residence_permit: Some(true), ..opts() };
            assert!(build(spec.action, &i, &yes).is_ok(), "{} with allowResidencePermit", spec.name);
        }
    }
}

#[test]
fn a_residence_permit_allowed_for_a_period_action_is_checked_without_the_id_card_terms() {
    // Born 1990, period 2016-03-01 .. 2021-03-01: five years, which a resident ID card of someone
    // aged 26 cannot have, but a residence permit does. Refused by default (ID_NOT_MAINLAND), built
    // with allowResidencePermit; a resident ID number of the same age still gets the term check.
    for action in [Action::Id2MetaPeriodVerify, Action::Id2MetaPeriodVerifyIntl] {
        let input = |id: &str| {
            let i = ActionInput::new()
                .with(InputField::IdNumber, id)
                .with(InputField::Name, "张三")
                .with(InputField::ValidityStart, "20160301")
                .with(InputField::ValidityEnd, "20210301");
            if action.spec().uses(InputField::MerchantBizId) { i.with(InputField::MerchantBizId, "biz0001") } else { i }
        };
        let today = crate::date::parse_today("2020-01-01").unwrap();
        let at = |allow| BuildOptions { allow_residence_permit: allow, today, ..opts() };
        assert_eq!(build(action, &input(RESIDENCE_PERMIT), &at(None)).unwrap_err().code(), "ID_NOT_MAINLAND", "{}", action.name());
        assert!(build(action, &input(RESIDENCE_PERMIT), &at(Some(true))).is_ok(), "{}", action.name());
        assert_eq!(build(action, &input("110105199003070316"), &at(Some(true))).unwrap_err().code(), "PERIOD_TERM_AGE_MISMATCH", "{}", action.name());
    }
}

#[test]
fn register_date_and_unexpected_fields() {
    let i = ActionInput::new().with(InputField::Mobile, "13812345678").with(InputField::RegisterDate, "20261123");
    assert_eq!(build(Action::MobileRecycledMetaVerify, &i, &opts()).unwrap_err().code(), "REGISTER_DATE_FUTURE");
    let i = i.with(InputField::RegisterDate, "20230229");
    assert_eq!(build(Action::MobileRecycledMetaVerify, &i, &opts()).unwrap_err().code(), "REGISTER_DATE_INVALID");
    let i = ActionInput::new().with(InputField::Mobile, "13812345678");
    assert_eq!(build(Action::MobileRecycledMetaVerify, &i, &opts()).unwrap_err().code(), "REGISTER_DATE_INVALID");
    let e = build(Action::Mobile2MetaVerify, &person(Action::Mobile2MetaVerify).with(InputField::IdNumber, ID), &opts()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("FIELD_UNEXPECTED", "idNumber"));
}

#[test]
fn mainland_period_checks_the_term_against_the_age() {
    let i = person(Action::Id2MetaPeriodVerify).with(InputField::ValidityStart, "2020-01-01").with(InputField::ValidityEnd, "20300101");
    // Born 1949: 70 at application, so the card is long-term.
    assert_eq!(build(Action::Id2MetaPeriodVerify, &i, &opts()).unwrap_err().code(), "PERIOD_TERM_AGE_MISMATCH");
}

#[test]
fn placement_in_the_body_unless_asked_for_the_sdks() {
    let i = person(Action::BankMetaVerify);
    let body = build(Action::BankMetaVerify, &i, &opts()).unwrap();
    assert_eq!(body.url, "https://cloudauth.cn-shanghai.aliyuncs.com/");
    assert!(body.body.as_deref().unwrap_or("").contains("BankCard=6217001234567890123"));
    let sdk = build(Action::BankMetaVerify, &i, &BuildOptions { params_in: ParamsIn::Sdk, ..opts() }).unwrap();
    assert!(sdk.url.contains("BankCard=6217001234567890123"), "{}", sdk.url);
    assert_eq!(sdk.body, None);
    // A body action stays in the body either way.
    let m = build(Action::Mobile2MetaVerify, &person(Action::Mobile2MetaVerify), &BuildOptions { params_in: ParamsIn::Sdk, ..opts() }).unwrap();
    assert!(!m.url.contains("Mobile="));
}

#[test]
fn debug_of_an_input_names_fields_not_values() {
    let s = format!("{:?}", person(Action::BankMetaVerify));
    assert!(s.contains("bankCard") && !s.contains("6217") && !s.contains("张三"), "{s}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_value() -> impl Strategy<Value = Option<String>> {
        prop_oneof![
            Just(None),
            Just(Some(String::new())),
            "[0-9 xX-]{0,24}".prop_map(Some),
            "\\PC{0,12}".prop_map(Some),
            prop::sample::select(vec!["11010519491231002X", "810000199003071237", "张三", "13812345678", "6217001234567890123", "BANK_CARD_3_META", "md5", "md5-hashed", "20200101", "长期", "01", "VERIFY_BANK_CARD"])
                .prop_map(|s| Some(s.to_string())),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]
        /// Any action, any inputs: a signed request or an error with a stable code; an error never
        /// repeats an input value of 6 characters or more, and a request never carries an input
        /// the action does not send.
        #[test]
        fn any_input_builds_or_fails_cleanly(which in 0usize..15, values in prop::collection::vec(any_value(), InputField::COUNT)) {
            let action = ACTIONS[which].action;
            let input = ActionInput::from_ordered(values.clone());
            match build(action, &input, &opts()) {
                Ok(req) => {
                    prop_assert!(req.url.starts_with("https://"));
                    for (f, v) in InputField::ALL.iter().zip(&values) {
                        if v.is_some() {
                            prop_assert!(action.spec().uses(*f), "{} took {}", action.name(), f.js_name());
                        }
                    }
                }
                Err(e) => {
                    prop_assert!(crate::error::ErrorCode::ALL.iter().any(|c| c.as_str() == e.code()) || e.code().starts_with("SIGN_"));
                    let shown = format!("{e} {e:?} {}", e.message_zh());
                    // Allowed values of enumerations are named by the messages; personal data never is.
                    let allowed = ["md5-hashed", "VERIFY_BANK_CARD", "BANK_CARD_3_META", "normal"];
                    for v in values.iter().flatten().filter(|v| v.chars().count() >= 6 && !allowed.contains(&v.as_str())) {
                        prop_assert!(!shown.contains(v.as_str()), "{shown} repeats an input");
                    }
                }
            }
        }
    }
}
