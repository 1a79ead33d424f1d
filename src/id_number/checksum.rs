//! ISO 7064 MOD 11-2 check character of GB 11643-1999 resident ID numbers.

/// Weights of the first 17 digits (2^(17-i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each value of (weighted sum mod 11).
const CHECK_CHARS: [u8; 11] = *b"10X98765432";

/// The check character for 17 ASCII digits, or `None` if `digits` is not exactly 17 ASCII digits.
pub fn check_char(digits: &[u8]) -> Option<u8> {
    if digits.len() != 17 {
        return None;
    }
    let mut sum: u32 = 0;
    for (&d, &w) in digits.iter().zip(WEIGHTS.iter()) {
        if !d.is_ascii_digit() {
            return None;
        }
        // At most 17 * 9 * 10: no overflow.
        sum = sum.wrapping_add(u32::from(d.wrapping_sub(b'0')).wrapping_mul(w));
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

    proptest! {
        #[test]
        fn any_17_digits_plus_their_check_char_pass(d in "[0-9]{17}") {
            let c = check_char(d.as_bytes()).unwrap();
            let mut full = d.into_bytes();
            full.push(c);
            prop_assert!(is_valid(&full));
        }

        #[test]
        fn any_single_digit_change_is_caught(d in "[0-9]{17}", pos in 0usize..17, delta in 1u8..10) {
            let c = check_char(d.as_bytes()).unwrap();
            let mut full = d.into_bytes();
            full.push(c);
            let old = full[pos] - b'0';
            full[pos] = b'0' + (old + delta) % 10;
            prop_assert!(!is_valid(&full));
        }
    }
}
