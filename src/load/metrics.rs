//! `data/metrics.toml`: what is measured, in which unit, and which way is better.

use super::tomlfile;
use crate::diagnostics::{Diagnostics, Location};
use crate::format::Unit;
use crate::model::{Metric, Ratio};
use indexmap::IndexMap;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRatio {
    numerator: Spanned<String>,
    denominator: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetric {
    label: String,
    unit: Option<Unit>,
    #[serde(default = "yes")]
    higher_is_better: bool,
    #[serde(default)]
    description: String,
    target: Option<f64>,
    ratio: Option<RawRatio>,
    #[serde(default)]
    source_note: Option<String>,
}

fn yes() -> bool {
    true
}

pub fn load(root: &Path, diags: &mut Diagnostics) -> Vec<Metric> {
    let shown = Path::new("data/metrics.toml");
    let Some(text) = tomlfile::read_text(&root.join(shown), shown, diags) else {
        return Vec::new();
    };
    let Some(raw) = tomlfile::parse::<IndexMap<String, Spanned<RawMetric>>>(&text, shown, 0, diags)
    else {
        return Vec::new();
    };
    let mut metrics = Vec::new();
    let mut ratio_refs = Vec::new();
    for (id, spanned) in &raw {
        let loc = tomlfile::span_location(shown, &text, spanned.span(), 0);
        let m = spanned.get_ref();
        let unit = match (m.unit, &m.ratio) {
            (Some(u), _) => u,
            (None, Some(_)) => Unit::Persen,
            (None, None) => {
                diags.error_hint(
                    loc.clone(),
                    format!("metric `{id}` has no unit"),
                    "add unit = \"orang\", \"persen\", \"rupiah\" or \"angka\"",
                );
                continue;
            }
        };
        let ratio = m.ratio.as_ref().map(|r| {
            for part in [&r.numerator, &r.denominator] {
                ratio_refs.push((
                    id.clone(),
                    part.get_ref().clone(),
                    tomlfile::span_location(shown, &text, part.span(), 0),
                ));
            }
            Ratio {
                numerator: r.numerator.get_ref().clone(),
                denominator: r.denominator.get_ref().clone(),
            }
        });
        let _ = &m.source_note;
        metrics.push(Metric {
            id: id.clone(),
            label: m.label.clone(),
            unit,
            higher_is_better: m.higher_is_better,
            description: m.description.clone(),
            target: m.target,
            ratio,
            location: loc,
        });
    }
    for (owner, referenced, loc) in ratio_refs {
        match metrics.iter().find(|m| m.id == referenced) {
            None => diags.error_hint(
                loc,
                format!("metric `{owner}` is a ratio of `{referenced}`, which is not defined"),
                super::suggest("metric", &referenced, metrics.iter().map(|m| m.id.as_str())),
            ),
            Some(m) if m.ratio.is_some() => diags.error_hint(
                loc,
                format!("metric `{owner}` is a ratio of `{referenced}`, which is itself a ratio"),
                "a ratio must be built from reported metrics",
            ),
            _ => {}
        }
    }
    if metrics.is_empty() && diags.is_empty() {
        diags.error(Location::file(shown), "no metrics are defined");
    }
    metrics
}
