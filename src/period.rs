//! ID card validity periods (`docs/validation.md` §4): input forms, long-term tokens, the term by
//! age at application (居民身份证法 Art. 5), end dates by GA 214.8-2004, expiry against today.

use crate::prelude::*;
use chrono::NaiveDate;

use crate::date;
use crate::error::{CheckError, ErrorCode, Field};
use crate::id_number::{check_id_number, IdOptions};

/// The long-term end date, as the English API reference writes it.
pub const LONG_TERM: &str = "long-term";
/// Ways people and systems write a long-term end date.
const LONG_TERM_TOKENS: [&str; 6] = [LONG_TERM, "长期", "长期有效", "長期", "長期有效", "00000000"];
/// Days allowed between application and issue (Art. 12: 60 + 30).
const APPLICATION_TO_ISSUE_DAYS: u32 = 90;
/// Plausible years for a date of this card generation.
const YEARS: core::ops::RangeInclusive<i32> = 1900..=2199;

/// The term of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Years(u8),
    LongTerm,
}

/// The end of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Date(NaiveDate),
    LongTerm,
}

/// A valid period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodCheck {
    pub start: NaiveDate,
    pub end: End,
    pub term: Term,
    /// Whether normalisation changed either input.
    pub changed: bool,
}

impl PeriodCheck {
    /// `YYYYMMDD` or `long-term`.
    pub fn end_value(&self) -> String {
        match self.end {
            End::Date(d) => date::compact(d),
            End::LongTerm => LONG_TERM.to_string(),
        }
    }
}

/// The term the law gives for an age at application.
pub fn term_for_age(age: u32) -> Term {
    match age {
        0..=15 => Term::Years(5),
        16..=25 => Term::Years(10),
        26..=45 => Term::Years(20),
        _ => Term::LongTerm,
    }
}

/// The earliest application date for a card that starts on `start`: [`APPLICATION_TO_ISSUE_DAYS`]
/// before it (`start` itself at the start of chrono's range). A day at a time, with chrono's
/// `pred_opt`: its general day arithmetic (`checked_sub_signed`, `checked_sub_days`) brought
/// 400-year cycle code and tables into the modules for this one subtraction (measured: the browser
/// module 0.9 KB gzipped, with what its panics name).
fn earliest_application(start: NaiveDate) -> NaiveDate {
    (0..APPLICATION_TO_ISSUE_DAYS).try_fold(start, |d, _| d.pred_opt()).unwrap_or(start)
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    date::parse_date(s, b"-./").filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
}

fn parse_end(s: &str) -> Option<End> {
    if LONG_TERM_TOKENS.iter().any(|t| t.eq_ignore_ascii_case(s)) {
        return Some(End::LongTerm);
    }
    parse_day(s).map(End::Date)
}

/// Checks a validity period. With `id_number`, the number is checked first (its own error is
/// returned), and the start and the term are checked against its birth date.
pub fn check_validity_period(start: &str, end: &str, id_number: Option<&str>, today: NaiveDate) -> Result<PeriodCheck, CheckError> {
    let birth = match id_number {
        Some(n) => Some(check_id_number(n, &IdOptions { today, allow_residence_permit: false })?.info.birth_date),
        None => None,
    };
    let start_in = start.trim();
    let end_in = end.trim();
    let start_date = parse_day(start_in).ok_or_else(|| CheckError::new(ErrorCode::PeriodStartInvalid, Field::ValidityStart))?;
    let end_parsed = parse_end(end_in).ok_or_else(|| CheckError::new(ErrorCode::PeriodEndInvalid, Field::ValidityEnd))?;
    let start_err = |code| CheckError::new(code, Field::ValidityStart);
    let end_err = |code| CheckError::new(code, Field::ValidityEnd);

    if birth.is_some_and(|b| start_date < b) {
        return Err(start_err(ErrorCode::PeriodStartBeforeBirth));
    }
    if start_date > today {
        return Err(start_err(ErrorCode::PeriodStartInFuture));
    }
    if start_date < NaiveDate::from_ymd_opt(2004, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(start_err(ErrorCode::PeriodStartBeforeGen2));
    }
    let term = match end_parsed {
        End::LongTerm => Term::LongTerm,
        End::Date(e) => {
            if e < start_date {
                return Err(end_err(ErrorCode::PeriodEndBeforeStart));
            }
            [5u8, 10, 20]
                .into_iter()
                .find(|&n| date::add_years(start_date, i32::from(n)) == Some(e))
                .map(Term::Years)
                .ok_or_else(|| end_err(ErrorCode::PeriodEndMismatch))?
        }
    };
    if let Some(b) = birth {
        let applied_earliest = earliest_application(start_date);
        let allowed = [term_for_age(date::age(b, start_date)), term_for_age(date::age(b, applied_earliest))];
        if !allowed.contains(&term) {
            return Err(end_err(ErrorCode::PeriodTermAgeMismatch));
        }
    }
    if let End::Date(e) = end_parsed {
        if e < today {
            return Err(end_err(ErrorCode::PeriodExpired));
        }
    }
    let result = PeriodCheck { start: start_date, end: end_parsed, term, changed: false };
    let changed = date::compact(start_date) != start || result.end_value() != end;
    Ok(PeriodCheck { changed, ..result })
}

#[cfg(test)]
mod tests;
