//! Excel (`.xlsx`, `.xlsm`, `.xls`) and LibreOffice (`.ods`) workbooks, read with calamine into
//! the same [`Table`] a CSV file gives, one table per sheet, so every check of the CSV path
//! applies unchanged. Sheets named `_...` (`_notes`, `_readme`) are skipped.
//!
//! Cells keep what the spreadsheet stored: a number cell is used as its value (never read back
//! from its display format), a date cell in the `period` column becomes its month, a whole
//! number there a year. Every cell's place is its sheet, row and column (`cell C14`).

use super::table::Table;
use crate::diagnostics::{Diagnostics, Location};
use calamine::{Data, Reader};
use std::path::Path;

/// Whether `path` is a workbook this module reads (by extension).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "xlsx" | "xlsm" | "xls" | "ods"))
}

/// The sheets of the workbook at `path` (shown to the user as `shown`), skipping `_` sheets
/// and empty ones.
pub fn read(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Vec<Table> {
    let mut book = match calamine::open_workbook_auto(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error_hint(
                Location::file(shown),
                format!("cannot read the workbook: {e}"),
                "open it in Excel or LibreOffice and save it again as Excel Workbook (.xlsx) or OpenDocument Spreadsheet (.ods); a password-protected file cannot be read",
            );
            return Vec::new();
        }
    };
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        if name.starts_with('_') {
            continue;
        }
        match book.worksheet_range(&name) {
            Ok(range) => {
                if let Some(t) = sheet_table(&range, shown, &name, diags) {
                    tables.push(t);
                }
            }
            Err(e) => diags.error_hint(
                Location::cell(shown, &name, 0, 0),
                format!("cannot read the sheet: {e}"),
                "save the workbook again from Excel or LibreOffice; rename the sheet to start with _ if it holds no figures",
            ),
        }
    }
    tables
}

/// One sheet as a table: its first used row is the header.
fn sheet_table(
    range: &calamine::Range<Data>,
    shown: &Path,
    sheet: &str,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let (top, left) = range.start()?;
    let (row0, col0) = (top as usize + 1, left as usize + 1);
    let mut rows_iter = range.rows();
    let header_cells = rows_iter.next()?;
    let mut header: Vec<String> = header_cells
        .iter()
        .map(|c| text(c).trim().to_string())
        .collect();
    // The used range can reach past the header when a stray cell is filled to the right.
    while header.last().is_some_and(String::is_empty) {
        header.pop();
    }
    if header.is_empty() {
        return None;
    }
    let width = header.len();
    let header_columns: Vec<usize> = (0..width).map(|i| col0 + i).collect();
    for (i, name) in header.iter().enumerate() {
        if let Some(first) = header[..i].iter().position(|n| n == name) {
            diags.error_hint(
                Location::cell(shown, sheet, row0, col0 + i),
                format!(
                    "column `{name}` appears twice in the header (also column {})",
                    crate::diagnostics::column_letters(col0 + first)
                ),
                "rename or remove one of the two columns",
            );
        }
    }
    let period_col = header.iter().position(|h| h == "period");
    let region_col = header.iter().position(|h| h == "region");
    let mut table = Table::new(
        shown.to_path_buf(),
        header,
        header_columns,
        row0,
        Some(sheet.to_string()),
        // Text cells are read in the site's number format, as a comma CSV file is.
        ',',
    );
    for (r, cells) in rows_iter.enumerate() {
        let line = row0 + 1 + r;
        if cells.iter().all(|c| text(c).trim().is_empty()) {
            continue;
        }
        for (i, c) in cells.iter().enumerate().skip(width) {
            if !text(c).trim().is_empty() {
                diags.error_hint(
                    Location::cell(shown, sheet, line, col0 + i),
                    "this cell has a value but its column has no header",
                    "give the column a name in the header row, or clear the cell",
                );
            }
        }
        let mut texts = Vec::with_capacity(width);
        let mut numbers = Vec::with_capacity(width);
        for i in 0..width {
            let cell = cells.get(i).unwrap_or(&Data::Empty);
            let at = || Location::cell(shown, sheet, line, col0 + i);
            let (t, n) = if Some(i) == period_col {
                (period_text(cell), None)
            } else if Some(i) == region_col {
                (region_text(cell), None)
            } else {
                match cell {
                    Data::Float(f) => (number_text(*f), Some(*f)),
                    Data::Int(n) => (n.to_string(), Some(*n as f64)),
                    _ => (text(cell), None),
                }
            };
            if let Data::Error(e) = cell {
                diags.error_hint(
                    at(),
                    format!("the cell holds the spreadsheet error {e}"),
                    "correct the formula, or type the value",
                );
            }
            texts.push(t);
            numbers.push(n);
        }
        table.push_row(line, texts.iter().map(String::as_str), &numbers);
    }
    Some(table)
}

/// A number as the CSV path would see it typed: `1976447`, `70.86`.
fn number_text(f: f64) -> String {
    if f == 0.0 {
        "0".to_string()
    } else {
        format!("{f}")
    }
}

/// A period cell: a date is its month (`2025-05`), a whole number a year (`2024`).
fn period_text(cell: &Data) -> String {
    match cell {
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}")
        }
        // LibreOffice dates: `2025-05-01` or `2025-05-01T00:00:00`.
        Data::DateTimeIso(s)
            if s.len() >= 7 && s.as_bytes()[4] == b'-' && s[..7].is_char_boundary(7) =>
        {
            s[..7].to_string()
        }
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => text(other),
    }
}

/// A region cell: Kemendagri codes typed as numbers lose their trailing zero (`63.10` is
/// stored as 63.1), so a fraction is written back with two decimals.
fn region_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f:.2}"),
        other => text(other),
    }
}

/// The text of a cell as typed.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => number_text(*f),
        Data::Int(n) => n.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        // reported where the cell is read
        Data::Error(_) => String::new(),
    }
}
