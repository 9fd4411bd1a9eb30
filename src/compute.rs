//! Compute stage: derived ratio metrics, per-region series, latest values and rankings.

use crate::model::{Interner, Metric, Observation, Site, Sym};
use std::collections::BTreeMap;

mod members;
pub use members::{Idx, Members};

/// One region's rank on one metric.
#[derive(Debug, Clone)]
pub struct RankEntry {
    pub region: String,
    pub rank: usize,
    /// Index into [`Computed::observations`].
    pub obs: usize,
}

/// Regions ordered on one metric for one year, with the regions that have no figure that year.
/// Only realised figures of one basis are ranked; a region whose figure of that year has
/// another basis is listed in `other_basis`, never ranked with the rest.
#[derive(Debug, Clone)]
pub struct Ranking {
    pub year: i32,
    /// The basis every ranked figure shares (None for a metric without bases).
    pub basis: Option<String>,
    pub entries: Vec<RankEntry>,
    pub missing: Vec<String>,
    /// Indices into [`Computed::observations`] of figures of that year with another basis.
    pub other_basis: Vec<usize>,
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
    /// region -> metric -> which of `observations` are the series, oldest first (nested so
    /// lookups by `&str` need no allocation); mostly a run of neighbours ([`Members`]).
    pub series: BTreeMap<String, BTreeMap<String, Members>>,
    /// One ranking per metric that can be ranked fairly (see [`rank`]), keyed by metric id.
    pub rankings: BTreeMap<String, Ranking>,
    /// Plans, quotas and targets (status other than realisasi): region -> metric -> which
    /// figures, oldest first. `series` holds realised figures only.
    pub planned: BTreeMap<String, BTreeMap<String, Members>>,
}

/// Fewer comparable figures than this are not ranked: "1 dari 2" tells a panel nothing.
pub const MIN_RANKED: usize = 3;

impl Computed {
    pub fn series(&self, region: &str, metric: &str) -> Idx<'_> {
        members(&self.series, region, metric)
    }

    /// The plans, quotas and targets of a region and metric, as [`Computed::series`] gives
    /// the realised figures.
    pub fn planned_idx(&self, region: &str, metric: &str) -> Idx<'_> {
        members(&self.planned, region, metric)
    }

    /// The region's series of `metric` on the basis of its latest figure: what one line may
    /// join (a sparkline's line, ends and extremes never compare two denominators).
    pub fn latest_basis_series(&self, region: &str, metric: &str) -> Vec<&Observation> {
        let all = self.series(region, metric);
        let Some(last) = all.last() else {
            return Vec::new();
        };
        let last = &self.observations[last as usize];
        let mut out = Vec::with_capacity(all.len());
        out.extend(
            all.iter()
                .map(|i| &self.observations[i as usize])
                .filter(|o| o.same_basis(last)),
        );
        out
    }

    pub fn latest(&self, region: &str, metric: &str) -> Option<&Observation> {
        self.series(region, metric)
            .last()
            .map(|i| &self.observations[i as usize])
    }

    /// The figure before the latest one with the same basis, for "change since": a change
    /// between figures of different denominators would be a change of method, not of coverage.
    pub fn previous(&self, region: &str, metric: &str) -> Option<&Observation> {
        let s = self.series(region, metric);
        let (last, rest) = s.split_last()?;
        let last = &self.observations[last as usize];
        rest.iter()
            .rev()
            .map(|i| &self.observations[i as usize])
            .find(|o| o.same_basis(last))
    }

    /// Plans, quotas and targets of a region and metric, oldest first.
    pub fn planned(&self, region: &str, metric: &str) -> impl Iterator<Item = &Observation> {
        self.planned_idx(region, metric)
            .iter()
            .map(|i| &self.observations[i as usize])
    }

    /// The latest plan, quota or target, with the share of it realised in the same period
    /// (percent; None when nothing realised has that period and basis).
    pub fn latest_planned(
        &self,
        region: &str,
        metric: &str,
    ) -> Option<(&Observation, Option<f64>)> {
        let plan = self.planned(region, metric).last()?;
        let realised = self
            .series(region, metric)
            .iter()
            .rev()
            .map(|i| &self.observations[i as usize])
            .find(|o| o.period() == plan.period() && o.basis() == plan.basis());
        let absorption = realised
            .filter(|_| plan.value > 0.0)
            .map(|o| 100.0 * o.value / plan.value);
        Some((plan, absorption))
    }
}

/// The members of one series of `map`; none when it has no such series.
fn members<'a>(map: &'a SeriesMap, region: &str, metric: &str) -> Idx<'a> {
    map.get(region)
        .and_then(|m| m.get(metric))
        .map_or(Idx::EMPTY, Members::view)
}

/// [`compute_from`] on a copy of the site's figures (tests and callers that keep the site's).
pub fn compute(site: &Site) -> Computed {
    compute_from(site, site.observations.clone(), site.input_order.clone())
}

/// Derived ratios, series and rankings from the site's reported figures, which the computed
/// figures take over (a monthly national site has a million; the build keeps one copy).
///
/// The reported figures come sorted from the loader; single passes over them: the series
/// index, the derived ratios (a merge of each region's numerator and denominator series), one merge of
/// the derived figures into place and the final series index.
pub fn compute_from(
    site: &Site,
    mut observations: Vec<Observation>,
    input_order: Vec<u32>,
) -> Computed {
    let pos = |m: &str| metric_pos(site, m);
    let mut steps = crate::timings::Steps::new();
    // The loader has sorted the figures; their input order decides between figures of one
    // period for the derived ratios (a figure later in the files wins).
    debug_assert_eq!(input_order.len(), observations.len());
    let (series, _) = index(&observations);
    steps.lap("compute: index");
    let mut derived = derive_ratios(site, &observations, &input_order, &series);
    // All before the merge grows the figures, which sets the compute stage's peak: the input
    // order and the first index are not needed again and the derived list has up to twice the
    // room it uses.
    drop(input_order);
    drop(series);
    derived.shrink_to_fit();
    steps.lap("compute: ratios");
    merge_in(&mut observations, derived, &pos);
    steps.lap("compute: merge");
    let (series, planned) = index(&observations);
    steps.lap("compute: index");
    let mut computed = Computed {
        observations,
        series,
        rankings: BTreeMap::new(),
        planned,
    };
    for m in &site.metrics {
        let year = if m.id == site.config.headline_metric {
            site.config.ranking_year
        } else {
            None
        };
        if !m.rank {
            continue;
        }
        if let Some(r) = rank(site, &computed, m, year).filter(|r| r.entries.len() >= MIN_RANKED) {
            computed.rankings.insert(m.id.clone(), r);
        }
    }
    steps.lap("compute: rank");
    computed
}

/// Merges the sorted `derived` into the sorted `obs` from the back, in the room reserved at
/// the end, so no second vector of all figures is ever allocated.
///
/// The order of computed figures: region, metric (as listed in metrics.toml), period, basis,
/// status. Keys are unique (a duplicate is a load error), so any sort gives this one order.
fn merge_in(
    obs: &mut Vec<Observation>,
    mut derived: Vec<Observation>,
    pos: &impl Fn(&str) -> usize,
) {
    if derived.is_empty() {
        return;
    }
    let n = obs.len();
    let filler = derived[0].clone();
    // Exactly the room needed: `resize` alone would double the capacity (~70 MB at 300 000).
    obs.reserve_exact(derived.len());
    obs.resize(n + derived.len(), filler);
    let mut i = n; // figures obs[..i] not yet placed
    let mut k = obs.len();
    // Figures come in runs of one metric: its position is looked up once per run, not twice
    // per figure (a million comparisons).
    let (mut last_obs, mut last_derived): (Option<(Sym, usize)>, _) = (None, None);
    fn metric_at(
        o: &Observation,
        last: &mut Option<(Sym, usize)>,
        pos: &impl Fn(&str) -> usize,
    ) -> usize {
        match last {
            Some((m, p)) if *m == o.metric => *p,
            _ => {
                let p = pos(&o.metric);
                *last = Some((o.metric.clone(), p));
                p
            }
        }
    }
    // Whether `a` (a reported figure) comes after `d` (a derived one). Period, basis and
    // status sit behind the shared attributes: read only when region and metric are equal.
    let mut after = |a: &Observation, d: &Observation| {
        let (pa, pd) = (
            metric_at(a, &mut last_obs, pos),
            metric_at(d, &mut last_derived, pos),
        );
        match (a.region.as_str(), pa).cmp(&(d.region.as_str(), pd)) {
            std::cmp::Ordering::Equal => {
                let rest = |o: &Observation| (o.period(), o.basis().as_deref(), o.status());
                rest(a) > rest(d)
            }
            o => o == std::cmp::Ordering::Greater,
        }
    };
    while let Some(d) = derived.last() {
        k -= 1;
        if i > 0 && after(&obs[i - 1], d) {
            obs.swap(i - 1, k);
            i -= 1;
        } else {
            obs[k] = derived.pop().expect("checked by while let");
        }
    }
}

/// Region -> metric -> the realised figures, and the same for plans: built in one
/// pass over the sorted figures, one map entry per series rather than per figure.
fn index(obs: &[Observation]) -> (SeriesMap, SeriesMap) {
    let mut series = SeriesMap::new();
    let mut planned = SeriesMap::new();
    let mut i = 0;
    while i < obs.len() {
        let (region, metric) = (&obs[i].region, &obs[i].metric);
        let end = obs[i..]
            .iter()
            .position(|o| o.region != *region || o.metric != *metric)
            .map_or(obs.len(), |n| i + n);
        // A build holds far fewer than 4 billion figures (32 bytes each).
        let (start, stop) = (i as u32, end as u32);
        let realised = |j: u32| obs[j as usize].status().is_realised();
        let (real, plan) = Members::split(start, stop, realised);
        for (map, list) in [(&mut series, real), (&mut planned, plan)] {
            if !list.view().is_empty() {
                map.entry(region.to_string())
                    .or_default()
                    .insert(metric.to_string(), list);
            }
        }
        i = end;
    }
    (series, planned)
}

type SeriesMap = BTreeMap<String, BTreeMap<String, Members>>;

fn metric_pos(site: &Site, id: &str) -> usize {
    site.metric_index.get(id).copied().unwrap_or(usize::MAX)
}

/// `100 * numerator / denominator` for every region and period where both were reported, in
/// the order of the computed figures (see [`merge_in`]). Of several realised figures of one
/// region, metric and period (different bases), the one latest in the input counts.
fn derive_ratios(
    site: &Site,
    obs: &[Observation],
    order: &[u32],
    series: &SeriesMap,
) -> Vec<Observation> {
    let mut intern = Interner::new();
    let ratios: Vec<(&Metric, &crate::model::Ratio)> = site
        .metrics
        .iter()
        .filter_map(|m| Some((m, m.ratio.as_ref()?)))
        .collect();
    let mut out = Vec::new();
    if ratios.is_empty() {
        return out;
    }
    // Per period, the realised figure latest in the input.
    let by_period = |list: &Members| -> Vec<usize> {
        let list = list.view();
        let mut picked: Vec<usize> = Vec::with_capacity(list.len());
        for i in list.iter().map(|i| i as usize) {
            match picked.last_mut() {
                Some(last) if obs[*last].period() == obs[i].period() => {
                    if order[i] > order[*last] {
                        *last = i;
                    }
                }
                _ => picked.push(i),
            }
        }
        picked
    };
    for metrics in series.values() {
        for &(m, ratio) in &ratios {
            let (Some(num), Some(den)) = (
                metrics.get(&ratio.numerator),
                metrics.get(&ratio.denominator),
            ) else {
                continue;
            };
            let metric = intern.get(&m.id);
            let den = by_period(den);
            let mut d = den.iter().peekable();
            for n in by_period(num) {
                let num = &obs[n];
                while d.peek().is_some_and(|&&j| obs[j].period() < num.period()) {
                    d.next();
                }
                let Some(den) = d
                    .peek()
                    .map(|&&j| &obs[j])
                    .filter(|o| o.period() == num.period())
                else {
                    continue;
                };
                if den.value == 0.0 {
                    continue;
                }
                let mut sources: Vec<Sym> = num.sources().to_vec();
                for s in den.sources().iter() {
                    if !sources.contains(s) {
                        sources.push(s.clone());
                    }
                }
                let location = num.location();
                let attrs = crate::model::Attrs {
                    sources: intern.list(&sources),
                    note: Sym::default(),
                    basis: None,
                    status: crate::model::Status::Realisasi,
                    place: location.place_id(),
                };
                out.push(Observation::new(
                    num.region.clone(),
                    metric.clone(),
                    num.period(),
                    100.0 * num.value / den.value,
                    intern.attrs(attrs),
                    location,
                ));
            }
        }
    }
    out
}

/// Competition ranking ("1224"): tied values share a rank and the next rank skips.
/// Each region's latest realised figure within the ranking year counts, so regions reporting
/// in different months of the same year can still be compared; the period is shown beside it.
/// Figures of one basis only are ranked: the metric's default basis, or else the basis most
/// regions report (ties by id). Callers decide whether the set is big enough ([`MIN_RANKED`]).
pub fn rank(site: &Site, c: &Computed, metric: &Metric, year: Option<i32>) -> Option<Ranking> {
    let year = year.or_else(|| {
        site.regions
            .iter()
            .filter_map(|r| c.latest(&r.code, &metric.id))
            .map(|o| o.period().year())
            .max()
    })?;
    let in_year = |code: &str| -> Vec<usize> {
        c.series(code, &metric.id)
            .iter()
            .map(|i| i as usize)
            .filter(|&i| c.observations[i].period().year() == year)
            .collect()
    };
    // Each region counts once per basis it reports in the year.
    let per_region: Vec<std::collections::BTreeSet<&str>> = site
        .regions
        .iter()
        .map(|r| {
            in_year(&r.code)
                .into_iter()
                .filter_map(|i| c.observations[i].basis().as_deref())
                .collect()
        })
        .collect();
    let basis = comparable_basis(metric, per_region.iter().flatten().copied());
    let mut found: Vec<(usize, &str)> = Vec::new();
    let mut missing = Vec::new();
    let mut other_basis = Vec::new();
    for r in &site.regions {
        let figures = in_year(&r.code);
        let pick = figures
            .iter()
            .rev()
            .copied()
            .find(|&i| c.observations[i].basis().as_deref() == basis.as_deref());
        match (pick, figures.last()) {
            (Some(i), _) => found.push((i, &r.name)),
            (None, Some(&i)) => other_basis.push(i),
            (None, None) => missing.push(r.code.clone()),
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
            region: c.observations[*i].region.to_string(),
            rank,
            obs: *i,
        })
        .collect();
    let by_region = entries.iter().map(|e| (e.region.clone(), e.rank)).collect();
    Some(Ranking {
        year,
        basis,
        entries,
        missing,
        other_basis,
        by_region,
    })
}

/// The basis a comparison uses: the metric's default when present among `bases` (one entry per
/// region and basis), else the one most entries have (ties by id, so the choice is stable);
/// never an unranked basis. The home ranking, ranking charts and tile maps all choose here.
pub fn comparable_basis<'a>(
    metric: &Metric,
    bases: impl Iterator<Item = &'a str>,
) -> Option<String> {
    if metric.bases.is_empty() {
        return None;
    }
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for b in bases.filter(|b| !metric.unranked_bases.iter().any(|u| u == b)) {
        *count.entry(b).or_default() += 1;
    }
    if let Some(d) = &metric.default_basis {
        if count.contains_key(d.as_str()) {
            return Some(d.clone());
        }
    }
    count
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(b, _)| b.to_string())
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
