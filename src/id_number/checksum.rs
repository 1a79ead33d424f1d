//! ISO 7064 MOD 11-2 check character of GB 11643-1999 resident ID numbers.

/// Weights of the first 17 digits (2^(17-i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each value of (weighted sum mod 11).
const CHECK_CHARS: [u8; 11] = *b"10X98765432";

/// The check character for 17 ASCII digits, or `None` if `digits` is not exactly 17 ASCII digits.
pub fn check_char(digits: &[u8]) -> Option<u8> {
    let digits: &[u8; 17] = digits.try_into().ok()?;
    // One pass without an early exit (17 bytes: branch-free is faster than stopping early).
    let (sum, all_digits) = digits.iter().zip(WEIGHTS).fold((0u32, true), |(sum, ok), (&d, w)| {
        let v = d.wrapping_sub(b'0');
        // At most 17 * 255 * 10 even for non-digits: no overflow.
        (sum.wrapping_add(u32::from(v).wrapping_mul(w)), ok & (v < 10))
    });
    if !all_digits {
        return None;
    }
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// Whether an 18-character ASCII ID number (digits, final `X`) carries the right check character.
pub fn is_valid(id: &[u8]) -> bool {
    match id.split_last() {
        Some((&last, first17)) => check_char(first17) == Some(last),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers() {
        // Example from GB 11643-1999.
        assert!(is_valid(b"11010519491231002X"));
        assert!(is_valid(b"440524188001010014"));
        assert!(!is_valid(b"110105194912310021"));
        assert_eq!(check_char(b"11010519491231002"), Some(b'X'));
    }

    #[test]
    fn rejects_wrong_shapes() {
        assert_eq!(check_char(b""), None);
        assert_eq!(check_char(b"1101051949123100"), None);
        assert_eq!(check_char(b"1101051949123100A"), None);
        assert!(!is_valid(b""));
    }

    /// The check character computed another way, from the standard's formula rather than this
    /// module's tables: weight of position i (1-based from the right, the check character being
    /// position 1) is 2^(i-1) mod 11; the check value is (12 - sum mod 11) mod 11, 10 written X.
    fn independent_check_char(digits: &str) -> char {
        let sum: u64 = digits.bytes().rev().enumerate().map(|(i, d)| u64::from(d - b'0') * ((1u64 << (i + 1)) % 11)).sum();
        match (12 - sum % 11) % 11 {
            10 => 'X',
            v => char::from(b'0' + v as u8),
        }
    }

    #[test]
    fn the_independent_formula_agrees_with_published_numbers() {
        // Published examples (GB 11643-1999 and its common illustrations).
        assert_eq!(independent_check_char("11010519491231002"), 'X');
        assert_eq!(independent_check_char("44052418800101001"), '4');
    }

    proptest! {
        #[test]
        fn check_char_matches_the_standards_formula(d in "[0-9]{17}") {
            prop_assert_eq!(check_char(d.as_bytes()).map(char::from), Some(independent_check_char(&d)));
            let mut full = d.clone();
            full.push(independent_check_char(&d));
            prop_assert!(is_valid(full.as_bytes()));
        }

        #[test]
        fn any_other_check_char_is_refused(d in "[0-9]{17}", c in prop::sample::select(b"0123456789X".to_vec())) {
            prop_assume!(char::from(c) != independent_check_char(&d));
            let mut full = d.into_bytes();
            full.push(c);
            prop_assert!(!is_valid(&full));
        }

        #[test]
        fn any_single_digit_change_is_caught(d in "[0-9]{17}", pos in 0usize..17, delta in 1u8..10) {
            let mut full = d.clone().into_bytes();
            full.push(independent_check_char(&d) as u8);
            let old = full[pos] - b'0';
            full[pos] = b'0' + (old + delta) % 10;
            prop_assert!(!is_valid(&full));
        }
    }
}
