//! Criterion scores, composites and the ranking of one round.

use super::{
    AssessorScore, Combine, CriterionKind, CriterionScore, Missing, MissingKind, Outcome,
    ParticipantResult, Round, ScoreDetail,
};
use crate::compute::Computed;
use crate::model::Site;
use std::cmp::Reverse;

/// Composites and tie-break scores equal to this precision count as equal, as in
/// [`crate::compute::competition_ranks`].
const PRECISION: f64 = 1e9;

/// Evaluates a round loaded by [`super::load`] against the site's computed figures.
pub fn evaluate(round: &Round, site: &Site, computed: &Computed) -> Outcome {
    let raw_weights: Vec<f64> = round.criteria.iter().map(|c| c.weight).collect();
    let weights = normalise(&raw_weights);

    let mut results: Vec<ParticipantResult> = round
        .participants
        .iter()
        .map(|region| participant(round, site, computed, region))
        .collect();

    let complete: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].complete)
        .collect();
    let candidates: Vec<Candidate> = complete
        .iter()
        .map(|&i| Candidate {
            region: results[i].region.clone(),
            scores: results[i].scores.iter().map(|s| s.score).collect(),
        })
        .collect();
    let tie_break = tie_break_positions(round);
    let ranked = rank(&candidates, &weights, &tie_break);
    for r in &ranked {
        let p = &mut results[complete[r.index]];
        p.composite = Some(r.composite);
        p.rank = Some(r.rank);
    }
    let sensitivity = super::sensitivity::cases(round, &raw_weights, &candidates, &ranked);
    let stable = sensitivity.iter().all(|c| c.changes.is_empty());

    // ranked participants in ranking order, then the incomplete ones by region code
    let mut order: Vec<usize> = ranked.iter().map(|r| complete[r.index]).collect();
    let mut incomplete: Vec<usize> = (0..results.len())
        .filter(|&i| !results[i].complete)
        .collect();
    incomplete.sort_by(|&a, &b| results[a].region.cmp(&results[b].region));
    order.extend(incomplete);
    let mut slots: Vec<Option<ParticipantResult>> = results.into_iter().map(Some).collect();
    let participants = order.iter().filter_map(|&i| slots[i].take()).collect();

    Outcome {
        round_id: round.id.clone(),
        participants,
        weights: round
            .criteria
            .iter()
            .map(|c| c.id.clone())
            .zip(weights)
            .collect(),
        sensitivity,
        stable,
    }
}

/// One participant's criterion scores and what is missing; composite and rank come later.
fn participant(round: &Round, site: &Site, computed: &Computed, region: &str) -> ParticipantResult {
    let mut scores = Vec::new();
    let mut missing = Vec::new();
    for c in &round.criteria {
        match &c.kind {
            CriterionKind::Metric {
                metric,
                scale,
                basis,
            } => {
                let year = round.assessment_period;
                let higher_is_better = site.metric(metric).is_none_or(|m| m.higher_is_better);
                // Realised figures only (the series holds no plans), of the criterion's basis.
                let found = computed
                    .series(region, metric)
                    .iter()
                    .rev()
                    .map(|i| &computed.observations[i as usize])
                    .find(|o| {
                        o.period().year() == year && o.basis().as_deref() == basis.as_deref()
                    });
                match found {
                    Some(o) => scores.push(CriterionScore {
                        criterion: c.id.clone(),
                        score: scale_score(o.value, scale.0, scale.1, higher_is_better),
                        detail: ScoreDetail::Metric {
                            metric: metric.clone(),
                            value: o.value,
                            period: o.period(),
                            sources: o.sources().iter().map(|s| s.to_string()).collect(),
                        },
                    }),
                    None => {
                        let other = computed
                            .series(region, metric)
                            .iter()
                            .map(|i| &computed.observations[i as usize])
                            .find(|o| o.period().year() == year)
                            .and_then(|o| o.basis().as_deref().zip(basis.as_deref()));
                        missing.push(match other {
                            Some((has, wants)) => Missing {
                                criterion: c.id.clone(),
                                reason: format!(
                                    "the {year} figure of {metric} has basis {has}, the criterion compares basis {wants}"
                                ),
                                kind: MissingKind::OtherBasis {
                                    metric: metric.clone(),
                                    year,
                                    has: has.to_string(),
                                    wants: wants.to_string(),
                                },
                            },
                            None => Missing {
                                criterion: c.id.clone(),
                                reason: format!("no {metric} figure for {year}"),
                                kind: MissingKind::NoFigure {
                                    metric: metric.clone(),
                                    year,
                                },
                            },
                        })
                    }
                }
            }
            CriterionKind::Panel => {
                let rows: Vec<_> = round
                    .scores
                    .iter()
                    .filter(|s| s.region == region && s.criterion == c.id)
                    .collect();
                if rows.is_empty() {
                    missing.push(Missing {
                        criterion: c.id.clone(),
                        reason: "no panel score".to_string(),
                        kind: MissingKind::NoPanelScore,
                    });
                    continue;
                }
                let values: Vec<f64> = rows.iter().map(|s| s.score).collect();
                let mean = combine_scores(&values, Combine::Mean);
                let median = combine_scores(&values, Combine::Median);
                let min = values.iter().copied().fold(f64::INFINITY, f64::min);
                let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                scores.push(CriterionScore {
                    criterion: c.id.clone(),
                    score: match round.combine {
                        Combine::Mean => mean,
                        Combine::Median => median,
                    },
                    detail: ScoreDetail::Panel {
                        assessors: rows
                            .iter()
                            .map(|s| AssessorScore {
                                assessor: s.assessor.clone(),
                                score: s.score,
                                note: s.note.clone(),
                            })
                            .collect(),
                        mean,
                        median,
                        min,
                        max,
                        n: values.len(),
                    },
                });
            }
        }
    }
    let complete = missing.is_empty() && !round.criteria.is_empty();
    ParticipantResult {
        region: region.to_string(),
        scores,
        composite: None,
        rank: None,
        complete,
        missing,
        published_rank: round.published.as_ref().and_then(|p| p.rank_of(region)),
    }
}

/// `value` mapped linearly from `[lo, hi]` to 0-100 and clamped; when lower figures are better,
/// inverted so that `lo` scores 100 and `hi` scores 0.
pub fn scale_score(value: f64, lo: f64, hi: f64, higher_is_better: bool) -> f64 {
    let span = hi - lo;
    let up = if span == 0.0 {
        if value >= hi {
            100.0
        } else {
            0.0
        }
    } else {
        (100.0 * (value - lo) / span).clamp(0.0, 100.0)
    };
    if higher_is_better {
        up
    } else {
        100.0 - up
    }
}

/// Mean, or median (the mean of the middle two for an even count); 0 for no scores.
pub fn combine_scores(scores: &[f64], how: Combine) -> f64 {
    if scores.is_empty() {
        return 0.0;
    }
    match how {
        Combine::Mean => scores.iter().sum::<f64>() / scores.len() as f64,
        Combine::Median => {
            let mut s = scores.to_vec();
            s.sort_by(f64::total_cmp);
            let n = s.len();
            if n % 2 == 1 {
                s[n / 2]
            } else {
                (s[n / 2 - 1] + s[n / 2]) / 2.0
            }
        }
    }
}

/// Weights divided by their sum (all zero when the sum is not positive).
pub(super) fn normalise(raw: &[f64]) -> Vec<f64> {
    let sum: f64 = raw.iter().sum();
    if sum > 0.0 {
        raw.iter().map(|w| w / sum).collect()
    } else {
        vec![0.0; raw.len()]
    }
}

/// Positions in `round.criteria` of the tie-break criteria.
pub(super) fn tie_break_positions(round: &Round) -> Vec<usize> {
    round
        .tie_break
        .iter()
        .filter_map(|t| round.criteria.iter().position(|c| &c.id == t))
        .collect()
}

/// A complete participant: its scores in criteria order.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub region: String,
    pub scores: Vec<f64>,
}

/// One candidate's place in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ranked {
    /// Index into the candidates.
    pub index: usize,
    pub rank: usize,
    pub composite: f64,
}

fn quantise(x: f64) -> i64 {
    (x * PRECISION).round() as i64
}

/// Competition ranking ("1224") on the weighted composite, best first. Equal composites are
/// ordered by the tie-break criteria's scores (higher first, in order); only candidates equal
/// on all of them share a rank. Still-tied candidates are listed by region code.
pub(super) fn rank(candidates: &[Candidate], weights: &[f64], tie_break: &[usize]) -> Vec<Ranked> {
    let keyed: Vec<(Vec<i64>, usize, f64)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let composite: f64 = c.scores.iter().zip(weights).map(|(s, w)| s * w).sum();
            let mut key = vec![quantise(composite)];
            key.extend(tie_break.iter().map(|&t| quantise(c.scores[t])));
            (key, i, composite)
        })
        .collect();
    let mut order: Vec<usize> = (0..keyed.len()).collect();
    order.sort_by_key(|&i| (Reverse(keyed[i].0.clone()), &candidates[i].region));
    let mut out: Vec<Ranked> = Vec::with_capacity(order.len());
    for (pos, &i) in order.iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if keyed[prev.index].0 == keyed[i].0 => prev.rank,
            _ => pos + 1,
        };
        out.push(Ranked {
            index: i,
            rank,
            composite: keyed[i].2,
        });
    }
    out
}

#[cfg(test)]
mod tests;
