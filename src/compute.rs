//! Compute stage: derived ratio metrics, per-region series, latest values and rankings.

use crate::model::{Metric, Observation, Site};
use std::collections::BTreeMap;

/// One region's rank on one metric.
#[derive(Debug, Clone)]
pub struct RankEntry {
    pub region: String,
    pub rank: usize,
    /// Index into [`Computed::observations`].
    pub obs: usize,
}

/// Regions ordered on one metric for one year, with the regions that have no figure that year.
#[derive(Debug, Clone)]
pub struct Ranking {
    pub metric: String,
    pub year: i32,
    pub entries: Vec<RankEntry>,
    pub missing: Vec<String>,
    /// Region -> rank, for lookups from every region page.
    by_region: BTreeMap<String, usize>,
}

impl Ranking {
    pub fn rank_of(&self, region: &str) -> Option<usize> {
        self.by_region.get(region).copied()
    }
}

#[derive(Debug)]
pub struct Computed {
    /// Reported and derived observations, sorted by region, metric and period.
    pub observations: Vec<Observation>,
    /// region -> metric -> indices into `observations`, oldest first (nested so lookups by
    /// `&str` need no allocation).
    pub series: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    /// One ranking per metric that has regional figures, keyed by metric id.
    pub rankings: BTreeMap<String, Ranking>,
}

impl Computed {
    pub fn series(&self, region: &str, metric: &str) -> &[usize] {
        self.series
            .get(region)
            .and_then(|m| m.get(metric))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn latest(&self, region: &str, metric: &str) -> Option<&Observation> {
        self.series(region, metric)
            .last()
            .map(|&i| &self.observations[i])
    }

    /// The figure before the latest one, for "change since".
    pub fn previous(&self, region: &str, metric: &str) -> Option<&Observation> {
        let s = self.series(region, metric);
        (s.len() >= 2).then(|| &self.observations[s[s.len() - 2]])
    }
}

pub fn compute(site: &Site) -> Computed {
    let mut observations = site.observations.clone();
    observations.extend(derive_ratios(site));
    observations.sort_by_cached_key(|o| (o.region.clone(), metric_pos(site, &o.metric), o.period));
    let mut series: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for (i, o) in observations.iter().enumerate() {
        series
            .entry(o.region.clone())
            .or_default()
            .entry(o.metric.clone())
            .or_default()
            .push(i);
    }
    let mut computed = Computed {
        observations,
        series,
        rankings: BTreeMap::new(),
    };
    for m in &site.metrics {
        let year = if m.id == site.config.headline_metric {
            site.config.ranking_year
        } else {
            None
        };
        if let Some(r) = rank(site, &computed, m, year) {
            computed.rankings.insert(m.id.clone(), r);
        }
    }
    computed
}

fn metric_pos(site: &Site, id: &str) -> usize {
    site.metric_index.get(id).copied().unwrap_or(usize::MAX)
}

/// `100 * numerator / denominator` for every region and period where both were reported.
fn derive_ratios(site: &Site) -> Vec<Observation> {
    let mut by_key: BTreeMap<(&str, &str, crate::period::Period), &Observation> = BTreeMap::new();
    for o in &site.observations {
        by_key.insert((&o.region, &o.metric, o.period), o);
    }
    let mut out = Vec::new();
    for m in &site.metrics {
        let Some(ratio) = &m.ratio else { continue };
        for (&(region, metric, period), num) in &by_key {
            if metric != ratio.numerator {
                continue;
            }
            let Some(den) = by_key.get(&(region, ratio.denominator.as_str(), period)) else {
                continue;
            };
            if den.value == 0.0 {
                continue;
            }
            let mut sources = num.sources.clone();
            for s in &den.sources {
                if !sources.contains(s) {
                    sources.push(s.clone());
                }
            }
            out.push(Observation {
                region: region.to_string(),
                metric: m.id.clone(),
                period,
                value: 100.0 * num.value / den.value,
                sources,
                note: String::new(),
                location: num.location.clone(),
            });
        }
    }
    out
}

/// Competition ranking ("1224"): tied values share a rank and the next rank skips.
/// Each region's latest figure within the ranking year counts, so regions reporting in
/// different months of the same year can still be compared; the period is shown beside it.
pub fn rank(site: &Site, c: &Computed, metric: &Metric, year: Option<i32>) -> Option<Ranking> {
    let year = year.or_else(|| {
        site.regions
            .iter()
            .filter_map(|r| c.latest(&r.code, &metric.id))
            .map(|o| o.period.year())
            .max()
    })?;
    let mut found: Vec<(usize, &str)> = Vec::new();
    let mut missing = Vec::new();
    for r in &site.regions {
        let pick = c
            .series(&r.code, &metric.id)
            .iter()
            .rev()
            .copied()
            .find(|&i| c.observations[i].period.year() == year);
        match pick {
            Some(i) => found.push((i, &r.name)),
            None => missing.push(r.code.clone()),
        }
    }
    let ranks = order_and_rank(
        &mut found,
        |f| c.observations[f.0].value,
        |f| f.1,
        metric.higher_is_better,
    );
    let entries: Vec<RankEntry> = found
        .iter()
        .zip(ranks)
        .map(|((i, _), rank)| RankEntry {
            region: c.observations[*i].region.clone(),
            rank,
            obs: *i,
        })
        .collect();
    let by_region = entries.iter().map(|e| (e.region.clone(), e.rank)).collect();
    Some(Ranking {
        metric: metric.id.clone(),
        year,
        entries,
        missing,
        by_region,
    })
}

/// Sorts `items` best first (ties by name, so the order is stable) and returns their
/// competition ranks; used by the home ranking and by every ranking chart.
pub fn order_and_rank<T>(
    items: &mut [T],
    value: impl Fn(&T) -> f64,
    name: impl Fn(&T) -> &str,
    higher_is_better: bool,
) -> Vec<usize> {
    items.sort_by(|a, b| {
        let (va, vb) = (value(a), value(b));
        let by_value = if higher_is_better {
            vb.total_cmp(&va)
        } else {
            va.total_cmp(&vb)
        };
        by_value.then_with(|| name(a).cmp(name(b)))
    });
    competition_ranks(&items.iter().map(&value).collect::<Vec<_>>())
}

/// Ranks for values already sorted best-first: equal values (to 1e-9) share the rank of the
/// first of them.
pub fn competition_ranks(sorted: &[f64]) -> Vec<usize> {
    let mut ranks = Vec::with_capacity(sorted.len());
    for (i, v) in sorted.iter().enumerate() {
        if i > 0 && (sorted[i - 1] - v).abs() <= 1e-9 {
            ranks.push(ranks[i - 1]);
        } else {
            ranks.push(i + 1);
        }
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::competition_ranks;

    #[test]
    fn ties_share_a_rank_and_skip_the_next() {
        assert_eq!(
            competition_ranks(&[100.0, 100.0, 80.0, 70.0, 70.0, 10.0]),
            vec![1, 1, 3, 4, 4, 6]
        );
        assert_eq!(competition_ranks(&[]), Vec::<usize>::new());
    }
}
