//! The region names as the server module compiles them in: `names.bin`, char-coded (format in
//! `scripts/gen-tables.py`), 0.7 KB smaller gzipped than the UTF-8 text. Each group's names are
//! decoded on first use (a check decodes the one or two groups it names, not the 78 KB), into the
//! same newline-separated text that `loadRegionNames` hands the browser module.

use super::layout::{GROUPS, NAME_CHARS_LEN, NAME_ONE};
use crate::prelude::*;
use once_cell::race::OnceBox;

pub(super) struct CodedNames {
    /// The character table: 3 bytes of UTF-8 a character.
    chars: &'static [u8],
    codes: &'static [u8],
    /// Where each group's codes start in `codes`, then `codes.len()`.
    at: Vec<usize>,
    /// Each group's names, decoded on first use.
    groups: Vec<OnceBox<String>>,
}

impl CodedNames {
    pub(super) fn new(coded: &'static [u8]) -> Self {
        let (chars, rest) = coded.split_at_checked(NAME_CHARS_LEN).unwrap_or((&[], &[]));
        let (lengths, codes) = rest.split_at_checked(GROUPS).unwrap_or((&[], &[]));
        let mut at = Vec::with_capacity(GROUPS.saturating_add(1));
        let mut end = 0usize;
        at.push(end);
        for &len in lengths {
            end = end.saturating_add(usize::from(len));
            at.push(end);
        }
        let groups = lengths.iter().map(|_| OnceBox::new()).collect();
        CodedNames { chars, codes, at, groups }
    }

    /// The names of group `g`, each followed by a newline.
    pub(super) fn group(&self, g: usize) -> Option<&str> {
        let (&from, &to) = (self.at.get(g)?, self.at.get(g.checked_add(1)?)?);
        let text = self.groups.get(g)?.get_or_init(|| Box::new(self.decode(self.codes.get(from..to).unwrap_or(&[]))));
        Some(text.as_str())
    }

    fn decode(&self, codes: &[u8]) -> String {
        let mut out = String::with_capacity(codes.len().saturating_mul(3));
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
            let at = index.saturating_mul(3);
            if let Some(c) = self.chars.get(at..at.saturating_add(3)).and_then(|c| core::str::from_utf8(c).ok()) {
                out.push_str(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::NAMES_AT;
    use super::*;

    #[test]
    fn names_bin_decodes_group_by_group_to_the_names_of_regions_bin() {
        let plain = &include_bytes!("regions.bin")[NAMES_AT..];
        let names = CodedNames::new(include_bytes!("names.bin"));
        let decoded: String = (0..GROUPS).map(|g| names.group(g).unwrap()).collect();
        assert!(decoded.as_bytes() == plain, "names.bin and regions.bin disagree");
        assert_eq!(names.group(GROUPS), None);
    }
}
