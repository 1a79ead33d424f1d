//! Normalisation of a typed ID number: trim Unicode whitespace, map full-width digits and X to
//! ASCII, upper-case `x`. Nothing else is repaired.

use crate::prelude::*;
use alloc::borrow::Cow;

/// Canonical form of `input` and whether it differs from the input.
pub fn normalize(input: &str) -> (String, bool) {
    let (value, changed) = normalize_cow(input);
    (value.into_owned(), changed)
}

/// Whether every byte is an ASCII digit or `X`: the canonical alphabet. No early exit, so the
/// loop over a typed number (18 bytes) is branch-free; inputs are at most a few hundred bytes.
pub fn all_digits_or_x(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |ok, &b| ok & (b.wrapping_sub(b'0') < 10 || b == b'X'))
}

/// [`normalize`] without a copy when `input` is already canonical (the common case).
pub fn normalize_cow(input: &str) -> (Cow<'_, str>, bool) {
    if all_digits_or_x(input.as_bytes()) {
        return (Cow::Borrowed(input), false);
    }
    let trimmed = input.trim();
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        out.push(match c {
            '\u{FF10}'..='\u{FF19}' => {
                char::from_u32(u32::from(c).wrapping_sub(0xFF10).wrapping_add(u32::from('0'))).unwrap_or(c)
            }
            'x' | '\u{FF38}' | '\u{FF58}' => 'X',
            other => other,
        });
    }
    let changed = out != input;
    (Cow::Owned(out), changed)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn trims_unicode_whitespace_and_maps_full_width() {
        assert_eq!(normalize("\u{3000}１１０１０５x\u{a0}\n"), ("110105X".to_string(), true));
        assert_eq!(normalize("ｘ"), ("X".to_string(), true));
        assert_eq!(normalize("Ｘ"), ("X".to_string(), true));
        assert_eq!(normalize("11010519491231002X"), ("11010519491231002X".to_string(), false));
    }

    #[test]
    fn repairs_nothing_else() {
        assert_eq!(normalize("110 105").0, "110 105");
        assert_eq!(normalize("110-105").0, "110-105");
        assert_eq!(normalize("\u{feff}110").0, "\u{feff}110");
        assert_eq!(normalize("١٢٣").0, "١٢٣");
    }
}
