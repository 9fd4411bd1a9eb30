//! Reading TOML files into typed structs, turning parser errors into located diagnostics.

use crate::diagnostics::{Diagnostics, Location};
use serde::de::DeserializeOwned;
use std::path::Path;

/// File text, with a diagnostic when unreadable.
pub fn read_text(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(t) => Some(t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t)),
        Err(e) => {
            diags.error(Location::file(shown), format!("cannot read file: {e}"));
            None
        }
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
            let message = e.message().trim().to_string();
            let hint = toml_hint(&message);
            match hint {
                Some(h) => diags.error_hint(loc, format!("invalid TOML: {message}"), h),
                None => diags.error(loc, format!("invalid TOML: {message}")),
            }
            None
        }
    }
}

fn toml_hint(message: &str) -> Option<&'static str> {
    if message.contains("unknown field") {
        Some("check the spelling of the key; the message lists the keys allowed here")
    } else if message.contains("missing field") {
        Some("add the missing key to this table")
    } else if message.contains("invalid string")
        || message.contains("expected") && message.contains("string")
    {
        Some("text values need double quotes, e.g. title = \"Kota Bontang\"")
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
