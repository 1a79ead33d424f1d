//! MD5 of a field for the `ParamType=md5` mode: lower-case hex of the UTF-8 bytes.

use crate::prelude::*;
use md5::{Digest, Md5};

/// Lower-case hex encoding of `bytes`.
pub fn hex_lower(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    hex_into(&mut out, bytes);
    out
}

/// Appends the lower-case hex encoding of `bytes` to `out` (no intermediate `String`: the signer
/// hashes three times per request), 32 bytes at a time.
pub fn hex_into(out: &mut String, bytes: &[u8]) {
    let mut buf = [0u8; 64];
    for chunk in bytes.chunks(32) {
        let Some(dst) = buf.get_mut(..chunk.len().saturating_mul(2)) else { return };
        if hex::encode_to_slice(chunk, dst).is_ok() {
            out.push_str(core::str::from_utf8(dst).unwrap_or(""));
        }
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
