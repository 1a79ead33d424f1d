//! What signing keeps from one request to the next without changing a byte of any result: the
//! SHA-256 state after the leading blocks of the last V3 canonical request that hold only the
//! method, the host, the access key id and the action (hashing the same bytes again gives the same
//! state). Nothing secret and nothing personal: the secret is not kept (keying its HMAC anew costs
//! two blocks a request; SECURITY.md promises the secret is never stored beyond the call), and the
//! state is kept only for a canonical request without a query, whose start holds no parameter.

use crate::prelude::*;
use sha2::{Digest, Sha256};

/// Caches for [`super::sign_with_cache`]; `SigningCache::new()` is empty (what [`super::sign`]
/// uses each time).
#[derive(Clone, Default)]
pub struct SigningCache {
    prefix: Option<(Vec<u8>, Sha256)>,
}

impl core::fmt::Debug for SigningCache {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SigningCache").field("prefix_bytes", &self.prefix.as_ref().map(|(p, _)| p.len())).finish()
    }
}

impl SigningCache {
    pub const fn new() -> SigningCache {
        SigningCache { prefix: None }
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
        let long: Vec<u8> = (0..300u32).map(|i| (i * 7 % 251) as u8).collect();
        for (msg, prefix) in [(&long[..], 130), (&long[..], 130), (&long[..200], 130), (&long[..], 0), (&long[..], 64), (&long[..10], 130), (&long[..], 1000)] {
            assert_eq!(cache.sha256_after_prefix(msg, prefix)[..], Sha256::digest(msg)[..], "{} {prefix}", msg.len());
        }
        let mut other = long.clone();
        other[5] ^= 1;
        assert_eq!(cache.sha256_after_prefix(&other, 130)[..], Sha256::digest(&other)[..], "a changed prefix is hashed anew");
        assert_eq!(format!("{cache:?}"), "SigningCache { prefix_bytes: Some(128) }");
    }
}
