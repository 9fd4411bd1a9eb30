//! Every number, amount, period and date shown to readers is formatted here, once, in Rust.
//!
//! Templates receive strings, never floats: template engines disagree on `87.0` vs `87` and on
//! rounding, and a report must print the same figure everywhere it appears.

use crate::period::{Date, Period};
use num_format::Locale;

pub use crate::model::units::{Lang, NumberFormat, Unit};

/// The digit grouping and decimal mark of `lang` (`1.976.447`, `70,86`).
fn locale(lang: Lang) -> &'static Locale {
    match lang {
        Lang::Id => &Locale::id,
        Lang::En => &Locale::en,
    }
}

/// Rounds to `decimals` places in decimal, not binary, so 87.25 -> 87.3 as a reader expects,
/// and never yields "-0".
fn round_decimal(value: f64, decimals: usize) -> f64 {
    let factor = 10f64.powi(decimals as i32);
    // The nudge rounds a half that binary holds a hair low (87.25 -> 87.3) up, as on paper.
    let shifted = value * factor;
    let r = (shifted + 1e-9 * shifted.signum()).round() / factor;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A number with thousands grouping and at most `max_decimals` decimals (trailing zeros dropped).
pub fn number(value: f64, max_decimals: usize, lang: Lang) -> String {
    let mut out = String::new();
    push_number(&mut out, value, max_decimals, lang);
    out
}

/// Below this, a value rounded to at most [`FAST_DECIMALS`] places has its decimals read off
/// exactly by integer arithmetic: the binary error of the rounded value is under a tenth of
/// its last decimal.
const FAST_BELOW: f64 = 1_099_511_627_776.0; // 2^40
const FAST_DECIMALS: usize = 3;

/// [`number`] appended to `out`: tables and exports format a million figures, and the text
/// is built on the stack, without the allocations of `format!`.
pub fn push_number(out: &mut String, value: f64, max_decimals: usize, lang: Lang) {
    let r = round_decimal(value, max_decimals);
    let abs = r.abs();
    let locale = locale(lang);
    if r < 0.0 {
        out.push('-');
    }
    let mut int = num_format::Buffer::new();
    int.write_formatted(&(abs.trunc() as u64), locale);
    out.push_str(int.as_str());
    let frac = abs - abs.trunc();
    if max_decimals <= FAST_DECIMALS && abs < FAST_BELOW {
        let scale = 10u64.pow(max_decimals as u32);
        let mut m = (frac * scale as f64).round() as u64 % scale;
        if m == 0 {
            return;
        }
        let mut digits = [b'0'; FAST_DECIMALS];
        for d in digits[..max_decimals].iter_mut().rev() {
            *d = b'0' + (m % 10) as u8;
            m /= 10;
        }
        let len = digits[..max_decimals]
            .iter()
            .rposition(|&d| d != b'0')
            .map_or(0, |i| i + 1);
        out.push_str(locale.decimal());
        out.push_str(std::str::from_utf8(&digits[..len]).unwrap_or(""));
        return;
    }
    let text = format!("{:.*}", max_decimals, frac);
    // "0.50" -> "50", then trim zeros
    let frac = text.get(2..).unwrap_or("").trim_end_matches('0');
    if !frac.is_empty() {
        out.push_str(locale.decimal());
        out.push_str(frac);
    }
}

/// A number with exactly `decimals` decimals, for aligned table columns and chart labels.
pub fn fixed(value: f64, decimals: usize, lang: Lang) -> String {
    let r = round_decimal(value, decimals);
    let s = number(r, decimals, lang);
    if decimals == 0 {
        return s;
    }
    let sep = locale(lang).decimal();
    let have = s.split_once(sep).map(|(_, f)| f.len()).unwrap_or(0);
    let mut s = s;
    if have == 0 {
        s.push_str(sep);
    }
    s.extend(std::iter::repeat_n('0', decimals - have));
    s
}

/// Rupiah: full amount below a million (`Rp16.800`), in words above (`Rp1,07 triliun`).
pub fn rupiah(value: f64, lang: Lang) -> String {
    let words: [(f64, &str, &str); 3] = [
        (1e12, "triliun", "trillion"),
        (1e9, "miliar", "billion"),
        (1e6, "juta", "million"),
    ];
    let sign = if value < 0.0 { "-" } else { "" };
    let abs = value.abs();
    for (scale, id, en) in words {
        if abs >= scale {
            let word = if lang == Lang::Id { id } else { en };
            return format!("{sign}Rp{} {word}", number(abs / scale, 2, lang));
        }
    }
    format!("{sign}Rp{}", number(abs, 0, lang))
}

/// A metric value with its unit, as shown in tables and prose.
pub fn value(value: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Persen => {
            let mut out = String::with_capacity(12);
            push_number(&mut out, value, 2, lang);
            out.push('%');
            out
        }
        Unit::Rupiah => rupiah(value, lang),
        Unit::Orang | Unit::Angka => number(value, 2, lang),
    }
}

/// A change between two periods: percentage points for rates, signed counts otherwise.
pub fn change(delta: f64, unit: Unit, lang: Lang) -> String {
    let sign = if round_decimal(delta, 2) > 0.0 {
        "+"
    } else {
        ""
    };
    match unit {
        Unit::Persen => {
            let word = if lang == Lang::Id { "poin" } else { "pp" };
            format!("{sign}{} {word}", number(delta, 2, lang))
        }
        Unit::Rupiah => format!("{sign}{}", rupiah(delta, lang)),
        Unit::Orang | Unit::Angka => format!("{sign}{}", number(delta, 2, lang)),
    }
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(month: u8, lang: Lang) -> &'static str {
    let names = if lang == Lang::Id {
        &MONTHS_ID
    } else {
        &MONTHS_EN
    };
    names[(month.clamp(1, 12) - 1) as usize]
}

/// `Mei 2025` / `May 2025` / `2024`.
pub fn period(p: Period, lang: Lang) -> String {
    match p {
        Period::Year(y) => y.to_string(),
        Period::Month(y, m) => {
            let name = month_name(m, lang);
            let mut out = String::with_capacity(name.len() + 5);
            out.push_str(name);
            out.push(' ');
            crate::charts::num::push_i64(&mut out, y.into());
            out
        }
    }
}

/// `5 Agustus 2025` / `5 August 2025`; partial dates print what is known.
pub fn date(d: Date, lang: Lang) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day} {} {}", month_name(m, lang), d.year),
        (Some(m), None) => format!("{} {}", month_name(m, lang), d.year),
        _ => d.year.to_string(),
    }
}

#[cfg(test)]
mod tests {

    /// [`number`] as first written (rounding through a decimal text, several `String`s per
    /// number), kept as the reference the faster one must match byte for byte.
    fn number_reference(value: f64, max_decimals: usize, lang: Lang) -> String {
        use num_format::ToFormattedString;
        let factor = 10f64.powi(max_decimals as i32);
        let shifted: f64 = format!("{}", value * factor)
            .parse()
            .unwrap_or(value * factor);
        let r = (shifted + 1e-9 * shifted.signum()).round() / factor;
        let r = if r == 0.0 { 0.0 } else { r };
        let neg = r < 0.0;
        let abs = r.abs();
        let int = abs.trunc() as u64;
        let frac = format!("{:.*}", max_decimals, abs - abs.trunc());
        let frac = frac
            .get(2..)
            .unwrap_or("")
            .trim_end_matches('0')
            .to_string();
        let locale = locale(lang);
        let mut out = String::new();
        if neg {
            out.push('-');
        }
        out.push_str(&int.to_formatted_string(locale));
        if !frac.is_empty() {
            out.push_str(locale.decimal());
            out.push_str(&frac);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn number_matches_the_first_formatting(
            int in 0u64..2_000_000_000_000_000,
            hundredths in 0u64..100_000,
            exp in 0i32..16,
            neg: bool,
            decimals in 0usize..6,
            en: bool,
        ) {
            // Values of every size, many of them exact halves and short decimals.
            let v = (int as f64 / 10f64.powi(exp) + hundredths as f64 / 100_000.0)
                * if neg { -1.0 } else { 1.0 };
            let lang = if en { Lang::En } else { Lang::Id };
            proptest::prop_assert_eq!(number(v, decimals, lang), number_reference(v, decimals, lang));
        }
    }

    #[test]
    fn number_matches_the_first_formatting_at_the_edges() {
        for v in [
            0.0,
            -0.0,
            0.005,
            0.015,
            0.125,
            0.375,
            87.25,
            1.005,
            2.675,
            1e12 + 0.125,
            999_999_999_999.995,
            1_099_511_627_775.99,
            1_099_511_627_776.01,
            1e15 - 0.25,
            f64::INFINITY,
            f64::NAN,
            -12.5,
            40.385,
            40.395,
        ] {
            for d in 0..6 {
                for lang in [Lang::Id, Lang::En] {
                    assert_eq!(number(v, d, lang), number_reference(v, d, lang), "{v} {d}");
                }
            }
        }
    }
    use super::*;

    #[test]
    fn indonesian_numbers() {
        assert_eq!(number(1976447.0, 0, Lang::Id), "1.976.447");
        assert_eq!(value(70.86, Unit::Persen, Lang::Id), "70,86%");
        assert_eq!(value(100.0, Unit::Persen, Lang::Id), "100%");
        assert_eq!(value(150.0, Unit::Persen, Lang::Id), "150%");
        assert_eq!(rupiah(16800.0, Lang::Id), "Rp16.800");
        assert_eq!(rupiah(1_070_000_000_000.0, Lang::Id), "Rp1,07 triliun");
        assert_eq!(rupiah(3_000_000_000.0, Lang::Id), "Rp3 miliar");
        assert_eq!(rupiah(1_300_000.0, Lang::Id), "Rp1,3 juta");
        assert_eq!(rupiah(3_024_000_000.0, Lang::Id), "Rp3,02 miliar");
    }

    #[test]
    fn english_numbers() {
        assert_eq!(number(1976447.0, 0, Lang::En), "1,976,447");
        assert_eq!(value(70.86, Unit::Persen, Lang::En), "70.86%");
        assert_eq!(rupiah(1_070_000_000_000.0, Lang::En), "Rp1.07 trillion");
    }

    #[test]
    fn rounding_is_decimal_and_never_negative_zero() {
        assert_eq!(number(87.25, 1, Lang::En), "87.3");
        assert_eq!(number(1.005, 2, Lang::En), "1.01");
        assert_eq!(number(-0.0001, 2, Lang::Id), "0");
        assert_eq!(fixed(87.0, 1, Lang::Id), "87,0");
        assert_eq!(fixed(-0.04, 1, Lang::Id), "0,0");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(change(4.2, Unit::Persen, Lang::Id), "+4,2 poin");
        assert_eq!(change(-14.33, Unit::Persen, Lang::Id), "-14,33 poin");
        assert_eq!(change(15536.0, Unit::Orang, Lang::Id), "+15.536");
        assert_eq!(change(0.0, Unit::Orang, Lang::Id), "0");
    }

    #[test]
    fn dates_and_periods() {
        assert_eq!(
            date(Date::parse("2025-08-05").unwrap(), Lang::Id),
            "5 Agustus 2025"
        );
        assert_eq!(
            date(Date::parse("2025-08-05").unwrap(), Lang::En),
            "5 August 2025"
        );
        assert_eq!(period(Period::Month(2025, 5), Lang::Id), "Mei 2025");
        assert_eq!(period(Period::Year(2024), Lang::Id), "2024");
    }

    #[test]
    fn parses_configured_number_format_strictly() {
        assert_eq!(NumberFormat::Plain.parse("1976447"), Some(1976447.0));
        assert_eq!(NumberFormat::Plain.parse("70.86"), Some(70.86));
        assert_eq!(NumberFormat::Plain.parse("1.976.447"), None);
        assert_eq!(NumberFormat::Plain.parse("70,86"), None);
        assert_eq!(NumberFormat::Id.parse("1.976.447"), Some(1976447.0));
        assert_eq!(NumberFormat::Id.parse("70,86"), Some(70.86));
        assert_eq!(NumberFormat::Id.parse("1.97.447"), None);
        assert_eq!(NumberFormat::Id.parse("70.86"), None);
        assert_eq!(NumberFormat::Plain.parse("-3"), Some(-3.0));
        assert_eq!(NumberFormat::Plain.parse("abc"), None);
        assert_eq!(NumberFormat::Plain.parse(""), None);
        assert_eq!(NumberFormat::Plain.parse(&"9".repeat(400)), None);
        assert_eq!(NumberFormat::Plain.parse("1000000000000000"), None);
        assert_eq!(
            NumberFormat::Plain.parse("999999999999999"),
            Some(999999999999999.0)
        );
    }
}
