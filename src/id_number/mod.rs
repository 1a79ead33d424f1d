//! Resident ID numbers (GB 11643-1999): normalisation, the checks of `docs/validation.md` §1 in
//! their order, and what the number says (birth date, gender, age, region).

use crate::prelude::*;
pub mod checksum;
pub mod legacy;
pub mod normalize;

use alloc::borrow::Cow;
use chrono::NaiveDate;

use crate::date;
use crate::error::{CheckError, ErrorCode, Field};
use crate::region::{self, LastSeen, Region};

/// Address codes of residence permits for Hong Kong, Macao and Taiwan residents.
const RESIDENCE_PERMIT_CODES: [u32; 3] = [810000, 820000, 830000];
/// Birth dates before this are refused (ID_BIRTH_DATE_TOO_EARLY).
const EARLIEST_BIRTH: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// A code that ended this many years or more before the birth year gets a warning.
const ABOLISHED_WARNING_YEARS: u16 = 5;

/// Warning: the exact address code is not a county-level code of the table.
pub const REGION_UNRECOGNIZED: &str = "REGION_UNRECOGNIZED";
/// Warning: dated sources say the address code ended 5 or more years before the birth year.
pub const REGION_ABOLISHED_BEFORE_BIRTH: &str = "REGION_ABOLISHED_BEFORE_BIRTH";

/// Options of [`check_id_number`].
#[derive(Debug, Clone)]
pub struct IdOptions {
    /// The date the check is made on: birth dates after it are refused, ages are counted to it.
    pub today: NaiveDate,
    /// Accept Hong Kong, Macao and Taiwan residence permit numbers (810000, 820000, 830000).
    pub allow_residence_permit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

/// What a valid number says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdInfo {
    pub birth_date: NaiveDate,
    pub gender: Gender,
    /// Age in whole years on `today`.
    pub age: u32,
    /// The 6-digit address code.
    pub region_code: u32,
    /// The table's entry for the address code, if it has one.
    pub region: Option<Region>,
    /// The province (or SAR, for residence permits) name.
    pub province: &'static str,
}

impl IdInfo {
    /// The name of the address code, where the table knows it.
    pub fn region_name(&self) -> Option<&'static str> {
        self.region.and_then(|r| r.name())
    }
}

/// A valid ID number in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCheck {
    /// The 18-character canonical number.
    pub value: String,
    /// Whether normalisation changed the input.
    pub changed: bool,
    pub info: IdInfo,
    /// Warning codes: valid, but worth showing.
    pub warnings: Vec<&'static str>,
}

fn err(code: ErrorCode) -> CheckError {
    CheckError::new(code, Field::IdNumber)
}

/// The decimal value of ASCII digits (`None` on a non-digit).
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit().then_some(())?;
        acc.checked_mul(10)?.checked_add(u32::from(d.wrapping_sub(b'0')))
    })
}

/// What a valid number says, without its text or names: what [`check_id_number`] computes before
/// it copies the value and looks up the province name (the wasm fast path stops here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdFacts {
    pub birth_date: NaiveDate,
    pub gender: Gender,
    pub age: u32,
    pub region_code: u32,
    pub region: Option<Region>,
    /// [`REGION_UNRECOGNIZED`].
    pub region_unrecognized: bool,
    /// [`REGION_ABOLISHED_BEFORE_BIRTH`].
    pub abolished_before_birth: bool,
}

impl IdFacts {
    /// The warning codes, in the rules' order.
    pub fn warnings(&self) -> Vec<&'static str> {
        let mut w = Vec::new();
        if self.region_unrecognized {
            w.push(REGION_UNRECOGNIZED);
        }
        if self.abolished_before_birth {
            w.push(REGION_ABOLISHED_BEFORE_BIRTH);
        }
        w
    }

    /// The province (or SAR, for residence permits) name, where the names are loaded.
    pub fn province(&self) -> &'static str {
        if RESIDENCE_PERMIT_CODES.contains(&self.region_code) {
            return self.region.and_then(|r| r.name()).unwrap_or("");
        }
        region::province_name(self.region_code / 10000).unwrap_or("")
    }
}

/// Checks a typed ID number and returns its canonical form and what it says, or the first error.
pub fn check_id_number(input: &str, opts: &IdOptions) -> Result<IdCheck, CheckError> {
    let (value, changed, facts) = check_id_facts(input, opts)?;
    Ok(IdCheck {
        value: value.into_owned(),
        changed,
        info: IdInfo {
            birth_date: facts.birth_date,
            gender: facts.gender,
            age: facts.age,
            region_code: facts.region_code,
            region: facts.region,
            province: facts.province(),
        },
        warnings: facts.warnings(),
    })
}

/// [`check_id_number`] without allocating for an already canonical input: the canonical value
/// (borrowed from `input` when unchanged), whether it changed, and the facts.
pub fn check_id_facts<'a>(input: &'a str, opts: &IdOptions) -> Result<(Cow<'a, str>, bool, IdFacts), CheckError> {
    let (value, changed) = normalize::normalize_cow(input);
    // normalize_cow borrows only an input of digits and X: the alphabet test is done then.
    let alphabet_ok = matches!(value, Cow::Borrowed(_)) || normalize::all_digits_or_x(value.as_bytes());
    let facts = facts_of(&value, alphabet_ok, opts)?;
    Ok((value, changed, facts))
}

/// The rules of `docs/validation.md` §1 on a normalised number (`alphabet_ok`: every byte is a
/// digit or `X`).
fn facts_of(value: &str, alphabet_ok: bool, opts: &IdOptions) -> Result<IdFacts, CheckError> {
    let bytes = value.as_bytes();
    if bytes.is_empty() {
        return Err(err(ErrorCode::IdEmpty));
    }
    if !alphabet_ok {
        return Err(err(ErrorCode::IdBadChar));
    }
    if bytes.len() == 15 && bytes.iter().all(u8::is_ascii_digit) {
        let e = err(ErrorCode::IdLegacy15);
        return Err(match legacy::upgrade(value) {
            Some(upgraded) => e.with_hint(upgraded),
            None => e,
        });
    }
    if bytes.len() != 18 {
        return Err(err(ErrorCode::IdLength));
    }
    let (&last, first17) = bytes.split_last().ok_or_else(|| err(ErrorCode::IdLength))?;
    // Digits and X only (above): no check character means an X among the first 17.
    match checksum::check_char(first17) {
        None => return Err(err(ErrorCode::IdBadChar)),
        Some(c) if c != last => return Err(err(ErrorCode::IdChecksum)),
        Some(_) => {}
    }
    let birth_digits = bytes.get(6..14).ok_or_else(|| err(ErrorCode::IdLength))?;
    let birth_date = core::str::from_utf8(birth_digits)
        .ok()
        .and_then(|s| date::parse_date(s, b""))
        .ok_or_else(|| err(ErrorCode::IdBirthDateInvalid))?;
    if birth_date > opts.today {
        return Err(err(ErrorCode::IdBirthDateFuture));
    }
    if birth_date < EARLIEST_BIRTH {
        return Err(err(ErrorCode::IdBirthDateTooEarly));
    }

    let region_code = bytes.get(..6).and_then(number).ok_or_else(|| err(ErrorCode::IdRegionUnknown))?;
    let (region, region_unrecognized, abolished_before_birth) = region_of(region_code, birth_date, opts)?;
    let sequence = bytes.get(16).map_or(0, |d| d.wrapping_sub(b'0'));
    Ok(IdFacts {
        birth_date,
        gender: if sequence % 2 == 1 { Gender::Male } else { Gender::Female },
        age: date::age(birth_date, opts.today),
        region_code,
        region,
        region_unrecognized,
        abolished_before_birth,
    })
}

/// The 18-digit form of a first-generation 15-digit number (normalised as for [`check_id_number`]).
/// The result still has to pass [`check_id_number`] (birth date, region).
pub fn upgrade_legacy(id15: &str) -> Result<String, CheckError> {
    let (value, _) = normalize::normalize(id15);
    if value.is_empty() {
        return Err(err(ErrorCode::IdEmpty));
    }
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(ErrorCode::IdBadChar));
    }
    legacy::upgrade(&value).ok_or_else(|| err(ErrorCode::IdLength))
}

/// Whether a (normalised) 18-character number is a Hong Kong, Macao or Taiwan residence permit
/// number (address code 810000, 820000 or 830000).
pub fn is_residence_permit(id: &str) -> bool {
    id.get(0..6).and_then(|c| c.parse::<u32>().ok()).is_some_and(|c| RESIDENCE_PERMIT_CODES.contains(&c))
}

/// Step 10 of the rules: the address code's entry, and its two warnings.
fn region_of(code: u32, birth: NaiveDate, opts: &IdOptions) -> Result<(Option<Region>, bool, bool), CheckError> {
    let province_code = code / 10000;
    if RESIDENCE_PERMIT_CODES.contains(&code) {
        if !opts.allow_residence_permit {
            return Err(err(ErrorCode::IdNotMainland));
        }
        return Ok((region::lookup(code), false, false));
    }
    if !region::is_mainland_province(province_code) {
        return Err(err(ErrorCode::IdRegionUnknown));
    }
    let entry = region::lookup(code);
    let county = entry.is_some_and(|r| region::is_county_level(r.code));
    // A county-level entry answers for its prefix: the prefix search only when there is none.
    if !county && !region::prefix_has_county(code / 100) {
        return Err(err(ErrorCode::IdRegionUnknown));
    }
    let unrecognized = !county;
    let abolished = match entry.map(|r| r.last_seen) {
        Some(LastSeen::Year(last)) => {
            let birth_year = u16::try_from(chrono::Datelike::year(&birth)).unwrap_or(0);
            last.saturating_add(ABOLISHED_WARNING_YEARS) <= birth_year
        }
        _ => false,
    };
    Ok((entry, unrecognized, abolished))
}

#[cfg(test)]
mod tests;
