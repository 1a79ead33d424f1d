//! The percent-encoding both signature versions use: UTF-8 bytes; every byte except
//! `A-Z a-z 0-9 - _ . ~` becomes `%XX` with upper-case hex. So space is `%20` (never `+`), `*` is
//! `%2A`, `~` stays, and a literal `%` is encoded like any other byte (`%25`).

use crate::prelude::*;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything except the RFC 3986 unreserved characters.
const SET: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Appends the encoding of `s` to `out`.
pub fn encode_into(out: &mut String, s: &str) {
    for chunk in utf8_percent_encode(s, SET) {
        out.push_str(chunk);
    }
}

/// Appends the encoding of `s` to `a` and to `b`, and the encoding of that encoding to `twice`
/// (what V1's string to sign holds: the canonical query string, encoded again), in one pass.
pub(crate) fn encode_twice(s: &str, a: &mut String, b: &mut String, twice: &mut String) {
    for chunk in utf8_percent_encode(s, SET) {
        a.push_str(chunk);
        b.push_str(chunk);
        // A chunk is a run of unreserved characters (unchanged by a second encoding) or one `%XX`
        // (whose `%` a second encoding writes as `%25`).
        match chunk.strip_prefix('%') {
            Some(hex) => {
                twice.push_str("%25");
                twice.push_str(hex);
            }
            None => twice.push_str(chunk),
        }
    }
}

/// The encoding of `s`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s);
    out
}

/// `encode(k)=encode(v)` for each pair, joined by `&`, in the order given.
pub fn encode_pairs<'a, I>(pairs: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut out = String::new();
    encode_pairs_into(&mut out, pairs);
    out
}

/// [`encode_pairs`] of a slice, into a string sized for it (ASCII values need no regrowth).
pub(crate) fn encode_list(pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pairs.iter().fold(0usize, |n, (k, v)| n.saturating_add(k.len()).saturating_add(v.len()).saturating_add(2)));
    encode_pairs_into(&mut out, pairs.iter().copied());
    out
}

fn encode_pairs_into<'a, I>(out: &mut String, pairs: I)
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(out, k);
        out.push('=');
        encode_into(out, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_stay() {
        let s = "ABCXYZabcxyz0189-_.~";
        assert_eq!(encode(s), s);
    }

    #[test]
    fn edge_cases() {
        assert_eq!(encode(" "), "%20");
        assert_eq!(encode("John Smith"), "John%20Smith");
        assert_eq!(encode("*"), "%2A");
        assert_eq!(encode("~"), "~");
        assert_eq!(encode("+"), "%2B");
        assert_eq!(encode("%"), "%25");
        assert_eq!(encode("%41"), "%2541");
        assert_eq!(encode("/=&?#:"), "%2F%3D%26%3F%23%3A");
        assert_eq!(encode("张三"), "%E5%BC%A0%E4%B8%89");
        assert_eq!(encode("·"), "%C2%B7");
        assert_eq!(encode("😀"), "%F0%9F%98%80");
        assert_eq!(encode(""), "");
        assert_eq!(encode("\n\t\u{0}"), "%0A%09%00");
    }

    #[test]
    fn every_ascii_byte() {
        for b in 0u8..=127 {
            let s = char::from(b).to_string();
            let e = encode(&s);
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                assert_eq!(e, s);
            } else {
                assert_eq!(e, format!("%{b:02X}"));
            }
        }
    }

    #[test]
    fn encoding_twice_is_encoding_the_encoding() {
        for s in ["", "abc", "a b", "张三", "%41", "x=y&z", "~-_.", "\u{0}😀", "2026-01-15T08:30:00Z"] {
            let (mut a, mut b, mut twice) = (String::from("a:"), String::from("b:"), String::from("t:"));
            encode_twice(s, &mut a, &mut b, &mut twice);
            assert_eq!(a, format!("a:{}", encode(s)));
            assert_eq!(b, format!("b:{}", encode(s)));
            assert_eq!(twice, format!("t:{}", encode(&encode(s))), "{s:?}");
        }
    }

    #[test]
    fn pairs() {
        assert_eq!(encode_pairs([("a b", "c*d"), ("E", "")]), "a%20b=c%2Ad&E=");
        assert_eq!(encode_pairs(std::iter::empty()), "");
    }
}
