//! Build errors that point at a place in the user's files.
//!
//! Every loader pushes into one [`Diagnostics`] list instead of returning early, so a single run
//! reports every problem at once: staff fix a spreadsheet in one pass, not one error per build.
//!
//! Each problem also has a stable code (`CK101`, see [`CODES`]) worked out from its message in
//! one place, [`code_for`], and can be printed as JSON or as GitHub workflow commands for
//! editors and CI (see [`Format`]).

mod codes;
mod output;
mod suggest;

pub use codes::{code_for, Code, CODES, OTHER};
pub use output::{github_line, github_line_in, to_json, Format};
use std::fmt;
use std::path::{Path, PathBuf};
pub use suggest::{closest, suggest};

/// Where a value came from: a file and, when known, a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    /// The file, relative to the site folder where it is one of its files.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when not known.
    pub column: usize,
    /// The worksheet, for a cell of a workbook: then `line` is the row and `column` the
    /// column number, shown as `file, sheet Kaltim, cell C14`.
    pub sheet: Option<String>,
}

impl Location {
    /// A place in a file.
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
            sheet: None,
        }
    }

    /// A cell of a worksheet: 1-based row and column numbers.
    pub fn cell(file: impl Into<PathBuf>, sheet: &str, row: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line: row,
            column,
            sheet: Some(sheet.to_string()),
        }
    }

    /// A location for a whole file (no line known).
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: 0,
            column: 0,
            sheet: None,
        }
    }

    /// Location of a byte offset in `text`, for parsers that report spans.
    pub fn at_offset(file: impl Into<PathBuf>, text: &str, offset: usize) -> Self {
        let (line, column) = line_col(text, offset);
        Location {
            file: file.into(),
            line,
            column,
            sheet: None,
        }
    }
}

impl Location {
    /// The place inside a workbook (`sheet Kaltim, cell C14`), for outputs whose own line and
    /// column fields mean lines of a text file (GitHub annotations).
    pub fn sheet_place(&self) -> Option<String> {
        self.sheet_place_in(crate::messages::Lang::En)
    }

    /// [`Location::sheet_place`] in `lang` (`lembar Kaltim, sel C14`): a workbook's place is
    /// read by a person, not jumped to by an editor, so it is said in the reader's language.
    pub fn sheet_place_in(&self, lang: crate::messages::Lang) -> Option<String> {
        let sheet = self.sheet.as_ref()?;
        let (w_sheet, w_row, w_cell) = match lang {
            crate::messages::Lang::En => ("sheet", "row", "cell"),
            crate::messages::Lang::Id => ("lembar", "baris", "sel"),
        };
        Some(match (self.line, self.column) {
            (0, _) => format!("{w_sheet} {sheet}"),
            (r, 0) => format!("{w_sheet} {sheet}, {w_row} {r}"),
            (r, c) => format!("{w_sheet} {sheet}, {w_cell} {}{r}", column_letters(c)),
        })
    }

    /// The place as a reader of `lang` sees it: `file:line:col` as is (editors jump to it),
    /// a workbook's sheet and cell in words of `lang`.
    pub fn display_in(&self, lang: crate::messages::Lang) -> String {
        match self.sheet_place_in(lang) {
            Some(place) => format!("{}, {place}", self.file.display()),
            None => self.to_string(),
        }
    }

    /// `C14` for a cell of a workbook.
    pub fn cell_name(&self) -> Option<String> {
        self.sheet.as_ref()?;
        (self.line > 0 && self.column > 0)
            .then(|| format!("{}{}", column_letters(self.column), self.line))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        if let Some(place) = self.sheet_place() {
            return write!(f, "{file}, {place}");
        }
        match (self.line, self.column) {
            (0, _) => write!(f, "{file}"),
            (l, 0) => write!(f, "{file}:{l}"),
            (l, c) => write!(f, "{file}:{l}:{c}"),
        }
    }
}

/// Spreadsheet column name of a 1-based column number: 1 -> A, 27 -> AA.
pub fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        out.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Severity {
    /// Stops the build; nothing is written.
    #[default]
    Error,
    /// Reported, counted in the summary line; the build goes on.
    Warning,
}

/// One problem in the input: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in English (translated when printed, see `messages`).
    pub message: String,
    /// What would fix it.
    pub hint: Option<String>,
    /// Whether it stops the build.
    pub severity: Severity,
}

impl Diagnostic {
    /// The stable code of this problem (`CK101`), from its message (see [`code_for`]).
    pub fn code(&self) -> &'static str {
        code_for(&self.message).code
    }

    /// "error" or "warning".
    pub fn severity_word(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{word}: {}: {}", self.location, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// All problems found so far in a run: errors, which stop it, and warnings, which do not.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an error without a hint.
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.items.push(Diagnostic {
            location,
            message: message.into(),
            hint: None,
            severity: Severity::Error,
        });
    }

    /// A problem worth reading that does not stop the build (a file that is not read, an
    /// extra column).
    pub fn warn(
        &mut self,
        location: Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.warnings.push(Diagnostic {
            location,
            message: message.into(),
            hint: Some(hint.into()),
            severity: Severity::Warning,
        });
    }

    /// Adds an error with a hint saying what would fix it.
    pub fn error_hint(
        &mut self,
        location: Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            location,
            message: message.into(),
            hint: Some(hint.into()),
            severity: Severity::Error,
        });
    }

    /// Adds a finished diagnostic (an error or a warning).
    pub fn push(&mut self, d: Diagnostic) {
        match d.severity {
            Severity::Error => self.items.push(d),
            Severity::Warning => self.warnings.push(d),
        }
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.warnings.extend(other.warnings);
    }

    /// True when there is no error (warnings do not count).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Warnings sorted by place, taken out of the list (for a run that succeeded).
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        let mut w = std::mem::take(&mut self.warnings);
        w.sort();
        w.dedup();
        w
    }

    /// How many problems there are, errors and warnings.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Errors sorted by file and line, so output is stable whatever order loaders ran in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }

    /// Errors, then warnings, each sorted by place.
    pub fn into_all(mut self) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let warnings = self.take_warnings();
        (self.into_sorted(), warnings)
    }
}

/// At most this many problems of one file are printed: one broken 48 MB file once printed
/// 240 000 errors, and nobody reads past the first screen.
pub const MAX_PER_FILE: usize = 50;
/// At most this many problems are printed in all.
pub const MAX_TOTAL: usize = 200;

/// The problems to print, capped per file and in all, with a line saying how many were left
/// out (the exit status and counts still cover every one).
pub fn capped(list: &[Diagnostic]) -> (Vec<&Diagnostic>, usize) {
    // Counted by the path's bytes: a map ordered by `Path` compares component by component,
    // and a monthly national site's 10.000 prose warnings made that 10 ms of the build's end.
    let mut per_file: std::collections::HashMap<&std::ffi::OsStr, usize> = Default::default();
    let mut shown = Vec::new();
    for d in list {
        let n = per_file.entry(d.location.file.as_os_str()).or_default();
        *n += 1;
        if *n <= MAX_PER_FILE && shown.len() < MAX_TOTAL {
            shown.push(d);
        }
    }
    let hidden = list.len() - shown.len();
    (shown, hidden)
}

/// Path shown to the user: relative to the site directory when possible.
pub fn display_path(site: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(site)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}
