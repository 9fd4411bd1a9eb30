//! The figures' one order (region, metric as listed in metrics.toml, period, basis, status),
//! set once while loading: a figure given twice then sits beside its first, so the duplicate
//! check is a walk instead of a hash table of every figure, and the compute stage needs no sort
//! of its own. Keys are small numbers worked out while a file is read, so a million figures
//! sort as integers, not as strings.

use super::*;
use std::collections::HashMap;

/// A figure's place in the order; equal keys are the same figure given twice.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) struct Key {
    /// Rank of the region code among all codes (province included), in string order.
    region: u32,
    /// Position of the metric in metrics.toml.
    metric: u32,
    period: u64,
    /// 0 without a basis, else 1 + rank of the id among the metric's bases in string order.
    basis: u32,
    status: u8,
}

/// What keys are worked out from: built once per build from the regions and metrics.
pub struct Ranks<'a> {
    regions: HashMap<&'a str, u32>,
    /// Per metric (in metrics.toml order), its basis ids sorted.
    bases: Vec<Vec<&'a str>>,
}

impl<'a> Ranks<'a> {
    pub fn new(province_code: &'a str, regions: &'a [Region], metrics: &'a [Metric]) -> Ranks<'a> {
        let mut codes: Vec<&str> = regions.iter().map(|r| r.code.as_str()).collect();
        codes.push(province_code);
        codes.sort_unstable();
        codes.dedup();
        let bases = metrics
            .iter()
            .map(|m| {
                let mut ids: Vec<&str> = m.bases.iter().map(|(b, _)| b.as_str()).collect();
                ids.extend(m.default_basis.as_deref());
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        Ranks {
            regions: codes.into_iter().zip(0..).collect(),
            bases,
        }
    }

    /// Whether `code` is a region or the province.
    pub fn knows(&self, code: &str) -> bool {
        self.regions.contains_key(code)
    }

    /// The key of a figure whose region is known and whose metric is `refs.metrics[metric]`.
    pub(super) fn key<'r>(
        &self,
        cache: &mut RegionCache<'r>,
        region: &'r str,
        metric: usize,
        period: Period,
        basis: Option<&str>,
        status: Status,
    ) -> Key {
        let basis = match (basis, self.bases.get(metric)) {
            (Some(b), Some(ids)) => ids.binary_search(&b).map_or(u32::MAX, |i| i as u32 + 1),
            (Some(_), None) => u32::MAX,
            (None, _) => 0,
        };
        let (year, month) = period.sort_key();
        let rank = match cache.last {
            Some((code, rank)) if code == region => rank,
            _ => {
                let rank = self.regions.get(region).copied().unwrap_or(u32::MAX);
                cache.last = Some((region, rank));
                rank
            }
        };
        Key {
            region: rank,
            metric: u32::try_from(metric).unwrap_or(u32::MAX),
            // The year shifted to be non-negative, then the month (13 for a whole year).
            period: ((i64::from(year) - i64::from(i32::MIN)) as u64) << 4 | u64::from(month),
            basis,
            status: status as u8,
        }
    }
}

/// The rank of the region of the row before: rows come region by region, so most keys need
/// no lookup.
#[derive(Default)]
pub(super) struct RegionCache<'r> {
    last: Option<(&'r str, u32)>,
}

/// Puts `figures` (one key each, in input order) into the order of [`Key`], reports every
/// figure given twice, and returns each figure's position in the input: where several figures
/// of one period compete (different bases), the later one counts.
pub(super) fn sort(
    figures: &mut [Observation],
    keys: Vec<Key>,
    diags: &mut Diagnostics,
) -> Vec<u32> {
    debug_assert_eq!(figures.len(), keys.len());
    // Positions sorted by their figure's key, not (key, position) pairs: a second list of 32
    // bytes per figure beside the keys was the load stage's peak (9 MB at 300 000 figures).
    // A stable sort keeps figures of equal keys in input order. It finds the runs of the
    // input (a file's rows mostly come in order) and merges them: 5 ms on one core at 288 000
    // figures, against 16 ms of both cores' time for a parallel unstable sort.
    let mut order: Vec<u32> = (0..figures.len() as u32).collect();
    order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
    let mut twice: Vec<(u32, u32)> = Vec::new();
    let mut first = 0;
    for i in 1..order.len() {
        if keys[order[i] as usize] == keys[order[first] as usize] {
            twice.push((order[i], order[first]));
        } else {
            first = i;
        }
    }
    drop(keys);
    // In input order, as they were reported when a map of keys was filled row by row.
    twice.sort_unstable();
    for (later, first) in twice {
        let (o, first) = (&figures[later as usize], &figures[first as usize]);
        let (a, b) = if first.location() <= o.location() {
            (first, o)
        } else {
            (o, first)
        };
        diags.error_hint(
            b.location().to_location(),
            format!(
                "duplicate figure: region {} metric `{}` period {} is also given at {}",
                o.region, o.metric, o.period(), a.location()
            ),
            "keep one row; if the sources disagree, use different metrics for different denominators or put the other figure in a note",
        );
    }
    permute(figures, &order);
    order
}

/// Reorders `items` so that position k holds what was at `from[k]`, in place (following the
/// permutation's cycles): no second copy of a million figures.
fn permute<T>(items: &mut [T], from: &[u32]) {
    let mut from: Vec<u32> = from.to_vec();
    for start in 0..from.len() {
        let mut cur = start;
        while from[cur] as usize != start {
            let next = from[cur] as usize;
            items.swap(cur, next);
            from[cur] = cur as u32;
            cur = next;
        }
        from[cur] = cur as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permute_moves_each_item_where_the_order_says() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut items, &[3, 0, 4, 1, 2]);
        assert_eq!(items, vec!['d', 'a', 'e', 'b', 'c']);
    }

    #[test]
    fn keys_order_periods_as_periods_do() {
        let ranks = Ranks {
            regions: [("64.01", 0), ("64.02", 1)].into_iter().collect(),
            bases: vec![vec!["a", "b"]],
        };
        let k = |r, p: &str, b| {
            let mut cache = RegionCache::default();
            ranks.key(
                &mut cache,
                r,
                0,
                Period::parse(p).unwrap(),
                b,
                Status::Realisasi,
            )
        };
        let periods = ["2023-01", "2023-12", "2023", "2024-01", "2024"];
        for w in periods.windows(2) {
            let (p, q) = (Period::parse(w[0]).unwrap(), Period::parse(w[1]).unwrap());
            assert!(p < q);
            assert!(k("64.01", w[0], None) < k("64.01", w[1], None), "{w:?}");
        }
        assert!(k("64.01", "2030", None) < k("64.02", "2001", None));
        assert!(k("64.01", "2024", None) < k("64.01", "2024", Some("a")));
        assert!(k("64.01", "2024", Some("a")) < k("64.01", "2024", Some("b")));
        assert!(k("64.01", "0001", None) < k("64.01", "9999", None));
    }
}
