//! `registerDate` of MobileRecycledMetaVerify: when the user registered the mobile number with
//! you, a real date as `YYYYMMDD` (or `YYYY-MM-DD`), not after today (an input, never the clock).

use chrono::NaiveDate;

use crate::date;
use crate::error::{CheckError, ErrorCode, Field};

/// The date, or `REGISTER_DATE_INVALID` / `REGISTER_DATE_FUTURE`.
pub fn check_register_date(input: &str, today: NaiveDate) -> Result<NaiveDate, CheckError> {
    let d = date::parse_date(input.trim(), b"-").ok_or_else(|| CheckError::new(ErrorCode::RegisterDateInvalid, Field::RegisterDate))?;
    if d > today {
        return Err(CheckError::new(ErrorCode::RegisterDateFuture, Field::RegisterDate));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn real_dates_up_to_today() {
        let today = day(2026, 11, 22);
        assert_eq!(check_register_date("20240229", today).unwrap(), day(2024, 2, 29));
        assert_eq!(check_register_date("2024-02-29", today).unwrap(), day(2024, 2, 29));
        assert_eq!(check_register_date("20261122", today).unwrap(), today, "today itself is fine");
        for (bad, code) in [
            ("20230229", "REGISTER_DATE_INVALID"),
            ("20261301", "REGISTER_DATE_INVALID"),
            ("2026112", "REGISTER_DATE_INVALID"),
            ("", "REGISTER_DATE_INVALID"),
            ("2026/11/21", "REGISTER_DATE_INVALID"),
            ("20261123", "REGISTER_DATE_FUTURE"),
        ] {
            assert_eq!(check_register_date(bad, today).unwrap_err().code.as_str(), code, "{bad}");
        }
    }
}
