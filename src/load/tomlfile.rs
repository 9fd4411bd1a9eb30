//! Reading TOML files into typed structs, turning parser errors into located diagnostics.

use crate::diagnostics::{Diagnostics, Location};
use serde::de::DeserializeOwned;
use std::path::Path;

/// File text, with a diagnostic when unreadable or not UTF-8 (at the line and column of the
/// first byte that is not, since the rest of the file is usually fine).
pub fn read_text(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(Location::file(shown), format!("cannot read file: {e}"));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(t) => Some(t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes());
            diags.error_hint(
                Location::at_offset(shown, &lossy, offset),
                "the file is not UTF-8 text (a character here is in another encoding)",
                "save the file as UTF-8: in Notepad choose Save As > Encoding: UTF-8; in VS Code click the encoding in the status bar",
            );
            None
        }
    }
}

/// The text of a date written either as a TOML date (`date = 2025-05-14`, as Zola and Hugo
/// front matter write it) or as a string (`date = "2025-05-14"`).
pub fn date_text(value: &toml::Value) -> Result<String, String> {
    match value {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => Ok(d.to_string()),
        toml::Value::Datetime(d) => Ok(d
            .date
            .map(|x| x.to_string())
            .unwrap_or_else(|| d.to_string())),
        other => Err(format!(
            "expected a date such as 2025-08-05, found {}",
            describe(other.type_str())
        )),
    }
}

/// A TOML type name in words staff know.
fn describe(type_name: &str) -> &'static str {
    match type_name {
        "string" => "text",
        "integer" => "a whole number",
        "float" => "a number with decimals",
        "boolean" => "true or false",
        "datetime" => "a date",
        "array" => "a list in [ ]",
        "table" => "a table",
        _ => "another kind of value",
    }
}

/// Parses `text`; `line_offset` shifts positions for TOML embedded in a larger file
/// (front matter).
pub fn parse<T: DeserializeOwned>(
    text: &str,
    shown: &Path,
    line_offset: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut loc = match e.span() {
                Some(span) => Location::at_offset(shown, text, span.start),
                None => Location::file(shown),
            };
            if loc.line > 0 {
                loc.line += line_offset;
            }
            let message = plain_message(e.message().trim());
            let hint = toml_hint(&message);
            match hint {
                Some(h) => diags.error_hint(loc, format!("invalid TOML: {message}"), h),
                None => diags.error(loc, format!("invalid TOML: {message}")),
            }
            None
        }
    }
}

/// serde's "invalid type: integer `5`, expected a string" in words a user knows.
fn plain_message(message: &str) -> String {
    let Some(rest) = message.strip_prefix("invalid type: ") else {
        return message.to_string();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return message.to_string();
    };
    let word = |t: &str| -> String {
        let t = t.trim();
        let t = t
            .strip_prefix("a ")
            .or_else(|| t.strip_prefix("an "))
            .unwrap_or(t);
        let kind = t.split_whitespace().next().unwrap_or(t);
        match kind {
            "string" => "text in double quotes".into(),
            "integer" | "i64" | "i32" | "u32" | "u64" => "a whole number".into(),
            "floating" | "f64" => "a number".into(),
            "boolean" | "bool" => "true or false".into(),
            "map" | "struct" => "a table or a date".into(),
            "sequence" => "a list in [ ]".into(),
            _ => t.to_string(),
        }
    };
    format!("expected {}, found {}", word(expected), word(found))
}

fn toml_hint(message: &str) -> Option<&'static str> {
    if message.contains("unknown field") {
        Some("check the spelling of the key; the message lists the keys allowed here")
    } else if message.contains("missing field") {
        Some("add the missing key to this table")
    } else if message.contains("invalid string")
        || message.starts_with("expected text")
        || message.contains("must be quoted")
        || message.contains("expected literal string")
    {
        Some("text values need double quotes, e.g. title = \"Kota Bontang\"")
    } else if message.starts_with("expected a whole number")
        || message.starts_with("expected a number")
    {
        Some("write the number without quotes or units, e.g. weight = 25")
    } else if message.starts_with("expected true or false") {
        Some("write true or false without quotes")
    } else {
        None
    }
}

/// Location of a spanned value inside `text`.
pub fn span_location(
    shown: &Path,
    text: &str,
    span: std::ops::Range<usize>,
    line_offset: usize,
) -> Location {
    let mut loc = Location::at_offset(shown, text, span.start);
    loc.line += line_offset;
    loc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct T {
        #[allow(dead_code)]
        title: String,
        date: Option<toml::Value>,
    }

    #[test]
    fn toml_dates_and_strings_are_both_dates() {
        let mut d = Diagnostics::new();
        let a: T = parse(
            "title = \"a\"\ndate = 2025-05-14\n",
            Path::new("x"),
            0,
            &mut d,
        )
        .unwrap();
        let b: T = parse(
            "title = \"a\"\ndate = \"2025-05-14\"\n",
            Path::new("x"),
            0,
            &mut d,
        )
        .unwrap();
        assert_eq!(date_text(a.date.as_ref().unwrap()).unwrap(), "2025-05-14");
        assert_eq!(date_text(b.date.as_ref().unwrap()).unwrap(), "2025-05-14");
        let c: T = parse("title = \"a\"\ndate = 5\n", Path::new("x"), 0, &mut d).unwrap();
        assert_eq!(
            date_text(c.date.as_ref().unwrap()).unwrap_err(),
            "expected a date such as 2025-08-05, found a whole number"
        );
    }

    #[test]
    fn type_errors_are_in_plain_words() {
        let mut d = Diagnostics::new();
        assert!(parse::<T>("title = 5\n", Path::new("x.toml"), 0, &mut d).is_none());
        let e = &d.into_sorted()[0];
        assert_eq!((e.location.line, e.location.column), (1, 9), "{e}");
        assert!(
            e.message
                .contains("expected text in double quotes, found a whole number"),
            "{e}"
        );
        assert!(e.hint.as_deref().unwrap().contains("double quotes"));
    }

    #[test]
    fn non_utf8_points_at_the_byte() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        std::fs::write(
            &p,
            b"title = \"ok\"\npublisher = \"Dinas Tenaga Kerja \xe9\"\n",
        )
        .unwrap();
        let mut d = Diagnostics::new();
        assert!(read_text(&p, Path::new("data/s.toml"), &mut d).is_none());
        let e = &d.into_sorted()[0];
        assert_eq!((e.location.line, e.location.column), (2, 33), "{e}");
        assert!(e.hint.as_deref().unwrap().contains("UTF-8"));
    }
}
