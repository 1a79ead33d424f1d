//! The md5 forms of `ParamType=md5`, per field as each official model's field comment states it
//! (`docs/family-actions.md`): the builder checks and normalises the plaintext first, then writes
//! the form below. All hashes are the lower-case hex MD5 of the UTF-8 bytes.
//!
//! A caller that already holds the hashed values passes `paramType: "md5-hashed"`: then
//! [`check_hashed`] only checks each value's shape and it is sent as given (hex lower-cased).

use crate::prelude::*;
use crate::error::{CheckError, ErrorCode, Field};
use crate::hash::md5_hex;

/// How one parameter is written when `ParamType=md5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Md5Form {
    /// md5 of the whole value: 32 hex characters.
    Full,
    /// ID number: the first 6 characters plain + md5 of the 8-digit birth date + the last 4 plain
    /// (42 characters; a final `X` stays as sent).
    IdBirthDate,
    /// Name: md5 of the first character (code point) + the remaining characters plain.
    NameFirstChar,
    /// Bank card: every digit but the last 6 plain + md5 of the last 6.
    CardLast6,
    /// Sent in plaintext even in md5 mode (dates, enumerations, constants).
    Plain,
}

impl Md5Form {
    /// The form's name as the docs write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Md5Form::Full => "md5",
            Md5Form::IdBirthDate => "id6+md5(birth8)+last4",
            Md5Form::NameFirstChar => "md5(char1)+rest",
            Md5Form::CardLast6 => "prefix+md5(last6)",
            Md5Form::Plain => "plain",
        }
    }

    /// Writes `value` (already checked and normalised) in this form. A value too short for a
    /// partial form (which the checks never let through) is hashed whole.
    pub fn apply(self, value: &str) -> String {
        match self {
            Md5Form::Full => md5_hex(value),
            Md5Form::Plain => value.to_string(),
            Md5Form::IdBirthDate => match (value.get(..6), value.get(6..14), value.get(14..)) {
                (Some(head), Some(birth), Some(tail)) if value.len() == 18 => [head, &md5_hex(birth), tail].concat(),
                _ => md5_hex(value),
            },
            Md5Form::NameFirstChar => {
                let mut chars = value.chars();
                match chars.next() {
                    Some(first) => {
                        let mut buf = [0u8; 4];
                        [md5_hex(first.encode_utf8(&mut buf)).as_str(), chars.as_str()].concat()
                    }
                    None => md5_hex(value),
                }
            }
            Md5Form::CardLast6 => match value.len().checked_sub(6).and_then(|cut| Some((value.get(..cut)?, value.get(cut..)?))) {
                Some((head, last6)) => [head, &md5_hex(last6)].concat(),
                None => md5_hex(value),
            },
        }
    }
}

fn is_hex32(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Checks that `value` is already in `form` (for `paramType: "md5-hashed"`) and returns it with
/// the hex lower-cased. Errors name `field` and never repeat the value.
pub fn check_hashed(form: Md5Form, value: &str, field: Field) -> Result<String, CheckError> {
    let bad = || CheckError::new(ErrorCode::Md5FormInvalid, field);
    let v = value.trim();
    let ok = match form {
        Md5Form::Plain => return Ok(value.to_string()),
        Md5Form::Full => is_hex32(v),
        Md5Form::IdBirthDate => {
            v.len() == 42
                && v.get(..6).is_some_and(|h| h.bytes().all(|b| b.is_ascii_digit()))
                && v.get(6..38).is_some_and(is_hex32)
                && v.get(38..).is_some_and(|t| t.bytes().enumerate().all(|(i, b)| b.is_ascii_digit() || (i == 3 && (b == b'X' || b == b'x'))))
        }
        Md5Form::NameFirstChar => v.get(..32).is_some_and(is_hex32) && v.get(32..).is_some_and(|rest| !rest.is_empty() && !rest.chars().any(char::is_whitespace)),
        Md5Form::CardLast6 => {
            let cut = v.len().saturating_sub(32);
            (7..=13).contains(&cut) && v.get(..cut).is_some_and(|h| h.bytes().all(|b| b.is_ascii_digit())) && v.get(cut..).is_some_and(is_hex32)
        }
    };
    if !ok {
        return Err(bad());
    }
    Ok(match form {
        // Only the hex part is lower-cased; a name's plain rest is left alone and an X kept upper.
        Md5Form::IdBirthDate => {
            let mut out = String::with_capacity(v.len());
            out.push_str(v.get(..6).unwrap_or(""));
            out.push_str(&v.get(6..38).unwrap_or("").to_ascii_lowercase());
            out.push_str(&v.get(38..).unwrap_or("").to_ascii_uppercase());
            out
        }
        Md5Form::NameFirstChar => {
            let mut out = v.get(..32).unwrap_or("").to_ascii_lowercase();
            out.push_str(v.get(32..).unwrap_or(""));
            out
        }
        _ => v.to_ascii_lowercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values computed independently (Python hashlib / node:crypto on the UTF-8 bytes),
    // never with this crate's md5_hex.
    const MD5_19491231: &str = "f8817a477938df5a3e7763cadc5a9abb";

    #[test]
    fn forms_follow_the_field_comments() {
        // The API metadata example of Id2MetaVerify UserName: 张三 -> 6499fc7409049355527ef6a2ba5706b8三.
        assert_eq!(Md5Form::NameFirstChar.apply("张三"), "6499fc7409049355527ef6a2ba5706b8三");
        // md5("张三") = 615db57aa314529aaa0fbe95b3e95bd3 (UTF-8).
        assert_eq!(Md5Form::Full.apply("张三"), "615db57aa314529aaa0fbe95b3e95bd3");
        assert_eq!(Md5Form::IdBirthDate.apply("11010519491231002X"), format!("110105{MD5_19491231}002X"));
        // md5("112233") = d0970714757783e6cf17b26fb8e2298f
        assert_eq!(Md5Form::CardLast6.apply("6222020200112233"), "6222020200d0970714757783e6cf17b26fb8e2298f");
    }

    #[test]
    fn plain_is_untouched() {
        assert_eq!(Md5Form::Plain.apply("长期"), "长期");
    }

    #[test]
    fn hashed_shapes() {
        let id = format!("110105{MD5_19491231}002x");
        assert_eq!(check_hashed(Md5Form::IdBirthDate, &id, Field::IdNumber).unwrap(), format!("110105{MD5_19491231}002X"));
        assert_eq!(check_hashed(Md5Form::Full, "615DB57AA314529AAA0FBE95B3E95BD3", Field::Name).unwrap(), "615db57aa314529aaa0fbe95b3e95bd3");
        assert_eq!(check_hashed(Md5Form::NameFirstChar, "6499FC7409049355527EF6A2BA5706B8三", Field::Name).unwrap(), "6499fc7409049355527ef6a2ba5706b8三");
        for (form, bad) in [
            (Md5Form::Full, "13812345678"),
            (Md5Form::Full, "615db57aa314529aaa0fbe95b3e95bdz"),
            (Md5Form::IdBirthDate, "11010519491231002X"),
            (Md5Form::NameFirstChar, "6499fc7409049355527ef6a2ba5706b8"),
            (Md5Form::NameFirstChar, "张三"),
            (Md5Form::CardLast6, "6222020200112233"),
        ] {
            let e = check_hashed(form, bad, Field::Input).unwrap_err();
            assert_eq!(e.code, ErrorCode::Md5FormInvalid, "{bad}");
        }
    }
}
