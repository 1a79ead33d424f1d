use super::*;
use chrono::Datelike;
use crate::id_number::checksum;

fn day(s: &str) -> NaiveDate {
    date::parse_today(s).unwrap()
}

fn id_born(birth: &str) -> String {
    let first17 = format!("110105{birth}001");
    let c = checksum::check_char(first17.as_bytes()).unwrap();
    format!("{first17}{}", char::from(c))
}

const TODAY: &str = "2026-11-22";

fn code(start: &str, end: &str, id: Option<&str>) -> &'static str {
    match check_validity_period(start, end, id, day(TODAY)) {
        Ok(_) => "OK",
        Err(e) => e.code.as_str(),
    }
}

#[test]
fn input_forms_and_long_term_tokens() {
    for (start, end, want_end) in [
        ("20200101", "20300101", "20300101"),
        ("2020-01-01", "2030-01-01", "20300101"),
        ("2020.01.01", "2030.01.01", "20300101"),
        ("2020/01/01", "2030/01/01", "20300101"),
        ("20100101", "long-term", "long-term"),
        ("20100101", "Long-Term", "long-term"),
        ("20100101", "长期", "long-term"),
        ("20100101", "长期有效", "long-term"),
        ("20100101", "長期", "long-term"),
        ("20100101", "長期有效", "long-term"),
        ("20100101", "00000000", "long-term"),
    ] {
        let r = check_validity_period(start, end, None, day(TODAY)).unwrap_or_else(|e| panic!("{start} {end}: {e}"));
        assert_eq!(date::compact(r.start), start.replace(['-', '.', '/'], ""));
        assert_eq!(r.end_value(), want_end);
    }
    let r = check_validity_period("20200101", "20300101", None, day(TODAY)).unwrap();
    assert!(!r.changed);
    assert!(check_validity_period("2020-01-01", "20300101", None, day(TODAY)).unwrap().changed);
    assert!(check_validity_period("20100101", "长期", None, day(TODAY)).unwrap().changed);
    assert!(!check_validity_period("20100101", "long-term", None, day(TODAY)).unwrap().changed);
}

#[test]
fn codes_in_order() {
    let young = id_born("20000101");
    let table: &[(&str, &str, Option<&str>, &str)] = &[
        ("", "20300101", None, "PERIOD_START_INVALID"),
        ("长期", "20300101", None, "PERIOD_START_INVALID"),
        ("2020-1-1", "20300101", None, "PERIOD_START_INVALID"),
        ("20200230", "20300101", None, "PERIOD_START_INVALID"),
        ("20200101", "永久", None, "PERIOD_END_INVALID"),
        ("20200101", "99991231", None, "PERIOD_END_INVALID"),
        ("20200101", "2030-1-1", None, "PERIOD_END_INVALID"),
        ("20200101", "2030-01/01", None, "PERIOD_END_INVALID"),
        ("2020-1-1", "永久", None, "PERIOD_START_INVALID"),
        ("19991231", "20300101", Some(young.as_str()), "PERIOD_START_BEFORE_BIRTH"),
        ("20261123", "20361123", None, "PERIOD_START_IN_FUTURE"),
        ("20261122", "20361122", None, "OK"),
        ("20031231", "20231231", None, "PERIOD_START_BEFORE_GEN2"),
        ("20040101", "20240101", None, "PERIOD_EXPIRED"),
        ("20200101", "20100101", None, "PERIOD_END_BEFORE_START"),
        ("20200101", "20200101", None, "PERIOD_END_MISMATCH"),
        ("20200101", "20290101", None, "PERIOD_END_MISMATCH"),
        ("20200101", "20300102", None, "PERIOD_END_MISMATCH"),
        ("20200101", "20250101", None, "PERIOD_EXPIRED"),
        ("20200101", "20300101", None, "OK"),
        ("20200101", "20400101", None, "OK"),
        ("20200101", "long-term", None, "OK"),
        // Born 2000: aged 20 in 2020, so 10 years, not 20 nor long-term.
        ("20200101", "20300101", Some(young.as_str()), "OK"),
        ("20200101", "20400101", Some(young.as_str()), "PERIOD_TERM_AGE_MISMATCH"),
        ("20200101", "长期", Some(young.as_str()), "PERIOD_TERM_AGE_MISMATCH"),
        ("20200101", "20300101", Some("110105200001010012"), "ID_CHECKSUM"),
    ];
    for (start, end, id, want) in table {
        assert_eq!(code(start, end, *id), *want, "{start} {end} {id:?}");
    }
}

#[test]
fn a_card_may_start_on_the_birth_date_itself() {
    // Issued on the day of birth (age 0: a 5-year term); a day earlier is before birth.
    assert_eq!(code("20240110", "20290110", Some(&id_born("20240110"))), "OK");
    assert_eq!(code("20240110", "20290110", Some(&id_born("20240111"))), "PERIOD_START_BEFORE_BIRTH");
}

#[test]
fn end_date_itself_is_still_valid() {
    assert_eq!(code("20161122", "20261122", None), "OK");
    assert_eq!(code("20161121", "20261121", None), "PERIOD_EXPIRED");
}

#[test]
fn twenty_ninth_of_february() {
    // A 29 February start ends on 1 March in a non-leap year, on 29 February in a leap year.
    assert_eq!(code("20200229", "20300301", None), "OK");
    assert_eq!(code("20200229", "20300228", None), "PERIOD_END_MISMATCH");
    assert_eq!(code("20200229", "20400229", None), "OK");
    assert_eq!(code("20200229", "20400301", None), "PERIOD_END_MISMATCH");
}

#[test]
fn term_by_age_at_application_with_90_days_of_grace() {
    assert_eq!(term_for_age(15), Term::Years(5));
    assert_eq!(term_for_age(16), Term::Years(10));
    assert_eq!(term_for_age(25), Term::Years(10));
    assert_eq!(term_for_age(26), Term::Years(20));
    assert_eq!(term_for_age(45), Term::Years(20));
    assert_eq!(term_for_age(46), Term::LongTerm);
    // Born 2004-03-01: 16 on 2020-03-01. A card issued 2020-04-01 may be for an application at
    // 15 (5 years) or at 16 (10 years).
    let id = id_born("20040301");
    assert_eq!(code("20200401", "20250401", Some(&id)), "PERIOD_EXPIRED", "5 years fits, but has expired");
    assert_eq!(code("20200401", "20300401", Some(&id)), "OK");
    // 90 days after the birthday, only the 10-year term fits.
    assert_eq!(code("20200530", "20250530", Some(&id)), "PERIOD_TERM_AGE_MISMATCH");
    assert_eq!(code("20200530", "20300530", Some(&id)), "OK");
    // A 29 February birthday is reached on 1 March in non-leap years: born 1980-02-29 is 46 on
    // 2026-03-01, not on 2026-02-28 — 2026-02-28 minus 90 days is also before, so 20 years only.
    let leap = id_born("19800229");
    assert_eq!(code("20260228", "长期", Some(&leap)), "PERIOD_TERM_AGE_MISMATCH");
    assert_eq!(code("20260228", "20460228", Some(&leap)), "OK");
    assert_eq!(code("20260301", "长期", Some(&leap)), "OK");
}

#[test]
fn the_earliest_application_is_90_days_before_the_start() {
    let mut d = NaiveDate::from_ymd_opt(1899, 1, 1).unwrap();
    while d.year() < 2201 {
        assert_eq!(earliest_application(d), d.checked_sub_signed(chrono::Duration::days(90)).unwrap(), "{d}");
        d = d.succ_opt().unwrap();
    }
    assert_eq!(earliest_application(NaiveDate::MIN), NaiveDate::MIN);
}

#[test]
fn info() {
    let r = check_validity_period("20200101", "20300101", None, day(TODAY)).unwrap();
    assert_eq!(r.term, Term::Years(10));
    assert_eq!(r.end, End::Date(day("2030-01-01")));
    let r = check_validity_period("20100101", "长期", None, day(TODAY)).unwrap();
    assert_eq!((r.term, r.end), (Term::LongTerm, End::LongTerm));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_input_gives_a_current_period_or_an_error_of_its_fields(
            start in "\\PC{0,12}", end in "\\PC{0,12}", id in proptest::option::of("\\PC{0,20}"),
        ) {
            match check_validity_period(&start, &end, id.as_deref(), day(TODAY)) {
                Ok(p) => prop_assert!(p.start <= day(TODAY) && p.start >= day("2004-01-01"), "{:?}", p),
                Err(e) => {
                    let period_field = matches!(e.field, Field::ValidityStart | Field::ValidityEnd) && e.code.as_str().starts_with("PERIOD_");
                    let id_field = e.field == Field::IdNumber && id.is_some() && e.code.as_str().starts_with("ID_");
                    prop_assert!(period_field || id_field, "{:?}", e);
                }
            }
        }

        #[test]
        fn any_start_plus_a_legal_term_passes(days in 0i64..8000, n in prop::sample::select(vec![5i32, 10, 20])) {
            let start = day("2004-01-01") + chrono::Duration::days(days);
            prop_assume!(start <= day(TODAY));
            let end = date::add_years(start, n).unwrap();
            prop_assume!(end >= day(TODAY));
            let r = check_validity_period(&date::compact(start), &date::compact(end), None, day(TODAY));
            prop_assert!(r.is_ok(), "{:?}", r);
        }
    }
}
