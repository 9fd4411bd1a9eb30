//! Key sentences that open the home and region pages, written from the same computed figures
//! the cards, tables and charts show (so the prose cannot contradict them): who has a figure,
//! who leads a fair ranking, what the headline figure is and how it changed.

use super::context::FigureCtx;
use super::i18n::fill;
use super::shared::Shared;
use crate::compute::Ranking;
use crate::model::{Metric, Region};

/// Two or three sentences for the home page about the headline metric.
pub(super) fn home(
    sh: &Shared,
    m: &Metric,
    province: Option<&FigureCtx>,
    ranking: Option<&Ranking>,
) -> Vec<String> {
    let t = &sh.words.text;
    let mut out = Vec::new();
    if let Some(f) = province.filter(|f| !f.period.is_empty()) {
        out.push(fill(
            &t.key_latest,
            &[
                ("metric", &m.label),
                ("place", &sh.site.config.province_name),
                ("value", &f.value),
                ("period", &f.period),
            ],
        ));
    }
    let Some(r) = ranking else {
        return out;
    };
    let total = sh.site.regions.len();
    let missing = r.missing.len();
    let count = total.saturating_sub(missing);
    let year = r.year.to_string();
    if missing == 0 {
        out.push(fill(
            &t.key_coverage_all,
            &[
                ("total", &total.to_string()),
                ("metric", &m.label),
                ("year", &year),
            ],
        ));
    } else {
        out.push(fill(
            &t.key_coverage,
            &[
                ("count", &count.to_string()),
                ("total", &total.to_string()),
                ("metric", &m.label),
                ("year", &year),
                ("missing", &missing.to_string()),
            ],
        ));
    }
    // Only a ranking the build accepted as fair names a top and a bottom.
    let fair = sh.c.rankings.get(&m.id).is_some_and(|k| k.year == r.year);
    if !fair {
        if count > 0 {
            out.push(t.key_not_ranked.clone());
        }
        return out;
    }
    let names = |rank: usize| -> (String, String) {
        let at: Vec<_> = r.entries.iter().filter(|e| e.rank == rank).collect();
        let names: Vec<String> = at
            .iter()
            .filter_map(|e| sh.site.region(&e.region))
            .map(|x| x.name.clone())
            .collect();
        let value = at
            .first()
            .map(|e| sh.value(m, sh.c.observations[e.obs].value))
            .unwrap_or_default();
        (join(&names, &sh.words.page.and), value)
    };
    if let (Some(first), Some(last)) = (r.entries.first(), r.entries.last()) {
        if first.rank != last.rank {
            let (top, top_value) = names(first.rank);
            let (bottom, bottom_value) = names(last.rank);
            out.push(fill(
                &t.key_top,
                &[
                    ("top", &top),
                    ("top_value", &top_value),
                    ("bottom", &bottom),
                    ("bottom_value", &bottom_value),
                ],
            ));
        }
    }
    if let Some(target) = m.target {
        let reached = r
            .entries
            .iter()
            .filter(|e| {
                let v = sh.c.observations[e.obs].value;
                if m.higher_is_better {
                    v >= target
                } else {
                    v <= target
                }
            })
            .count();
        out.push(fill(
            &t.key_target,
            &[
                ("count", &reached.to_string()),
                ("ranked", &r.entries.len().to_string()),
                ("target", &sh.value(m, target)),
            ],
        ));
    }
    out
}

/// Two or three sentences for a region's page: its headline figure (and change), its rank in
/// a fair ranking, and how many measures have figures.
pub(super) fn region(
    sh: &Shared,
    r: &Region,
    headline: Option<&Metric>,
    figures: &[FigureCtx],
    missing: usize,
) -> Vec<String> {
    let t = &sh.words.text;
    let mut out = Vec::new();
    if let Some(m) = headline {
        match figures
            .iter()
            .find(|f| f.metric == m.id && !f.period.is_empty())
        {
            Some(f) if !f.change.is_empty() => out.push(fill(
                &t.key_latest_change,
                &[
                    ("metric", &m.label),
                    ("place", &r.name),
                    ("value", &f.value),
                    ("period", &f.period),
                    ("change", &f.change),
                    ("from", &f.change_from),
                ],
            )),
            Some(f) => out.push(fill(
                &t.key_latest,
                &[
                    ("metric", &m.label),
                    ("place", &r.name),
                    ("value", &f.value),
                    ("period", &f.period),
                ],
            )),
            None => out.push(fill(
                &t.key_no_figure,
                &[("place", &r.name), ("metric", &m.label)],
            )),
        }
        if let Some(k) = sh.c.rankings.get(&m.id) {
            if let Some(n) = k.rank_of(&r.code) {
                out.push(fill(
                    &t.key_rank,
                    &[
                        ("rank", &n.to_string()),
                        ("total", &k.entries.len().to_string()),
                        ("metric", &m.label),
                        ("year", &k.year.to_string()),
                    ],
                ));
            }
        }
    }
    if !figures.is_empty() {
        out.push(fill(
            &t.key_counts,
            &[
                ("count", &figures.len().to_string()),
                ("missing", &missing.to_string()),
            ],
        ));
    }
    out
}

/// "A", "A dan B", "A, B dan C".
fn join(names: &[String], and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}
