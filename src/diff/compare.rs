//! The comparison of two snapshots: figures added, removed and changed, rank moves within
//! one metric, year and basis, target crossings, regions gained or lost, sources.

use super::*;
use crate::format::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    pub(crate) changes: Vec<Change>,
    pub(crate) rank_moves: Vec<RankMove>,
    pub(crate) rankings_not_compared: Vec<RankingNotCompared>,
    pub(crate) target_crossings: Vec<Crossing>,
    pub(crate) regions_gained: Vec<RegionRef>,
    pub(crate) regions_lost: Vec<RegionRef>,
    pub(crate) sources: Vec<SourceChange>,
    /// Language of the new side, for the wording of markdown and pages.
    #[serde(skip)]
    pub(crate) lang: Lang,
    /// Metric labels and units of both sides (the new side's where both have them).
    #[serde(skip)]
    pub(super) metrics: BTreeMap<String, MetricInfo>,
    #[serde(skip)]
    pub(super) urls: BTreeMap<String, String>,
}

impl Report {
    /// Whether a region's rank moved in a ranking both releases could make (`--fail-on
    /// rank-change`).
    pub fn has_rank_changes(&self) -> bool {
        !self.rank_moves.is_empty()
    }

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

    /// The report as JSON (`cakupan diff --format json`).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_direction() {
        assert!(meets(80.0, 80.0, true));
        assert!(!meets(79.9, 80.0, true));
        assert!(meets(5.0, 6.0, false));
        assert!(!meets(6.1, 6.0, false));
    }
}
