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
    target: Option<Spanned<f64>>,
    ratio: Option<RawRatio>,
    #[serde(default)]
    source_note: Option<String>,
    bases: Option<IndexMap<String, String>>,
    default_basis: Option<Spanned<String>>,
    #[serde(default)]
    unranked_bases: Vec<Spanned<String>>,
    range: Option<Spanned<[f64; 2]>>,
    rank: Option<bool>,
    max_change: Option<Spanned<f64>>,
    headline: Option<Spanned<bool>>,
}

/// Cards at the top of the home page.
pub(crate) const MAX_HEADLINE: usize = 6;

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
        let bases: Vec<(String, String)> = m
            .bases
            .iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let default_basis = m.default_basis.as_ref().and_then(|d| {
            let given = d.get_ref();
            if bases.iter().any(|(b, _)| b == given) {
                Some(given.clone())
            } else {
                let known: Vec<&str> = bases.iter().map(|(b, _)| b.as_str()).collect();
                diags.error_hint(
                    tomlfile::span_location(shown, &text, d.span(), 0),
                    format!(
                        "metric `{id}`: default_basis `{}` is not one of its bases",
                        d.get_ref()
                    ),
                    if known.is_empty() {
                        "declare the bases first: bases = { potensi = \"...\", bnba = \"...\" }"
                            .to_string()
                    } else {
                        format!("the metric's bases are: {}", known.join(", "))
                    },
                );
                None
            }
        });
        let mut unranked_bases = Vec::new();
        for b in &m.unranked_bases {
            if bases.iter().any(|(x, _)| x == b.get_ref()) {
                unranked_bases.push(b.get_ref().clone());
            } else {
                diags.error_hint(
                    tomlfile::span_location(shown, &text, b.span(), 0),
                    format!(
                        "metric `{id}`: unranked basis `{}` is not one of its bases",
                        b.get_ref()
                    ),
                    "list ids declared in bases = { ... }",
                );
            }
        }
        let range = match &m.range {
            Some(r) => {
                let [lo, hi] = *r.get_ref();
                if lo.is_finite() && hi.is_finite() && lo < hi {
                    Some((lo, hi))
                } else {
                    diags.error_hint(
                        tomlfile::span_location(shown, &text, r.span(), 0),
                        format!("metric `{id}`: range [{lo}, {hi}] is not a range of ordinary numbers, lowest first"),
                        "write the lowest and highest plausible value, e.g. range = [0, 100]",
                    );
                    None
                }
            }
            None if unit == Unit::Persen => Some((0.0, 100.0)),
            None => None,
        };
        let target = m.target.as_ref().and_then(|t| {
            let v = *t.get_ref();
            if v.is_finite() {
                Some(v)
            } else {
                diags.error_hint(
                    tomlfile::span_location(shown, &text, t.span(), 0),
                    format!("metric `{id}`: target {v} is not an ordinary number"),
                    "write the target as a figure, e.g. target = 80.9, or remove the line",
                );
                None
            }
        });
        metrics.push(Metric {
            id: id.clone(),
            label: m.label.clone(),
            unit,
            higher_is_better: m.higher_is_better,
            description: m.description.clone(),
            target,
            source_note: m.source_note.clone(),
            ratio,
            bases,
            default_basis,
            unranked_bases,
            range,
            rank: m.rank.unwrap_or(unit == Unit::Persen),
            headline: m.headline.as_ref().is_some_and(|h| *h.get_ref()),
            max_change: m.max_change.as_ref().and_then(|c| {
                let v = *c.get_ref();
                if v.is_finite() && v > 1.0 {
                    Some(v)
                } else {
                    diags.error_hint(
                        tomlfile::span_location(shown, &text, c.span(), 0),
                        format!("metric `{id}`: max_change {v} is not a factor above 1"),
                        "write how many times larger or smaller a figure may plausibly be than the previous one, e.g. max_change = 5",
                    );
                    None
                }
            }),
            location: loc,
        });
    }
    // Six cards fit two rows on a laptop and one phone screen: more and the page opens with
    // a wall of numbers again.
    let headlines: Vec<&Metric> = metrics.iter().filter(|m| m.headline).collect();
    if headlines.len() > MAX_HEADLINE {
        diags.error_hint(
            headlines[MAX_HEADLINE].location.clone(),
            format!(
                "{} metrics have headline = true; the home page shows at most {MAX_HEADLINE}",
                headlines.len()
            ),
            "keep headline = true on the six figures readers should see first; every figure stays in the table of all figures",
        );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_targets_are_errors_at_their_line() {
        for bad in ["nan", "inf", "-inf"] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(dir.path().join("data")).unwrap();
            std::fs::write(
                dir.path().join("data/metrics.toml"),
                format!("[cakupan]\nlabel = \"Cakupan\"\nunit = \"persen\"\ntarget = {bad}\n"),
            )
            .unwrap();
            let mut d = Diagnostics::new();
            let m = load(dir.path(), &mut d);
            assert_eq!(m[0].target, None);
            let e = d.into_sorted();
            assert_eq!(e.len(), 1);
            assert_eq!(
                (e[0].location.line, e[0].location.column),
                (4, 10),
                "{}",
                e[0]
            );
            assert!(e[0].message.contains("not an ordinary number"));
        }
    }
}
