//! Build errors that point at a place in the user's files.
//!
//! Every loader pushes into one [`Diagnostics`] list instead of returning early, so a single run
//! reports every problem at once: staff fix a spreadsheet in one pass, not one error per build.
//!
//! Each problem also has a stable code (`CK101`, see [`CODES`]) worked out from its message in
//! one place, [`code_for`], and can be printed as JSON or as GitHub workflow commands for
//! editors and CI (see [`Format`]).

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a value came from: a file and, when known, a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The worksheet, for a cell of a workbook: then `line` is the row and `column` the
    /// column number, shown as `file, sheet Kaltim, cell C14`.
    pub sheet: Option<String>,
}

impl Location {
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
        let sheet = self.sheet.as_ref()?;
        Some(match (self.line, self.column) {
            (0, _) => format!("sheet {sheet}"),
            (r, 0) => format!("sheet {sheet}, row {r}"),
            (r, c) => format!("sheet {sheet}, cell {}{r}", column_letters(c)),
        })
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
    pub location: Location,
    pub message: String,
    pub hint: Option<String>,
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
    pub fn new() -> Self {
        Self::default()
    }

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

    pub fn push(&mut self, d: Diagnostic) {
        match d.severity {
            Severity::Error => self.items.push(d),
            Severity::Warning => self.warnings.push(d),
        }
    }

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
    let mut per_file: std::collections::BTreeMap<&Path, usize> = Default::default();
    let mut shown = Vec::new();
    for d in list {
        let n = per_file.entry(d.location.file.as_path()).or_default();
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

/// One stable problem code: what scripts and CI match on, since message wording may improve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// `CK101`: never reused for another problem.
    pub code: &'static str,
    /// `unknown-region`: a short name for people.
    pub name: &'static str,
    /// What the problem is (listed in the README).
    pub meaning: &'static str,
    /// Message shapes: `*` stands for any text; the whole message must match.
    patterns: &'static [&'static str],
}

const fn c(
    code: &'static str,
    name: &'static str,
    meaning: &'static str,
    patterns: &'static [&'static str],
) -> Code {
    Code {
        code,
        name,
        meaning,
        patterns,
    }
}

/// Problems with no entry of their own.
pub const OTHER: Code = c("CK000", "other", "a problem without a code of its own", &[]);

/// Every code, in the order they are tried: the first whose pattern matches the message wins,
/// so narrow shapes come before broad ones. Codes are derived from messages here and nowhere
/// else, so a new message without an entry gets `CK000` rather than a wrong code.
pub const CODES: &[Code] = &[
    // Files and site.toml
    c(
        "CK001",
        "site-config",
        "site.toml is missing or a setting in it is wrong",
        &[
            "no site.toml in *",
            "province_code is empty",
            "period_range * is not a range of years",
            "base_url * must be a path starting with / or an http(s):// address",
            "headline_metric `*` is not defined in data/metrics.toml",
        ],
    ),
    c(
        "CK002",
        "unreadable-file",
        "a file cannot be read or is empty",
        &[
            "cannot read file: *",
            "cannot read CSV: *",
            "cannot read: *",
            "the file is empty",
        ],
    ),
    c(
        "CK003",
        "not-utf8",
        "a file is not UTF-8 text (save it as CSV UTF-8)",
        &["the file is not UTF-8 text*"],
    ),
    c(
        "CK004",
        "unknown-key",
        "a TOML table has a key it cannot have (often a typo)",
        &["invalid TOML: unknown field*"],
    ),
    c(
        "CK005",
        "missing-key",
        "a TOML table lacks a key it needs",
        &["invalid TOML: missing field*"],
    ),
    c(
        "CK006",
        "wrong-type",
        "a TOML value has the wrong type (text without quotes, a number in quotes)",
        &[
            "invalid TOML: expected * found *",
            "expected a date such as *",
        ],
    ),
    c(
        "CK007",
        "invalid-toml",
        "a TOML file cannot be parsed",
        &["invalid TOML: *"],
    ),
    c(
        "CK008",
        "symlink-outside",
        "a symbolic link points outside the site folder",
        &[
            "this symlink points outside the site folder*",
            "this symbolic link points outside the site folder*",
        ],
    ),
    // Figures and regions
    c(
        "CK101",
        "unknown-region",
        "a region code or name that data/regions.csv does not list",
        &[
            "unknown region `*`",
            "front matter names unknown region `*`",
            "value(): unknown region `*`",
        ],
    ),
    c(
        "CK102",
        "unknown-metric",
        "a metric that data/metrics.toml does not define",
        &[
            "unknown metric `*`",
            "column `*` is not a metric defined in data/metrics.toml",
            "value(): unknown metric `*`",
            "*=\"*\": unknown metric",
        ],
    ),
    c(
        "CK103",
        "derived-metric-entered",
        "a figure entered for a metric that is computed from a ratio",
        &[
            "`*` is a derived metric*",
            "column `*` is a derived metric*",
        ],
    ),
    c(
        "CK104",
        "malformed-period",
        "a period that is not YYYY, YYYY-MM or YYYY-MM-DD",
        &["malformed period: *"],
    ),
    c(
        "CK105",
        "period-out-of-range",
        "a period outside the site's period_range",
        &["period * is outside the years *"],
    ),
    c(
        "CK106",
        "not-a-number",
        "a value that is not a number",
        &["value * for `*` is not a number"],
    ),
    c(
        "CK107",
        "thousands-dot",
        "a value whose dot is probably a thousands separator",
        &["value `*` for `*` has a dot before three digits*"],
    ),
    c(
        "CK108",
        "negative-count",
        "a negative value for a count",
        &["negative value * for `*`*"],
    ),
    c(
        "CK109",
        "duplicate-figure",
        "the same region, metric and period given twice",
        &["duplicate figure: *"],
    ),
    c(
        "CK110",
        "unknown-source",
        "a source id that data/sources.toml does not define",
        &["unknown source `*`", "*: unknown source `*`"],
    ),
    c(
        "CK111",
        "basis",
        "a figure's basis (denominator) is missing or not one of its metric's",
        &[
            "basis `*` given for `*`, which declares no bases",
            "the figure of `*` names no basis*",
            "`*` has no basis `*`",
        ],
    ),
    c(
        "CK112",
        "unknown-status",
        "a status other than realisasi, rencana, kuota or target",
        &[
            "status `*` is not one this site knows",
            "value(): unknown status `*`",
        ],
    ),
    c(
        "CK113",
        "bad-header",
        "a CSV header lacks a column, repeats one or has one it cannot have",
        &[
            "the header lacks column(s) *",
            "the header must have columns *",
            "column `*` appears twice in the header*",
            "column `*` is not a column this file can have",
        ],
    ),
    c(
        "CK114",
        "row-length",
        "a CSV row with more or fewer cells than its header",
        &["this row has * cells but the header has *"],
    ),
    c(
        "CK115",
        "region-list",
        "data/regions.csv: a code twice, a name or code missing, two regions at one address",
        &[
            "region code * is listed twice*",
            "every region needs a code and a name",
            "the name `*` has no letters or digits*",
            "the page address /wilayah/* is also used by *",
            "no regions are listed",
            "region code * is the same as the province_code*",
        ],
    ),
    c(
        "CK116",
        "tile-position",
        "a region's tile_x/tile_y is incomplete, not whole numbers, or taken",
        &[
            "tile position * is not two whole numbers",
            "only one of tile_x and tile_y is filled in",
            "tile (*) is also the tile of *",
        ],
    ),
    // Metrics and sources
    c(
        "CK201",
        "metric-definition",
        "a metric in data/metrics.toml is incomplete or inconsistent",
        &[
            "metric `*` has no unit",
            "metric `*`: *",
            "metric `*` is a ratio of `*`*",
            "no metrics are defined",
        ],
    ),
    c(
        "CK202",
        "unsafe-url",
        "a link whose scheme is not allowed (javascript:, data:, //host)",
        &[
            "source `*`: link *",
            "source `*`: the url is empty",
            "link definition: *",
            "link: *",
            "image: *",
        ],
    ),
    c(
        "CK203",
        "bad-date",
        "a date that is not YYYY-MM-DD",
        &["source `*`: '*' is not a date*", "'*' is not a date*"],
    ),
    // Pages, calls and charts
    c(
        "CK301",
        "front-matter",
        "a content file's front matter is missing, unclosed or its name unusable",
        &[
            "the file does not start with front matter",
            "the front matter is not closed",
            "this file name cannot become a page address*",
        ],
    ),
    c(
        "CK302",
        "page-collision",
        "a page would be published where a generated page or folder is",
        &["this page would be published *"],
    ),
    c(
        "CK303",
        "unknown-function",
        "a {{ ... }} call names a function other than chart or value",
        &["unknown function `*`"],
    ),
    c(
        "CK304",
        "unreadable-call",
        "a {{ ... }} call cannot be read",
        &["cannot read this call: *"],
    ),
    c(
        "CK305",
        "chart-argument",
        "a chart() call has a missing, unknown or wrong argument",
        &[
            "chart(): *",
            "chart() needs a type",
            "unknown chart type `*`",
            "this chart needs `*`",
            "a trend chart needs *",
            "a sparkline needs *",
            "a composition chart needs *",
            "`*` has a different unit from `*`*",
            "a tile map needs tile positions",
            "period: *",
        ],
    ),
    c(
        "CK306",
        "chart-no-data",
        "a chart would have nothing to draw",
        &[
            "no region has figures for * in *",
            "no figures for `*` in *",
            "no region has both `*` and `*` in *",
        ],
    ),
    c(
        "CK307",
        "value-no-figure",
        "a value() call asks for a figure the data does not hold",
        &["value(): no figure for *"],
    ),
    c(
        "CK308",
        "value-argument",
        "a value() call has an unknown or wrong argument",
        &["value(): *"],
    ),
    // Templates
    c(
        "CK401",
        "template",
        "a template cannot be read or rendered",
        &[
            "template error: *",
            "cannot read template: *",
            "a chart(...) call in this template could not be read*",
        ],
    ),
    // Assessment rounds
    c(
        "CK501",
        "assessment-round",
        "an assessment round file is inconsistent",
        &[
            "`*` is not a score file of an assessment round",
            "score file for round `*`, but there is no *",
            "round id `*`*",
            "assessment_period * is not a year",
            "award_date*",
            "participant * is listed twice",
            "unknown participant region `*`",
            "the round has no *",
            "an assessor name is empty",
            "assessor `*` is listed twice",
            "published_result *",
            "published rank * is not a rank",
            "tie_break names *",
        ],
    ),
    c(
        "CK502",
        "assessment-criterion",
        "an assessment criterion is incomplete or inconsistent",
        &[
            "panel criterion `*`*",
            "criterion id `*`*",
            "duplicate criterion id `*`*",
            "criterion `*`*",
            "metric criterion `*` has no scale",
        ],
    ),
    c(
        "CK503",
        "assessment-score",
        "a panel score is unknown, duplicated or out of range",
        &[
            "score for *, which is not a participant of round `*`",
            "unknown criterion `*`",
            "the assessor is empty",
            "assessor `*` is not in the round's assessors",
            "score * is outside 0-100",
            "score * is not a number",
            "duplicate score: *",
        ],
    ),
    // Output and static files
    c(
        "CK601",
        "static-file",
        "a static file cannot be read or published",
        &[
            "cannot read this static file*",
            "cannot resolve this static file*",
            "this is not a regular file*",
            "this static file *",
        ],
    ),
    c(
        "CK602",
        "output",
        "the output folder or an output path is unsafe or unusable",
        &[
            "the output *",
            "the build would write an unsafe output path*",
            "the build generates two files at this path",
            "cannot follow the output link*",
            "cannot create the folder for the output*",
            "cannot take the build lock*",
        ],
    ),
    // Warnings
    c(
        "CK701",
        "not-read",
        "a file or column that the build does not read (warning)",
        &["this file is not read*", "column `*` is not read"],
    ),
    c(
        "CK702",
        "implausible-value",
        "a value outside its metric's plausible range (warning)",
        &["value * for `*` is outside the plausible range *"],
    ),
    c(
        "CK703",
        "implausible-jump",
        "a figure rises or falls tenfold or more from the previous one (warning)",
        &["`*` rises from * to *", "`*` falls from * to *"],
    ),
    c(
        "CK704",
        "stale-prose-figure",
        "a text quotes a figure that is no longer the latest (warning)",
        &["`*` is the figure of * for `*`; the latest is *"],
    ),
    c(
        "CK900",
        "strict",
        "warnings treated as errors (--strict)",
        &["* warning(s) treated as errors (--strict)"],
    ),
];

/// The code of a message: the first entry of [`CODES`] with a matching pattern, else `CK000`.
pub fn code_for(message: &str) -> &'static Code {
    CODES
        .iter()
        .find(|c| c.patterns.iter().any(|p| glob(p, message)))
        .unwrap_or(&OTHER)
}

/// Whole-text match where `*` stands for any text (possibly empty).
fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// For people: `error: file:line:column: message` and a hint line, on stderr.
    #[default]
    Text,
    /// One JSON object on stdout: `{"errors": [...], "warnings": [...]}`.
    Json,
    /// GitHub Actions workflow commands (`::error file=...::message`) on stdout.
    Github,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format, String> {
        match s {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "github" => Ok(Format::Github),
            other => Err(format!(
                "unknown format `{other}`; use text, json or github"
            )),
        }
    }
}

/// One problem in `--format json`, fields in the documented order.
#[derive(serde::Serialize)]
struct JsonItem<'a> {
    file: std::borrow::Cow<'a, str>,
    /// In a workbook: `line` is the row and `column` the column number of the cell in
    /// `sheet`, and `cell` names it (`C14`); both left out for text files.
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
    /// The message in Indonesian (`id`), from [`crate::messages`]; `message` stays English so
    /// scripts that match on it keep working, whatever the site's language.
    message_id: String,
    hint_id: Option<String>,
}

fn json_item(d: &Diagnostic) -> JsonItem<'_> {
    let (message_id, hint_id) =
        crate::messages::translate(&d.message, d.hint.as_deref(), crate::messages::Lang::Id);
    JsonItem {
        file: d.location.file.to_string_lossy(),
        line: d.location.line,
        column: d.location.column,
        sheet: d.location.sheet.as_deref(),
        cell: d.location.cell_name(),
        severity: d.severity_word(),
        code: d.code(),
        message: &d.message,
        hint: d.hint.as_deref(),
        message_id,
        hint_id,
    }
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    errors: Vec<JsonItem<'a>>,
    warnings: Vec<JsonItem<'a>>,
}

/// The one JSON object of `--format json`, every problem included (a program reads it, so
/// nothing is capped), with a newline at the end.
pub fn to_json(errors: &[Diagnostic], warnings: &[Diagnostic]) -> String {
    let doc = JsonReport {
        errors: errors.iter().map(json_item).collect(),
        warnings: warnings.iter().map(json_item).collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// Escapes the message of a workflow command (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error` or `::warning` workflow command. `site` is the site folder as given on the
/// command line: annotations need paths from the repository root, and diagnostics hold paths
/// from the site folder. A place with no file (such as `--strict`) gets no `file=`.
pub fn github_line(d: &Diagnostic, site: &Path) -> String {
    github_line_in(d, site, crate::messages::Lang::En)
}

/// [`github_line`] with the message and hint in `lang` (`saran:` for the hint in Indonesian);
/// the place and the code in `title=` are the same in every language.
pub fn github_line_in(d: &Diagnostic, site: &Path, lang: crate::messages::Lang) -> String {
    let mut props = Vec::new();
    let file = &d.location.file;
    let is_place = !file.as_os_str().is_empty() && !file.to_string_lossy().starts_with("--");
    if is_place {
        let shown = if file.is_relative() && site != Path::new(".") && site != Path::new("") {
            site.join(file)
        } else {
            file.clone()
        };
        let shown = shown.to_string_lossy().replace('\\', "/");
        let shown = shown.strip_prefix("./").unwrap_or(&shown).to_string();
        props.push(format!("file={}", escape_property(&shown)));
        // A workbook's row and column are no lines of the file: the sheet and cell go into
        // the message instead.
        if d.location.line > 0 && d.location.sheet.is_none() {
            props.push(format!("line={}", d.location.line));
            if d.location.column > 0 {
                props.push(format!("col={}", d.location.column));
            }
        }
    }
    props.push(format!("title={}", escape_property(d.code())));
    let (mut text, hint) = crate::messages::translate(&d.message, d.hint.as_deref(), lang);
    if let Some(place) = d.location.sheet_place() {
        text = format!("{place}: {text}");
    }
    if let Some(h) = &hint {
        text.push_str(match lang {
            crate::messages::Lang::En => "\nhint: ",
            crate::messages::Lang::Id => "\nsaran: ",
        });
        text.push_str(h);
    }
    format!(
        "::{} {}::{}",
        // The workflow command word is GitHub's, never translated.
        d.severity_word(),
        props.join(","),
        escape_data(&text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("unknown region `*`", "unknown region `64.0l`"));
        assert!(!glob("unknown region `*`", "unknown region `64.0l` twice"));
        assert!(glob("a*b*c", "aXbYc"));
        assert!(glob("abc", "abc"));
        assert!(!glob("abc", "abcd"));
        assert!(glob(
            "*: unknown source `*`",
            "scores_source: unknown source `x`"
        ));
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "{} twice", c.code);
            assert!(c.code.len() == 5 && c.code.starts_with("CK"), "{}", c.code);
            assert!(!c.patterns.is_empty(), "{}", c.code);
        }
    }

    #[test]
    fn narrow_before_broad() {
        assert_eq!(
            code_for("value(): no figure for `x` in region 64").code,
            "CK307"
        );
        assert_eq!(code_for("value(): unknown argument `k`").code, "CK308");
        assert_eq!(code_for("value(): unknown region `64.9`").code, "CK101");
        assert_eq!(
            code_for("invalid TOML: unknown field `titel`, expected one of `title`").code,
            "CK004"
        );
        assert_eq!(code_for("invalid TOML: something else").code, "CK007");
        assert_eq!(
            code_for(
                "source `a`: '2025-13-01' is not a date (expected YYYY-MM-DD, e.g. 2025-08-05)"
            )
            .code,
            "CK203"
        );
        assert_eq!(code_for("source `a`: link `javascript:x` uses the scheme `javascript:`, which is not allowed").code, "CK202");
        assert_eq!(code_for("something new").code, "CK000");
    }

    #[test]
    fn github_escapes() {
        let d = Diagnostic {
            location: Location::new("data/a,b:c.csv", 3, 7),
            message: "100% wrong\r\nreally".into(),
            hint: None,
            severity: Severity::Warning,
        };
        assert_eq!(
            github_line(&d, Path::new(".")),
            "::warning file=data/a%2Cb%3Ac.csv,line=3,col=7,title=CK000::100%25 wrong%0D%0Areally"
        );
    }
}
