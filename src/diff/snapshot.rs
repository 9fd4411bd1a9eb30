//! Either side of a comparison reduced to a [`Snapshot`]: from a site folder (loaded and
//! computed, nothing written) or from a published `data/summary.json`.

use crate::compute::Computed;
use crate::diagnostics::{Diagnostics, Location};
use crate::format::{Lang, Unit};
use crate::model::Site;
use crate::period::Period;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The latest realised figure of one region and metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub period: Period,
    pub basis: Option<String>,
}

/// What the comparison needs to know about a metric to judge and word a change.
#[derive(Debug, Clone)]
pub struct MetricInfo {
    pub label: String,
    /// None when the side is a summary.json, which does not publish units.
    pub unit: Option<Unit>,
    pub target: Option<f64>,
    pub higher_is_better: bool,
}

/// One ranking: the set it compares (year and basis) and the rank of every ranked region.
#[derive(Debug, Clone, PartialEq)]
pub struct RankSet {
    pub year: i32,
    pub basis: Option<String>,
    pub ranks: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceInfo {
    pub title: String,
    pub url: Option<String>,
}

/// One side of a comparison.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub lang: Option<Lang>,
    /// Region code -> name, for every region of the side (the province included when its
    /// figures are part of the snapshot).
    pub areas: BTreeMap<String, String>,
    /// Province code, when the snapshot holds the province's own figures (a summary.json
    /// does not, so a comparison with one leaves the province out on both sides).
    pub province: Option<String>,
    pub metrics: BTreeMap<String, MetricInfo>,
    /// Metric ids in the site's order, for stable listings.
    pub metric_order: Vec<String>,
    pub figures: BTreeMap<(String, String), Figure>,
    pub rankings: BTreeMap<String, RankSet>,
    /// None when the side does not publish its sources (summary.json).
    pub sources: Option<BTreeMap<String, SourceInfo>>,
    /// Region code -> page URL (from the new site, for links on the changes page).
    pub urls: BTreeMap<String, String>,
}

impl Snapshot {
    /// A loaded and computed site.
    pub fn from_site(site: &Site, c: &Computed) -> Snapshot {
        let base = base_path(&site.config.base_url);
        let mut areas = BTreeMap::new();
        let mut urls = BTreeMap::new();
        for r in &site.regions {
            areas.insert(r.code.clone(), r.name.clone());
            urls.insert(r.code.clone(), format!("{base}wilayah/{}/", r.slug));
        }
        let province = site.config.province_code.clone();
        areas.insert(province.clone(), site.config.province_name.clone());
        let mut figures = BTreeMap::new();
        for code in areas.keys() {
            for m in &site.metrics {
                if let Some(o) = c.latest(code, &m.id) {
                    figures.insert(
                        (code.clone(), m.id.clone()),
                        Figure {
                            value: o.value,
                            period: o.period(),
                            basis: o.basis().as_deref().map(str::to_string),
                        },
                    );
                }
            }
        }
        let rankings = c
            .rankings
            .iter()
            .map(|(id, r)| {
                let ranks = r
                    .entries
                    .iter()
                    .map(|e| (e.region.clone(), e.rank))
                    .collect();
                (
                    id.clone(),
                    RankSet {
                        year: r.year,
                        basis: r.basis.clone(),
                        ranks,
                    },
                )
            })
            .collect();
        Snapshot {
            lang: Some(site.config.language),
            areas,
            province: Some(province),
            metrics: site
                .metrics
                .iter()
                .map(|m| {
                    (
                        m.id.clone(),
                        MetricInfo {
                            label: m.label.clone(),
                            unit: Some(m.unit),
                            target: m.target,
                            higher_is_better: m.higher_is_better,
                        },
                    )
                })
                .collect(),
            metric_order: site.metrics.iter().map(|m| m.id.clone()).collect(),
            figures,
            rankings,
            sources: Some(
                site.sources
                    .iter()
                    .map(|(id, s)| {
                        (
                            id.clone(),
                            SourceInfo {
                                title: s.title.clone(),
                                url: s.url.clone(),
                            },
                        )
                    })
                    .collect(),
            ),
            urls,
        }
    }

    /// A published `data/summary.json` (latest values, periods and ranks; no sources, no
    /// units, no province figures). `shown` names the file in error messages.
    pub fn from_summary(text: &str, shown: &Path) -> Result<Snapshot, Diagnostics> {
        let mut diags = Diagnostics::new();
        let doc: serde_json::Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                diags.error_hint(
                    Location::new(shown, e.line(), e.column()),
                    format!("not valid JSON: {e}"),
                    "pass the data/summary.json a build published, or the site folder itself",
                );
                return Err(diags);
            }
        };
        let Some(regions) = doc.get("regions").and_then(|r| r.as_array()) else {
            diags.error_hint(
                Location::file(shown),
                "this JSON has no `regions` list, so it is not a Cakupan data/summary.json",
                "pass the data/summary.json a build published, or the site folder itself",
            );
            return Err(diags);
        };
        let headline = doc.get("headline_metric").and_then(|v| v.as_str());
        let mut snap = Snapshot::default();
        let mut ranked: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
        for (i, r) in regions.iter().enumerate() {
            let Some(code) = r.get("code").and_then(|v| v.as_str()) else {
                diags.error_hint(
                    Location::file(shown),
                    format!("region {} of `regions` has no `code`", i + 1),
                    "pass an unedited data/summary.json published by cakupan build",
                );
                continue;
            };
            let name = r.get("name").and_then(|v| v.as_str()).unwrap_or(code);
            snap.areas.insert(code.to_string(), name.to_string());
            let metrics = r.get("metrics").and_then(|v| v.as_object());
            for (id, m) in metrics.into_iter().flatten() {
                if !snap.metric_order.contains(id) {
                    snap.metric_order.push(id.clone());
                }
                let value = m.get("value").and_then(|v| v.as_f64());
                let period = m.get("period").and_then(|v| v.as_str()).map(Period::parse);
                match (value, period) {
                    (Some(value), Some(Ok(period))) => {
                        snap.figures.insert(
                            (code.to_string(), id.clone()),
                            Figure {
                                value,
                                period,
                                basis: m.get("basis").and_then(|v| v.as_str()).map(String::from),
                            },
                        );
                    }
                    _ => diags.error_hint(
                        Location::file(shown),
                        format!("`{id}` of region {code} has no usable value and period"),
                        "pass an unedited data/summary.json published by cakupan build",
                    ),
                }
            }
            let ranks = r.get("rank").and_then(|v| v.as_object());
            for (id, n) in ranks.into_iter().flatten() {
                if let Some(n) = n.as_u64() {
                    ranked
                        .entry(id.clone())
                        .or_default()
                        .push((code.to_string(), n as usize));
                }
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        // The file states year and basis for the headline ranking only; for the others both are
        // those of the ranked figures (every ranked figure has the ranking's year and basis).
        for (id, entries) in ranked {
            let figs: Vec<&Figure> = entries
                .iter()
                .filter_map(|(code, _)| snap.figures.get(&(code.clone(), id.clone())))
                .collect();
            let (year, basis) = if Some(id.as_str()) == headline {
                (
                    doc.get("ranking_year")
                        .and_then(|v| v.as_i64())
                        .map(|y| y as i32),
                    doc.get("ranking_basis")
                        .and_then(|v| v.as_str())
                        .map(String::from),
                )
            } else {
                (
                    figs.iter().map(|f| f.period.year()).max(),
                    figs.first().and_then(|f| f.basis.clone()),
                )
            };
            let Some(year) = year.or_else(|| figs.iter().map(|f| f.period.year()).max()) else {
                continue;
            };
            snap.rankings.insert(
                id,
                RankSet {
                    year,
                    basis,
                    ranks: entries.into_iter().collect(),
                },
            );
        }
        Ok(snap)
    }
}

/// `/` or `/sub/` from a base URL (the same rule as the renderer's).
fn base_path(base_url: &str) -> String {
    let path = match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => base_url,
    };
    let mut p = path.to_string();
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if !p.ends_with('/') {
        p.push('/');
    }
    p
}

/// Loads and computes a site folder without writing anything.
pub fn snapshot_of_site(root: &Path) -> Result<Snapshot, Diagnostics> {
    let site = crate::load::load(root)?;
    let computed = crate::compute::compute(&site);
    Ok(Snapshot::from_site(&site, &computed))
}

/// One side from a path: a site folder (with site.toml), a built site folder (with
/// data/summary.json) or a summary.json file.
pub fn load_side(path: &Path) -> Result<Snapshot, Diagnostics> {
    let summary = if path.is_dir() && !path.join("site.toml").is_file() {
        let s = path.join("data").join("summary.json");
        if s.is_file() {
            Some(s)
        } else {
            None
        }
    } else if path.is_file() {
        Some(path.to_path_buf())
    } else {
        None
    };
    match summary {
        Some(file) => match std::fs::read_to_string(&file) {
            Ok(text) => Snapshot::from_summary(&text, &file),
            Err(e) => {
                let mut d = Diagnostics::new();
                d.error(Location::file(&file), format!("cannot read: {e}"));
                Err(d)
            }
        },
        None if !path.exists() => {
            let mut d = Diagnostics::new();
            d.error_hint(
                Location::file(path),
                "no such folder or file",
                "pass a site folder (with site.toml), a built site or its data/summary.json",
            );
            Err(d)
        }
        None => snapshot_of_site(path),
    }
}

/// Diagnostics of one side with their files shown as `prefix/<file>`, so an error in the old
/// version cannot be mistaken for one in the working copy.
pub fn relabel(diags: Diagnostics, prefix: &str) -> Diagnostics {
    let (errors, warnings) = diags.into_all();
    let mut out = Diagnostics::new();
    for mut d in errors.into_iter().chain(warnings) {
        let file = d.location.file.display().to_string();
        if !file.starts_with(prefix) {
            d.location.file = PathBuf::from(format!("{prefix}{file}"));
        }
        out.push(d);
    }
    out
}
