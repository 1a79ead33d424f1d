//! The fuzz harness, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and the corpus
//! replay test (`tests/fuzz_corpus.rs`), included in both with `#[path]`.
//!
//! Each target turns raw bytes into structured inputs with `arbitrary::Unstructured` (a mix of
//! raw strings and generators that reach the deep paths: ID numbers with a correct check
//! character, real dates, valid timestamps, JSON envelopes), calls the public entry points and
//! asserts cheap invariants. "No panic" is checked by the fuzzer itself; an invariant that fails
//! is an `assert!`, i.e. a crash the fuzzer reports and minimises.

#![allow(
    dead_code,
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::panic_in_result_fn,
    clippy::type_complexity
)]

use aliyun_idv::date;
use aliyun_idv::id_number::checksum;
use aliyun_idv::period::End;
use aliyun_idv::request::{
    self, BuildError, BuildOptions, Id2MetaInput, LongTermAs, Mobile3MetaInput, ParamType, PeriodInput,
};
use aliyun_idv::{
    check_id_number, check_mobile, check_name, check_validity_period, mask_id_number, mask_mobile, mask_name, md5_hex,
    parse_response, sign, upgrade_legacy, CheckError, Credentials, ErrorCode, Field, IdOptions, Method, RequestSpec,
    Scheme, SignatureVersion, SigningParams, Term, Verdict,
};
use arbitrary::{Arbitrary, Result, Unstructured};
use chrono::{Datelike, NaiveDate};

/// The fuzz targets, by name (the name of the file in `fuzz_targets/` and of the corpus folder).
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("checks", checks),
    ("period", period),
    ("sign", sign_target),
    ("builders", build),
    ("parse_response", parse_response_target),
    ("dates", dates),
];

// ---------------------------------------------------------------------------------------------
// Generators

/// A date over chrono's whole range, or (mostly) one near the present, or an extreme.
fn any_date(u: &mut Unstructured) -> Result<NaiveDate> {
    let fallback = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap_or(NaiveDate::MIN);
    Ok(match u.int_in_range(0u8..=7)? {
        0 => NaiveDate::from_num_days_from_ce_opt(i32::arbitrary(u)?).unwrap_or(fallback),
        1 => *u.choose(&[
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(fallback),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(fallback),
            NaiveDate::from_ymd_opt(0, 2, 29).unwrap_or(fallback),
            NaiveDate::from_ymd_opt(-1, 12, 31).unwrap_or(fallback),
        ])?,
        2 => {
            let y = u.int_in_range(0i32..=9999)?;
            NaiveDate::from_yo_opt(y, u.int_in_range(1u32..=366)?).unwrap_or(fallback)
        }
        _ => {
            let y = u.int_in_range(1895i32..=2205)?;
            NaiveDate::from_yo_opt(y, u.int_in_range(1u32..=366)?).unwrap_or(fallback)
        }
    })
}

/// A short string: arbitrary, or from a list of interesting fragments.
fn any_str(u: &mut Unstructured, pool: &[&str]) -> Result<String> {
    if !pool.is_empty() && u.ratio(1u8, 3u8)? {
        let mut s = String::new();
        for _ in 0..u.int_in_range(1u8..=3)? {
            s.push_str(u.choose(pool)?);
        }
        return Ok(s);
    }
    String::arbitrary(u)
}

/// Printable ASCII without spaces, mostly (what the signer accepts), sometimes anything.
fn token(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1u8, 8u8)? {
        return String::arbitrary(u);
    }
    let len = u.int_in_range(0usize..=40)?;
    let mut s = String::with_capacity(len);
    for _ in 0..len {
        s.push(char::from(u.int_in_range(b'!'..=b'~')?));
    }
    Ok(s)
}

/// Full-width digits, lower-case x, surrounding whitespace: what normalisation undoes.
fn decorate(u: &mut Unstructured, s: &str) -> Result<String> {
    let mut out = String::new();
    if u.ratio(1u8, 4u8)? {
        out.push(*u.choose(&[' ', '\u{3000}', '\t', '\n', '\u{a0}', '\u{feff}'])?);
    }
    let full_width = u.ratio(1u8, 4u8)?;
    for c in s.chars() {
        out.push(match c {
            '0'..='9' if full_width => char::from_u32(u32::from(c) - 0x30 + 0xFF10).unwrap_or(c),
            'X' if u.ratio(1u8, 4u8)? => *u.choose(&['x', '\u{FF38}', '\u{FF58}'])?,
            _ => c,
        });
    }
    if u.ratio(1u8, 4u8)? {
        out.push(*u.choose(&[' ', '\u{3000}', '\r', '\u{2028}'])?);
    }
    Ok(out)
}

/// 17 digits (region, birth date, sequence) and the right check character: an ID number that
/// passes the checksum, so the fuzzer reaches the birth date and region checks.
fn id_with_checksum(u: &mut Unstructured, birth: NaiveDate) -> Result<String> {
    const REGIONS: &[u32] = &[110105, 110101, 310104, 440305, 810000, 820000, 830000, 110000, 510100, 650100, 542621];
    let region = if u.ratio(1u8, 2u8)? { *u.choose(REGIONS)? } else { u.int_in_range(0u32..=999_999)? };
    let mut s = format!("{region:06}");
    s.push_str(&date::compact(birth));
    s.push_str(&format!("{:03}", u.int_in_range(0u16..=999)?));
    s.truncate(17);
    while s.len() < 17 {
        s.push('0');
    }
    let check = checksum::check_char(s.as_bytes()).map_or('0', char::from);
    s.push(if u.ratio(1u8, 16u8)? { '7' } else { check });
    Ok(s)
}

/// An ID number: random, or a well-formed one (18 or 15 digits), decorated.
fn any_id(u: &mut Unstructured, today: NaiveDate) -> Result<String> {
    match u.int_in_range(0u8..=5)? {
        0 => any_str(u, &["1", "X", "x", "0", "11010519491231002X", "１", " ", "810000", "19000101"]),
        1 => {
            let mut s = String::new();
            for _ in 0..15 {
                s.push(char::from(u.int_in_range(b'0'..=b'9')?));
            }
            decorate(u, &s)
        }
        _ => {
            let birth = if u.ratio(1u8, 2u8)? {
                any_date(u)?
            } else {
                today.checked_sub_days(chrono::Days::new(u.int_in_range(0u64..=40_000)?)).unwrap_or(today)
            };
            let id = id_with_checksum(u, birth)?;
            decorate(u, &id)
        }
    }
}

fn any_name(u: &mut Unstructured) -> Result<String> {
    any_str(u, &["张", "三", "欧阳", "·", "•", "・", " ", "\u{3000}", "阿卜杜拉", "買", "𠀀", "a", "\u{30fb}", "\u{2022}"])
}

fn any_mobile(u: &mut Unstructured) -> Result<String> {
    any_str(u, &["+86", "0086", "86", "138", "1", "5678", "1234", "-", " ", "＋８６", "１３８", "199", "170", "0"])
}

/// A date string in one of the accepted forms (or a near miss), or a long-term token, or junk.
fn any_date_str(u: &mut Unstructured, d: NaiveDate) -> Result<String> {
    Ok(match u.int_in_range(0u8..=5)? {
        0 => any_str(u, &["长期", "长期有效", "long-term", "LONG-TERM", "00000000", "-", ".", "/", "2024", "0229"])?,
        1 => date::iso(d).replace('-', u.choose(&["-", ".", "/", "+", "", "--"])?),
        2 => format!(" {} ", date::compact(d)),
        _ => {
            if u.ratio(1u8, 2u8)? {
                date::compact(d)
            } else {
                date::iso(d)
            }
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Invariants

/// The trimmed input, when it is not empty and not already masked (no star).
fn non_trivial(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty() && !t.contains('*')).then_some(t)
}

fn check_mask(input: &str, masked: &str) {
    let t = input.trim();
    assert_eq!(masked.chars().count(), t.chars().count(), "mask length");
    assert!(t.is_empty() || masked.contains('*'), "a mask starred nothing");
    if let Some(t) = non_trivial(input) {
        assert_ne!(masked, t, "a mask revealed its whole input");
        assert!(masked.contains('*'), "a mask starred nothing");
    }
}

fn check_error_debug(e: &CheckError) {
    assert!(!e.code.message().is_empty() && !e.code.message_zh().is_empty());
    if let Some(h) = &e.hint {
        // The only hint: the 18-digit form of a 15-digit number.
        assert_eq!(e.code, ErrorCode::IdLegacy15);
        assert!(h.len() == 18 && checksum::is_valid(h.as_bytes()), "hint {h:?}");
    }
}

fn check_id(input: &str, today: NaiveDate, allow_rp: bool) {
    let opts = IdOptions { today, allow_residence_permit: allow_rp };
    match check_id_number(input, &opts) {
        Ok(c) => {
            let b = c.value.as_bytes();
            assert_eq!(b.len(), 18, "{:?}", c.value);
            assert!(b[..17].iter().all(u8::is_ascii_digit));
            assert!(checksum::is_valid(b), "bad check character in {:?}", c.value);
            assert_eq!(&c.value[6..14], date::compact(c.info.birth_date));
            assert!(c.info.birth_date <= today);
            assert!(c.info.birth_date.year() >= 1900);
            assert_eq!(c.info.age, date::age(c.info.birth_date, today));
            assert_eq!(format!("{:06}", c.info.region_code), &c.value[..6]);
            assert_eq!(c.changed, c.value != input);
            let again = check_id_number(&c.value, &opts);
            assert_eq!(again.as_ref().map(|a| (&a.value, &a.info, a.changed)), Ok((&c.value, &c.info, false)), "not idempotent");
            if !allow_rp {
                assert!(![810000, 820000, 830000].contains(&c.info.region_code));
            }
        }
        Err(e) => {
            assert_eq!(e.field, Field::IdNumber);
            check_error_debug(&e);
        }
    }
    match upgrade_legacy(input) {
        Ok(s) => assert!(s.len() == 18 && checksum::is_valid(s.as_bytes()), "{s:?}"),
        Err(e) => assert_eq!(e.field, Field::IdNumber),
    }
    check_mask(input, &mask_id_number(input));
}

fn check_name_inv(input: &str) {
    match check_name(input) {
        Ok(n) => {
            assert_eq!(n.length, n.value.chars().count());
            assert!((2..=30).contains(&n.length));
            assert!(!n.value.chars().any(char::is_whitespace));
            assert_eq!(n.minority_name, n.value.contains('\u{00B7}'));
            assert_eq!(n.changed, n.value != input);
            let again = check_name(&n.value).map(|a| (a.value, a.changed));
            assert_eq!(again, Ok((n.value.clone(), false)), "not idempotent");
        }
        Err(e) => assert_eq!(e.field, Field::Name),
    }
    // A name mask keeps the first character and the dots: it must hide something else.
    let masked = mask_name(input);
    let t = input.trim();
    assert_eq!(masked.chars().count(), t.chars().count(), "mask length");
    assert!(t.is_empty() || masked.contains('*'), "a mask starred nothing");
    if let Some(t) = non_trivial(input) {
        assert_ne!(masked, t, "a mask revealed its whole input");
    }
}

fn check_mobile_inv(input: &str) {
    match check_mobile(input) {
        Ok(m) => {
            assert!(m.value.len() == 11 && m.value.bytes().all(|b| b.is_ascii_digit()) && m.value.starts_with('1'));
            assert_eq!(m.changed, m.value != input);
            let again = check_mobile(&m.value).map(|a| (a.value, a.changed));
            assert_eq!(again, Ok((m.value.clone(), false)), "not idempotent");
        }
        Err(e) => assert_eq!(e.field, Field::Mobile),
    }
    check_mask(input, &mask_mobile(input));
}

fn check_md5(s: &str) {
    let h = md5_hex(s);
    assert!(h.len() == 32 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    assert_eq!(h, md5_hex(s));
}

// ---------------------------------------------------------------------------------------------
// Targets

/// `check_id_number`, `upgrade_legacy`, `check_name`, `check_mobile`, the masks, `md5_hex`.
pub fn checks(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let _ = checks_inner(&mut u);
}

fn checks_inner(u: &mut Unstructured) -> Result<()> {
    let today = any_date(u)?;
    let allow_rp = bool::arbitrary(u)?;
    let id = any_id(u, today)?;
    check_id(&id, today, allow_rp);
    check_md5(&id);
    let name = any_name(u)?;
    check_name_inv(&name);
    let mobile = any_mobile(u)?;
    check_mobile_inv(&mobile);
    // The same arbitrary string through every check.
    let raw = String::arbitrary_take_rest(Unstructured::new(u.bytes(u.len())?))?;
    check_id(&raw, today, !allow_rp);
    check_name_inv(&raw);
    check_mobile_inv(&raw);
    check_md5(&raw);
    Ok(())
}

/// `check_validity_period`, with and without an ID number.
pub fn period(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let _ = period_inner(&mut u);
}

fn period_inner(u: &mut Unstructured) -> Result<()> {
    let today = any_date(u)?;
    let start_date = if u.ratio(1u8, 2u8)? {
        today.checked_sub_days(chrono::Days::new(u.int_in_range(0u64..=8000)?)).unwrap_or(today)
    } else {
        any_date(u)?
    };
    let end_date = match u.int_in_range(0u8..=3)? {
        0 => any_date(u)?,
        _ => date::add_years(start_date, *u.choose(&[5, 10, 20, 0, 1, -5])?).unwrap_or(start_date),
    };
    let start = any_date_str(u, start_date)?;
    let end = any_date_str(u, end_date)?;
    let id = if bool::arbitrary(u)? { Some(any_id(u, start_date)?) } else { None };
    let r = check_validity_period(&start, &end, id.as_deref(), today);
    assert_eq!(r, check_validity_period(&start, &end, id.as_deref(), today), "not deterministic");
    match r {
        Ok(p) => {
            assert!(p.start <= today && p.start >= NaiveDate::from_ymd_opt(2004, 1, 1).unwrap_or(NaiveDate::MIN));
            match (p.end, p.term) {
                (End::Date(e), Term::Years(n)) => {
                    assert!(e >= today);
                    assert_eq!(date::add_years(p.start, i32::from(n)), Some(e));
                }
                (End::LongTerm, Term::LongTerm) => {}
                other => panic!("end and term disagree: {other:?}"),
            }
            assert_eq!(p.changed, date::compact(p.start) != start || p.end_value() != end);
        }
        Err(e) => {
            assert!(matches!(e.field, Field::ValidityStart | Field::ValidityEnd | Field::IdNumber), "{e:?}");
            check_error_debug(&e);
        }
    }
    Ok(())
}

/// `parse_date`, `parse_today`, and the date helpers on arbitrary dates.
pub fn dates(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let _ = dates_inner(&mut u);
}

fn dates_inner(u: &mut Unstructured) -> Result<()> {
    let d = any_date(u)?;
    let s = any_date_str(u, d)?;
    let seps = <Vec<u8>>::arbitrary(u)?;
    for (input, seps) in [(s.as_str(), seps.as_slice()), (s.as_str(), b"-./".as_slice())] {
        if let Some(p) = date::parse_date(input, seps) {
            assert!((0..=9999).contains(&p.year()));
            if input.len() == 8 {
                assert_eq!(date::compact(p), input);
            } else {
                assert_eq!(input.len(), 10);
                let sep = &input[4..5];
                assert!(seps.contains(&input.as_bytes()[4]));
                assert_eq!(date::iso(p).replace('-', sep), input);
            }
        }
    }
    if let Some(p) = date::parse_today(&s) {
        assert!(s == date::compact(p) || s == date::iso(p), "{s:?}");
    }
    // Round trip of the formats for the years they can write.
    if (0..=9999).contains(&d.year()) {
        assert_eq!(date::parse_date(&date::compact(d), b""), Some(d));
        assert_eq!(date::parse_today(&date::iso(d)), Some(d));
    }
    let other = any_date(u)?;
    let _ = date::age(d, other);
    let years = i32::arbitrary(u)?;
    if let Some(later) = date::add_years(d, years) {
        assert_eq!(later.year(), d.year() + years);
    }
    let _ = aliyun_idv::period::term_for_age(u32::arbitrary(u)?);
    let raw = String::arbitrary_take_rest(Unstructured::new(u.bytes(u.len())?))?;
    let _ = date::parse_date(&raw, b"-./");
    let _ = date::parse_today(&raw);
    Ok(())
}

fn timestamp(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0u8..=5)? {
        0 => any_str(u, &["2026-01-15T08:30:00Z", "Z", "T", ":", "-", "60", "24", "9999", "0000", "2024-02-29"])?,
        1 => {
            let mut s = String::new();
            for c in "yyyy-MM-ddTHH:mm:ssZ".chars() {
                s.push(if c.is_ascii_alphabetic() && c != 'T' && c != 'Z' { char::from(u.int_in_range(b'0'..=b'9')?) } else { c });
            }
            s
        }
        _ => {
            let d = any_date(u)?;
            format!(
                "{}T{:02}:{:02}:{:02}Z",
                date::iso(d),
                u.int_in_range(0u8..=24)?,
                u.int_in_range(0u8..=60)?,
                u.int_in_range(0u8..=60)?
            )
        }
    })
}

fn host(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0u8..=3)? {
        0 => String::arbitrary(u)?,
        1 => token(u)?,
        _ => any_str(
            u,
            &["cloudauth-intl.cn-hongkong.aliyuncs.com", "127.0.0.1", ":8910", "localhost", "[::1]", "/", "@", "?", "#", "%", "\\", " "],
        )?,
    })
}

fn pairs(u: &mut Unstructured) -> Result<Vec<(String, String)>> {
    const NAMES: &[&str] = &["ProductCode", "ParamType", "IdentifyNum", "UserName", "Action", "Signature", "Format", "a", "A", "~", "*", "%20", "é"];
    let n = u.int_in_range(0usize..=6)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        let k = match u.int_in_range(0u8..=2)? {
            0 => u.choose(NAMES)?.to_string(),
            1 => token(u)?,
            _ => String::arbitrary(u)?,
        };
        let val = any_str(u, &["张三", " ", "+", "*", "~", "%", "&", "=", "\u{1F600}", "\r\n", "长期", "a b"])?;
        v.push((k, val));
    }
    Ok(v)
}

fn credentials(u: &mut Unstructured) -> Result<Credentials> {
    Ok(Credentials {
        access_key_id: token(u)?,
        access_key_secret: token(u)?,
        security_token: match u.int_in_range(0u8..=2)? {
            0 => None,
            1 => Some(String::new()),
            _ => Some(token(u)?),
        },
    })
}

/// A different secret of the same kind, to check that the secret influences the signature only.
fn other_secret(secret: &str) -> String {
    let mut s: String = secret.chars().rev().collect();
    s.push('\u{7f}');
    s.push('~');
    s
}

/// Whether `secret` is long and unusual enough that seeing it in an output means a leak rather
/// than a coincidence (it is in none of the other inputs either, as checked by the caller through
/// the output made with another secret).
fn distinctive(secret: &str) -> bool {
    secret.len() >= 8
}

fn signed_strings(s: &aliyun_idv::SignedRequest) -> Vec<&str> {
    let mut v = vec![s.url.as_str(), s.canonical_request.as_str(), s.string_to_sign.as_str(), s.signature.as_str()];
    v.extend(s.headers.iter().flat_map(|(k, val)| [k.as_str(), val.as_str()]));
    v.extend(s.body.as_deref());
    v
}

/// The signed request made with another secret: identical but for the signature (and the
/// `authorization` header, which carries it).
fn check_secret_only_signs(
    a: &aliyun_idv::SignedRequest,
    b: &aliyun_idv::SignedRequest,
    secret: &str,
) {
    // V1 puts the (percent-encoded) signature last in the URL.
    let without_sig = |url: &str| url.rsplit_once("Signature=").map_or(url.to_string(), |(head, _)| head.to_string());
    assert_eq!(without_sig(&a.url), without_sig(&b.url), "the secret changed the URL");
    assert_eq!(a.canonical_request, b.canonical_request, "the secret changed the canonical request");
    assert_eq!(a.string_to_sign, b.string_to_sign, "the secret changed the string to sign");
    assert_eq!(a.body, b.body);
    assert_eq!(a.headers.len(), b.headers.len());
    for ((ka, va), (kb, vb)) in a.headers.iter().zip(&b.headers) {
        assert_eq!(ka, kb);
        assert_eq!(va.replace(&a.signature, ""), vb.replace(&b.signature, ""), "the secret changed header {ka}");
    }
    if distinctive(secret) {
        let seen_anyway = signed_strings(b).iter().any(|s| s.contains(secret));
        if !seen_anyway {
            for s in signed_strings(a) {
                assert!(!s.contains(secret), "the secret leaked into {s:?}");
            }
        }
    }
}

fn check_signed(req: &RequestSpec, s: &aliyun_idv::SignedRequest, version: SignatureVersion) {
    let prefix = match req.scheme {
        Scheme::Https => "https://",
        Scheme::Http => "http://",
    };
    assert!(s.url.starts_with(&format!("{prefix}{}/", req.host)), "{:?}", s.url);
    assert_eq!(s.method, req.method);
    assert_eq!(s.body.is_some(), !req.form.is_empty());
    assert!(s.headers.windows(2).all(|w| w[0].0 <= w[1].0), "headers not sorted");
    assert!(s.headers.iter().all(|(k, _)| !k.bytes().any(|b| b.is_ascii_uppercase())));
    match version {
        SignatureVersion::V3 => {
            assert!(s.signature.len() == 64 && s.signature.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        }
        SignatureVersion::V1 => assert_eq!(s.signature.len(), 28, "base64 of a SHA-1 MAC"),
    }
}

/// `sign` on arbitrary request specs and parameters, both versions and methods, both schemes.
pub fn sign_target(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let _ = sign_inner(&mut u);
}

fn sign_inner(u: &mut Unstructured) -> Result<()> {
    let version = if bool::arbitrary(u)? { SignatureVersion::V3 } else { SignatureVersion::V1 };
    let req = RequestSpec {
        method: if bool::arbitrary(u)? { Method::Post } else { Method::Get },
        host: host(u)?,
        scheme: if bool::arbitrary(u)? { Scheme::Https } else { Scheme::Http },
        action: if u.ratio(1u8, 2u8)? { "Id2MetaVerifyIntl".into() } else { token(u)? },
        version: if u.ratio(1u8, 2u8)? { "2022-08-09".into() } else { token(u)? },
        query: pairs(u)?,
        form: if u.ratio(1u8, 3u8)? { Vec::new() } else { pairs(u)? },
    };
    let params = SigningParams { credentials: credentials(u)?, timestamp: timestamp(u)?, nonce: token(u)?, version };
    let first = sign(&req, &params);
    assert_eq!(first, sign(&req, &params), "sign is not deterministic");
    let secret = params.credentials.access_key_secret.clone();
    let mut other = params.clone();
    other.credentials.access_key_secret = other_secret(&secret);
    let second = sign(&req, &other);
    let debug = format!("{params:?}");
    if distinctive(&secret) && !format!("{other:?}").contains(&secret) {
        assert!(!debug.contains(&secret), "Debug of SigningParams shows the secret");
    }
    match (&first, &second) {
        (Ok(a), Ok(b)) => {
            check_signed(&req, a, version);
            check_secret_only_signs(a, b, &secret);
            if !secret.is_empty() && secret != other.credentials.access_key_secret {
                assert_ne!(a.signature, b.signature, "the signature does not depend on the secret");
            }
        }
        (Err(a), Err(b)) => {
            // An empty secret is refused first; any other secret gives the same error.
            assert!(a == b || secret.is_empty(), "the secret's content changed the error: {a:?} {b:?}");
            // Equal errors whatever the secret: their Debug and Display cannot carry it.
            assert!(secret.is_empty() || format!("{a:?} {a}") == format!("{b:?} {b}"));
        }
        // An empty secret is refused; any other secret is accepted (secrets are opaque).
        (Err(_), Ok(_)) => assert!(secret.is_empty()),
        (Ok(_), Err(e)) => panic!("another secret was refused: {e:?}"),
    }
    Ok(())
}

fn build_options(u: &mut Unstructured, today: NaiveDate) -> Result<BuildOptions> {
    Ok(BuildOptions {
        credentials: credentials(u)?,
        timestamp: timestamp(u)?,
        nonce: token(u)?,
        signature_version: if bool::arbitrary(u)? { SignatureVersion::V3 } else { SignatureVersion::V1 },
        endpoint: match u.int_in_range(0u8..=3)? {
            0 => None,
            1 => Some(String::arbitrary(u)?),
            _ => Some(any_str(
                u,
                &["https://", "http://", "127.0.0.1", "localhost", "[::1]", ":8910", "/", "cloudauth.aliyuncs.com", "127.", "]", "["],
            )?),
        },
        long_term_as: if bool::arbitrary(u)? { LongTermAs::Chinese } else { LongTermAs::English },
        today,
    })
}

/// The four request builders, with arbitrary inputs and options (endpoints included).
pub fn build(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let _ = build_inner(&mut u);
}

fn build_inner(u: &mut Unstructured) -> Result<()> {
    let today = any_date(u)?;
    let opts = build_options(u, today)?;
    let id_number = any_id(u, today)?;
    let name = if u.ratio(1u8, 2u8)? { "张三".to_string() } else { any_name(u)? };
    let param_type = if u.ratio(1u8, 4u8)? { ParamType::Md5 } else { ParamType::Normal };
    let which = u.int_in_range(0u8..=3)?;
    let run = |opts: &BuildOptions, u: &mut Unstructured| -> Result<std::result::Result<aliyun_idv::SignedRequest, BuildError>> {
        Ok(match which {
            0 => request::build_id2_meta_verify_intl(&Id2MetaInput { id_number: id_number.clone(), name: name.clone(), param_type }, opts),
            1 => request::build_id2_meta_verify(&Id2MetaInput { id_number: id_number.clone(), name: name.clone(), param_type }, opts),
            2 => {
                let mobile = if u.ratio(1u8, 2u8)? { "13812345678".to_string() } else { any_mobile(u)? };
                request::build_mobile3_meta_verify_intl(
                    &Mobile3MetaInput { id_number: id_number.clone(), name: name.clone(), mobile, param_type },
                    opts,
                )
            }
            _ => {
                let start_date = today.checked_sub_days(chrono::Days::new(u.int_in_range(0u64..=8000)?)).unwrap_or(today);
                let end_date = date::add_years(start_date, *u.choose(&[5, 10, 20])?).unwrap_or(start_date);
                let input = PeriodInput {
                    id_number: id_number.clone(),
                    name: name.clone(),
                    validity_start: any_date_str(u, start_date)?,
                    validity_end: any_date_str(u, end_date)?,
                    merchant_biz_id: if u.ratio(1u8, 2u8)? { "biz1".into() } else { token(u)? },
                    merchant_user_id: if bool::arbitrary(u)? { Some(token(u)?) } else { None },
                    scene_code: if bool::arbitrary(u)? { Some(token(u)?) } else { None },
                };
                request::build_id2_meta_period_verify_intl(&input, opts)
            }
        })
    };
    // The same bytes drive both calls, so the two requests differ only by the secret.
    let snapshot = u.bytes(u.len())?.to_vec();
    let first = run(&opts, &mut Unstructured::new(&snapshot))?;
    let again = run(&opts, &mut Unstructured::new(&snapshot))?;
    assert_eq!(first, again, "building is not deterministic");
    let secret = opts.credentials.access_key_secret.clone();
    let mut other = opts.clone();
    other.credentials.access_key_secret = other_secret(&secret);
    let second = run(&other, &mut Unstructured::new(&snapshot))?;
    match (&first, &second) {
        (Ok(a), Ok(b)) => {
            assert!(a.body.is_some(), "builders send a form body");
            assert_eq!(a.method, Method::Post);
            assert!(a.url.starts_with("https://") || a.url.starts_with("http://"));
            if a.url.starts_with("http://") {
                assert!(opts.endpoint.as_deref().is_some_and(|e| e.starts_with("http://")));
            }
            check_secret_only_signs(a, b, &secret);
        }
        (Err(a), Err(b)) => {
            assert!(a == b || secret.is_empty(), "the secret's content changed the error: {a:?} {b:?}");
            assert!(!a.code().is_empty() && !a.field().is_empty() && !a.message().is_empty() && !a.message_zh().is_empty());
            if let BuildError::Check(e) = a {
                check_error_debug(e);
            }
            // Equal errors whatever the secret: their Debug and Display cannot carry it.
            assert!(secret.is_empty() || format!("{a:?} {a}") == format!("{b:?} {b}"));
        }
        (Err(a), Ok(_)) => assert!(secret.is_empty(), "{a:?}"),
        (Ok(_), Err(e)) => panic!("another secret was refused: {e:?}"),
    }
    Ok(())
}

fn json_value(u: &mut Unstructured, pool: &[&str]) -> Result<String> {
    Ok(match u.int_in_range(0u8..=6)? {
        0 => "null".into(),
        1 => u.int_in_range(-1000i64..=1000)?.to_string(),
        2 => serde_json::to_string(&String::arbitrary(u)?).unwrap_or_default(),
        3 => (*u.choose(&["true", "false", "{}", "[]", "1e999", "-0", "18446744073709551616", "1.5"])?).into(),
        _ => serde_json::to_string(u.choose(pool)?).unwrap_or_default(),
    })
}

fn envelope(u: &mut Unstructured) -> Result<String> {
    const CODES: &[&str] = &[
        "Success", "success", "200", "400", "401", "500", "Throttling", "Throttling.User", "InvalidAccessKeyId.NotFound",
        "SignatureDoesNotMatch", "InvalidTimeStamp.Expired", "SignatureNonceUsed", "InternalError", "ServiceUnavailable",
        "Forbidden.RAMUserAccessDenied", "InvalidParameter", "MissingParameter", "InvalidSecurityToken.Expired", "NoPermission",
        "InvalidAction.NotFound", "InvalidVersion", "IncompleteSignature", "", " ",
    ];
    const BIZ: &[&str] = &["1", "2", "3", "101", "201", "202", "203", "204", "223", "301", "400", "402", "403", "410", "411", "412", "500", "Y", "N", "y", "true", "false", " 1 "];
    let mut fields = Vec::new();
    for (key, pool) in [("RequestId", &["req-1", ""][..]), ("Code", CODES), ("Message", &["ok", ""][..]), ("HostId", &["h"][..])] {
        if u.ratio(3u8, 4u8)? {
            fields.push(format!("{}:{}", serde_json::to_string(key).unwrap_or_default(), json_value(u, pool)?));
        }
    }
    if u.ratio(3u8, 4u8)? {
        let mut inner = Vec::new();
        for key in ["BizCode", "SubCode", "IspName", "Passed"] {
            if u.ratio(2u8, 3u8)? {
                inner.push(format!("{}:{}", serde_json::to_string(key).unwrap_or_default(), json_value(u, BIZ)?));
            }
        }
        let key = if bool::arbitrary(u)? { "Result" } else { "ResultObject" };
        fields.push(format!("\"{key}\":{{{}}}", inner.join(",")));
    }
    Ok(format!("{{{}}}", fields.join(",")))
}

/// `parse_response` with arbitrary bytes, statuses, action names and headers.
pub fn parse_response_target(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let _ = parse_response_inner(&mut u);
}

fn parse_response_inner(u: &mut Unstructured) -> Result<()> {
    const ACTIONS: &[&str] = &[
        "Id2MetaVerifyIntl", "Id2MetaVerify", "Mobile3MetaVerifyIntl", "Mobile3MetaSimpleVerify", "Mobile3MetaDetailVerify",
        "Id2MetaPeriodVerifyIntl", " id2metaverifyintl ", "", "Unknown",
    ];
    let action = if u.ratio(3u8, 4u8)? { u.choose(ACTIONS)?.to_string() } else { String::arbitrary(u)? };
    let status = if u.ratio(3u8, 4u8)? { *u.choose(&[200u16, 201, 204, 299, 300, 400, 401, 403, 404, 429, 500, 502, 503, 599, 600, 0, 65535])? } else { u16::arbitrary(u)? };
    let mut headers = Vec::new();
    for _ in 0..u.int_in_range(0u8..=3)? {
        let name = u.choose(&["x-acs-request-id", "X-Acs-Retry-After", "retry-after", " Retry-After ", "content-type"])?.to_string();
        let name = if u.ratio(1u8, 8u8)? { String::arbitrary(u)? } else { name };
        let value = any_str(u, &["1", "0", "-1", "1000", "18446744073709551615", "99999999999999999999", " ", "abc", "4294967296"])?;
        headers.push((name, value));
    }
    let body = match u.int_in_range(0u8..=2)? {
        0 => String::arbitrary_take_rest(Unstructured::new(u.bytes(u.len())?))?,
        _ => envelope(u)?,
    };
    let r = parse_response(&action, status, &body, &headers);
    assert_eq!(r, parse_response(&action, status, &body, &headers), "not deterministic");
    assert!(!(r.billed && r.retryable), "billed and retryable: {r:?}");
    assert!(r.retry_after_ms.is_none() || r.retryable, "retryAfterMs on a non-retryable result");
    assert!(r.retry_after_ms != Some(0));
    assert!(r.error_kind.is_none() || r.verdict == Verdict::Error, "{r:?}");
    // The one billed error: a success answer whose result codes contradict each other (issue 11).
    assert!(r.verdict != Verdict::Error || !r.billed || r.error_kind == Some(aliyun_idv::ErrorKind::InconsistentResponse), "a billed error: {r:?}");
    assert!(!r.description.is_empty() && !r.description_zh.is_empty(), "no description: {r:?}");
    if !(200..=299).contains(&status) {
        assert_eq!(r.verdict, Verdict::Error);
    }
    assert!(serde_json::to_string(&r).is_ok());
    Ok(())
}
