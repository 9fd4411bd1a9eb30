//! Reading CSV files as staff save them from Excel or LibreOffice: UTF-8 with or without BOM,
//! CRLF or LF, quoted fields. Every cell keeps its line and column for error messages.

use crate::diagnostics::{Diagnostics, Location};
use std::path::Path;

/// One data row. Its cells live in the [`Table`] (ranges of the file's text, or of one buffer
/// for the whole file, so a row costs no allocation): read them with [`Table::cell`] and
/// [`Table::number`].
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub line: usize,
    /// Index of the row's first cell in the table's spans; a row has one cell per header cell.
    first: usize,
    /// Byte offset of the row in the CSV text, for working out cell columns when an error
    /// needs one (`usize::MAX` for a worksheet row, whose columns are the header's).
    byte: usize,
}

/// A parsed CSV file or worksheet: header and rows, plus the path shown in errors.
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
    /// Every cell's text, back to back, and each cell's byte range in it; or, when
    /// `cells_in_source`, no text and each cell's range in `source` (a file without quotes,
    /// whose cells are the source's bytes as they are).
    text: String,
    spans: Vec<(u32, u32)>,
    cells_in_source: bool,
    /// For a workbook, the value of each cell that holds a number (empty for CSV): such a
    /// value is used as is, never read back from text with the site's number format.
    numbers: Vec<Option<f64>>,
    /// The CSV text the rows were read from (empty for a workbook): cell columns are only
    /// worked out from it for an error message, not for every row.
    source: String,
}

impl Table {
    /// An empty table with this header, for [`Table::push_row`].
    pub(super) fn new(
        file: std::path::PathBuf,
        header: Vec<String>,
        header_columns: Vec<usize>,
        header_line: usize,
        sheet: Option<String>,
        separator: char,
    ) -> Table {
        Table {
            file,
            header,
            header_columns,
            header_line,
            sheet,
            rows: Vec::new(),
            separator,
            text: String::new(),
            spans: Vec::new(),
            cells_in_source: false,
            numbers: Vec::new(),
            source: String::new(),
        }
    }

    /// A table with this one's header and no rows (a piece of a large file, [`read_each`]).
    fn empty_like(&self) -> Table {
        Table::new(
            self.file.clone(),
            self.header.clone(),
            self.header_columns.clone(),
            self.header_line,
            self.sheet.clone(),
            self.separator,
        )
    }

    /// Appends a row of exactly one cell per header cell (a worksheet row's cells and the
    /// numbers among them; `numbers` may be empty).
    pub(super) fn push_row<'c>(
        &mut self,
        line: usize,
        cells: impl IntoIterator<Item = &'c str>,
        numbers: &[Option<f64>],
    ) {
        self.push(line, usize::MAX, cells);
        if !numbers.is_empty() {
            self.numbers
                .resize(self.spans.len() - self.header.len(), None);
            self.numbers.extend_from_slice(numbers);
        }
    }

    fn push<'c>(&mut self, line: usize, byte: usize, cells: impl IntoIterator<Item = &'c str>) {
        let first = self.spans.len();
        for c in cells {
            let start = self.text.len();
            self.text.push_str(c);
            self.spans.push((start as u32, self.text.len() as u32));
        }
        self.rows.push(Row { line, first, byte });
    }

    /// The number stored in cell `col` of a workbook row.
    pub fn number(&self, row: &Row, col: usize) -> Option<f64> {
        if col >= self.header.len() {
            return None;
        }
        self.numbers.get(row.first + col).copied().flatten()
    }

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
        let column = if row.byte == usize::MAX {
            self.header_columns.get(col).copied()
        } else {
            let n = self.header.len();
            cell_columns(&self.source, row.byte, n, self.separator)
                .get(col)
                .copied()
        };
        self.loc(row.line, column.unwrap_or(1))
    }

    /// Where cell `col` of `row` is, as a figure keeps it: worked out per row (a short scan of
    /// one line), shared file name.
    pub fn figure_at(
        &self,
        place: crate::model::PlaceId,
        row: &Row,
        col: usize,
    ) -> crate::model::FigureLoc {
        let column = if row.byte == usize::MAX {
            self.header_columns.get(col).copied()
        } else if self.cells_in_source {
            // The cell's start is known: its column is the characters before it, plus one.
            self.spans.get(row.first + col).and_then(|&(a, _)| {
                let before = self.source.get(row.byte..a as usize)?;
                Some(if before.is_ascii() {
                    before.len() + 1
                } else {
                    before.chars().count() + 1
                })
            })
        } else {
            cell_column(&self.source, row.byte, col, self.separator)
        };
        crate::model::FigureLoc::new(place, row.line, column.unwrap_or(1))
    }

    /// The shared file name (and worksheet) of this table's figures.
    pub fn place(&self) -> crate::model::PlaceId {
        crate::model::FigureLoc::place(&self.file, self.sheet.as_deref())
    }

    /// The trimmed cell, or "" when the column is absent.
    pub fn cell(&self, row: &Row, col: Option<usize>) -> &str {
        match col {
            Some(c) if c < self.header.len() => self
                .spans
                .get(row.first + c)
                .and_then(|&(a, b)| {
                    let text = if self.cells_in_source {
                        &self.source
                    } else {
                        &self.text
                    };
                    text.get(a as usize..b as usize)
                })
                .map(crate::trim::trim)
                .unwrap_or(""),
            _ => "",
        }
    }
}

/// Reads `path` (shown to the user as `shown`). Ragged rows are reported and skipped, so one
/// bad row does not hide the errors in the rest of the file.
pub fn read(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
    parse_owned(read_text(path, shown, diags)?, shown, diags)
}

/// Whether the rows `text` can be split by hand, at every line end and separator, exactly as
/// the csv reader splits them (and so also cut in pieces at any line end): no quotes (a
/// quoted cell may hold a separator or a line break), no '\r' (the reader ends a record there
/// too) and no byte-order mark (the reader drops one at the start of the text it reads, so it
/// would read differently by where the text was cut).
fn splits_by_hand(text: &str) -> bool {
    memchr::memchr2(b'"', b'\r', text.as_bytes()).is_none()
        && memchr::memmem::find(text.as_bytes(), "\u{feff}".as_bytes()).is_none()
}

/// Files larger than this are read in pieces of about [`PIECE`] bytes (see [`read_each`]).
/// Not smaller ones: a national site of 76 files of 1-4 MB keeps both cores busy file by file,
/// and its pieces left ~3 MB more resident through the render (300k: 54 -> 58 MB).
const PIECED_FROM: usize = 6 << 20;
const PIECE: usize = 1 << 20;

/// [`read`] for a large table of figures: `each` is called on consecutive pieces of the
/// file's rows (each a [`Table`] with the file's header and true line numbers), in parallel,
/// and its results come back in file order with each piece's messages. A national export in
/// one 15-50 MB file is then read on every core, and only a few pieces' cells are held at
/// once instead of the whole file's (at 288 000 rows: peak 77 -> 50 MB).
///
/// Pieces are cut at line ends, so only a file without any `"` is cut: a quoted cell may hold
/// a line break. Smaller files, and files with quotes, are one piece.
pub fn read_each<R: Send>(
    path: &Path,
    shown: &Path,
    diags: &mut Diagnostics,
    each: impl Fn(&Table, &mut Diagnostics) -> R + Sync,
) -> Vec<R> {
    use rayon::prelude::*;
    let Some(text) = read_text(path, shown, diags) else {
        return Vec::new();
    };
    let text = normalize(text);
    let header_end = text.find('\n').map_or(text.len(), |i| i + 1);
    // Cut only where every line end is a record's end and the header is the first line: a
    // text split by hand, no blank first line, and rows after the header.
    let pieced = text.len() >= PIECED_FROM
        && header_end < text.len()
        && !text.starts_with('\n')
        && splits_by_hand(&text);
    let whole = |text: String, diags: &mut Diagnostics| -> Vec<R> {
        parse_normalized(text, shown, diags)
            .map(|t| each(&t, diags))
            .into_iter()
            .collect()
    };
    if !pieced {
        return whole(text, diags);
    }
    // The header alone: its columns, its messages (a column named twice) and the separator.
    let mut head_diags = Diagnostics::new();
    let Some(head) = parse_normalized(text[..header_end].to_string(), shown, &mut head_diags)
    else {
        return whole(text, diags);
    };
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let (mut start, mut line) = (header_end, 1);
    while start < text.len() {
        let end = match memchr::memchr(b'\n', &bytes[(start + PIECE).min(text.len())..]) {
            Some(i) if start + PIECE < text.len() => start + PIECE + i + 1,
            _ => text.len(),
        };
        pieces.push((start, end, line));
        line += memchr::memchr_iter(b'\n', &bytes[start..end]).count();
        start = end;
    }
    let results: Vec<Option<(R, Diagnostics)>> = pieces
        .into_par_iter()
        .map(|(start, end, lines_before)| {
            let mut d = Diagnostics::new();
            let mut t = head.empty_like();
            t.source = text[start..end].to_string();
            if !push_rows(&mut t, 0, lines_before, shown, &mut d) {
                return None;
            }
            let r = each(&t, &mut d);
            Some((r, d))
        })
        .collect();
    // A CSV error drops the whole file, as it does read whole: that read says exactly what.
    let Some(results) = results.into_iter().collect::<Option<Vec<_>>>() else {
        return whole(text, diags);
    };
    diags.extend(head_diags);
    results
        .into_iter()
        .map(|(r, d)| {
            diags.extend(d);
            r
        })
        .collect()
}

/// The file's text: UTF-8, or UTF-16 by its byte-order mark; an error for anything else.
fn read_text(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<String> {
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
            Ok(text) => Some(text),
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
    Some(text)
}

/// [`parse_owned`] of borrowed text (the unit tests' shorthand).
#[cfg(test)]
pub fn parse(text: &str, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
    parse_owned(text.to_string(), shown, diags)
}

/// [`parse`] of a text the table keeps (for cell columns in error messages); its rows are
/// read by [`push_rows`].
fn parse_owned(text: String, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
    parse_normalized(normalize(text), shown, diags)
}

/// [`parse_owned`] of a text [`normalize`]d already (normalising twice would turn `\r\r\n`
/// into one line end, where a single pass, as every reader of tables does, leaves a '\r').
fn parse_normalized(text: String, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
    let separator = detect_separator(&text);
    let mut reader = csv_reader(&text, separator);
    let mut record = csv::StringRecord::new();
    let header_read = reader.read_record(&mut record);
    let mut table = match header_read {
        Ok(true) => {
            let (line, byte) = record
                .position()
                .map(|p| (p.line() as usize, p.byte() as usize))
                .unwrap_or((0, 0));
            let columns = cell_columns(&text, byte, record.len(), separator);
            let names: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
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
            Table::new(shown.to_path_buf(), names, columns, 1, None, separator)
        }
        Ok(false) => {
            diags.error_hint(
                Location::file(shown),
                "the file is empty",
                "the first line must be the header row",
            );
            return None;
        }
        Err(e) => {
            csv_error(&e, 0, shown, diags);
            return None;
        }
    };
    // A quoted header cell may span lines: the rows start where the reader stopped.
    let rows_from = reader.position().byte() as usize;
    let lines_before = reader.position().line() as usize - 1;
    drop(reader);
    table.source = text;
    if !push_rows(&mut table, rows_from, lines_before, shown, diags) {
        return None;
    }
    Some(table)
}

/// A reader of `text`'s records as they are: no header row, any number of cells (rows of the
/// wrong length are reported by the caller, not refused by the reader).
fn csv_reader(text: &str, separator: char) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(separator as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// A record the csv reader could not read, at its line (after `lines_before` lines).
fn csv_error(e: &csv::Error, lines_before: usize, shown: &Path, diags: &mut Diagnostics) {
    let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
    diags.error(
        Location::new(shown, line + lines_before, 0),
        format!("cannot read CSV: {e}"),
    );
}

/// The text without a byte-order mark and with `\n` line ends: the csv reader ends a CRLF row
/// at the '\r', so positions would point at the previous line.
fn normalize(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    text
}

/// Reads the rows of `t.source` from byte `from` (after `lines_before` lines of the file)
/// into `t`. `false` after a CSV error (reported).
fn push_rows(
    t: &mut Table,
    from: usize,
    lines_before: usize,
    shown: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let source = std::mem::take(&mut t.source);
    let rows = &source[from.min(source.len())..];
    // The cells of a text split by hand are found with memchr and kept as ranges of the
    // source, not copied; any other text takes the reader.
    let ok = if source.len() <= u32::MAX as usize && splits_by_hand(rows) {
        t.cells_in_source = true;
        push_plain_rows(t, rows, from, lines_before, shown, diags);
        true
    } else {
        push_read_rows(t, rows, from, lines_before, shown, diags)
    };
    t.source = source;
    ok
}

/// [`push_rows`] of a text that [`splits_by_hand`] (`rows`, at byte `from` of the source).
fn push_plain_rows(
    t: &mut Table,
    rows: &str,
    from: usize,
    lines_before: usize,
    shown: &Path,
    diags: &mut Diagnostics,
) {
    let (bytes, sep, n) = (rows.as_bytes(), t.separator as u8, t.header.len());
    // Sized once from the lines (a vectorised count): grown by doubling, the cells of a large
    // file were copied again at each step and could take up to twice their room.
    let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
    t.rows.reserve(lines);
    t.spans.reserve(lines.saturating_mul(n));
    let (mut start, mut line) = (0, lines_before);
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        line += 1;
        let row = &bytes[start..end];
        let (row_start, first) = (from + start, t.spans.len());
        // Blank when every character is white space or a separator, as `str::trim` sees it;
        // usually the first byte says it is not.
        let blank = match row
            .iter()
            .find(|&&b| b != sep && !(b.is_ascii() && (b as char).is_whitespace()))
        {
            None => true,
            Some(b) if b.is_ascii() => false,
            Some(_) => rows[start..end]
                .chars()
                .all(|c| c == t.separator || c.is_whitespace()),
        };
        start = end + 1;
        if blank {
            continue;
        }
        // The separators found by memchr, not byte by byte: a cell ends at each.
        let mut cell = row_start;
        for at in memchr::memchr_iter(sep, row) {
            t.spans.push((cell as u32, (row_start + at) as u32));
            cell = row_start + at + 1;
        }
        t.spans.push((cell as u32, (row_start + row.len()) as u32));
        let cells = t.spans.len() - first;
        if cells != n {
            t.spans.truncate(first);
            ragged_row(shown, line, cells, n, t.separator, diags);
            continue;
        }
        t.rows.push(Row {
            line,
            first,
            byte: row_start,
        });
    }
}

/// [`push_rows`] through the csv reader (quoted cells): records are read into one reused
/// record, and cells copied into the table's one buffer: no allocation per row or cell.
fn push_read_rows(
    t: &mut Table,
    text: &str,
    from: usize,
    lines_before: usize,
    shown: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let separator = t.separator;
    let mut reader = csv_reader(text, separator);
    // The text is UTF-8 already; a string record checks each row once, not cell by cell.
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return true,
            Err(e) => {
                csv_error(&e, lines_before, shown, diags);
                return false;
            }
        }
        let (mut line, mut at) = record
            .position()
            .map(|p| (p.line() as usize + lines_before, p.byte() as usize))
            .unwrap_or((0, 0));
        // The reader's position is where it started reading: before the empty lines it
        // skipped, which would put the row's messages on a blank line above it.
        while text.as_bytes().get(at) == Some(&b'\n') {
            at += 1;
            line += 1;
        }
        let byte = from + at;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != t.header.len() {
            ragged_row(shown, line, record.len(), t.header.len(), separator, diags);
            continue;
        }
        t.push(line, byte, record.iter());
    }
}

/// A row with `cells` cells where the header has `n`.
fn ragged_row(
    shown: &Path,
    line: usize,
    cells: usize,
    n: usize,
    separator: char,
    diags: &mut Diagnostics,
) {
    diags.error_hint(
        Location::new(shown, line, 1),
        format!("this row has {cells} cells but the header has {n}"),
        if separator == ';' {
            "this file separates cells with semicolons (;): check for a missing or extra semicolon; put a value that contains a semicolon in double quotes"
        } else if separator == '\t' {
            "this file separates cells with tabs: check for a missing or extra tab"
        } else {
            "this file separates cells with commas (,): check for a missing or extra comma; put a value that contains a comma in double quotes"
        },
    );
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

/// The column of cell `col` alone (as [`cell_columns`] gives it), without a list.
fn cell_column(text: &str, start: usize, col: usize, separator: char) -> Option<usize> {
    let mut cell = 0;
    let mut in_quotes = false;
    for (column, ch) in text[start.min(text.len())..].chars().enumerate() {
        if cell == col {
            return Some(column + 1);
        }
        match ch {
            '"' => in_quotes = !in_quotes,
            c if c == separator && !in_quotes => {
                cell += 1;
                if cell == col {
                    return Some(column + 2);
                }
            }
            '\n' | '\r' if !in_quotes => return None,
            _ => {}
        }
    }
    None
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

    /// Cells, lines, byte offsets and figure columns of every row, and the messages.
    fn rows_of(t: &Table, d: Diagnostics) -> (Vec<String>, Vec<crate::diagnostics::Diagnostic>) {
        let mut out = Vec::new();
        for row in &t.rows {
            let cells: Vec<_> = (0..t.header.len()).map(|c| t.cell(row, Some(c))).collect();
            let cols: Vec<_> = (0..t.header.len())
                .map(|c| t.figure_at(t.place(), row, c).to_location().column)
                .collect();
            out.push(format!("{} @{} {cells:?} {cols:?}", row.line, row.byte));
        }
        (out, d.into_sorted())
    }

    #[test]
    fn unquoted_files_are_split_as_the_csv_reader_splits_them() {
        let shown = Path::new("data/observations/x.csv");
        let header = "region,metric,period,value,source\n";
        let bodies = [
            "64.01,peserta_aktif,2024,12,bpjs\n64.02,peserta_aktif,2024,13,bpjs\n",
            // no line end after the last row
            "64.01,peserta_aktif,2024,12,bpjs",
            // blank lines, lines of white space or separators only, and a no-break space
            "\n64.01,a,2024,1,s\n   \n,,,,\n \t, ,,,\n\u{a0},\u{3000},,,\n64.02,a,2024,2,s\n\n",
            // ragged rows: too few and too many cells, between good ones
            "64.01,a,2024,1,s\n64.02,a,2024\n64.03,a,2024,3,s,extra\n64.04,a,2024,4,s\n",
            // characters of several bytes before a cell, and white space around cells
            "Kab. Pénajam,ü,2024, 7 ,s\n 64.01 ,a,2024,\u{a0}8\u{a0},s\n",
            // a cell of one separator-like byte of another dialect
            "64.01;a,b,2024,1,s\n",
        ];
        for body in bodies {
            for sep in [",", ";", "\t"] {
                let text = format!("{header}{body}").replace(',', sep);
                let mut d = Diagnostics::new();
                let plain = parse(&text, shown, &mut d).unwrap();
                assert!(plain.cells_in_source, "{text:?} took the reader");
                let got = rows_of(&plain, d);
                // The same rows through the csv reader.
                let mut d = Diagnostics::new();
                let mut read = plain.empty_like();
                read.source = plain.source.clone();
                let from = header.len();
                assert!(push_read_rows(
                    &mut read,
                    &plain.source[from..],
                    from,
                    1,
                    shown,
                    &mut d
                ));
                let want = rows_of(&read, d);
                assert_eq!(got, want, "{text:?}");
            }
        }
        // A byte-order mark after the header (rows pasted from another export) is dropped
        // before the first row, as the reader always dropped it, and kept elsewhere.
        let t = parse(
            "region,metric,period,value,source\n\u{feff}64.01,a,2024,1,s\n\u{feff}64.02,a,2024,2,s\n",
            shown,
            &mut Diagnostics::new(),
        )
        .unwrap();
        assert!(!t.cells_in_source);
        assert_eq!(t.cell(&t.rows[0], Some(0)), "64.01");
        assert_eq!(t.cell(&t.rows[1], Some(0)), "\u{feff}64.02");
        // A row after an empty line is where it is, by either path (the csv reader's own
        // position is the start of the empty line).
        for text in [
            "region,metric,period,value,source\n\n\n64.01,a,2024,1,s\n",
            "region,metric,period,value,source\n\n\n\"64.01\",a,2024,1,s\n",
        ] {
            let t = parse(text, shown, &mut Diagnostics::new()).unwrap();
            assert_eq!(t.rows.len(), 1);
            assert_eq!(t.rows[0].line, 4, "{text:?}");
            let value = t.figure_at(t.place(), &t.rows[0], 3).to_location();
            assert_eq!(
                value.column,
                if text.contains('"') { 16 } else { 14 },
                "{text:?}"
            );
            assert_eq!(t.at(&t.rows[0], 3).column, value.column);
        }
    }

    #[test]
    fn columns_follow_quotes() {
        let text = "a,\"b,c\",d\n";
        assert_eq!(cell_columns(text, 0, 3, ','), vec![1, 3, 9]);
        let one: Vec<_> = (0..3).map(|c| cell_column(text, 0, c, ',')).collect();
        assert_eq!(one, vec![Some(1), Some(3), Some(9)]);
        // A last empty cell starts after the final separator.
        assert_eq!(cell_column("a,b,\n", 0, 2, ','), Some(5));
        assert_eq!(cell_columns("a,b,\n", 0, 3, ','), vec![1, 3, 5]);
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
        assert_eq!(t.cell(&t.rows[0], Some(1)), "Kabupaten Paser");
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
