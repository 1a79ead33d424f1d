//! Real names as printed on the resident ID card (`docs/validation.md` §2): Chinese characters,
//! and the middle dot `·` between two of them in minority names (e.g. 阿卜杜拉·买买提).

use crate::prelude::*;
use crate::error::{CheckError, ErrorCode, Field};

/// The dot the ID card uses.
pub const MIDDLE_DOT: char = '\u{00B7}';
const MIN_CHARS: usize = 2;
const MAX_CHARS: usize = 30;

/// Look-alikes of the middle dot that people and input methods type instead.
fn is_dot_variant(c: char) -> bool {
    matches!(
        c,
        '\u{00B7}' | '\u{2022}' | '\u{30FB}' | '\u{FF65}' | '\u{2027}' | '\u{22C5}' | '\u{2219}' | '\u{FF0E}' | '\u{2E31}' | '\u{0387}'
    )
}

/// CJK ideographs, all blocks (rare characters of the extensions occur in names), and 〇.
pub fn is_ideograph(c: char) -> bool {
    matches!(u32::from(c),
        0x3007
        | 0x3400..=0x4DBF   // Extension A
        | 0x4E00..=0x9FFF   // Unified Ideographs
        | 0xF900..=0xFAFF   // Compatibility Ideographs
        | 0x20000..=0x2A6DF // Extension B
        | 0x2A700..=0x2EE5F // Extensions C, D, E, F, I
        | 0x2F800..=0x2FA1F // Compatibility Supplement
        | 0x30000..=0x323AF // Extensions G, H
    )
}

/// A valid name in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCheck {
    pub value: String,
    pub changed: bool,
    /// Length in characters (Unicode scalar values), dots included.
    pub length: usize,
    /// Contains the middle dot of a minority name.
    pub minority_name: bool,
}

fn err(code: ErrorCode) -> CheckError {
    CheckError::new(code, Field::Name)
}

/// Checks a typed name and returns its canonical form, or the first error.
pub fn check_name(input: &str) -> Result<NameCheck, CheckError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(err(ErrorCode::NameEmpty));
    }
    // Map dot variants, drop whitespace between two ideographs; other whitespace stays (an error).
    let chars: Vec<char> = trimmed.chars().map(|c| if is_dot_variant(c) { MIDDLE_DOT } else { c }).collect();
    let mut value = String::with_capacity(trimmed.len());
    // Characters pushed (the name's length): counted here rather than by `chars().count()`,
    // whose unrolled counter is ~0.4 KB gzipped of the browser module.
    let mut length = 0usize;
    let mut i = 0usize;
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            let run_end = chars.iter().skip(i).position(|c| !c.is_whitespace()).map_or(chars.len(), |n| i.saturating_add(n));
            let before = value.chars().next_back().is_some_and(is_ideograph);
            let after = chars.get(run_end).copied().is_some_and(is_ideograph);
            if !(before && after) {
                return Err(err(ErrorCode::NameBadChar));
            }
            i = run_end;
            continue;
        }
        value.push(c);
        length = length.saturating_add(1);
        i = i.saturating_add(1);
    }
    if value.chars().any(|c| c != MIDDLE_DOT && !is_ideograph(c)) {
        return Err(err(ErrorCode::NameBadChar));
    }
    let first_or_last_dot = value.starts_with(MIDDLE_DOT) || value.ends_with(MIDDLE_DOT);
    if first_or_last_dot || value.chars().zip(value.chars().skip(1)).any(|(a, b)| a == MIDDLE_DOT && b == MIDDLE_DOT) {
        return Err(err(ErrorCode::NameBadDot));
    }
    if length < MIN_CHARS {
        return Err(err(ErrorCode::NameTooShort));
    }
    if length > MAX_CHARS {
        return Err(err(ErrorCode::NameTooLong));
    }
    let minority_name = value.chars().any(|c| c == MIDDLE_DOT);
    let changed = value != input;
    Ok(NameCheck { value, changed, length, minority_name })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(s: &str) -> &'static str {
        match check_name(s) {
            Ok(_) => "OK",
            Err(e) => e.code.as_str(),
        }
    }

    #[test]
    fn codes_in_order() {
        let table: &[(&str, &str)] = &[
            ("", "NAME_EMPTY"),
            (" \u{3000} ", "NAME_EMPTY"),
            ("张三", "OK"),
            ("Zhang San", "NAME_BAD_CHAR"),
            // Whitespace is dropped only between two ideographs, not next to a dot.
            ("张 ·三", "NAME_BAD_CHAR"),
            ("张· 三", "NAME_BAD_CHAR"),
            ("张3", "NAME_BAD_CHAR"),
            ("张 a", "NAME_BAD_CHAR"),
            ("张\u{200b}三", "NAME_BAD_CHAR"),
            ("张·", "NAME_BAD_DOT"),
            ("·张三", "NAME_BAD_DOT"),
            ("阿卜杜拉··买买提", "NAME_BAD_DOT"),
            ("阿卜杜拉· ·买买提", "NAME_BAD_CHAR"),
            ("张", "NAME_TOO_SHORT"),
            ("〇", "NAME_TOO_SHORT"),
            ("阿卜杜拉·买买提", "OK"),
        ];
        for (input, want) in table {
            assert_eq!(code(input), *want, "{input:?}");
        }
    }

    #[test]
    fn normalises_dots_and_spaces_between_ideographs() {
        for variant in ['•', '・', '･', '‧', '⋅', '∙', '．', '\u{2E31}', '\u{0387}'] {
            let r = check_name(&format!("阿卜杜拉{variant}买买提")).unwrap();
            assert_eq!(r.value, "阿卜杜拉·买买提");
            assert!(r.changed && r.minority_name);
        }
        let r = check_name(" 张\u{3000}三 ").unwrap();
        assert_eq!(r.value, "张三");
        assert!(r.changed);
        assert_eq!(r.length, 2);
        assert!(!check_name("张三").unwrap().changed);
    }

    #[test]
    fn lengths_count_scalar_values_and_rare_characters_pass() {
        // U+20BB7 (𠮷) is outside the BMP: one character, two UTF-16 units.
        let r = check_name("𠮷野").unwrap();
        assert_eq!(r.length, 2);
        assert_eq!(code(&"𠮷".repeat(30)), "OK");
        assert_eq!(code(&"𠮷".repeat(31)), "NAME_TOO_LONG");
        assert_eq!(code(&"张".repeat(31)), "NAME_TOO_LONG");
        assert_eq!(code("㐀〇"), "OK");
    }

    proptest! {
        #[test]
        fn any_input_gives_a_card_name_or_a_name_error(s in "\\PC{0,40}") {
            match check_name(&s) {
                Ok(n) => {
                    prop_assert!((2..=30).contains(&n.value.chars().count()));
                    prop_assert!(n.value.chars().all(|c| c == MIDDLE_DOT || is_ideograph(c)), "{:?}", n.value);
                    prop_assert_eq!(check_name(&n.value).map(|a| (a.value, a.changed)), Ok((n.value.clone(), false)));
                }
                Err(e) => prop_assert!(e.field == Field::Name && e.code.as_str().starts_with("NAME_"), "{:?}", e),
            }
        }
    }
}
