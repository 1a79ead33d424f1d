//! Mainland mobile numbers (`docs/validation.md` §3): normalisation, the checks in their order,
//! and the operator a number's prefix was first assigned to (`data/mobile-prefixes.tsv`).

use crate::prelude::*;
use alloc::borrow::Cow;
use once_cell::race::OnceBox;
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

/// Trim; full-width digits and `＋` to ASCII; drop spaces and hyphens. No copy when `input` is
/// ASCII digits and `+` only (nothing to change).
fn normalize(input: &str) -> Cow<'_, str> {
    if input.bytes().all(|b| b.is_ascii_digit() || b == b'+') {
        return Cow::Borrowed(input);
    }
    Cow::Owned(input
        .trim()
        .chars()
        .filter(|&c| !c.is_whitespace() && c != '-' && c != '\u{FF0D}')
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from_u32(u32::from(c).wrapping_sub(0xFF10 - 0x30)).unwrap_or(c),
            '\u{FF0B}' => '+',
            other => other,
        })
        .collect())
}

/// The longest listed prefix of `national` (11 digits starting with 1).
fn prefix_of(national: &str) -> Option<(Carrier, Kind)> {
    let key = national.get(1..5).and_then(decimal)?;
    let entry = usize::from(*prefix_index().get(key)?).checked_sub(1)?;
    prefixes::PREFIXES.get(entry).map(|&(_, c, k)| (c, k))
}

/// The value of ASCII digits (`None` on anything else).
fn decimal(digits: &str) -> Option<usize> {
    digits.bytes().try_fold(0usize, |n, b| {
        b.is_ascii_digit().then_some(())?;
        n.checked_mul(10)?.checked_add(usize::from(b.wrapping_sub(b'0')))
    })
}

/// Digits 2 to 5 of a number (0000 to 9999) -> 1 + the index in `PREFIXES` of its longest listed
/// prefix, or 0: built once from the table, so a lookup is one load instead of three binary
/// searches over strings.
fn prefix_index() -> &'static [u8] {
    static INDEX: OnceBox<Vec<u8>> = OnceBox::new();
    INDEX.get_or_init(|| {
        let mut index = vec![0u8; 10_000];
        // Shorter prefixes first, so a longer one overwrites the range it refines.
        for len in 3..=5usize {
            for (i, (p, _, _)) in prefixes::PREFIXES.iter().enumerate().filter(|(_, (p, _, _))| p.len() == len) {
                let Some(digits) = p.get(1..) else { continue };
                let Some(value) = decimal(digits) else { continue };
                let span = 10usize.pow(u32::try_from(5usize.saturating_sub(len)).unwrap_or(0));
                let start = value.saturating_mul(span);
                let tag = u8::try_from(i.saturating_add(1)).unwrap_or(0);
                for slot in index.iter_mut().skip(start).take(span) {
                    *slot = tag;
                }
            }
        }
        Box::new(index)
    })
}

/// Checks a typed mobile number and returns the 11-digit number and its operator, or the first error.
pub fn check_mobile(input: &str) -> Result<MobileCheck, CheckError> {
    let (value, changed, carrier, kind) = check_mobile_ref(input)?;
    Ok(MobileCheck { value: value.into_owned(), changed, carrier, kind })
}

/// [`check_mobile`] without allocating for an input of digits only: the 11-digit number
/// (borrowed from `input` when it is a part of it), whether it differs from the input, the operator.
pub fn check_mobile_ref(input: &str) -> Result<(Cow<'_, str>, bool, Carrier, Kind), CheckError> {
    let s = normalize(input);
    let (start, carrier, kind) = national_of(&s)?;
    let value = match s {
        Cow::Borrowed(b) => Cow::Borrowed(b.get(start..).unwrap_or(b)),
        Cow::Owned(o) => Cow::Owned(o.get(start..).unwrap_or(&o).to_string()),
    };
    let changed = value != input;
    Ok((value, changed, carrier, kind))
}

/// The rules on a normalised number: where its 11-digit national number starts, and its operator.
fn national_of(s: &str) -> Result<(usize, Carrier, Kind), CheckError> {
    if s.is_empty() {
        return Err(err(ErrorCode::MobileEmpty));
    }
    let (plus, digits) = match s.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, s),
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
    // `national` is a suffix of `s`.
    Ok((s.len().saturating_sub(national.len()), carrier, kind))
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

    /// The direct index answers what a longest-prefix search over the table answers, for every
    /// number start 10000 to 19999.
    #[test]
    fn the_index_is_the_longest_prefix_search() {
        for start in 10_000u32..20_000 {
            let number = start.to_string() + "000000";
            let expected = (3..=5).rev().find_map(|len| {
                let p = number.get(..len)?;
                prefixes::PREFIXES.iter().find(|(q, _, _)| *q == p).map(|&(_, c, k)| (c, k))
            });
            assert_eq!(prefix_of(&number), expected, "{number}");
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
