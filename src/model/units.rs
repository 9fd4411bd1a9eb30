//! The model's plain value types: the site's language, how the data files write numbers, and
//! the unit of a metric. Formatting them for pages is `format`'s job.

use serde::{Deserialize, Serialize};

/// Site language: Bahasa Indonesia first, English second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    /// Bahasa Indonesia (the default).
    Id,
    /// English.
    En,
}

impl Lang {
    /// The language's code in HTML and site.toml (`id`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// How numbers are written in the site's data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum NumberFormat {
    /// `1976447`, `70.86`
    #[default]
    Plain,
    /// `1.976.447`, `70,86`
    Id,
}

impl NumberFormat {
    pub fn name(self) -> &'static str {
        match self {
            NumberFormat::Plain => "plain",
            NumberFormat::Id => "id",
        }
    }

    pub fn example(self) -> &'static str {
        match self {
            NumberFormat::Plain => "1976447 or 70.86",
            NumberFormat::Id => "1.976.447 or 70,86",
        }
    }

    /// Strict parse: a value that only makes sense in the other format is rejected, because
    /// guessing would silently turn `1.234` (one thousand two hundred) into 1,234.
    pub fn parse(self, s: &str) -> Option<f64> {
        let s = crate::trim::trim(s);
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (group, decimal) = match self {
            NumberFormat::Plain => (None, b'.'),
            NumberFormat::Id => (Some(b'.'), b','),
        };
        // One pass over the bytes (a million figures are read this way): digits, group
        // separators of the integer part (first group 1-3 digits, every later one 3), at most
        // one decimal mark followed by at least one digit. The digits are gathered as one
        // integer as they go.
        let b = body.as_bytes();
        let mut mantissa = Some(0u64);
        let mut digit = |d: u8| {
            mantissa = mantissa
                .and_then(|m| m.checked_mul(10))
                .and_then(|m| m.checked_add(u64::from(d - b'0')));
        };
        let (mut i, mut run, mut groups) = (0, 0, 0);
        while i < b.len() && b[i] != decimal {
            match b[i] {
                d if d.is_ascii_digit() => {
                    digit(d);
                    run += 1;
                }
                g if Some(g) == group => {
                    let ok = if groups == 0 {
                        (1..=3).contains(&run)
                    } else {
                        run == 3
                    };
                    if !ok {
                        return None;
                    }
                    groups += 1;
                    run = 0;
                }
                _ => return None,
            }
            i += 1;
        }
        if i == 0 || (groups > 0 && run != 3) {
            return None;
        }
        let int_end = i;
        let mut frac_len = 0;
        if i < b.len() {
            let frac = &b[i + 1..];
            if frac.is_empty() || !frac.iter().all(u8::is_ascii_digit) {
                return None;
            }
            frac.iter().for_each(|&d| digit(d));
            frac_len = frac.len();
        }
        // An integer below 2^53 and a power of ten up to 10^22 are both exact in f64, so
        // their quotient is the correctly rounded value of the text, as `str::parse` gives it
        // (Clinger's fast path); longer texts take `str::parse` itself.
        const POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        let v: f64 = match mantissa {
            Some(m) if m < 1 << 53 && frac_len < POW10.len() => m as f64 / POW10[frac_len],
            _ => {
                let mut text: String = body[..int_end]
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                if frac_len > 0 {
                    text.push('.');
                    text.push_str(&body[int_end + 1..]);
                }
                text.parse().ok()?
            }
        };
        // Beyond 10^15 no count or rupiah amount in this field is real, and f64 stops holding
        // every integer exactly: treat it as a typing error, not a figure.
        if !v.is_finite() || v.abs() >= 1e15 {
            return None;
        }
        Some(if neg { -v } else { v })
    }
}

/// Unit of a metric, which decides how its values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Orang,
    Persen,
    Rupiah,
    Angka,
}

impl Unit {
    /// Counts and amounts cannot be negative; a negative one is a typing error.
    pub fn is_non_negative(self) -> bool {
        matches!(self, Unit::Orang | Unit::Rupiah)
    }

    /// People and rupiah are counted in whole units, so `303.424` cannot be a value of them.
    pub fn is_count(self) -> bool {
        matches!(self, Unit::Orang | Unit::Rupiah)
    }

    /// What the unit counts, in the words of error messages.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Orang => "people",
            Unit::Persen => "percent",
            Unit::Rupiah => "rupiah",
            Unit::Angka => "numbers",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NumberFormat;
    use proptest::prelude::*;

    /// The parse as first written (a `String` per value), kept as the reference.
    fn reference(format: NumberFormat, s: &str) -> Option<f64> {
        let s = s.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (group, decimal) = match format {
            NumberFormat::Plain => (None, '.'),
            NumberFormat::Id => (Some('.'), ','),
        };
        let (int_part, frac_part) = match body.split_once(decimal) {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        if int_part.is_empty()
            || frac_part.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let digits: String = match group {
            Some(g) if int_part.contains(g) => {
                let groups: Vec<&str> = int_part.split(g).collect();
                let first_ok = (1..=3).contains(&groups[0].len());
                let rest_ok = groups[1..].iter().all(|p| p.len() == 3);
                if !first_ok || !rest_ok {
                    return None;
                }
                groups.concat()
            }
            _ => int_part.to_string(),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let text = match frac_part {
            Some(f) => format!("{digits}.{f}"),
            None => digits,
        };
        let v: f64 = text.parse().ok()?;
        if !v.is_finite() || v.abs() >= 1e15 {
            return None;
        }
        Some(if neg { -v } else { v })
    }

    proptest! {
        #[test]
        fn parse_reads_what_the_first_parse_read(s in "[ 0-9.,+e-]{0,24}|[0-9]{40,70}(\\.[0-9]{1,30})?") {
            for f in [NumberFormat::Plain, NumberFormat::Id] {
                prop_assert_eq!(f.parse(&s), reference(f, &s), "{:?} {:?}", f, s);
            }
        }
    }

    #[test]
    fn short_decimals_read_as_str_parse_reads_them() {
        // The integer-and-power-of-ten path must round exactly as the general one: a sweep of
        // magnitudes and decimal lengths, up to the 15 digits a figure may have.
        let mut x = 0.000_013_7_f64;
        while x < 9e14 {
            for decimals in 0..=9 {
                let s = format!("{x:.decimals$}");
                let want: f64 = s.parse().unwrap();
                if want.abs() >= 1e15 {
                    continue;
                }
                assert_eq!(NumberFormat::Plain.parse(&s), Some(want), "{s}");
                let id = s.replace('.', ",");
                assert_eq!(NumberFormat::Id.parse(&id), Some(want), "{id}");
            }
            x *= 1.713;
        }
        assert_eq!(NumberFormat::Plain.parse("0.1"), Some(0.1));
        assert_eq!(NumberFormat::Id.parse("1.976.447"), Some(1_976_447.0));
        assert_eq!(NumberFormat::Id.parse("70,86"), Some(70.86));
        assert_eq!(NumberFormat::Plain.parse("9007199254740993"), None);
    }

    #[test]
    fn long_texts_are_read_past_the_stack_buffer() {
        let s = format!("12.{}", "5".repeat(80));
        assert_eq!(NumberFormat::Plain.parse(&s), Some(12.555555555555555));
        assert_eq!(NumberFormat::Id.parse("1.234.567,25"), Some(1234567.25));
        assert_eq!(NumberFormat::Id.parse("1.234.56,25"), None);
    }
}
