//! The md5 parameter mode hashes the **normalised** values (docs/wire.md): a look-alike dot, an
//! ideographic space between two characters, full-width digits, a lower-case x or a `+86` prefix
//! must not change what is sent. The expected digests were computed with Node's `node:crypto`
//! (`createHash("md5").update(Buffer.from(s, "utf8")).digest("hex")`), an implementation
//! independent of this crate's, on the normalised strings; the digests of the raw inputs are listed
//! too, to show that the inputs really are changed by normalisation.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use aliyun_idv::md5_hex;
use aliyun_idv::request::{build_mobile3_meta_verify_intl, BuildOptions, LongTermAs, Mobile3MetaInput, ParamType};
use aliyun_idv::{Credentials, SignatureVersion};
use chrono::NaiveDate;

/// (raw input, its normalised form, md5 of the normalised form, md5 of the raw input), by node:crypto.
const ID: (&str, &str, &str, &str) = (
    "\u{3000}１１０１０５１９４９１２３１００２ｘ\u{3000}",
    "11010519491231002X",
    "ae05564031c21338aa8a2e7266e7855c",
    "8857a29223c38a5c68def74fd09bec88",
);
const NAME_DOT: (&str, &str, &str, &str) =
    ("阿卜杜拉\u{2022}买买提", "阿卜杜拉·买买提", "6a0ef9ba9c75fd38cda70d137bb63cbc", "6c8f8b29aeafc169de0f282e48ff9603");
const NAME_KATAKANA_DOT: (&str, &str, &str, &str) =
    ("欧阳\u{30FB}娜娜", "欧阳·娜娜", "589c5315b3a69512c0cb49afeef0a777", "ef0b16b78ecc24929536cb172ffba2f4");
const NAME_SPACE: (&str, &str, &str, &str) =
    ("张\u{3000}三", "张三", "615db57aa314529aaa0fbe95b3e95bd3", "6b6a5280f5c267cca0a7a1520f2e8d39");
const MOBILE: (&str, &str, &str, &str) =
    ("+86 138 1234 5678", "13812345678", "4c0115d39ddea1eba5a7cdf8edfc18a9", "b65948364d4e77f160be28a7c5ab6d9b");

fn opts() -> BuildOptions {
    BuildOptions {
        credentials: Credentials { access_key_id: "testid".into(), access_key_secret: "testsecret".into(), security_token: None },
        timestamp: aliyun_idv::Timestamp::parse("2026-01-15T08:30:00Z").unwrap(),
        nonce: "c0ffee00-0000-4000-8000-000000000001".into(),
        signature_version: SignatureVersion::V3,
        endpoint: None,
        long_term_as: LongTermAs::Chinese,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        allow_residence_permit: None,
        params_in: Default::default(),
    }
}

fn form(body: &str) -> BTreeMap<String, String> {
    body.split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (k.to_string(), percent_encoding::percent_decode_str(v).decode_utf8().unwrap().into_owned())
        })
        .collect()
}

#[test]
fn md5_hex_agrees_with_node_crypto_on_raw_and_normalised_strings() {
    for (raw, normal, md5_normal, md5_raw) in [ID, NAME_DOT, NAME_KATAKANA_DOT, NAME_SPACE, MOBILE] {
        assert_eq!(md5_hex(normal), md5_normal, "{normal}");
        assert_eq!(md5_hex(raw), md5_raw, "{raw:?}");
        assert_ne!(md5_normal, md5_raw, "{raw:?} is changed by normalisation");
    }
}

#[test]
fn md5_mode_sends_the_digest_of_each_normalised_value() {
    for name in [NAME_DOT, NAME_KATAKANA_DOT, NAME_SPACE] {
        let input = Mobile3MetaInput { id_number: ID.0.into(), name: name.0.into(), mobile: MOBILE.0.into(), param_type: ParamType::Md5 };
        let req = build_mobile3_meta_verify_intl(&input, &opts()).unwrap();
        let sent = form(req.body.as_deref().unwrap());
        let expected: BTreeMap<String, String> = [
            ("IdentifyNum", ID.2),
            ("Mobile", MOBILE.2),
            ("ParamType", "md5"),
            ("ProductCode", "MOBILE_3META"),
            ("UserName", name.2),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(sent, expected, "name {:?}", name.0);
    }
}

#[test]
fn normal_mode_sends_the_normalised_values() {
    let input = Mobile3MetaInput { id_number: ID.0.into(), name: NAME_DOT.0.into(), mobile: MOBILE.0.into(), param_type: ParamType::Normal };
    let sent = form(build_mobile3_meta_verify_intl(&input, &opts()).unwrap().body.as_deref().unwrap());
    assert_eq!(sent["IdentifyNum"], ID.1);
    assert_eq!(sent["UserName"], NAME_DOT.1);
    assert_eq!(sent["Mobile"], MOBILE.1);
}
