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
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if int_part.is_empty() || frac_part.is_some_and(|f| f.is_empty() || !all_digits(f)) {
            return None;
        }
        let grouped = group.is_some_and(|g| int_part.contains(g));
        if grouped {
            let mut groups = int_part.split('.');
            let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
            if !first_ok || !groups.all(|g| g.len() == 3) {
                return None;
            }
        }
        // The digits without group separators, then '.' and the fraction, as Rust reads a
        // float: on the stack, as a million figures are read this way.
        let mut text = Digits::default();
        let int_pieces = int_part.split(if grouped { '.' } else { decimal });
        for piece in int_pieces {
            if !all_digits(piece) {
                return None;
            }
            text.push(piece);
        }
        if let Some(f) = frac_part {
            text.push(".");
            text.push(f);
        }
        let text = text.as_str()?;
        let v: f64 = text.parse().ok()?;
        // Beyond 10^15 no count or rupiah amount in this field is real, and f64 stops holding
        // every integer exactly: treat it as a typing error, not a figure.
        if !v.is_finite() || v.abs() >= 1e15 {
            return None;
        }
        Some(if neg { -v } else { v })
    }
}

/// A number's text collected for parsing: a buffer on the stack, a `String` only for a text
/// too long to be a figure anyway.
#[derive(Default)]
struct Digits {
    buf: [u8; 32],
    len: usize,
    long: String,
}

impl Digits {
    fn push(&mut self, piece: &str) {
        if self.long.is_empty() && self.len + piece.len() <= self.buf.len() {
            self.buf[self.len..self.len + piece.len()].copy_from_slice(piece.as_bytes());
            self.len += piece.len();
        } else {
            if self.long.is_empty() {
                self.long
                    .push_str(std::str::from_utf8(&self.buf[..self.len]).unwrap_or(""));
            }
            self.long.push_str(piece);
        }
    }

    fn as_str(&self) -> Option<&str> {
        if self.long.is_empty() {
            std::str::from_utf8(&self.buf[..self.len]).ok()
        } else {
            Some(&self.long)
        }
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
    fn long_texts_are_read_past_the_stack_buffer() {
        let s = format!("12.{}", "5".repeat(80));
        assert_eq!(NumberFormat::Plain.parse(&s), Some(12.555555555555555));
        assert_eq!(NumberFormat::Id.parse("1.234.567,25"), Some(1234567.25));
        assert_eq!(NumberFormat::Id.parse("1.234.56,25"), None);
    }
}
