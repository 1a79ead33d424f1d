//! Masking for logs and screens: never fails, never reveals the whole input.

use crate::prelude::*;
/// Stars at least this many characters when the input is long enough to keep head and tail.
const MIN_STARS: usize = 4;

/// Keeps `head` leading and `tail` trailing characters of the trimmed input and stars the rest;
/// an input too short for that keeps at most a quarter at each end, so half is starred.
fn mask_keep(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let n = chars.len();
    let (head, tail) = if n >= head.saturating_add(tail).saturating_add(MIN_STARS) {
        (head, tail)
    } else {
        (head.min(n / 4), tail.min(n / 4))
    };
    let keep_tail_from = n.saturating_sub(tail);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i < head || i >= keep_tail_from { c } else { '*' })
        .collect()
}

/// `110105********002X`: the region code and the last four characters.
pub fn mask_id_number(s: &str) -> String {
    mask_keep(s, 6, 4)
}

/// `138****5678`.
pub fn mask_mobile(s: &str) -> String {
    mask_keep(s, 3, 4)
}

/// `张*`, `欧阳**`-style: the first character, then stars (the middle dot of minority names stays).
/// When that would star nothing (`张`, or a first character followed only by dots, `张·`), every
/// character is starred.
pub fn mask_name(s: &str) -> String {
    let mut out = String::new();
    let mut n = 0usize;
    let mut starred = false;
    for (i, c) in s.trim().chars().enumerate() {
        let keep = i == 0 || c == crate::name::MIDDLE_DOT;
        out.push(if keep { c } else { '*' });
        starred |= !keep || c == '*'; // whether `out` has a star (the input may have its own)
        n = i.saturating_add(1);
    }
    if !starred {
        return "*".repeat(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_usual_shapes() {
        assert_eq!(mask_id_number("11010519491231002X"), "110105********002X");
        assert_eq!(mask_id_number(" 11010519491231002X "), "110105********002X");
        assert_eq!(mask_mobile("13812345678"), "138****5678");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳小明"), "欧***");
        assert_eq!(mask_name("阿卜杜拉·买买提"), "阿***·***");
        assert_eq!(mask_name("张"), "*");
        // Found by the `checks` fuzz target: a name and trailing dots used to come back whole.
        assert_eq!(mask_name("张·"), "**");
        assert_eq!(mask_name("张··"), "***");
        assert_eq!(mask_name("··"), "**");
        // A star of the input's own counts as one (as when `out.contains('*')` decided).
        assert_eq!(mask_name("*·"), "*·");
        assert_eq!(mask_id_number(""), "");
        assert_eq!(mask_mobile("123"), "***");
        assert_eq!(mask_mobile("1381234567"), "13******67");
    }

    proptest! {
        #[test]
        fn never_reveals_the_whole_input(s in "\\PC{1,40}") {
            let trimmed: String = s.trim().to_string();
            // An input that is already partly starred (`!*`, `'***`) may come back unchanged: only
            // what it showed is shown. Without stars, something is always hidden.
            prop_assume!(!trimmed.is_empty() && !trimmed.contains('*'));
            for masked in [mask_id_number(&s), mask_mobile(&s), mask_name(&s)] {
                prop_assert_ne!(&masked, &trimmed);
                let stars = masked.chars().filter(|&c| c == '*').count();
                let n = masked.chars().count();
                prop_assert!(stars >= MIN_STARS.min(n / 2), "{masked}");
            }
        }
    }
}
