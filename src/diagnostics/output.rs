//! Problems for programs: `--format json` (one object on stdout) and `--format github`
//! (workflow commands that show as annotations on a pull request).

use super::Diagnostic;
use std::path::Path;

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
    /// The format named on the command line (`text`, `json` or `github`).
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
    if let Some(place) = d.location.sheet_place_in(lang) {
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
    use crate::diagnostics::{Location, Severity};

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
