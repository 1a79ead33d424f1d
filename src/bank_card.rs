//! Bank card numbers (`docs/validation.md`, bank cards): digits only once spaces and hyphens are
//! removed (full-width digits folded), 13 to 19 digits (the lengths the card networks issue:
//! UnionPay 16-19, Visa 13/16/19, Mastercard 16, Amex 15, JCB 16-19). A number that fails the Luhn
//! check (ISO/IEC 7812-1) is a **warning**, not an error: some issued Chinese cards do not satisfy
//! it, and the service decides.

use crate::prelude::*;
use crate::error::{CheckError, ErrorCode, Field};

/// The warning given when the Luhn check digit does not match.
pub const BANK_CARD_LUHN: &str = "BANK_CARD_LUHN";

/// A bank card number that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankCardCheck {
    /// The digits only.
    pub value: String,
    pub changed: bool,
    /// `BANK_CARD_LUHN` when the check digit does not match.
    pub warnings: Vec<&'static str>,
}

/// Whether `digits` (ASCII digits only) satisfies the Luhn rule.
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum: u32 = 0;
    for (i, b) in digits.bytes().rev().enumerate() {
        let d = u32::from(b.wrapping_sub(b'0'));
        let d = if i % 2 == 1 { d.wrapping_mul(2) } else { d };
        sum = sum.wrapping_add(if d > 9 { d.wrapping_sub(9) } else { d });
    }
    sum % 10 == 0
}

/// Checks a typed bank card number.
pub fn check_bank_card(input: &str) -> Result<BankCardCheck, CheckError> {
    let err = |c| CheckError::new(c, Field::BankCard);
    let mut value = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '0'..='9' => value.push(c),
            '\u{FF10}'..='\u{FF19}' => value.push(char::from_u32(u32::from(c).wrapping_sub(0xFF10 - 0x30)).unwrap_or(c)),
            ' ' | '\u{3000}' | '\u{a0}' | '\t' | '-' | '\u{2010}'..='\u{2015}' | '\u{FF0D}' => {}
            _ => return Err(err(ErrorCode::BankCardBadChar)),
        }
    }
    if value.is_empty() {
        return Err(err(ErrorCode::BankCardEmpty));
    }
    if !(13..=19).contains(&value.len()) {
        return Err(err(ErrorCode::BankCardLength));
    }
    let warnings = if luhn_ok(&value) { Vec::new() } else { vec![BANK_CARD_LUHN] };
    let changed = value != input;
    Ok(BankCardCheck { value, changed, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> &'static str {
        match check_bank_card(s) {
            Ok(_) => "OK",
            Err(e) => e.code.as_str(),
        }
    }

    #[test]
    fn luhn_on_published_test_numbers() {
        // Test card numbers the networks publish (all satisfy Luhn), and each with one digit changed.
        for good in ["4111111111111111", "5555555555554444", "378282246310005", "6200000000000005", "3530111333300000", "4222222222222"] {
            assert!(luhn_ok(good), "{good}");
            let mut bad: Vec<u8> = good.bytes().collect();
            bad[1] = if bad[1] == b'9' { b'0' } else { bad[1] + 1 };
            assert!(!luhn_ok(std::str::from_utf8(&bad).unwrap()), "{good} altered");
        }
    }

    #[test]
    fn normalises_and_warns() {
        let c = check_bank_card("6222 0202-0011 2233").unwrap();
        assert_eq!(c.value, "6222020200112233");
        assert!(c.changed);
        assert_eq!(c.warnings, vec![BANK_CARD_LUHN], "6222020200112233 fails Luhn: a warning only");
        let c = check_bank_card("６２０００００００００００００５").unwrap();
        assert_eq!((c.value.as_str(), c.warnings.len()), ("6200000000000005", 0));
        assert!(!check_bank_card("4111111111111111").unwrap().changed);
    }

    #[test]
    fn errors() {
        assert_eq!(code(""), "BANK_CARD_EMPTY");
        assert_eq!(code(" - "), "BANK_CARD_EMPTY");
        assert_eq!(code("4111 1111 1111 111a"), "BANK_CARD_BAD_CHAR");
        assert_eq!(code("411111111111"), "BANK_CARD_LENGTH");
        assert_eq!(code("41111111111111111111"), "BANK_CARD_LENGTH");
        assert_eq!(code("4222222222222"), "OK");
        assert_eq!(code("6217000000000000000"), code("6217000000000000000"));
    }
}
