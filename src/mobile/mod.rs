//! Mainland mobile numbers (`docs/validation.md` §3): normalisation, the checks in their order,
//! and the operator a number's prefix was first assigned to (`data/mobile-prefixes.tsv`).

use crate::prelude::*;
#[rustfmt::skip]
mod prefixes;

use crate::error::{CheckError, ErrorCode, Field};

/// The operator a number range was assigned to. Since number portability (2019-12-01) this is a
/// hint; Alibaba's `IspName` is the truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    Cmcc,
    Cucc,
    Ctcc,
    Cbn,
}

impl Carrier {
    pub fn as_str(self) -> &'static str {
        match self {
            Carrier::Cmcc => "CMCC",
            Carrier::Cucc => "CUCC",
            Carrier::Ctcc => "CTCC",
            Carrier::Cbn => "CBN",
        }
    }
}

/// What kind of range a prefix is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Mno,
    Mvno,
    DataCard,
    Satellite,
}

/// A valid mobile number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MobileCheck {
    /// The 11-digit national number.
    pub value: String,
    pub changed: bool,
    pub carrier: Carrier,
    pub kind: Kind,
}

fn err(code: ErrorCode) -> CheckError {
    CheckError::new(code, Field::Mobile)
}

/// Trim; full-width digits and `＋` to ASCII; drop spaces and hyphens.
fn normalize(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|&c| !c.is_whitespace() && c != '-' && c != '\u{FF0D}')
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from_u32(u32::from(c).wrapping_sub(0xFF10 - 0x30)).unwrap_or(c),
            '\u{FF0B}' => '+',
            other => other,
        })
        .collect()
}

/// The longest listed prefix of `national`.
fn prefix_of(national: &str) -> Option<(Carrier, Kind)> {
    (3..=5).rev().find_map(|len| {
        let p = national.get(..len)?;
        let i = prefixes::PREFIXES.binary_search_by(|(q, _, _)| (*q).cmp(p)).ok()?;
        prefixes::PREFIXES.get(i).map(|&(_, c, k)| (c, k))
    })
}

/// Checks a typed mobile number and returns the 11-digit number and its operator, or the first error.
pub fn check_mobile(input: &str) -> Result<MobileCheck, CheckError> {
    let s = normalize(input);
    if s.is_empty() {
        return Err(err(ErrorCode::MobileEmpty));
    }
    let (plus, digits) = match s.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(ErrorCode::MobileBadChar));
    }
    let national = if plus {
        digits.strip_prefix("86").ok_or_else(|| err(ErrorCode::MobileNotMainland))?
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.strip_prefix("86").ok_or_else(|| err(ErrorCode::MobileNotMainland))?
    } else if digits.len() == 13 {
        digits.strip_prefix("86").unwrap_or(digits)
    } else {
        digits
    };
    if national.is_empty() {
        // `+86` or `0086` alone: the country code, and no number yet.
        return Err(err(ErrorCode::MobileEmpty));
    }
    if !national.starts_with('1') {
        return Err(err(ErrorCode::MobileNotMobile));
    }
    if national.len() != 11 {
        return Err(err(ErrorCode::MobileLength));
    }
    let (carrier, kind) = prefix_of(national).ok_or_else(|| err(ErrorCode::MobileUnassignedPrefix))?;
    let value = national.to_string();
    let changed = value != input;
    Ok(MobileCheck { value, changed, carrier, kind })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(s: &str) -> &'static str {
        match check_mobile(s) {
            Ok(_) => "OK",
            Err(e) => e.code.as_str(),
        }
    }

    #[test]
    fn codes_in_order() {
        let table: &[(&str, &str)] = &[
            ("", "MOBILE_EMPTY"),
            (" - ", "MOBILE_EMPTY"),
            ("138(1234)5678", "MOBILE_BAD_CHAR"),
            ("138****5678", "MOBILE_BAD_CHAR"),
            ("1381234\u{200b}5678", "MOBILE_BAD_CHAR"),
            ("+", "MOBILE_BAD_CHAR"),
            ("138+12345678", "MOBILE_BAD_CHAR"),
            ("+85291234567", "MOBILE_NOT_MAINLAND"),
            ("0085291234567", "MOBILE_NOT_MAINLAND"),
            ("01012345678", "MOBILE_NOT_MOBILE"),
            ("013812345678", "MOBILE_NOT_MOBILE"),
            ("+86 010 1234 5678", "MOBILE_NOT_MOBILE"),
            ("1381234567", "MOBILE_LENGTH"),
            ("138123456789", "MOBILE_LENGTH"),
            ("1440000000000", "MOBILE_LENGTH"),
            ("14012345678", "MOBILE_UNASSIGNED_PREFIX"),
            ("17406123456", "MOBILE_UNASSIGNED_PREFIX"),
            ("19412345678", "MOBILE_UNASSIGNED_PREFIX"),
            ("13812345678", "OK"),
        ];
        for (input, want) in table {
            assert_eq!(code(input), *want, "{input:?}");
        }
    }

    #[test]
    fn normalisation_and_country_codes() {
        for input in ["+86 138 1234 5678", "0086-138-1234-5678", "8613812345678", "＋８６１３８１２３４５６７８", " 138-1234-5678 "] {
            let r = check_mobile(input).unwrap();
            assert_eq!(r.value, "13812345678", "{input:?}");
            assert!(r.changed);
        }
        assert!(!check_mobile("13812345678").unwrap().changed);
        // The country code alone is an empty number (validation.md), not a non-mobile.
        for only_cc in ["+86", " +86 ", "0086", "＋８６", "+86 -"] {
            assert_eq!(code(only_cc), "MOBILE_EMPTY", "{only_cc}");
        }
        // A bare 86 is a country code only when 13 digits remain.
        assert_eq!(code("861234567890"), "MOBILE_NOT_MOBILE");
    }

    #[test]
    fn carriers_longest_prefix_wins() {
        let c = |s: &str| {
            let r = check_mobile(s).unwrap();
            (r.carrier, r.kind)
        };
        assert_eq!(c("13912345678"), (Carrier::Cmcc, Kind::Mno));
        assert_eq!(c("13412345678"), (Carrier::Cmcc, Kind::Mno));
        assert_eq!(c("13491234567"), (Carrier::Ctcc, Kind::Satellite));
        assert_eq!(c("17001234567"), (Carrier::Ctcc, Kind::Mvno));
        assert_eq!(c("17031234567"), (Carrier::Cmcc, Kind::Mvno));
        assert_eq!(c("17400123456"), (Carrier::Ctcc, Kind::Satellite));
        assert_eq!(c("14512345678"), (Carrier::Cucc, Kind::DataCard));
        assert_eq!(c("19212345678"), (Carrier::Cbn, Kind::Mno));
        let names: Vec<&str> = [Carrier::Cmcc, Carrier::Cucc, Carrier::Ctcc, Carrier::Cbn].iter().map(|c| c.as_str()).collect();
        assert_eq!(names, ["CMCC", "CUCC", "CTCC", "CBN"], "the JS strings");
    }

    #[test]
    fn every_listed_prefix_is_found() {
        for (p, carrier, kind) in prefixes::PREFIXES.iter() {
            let n = format!("{p}{}", "0".repeat(11 - p.len()));
            let r = check_mobile(&n).unwrap();
            assert_eq!((r.carrier, r.kind), (*carrier, *kind), "{n}");
        }
    }

    proptest! {
        #[test]
        fn any_input_gives_eleven_digits_or_a_mobile_error(s in "\\PC{0,30}") {
            match check_mobile(&s) {
                Ok(m) => {
                    prop_assert!(m.value.len() == 11 && m.value.starts_with('1') && m.value.bytes().all(|b| b.is_ascii_digit()));
                    prop_assert_eq!(check_mobile(&m.value).map(|a| (a.value, a.changed)), Ok((m.value.clone(), false)));
                }
                Err(e) => prop_assert!(e.field == Field::Mobile && e.code.as_str().starts_with("MOBILE_"), "{:?}", e),
            }
        }
    }
}
