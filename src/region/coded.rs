//! The region names as the server module compiles them in: `names.bin`, char-coded (format in
//! `scripts/gen-tables.py`), 1.4 KB smaller gzipped than the UTF-8 text. Decoded once, on first
//! use, into the same newline-separated text that `loadRegionNames` hands the browser module.

use super::layout::{NAMES_AT, NAME_CHARS_LEN, NAME_ONE, TOTAL};
use crate::prelude::*;

/// The names text (`TOTAL - NAMES_AT` bytes) of a char-coded `names.bin`.
pub(super) fn decode(coded: &[u8]) -> String {
    let (table, codes) = coded.split_at_checked(NAME_CHARS_LEN).unwrap_or((&[], &[]));
    let chars: Vec<char> = core::str::from_utf8(table).unwrap_or("").chars().collect();
    let mut out = String::with_capacity(TOTAL.saturating_sub(NAMES_AT));
    let mut bytes = codes.iter().copied();
    while let Some(b) = bytes.next() {
        let index = match b {
            0 => {
                out.push('\n');
                continue;
            }
            b if b < NAME_ONE => usize::from(b).wrapping_sub(1),
            b => {
                let high = usize::from(b.wrapping_sub(NAME_ONE));
                let low = usize::from(bytes.next().unwrap_or(0));
                usize::from(NAME_ONE).wrapping_sub(1).wrapping_add(high << 8 | low)
            }
        };
        if let Some(&c) = chars.get(index) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_bin_decodes_to_the_names_of_regions_bin() {
        let plain = &include_bytes!("regions.bin")[NAMES_AT..];
        let decoded = decode(include_bytes!("names.bin"));
        assert_eq!(decoded.len(), TOTAL - NAMES_AT);
        assert!(decoded.as_bytes() == plain, "names.bin and regions.bin disagree");
    }
}
