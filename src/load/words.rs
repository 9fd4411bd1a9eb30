//! The site's interface words: the built-in table of its language, overridden key by key by
//! the site's `themes/default/i18n/<lang>.toml` and then `i18n/<lang>.toml`. An unknown
//! section or key is an error at its line (a misspelt key would otherwise be ignored and
//! the page keep the built-in word without anyone noticing).

use crate::diagnostics::{Diagnostics, Location};
use crate::format::Lang;
use crate::render::i18n::{default_table, Words};
use std::path::Path;

pub(crate) fn load(root: &Path, lang: Lang, diags: &mut Diagnostics) -> Words {
    let mut table: toml::Table =
        toml::from_str(default_table(lang)).expect("built-in word tables parse (tested)");
    let code = lang.code();
    for dir in ["themes/default/i18n", "i18n"] {
        let shown = Path::new(dir).join(format!("{code}.toml"));
        let path = root.join(&shown);
        if !path.is_file() {
            continue;
        }
        let Some(text) = super::tomlfile::read_text(&path, &shown, diags) else {
            continue;
        };
        let Some(over) = super::tomlfile::parse::<toml::Table>(&text, &shown, 0, diags) else {
            continue;
        };
        merge(&mut table, over, &text, &shown, diags);
    }
    match table.try_into() {
        Ok(w) => w,
        Err(_) => Words::builtin(lang),
    }
}

/// Puts every key of `over` into `table`, refusing keys the table does not have and values
/// that are not text.
fn merge(
    table: &mut toml::Table,
    over: toml::Table,
    text: &str,
    shown: &Path,
    diags: &mut Diagnostics,
) {
    let at = |needle: &str| -> Location {
        match text.find(needle) {
            Some(i) => Location::at_offset(shown, text, i),
            None => Location::file(shown),
        }
    };
    for (section, value) in over {
        let Some(known) = table.get_mut(&section).and_then(|v| v.as_table_mut()) else {
            diags.error_hint(
                at(&section),
                format!("unknown section `[{section}]` in a word table"),
                "the sections are [page], [assessment], [text] and [chart]; see themes/default/i18n/",
            );
            continue;
        };
        let Some(entries) = value.as_table() else {
            diags.error_hint(
                at(&section),
                format!("`{section}` must be a section of words, such as [{section}]"),
                "write the words under a [section] heading",
            );
            continue;
        };
        for (key, word) in entries {
            if !known.contains_key(key) {
                let hint = crate::load::suggest("word", key, known.keys().map(String::as_str));
                diags.error_hint(
                    at(key),
                    format!("unknown word `{key}` in section [{section}]"),
                    hint,
                );
                continue;
            }
            match word.as_str() {
                Some(_) => {
                    known.insert(key.clone(), word.clone());
                }
                None => diags.error_hint(
                    at(key),
                    format!("word `{key}` must be text in double quotes"),
                    format!("write {key} = \"...\""),
                ),
            }
        }
    }
}
