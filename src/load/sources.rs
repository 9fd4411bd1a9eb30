//! `data/sources.toml`: where each figure comes from.

use super::tomlfile;
use crate::diagnostics::Diagnostics;
use crate::model::{Source, SourceKind};
use crate::period::Date;
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    publisher: String,
    url: Option<String>,
    date: Option<Spanned<String>>,
    kind: SourceKind,
}

pub fn load(root: &Path, diags: &mut Diagnostics) -> BTreeMap<String, Source> {
    let shown = Path::new("data/sources.toml");
    let mut out = BTreeMap::new();
    let Some(text) = tomlfile::read_text(&root.join(shown), shown, diags) else {
        return out;
    };
    let Some(raw) = tomlfile::parse::<IndexMap<String, Spanned<RawSource>>>(&text, shown, 0, diags)
    else {
        return out;
    };
    for (id, spanned) in raw {
        let location = tomlfile::span_location(shown, &text, spanned.span(), 0);
        let s = spanned.into_inner();
        let date = s.date.and_then(|d| {
            let loc = tomlfile::span_location(shown, &text, d.span(), 0);
            Date::parse(d.get_ref())
                .map_err(|e| {
                    diags.error_hint(
                        loc,
                        format!("source `{id}`: {e}"),
                        "write the publication date as \"2025-08-05\"",
                    )
                })
                .ok()
        });
        out.insert(
            id.clone(),
            Source {
                id,
                title: s.title,
                publisher: s.publisher,
                url: s.url,
                date,
                kind: s.kind,
                location,
            },
        );
    }
    out
}
