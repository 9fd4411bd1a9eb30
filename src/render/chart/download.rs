//! A chart's CSV download and its Excel twin, encoded by hand as the `csv` crate's default
//! writer encodes them (the quoting of `data/observations.csv`, see
//! `render::exports::field`), so the files stay byte for byte as before.
//!
//! A monthly national site offers ~500 chart CSVs of ~130 figures each: the figures of an
//! observation chart are encoded straight from the observations, their region, metric and
//! source columns once per run of equal ones, instead of as a row of strings per figure.

use crate::format::Lang;
use crate::model::{Observation, Site, Sym};
use crate::render::exports::{field, fields_each_closed, push_period, text_cell, Number};

/// What a chart offers as CSV.
pub enum Csv {
    /// Rows of text, encoded when the download is written ([`csv_bytes`],
    /// [`csv_excel_bytes`]); `numbers` are the columns that hold numbers.
    Rows {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
        numbers: Vec<usize>,
    },
    /// Both files already encoded (the figures of an observation chart, [`figures_csv`]).
    Encoded { plain: Vec<u8>, excel: Vec<u8> },
}

impl Csv {
    /// A chart without a download (a sparkline).
    pub fn none() -> Csv {
        Csv::Rows {
            headers: Vec::new(),
            rows: Vec::new(),
            numbers: Vec::new(),
        }
    }

    /// The CSV and its Excel twin; an error is the caller's diagnostic, never an empty file.
    pub fn files(self, lang: Lang) -> Result<(Vec<u8>, Vec<u8>), String> {
        match self {
            Csv::Rows {
                headers,
                rows,
                numbers,
            } => Ok((
                csv_bytes(&headers, &rows)?,
                csv_excel_bytes(&headers, &rows, &numbers, lang)?,
            )),
            Csv::Encoded { plain, excel } => Ok((plain, excel)),
        }
    }
}

/// The columns of [`figures_csv`].
const FIGURE_COLUMNS: [&str; 8] = [
    "region",
    "region_name",
    "metric",
    "metric_label",
    "period",
    "value",
    "source",
    "source_title",
];

/// How one of the two files is written: column separator and decimal mark.
#[derive(Clone, Copy)]
struct Dialect {
    delimiter: u8,
    decimal_comma: bool,
}

/// Both dialects of a site: the plain CSV, and Excel's with the site's regional settings (for
/// an Indonesian site `;` between columns and a decimal comma).
fn dialects(lang: Lang) -> [Dialect; 2] {
    let comma = lang == Lang::Id;
    [
        Dialect {
            delimiter: b',',
            decimal_comma: false,
        },
        Dialect {
            delimiter: if comma { b';' } else { b',' },
            decimal_comma: comma,
        },
    ]
}

/// The figures of a chart (sorted by region and metric) as plain numbers, not display strings
/// (a spreadsheet can compute with them), each with its source: the CSV and its Excel twin.
pub fn figures_csv(site: &Site, figures: &[&Observation], lang: Lang) -> Csv {
    let ds = dialects(lang);
    let mut files: [Vec<u8>; 2] = [
        Vec::with_capacity(160 * (figures.len() + 1)),
        Vec::with_capacity(160 * (figures.len() + 1) + 3),
    ];
    files[1].extend_from_slice("\u{feff}".as_bytes());
    for (buf, d) in files.iter_mut().zip(&ds) {
        let header = FIGURE_COLUMNS.map(str::as_bytes);
        record(buf, &header, d.delimiter);
    }
    // Region and metric columns, and the source columns, encoded once per run of figures
    // that share them (each followed by its delimiter).
    let mut head: [Vec<u8>; 2] = Default::default();
    let mut last: Option<(&Sym, &Sym)> = None;
    let mut tail: [Vec<u8>; 2] = Default::default();
    let mut last_sources: Option<&[Sym]> = None;
    let mut period = Vec::with_capacity(8);
    let (mut number, mut value) = (Number::default(), Vec::new());
    for o in figures {
        if last != Some((&o.region, &o.metric)) {
            last = Some((&o.region, &o.metric));
            let label = site.metric(&o.metric).map_or("", |m| m.label.as_str());
            let cells = [
                o.region.as_str(),
                &text_cell(site.area_name(&o.region)),
                &o.metric,
                &text_cell(label),
            ];
            for (h, d) in head.iter_mut().zip(&ds) {
                h.clear();
                fields_each_closed(h, &cells, d.delimiter);
            }
        }
        let sources: &[Sym] = o.sources();
        if last_sources != Some(sources) {
            last_sources = Some(sources);
            let titles = site.source_titles(sources).join(" | ");
            let cells = [sources.join(" | "), text_cell(&titles).into_owned()];
            for (t, d) in tail.iter_mut().zip(&ds) {
                t.clear();
                field(t, cells[0].as_bytes(), d.delimiter);
                t.push(d.delimiter);
                field(t, cells[1].as_bytes(), d.delimiter);
            }
        }
        period.clear();
        push_period(&mut period, o.period());
        // Written as `plain` writes it: digits, a minus and a decimal mark, which needs quotes
        // only where the decimal mark is the delimiter.
        number.set(o.value);
        for (k, (buf, d)) in files.iter_mut().zip(&ds).enumerate() {
            buf.extend_from_slice(&head[k]);
            field(buf, &period, d.delimiter);
            buf.push(d.delimiter);
            if d.delimiter == b',' && d.decimal_comma {
                value.clear();
                number.push(&mut value, true);
                field(buf, &value, d.delimiter);
            } else {
                number.push(buf, d.decimal_comma);
            }
            buf.push(d.delimiter);
            buf.extend_from_slice(&tail[k]);
            buf.push(b'\n');
        }
    }
    let [plain, excel] = files;
    Csv::Encoded { plain, excel }
}

/// One record as the `csv` crate writes it: fields quoted where needed, `\n` after; a record
/// of no bytes at all (no fields, or one empty field) is written `""`.
fn record(out: &mut Vec<u8>, cells: &[&[u8]], delimiter: u8) {
    if cells.iter().all(|c| c.is_empty()) && cells.len() <= 1 {
        out.extend_from_slice(b"\"\"\n");
        return;
    }
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        field(out, c, delimiter);
    }
    out.push(b'\n');
}

/// The `csv` crate's refusal of a record whose length differs from the first record's.
fn lengths(headers: &[String], rows: &[Vec<String>]) -> Result<(), String> {
    match rows.iter().find(|r| r.len() != headers.len()) {
        Some(r) => Err(format!(
            "CSV error: found record with {} fields, but the previous record has {} fields",
            r.len(),
            headers.len()
        )),
        None => Ok(()),
    }
}

/// A chart's CSV download; an error is the caller's diagnostic, never an empty file.
pub fn csv_bytes(headers: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    csv_excel_like(headers, rows, &[], dialects(Lang::En)[0], false)
}

/// The chart's CSV as Excel with the site's regional settings opens it (as
/// `data/observations-excel.csv`): a BOM so it reads UTF-8 and, for an Indonesian site, `;`
/// between columns and a decimal comma in the number columns.
pub fn csv_excel_bytes(
    headers: &[String],
    rows: &[Vec<String>],
    numbers: &[usize],
    lang: Lang,
) -> Result<Vec<u8>, String> {
    csv_excel_like(headers, rows, numbers, dialects(lang)[1], true)
}

fn csv_excel_like(
    headers: &[String],
    rows: &[Vec<String>],
    numbers: &[usize],
    d: Dialect,
    bom: bool,
) -> Result<Vec<u8>, String> {
    lengths(headers, rows)?;
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let header: Vec<&[u8]> = headers.iter().map(|h| h.as_bytes()).collect();
    record(&mut out, &header, d.delimiter);
    let mut cells: Vec<std::borrow::Cow<[u8]>> = Vec::new();
    for r in rows {
        cells.clear();
        cells.extend(r.iter().enumerate().map(|(i, c)| {
            if d.decimal_comma && numbers.contains(&i) {
                std::borrow::Cow::Owned(c.replace('.', ",").into_bytes())
            } else {
                std::borrow::Cow::Borrowed(c.as_bytes())
            }
        }));
        let refs: Vec<&[u8]> = cells.iter().map(|c| c.as_ref()).collect();
        record(&mut out, &refs, d.delimiter);
    }
    Ok(out)
}

#[cfg(test)]
#[path = "download_tests.rs"]
mod tests;
