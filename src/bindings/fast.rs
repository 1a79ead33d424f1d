//! The hot checks without JSON: a check answers a status number and writes its facts into a small
//! scratch area of the module's memory, which the JS layer reads and turns into the result object
//! (strings it needs more than once — messages, region names — it fetches once and caches).
//! This keeps `checkIdNumber`, `checkMobile` and `checkName` to one call across the boundary.
//!
//! Status: 0 = valid; otherwise 1 + the index of the error code in `ErrorCode::ALL`.
//! `NUMS` slots, per check:
//! - ID: [1] flags (1 changed, 2 male, 4 REGION_UNRECOGNIZED, 8 REGION_ABOLISHED_BEFORE_BIRTH),
//!   [2] birth date as YYYYMMDD, [3] age, [4] region code, [5] province code;
//!   on error [1] = field index and the hint (if any) in `BYTES`.
//! - mobile: [1] flags (1 changed, 2 mvno, 4 data card, 8 satellite), [2] carrier index.
//! - name: [1] flags (1 changed, 2 minority name), [2] length in characters.
//!
//! Slot 0 holds the byte length of the value (or hint) written to `BYTES`, when it differs from
//! the input.

use crate::prelude::*;
use core::sync::atomic::{AtomicU32, AtomicU8, Ordering::Relaxed};

use chrono::Datelike;
use wasm_bindgen::prelude::*;

use crate::error::{CheckError, ErrorCode, Field};
use crate::mobile::{Carrier, Kind};

const CARRIERS: [Carrier; 4] = [Carrier::Cmcc, Carrier::Cucc, Carrier::Ctcc, Carrier::Cbn];
const NUM_SLOTS: usize = 8;
const BYTE_SLOTS: usize = 256;

#[allow(clippy::declare_interior_mutable_const)]
const ZERO32: AtomicU32 = AtomicU32::new(0);
#[allow(clippy::declare_interior_mutable_const)]
const ZERO8: AtomicU8 = AtomicU8::new(0);
// Atomics only for safe shared statics: the module is single-threaded.
static NUMS: [AtomicU32; NUM_SLOTS] = [ZERO32; NUM_SLOTS];
static BYTES: [AtomicU8; BYTE_SLOTS] = [ZERO8; BYTE_SLOTS];

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

fn index<T: PartialEq>(all: &[T], x: &T) -> u32 {
    all.iter().position(|y| y == x).and_then(|i| u32::try_from(i).ok()).unwrap_or(0)
}

fn error_status(e: &CheckError) -> u32 {
    set(1, index(Field::ALL, &e.field));
    match &e.hint {
        Some(h) => set_bytes(h),
        None => set(0, 0),
    }
    index(ErrorCode::ALL, &e.code).saturating_add(1)
}

/// Address of the numeric scratch slots (`u32` each).
#[wasm_bindgen(js_name = scratchNums)]
pub fn scratch_nums() -> usize {
    NUMS.as_ptr() as usize
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
        0 => nul_joined(ErrorCode::ALL.iter().flat_map(|c| [c.as_str(), c.message(), c.message_zh()])),
        1 => nul_joined(Field::ALL.iter().map(|f| f.as_str())),
        2 => nul_joined(CARRIERS.iter().map(|c| c.as_str())),
        #[cfg(feature = "sign")]
        n => super::requests::catalog_section(n),
        #[cfg(not(feature = "sign"))]
        _ => String::new(),
    }
}

/// The name of a region code, or "" when the table has none (or the names are not loaded).
#[wasm_bindgen(js_name = regionName)]
pub fn region_name(code: u32) -> String {
    crate::region::lookup(code).and_then(|r| r.name()).unwrap_or("").to_string()
}

/// `checkIdNumber`: see the module docs for the scratch layout. `today` is YYYYMMDD as a number
/// (0 or an impossible date: TODAY_INVALID), so no second string crosses the boundary.
#[wasm_bindgen(js_name = idCheck)]
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
    match crate::id_number::check_id_number(input, &opts) {
        Ok(r) => {
            let i = &r.info;
            let mut flags = u32::from(r.changed) | u32::from(i.gender == crate::id_number::Gender::Male) << 1;
            for w in &r.warnings {
                flags |= match *w {
                    crate::id_number::REGION_UNRECOGNIZED => 4,
                    crate::id_number::REGION_ABOLISHED_BEFORE_BIRTH => 8,
                    _ => 0,
                };
            }
            let b = i.birth_date;
            let ymd = u32::try_from(b.year()).unwrap_or(0).saturating_mul(10000).saturating_add(b.month().saturating_mul(100)).saturating_add(b.day());
            set(1, flags);
            set(2, ymd);
            set(3, i.age);
            set(4, i.region_code);
            set(5, i.region_code / 10000);
            set_value(r.changed, &r.value);
            0
        }
        Err(e) => error_status(&e),
    }
}

/// `checkMobile`: see the module docs for the scratch layout.
#[wasm_bindgen(js_name = mobileCheck)]
pub fn mobile_check(input: &str) -> u32 {
    match crate::mobile::check_mobile(input) {
        Ok(r) => {
            let flags = u32::from(r.changed)
                | u32::from(r.kind == Kind::Mvno) << 1
                | u32::from(r.kind == Kind::DataCard) << 2
                | u32::from(r.kind == Kind::Satellite) << 3;
            set(1, flags);
            set(2, index(&CARRIERS, &r.carrier));
            set_value(r.changed, &r.value);
            0
        }
        Err(e) => error_status(&e),
    }
}

/// `checkName`: see the module docs for the scratch layout.
#[wasm_bindgen(js_name = nameCheck)]
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
