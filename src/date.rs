//! Calendar dates: parsing the accepted input forms, age, and adding whole years by the rules of
//! GA 214.8-2004. Arithmetic is chrono's; the clock is never read ("today" is an input).

use crate::prelude::*;
use chrono::{Datelike, NaiveDate};

/// Parses `YYYYMMDD` or, when `separators` allows it, `YYYY-MM-DD` (and `.`/`/` when listed):
/// zero-padded, a real Gregorian date.
pub fn parse_date(s: &str, separators: &[u8]) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits: [u8; 8] = match b.len() {
        8 => b.try_into().ok()?,
        10 => {
            let sep = *b.get(4)?;
            if sep != *b.get(7)? || !separators.contains(&sep) {
                return None;
            }
            let mut d = [0u8; 8];
            for (dst, src) in d.iter_mut().zip(b.iter().enumerate().filter(|(i, _)| *i != 4 && *i != 7)) {
                *dst = *src.1;
            }
            d
        }
        _ => return None,
    };
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        digits.get(from..to)?.iter().try_fold(0u32, |acc, &d| acc.checked_mul(10)?.checked_add(u32::from(d.wrapping_sub(b'0'))))
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0, 4)?).ok()?, num(4, 6)?, num(6, 8)?)
}

/// Parses the `today` option: `YYYYMMDD` or `YYYY-MM-DD`.
pub fn parse_today(s: &str) -> Option<NaiveDate> {
    parse_date(s, b"-")
}

/// `YYYY-MM-DD`.
pub fn iso(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_year(&mut s, d.year());
    s.push('-');
    push_padded(&mut s, d.month(), 2);
    s.push('-');
    push_padded(&mut s, d.day(), 2);
    s
}

/// `YYYYMMDD`.
pub fn compact(d: NaiveDate) -> String {
    let mut s = String::with_capacity(8);
    push_year(&mut s, d.year());
    push_padded(&mut s, d.month(), 2);
    push_padded(&mut s, d.day(), 2);
    s
}

/// The astronomical year (year 0 is 1 BC) as four digits; outside 0..=9999, as ISO 8601's
/// expanded form with a sign (`+10000`, `-0001`), as chrono writes it: never a wrong year.
fn push_year(s: &mut String, year: i32) {
    match u32::try_from(year) {
        Ok(y) if y <= 9999 => push_padded(s, y, 4),
        _ => {
            s.push(if year < 0 { '-' } else { '+' });
            let abs = year.unsigned_abs();
            let width = abs.checked_ilog10().map_or(1, |l| l.saturating_add(1)).max(4);
            push_padded(s, abs, width);
        }
    }
}

fn push_padded(s: &mut String, n: u32, width: u32) {
    let mut div = 10u32.saturating_pow(width.saturating_sub(1));
    while div > 0 {
        s.push(char::from(b'0'.wrapping_add(u8::try_from(n.checked_div(div).unwrap_or(0) % 10).unwrap_or(0))));
        div /= 10;
    }
}

/// Age in whole years on `on` of someone born on `birth` (0 when `on` is before `birth`).
/// A 29 February birthday is reached on 1 March in non-leap years.
pub fn age(birth: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(birth).unwrap_or(0)
}

/// The same month and day `years` later; a 29 February start ends on 1 March in a non-leap year
/// (GA 214.8-2004).
pub fn add_years(d: NaiveDate, years: i32) -> Option<NaiveDate> {
    let y = d.year().checked_add(years)?;
    NaiveDate::from_ymd_opt(y, d.month(), d.day()).or_else(|| NaiveDate::from_ymd_opt(y, 3, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_the_accepted_forms_only() {
        assert_eq!(parse_date("20240229", b"-./"), Some(d(2024, 2, 29)));
        assert_eq!(parse_date("2024-02-29", b"-./"), Some(d(2024, 2, 29)));
        assert_eq!(parse_date("2024.02.29", b"-./"), Some(d(2024, 2, 29)));
        assert_eq!(parse_date("2024/02/29", b"-./"), Some(d(2024, 2, 29)));
        assert_eq!(parse_date("2024.02.29", b"-"), None);
        for bad in ["20230229", "19000229", "2024-2-29", "2024-02/29", "2024022", "2024+02+29", "２０２４０２２９", "", "20241301", "20240100"] {
            assert_eq!(parse_date(bad, b"-./"), None, "{bad}");
        }
        assert_eq!(parse_date("20000229", b""), Some(d(2000, 2, 29)));
    }

    #[test]
    fn formats() {
        assert_eq!(iso(d(1949, 12, 31)), "1949-12-31");
        assert_eq!(compact(d(2004, 1, 5)), "20040105");
        // Found by the `dates` fuzz target: year 0 (1 BC) was written as 0001, and years past
        // 9999 lost their leading digits.
        assert_eq!(compact(d(0, 12, 31)), "00001231");
        assert_eq!(parse_date(&compact(d(0, 12, 31)), b""), Some(d(0, 12, 31)));
        assert_eq!(iso(d(9999, 12, 31)), "9999-12-31");
        assert_eq!(iso(d(10000, 1, 1)), "+10000-01-01");
        assert_eq!(iso(d(-1, 1, 1)), "-0001-01-01");
        assert_eq!(iso(NaiveDate::MIN), NaiveDate::MIN.to_string());
        assert_eq!(iso(NaiveDate::MAX), NaiveDate::MAX.to_string());
    }

    #[test]
    fn age_counts_whole_years_and_leap_birthdays() {
        assert_eq!(age(d(2000, 2, 29), d(2018, 2, 28)), 17);
        assert_eq!(age(d(2000, 2, 29), d(2018, 3, 1)), 18);
        assert_eq!(age(d(2000, 2, 29), d(2020, 2, 29)), 20);
        assert_eq!(age(d(1990, 5, 10), d(2026, 5, 9)), 35);
        assert_eq!(age(d(1990, 5, 10), d(2026, 5, 10)), 36);
        assert_eq!(age(d(2026, 5, 10), d(2026, 5, 9)), 0);
    }

    #[test]
    fn add_years_moves_29_february_to_1_march() {
        assert_eq!(add_years(d(2008, 2, 29), 10), Some(d(2018, 3, 1)));
        assert_eq!(add_years(d(2008, 2, 29), 20), Some(d(2028, 2, 29)));
        assert_eq!(add_years(d(2010, 6, 30), 5), Some(d(2015, 6, 30)));
    }
}
