use super::*;
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    date::parse_today(s).unwrap()
}

fn opts(today: &str) -> IdOptions {
    IdOptions { today: day(today), allow_residence_permit: false }
}

/// A number with the right check character.
fn id(region: &str, birth: &str, seq: &str) -> String {
    let first17 = format!("{region}{birth}{seq}");
    let c = checksum::check_char(first17.as_bytes()).unwrap();
    format!("{first17}{}", char::from(c))
}

fn code_of(input: &str, o: &IdOptions) -> &'static str {
    match check_id_number(input, o) {
        Ok(_) => "OK",
        Err(e) => e.code.as_str(),
    }
}

const TODAY: &str = "2026-11-22";

#[test]
fn each_check_in_spec_order() {
    let o = opts(TODAY);
    let table: &[(&str, &str)] = &[
        ("", "ID_EMPTY"),
        (" \u{3000}\t\n\u{a0}", "ID_EMPTY"),
        ("11010519491231002*", "ID_BAD_CHAR"),
        ("110105 19491231002X", "ID_BAD_CHAR"),
        ("110105-19491231002X", "ID_BAD_CHAR"),
        ("11010519491231002X\u{200b}", "ID_BAD_CHAR"),
        ("\u{feff}11010519491231002X", "ID_BAD_CHAR"),
        ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "ID_BAD_CHAR"),
        ("110105491231002", "ID_LEGACY_15"),
        ("11010549123100X", "ID_LENGTH"),
        ("1101051949123100", "ID_LENGTH"),
        ("11010519491231002X1", "ID_LENGTH"),
        ("1101051949123100X2", "ID_BAD_CHAR"),
        ("X10105194912310021", "ID_BAD_CHAR"),
        ("110105194912310021", "ID_CHECKSUM"),
        ("11010519491231002X", "OK"),
    ];
    for (input, want) in table {
        assert_eq!(code_of(input, &o), *want, "{input:?}");
    }
}

#[test]
fn normalisation_is_accepted_and_reported() {
    let o = opts(TODAY);
    for input in [" 11010519491231002x", "\u{3000}１１０１０５１９４９１２３１００２Ｘ\u{3000}", "\t11010519491231002ｘ\r\n"] {
        let r = check_id_number(input, &o).unwrap();
        assert_eq!(r.value, "11010519491231002X");
        assert!(r.changed, "{input:?}");
    }
    assert!(!check_id_number("11010519491231002X", &o).unwrap().changed);
}

#[test]
fn legacy_numbers_carry_the_upgraded_form() {
    let e = check_id_number("110105491231002", &opts(TODAY)).unwrap_err();
    assert_eq!(e.code, ErrorCode::IdLegacy15);
    assert_eq!(e.hint.as_deref(), Some("11010519491231002X"));
}

#[test]
fn upgrade_legacy_normalises_and_refuses_other_shapes() {
    assert_eq!(upgrade_legacy(" １１０１０５４９１２３１００２ ").unwrap(), "11010519491231002X");
    assert_eq!(upgrade_legacy("").unwrap_err().code, ErrorCode::IdEmpty);
    assert_eq!(upgrade_legacy("11010549123100X").unwrap_err().code, ErrorCode::IdBadChar);
    assert_eq!(upgrade_legacy("11010519491231002X").unwrap_err().code, ErrorCode::IdBadChar);
    assert_eq!(upgrade_legacy("110105194912310021").unwrap_err().code, ErrorCode::IdLength);
}

#[test]
fn birth_dates_leap_years_and_bounds() {
    let o = opts(TODAY);
    assert_eq!(code_of(&id("110105", "19000229", "001"), &o), "ID_BIRTH_DATE_INVALID");
    assert_eq!(code_of(&id("110105", "20000229", "001"), &o), "OK");
    assert_eq!(code_of(&id("110105", "20230229", "001"), &o), "ID_BIRTH_DATE_INVALID");
    assert_eq!(code_of(&id("110105", "19900230", "001"), &o), "ID_BIRTH_DATE_INVALID");
    assert_eq!(code_of(&id("110105", "19901301", "001"), &o), "ID_BIRTH_DATE_INVALID");
    assert_eq!(code_of(&id("110105", "19900100", "001"), &o), "ID_BIRTH_DATE_INVALID");
    assert_eq!(code_of(&id("110105", "20261122", "001"), &o), "OK", "born today");
    assert_eq!(code_of(&id("110105", "20261123", "001"), &o), "ID_BIRTH_DATE_FUTURE");
    assert_eq!(code_of(&id("110105", "21000101", "001"), &o), "ID_BIRTH_DATE_FUTURE");
    assert_eq!(code_of(&id("110105", "19000101", "001"), &o), "OK");
    assert_eq!(code_of(&id("110105", "18991231", "001"), &o), "ID_BIRTH_DATE_TOO_EARLY");
    // An invalid date wins over the region check.
    assert_eq!(code_of(&id("710105", "19900230", "001"), &o), "ID_BIRTH_DATE_INVALID");
}

#[test]
fn regions() {
    crate::region::load_names_for_tests();
    let o = opts(TODAY);
    for permit in ["810000", "820000", "830000"] {
        let n = id(permit, "19900101", "001");
        assert_eq!(code_of(&n, &o), "ID_NOT_MAINLAND");
        let allowed = IdOptions { allow_residence_permit: true, ..opts(TODAY) };
        let r = check_id_number(&n, &allowed).unwrap();
        assert!(r.warnings.is_empty());
        assert!(r.info.province.ends_with("特别行政区") || r.info.province == "台湾省", "{}", r.info.province);
    }
    assert_eq!(code_of(&id("710101", "19900101", "001"), &o), "ID_REGION_UNKNOWN");
    assert_eq!(code_of(&id("910101", "19900101", "001"), &o), "ID_REGION_UNKNOWN");
    assert_eq!(code_of(&id("000000", "19900101", "001"), &o), "ID_REGION_UNKNOWN");
    assert_eq!(code_of(&id("119901", "19900101", "001"), &o), "ID_REGION_UNKNOWN", "no county starts with 1199");
    assert_eq!(code_of(&id("811234", "19900101", "001"), &o), "ID_REGION_UNKNOWN", "not a permit code, not mainland");
    // The four prefecture-level cities without counties are county level.
    for city in ["441900", "442000", "460400", "620200"] {
        let r = check_id_number(&id(city, "19900101", "001"), &o).unwrap();
        assert!(r.warnings.is_empty(), "{city}: {:?}", r.warnings);
    }
}

#[test]
fn region_warnings() {
    crate::region::load_names_for_tests();
    let o = opts(TODAY);
    // A prefecture code: valid prefix, not county level.
    let r = check_id_number(&id("110100", "19900101", "001"), &o).unwrap();
    assert_eq!(r.warnings, vec![REGION_UNRECOGNIZED]);
    // An unlisted code under a known prefix: valid (real IDs exist), with a warning and no name.
    let r = check_id_number(&id("110198", "19900101", "001"), &o).unwrap();
    assert_eq!(r.warnings, vec![REGION_UNRECOGNIZED]);
    assert_eq!(r.info.region_name(), None);
    assert_eq!(r.info.province, "北京市");
    // 崇文区 (110103) was last listed in 2009: a birth in 2014 gets a warning, 2013 does not.
    let r = check_id_number(&id("110103", "20140101", "001"), &o).unwrap();
    assert_eq!(r.warnings, vec![REGION_ABOLISHED_BEFORE_BIRTH]);
    assert_eq!(r.info.region_name(), Some("崇文区"));
    assert!(check_id_number(&id("110103", "20131231", "001"), &o).unwrap().warnings.is_empty());
    // 密云区 (110118) was created in 2015: a 1980 birth under it is normal.
    assert!(check_id_number(&id("110118", "19800101", "001"), &o).unwrap().warnings.is_empty());
}

#[test]
fn extracted_facts() {
    crate::region::load_names_for_tests();
    let r = check_id_number("11010519491231002X", &opts(TODAY)).unwrap();
    assert_eq!(r.info.birth_date, day("1949-12-31"));
    assert_eq!(r.info.gender, Gender::Female);
    assert_eq!((Gender::Female.as_str(), Gender::Male.as_str()), ("female", "male"), "the JS strings");
    assert_eq!(r.info.age, 76);
    assert_eq!(r.info.region_code, 110105);
    assert_eq!(r.info.region_name(), Some("朝阳区"));
    assert_eq!(r.info.province, "北京市");
    let r = check_id_number(&id("440524", "19800101", "001"), &opts("2026-01-01")).unwrap();
    assert_eq!(r.info.gender, Gender::Male);
    assert_eq!(r.info.age, 46);
    assert_eq!(r.info.province, "广东省");
    let r = check_id_number(&id("440524", "19800101", "001"), &opts("2025-12-31")).unwrap();
    assert_eq!(r.info.age, 45);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_input_gives_a_canonical_number_or_an_id_error(s in "\\PC{0,40}") {
            match check_id_number(&s, &opts(TODAY)) {
                // Valid: 18 characters with the right check character, and checking it again
                // changes nothing.
                Ok(r) => {
                    prop_assert!(r.value.len() == 18 && checksum::is_valid(r.value.as_bytes()), "{:?}", r.value);
                    let again = check_id_number(&r.value, &opts(TODAY)).unwrap();
                    prop_assert_eq!((&again.value, again.changed), (&r.value, false));
                }
                Err(e) => prop_assert!(e.field == Field::IdNumber && e.code.as_str().starts_with("ID_"), "{:?}", e),
            }
        }

        #[test]
        fn any_real_birth_date_in_a_county_passes(days in 0i64..45_000, seq in 0u32..1000) {
            let birth = day("1900-01-01") + chrono::Duration::days(days);
            let n = id("110105", &date::compact(birth), &format!("{seq:03}"));
            let r = check_id_number(&n, &opts("2026-12-31")).unwrap();
            prop_assert_eq!(r.info.birth_date, birth);
            prop_assert_eq!(r.info.gender == Gender::Male, seq % 2 == 1);
        }
    }
}
