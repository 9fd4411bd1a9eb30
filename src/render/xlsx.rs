//! Downloads as Excel workbooks: numbers stored as numbers, so a spreadsheet with Indonesian
//! regional settings shows `40,39` and sums it, where a comma-separated CSV opens as one
//! column or with misread decimals. The workbook's creation date is the data's own date, so
//! two builds of the same data give the same bytes.

use crate::period::Date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

/// One cell of a downloaded table.
pub(crate) enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// `headers` and `rows` as a one-sheet workbook named `sheet`, dated `date` (or 1 January
/// 2000 when the data has no date).
pub(crate) fn workbook(
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<Cell>],
    date: Option<Date>,
) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let (y, m, d) = date
        .map(|d| (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1)))
        .unwrap_or((2000, 1, 1));
    let when = ExcelDateTime::from_ymd(u16::try_from(y).unwrap_or(2000), m, d)
        .map_err(|e| e.to_string())?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&when));
    // Level 1: a national table deflates 3x faster for a file ~15% larger.
    book.set_zip_compression_level(1);
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    // Excel allows 31 characters and no []:*?/\ in a sheet name.
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(if name.is_empty() { "data" } else { &name })
        .map_err(|e| e.to_string())?;
    for (c, h) in headers.iter().enumerate() {
        let col = u16::try_from(c).map_err(|e| e.to_string())?;
        ws.write_string_with_format(0, col, *h, &bold)
            .map_err(|e| e.to_string())?;
    }
    for (r, row) in rows.iter().enumerate() {
        let line = u32::try_from(r + 1).map_err(|e| e.to_string())?;
        for (c, cell) in row.iter().enumerate() {
            let col = u16::try_from(c).map_err(|e| e.to_string())?;
            match cell {
                Cell::Text(s) => {
                    ws.write_string(line, col, s).map_err(|e| e.to_string())?;
                }
                Cell::Number(v) if v.is_finite() => {
                    ws.write_number(line, col, *v).map_err(|e| e.to_string())?;
                }
                Cell::Number(_) | Cell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// `v` rounded to `places` decimals, as pages show it (89.666667 -> 89.7).
pub(crate) fn rounded(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
}

/// A download that could not be produced: an error naming it, never an empty file.
pub(crate) fn download_error(path: &str, e: &str) -> crate::diagnostics::Diagnostic {
    crate::diagnostics::Diagnostic {
        severity: crate::diagnostics::Severity::Error,
        location: crate::diagnostics::Location::file(path),
        message: format!("cannot produce the download {path}: {e}"),
        hint: Some("this is a bug in Cakupan; please report it with the site's files".into()),
    }
}
