//! Reading CSV files as staff save them from Excel or LibreOffice: UTF-8 with or without BOM,
//! CRLF or LF, quoted fields. Every cell keeps its line and column for error messages.

use crate::diagnostics::{Diagnostics, Location};
use std::path::Path;

/// One data row with the position of each cell.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
    columns: Vec<usize>,
}

/// A parsed CSV file: header and rows, plus the path shown in errors.
#[derive(Debug)]
pub struct Table {
    pub file: std::path::PathBuf,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Checks that the header has every `required` column; reports the missing ones with
    /// `hint` (the expected header) and returns false when any is missing.
    pub fn require(&self, required: &[&str], hint: &str, diags: &mut Diagnostics) -> bool {
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| self.column(c).is_none())
            .collect();
        if missing.is_empty() {
            return true;
        }
        diags.error_hint(
            Location::new(&self.file, 1, 1),
            format!("the header lacks column(s) {}", missing.join(", ")),
            hint,
        );
        false
    }

    /// Location of cell `col` in `row` (falls back to the row start).
    pub fn at(&self, row: &Row, col: usize) -> Location {
        Location::new(
            &self.file,
            row.line,
            row.columns.get(col).copied().unwrap_or(1),
        )
    }

    /// The trimmed cell, or "" when the column is absent.
    pub fn cell<'a>(&self, row: &'a Row, col: Option<usize>) -> &'a str {
        col.and_then(|c| row.cells.get(c))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// Reads `path` (shown to the user as `shown`). Ragged rows are reported and skipped, so one
/// bad row does not hide the errors in the rest of the file.
pub fn read(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(Location::file(shown), format!("cannot read file: {e}"));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            diags.error_hint(
                Location::at_offset(shown, &lossy, offset),
                "the file is not UTF-8 text",
                "save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or UTF-8 in LibreOffice",
            );
            return None;
        }
    };
    parse(&text, shown, diags)
}

pub fn parse(text: &str, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The csv reader ends a CRLF row at the '\r', so positions would point at the previous
    // line; with plain '\n' every position is exact.
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n");
        normalized.as_str()
    } else {
        text
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for result in reader.records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                diags.error(
                    Location::new(shown, line, 0),
                    format!("cannot read CSV: {e}"),
                );
                return None;
            }
        };
        let pos = record
            .position()
            .expect("csv records read from a reader carry a position");
        let line = pos.line() as usize;
        let columns = cell_columns(text, pos.byte() as usize, record.len());
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        match &header {
            None => {
                header = Some(cells.iter().map(|c| c.trim().to_string()).collect());
            }
            Some(h) => {
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if cells.len() != h.len() {
                    diags.error_hint(
                        Location::new(shown, line, 1),
                        format!("this row has {} cells but the header has {}", cells.len(), h.len()),
                        "check for a missing or extra comma; put a value that contains a comma in double quotes",
                    );
                    continue;
                }
                rows.push(Row {
                    line,
                    cells,
                    columns,
                });
            }
        }
    }
    match header {
        Some(header) => Some(Table {
            file: shown.to_path_buf(),
            header,
            rows,
        }),
        None => {
            diags.error_hint(
                Location::file(shown),
                "the file is empty",
                "the first line must be the header row",
            );
            None
        }
    }
}

/// 1-based character columns where each of the `n` cells of the record at `start` begins.
fn cell_columns(text: &str, start: usize, n: usize) -> Vec<usize> {
    let mut cols = Vec::with_capacity(n);
    let mut col = 1;
    let mut in_quotes = false;
    let mut at_cell_start = true;
    for ch in text[start.min(text.len())..].chars() {
        if at_cell_start {
            cols.push(col);
            at_cell_start = false;
            if cols.len() > n {
                break;
            }
        }
        match ch {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => at_cell_start = true,
            '\n' | '\r' if !in_quotes => break,
            _ => {}
        }
        col += 1;
    }
    if at_cell_start {
        cols.push(col);
    }
    cols.truncate(n);
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_quotes() {
        let text = "a,\"b,c\",d\n";
        assert_eq!(cell_columns(text, 0, 3), vec![1, 3, 9]);
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let mut d = Diagnostics::new();
        let t = parse(
            "\u{feff}code,name\r\n64.01,Kabupaten Paser\r\n",
            Path::new("x.csv"),
            &mut d,
        )
        .unwrap();
        assert!(d.is_empty());
        assert_eq!(t.header, vec!["code", "name"]);
        assert_eq!(t.rows[0].cells[1], "Kabupaten Paser");
        assert_eq!(t.rows[0].line, 2);
    }
}
