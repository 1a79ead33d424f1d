//! The hot checks without JSON: a check answers a status number and writes its facts into a small
//! scratch area of the module's memory, which the JS layer reads and turns into the result object
//! (strings it needs more than once — messages, region names — it fetches once and caches).
//! This keeps `checkIdNumber`, `checkMobile` and `checkName` to one call across the boundary.
//!
//! Status: 0 = valid; otherwise 1 + the index of the error code in `ErrorCode::ALL`.
//! `NUMS` slots, per check:
//! - ID: [1] flags (1 changed, 2 male, 4 REGION_UNRECOGNIZED, 8 REGION_ABOLISHED_BEFORE_BIRTH),
//!   [2] birth date as YYYYMMDD, [3] age, [4] region code, [5] province code (two digits),
//!   [6] the region's row in the table + 1, 0 when the table has no entry (a dense key for the
//!   JS side's name cache);
//!   on error [1] = field index and the hint (if any) in `BYTES`.
//! - mobile: [1] flags (1 changed, 2 mvno, 4 data card, 8 satellite), [2] carrier index.
//! - name: [1] flags (1 changed, 2 minority name), [2] length in characters.
//!
//! Slot 0 holds the byte length of the value (or hint) written to `BYTES`, when it differs from
//! the input.
//!
//! The input of a hot check crosses as UTF-8 in the `INPUT` area (the JS layer writes ASCII
//! directly, the rest with `TextEncoder.encodeInto`) and its byte length as the first argument: no
//! allocation, no copy through the generated glue.

use crate::prelude::*;
use core::sync::atomic::{AtomicU32, AtomicU8, Ordering::Relaxed};

use chrono::Datelike;
use wasm_bindgen::prelude::*;

use super::index;
use crate::error::{CheckError, ErrorCode, Field};
use crate::mobile::{Carrier, Kind};

const CARRIERS: [Carrier; 4] = [Carrier::Cmcc, Carrier::Cucc, Carrier::Ctcc, Carrier::Cbn];
const NUM_SLOTS: usize = 8;
const BYTE_SLOTS: usize = 256;
/// Bytes of the input area: a hot check's input is at most 256 UTF-16 units (longer ones are
/// refused in JS before they cross), at most 768 bytes of UTF-8.
const INPUT_SLOTS: usize = 1024;

#[allow(clippy::declare_interior_mutable_const)]
const ZERO32: AtomicU32 = AtomicU32::new(0);
#[allow(clippy::declare_interior_mutable_const)]
const ZERO8: AtomicU8 = AtomicU8::new(0);
// Atomics only for safe shared statics: the module is single-threaded.
static NUMS: [AtomicU32; NUM_SLOTS] = [ZERO32; NUM_SLOTS];
static BYTES: [AtomicU8; BYTE_SLOTS] = [ZERO8; BYTE_SLOTS];
/// Words, so the area is 4-aligned for the JS side's `Uint32Array` view (bytes in little-endian
/// order, as WebAssembly memory is).
static INPUT: [AtomicU32; INPUT_SLOTS / 4] = [ZERO32; INPUT_SLOTS / 4];

/// `f` over the `len` bytes of the input area, as text; `None` when they are not UTF-8 or too many
/// (never from the package's JS, which writes what `encodeInto` writes).
fn with_input<R>(len: u32, f: impl FnOnce(&str) -> R) -> Option<R> {
    let len = usize::try_from(len).ok()?;
    // A typed ID number or mobile fits the small copy; the buffer is zeroed on every call.
    if len <= 32 {
        read_input::<32, R>(len, f)
    } else {
        read_input::<INPUT_SLOTS, R>(len, f)
    }
}

fn read_input<const N: usize, R>(len: usize, f: impl FnOnce(&str) -> R) -> Option<R> {
    let mut buf = [0u8; N];
    for (chunk, word) in buf.chunks_exact_mut(4).zip(INPUT.iter()).take(len.div_ceil(4)) {
        chunk.copy_from_slice(&word.load(Relaxed).to_le_bytes());
    }
    core::str::from_utf8(buf.get(..len)?).ok().map(f)
}

/// The status of an input area that does not hold text for `field`.
fn bad_input(field: Field) -> u32 {
    error_status(&CheckError::new(ErrorCode::InvalidArgument, field))
}

fn set(slot: usize, v: u32) {
    if let Some(a) = NUMS.get(slot) {
        a.store(v, Relaxed);
    }
}

/// Writes `s` into `BYTES` (when it fits) and its length into slot 0.
fn set_bytes(s: &str) {
    let b = s.as_bytes();
    if b.len() > BYTE_SLOTS {
        set(0, 0);
        return;
    }
    for (dst, &src) in BYTES.iter().zip(b) {
        dst.store(src, Relaxed);
    }
    set(0, u32::try_from(b.len()).unwrap_or(0));
}

/// The normalised value, written only when it differs from the input (the JS side reuses the input).
fn set_value(changed: bool, value: &str) {
    if changed {
        set_bytes(value);
    } else {
        set(0, 0);
    }
}

fn error_status(e: &CheckError) -> u32 {
    set(1, e.field.index());
    match &e.hint {
        Some(h) => set_bytes(h),
        None => set(0, 0),
    }
    e.code.index().saturating_add(1)
}

/// Address of the numeric scratch slots (`u32` each).
#[wasm_bindgen(js_name = scratchNums)]
pub fn scratch_nums() -> usize {
    NUMS.as_ptr() as usize
}

/// Address of the input area (`INPUT_SLOTS` bytes).
#[wasm_bindgen(js_name = scratchInput)]
pub fn scratch_input() -> usize {
    INPUT.as_ptr() as usize
}

/// Address of the byte scratch area.
#[wasm_bindgen(js_name = scratchBytes)]
pub fn scratch_bytes() -> usize {
    BYTES.as_ptr() as usize
}

/// The static tables the JS layer caches, one section per call, entries NUL-joined:
/// 0 error codes (code, message, messageZh per code), 1 field names, 2 carriers; with the signer,
/// the sections of `requests::catalog_section`. An unknown section is "".
#[wasm_bindgen]
pub fn catalog(section: u32) -> String {
    use super::nul_joined;
    match section {
        0 => crate::error::CODES_JOINED.to_string(),
        1 => crate::error::FIELDS_JOINED.to_string(),
        2 => nul_joined(CARRIERS.iter().map(|c| c.as_str())),
        #[cfg(feature = "sign")]
        n => super::requests::catalog_section(n),
        #[cfg(not(feature = "sign"))]
        _ => String::new(),
    }
}

/// The name of a region code written into `BYTES` (UTF-8); answers its byte length, 0 when the
/// table has none (or the names are not loaded). Nothing is allocated: the first check of a fresh
/// instance compiles and runs less.
#[wasm_bindgen(js_name = regionName)]
pub fn region_name(code: u32) -> u32 {
    let mut len = 0usize;
    let found = crate::region::lookup(code).is_some_and(|r| {
        r.visit_name(|piece| {
            for b in piece.bytes() {
                if let Some(slot) = BYTES.get(len) {
                    slot.store(b, Relaxed);
                }
                len = len.saturating_add(1);
            }
        })
    });
    if found && len <= BYTE_SLOTS {
        u32::try_from(len).unwrap_or(0)
    } else {
        0
    }
}

/// `checkIdNumber` over the `len` bytes of the input area (see the module docs).
#[wasm_bindgen(js_name = idCheck)]
pub fn id_check_input(len: u32, today_ymd: u32, allow_residence_permit: bool) -> u32 {
    with_input(len, |s| id_check(s, today_ymd, allow_residence_permit)).unwrap_or_else(|| bad_input(Field::IdNumber))
}

/// `checkIdNumber`: see the module docs for the scratch layout. `today` is YYYYMMDD as a number
/// (0 or an impossible date: TODAY_INVALID), so no second string crosses the boundary.
#[inline(never)] // one copy, not one per input-buffer size
pub fn id_check(input: &str, today_ymd: u32, allow_residence_permit: bool) -> u32 {
    let date = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(today_ymd / 10000).unwrap_or(0),
        (today_ymd / 100) % 100,
        today_ymd % 100,
    )
    .filter(|_| today_ymd >= 10000);
    let today = match date {
        Some(t) => t,
        None => return error_status(&CheckError::new(ErrorCode::TodayInvalid, Field::Today)),
    };
    let opts = crate::id_number::IdOptions { today, allow_residence_permit };
    match crate::id_number::check_id_facts(input, &opts) {
        Ok((value, changed, f)) => {
            let flags = u32::from(changed)
                | u32::from(f.gender == crate::id_number::Gender::Male) << 1
                | u32::from(f.region_unrecognized) << 2
                | u32::from(f.abolished_before_birth) << 3;
            let b = f.birth_date;
            let ymd = u32::try_from(b.year()).unwrap_or(0).saturating_mul(10000).saturating_add(b.month().saturating_mul(100)).saturating_add(b.day());
            set(1, flags);
            set(2, ymd);
            set(3, f.age);
            set(4, f.region_code);
            set(5, f.region_code / 10000);
            set(6, f.region.map_or(0, |r| u32::try_from(r.row()).map_or(0, |row| row.saturating_add(1))));
            set_value(changed, &value);
            0
        }
        Err(e) => error_status(&e),
    }
}

/// `checkMobile` over the `len` bytes of the input area.
#[wasm_bindgen(js_name = mobileCheck)]
pub fn mobile_check_input(len: u32) -> u32 {
    with_input(len, mobile_check).unwrap_or_else(|| bad_input(Field::Mobile))
}

/// `checkMobile`: see the module docs for the scratch layout.
#[inline(never)] // one copy, not one per input-buffer size
pub fn mobile_check(input: &str) -> u32 {
    match crate::mobile::check_mobile_ref(input) {
        Ok((value, changed, carrier, kind)) => {
            let flags = u32::from(changed)
                | u32::from(kind == Kind::Mvno) << 1
                | u32::from(kind == Kind::DataCard) << 2
                | u32::from(kind == Kind::Satellite) << 3;
            set(1, flags);
            set(2, index(&CARRIERS, &carrier));
            set_value(changed, &value);
            0
        }
        Err(e) => error_status(&e),
    }
}

/// `checkName` over the `len` bytes of the input area.
#[wasm_bindgen(js_name = nameCheck)]
pub fn name_check_input(len: u32) -> u32 {
    with_input(len, name_check).unwrap_or_else(|| bad_input(Field::Name))
}

/// `checkName`: see the module docs for the scratch layout.
#[inline(never)] // one copy, not one per input-buffer size
pub fn name_check(input: &str) -> u32 {
    match crate::name::check_name(input) {
        Ok(r) => {
            set(1, u32::from(r.changed) | u32::from(r.minority_name) << 1);
            set(2, u32::try_from(r.length).unwrap_or(u32::MAX));
            set_value(r.changed, &r.value);
            0
        }
        Err(e) => error_status(&e),
    }
}
