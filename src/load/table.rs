//! Reading CSV files as staff save them from Excel or LibreOffice: UTF-8 with or without BOM,
//! CRLF or LF, quoted fields. Every cell keeps its line and column for error messages.

use crate::diagnostics::{Diagnostics, Location};
use std::path::Path;

/// One data row with the position of each cell.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
    pub(super) columns: Vec<usize>,
    /// For a workbook, the value of each cell that holds a number (empty for CSV): such a
    /// value is used as is, never read back from text with the site's number format.
    pub(super) numbers: Vec<Option<f64>>,
}

impl Row {
    /// The number stored in cell `col` of a workbook row.
    pub fn number(&self, col: usize) -> Option<f64> {
        self.numbers.get(col).copied().flatten()
    }
}

/// A parsed CSV file: header and rows, plus the path shown in errors.
#[derive(Debug)]
pub struct Table {
    pub file: std::path::PathBuf,
    pub header: Vec<String>,
    /// Character column where each header cell starts.
    pub(super) header_columns: Vec<usize>,
    /// Line (or worksheet row) of the header.
    pub(super) header_line: usize,
    /// The worksheet this table is, for a workbook.
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
    /// `;` for a file saved by Excel with Indonesian (or other European) regional settings,
    /// where numbers are written with a decimal comma; `,` otherwise.
    pub separator: char,
}

impl Table {
    /// A place in this table: line and column of a CSV file, or row and column of a sheet.
    pub fn loc(&self, line: usize, column: usize) -> Location {
        match &self.sheet {
            Some(sheet) => Location::cell(&self.file, sheet, line, column),
            None => Location::new(&self.file, line, column),
        }
    }

    /// Where header cell `i` is.
    pub fn header_at(&self, i: usize) -> Location {
        self.loc(
            self.header_line,
            self.header_columns.get(i).copied().unwrap_or(1),
        )
    }

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
            self.header_at(0),
            format!("the header lacks column(s) {}", missing.join(", ")),
            hint,
        );
        false
    }

    /// Reports header columns the reader does not know: a name close to a known column is an
    /// error (a misspelt `vaule` would otherwise drop its figures silently), any other is a
    /// warning naming it (a `comment` column is harmless). `extra_ok` says whether unknown
    /// columns are tolerated at all.
    pub fn check_columns(&self, known: &[&str], extra_ok: bool, diags: &mut Diagnostics) {
        for (i, name) in self.header.iter().enumerate() {
            if known.contains(&name.as_str()) {
                continue;
            }
            let at = self.header_at(i);
            let close = crate::diagnostics::closest(name, known.iter().copied(), 0.85);
            let list = known.join(", ");
            match close {
                Some(k) => diags.error_hint(
                    at,
                    format!("column `{name}` is not a column this file can have"),
                    format!("did you mean `{k}`? the columns read here are: {list}"),
                ),
                None if extra_ok => diags.warn(
                    at,
                    format!("column `{name}` is not read"),
                    format!("the columns read here are: {list}; remove the column to silence this warning"),
                ),
                None => diags.error_hint(
                    at,
                    format!("column `{name}` is not a column this file can have"),
                    format!("the columns read here are: {list}"),
                ),
            }
        }
    }

    /// Location of cell `col` in `row` (falls back to the row start).
    pub fn at(&self, row: &Row, col: usize) -> Location {
        self.loc(row.line, row.columns.get(col).copied().unwrap_or(1))
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
    // Excel's "Unicode Text" and some "CSV UTF-16" exports: decode by their byte-order mark.
    let utf16 = match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => Some((rest, true)),
        [0xFE, 0xFF, rest @ ..] => Some((rest, false)),
        _ => None,
    };
    if let Some((rest, little)) = utf16 {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if little {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        return match String::from_utf16(&units) {
            Ok(text) => parse(&text, shown, diags),
            Err(_) => {
                diags.error_hint(
                    Location::file(shown),
                    "the file says it is UTF-16 text but holds invalid characters",
                    "save it again as \"CSV UTF-8 (Comma delimited)\" in Excel",
                );
                None
            }
        };
    }
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
    let separator = detect_separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut header_columns = Vec::new();
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
        let columns = cell_columns(text, pos.byte() as usize, record.len(), separator);
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        match &header {
            None => {
                let names: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
                // A second `value` column would silently win or lose against the first.
                for (i, name) in names.iter().enumerate() {
                    if let Some(first) = names[..i].iter().position(|n| n == name) {
                        diags.error_hint(
                            Location::new(shown, line, columns.get(i).copied().unwrap_or(1)),
                            format!(
                                "column `{name}` appears twice in the header (also column {})",
                                first + 1
                            ),
                            "rename or remove one of the two columns",
                        );
                    }
                }
                header = Some(names);
                header_columns = columns;
            }
            Some(h) => {
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if cells.len() != h.len() {
                    diags.error_hint(
                        Location::new(shown, line, 1),
                        format!("this row has {} cells but the header has {}", cells.len(), h.len()),
                        if separator == ';' {
                            "this file separates cells with semicolons (;): check for a missing or extra semicolon; put a value that contains a semicolon in double quotes"
                        } else if separator == '\t' {
                            "this file separates cells with tabs: check for a missing or extra tab"
                        } else {
                            "this file separates cells with commas (,): check for a missing or extra comma; put a value that contains a comma in double quotes"
                        },
                    );
                    continue;
                }
                rows.push(Row {
                    line,
                    cells,
                    columns,
                    numbers: Vec::new(),
                });
            }
        }
    }
    match header {
        Some(header) => Some(Table {
            file: shown.to_path_buf(),
            header,
            header_columns,
            header_line: 1,
            sheet: None,
            rows,
            separator,
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
/// The separator the header line uses most outside quotes: `;` is how Excel with Indonesian
/// regional settings saves "CSV", a tab how it saves "Unicode Text"; `,` otherwise.
fn detect_separator(text: &str) -> char {
    let header = text.lines().next().unwrap_or("");
    let (mut commas, mut semis, mut tabs, mut quoted) = (0, 0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if tabs > commas.max(semis) {
        '\t'
    } else if semis > commas {
        ';'
    } else {
        ','
    }
}

fn cell_columns(text: &str, start: usize, n: usize, separator: char) -> Vec<usize> {
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
            c if c == separator && !in_quotes => at_cell_start = true,
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
        assert_eq!(cell_columns(text, 0, 3, ','), vec![1, 3, 9]);
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

    #[test]
    fn duplicate_and_unknown_columns_are_reported_at_their_column() {
        let mut d = Diagnostics::new();
        let t = parse(
            "region,metric,period,value,source,value,vaule,comment\n",
            Path::new("x.csv"),
            &mut d,
        )
        .unwrap();
        t.check_columns(
            &["region", "metric", "period", "value", "source", "note"],
            true,
            &mut d,
        );
        let (errors, warnings) = d.into_all();
        let errs: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.location.column, e.message.as_str()))
            .collect();
        assert_eq!(
            errs,
            vec![
                (
                    35,
                    "column `value` appears twice in the header (also column 4)"
                ),
                (41, "column `vaule` is not a column this file can have"),
            ]
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location.column, 47);
        assert!(warnings[0].message.contains("`comment` is not read"));
    }
}
