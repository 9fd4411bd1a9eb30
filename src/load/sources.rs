//! `data/sources.toml`: where each figure comes from.
//!
//! A source's `url` becomes a live link in every page's source list, so it must pass
//! [`urlpolicy::check`]: a `javascript:` address there would run under the site's name.

use super::tomlfile;
use crate::diagnostics::Diagnostics;
use crate::model::{Source, SourceKind};
use crate::period::Date;
use crate::urlpolicy;
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
    url: Option<Spanned<String>>,
    date: Option<Spanned<toml::Value>>,
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
        let s = spanned.into_inner();
        let date = s.date.and_then(|d| {
            let loc = tomlfile::span_location(shown, &text, d.span(), 0);
            tomlfile::date_text(d.get_ref())
                .and_then(|text| Date::parse(&text))
                .map_err(|e| {
                    diags.error_hint(
                        loc,
                        format!("source `{id}`: {e}"),
                        "write the publication date as 2025-08-05 (or \"2025-08\" when only the month is known)",
                    )
                })
                .ok()
        });
        let url = s.url.and_then(|u| {
            let loc = tomlfile::span_location(shown, &text, u.span(), 0);
            let problem = if u.get_ref().trim().is_empty() {
                Err("the url is empty".to_string())
            } else {
                urlpolicy::check(u.get_ref())
            };
            match problem {
                Ok(()) => Some(u.into_inner()),
                Err(e) => {
                    let hint = "write the page's full address, e.g. url = \"https://www.bps.go.id/...\", or remove the url line";
                    diags.error_hint(loc, format!("source `{id}`: {e}"), hint);
                    None
                }
            }
        });
        out.insert(
            id.clone(),
            Source {
                title: s.title,
                publisher: s.publisher,
                url,
                date,
                kind: s.kind,
            },
        );
    }
    out
}
