//! Bindings of the period check, masks, hashing and the legacy upgrade: convert, call the core,
//! convert back (the protocol is in `mod.rs`).

use crate::prelude::*;
use wasm_bindgen::prelude::*;

use super::{bad_argument, fields, reply_error, today, Reply};
use crate::date;
use crate::error::Field;
use crate::period::{End, Term};

/// `checkValidityPeriod`: fields `start`, `end`, `idNumber` (may be absent), `today`. Replies
/// `start`, `end`, `expiresOn` (absent for long-term); slot 1: flags (1 changed, 2 long-term) and
/// the term in years from bit 8.
#[wasm_bindgen(js_name = periodCheck)]
pub fn period_check(packed: &str, lens: &[u32]) -> String {
    let run = || {
        let f = fields(packed, lens).filter(|f| f.len() == 4).ok_or_else(|| bad_argument(Field::Input))?;
        let get = |i: usize| f.get(i).copied().flatten();
        let today = today(get(3))?;
        crate::period::check_validity_period(get(0).unwrap_or(""), get(1).unwrap_or(""), get(2), today)
    };
    match run() {
        Ok(r) => {
            let years = match r.term {
                Term::Years(n) => u32::from(n),
                Term::LongTerm => 0,
            };
            let flags = u32::from(r.changed) | u32::from(r.term == Term::LongTerm) << 1 | years << 8;
            let expires = match r.end {
                End::Date(d) => Some(date::iso(d)),
                End::LongTerm => None,
            };
            Reply::new().field(&date::compact(r.start)).field(&r.end_value()).opt(expires.as_deref()).ok(flags)
        }
        Err(e) => reply_error(&e),
    }
}

/// `upgradeLegacyIdNumber`: replies the 18-digit number, or an error without its hint.
#[wasm_bindgen(js_name = upgradeLegacyIdNumber)]
pub fn upgrade_legacy_id_number(id15: &str) -> String {
    match crate::id_number::upgrade_legacy(id15) {
        Ok(v) => Reply::new().field(&v).ok(0),
        Err(e) => reply_error(&crate::error::CheckError { hint: None, ..e }),
    }
}

#[wasm_bindgen(js_name = maskIdNumber)]
pub fn mask_id_number(s: &str) -> String {
    crate::mask::mask_id_number(s)
}

#[wasm_bindgen(js_name = maskName)]
pub fn mask_name(s: &str) -> String {
    crate::mask::mask_name(s)
}

#[wasm_bindgen(js_name = maskMobile)]
pub fn mask_mobile(s: &str) -> String {
    crate::mask::mask_mobile(s)
}

#[wasm_bindgen(js_name = md5Hex)]
pub fn md5_hex(s: &str) -> String {
    crate::hash::md5_hex(s)
}

/// `checkBankCard`: replies the normalised number; slot 1: flags (1 changed, 2 Luhn holds) and the
/// length from bit 8. A Luhn failure is the warning `BANK_CARD_LUHN` (the JS layer adds it), not an
/// error.
#[wasm_bindgen(js_name = checkBankCard)]
pub fn check_bank_card(input: &str) -> String {
    match crate::bank_card::check_bank_card(input) {
        Ok(c) => {
            let len = u32::try_from(c.value.len()).unwrap_or(0);
            let flags = u32::from(c.changed) | u32::from(c.warnings.is_empty()) << 1 | len << 8;
            Reply::new().field(&c.value).ok(flags)
        }
        Err(e) => reply_error(&e),
    }
}

/// Loads the region names into a module built without them (the browser module); `names` is
/// the package's `region-names.js` text. False when it does not fit this module's table.
#[wasm_bindgen(js_name = loadRegionNames)]
pub fn load_region_names(names: String) -> bool {
    crate::region::load_names(names)
}
