//! A metric's figure card for one place (home and region pages): the latest realised figure,
//! its change, rank, basis and sparkline count, and the latest plan or quota beside it.

use super::citations::Citations;
use super::context::{Cite, FigureCtx};
use super::shared::Shared;
use crate::format::{self};
use crate::model::Metric;

/// "kuota 15.000 (Agustus 2025), terdaftar 5.600 (37,3%)": the latest plan, quota or
/// target of a figure card, and how much of it is realised in the same period.
fn planned_text(
    sh: &Shared,
    region: &str,
    m: &Metric,
    cites: &mut Citations,
) -> (String, Vec<Cite>) {
    let Some((plan, absorption)) = sh.c.latest_planned(region, &m.id) else {
        return (String::new(), Vec::new());
    };
    let mut text = format!(
        "{} {} ({})",
        sh.words.label(plan.status().id()),
        sh.value(m, plan.value),
        format::period(plan.period(), sh.lang)
    );
    if let (Some(share), Some(real)) = (absorption, sh.c.latest(region, &m.id)) {
        let word = &sh.words.text.realised;
        text.push_str(&format!(
            ", {word} {} ({}%)",
            sh.value(m, real.value),
            format::number(share, 1, sh.lang)
        ));
    }
    (text, cites.cite(plan.sources()))
}

pub(super) fn figure(
    sh: &Shared,
    region: &str,
    m: &Metric,
    cites: &mut Citations,
) -> Option<FigureCtx> {
    let (planned, planned_cites) = planned_text(sh, region, m, cites);
    let Some(latest) = sh.c.latest(region, &m.id) else {
        // A plan or quota alone is shown as such, never as an achieved value.
        if planned.is_empty() {
            return None;
        }
        return Some(FigureCtx {
            metric: m.id.clone(),
            label: m.label.clone(),
            description: m.description.clone(),
            value: sh.words.text.nothing_realised.clone(),
            period: String::new(),
            change: String::new(),
            change_from: String::new(),
            trend: "",
            rank: String::new(),
            note: String::new(),
            derived: m.ratio.is_some(),
            cites: Vec::new(),
            points: 0,
            planned,
            planned_cites,
            basis: String::new(),
        });
    };
    let prev = sh.c.previous(region, &m.id);
    let t = &sh.words.page;
    let (change, change_from, trend) = match prev {
        Some(p) => {
            let delta = latest.value - p.value;
            let trend = if delta.abs() < 1e-9 {
                "flat"
            } else if (delta > 0.0) == m.higher_is_better {
                "better"
            } else {
                "worse"
            };
            let change = if trend == "flat" {
                sh.words.text.unchanged.clone()
            } else {
                format::change(delta, m.unit, sh.lang)
            };
            (change, format::period(p.period(), sh.lang), trend)
        }
        None => (String::new(), String::new(), ""),
    };
    let rank =
        sh.c.rankings
            .get(&m.id)
            .filter(|r| {
                r.year == latest.period().year() && r.basis.as_deref() == latest.basis().as_deref()
            })
            .and_then(|r| {
                r.rank_of(region)
                    .map(|n| format!("{n} {} {}", t.of, r.entries.len()))
            })
            .unwrap_or_default();
    Some(FigureCtx {
        metric: m.id.clone(),
        label: m.label.clone(),
        description: m.description.clone(),
        value: sh.value(m, latest.value),
        period: format::period(latest.period(), sh.lang),
        change,
        change_from,
        trend,
        rank,
        note: latest.note().to_string(),
        derived: m.ratio.is_some(),
        planned,
        planned_cites,
        basis: latest
            .basis()
            .as_deref()
            .map(|b| m.basis_label(b).unwrap_or(b).to_string())
            .unwrap_or_default(),
        cites: cites.cite(latest.sources()),
        // A sparkline only when it draws a line: scattered dots in a card read as noise.
        points: {
            let periods: Vec<_> =
                sh.c.latest_basis_series(region, &m.id)
                    .iter()
                    .map(|o| o.period())
                    .collect();
            if periods
                .windows(2)
                .any(|w| crate::charts::adjacent(w[0], w[1]))
            {
                periods.len()
            } else {
                0
            }
        },
    })
}
