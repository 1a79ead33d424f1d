//! What signing keeps from one request to the next without changing a byte of any result: the
//! keyed HMACs of the last secret (SHA-1 for V1, SHA-256 for V3; keying one hashes two blocks),
//! and the SHA-256 state after the leading blocks of the last V3 canonical request that hold only
//! the method, the host, the access key id and the action (hashing the same bytes again gives the
//! same state). A [`SigningCache`] holds the last secret: its `Debug` shows only what it holds.

use crate::prelude::*;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Caches for [`super::sign_with_cache`]; `SigningCache::new()` is empty (what [`super::sign`]
/// uses each time).
#[derive(Clone, Default)]
pub struct SigningCache {
    sha1: Option<(Vec<u8>, Hmac<Sha1>)>,
    sha256: Option<(Vec<u8>, Hmac<Sha256>)>,
    prefix: Option<(Vec<u8>, Sha256)>,
}

impl core::fmt::Debug for SigningCache {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SigningCache")
            .field("sha1_key", &self.sha1.as_ref().map(|_| "<redacted>"))
            .field("sha256_key", &self.sha256.as_ref().map(|_| "<redacted>"))
            .field("prefix_bytes", &self.prefix.as_ref().map(|(p, _)| p.len()))
            .finish()
    }
}

/// `slot`'s keyed MAC when it was keyed with `key`, else a new one, kept in `slot`. `None` when the
/// key is refused (never for HMAC, which takes a key of any length).
fn keyed<M: Mac + KeyInit + Clone>(slot: &mut Option<(Vec<u8>, M)>, key: &[u8]) -> Option<M> {
    if let Some((k, mac)) = slot {
        if k.as_slice() == key {
            return Some(mac.clone());
        }
    }
    let mac = <M as KeyInit>::new_from_slice(key).ok()?;
    *slot = Some((key.to_vec(), mac.clone()));
    Some(mac)
}

impl SigningCache {
    pub const fn new() -> SigningCache {
        SigningCache { sha1: None, sha256: None, prefix: None }
    }

    /// HMAC-SHA1 of `msg` under `key`.
    pub(super) fn hmac_sha1(&mut self, key: &[u8], msg: &[u8]) -> Option<[u8; 20]> {
        let mut mac = keyed(&mut self.sha1, key)?;
        mac.update(msg);
        Some(mac.finalize().into_bytes().into())
    }

    /// HMAC-SHA256 of `msg` under `key`.
    pub(super) fn hmac_sha256(&mut self, key: &[u8], msg: &[u8]) -> Option<[u8; 32]> {
        let mut mac = keyed(&mut self.sha256, key)?;
        mac.update(msg);
        Some(mac.finalize().into_bytes().into())
    }

    /// SHA-256 of `msg`, whose first `prefix` bytes hold nothing secret or personal: the state
    /// after its whole blocks is kept, and reused when the next message starts with them.
    pub(super) fn sha256_after_prefix(&mut self, msg: &[u8], prefix: usize) -> [u8; 32] {
        let cut = prefix.min(msg.len()) & !63; // whole 64-byte blocks
        let (head, tail) = msg.split_at_checked(cut).unwrap_or((&[], msg));
        let mut h = match &self.prefix {
            Some((bytes, state)) if bytes.as_slice() == head => state.clone(),
            _ => {
                let mut h = Sha256::new();
                h.update(head);
                if !head.is_empty() {
                    self.prefix = Some((head.to_vec(), h.clone()));
                }
                h
            }
        };
        h.update(tail);
        h.finalize().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_results_are_the_uncached_ones() {
        let mut cache = SigningCache::new();
        let keys: [&[u8]; 4] = [b"secret", b"other-secret", b"secret", &[7u8; 100]];
        for (n, key) in keys.iter().enumerate() {
            for msg in [&b""[..], b"abc", &[b'x'; 200][..]] {
                let mut m1 = <Hmac<Sha1> as KeyInit>::new_from_slice(key).unwrap();
                m1.update(msg);
                assert_eq!(cache.hmac_sha1(key, msg).unwrap()[..], m1.finalize().into_bytes()[..], "{n}");
                let mut m2 = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
                m2.update(msg);
                assert_eq!(cache.hmac_sha256(key, msg).unwrap()[..], m2.finalize().into_bytes()[..], "{n}");
            }
        }
        let long: Vec<u8> = (0..300u32).map(|i| (i * 7 % 251) as u8).collect();
        for (msg, prefix) in [(&long[..], 130), (&long[..], 130), (&long[..200], 130), (&long[..], 0), (&long[..], 64), (&long[..10], 130), (&long[..], 1000)] {
            assert_eq!(cache.sha256_after_prefix(msg, prefix)[..], Sha256::digest(msg)[..], "{} {prefix}", msg.len());
        }
        let mut other = long.clone();
        other[5] ^= 1;
        assert_eq!(cache.sha256_after_prefix(&other, 130)[..], Sha256::digest(&other)[..], "a changed prefix is hashed anew");
        assert!(!format!("{cache:?}").contains("secret"));
    }
}
