//! MD5 of a field for the `ParamType=md5` mode: lower-case hex of the UTF-8 bytes.

use crate::prelude::*;
use md5::{Digest, Md5};

/// Lower-case hex encoding of `bytes`.
pub fn hex_lower(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    hex_into(&mut out, bytes);
    out
}

/// Appends the lower-case hex encoding of `bytes` to `out` (a table lookup per nibble, no iterator
/// adaptor: the signer hashes three times per request).
pub fn hex_into(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digit = |n: u8| char::from(DIGITS.get(usize::from(n & 15)).copied().unwrap_or(b'0'));
    for &b in bytes {
        out.push(digit(b >> 4));
        out.push(digit(b));
    }
}

/// 32-character lower-case hex MD5 of the UTF-8 bytes of `s`.
pub fn md5_hex(s: &str) -> String {
    hex_lower(&Md5::digest(s.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc1321_vectors() {
        assert_eq!(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
    }

    #[test]
    fn hashes_utf8_bytes_not_utf16() {
        // 张三 as UTF-8 (e5 bc a0 e4 b8 89); a UTF-16 hash would differ.
        assert_eq!(md5_hex("张三"), "615db57aa314529aaa0fbe95b3e95bd3");
    }
}
