//! `data/observations.csv` and its Excel twin, written in one pass over the figures.
//!
//! A monthly national site has ~300.000 figures and a million-figure site 260 MB of export per
//! file, so each row is formatted once and encoded for both files, with numbers written by
//! hand (no `format!` per cell) into two reused buffers: a row allocates nothing. The CSV
//! encoding is the `csv` crate's default (quotes only around a field holding the delimiter, a
//! quote or a line break; `\n` after a record), so the files stay byte for byte as before.

use crate::compute::Computed;
use crate::format::{Lang, Unit};
use crate::model::{Site, Sym};
use crate::period::Period;
use std::collections::HashMap;
use std::io::{self, Write};

use super::text_cell;

const COLUMNS: [&str; 14] = [
    "region",
    "region_name",
    "metric",
    "metric_label",
    "unit",
    "period",
    "value",
    "basis",
    "status",
    "source",
    "source_title",
    "source_url",
    "derived",
    "note",
];

/// How one of the two files writes a row: its column separator and decimal mark.
#[derive(Clone, Copy)]
struct Dialect {
    delimiter: u8,
    decimal_comma: bool,
}

/// Flushed to its file once this full: large enough that a write is rare, small enough that
/// the export never holds more than a few rows of each file.
pub const CHUNK: usize = 256 * 1024;

/// Both exports in one pass: `plain` (comma, decimal point) and `excel` (BOM and, for an
/// Indonesian site, `;` and a decimal comma: what Excel with Indonesian settings reads).
pub fn write_observations_pair(
    site: &Site,
    c: &Computed,
    plain: &mut dyn Write,
    excel: &mut dyn Write,
) -> io::Result<()> {
    let comma = site.config.language == Lang::Id;
    let dialects = [
        Dialect {
            delimiter: b',',
            decimal_comma: false,
        },
        Dialect {
            delimiter: if comma { b';' } else { b',' },
            decimal_comma: comma,
        },
    ];
    let mut bufs: [Vec<u8>; 2] = [
        Vec::with_capacity(CHUNK + 4096),
        Vec::with_capacity(CHUNK + 4096),
    ];
    bufs[1].extend_from_slice("\u{feff}".as_bytes());
    for (buf, d) in bufs.iter_mut().zip(&dialects) {
        for (i, col) in COLUMNS.iter().enumerate() {
            if i > 0 {
                buf.push(d.delimiter);
            }
            field(buf, col.as_bytes(), d.delimiter);
        }
        buf.push(b'\n');
    }
    // Rows come sorted by region and metric: the first five columns are encoded once per
    // pair, the three source columns once per distinct list of sources.
    let mut head: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
    let mut last: Option<(&Sym, &Sym)> = None;
    let mut derived = false;
    let mut sources: HashMap<&[Sym], [Vec<u8>; 2]> = HashMap::new();
    let mut number = Number::default();
    let (mut last_list, mut cols): (Option<&[Sym]>, [Vec<u8>; 2]) = (None, Default::default());
    let mut tail: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
    let mut last_tail: Option<(*const crate::model::Attrs, bool)> = None;
    let mut outs: [&mut dyn Write; 2] = [plain, excel];
    for o in &c.observations {
        if last != Some((&o.region, &o.metric)) {
            last = Some((&o.region, &o.metric));
            let m = site.metric(&o.metric);
            derived = m.is_some_and(|m| m.ratio.is_some());
            let cells = [
                o.region.as_str(),
                &text_cell(site.area_name(&o.region)),
                &o.metric,
                &text_cell(m.map(|m| m.label.as_str()).unwrap_or("")),
                m.map(|m| unit_name(m.unit)).unwrap_or(""),
            ];
            for (h, d) in head.iter_mut().zip(&dialects) {
                h.clear();
                fields_each_closed(h, &cells, d.delimiter);
            }
        }
        // Everything after the value is the same for rows that share their attributes
        // (basis, status, sources, note: one interned combination, so a pointer comparison)
        // and the derived flag: encoded once per run of such rows, not cell by cell per row.
        let attrs = o.attrs();
        let key = (attrs as *const crate::model::Attrs, derived);
        if last_tail != Some(key) {
            last_tail = Some(key);
            let list: &[Sym] = &attrs.sources;
            if !last_list.is_some_and(|l| std::ptr::eq(l, list)) {
                last_list = Some(list);
                cols = sources
                    .entry(list)
                    .or_insert_with(|| source_columns(site, list, &dialects))
                    .clone();
            }
            let (basis, status) = (attrs.basis.as_deref().unwrap_or(""), attrs.status.id());
            let note = text_cell(&attrs.note);
            for (k, (t, d)) in tail.iter_mut().zip(&dialects).enumerate() {
                let sep = d.delimiter;
                t.clear();
                t.push(sep);
                field(t, basis.as_bytes(), sep);
                t.push(sep);
                t.extend_from_slice(status.as_bytes());
                t.push(sep);
                t.extend_from_slice(&cols[k]);
                t.push(sep);
                t.extend_from_slice(if derived { b"true" } else { b"false" });
                t.push(sep);
                field(t, note.as_bytes(), sep);
                t.push(b'\n');
            }
        }
        number.set(o.value);
        let period = o.period();
        for (k, (buf, d)) in bufs.iter_mut().zip(&dialects).enumerate() {
            buf.extend_from_slice(&head[k]);
            push_period(buf, period);
            buf.push(d.delimiter);
            number.push(buf, d.decimal_comma);
            buf.extend_from_slice(&tail[k]);
        }
        if bufs[0].len() >= CHUNK || bufs[1].len() >= CHUNK {
            for (buf, out) in bufs.iter_mut().zip(outs.iter_mut()) {
                out.write_all(buf)?;
                buf.clear();
            }
        }
    }
    for (buf, out) in bufs.iter_mut().zip(outs.iter_mut()) {
        out.write_all(buf)?;
        out.flush()?;
    }
    Ok(())
}

/// The `source`, `source_title` and `source_url` cells of a list of sources, per dialect.
fn source_columns(site: &Site, ids: &[Sym], dialects: &[Dialect; 2]) -> [Vec<u8>; 2] {
    let found: Vec<_> = ids
        .iter()
        .filter_map(|s| site.sources.get(s.as_str()))
        .collect();
    let join = |f: &dyn Fn(&crate::model::Source) -> String| {
        found.iter().map(|s| f(s)).collect::<Vec<_>>().join(" | ")
    };
    let cells = [
        ids.join(" | "),
        text_cell(&join(&|s| s.title.clone())).into_owned(),
        text_cell(&join(&|s| s.url.clone().unwrap_or_default())).into_owned(),
    ];
    dialects.map(|d| {
        let mut out = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(d.delimiter);
            }
            field(&mut out, cell.as_bytes(), d.delimiter);
        }
        out
    })
}

/// The leading cells of a row, each [`field`] followed by the delimiter: a run of rows that
/// share them has them encoded once.
pub(crate) fn fields_each_closed(out: &mut Vec<u8>, cells: &[&str], delimiter: u8) {
    for cell in cells {
        field(out, cell.as_bytes(), delimiter);
        out.push(delimiter);
    }
}

/// One CSV field as the `csv` crate writes it by default: in quotes (inner quotes doubled)
/// only when it holds the delimiter, a quote, or a line break.
pub(crate) fn field(out: &mut Vec<u8>, s: &[u8], delimiter: u8) {
    if s.iter()
        .any(|&b| b == delimiter || b == b'"' || b == b'\n' || b == b'\r')
    {
        out.push(b'"');
        for &b in s {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s);
    }
}

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Orang => "orang",
        Unit::Persen => "persen",
        Unit::Rupiah => "rupiah",
        Unit::Angka => "angka",
    }
}

/// `period` as data files write it (`2024`, `2024-03`).
pub(crate) fn push_period(out: &mut Vec<u8>, p: Period) {
    let (y, m) = match p {
        Period::Year(y) => (y, None),
        Period::Month(y, m) => (y, Some(m)),
    };
    if (0..10_000).contains(&y) && m.is_none_or(|m| m < 100) {
        let y = y as u32;
        out.extend_from_slice(&[
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
        ]);
        if let Some(m) = m {
            out.extend_from_slice(&[b'-', b'0' + m / 10, b'0' + m % 10]);
        }
    } else {
        let _ = write!(out, "{p}");
    }
}

/// A value as [`super::plain`] writes it (rounded to 6 decimals, shortest form), formatted
/// once and written with either decimal mark.
#[derive(Default)]
pub(crate) struct Number {
    text: Vec<u8>,
    /// Where the decimal point is in `text`, if it has one.
    point: Option<usize>,
}

impl Number {
    pub(crate) fn set(&mut self, v: f64) {
        self.text.clear();
        self.point = None;
        let scaled = v * 1e6;
        // Under 10^15 millionths the value has at most 15 significant digits, so its
        // shortest round-trip form (what `{}` prints) is exactly these digits.
        if let Some(n) = round_half_away(scaled).filter(|&n| n < 1_000_000_000_000_000) {
            if scaled < 0.0 && n != 0 {
                self.text.push(b'-');
            }
            push_u64(&mut self.text, n / 1_000_000);
            let mut frac = n % 1_000_000;
            if frac != 0 {
                self.point = Some(self.text.len());
                self.text.push(b'.');
                let mut digits = 6;
                while frac.is_multiple_of(10) {
                    frac /= 10;
                    digits -= 1;
                }
                let start = self.text.len();
                self.text.resize(start + digits, b'0');
                for i in (0..digits).rev() {
                    self.text[start + i] = b'0' + (frac % 10) as u8;
                    frac /= 10;
                }
            }
        } else {
            let s = super::plain(v);
            self.point = s.find('.');
            self.text.extend_from_slice(s.as_bytes());
        }
    }

    pub(crate) fn push(&self, out: &mut Vec<u8>, decimal_comma: bool) {
        match self.point {
            Some(i) if decimal_comma => {
                out.extend_from_slice(&self.text[..i]);
                out.push(b',');
                out.extend_from_slice(&self.text[i + 1..]);
            }
            _ => out.extend_from_slice(&self.text),
        }
    }
}

/// `|x|.round()` as a whole number, for `|x|` under 2^52 (`None` above, and for NaN): without
/// the call into libm that `f64::round` is on baseline x86-64 (a tenth of the export's time).
/// Below 2^52 `|x| + 0.5` is exact, so truncating it rounds half away from zero as `round` does.
fn round_half_away(x: f64) -> Option<u64> {
    let a = x.abs();
    (a < 4_503_599_627_370_496.0).then_some((a + 0.5) as u64)
}

fn push_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(v: f64, comma: bool) -> String {
        let mut n = Number::default();
        n.set(v);
        let mut out = Vec::new();
        n.push(&mut out, comma);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_written_as_plain_writes_them() {
        let values = [
            0.0,
            -0.0,
            -0.0000001,
            1.0,
            -1.0,
            70.86,
            64.740001,
            0.000001,
            0.1 + 0.2,
            1976447.0,
            123456789.123456,
            -2.5e-4,
            999999999.9999995,
            1e12,
            4.5e14,
            1e15,
            1e20,
            123456789012345678.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
        ];
        for v in values {
            assert_eq!(number(v, false), super::super::plain(v), "{v:e}");
            assert_eq!(
                number(v, true),
                super::super::plain(v).replace('.', ","),
                "{v:e}"
            );
        }
        // And a sweep of ordinary magnitudes, from shares to rupiah.
        let mut x = 0.000137_f64;
        while x < 1e13 {
            for v in [x, -x, x * 1.000_000_7, (x * 1e3).round() / 1e3] {
                assert_eq!(number(v, false), super::super::plain(v), "{v:e}");
            }
            x *= 1.37;
        }
    }

    #[test]
    fn fields_are_quoted_as_the_csv_crate_quotes_them() {
        let cells = [
            "",
            "plain",
            "a, b",
            "a; b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "'=SUM(A1)",
            "Kabupaten Aceh Selatan",
        ];
        for delimiter in [b',', b';'] {
            let mut w = csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(Vec::new());
            w.write_record(cells).unwrap();
            let want = w.into_inner().unwrap();
            let mut got = Vec::new();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    got.push(delimiter);
                }
                field(&mut got, c.as_bytes(), delimiter);
            }
            got.push(b'\n');
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }

    #[test]
    fn periods_are_written_as_displayed() {
        for p in [
            Period::Year(2024),
            Period::Year(1),
            Period::Month(2016, 1),
            Period::Month(2025, 12),
        ] {
            let mut out = Vec::new();
            push_period(&mut out, p);
            assert_eq!(String::from_utf8(out).unwrap(), p.to_string());
        }
    }
}
