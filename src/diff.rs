//! What changed between two versions of a site: figures, ranks, target crossings, regions
//! with or without data, and sources.
//!
//! Both sides are reduced to a [`Snapshot`] first: the latest realised figure of every region
//! and metric (derived ratios included), each ranking with the year and basis it compares,
//! and the source list. A snapshot comes from a site folder (loaded and computed, nothing
//! written), from a published `data/summary.json`, or from a git revision of the site, so
//! `cakupan diff`, `cakupan diff --git` and `build --previous` share one comparison.

use crate::compute::Computed;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::format::{self, Lang, Unit};
use crate::model::Site;
use crate::period::Period;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
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
                            period: o.period,
                            basis: o.basis.as_deref().map(str::to_string),
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

/// A figure added, removed or changed.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub region: String,
    pub region_name: String,
    pub metric: String,
    /// "changed", "new" or "removed".
    pub kind: &'static str,
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub old_period: Option<String>,
    pub new_period: Option<String>,
    pub old_basis: Option<String>,
    pub new_basis: Option<String>,
    /// |new - old| / |old|; null for a new or removed figure or an old value of zero.
    pub relative: Option<f64>,
}

/// A region's rank that moved within one comparable set (same metric, basis and year); a
/// null side means the region was not ranked in that set on that side.
#[derive(Debug, Clone, Serialize)]
pub struct RankMove {
    pub region: String,
    pub region_name: String,
    pub metric: String,
    pub year: i32,
    pub basis: Option<String>,
    pub from: Option<usize>,
    pub to: Option<usize>,
}

/// A ranking whose set changed (another year or basis, or ranked on one side only): its
/// ranks are not compared, since they rank different things.
#[derive(Debug, Clone, Serialize)]
pub struct RankingNotCompared {
    pub metric: String,
    pub old_year: Option<i32>,
    pub new_year: Option<i32>,
    pub old_basis: Option<String>,
    pub new_basis: Option<String>,
}

/// A figure that now meets its metric's target and did not, or the reverse.
#[derive(Debug, Clone, Serialize)]
pub struct Crossing {
    pub region: String,
    pub region_name: String,
    pub metric: String,
    pub target: f64,
    pub old: f64,
    pub new: f64,
    pub old_period: String,
    pub new_period: String,
    /// "reached" (now meets the target) or "lost" (no longer meets it).
    pub direction: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionRef {
    pub region: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceChange {
    pub id: String,
    /// "added", "removed" or "changed" (title or url).
    pub kind: &'static str,
    pub old_title: Option<String>,
    pub new_title: Option<String>,
    pub old_url: Option<String>,
    pub new_url: Option<String>,
}

/// Everything that changed, each list sorted biggest change first.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
    pub rank_moves: Vec<RankMove>,
    pub rankings_not_compared: Vec<RankingNotCompared>,
    pub target_crossings: Vec<Crossing>,
    pub regions_gained: Vec<RegionRef>,
    pub regions_lost: Vec<RegionRef>,
    pub sources: Vec<SourceChange>,
    /// Language of the new side, for the wording of markdown and pages.
    #[serde(skip)]
    pub lang: Lang,
    /// Metric labels and units of both sides (the new side's where both have them).
    #[serde(skip)]
    metrics: BTreeMap<String, MetricInfo>,
    #[serde(skip)]
    urls: BTreeMap<String, String>,
}

impl Report {
    /// Whether anything at all changed (`--fail-on any`).
    pub fn any(&self) -> bool {
        !(self.changes.is_empty()
            && self.rank_moves.is_empty()
            && self.rankings_not_compared.is_empty()
            && self.target_crossings.is_empty()
            && self.regions_gained.is_empty()
            && self.regions_lost.is_empty()
            && self.sources.is_empty())
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

fn name_of(old: &Snapshot, new: &Snapshot, code: &str) -> String {
    new.areas
        .get(code)
        .or_else(|| old.areas.get(code))
        .cloned()
        .unwrap_or_else(|| code.to_string())
}

/// Whether `v` meets `target` in the metric's direction.
fn meets(v: f64, target: f64, higher_is_better: bool) -> bool {
    if higher_is_better {
        v >= target - 1e-9
    } else {
        v <= target + 1e-9
    }
}

/// Compares two snapshots.
pub fn compare(old: &Snapshot, new: &Snapshot) -> Report {
    let mut metrics = old.metrics.clone();
    for (id, m) in &new.metrics {
        let mut m = m.clone();
        if m.unit.is_none() {
            m.unit = old.metrics.get(id).and_then(|o| o.unit);
        }
        metrics.insert(id.clone(), m);
    }
    // The province is compared only when both sides hold its figures.
    let skip_province: BTreeSet<&str> = [&old.province, &new.province]
        .into_iter()
        .flatten()
        .filter(|_| old.province.is_none() || new.province.is_none())
        .map(String::as_str)
        .collect();
    let keep = |k: &(String, String)| !skip_province.contains(k.0.as_str());
    let keys: BTreeSet<&(String, String)> = old
        .figures
        .keys()
        .chain(new.figures.keys())
        .filter(|k| keep(k))
        .collect();
    let mut changes = Vec::new();
    let mut crossings = Vec::new();
    for key in keys {
        let (region, metric) = key;
        let (a, b) = (old.figures.get(key), new.figures.get(key));
        let kind = match (a, b) {
            (None, Some(_)) => "new",
            (Some(_), None) => "removed",
            (Some(x), Some(y)) if x != y => "changed",
            _ => continue,
        };
        let relative = match (a, b) {
            (Some(x), Some(y)) if x.value != 0.0 => Some((y.value - x.value).abs() / x.value.abs()),
            _ => None,
        };
        changes.push(Change {
            region: region.clone(),
            region_name: name_of(old, new, region),
            metric: metric.clone(),
            kind,
            old: a.map(|f| f.value),
            new: b.map(|f| f.value),
            old_period: a.map(|f| f.period.to_string()),
            new_period: b.map(|f| f.period.to_string()),
            old_basis: a.and_then(|f| f.basis.clone()),
            new_basis: b.and_then(|f| f.basis.clone()),
            relative,
        });
        let Some(info) = new.metrics.get(metric).or_else(|| old.metrics.get(metric)) else {
            continue;
        };
        if let (Some(t), Some(x), Some(y)) = (info.target, a, b) {
            let (was, is) = (
                meets(x.value, t, info.higher_is_better),
                meets(y.value, t, info.higher_is_better),
            );
            if was != is {
                crossings.push(Crossing {
                    region: region.clone(),
                    region_name: name_of(old, new, region),
                    metric: metric.clone(),
                    target: t,
                    old: x.value,
                    new: y.value,
                    old_period: x.period.to_string(),
                    new_period: y.period.to_string(),
                    direction: if is { "reached" } else { "lost" },
                });
            }
        }
    }
    // Biggest change first: a figure appearing or disappearing, then by relative size; ties in
    // region and metric order so the report is stable.
    let order = |m: &str| {
        new.metric_order
            .iter()
            .chain(&old.metric_order)
            .position(|x| x == m)
            .unwrap_or(usize::MAX)
    };
    let size = |c: &Change| match (c.kind, c.relative) {
        ("changed", Some(r)) => r,
        _ => f64::INFINITY,
    };
    changes.sort_by(|x, y| {
        size(y)
            .total_cmp(&size(x))
            .then_with(|| x.region.cmp(&y.region))
            .then_with(|| order(&x.metric).cmp(&order(&y.metric)))
    });

    let mut rank_moves = Vec::new();
    let mut not_compared = Vec::new();
    let ids: BTreeSet<&String> = old.rankings.keys().chain(new.rankings.keys()).collect();
    for id in ids {
        match (old.rankings.get(id), new.rankings.get(id)) {
            (Some(a), Some(b)) if a.year == b.year && a.basis == b.basis => {
                let regions: BTreeSet<&String> = a.ranks.keys().chain(b.ranks.keys()).collect();
                for r in regions {
                    let (from, to) = (a.ranks.get(r).copied(), b.ranks.get(r).copied());
                    if from != to {
                        rank_moves.push(RankMove {
                            region: r.clone(),
                            region_name: name_of(old, new, r),
                            metric: id.clone(),
                            year: b.year,
                            basis: b.basis.clone(),
                            from,
                            to,
                        });
                    }
                }
            }
            (a, b) => {
                if a != b {
                    not_compared.push(RankingNotCompared {
                        metric: id.clone(),
                        old_year: a.map(|r| r.year),
                        new_year: b.map(|r| r.year),
                        old_basis: a.and_then(|r| r.basis.clone()),
                        new_basis: b.and_then(|r| r.basis.clone()),
                    });
                }
            }
        }
    }
    let steps = |m: &RankMove| match (m.from, m.to) {
        (Some(f), Some(t)) => f.abs_diff(t),
        _ => usize::MAX,
    };
    rank_moves.sort_by(|x, y| {
        steps(y)
            .cmp(&steps(x))
            .then_with(|| order(&x.metric).cmp(&order(&y.metric)))
            .then_with(|| x.region.cmp(&y.region))
    });

    let with_data = |s: &Snapshot| -> BTreeSet<String> {
        s.figures
            .keys()
            .filter(|k| keep(k))
            .map(|k| k.0.clone())
            .collect()
    };
    let (had, has) = (with_data(old), with_data(new));
    let refs = |codes: Vec<&String>| -> Vec<RegionRef> {
        codes
            .into_iter()
            .map(|c| RegionRef {
                region: c.clone(),
                name: name_of(old, new, c),
            })
            .collect()
    };
    let regions_gained = refs(has.difference(&had).collect());
    let regions_lost = refs(had.difference(&has).collect());

    let mut sources = Vec::new();
    if let (Some(a), Some(b)) = (&old.sources, &new.sources) {
        let ids: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for id in ids {
            let (x, y) = (a.get(id), b.get(id));
            let kind = match (x, y) {
                (None, Some(_)) => "added",
                (Some(_), None) => "removed",
                (Some(x), Some(y)) if x != y => "changed",
                _ => continue,
            };
            sources.push(SourceChange {
                id: id.clone(),
                kind,
                old_title: x.map(|s| s.title.clone()),
                new_title: y.map(|s| s.title.clone()),
                old_url: x.and_then(|s| s.url.clone()),
                new_url: y.and_then(|s| s.url.clone()),
            });
        }
    }
    Report {
        changes,
        rank_moves,
        rankings_not_compared: not_compared,
        target_crossings: crossings,
        regions_gained,
        regions_lost,
        sources,
        lang: new.lang.or(old.lang).unwrap_or_default(),
        metrics,
        urls: new.urls.clone(),
    }
}

/// Words of the report in the new site's language.
struct Words {
    title: &'static str,
    nothing: &'static str,
    changed: &'static str,
    added: &'static str,
    removed: &'static str,
    ranks: &'static str,
    not_compared: &'static str,
    crossings: &'static str,
    gained: &'static str,
    lost: &'static str,
    sources: &'static str,
    region: &'static str,
    metric: &'static str,
    old: &'static str,
    new: &'static str,
    change: &'static str,
    not_ranked: &'static str,
    reached: &'static str,
    lost_target: &'static str,
    target: &'static str,
    source_added: &'static str,
    source_removed: &'static str,
    source_changed: &'static str,
    rank_word: &'static str,
}

fn words(lang: Lang) -> &'static Words {
    static ID: Words = Words {
        title: "Apa yang berubah",
        nothing: "Tidak ada perubahan.",
        changed: "Angka yang berubah",
        added: "Angka baru",
        removed: "Angka yang dihapus",
        ranks: "Perubahan peringkat",
        not_compared: "Peringkat yang tidak dibandingkan",
        crossings: "Target",
        gained: "Wilayah yang kini punya data",
        lost: "Wilayah yang kehilangan data",
        sources: "Sumber",
        region: "Wilayah",
        metric: "Indikator",
        old: "Lama",
        new: "Baru",
        change: "Perubahan",
        not_ranked: "tidak diperingkat",
        reached: "kini memenuhi target",
        lost_target: "tidak lagi memenuhi target",
        target: "target",
        source_added: "ditambahkan",
        source_removed: "dihapus",
        source_changed: "diubah",
        rank_word: "Peringkat",
    };
    static EN: Words = Words {
        title: "What changed",
        nothing: "Nothing changed.",
        changed: "Changed figures",
        added: "New figures",
        removed: "Removed figures",
        ranks: "Rank changes",
        not_compared: "Rankings not compared",
        crossings: "Targets",
        gained: "Regions that now have data",
        lost: "Regions that lost data",
        sources: "Sources",
        region: "Region",
        metric: "Indicator",
        old: "Old",
        new: "New",
        change: "Change",
        not_ranked: "not ranked",
        reached: "now meets the target",
        lost_target: "no longer meets the target",
        target: "target",
        source_added: "added",
        source_removed: "removed",
        source_changed: "changed",
        rank_word: "Rank",
    };
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// A figure change as display strings, shared by markdown and the HTML pages.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRow {
    pub region: String,
    pub region_code: String,
    pub url: String,
    pub metric: String,
    pub old: String,
    pub new: String,
    pub change: String,
}

/// A line of text about one region or ranking, for lists.
#[derive(Debug, Clone, Serialize)]
pub struct LineRow {
    pub region: String,
    pub region_code: String,
    pub url: String,
    pub metric: String,
    pub text: String,
}

/// The whole report as display strings, one list per section; the changes page's context.
#[derive(Debug, Clone, Serialize)]
pub struct Sections {
    pub title: String,
    pub nothing: String,
    pub any: bool,
    pub changed_heading: String,
    pub changed: Vec<ChangeRow>,
    pub added_heading: String,
    pub added: Vec<ChangeRow>,
    pub removed_heading: String,
    pub removed: Vec<ChangeRow>,
    pub ranks_heading: String,
    pub ranks: Vec<LineRow>,
    pub not_compared_heading: String,
    pub not_compared: Vec<LineRow>,
    pub crossings_heading: String,
    pub crossings: Vec<LineRow>,
    pub gained_heading: String,
    pub gained: Vec<LineRow>,
    pub lost_heading: String,
    pub lost: Vec<LineRow>,
    pub sources_heading: String,
    pub sources: Vec<LineRow>,
    pub col_region: String,
    pub col_metric: String,
    pub col_old: String,
    pub col_new: String,
    pub col_change: String,
    pub rank_word: String,
}

impl Report {
    fn label(&self, metric: &str) -> String {
        self.metrics
            .get(metric)
            .map(|m| m.label.clone())
            .unwrap_or_else(|| metric.to_string())
    }

    fn unit(&self, metric: &str) -> Option<Unit> {
        self.metrics.get(metric).and_then(|m| m.unit)
    }

    fn value(&self, metric: &str, v: f64) -> String {
        match self.unit(metric) {
            Some(u) => format::value(v, u, self.lang),
            None => format::number(v, 2, self.lang),
        }
    }

    fn side(&self, metric: &str, v: Option<f64>, p: Option<&str>) -> String {
        match (v, p.and_then(|p| Period::parse(p).ok())) {
            (Some(v), Some(p)) => format!(
                "{} ({})",
                self.value(metric, v),
                format::period(p, self.lang)
            ),
            _ => "–".into(),
        }
    }

    fn url(&self, code: &str) -> String {
        self.urls.get(code).cloned().unwrap_or_default()
    }

    fn change_row(&self, c: &Change) -> ChangeRow {
        let change = match (c.old, c.new) {
            (Some(a), Some(b)) => {
                let unit = self.unit(&c.metric).unwrap_or(Unit::Angka);
                let mut s = format::change(b - a, unit, self.lang);
                if let (Some(r), false) = (c.relative, unit == Unit::Persen) {
                    s.push_str(&format!(" ({}%)", format::number(100.0 * r, 1, self.lang)));
                }
                if c.old_basis != c.new_basis {
                    let basis = match self.lang {
                        Lang::Id => "penyebut berubah",
                        Lang::En => "denominator changed",
                    };
                    s.push_str(&format!("; {basis}"));
                }
                s
            }
            _ => String::new(),
        };
        ChangeRow {
            region: c.region_name.clone(),
            region_code: c.region.clone(),
            url: self.url(&c.region),
            metric: self.label(&c.metric),
            old: self.side(&c.metric, c.old, c.old_period.as_deref()),
            new: self.side(&c.metric, c.new, c.new_period.as_deref()),
            change,
        }
    }

    /// Every section as display strings.
    pub fn sections(&self) -> Sections {
        let w = words(self.lang);
        let rows = |kind: &str| -> Vec<ChangeRow> {
            self.changes
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| self.change_row(c))
                .collect()
        };
        let rank = |n: Option<usize>| match n {
            Some(n) => n.to_string(),
            None => w.not_ranked.to_string(),
        };
        let ranks = self
            .rank_moves
            .iter()
            .map(|m| LineRow {
                region: m.region_name.clone(),
                region_code: m.region.clone(),
                url: self.url(&m.region),
                metric: self.label(&m.metric),
                text: format!("{} → {} ({})", rank(m.from), rank(m.to), m.year),
            })
            .collect();
        let opt_year = |y: Option<i32>, b: &Option<String>| match (y, b) {
            (Some(y), Some(b)) => format!("{y}, {b}"),
            (Some(y), None) => y.to_string(),
            _ => w.not_ranked.to_string(),
        };
        let not_compared = self
            .rankings_not_compared
            .iter()
            .map(|n| LineRow {
                region: String::new(),
                region_code: String::new(),
                url: String::new(),
                metric: self.label(&n.metric),
                text: format!(
                    "{} → {}",
                    opt_year(n.old_year, &n.old_basis),
                    opt_year(n.new_year, &n.new_basis)
                ),
            })
            .collect();
        let crossings = self
            .target_crossings
            .iter()
            .map(|c| LineRow {
                region: c.region_name.clone(),
                region_code: c.region.clone(),
                url: self.url(&c.region),
                metric: self.label(&c.metric),
                text: format!(
                    "{} ({} {}): {} → {}",
                    if c.direction == "reached" {
                        w.reached
                    } else {
                        w.lost_target
                    },
                    w.target,
                    self.value(&c.metric, c.target),
                    self.side(&c.metric, Some(c.old), Some(&c.old_period)),
                    self.side(&c.metric, Some(c.new), Some(&c.new_period)),
                ),
            })
            .collect();
        let region_rows = |list: &[RegionRef]| -> Vec<LineRow> {
            list.iter()
                .map(|r| LineRow {
                    region: r.name.clone(),
                    region_code: r.region.clone(),
                    url: self.url(&r.region),
                    metric: String::new(),
                    text: String::new(),
                })
                .collect()
        };
        let sources = self
            .sources
            .iter()
            .map(|s| {
                let text = match s.kind {
                    "added" => format!(
                        "{}: {}",
                        w.source_added,
                        s.new_title.clone().unwrap_or_default()
                    ),
                    "removed" => format!(
                        "{}: {}",
                        w.source_removed,
                        s.old_title.clone().unwrap_or_default()
                    ),
                    _ => {
                        let mut parts = Vec::new();
                        if s.old_title != s.new_title {
                            parts.push(format!(
                                "“{}” → “{}”",
                                s.old_title.clone().unwrap_or_default(),
                                s.new_title.clone().unwrap_or_default()
                            ));
                        }
                        if s.old_url != s.new_url {
                            parts.push(format!(
                                "{} → {}",
                                s.old_url.clone().unwrap_or_else(|| "–".into()),
                                s.new_url.clone().unwrap_or_else(|| "–".into())
                            ));
                        }
                        format!("{}: {}", w.source_changed, parts.join("; "))
                    }
                };
                LineRow {
                    region: String::new(),
                    region_code: String::new(),
                    url: String::new(),
                    metric: s.id.clone(),
                    text,
                }
            })
            .collect();
        Sections {
            title: w.title.into(),
            nothing: w.nothing.into(),
            any: self.any(),
            changed_heading: w.changed.into(),
            changed: rows("changed"),
            added_heading: w.added.into(),
            added: rows("new"),
            removed_heading: w.removed.into(),
            removed: rows("removed"),
            ranks_heading: w.ranks.into(),
            ranks,
            not_compared_heading: w.not_compared.into(),
            not_compared,
            crossings_heading: w.crossings.into(),
            crossings,
            gained_heading: w.gained.into(),
            gained: region_rows(&self.regions_gained),
            lost_heading: w.lost.into(),
            lost: region_rows(&self.regions_lost),
            sources_heading: w.sources.into(),
            sources,
            col_region: w.region.into(),
            col_metric: w.metric.into(),
            col_old: w.old.into(),
            col_new: w.new.into(),
            col_change: w.change.into(),
            rank_word: w.rank_word.into(),
        }
    }

    /// The changes that concern one region, one sentence each, for its page.
    pub fn region_lines(&self, code: &str) -> Vec<String> {
        self.sections().region_lines(code)
    }

    /// Markdown fit for a pull-request comment.
    pub fn to_markdown(&self) -> String {
        let s = self.sections();
        let mut md = format!("## {}\n\n", s.title);
        if !s.any {
            md.push_str(&s.nothing);
            md.push('\n');
            return md;
        }
        for (heading, rows) in [
            (&s.changed_heading, &s.changed),
            (&s.added_heading, &s.added),
            (&s.removed_heading, &s.removed),
        ] {
            if rows.is_empty() {
                continue;
            }
            md.push_str(&format!(
                "### {heading} ({})\n\n| {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|\n",
                rows.len(),
                s.col_region,
                s.col_metric,
                s.col_old,
                s.col_new,
                s.col_change
            ));
            for r in rows {
                md.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    cell(&r.region),
                    cell(&r.metric),
                    cell(&r.old),
                    cell(&r.new),
                    cell(&r.change)
                ));
            }
            md.push('\n');
        }
        for (heading, rows) in [
            (&s.ranks_heading, &s.ranks),
            (&s.crossings_heading, &s.crossings),
            (&s.not_compared_heading, &s.not_compared),
            (&s.gained_heading, &s.gained),
            (&s.lost_heading, &s.lost),
            (&s.sources_heading, &s.sources),
        ] {
            if rows.is_empty() {
                continue;
            }
            md.push_str(&format!("### {heading} ({})\n\n", rows.len()));
            for r in rows {
                let head: Vec<String> = [&r.region, &r.metric]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .map(|p| cell(p))
                    .collect();
                let mut line = head.join(" · ");
                if !r.text.is_empty() {
                    if !line.is_empty() {
                        line.push_str(": ");
                    }
                    line.push_str(&cell(&r.text));
                }
                md.push_str(&format!("- {line}\n"));
            }
            md.push('\n');
        }
        md
    }
}

impl Sections {
    /// The changes that concern one region, one sentence each, for its page.
    pub fn region_lines(&self, code: &str) -> Vec<String> {
        let s = self;
        let mut out = Vec::new();
        for r in s.changed.iter().chain(&s.added).chain(&s.removed) {
            if r.region_code == code {
                let mut line = format!("{}: {} → {}", r.metric, r.old, r.new);
                if !r.change.is_empty() {
                    line.push_str(&format!(" ({})", r.change));
                }
                out.push(line);
            }
        }
        for r in &s.ranks {
            if r.region_code == code {
                out.push(format!("{} {}: {}", s.rank_word, r.metric, r.text));
            }
        }
        for r in &s.crossings {
            if r.region_code == code {
                out.push(format!("{}: {}", r.metric, r.text));
            }
        }
        out
    }
}

/// Text safe inside a markdown table cell or list item: a `|` would split the cell, a newline
/// would end the row, and raw `<`/`>` could become HTML in a pull-request comment.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What a failed comparison reports: which side failed and its diagnostics.
pub struct SideError {
    pub side: String,
    pub diags: Diagnostics,
}

/// The site at a git revision, extracted into a temporary folder: `git ls-tree` lists the
/// site's files at the revision and one `git cat-file --batch` reads them all, so no archive
/// tool is needed and a sub-folder site works. The folder is removed when the value drops.
pub fn checkout_site(site: &Path, rev: &str) -> Result<tempfile::TempDir, Diagnostics> {
    let fail = |msg: String, hint: &str| {
        let mut d = Diagnostics::new();
        d.error_hint(Location::file(rev), msg, hint);
        d
    };
    let git = |args: &[&str], input: Option<&[u8]>| -> Result<Vec<u8>, String> {
        use std::io::Write;
        let mut cmd = std::process::Command::new("git");
        cmd.arg("-C").arg(site).args(args);
        cmd.stdin(if input.is_some() {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| format!("cannot run git: {e}"))?;
        if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
            // Written from a thread: git answers while it reads, and a full pipe would block.
            let bytes = bytes.to_vec();
            let writer = std::thread::spawn(move || stdin.write_all(&bytes));
            let out = child.wait_with_output().map_err(|e| e.to_string())?;
            let _ = writer.join();
            return finish(out);
        }
        finish(child.wait_with_output().map_err(|e| e.to_string())?)
    };
    fn finish(out: std::process::Output) -> Result<Vec<u8>, String> {
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
    let hint =
        "run inside a git repository and name a revision it has (HEAD, main, a tag or a commit)";
    let prefix = git(&["rev-parse", "--show-prefix"], None).map_err(|e| {
        fail(
            format!("{} is not in a git repository: {e}", site.display()),
            hint,
        )
    })?;
    let prefix = String::from_utf8_lossy(&prefix).trim().to_string();
    // `--` keeps a revision such as `--output=x` from being read as an option.
    let commit = format!("{rev}^{{commit}}");
    git(
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &commit,
        ],
        None,
    )
    .map_err(|_| {
        fail(
            format!("`{rev}` is not a revision of this repository"),
            hint,
        )
    })?;
    let mut args = vec![
        "ls-tree",
        "-r",
        "-z",
        "--full-tree",
        "--end-of-options",
        rev,
    ];
    // A site at the repository's top needs no pathspec (git refuses an empty one).
    if !prefix.is_empty() {
        args.extend(["--", prefix.as_str()]);
    }
    let tree = git(&args, None)
        .map_err(|e| fail(format!("cannot list the site at `{rev}`: {e}"), hint))?;
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in tree.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let meta: Vec<&str> = meta.split(' ').collect();
        // Regular files only: symlinks could point outside the folder, submodules are not here.
        if meta.len() == 3 && meta[1] == "blob" && meta[0] != "120000" {
            let rel = path.strip_prefix(prefix.as_str()).unwrap_or(path);
            files.push((meta[2].to_string(), rel.to_string()));
        }
    }
    if !files.iter().any(|(_, p)| p == "site.toml") {
        return Err(fail(
            format!("the site has no site.toml at `{rev}`"),
            "pick a revision where the site already existed",
        ));
    }
    let input: String = files.iter().map(|(oid, _)| format!("{oid}\n")).collect();
    let blobs = git(&["cat-file", "--batch"], Some(input.as_bytes()))
        .map_err(|e| fail(format!("cannot read the site at `{rev}`: {e}"), hint))?;
    let dir = tempfile::Builder::new()
        .prefix("cakupan-diff-")
        .tempdir()
        .map_err(|e| fail(format!("cannot create a temporary folder: {e}"), hint))?;
    let mut rest = blobs.as_slice();
    for (_, rel) in &files {
        let nl = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let header = String::from_utf8_lossy(&rest[..nl]).to_string();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| fail(format!("unexpected git output: {header}"), hint))?;
        let start = nl + 1;
        let body = rest
            .get(start..start + size)
            .ok_or_else(|| fail("git output ended early".into(), hint))?;
        rest = rest.get(start + size + 1..).unwrap_or(&[]);
        let path = crate::safepath::join(dir.path(), rel)
            .map_err(|e| fail(format!("{rel}: {e}"), hint))?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(format!("{rel}: {e}"), hint))?;
        }
        std::fs::write(&path, body).map_err(|e| fail(format!("{rel}: {e}"), hint))?;
    }
    Ok(dir)
}

/// `cakupan diff OLD NEW`: both sides loaded, computed and compared.
pub fn diff_paths(old: &Path, new: &Path) -> Result<Report, SideError> {
    let a = load_side(old).map_err(|d| SideError {
        side: old.display().to_string(),
        diags: d,
    })?;
    let b = load_side(new).map_err(|d| SideError {
        side: new.display().to_string(),
        diags: d,
    })?;
    Ok(compare(&a, &b))
}

/// `cakupan diff --git REV`: the site at REV against the working copy.
pub fn diff_git(site: &Path, rev: &str) -> Result<Report, SideError> {
    let tmp = checkout_site(site, rev).map_err(|d| SideError {
        side: rev.to_string(),
        diags: d,
    })?;
    let a = snapshot_of_site(tmp.path()).map_err(|d| SideError {
        side: rev.to_string(),
        diags: relabel(d, &format!("{rev}:")),
    })?;
    let b = snapshot_of_site(site).map_err(|d| SideError {
        side: site.display().to_string(),
        diags: d,
    })?;
    Ok(compare(&a, &b))
}

/// Every diagnostic of a failed side, for callers that only want the list.
pub fn into_diagnostics(e: SideError) -> Vec<Diagnostic> {
    e.diags.into_sorted()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc<script>"), "a\\|b c&lt;script&gt;");
    }

    #[test]
    fn target_direction() {
        assert!(meets(80.0, 80.0, true));
        assert!(!meets(79.9, 80.0, true));
        assert!(meets(5.0, 6.0, false));
        assert!(!meets(6.1, 6.0, false));
    }
}
