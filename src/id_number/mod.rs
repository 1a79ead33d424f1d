//! Resident ID numbers (GB 11643-1999): normalisation and the checks of `spec/validation.md` §1.

pub mod checksum;
pub mod normalize;

use crate::error::{CheckError, ErrorCode, Field};

/// Options of [`check_id_number`].
#[derive(Debug, Clone, Default)]
pub struct IdOptions {
    /// Accept Hong Kong, Macao and Taiwan residence permit numbers (830000 etc.).
    pub allow_residence_permit: bool,
}

/// A valid ID number in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCheck {
    /// The 18-character canonical number.
    pub value: String,
    /// Whether normalisation changed the input.
    pub changed: bool,
    /// Warning codes: valid, but worth showing.
    pub warnings: Vec<&'static str>,
}

fn err(code: ErrorCode) -> CheckError {
    CheckError::new(code, Field::IdNumber)
}

/// Checks a typed ID number and returns its canonical form or the first error.
pub fn check_id_number(input: &str, _opts: &IdOptions) -> Result<IdCheck, CheckError> {
    let (value, changed) = normalize::normalize(input);
    if value.is_empty() {
        return Err(err(ErrorCode::IdEmpty));
    }
    let bytes = value.as_bytes();
    if !bytes.iter().all(|&b| b.is_ascii_digit() || b == b'X') {
        return Err(err(ErrorCode::IdBadChar));
    }
    if bytes.len() == 15 && bytes.iter().all(u8::is_ascii_digit) {
        return Err(err(ErrorCode::IdLegacy15));
    }
    if bytes.len() != 18 {
        return Err(err(ErrorCode::IdLength));
    }
    if bytes.iter().take(17).any(|&b| b == b'X') {
        return Err(err(ErrorCode::IdBadChar));
    }
    if !checksum::is_valid(bytes) {
        return Err(err(ErrorCode::IdChecksum));
    }
    Ok(IdCheck { value, changed, warnings: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(input: &str) -> &'static str {
        match check_id_number(input, &IdOptions::default()) {
            Ok(_) => "OK",
            Err(e) => e.code.as_str(),
        }
    }

    #[test]
    fn checks_in_spec_order() {
        assert_eq!(code(""), "ID_EMPTY");
        assert_eq!(code(" \u{3000}\t"), "ID_EMPTY");
        assert_eq!(code("11010519491231002*"), "ID_BAD_CHAR");
        assert_eq!(code("110105491231002"), "ID_LEGACY_15");
        assert_eq!(code("1101051949123100"), "ID_LENGTH");
        assert_eq!(code("1101051949123100X2"), "ID_BAD_CHAR");
        assert_eq!(code("110105194912310021"), "ID_CHECKSUM");
        assert_eq!(code("11010519491231002X"), "OK");
    }

    #[test]
    fn normalises_and_says_so() {
        let r = check_id_number(" １１０１０５１９４９１２３１００２ｘ ", &IdOptions::default()).unwrap();
        assert_eq!(r.value, "11010519491231002X");
        assert!(r.changed);
        let r = check_id_number("11010519491231002X", &IdOptions::default()).unwrap();
        assert!(!r.changed);
    }
}
