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
        let s = s.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (group, decimal) = match self {
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
