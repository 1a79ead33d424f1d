//! First-generation 15-digit numbers: the 18-digit form inserts `19` before the two-digit birth
//! year and appends the check character (GB 11643-1999).

use crate::prelude::*;
use super::checksum;

/// The 18-digit form of 15 ASCII digits, or `None` if `id15` is not exactly 15 ASCII digits.
pub fn upgrade(id15: &str) -> Option<String> {
    let b = id15.as_bytes();
    if b.len() != 15 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut out = Vec::with_capacity(18);
    out.extend_from_slice(b.get(..6)?);
    out.extend_from_slice(b"19");
    out.extend_from_slice(b.get(6..)?);
    out.push(checksum::check_char(&out)?);
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upgrades_with_19_and_a_check_character() {
        assert_eq!(upgrade("110105491231002").as_deref(), Some("11010519491231002X"));
        assert_eq!(upgrade("11010549123100"), None);
        assert_eq!(upgrade("11010549123100X"), None);
    }
}
