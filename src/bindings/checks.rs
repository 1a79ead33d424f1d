//! Bindings of the checks, masks and hashing: convert, call the core, convert back.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{failed, options, passed, returned, thrown, today};
use crate::date;
use crate::period::{End, Term};

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct PeriodInputJs {
    start: Option<String>,
    end: Option<String>,
    id_number: Option<String>,
    today: Option<String>,
}

#[derive(Serialize)]
struct PeriodValueJs {
    start: String,
    end: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PeriodInfoJs {
    term_years: Option<u8>,
    long_term: bool,
    expires_on: Option<String>,
}

#[wasm_bindgen(js_name = checkValidityPeriod)]
pub fn check_validity_period(input: &str) -> String {
    let run = || {
        let i: PeriodInputJs = options(input)?;
        let today = today(i.today.as_deref())?;
        crate::period::check_validity_period(
            i.start.as_deref().unwrap_or(""),
            i.end.as_deref().unwrap_or(""),
            i.id_number.as_deref(),
            today,
        )
    };
    match run() {
        Ok(r) => {
            let value = PeriodValueJs { start: date::compact(r.start), end: r.end_value() };
            let info = PeriodInfoJs {
                term_years: match r.term {
                    Term::Years(n) => Some(n),
                    Term::LongTerm => None,
                },
                long_term: r.term == Term::LongTerm,
                expires_on: match r.end {
                    End::Date(d) => Some(date::iso(d)),
                    End::LongTerm => None,
                },
            };
            passed(value, info, &[], r.changed)
        }
        Err(e) => failed(&e),
    }
}

#[wasm_bindgen(js_name = upgradeLegacyIdNumber)]
pub fn upgrade_legacy_id_number(id15: &str) -> String {
    match crate::id_number::upgrade_legacy(id15) {
        Ok(v) => returned(v),
        Err(e) => thrown(&e),
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

/// `checkBankCard`: `{ ok, value, info: { length, luhn }, warnings, changed }` or `{ ok: false, error }`.
/// A Luhn failure is the warning `BANK_CARD_LUHN`, not an error.
#[wasm_bindgen(js_name = checkBankCard)]
pub fn check_bank_card(input: &str) -> String {
    #[derive(serde::Serialize)]
    struct Info {
        length: usize,
        luhn: bool,
    }
    match crate::bank_card::check_bank_card(input) {
        Ok(c) => {
            let info = Info { length: c.value.len(), luhn: c.warnings.is_empty() };
            passed(&c.value, info, &c.warnings, c.changed)
        }
        Err(e) => failed(&e),
    }
}
