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
        while let Some(code) = next_code(&mut bytes) {
            match code {
                None => out.push('\n'),
                Some(index) => out.push_str(char_at(self.chars, index)),
            }
        }
        out
    }
}

/// The next character code of a group's codes: `Some(None)` for the end of a name, else the
/// character's index in the table (one byte, or two from `NAME_ONE` on).
fn next_code(bytes: &mut impl Iterator<Item = u8>) -> Option<Option<usize>> {
    Some(match bytes.next()? {
        0 => None,
        b if b < NAME_ONE => Some(usize::from(b).wrapping_sub(1)),
        b => {
            let high = usize::from(b.wrapping_sub(NAME_ONE));
            let low = usize::from(bytes.next().unwrap_or(0));
            Some(usize::from(NAME_ONE).wrapping_sub(1).wrapping_add(high << 8 | low))
        }
    })
}

/// Character `index` of the table (3 bytes of UTF-8 each), or "".
fn char_at(chars: &[u8], index: usize) -> &str {
    let at = index.saturating_mul(3);
    chars.get(at..at.saturating_add(3)).and_then(|c| core::str::from_utf8(c).ok()).unwrap_or("")
}

/// The `k`-th name of group `g` of `coded` (names.bin), a character at a time into `f`, without
/// allocating or decoding the group (what the bindings write into their scratch area: the JS layer
/// keeps each name it is given). False when the group has no such name or it is empty.
pub(super) fn visit_name(coded: &[u8], g: usize, k: usize, mut f: impl FnMut(&str)) -> bool {
    let (chars, rest) = coded.split_at_checked(NAME_CHARS_LEN).unwrap_or((&[], &[]));
    let (lengths, codes) = rest.split_at_checked(GROUPS).unwrap_or((&[], &[]));
    let from = lengths.get(..g).map_or(0, |l| l.iter().fold(0usize, |n, &x| n.saturating_add(usize::from(x))));
    let to = from.saturating_add(lengths.get(g).map_or(0, |&l| usize::from(l)));
    let mut bytes = codes.get(from..to).unwrap_or(&[]).iter().copied();
    let mut names = 0usize;
    while names < k {
        match next_code(&mut bytes) {
            Some(None) => names = names.saturating_add(1),
            Some(Some(_)) => {}
            None => return false,
        }
    }
    let mut any = false;
    while let Some(Some(index)) = next_code(&mut bytes) {
        f(char_at(chars, index));
        any = true;
    }
    any
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
        // Visiting a name gives the decoded group's name, for every row of every group.
        for g in 0..GROUPS {
            for (k, want) in names.group(g).unwrap().split('\n').enumerate() {
                let mut got = String::new();
                let found = visit_name(include_bytes!("names.bin"), g, k, |c| got.push_str(c));
                assert_eq!((found, got.as_str()), (!want.is_empty(), want), "group {g}, row {k}");
            }
        }
    }
}
