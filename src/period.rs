//! Reporting periods (a year or a month) and calendar dates, parsed strictly from data files.

use serde::Serialize;
use std::fmt;

/// A reporting period: a calendar year (`2024`) or a month (`2025-05`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    Month(i32, u8),
}

/// A [`Period`] in four bytes instead of eight, as a figure stores it: the year (offset to be
/// non-negative) above four bits of month, 0 for a whole year. Figures' periods are parsed
/// from four digits, far inside the 2^27 years either side of 0 this holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeriodCode(u32);

const YEAR_OFFSET: i64 = 1 << 27;

impl PeriodCode {
    pub fn new(p: Period) -> PeriodCode {
        let (year, month) = match p {
            Period::Year(y) => (y, 0),
            Period::Month(y, m) => (y, m & 0x0f),
        };
        let shifted = (i64::from(year) + YEAR_OFFSET).clamp(0, (1 << 28) - 1) as u32;
        PeriodCode(shifted << 4 | u32::from(month))
    }

    pub fn get(self) -> Period {
        let year = (i64::from(self.0 >> 4) - YEAR_OFFSET) as i32;
        match (self.0 & 0x0f) as u8 {
            0 => Period::Year(year),
            m => Period::Month(year, m),
        }
    }
}

impl Period {
    /// Parses `YYYY` or `YYYY-MM`; anything else is an error message for the user.
    pub fn parse(s: &str) -> Result<Period, String> {
        let s = crate::trim::trim(s);
        let bytes = s.as_bytes();
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        // The digits were checked: their value needs no general integer parser (one per
        // figure read: 300.000 on a monthly national site).
        let value = |r: &[u8]| r.iter().fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
        if bytes.len() == 4 && digits(bytes) {
            return Ok(Period::Year(value(bytes)));
        }
        if bytes.len() == 7 && bytes[4] == b'-' && digits(&bytes[..4]) && digits(&bytes[5..]) {
            let year = value(&bytes[..4]);
            let month = value(&bytes[5..]) as u8;
            if (1..=12).contains(&month) {
                return Ok(Period::Month(year, month));
            }
            return Err(format!(
                "month {month} in period '{s}' is not between 01 and 12"
            ));
        }
        Err(format!("'{s}' is not a period"))
    }

    pub fn year(&self) -> i32 {
        match *self {
            Period::Year(y) | Period::Month(y, _) => y,
        }
    }

    /// Sort key: a year counts as its end, after every month of that year, because yearly
    /// figures in this field are year-end or cumulative ("s.d. 2024").
    pub(crate) fn sort_key(&self) -> (i32, u8) {
        match *self {
            Period::Year(y) => (y, 13),
            Period::Month(y, m) => (y, m),
        }
    }

    /// Position on a continuous time axis, in years: months at their middle, years at their end.
    pub fn axis_value(&self) -> f64 {
        match *self {
            Period::Year(y) => y as f64 + 1.0,
            Period::Month(y, m) => y as f64 + (m as f64 - 0.5) / 12.0,
        }
    }

    /// Machine form, as written in data files.
    pub fn code(&self) -> String {
        self.to_string()
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Month(y, m) => write!(f, "{y:04}-{m:02}"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Years a period or date may have. A typo such as `2204` or `0000` would otherwise be
/// accepted and move the home ranking into that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    pub first: i32,
    pub last: i32,
}

impl YearRange {
    /// 1945 (the republic's first year) to ten years after the current one.
    pub fn default_now() -> YearRange {
        YearRange {
            first: 1945,
            last: current_year() + 10,
        }
    }

    pub fn contains(&self, year: i32) -> bool {
        (self.first..=self.last).contains(&year)
    }
}

/// The calendar year of the system clock (UTC). Only validation uses it, never output, so
/// builds stay byte-identical whatever the date.
pub fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // Civil-from-days (Howard Hinnant's algorithm), year part only.
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

/// A calendar date as written in sources and front matter (`YYYY-MM-DD`, or less precise
/// `YYYY-MM` / `YYYY` for sources whose day is unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let bad = || format!("'{s}' is not a date (expected YYYY-MM-DD, e.g. 2025-08-05)");
        let year = parts.first().and_then(|p| num(p, 4)).ok_or_else(bad)? as i32;
        let month = match parts.get(1) {
            None => None,
            Some(p) => Some(num(p, 2).filter(|m| (1..=12).contains(m)).ok_or_else(bad)? as u8),
        };
        let day = match (parts.get(2), month) {
            (None, _) => None,
            (Some(p), Some(m)) => Some(
                num(p, 2)
                    .filter(|d| *d >= 1 && *d <= days_in_month(year, m) as u32)
                    .ok_or_else(bad)? as u8,
            ),
            (Some(_), None) => return Err(bad()),
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_code_gives_back_the_period_it_was_made_from() {
        for text in [
            "0000", "0001", "1999", "2024", "9999", "2025-01", "2025-12", "0001-06",
        ] {
            let p = Period::parse(text).unwrap();
            assert_eq!(PeriodCode::new(p).get(), p, "{text}");
        }
        // Years no four-digit period has still survive, month included.
        for p in [
            Period::Year(-5),
            Period::Month(-1, 3),
            Period::Year(1_000_000),
        ] {
            assert_eq!(PeriodCode::new(p).get(), p);
        }
        // A year and its December are different codes.
        assert_ne!(
            PeriodCode::new(Period::Year(2024)),
            PeriodCode::new(Period::Month(2024, 12))
        );
    }

    #[test]
    fn parses_years_and_months() {
        assert_eq!(Period::parse("2024"), Ok(Period::Year(2024)));
        assert_eq!(Period::parse("2025-05"), Ok(Period::Month(2025, 5)));
        assert!(Period::parse("2025-13").is_err());
        assert!(Period::parse("s.d. 2024").is_err());
        assert!(Period::parse("2025-5").is_err());
    }

    #[test]
    fn year_sorts_after_its_months() {
        assert!(Period::Year(2024) > Period::Month(2024, 12));
        assert!(Period::Year(2024) < Period::Month(2025, 1));
    }

    #[test]
    fn current_year_is_plausible() {
        let y = current_year();
        assert!((2026..2200).contains(&y), "{y}");
        assert!(YearRange::default_now().contains(2024));
        assert!(!YearRange::default_now().contains(2204));
        assert!(!YearRange::default_now().contains(0));
    }

    #[test]
    fn dates_are_checked() {
        assert!(Date::parse("2025-08-05").is_ok());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2025-8-5").is_err());
        assert_eq!(Date::parse("2025-08").unwrap().day, None);
    }
}
