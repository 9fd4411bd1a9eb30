//! Criteria of a round: their kind (metric or panel), weight, scale and basis, checked.

use super::*;

pub(super) fn read_criteria(
    raw: &[RawCriterion],
    site: &Site,
    at: &dyn Fn(std::ops::Range<usize>) -> Location,
    diags: &mut Diagnostics,
) -> Vec<Criterion> {
    let mut out: Vec<Criterion> = Vec::new();
    let mut seen: BTreeMap<&str, Location> = BTreeMap::new();
    for c in raw {
        let id = c.id.get_ref().as_str();
        let loc = at(c.id.span());
        let mut ok = true;
        if id.trim().is_empty() || id.trim() != id {
            diags.error_hint(
                loc.clone(),
                format!("criterion id `{id}` is empty or has surrounding spaces"),
                "use a short id such as \"regulasi\"",
            );
            ok = false;
        }
        if let Some(first) = seen.get(id) {
            diags.error_hint(
                loc.clone(),
                format!(
                    "duplicate criterion id `{id}` (first at line {})",
                    first.line
                ),
                "give each criterion its own id",
            );
            ok = false;
        } else {
            seen.insert(id, loc.clone());
        }
        let weight = *c.weight.get_ref();
        if !(weight.is_finite() && weight > 0.0) {
            diags.error_hint(
                at(c.weight.span()),
                if weight.is_finite() {
                    format!("criterion `{id}`: weight {weight} is not positive")
                } else {
                    format!("criterion `{id}`: weight {weight} is not an ordinary number")
                },
                "weights are positive numbers; they are normalised to sum to 1, so 30, 20, 15 ... or 0.3, 0.2, 0.15 ... give the same result",
            );
            ok = false;
        }
        let panel = c.panel.as_ref().is_some_and(|p| *p.get_ref());
        let kind = match (&c.metric, panel) {
            (Some(m), true) => {
                diags.error_hint(
                    loc.clone(),
                    format!("criterion `{id}` has both a metric and panel = true"),
                    format!(
                        "a criterion is scored either from a figure (metric = \"{}\" with scale) or by the assessors (panel = true); remove one",
                        m.get_ref()
                    ),
                );
                None
            }
            (None, false) => {
                diags.error_hint(
                    loc.clone(),
                    format!("criterion `{id}` has neither a metric nor panel = true"),
                    "add metric = \"<metric id>\" with scale = [lo, hi], or panel = true for assessors' scores",
                );
                None
            }
            (None, true) => {
                if let Some(s) = &c.scale {
                    diags.error_hint(
                        at(s.span()),
                        format!("criterion `{id}` is a panel criterion; scale applies to metric criteria only"),
                        "remove the scale: assessors score panel criteria from 0 to 100",
                    );
                }
                Some(CriterionKind::Panel)
            }
            (Some(m), false) => metric_kind(id, m, c, &loc, site, at, diags),
        };
        match kind {
            Some(kind) if ok => out.push(Criterion {
                id: id.to_string(),
                label: c.label.clone(),
                weight,
                description: c.description.clone(),
                kind,
                location: loc,
            }),
            _ => {}
        }
    }
    out
}

pub(super) fn metric_kind(
    id: &str,
    metric: &Spanned<String>,
    raw: &RawCriterion,
    loc: &Location,
    site: &Site,
    at: &dyn Fn(std::ops::Range<usize>) -> Location,
    diags: &mut Diagnostics,
) -> Option<CriterionKind> {
    let mid = metric.get_ref();
    let (scale, basis) = (raw.scale.as_ref(), raw.basis.as_ref());
    let mut ok = true;
    let chosen = match (site.metric(mid), basis) {
        (Some(m), Some(b)) if m.basis_label(b.get_ref()).is_some() => Some(b.get_ref().clone()),
        (Some(m), Some(b)) => {
            let ids: Vec<&str> = m.bases.iter().map(|(x, _)| x.as_str()).collect();
            diags.error_hint(
                at(b.span()),
                format!(
                    "criterion `{id}`: metric `{mid}` has no basis `{}`",
                    b.get_ref()
                ),
                if ids.is_empty() {
                    "remove basis: the metric declares no bases".to_string()
                } else {
                    format!("its bases are: {}", ids.join(", "))
                },
            );
            ok = false;
            None
        }
        (Some(m), None) if !m.bases.is_empty() => {
            let ids: Vec<&str> = m.bases.iter().map(|(x, _)| x.as_str()).collect();
            diags.error_hint(
                loc.clone(),
                format!("criterion `{id}`: metric `{mid}` has several bases (denominators); name the one compared"),
                format!("add basis = \"{}\" (bases: {})", ids[0], ids.join(", ")),
            );
            ok = false;
            None
        }
        _ => None,
    };
    if site.metric(mid).is_none() {
        diags.error_hint(
            at(metric.span()),
            format!("criterion `{id}`: unknown metric `{mid}`"),
            {
                let mut h = suggest("metric", mid, site.metrics.iter().map(|m| m.id.as_str()));
                h.push_str("; metrics are defined in data/metrics.toml");
                h
            },
        );
        ok = false;
    }
    let Some(scale) = scale else {
        diags.error_hint(
            loc.clone(),
            format!("metric criterion `{id}` has no scale"),
            "add scale = [lo, hi]: a figure of lo or worse scores 0, hi or better scores 100",
        );
        return None;
    };
    let sloc = at(scale.span());
    let (lo, hi) = match scale.get_ref().as_slice() {
        &[lo, hi] => (lo, hi),
        other => {
            diags.error_hint(
                sloc,
                format!("criterion `{id}`: scale has {} numbers, not 2", other.len()),
                "write scale = [lo, hi], e.g. scale = [40, 100]",
            );
            return None;
        }
    };
    if !(lo.is_finite() && hi.is_finite()) {
        diags.error_hint(
            sloc,
            format!("criterion `{id}`: scale [{lo}, {hi}] is not two ordinary numbers"),
            "inf and nan are not figures; write the two ends of the scale, e.g. scale = [40, 100]",
        );
        ok = false;
    } else if lo == hi {
        diags.error_hint(
            sloc,
            format!("criterion `{id}`: scale [{lo}, {hi}] has lo equal to hi"),
            "the scale maps lo to 0 and hi to 100, so the two must differ",
        );
        ok = false;
    } else if lo > hi {
        diags.error_hint(
            sloc,
            format!("criterion `{id}`: scale [{lo}, {hi}] has lo above hi"),
            "write the lower figure first; for a metric where lower is better (higher_is_better = false in data/metrics.toml) the scores are inverted automatically",
        );
        ok = false;
    }
    ok.then(|| CriterionKind::Metric {
        metric: mid.clone(),
        scale: (lo, hi),
        basis: chosen,
    })
}
