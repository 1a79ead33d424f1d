//! The thin WebAssembly layer, one protocol for every export, no JSON (see README, "Design
//! choices"):
//!
//! - **Into the core:** a call that takes several strings takes them as one string, the fields
//!   concatenated in a fixed order (defined once here or in the core's tables), plus their lengths
//!   in UTF-16 code units (`&[u32]`); [`ABSENT`] marks an absent field. Lengths, not separators,
//!   so any value (a NUL included) survives.
//! - **Out of the core:** a call answers one string, the fields concatenated, and writes a status
//!   and the fields' UTF-16 lengths into the `REPLY` scratch slots (`[0]` status, `[1]` an extra
//!   number, `[2]` field count, `[3..]` lengths), which the JS layer reads without a copy. Status 0
//!   is success; `1 + i` is `ErrorCode::ALL[i]` (`[1]` = its field index, one field: the hint or
//!   ""), `SIGN_ERROR + i` is `SignError::ALL[i]`.
//! - **Hot checks** (`idCheck`, `mobileCheck`, `nameCheck`) answer a status number and numeric
//!   facts in the `NUMS` slots (`fast.rs`).
//! - **Static tables** (error messages, field names, result fields, actions) are fetched once
//!   with `catalog(section)`, NUL-joined (no table entry holds a NUL).
//!
//! No logic lives here: each function converts, calls the core, converts back.

use crate::prelude::*;
use core::sync::atomic::{AtomicU32, Ordering::Relaxed};

use wasm_bindgen::prelude::*;

use crate::error::{CheckError, ErrorCode, Field};

mod checks;
mod fast;
#[cfg(feature = "sign")]
mod requests;

pub use checks::*;
pub use fast::*;
#[cfg(feature = "sign")]
pub use requests::*;

/// The length that marks an absent field.
pub const ABSENT: u32 = u32::MAX;
/// Status base of the signer's errors.
pub const SIGN_ERROR: u32 = 1000;
/// Reply slots: status, extra, count, then up to `REPLY_SLOTS - 3` field lengths.
const REPLY_SLOTS: usize = 128;

#[allow(clippy::declare_interior_mutable_const)]
const ZERO32: AtomicU32 = AtomicU32::new(0);
// Atomics only for safe shared statics: the module is single-threaded.
static REPLY: [AtomicU32; REPLY_SLOTS] = [ZERO32; REPLY_SLOTS];

fn reply_set(slot: usize, v: u32) {
    if let Some(a) = REPLY.get(slot) {
        a.store(v, Relaxed);
    }
}

/// Address of the reply slots (`u32` each).
#[wasm_bindgen(js_name = scratchReply)]
pub fn scratch_reply() -> usize {
    REPLY.as_ptr() as usize
}

/// UTF-16 length of `s` (what JS `length` says).
pub(crate) fn utf16_len(s: &str) -> u32 {
    let n = if s.is_ascii() { s.len() } else { s.chars().map(char::len_utf16).sum() };
    u32::try_from(n).unwrap_or(ABSENT)
}

/// The byte length of the first `units` UTF-16 units of `s`, when that is a char boundary.
fn utf8_prefix(s: &str, units: u32) -> Option<usize> {
    let units = usize::try_from(units).ok()?;
    let b = s.as_bytes();
    // ASCII fast path: as many bytes as units.
    if b.get(..units).is_some_and(|p| p.is_ascii()) {
        return Some(units);
    }
    let mut seen = 0usize;
    for (i, c) in s.char_indices() {
        if seen == units {
            return Some(i);
        }
        if seen > units {
            return None;
        }
        seen = seen.saturating_add(c.len_utf16());
    }
    (seen == units).then_some(s.len())
}

/// Splits `packed` into fields by UTF-16 lengths; `None` when the lengths do not fit it.
pub(crate) fn fields<'a>(packed: &'a str, lens: &[u32]) -> Option<Vec<Option<&'a str>>> {
    let mut rest = packed;
    let mut out = Vec::with_capacity(lens.len());
    for &len in lens {
        if len == ABSENT {
            out.push(None);
            continue;
        }
        let (field, tail) = rest.split_at_checked(utf8_prefix(rest, len)?)?;
        out.push(Some(field));
        rest = tail;
    }
    rest.is_empty().then_some(out)
}

/// A reply under construction: fields appended in order, lengths recorded in `REPLY`.
pub(crate) struct Reply {
    text: String,
    n: usize,
}

impl Reply {
    pub fn new() -> Reply {
        Reply { text: String::new(), n: 0 }
    }
    /// A reply written into `text`, emptied first (its capacity kept: the signing calls reuse one
    /// buffer).
    #[cfg(feature = "sign")]
    pub fn reusing(mut text: String) -> Reply {
        text.clear();
        Reply { text, n: 0 }
    }
    fn slot(&mut self, len: u32) {
        reply_set(self.n.saturating_add(3), len);
        self.n = self.n.saturating_add(1);
    }
    pub fn field(&mut self, s: &str) -> &mut Reply {
        self.text.push_str(s);
        self.slot(utf16_len(s));
        self
    }
    pub fn opt(&mut self, s: Option<&str>) -> &mut Reply {
        match s {
            Some(s) => self.field(s),
            None => {
                self.slot(ABSENT);
                self
            }
        }
    }
    /// Status 0 with `extra` in slot 1.
    pub fn ok(&mut self, extra: u32) -> String {
        if self.n > REPLY_SLOTS.saturating_sub(3) {
            return reply_error(&CheckError::new(ErrorCode::InvalidArgument, Field::Input));
        }
        reply_set(0, 0);
        reply_set(1, extra);
        reply_set(2, u32::try_from(self.n).unwrap_or(0));
        core::mem::take(&mut self.text)
    }
}

pub(crate) fn index<T: PartialEq>(all: &[T], x: &T) -> u32 {
    all.iter().position(|y| y == x).and_then(|i| u32::try_from(i).ok()).unwrap_or(0)
}

/// An error reply: status `1 + code index`, slot 1 the field index, one field: the hint or "".
pub(crate) fn reply_error(e: &CheckError) -> String {
    reply_set(0, e.code.index().saturating_add(1));
    reply_set(1, e.field.index());
    let hint = e.hint.as_deref().unwrap_or("");
    reply_set(2, 1);
    reply_set(3, utf16_len(hint));
    hint.to_string()
}

/// Strings joined with NUL (a catalog section), without intermediate allocations.
pub(crate) fn nul_joined<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    // The server module's catalog has 13 sections (each called once per process): one body
    // through `dyn` instead of a copy of the loop per table (0.6 KB gzipped). The browser module's
    // three sections come out smaller without.
    #[cfg(feature = "sign")]
    return join_with_nul(&mut parts.into_iter() as &mut dyn Iterator<Item = &'a str>);
    #[cfg(not(feature = "sign"))]
    join_with_nul(&mut parts.into_iter())
}

#[cfg_attr(feature = "sign", inline(never))]
fn join_with_nul<'a, I: Iterator<Item = &'a str> + ?Sized>(parts: &mut I) -> String {
    let mut out = String::new();
    for (i, p) in parts.enumerate() {
        if i > 0 {
            out.push('\0');
        }
        out.push_str(p);
    }
    out
}

pub(crate) fn bad_argument(field: Field) -> CheckError {
    CheckError::new(ErrorCode::InvalidArgument, field)
}

/// The `today` option, which the JS layer always fills.
pub(crate) fn today(s: Option<&str>) -> Result<chrono::NaiveDate, CheckError> {
    s.and_then(crate::date::parse_today).ok_or_else(|| CheckError::new(ErrorCode::TodayInvalid, Field::Today))
}

/// The last reply as the JS layer reads it: status, slot 1, and the fields of `text` (for tests
/// of the protocol; the package reads the slots directly).
pub fn read_reply(text: &str) -> (u32, u32, Vec<Option<String>>) {
    let get = |i: usize| REPLY.get(i).map_or(0, |a| a.load(Relaxed));
    let n = usize::try_from(get(2)).unwrap_or(0);
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut at = 0usize;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let len = get(i.saturating_add(3));
        if len == ABSENT {
            out.push(None);
            continue;
        }
        let end = at.saturating_add(usize::try_from(len).unwrap_or(0));
        out.push(units.get(at..end).map(String::from_utf16_lossy));
        at = end;
    }
    (get(0), get(1), out)
}
