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
                    .map(|&i| &computed.observations[i])
                    .find(|o| o.period.year() == year && o.basis.as_deref() == basis.as_deref());
                match found {
                    Some(o) => scores.push(CriterionScore {
                        criterion: c.id.clone(),
                        score: scale_score(o.value, scale.0, scale.1, higher_is_better),
                        detail: ScoreDetail::Metric {
                            metric: metric.clone(),
                            value: o.value,
                            period: o.period,
                            sources: o.sources.iter().map(|s| s.to_string()).collect(),
                        },
                    }),
                    None => {
                        let other = computed
                            .series(region, metric)
                            .iter()
                            .map(|&i| &computed.observations[i])
                            .find(|o| o.period.year() == year)
                            .and_then(|o| o.basis.as_deref().zip(basis.as_deref()));
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
mod tests {
    use super::super::testutil::{close, site};
    use super::super::{Combine, Direction, MissingKind, RankChange, ScoreDetail};
    use super::*;
    use crate::period::Period;

    /// A round of `participants` with `extra` top-level keys and `criteria` tables.
    fn round(participants: &str, extra: &str, criteria: &str) -> String {
        format!(
            "title = \"Uji\"\nlevel = \"provinsi\"\nassessment_period = 2024\naward_date = \"2025-08-05\"\nparticipants = [{participants}]\n{extra}\n{criteria}"
        )
    }

    fn panel(id: &str, weight: f64) -> String {
        format!(
            "[[criteria]]\nid = \"{id}\"\nlabel = \"{id}\"\nweight = {weight}\ndescription = \"\"\npanel = true\n"
        )
    }

    fn metric(id: &str, weight: f64, metric: &str, lo: f64, hi: f64) -> String {
        format!(
            "[[criteria]]\nid = \"{id}\"\nlabel = \"{id}\"\nweight = {weight}\ndescription = \"\"\nmetric = \"{metric}\"\nscale = [{lo}, {hi}]\n"
        )
    }

    /// Score rows `region,criterion,assessor,score` for several assessors at once.
    fn scores(rows: &[(&str, &str, &[f64])]) -> String {
        let mut s = String::from("region,criterion,assessor,score,note\n");
        for (region, criterion, values) in rows {
            for (i, v) in values.iter().enumerate() {
                s.push_str(&format!("{region},{criterion},P{},{v},\n", i + 1));
            }
        }
        s
    }

    fn ranks(o: &Outcome) -> Vec<(&str, Option<usize>)> {
        o.participants
            .iter()
            .map(|p| (p.region.as_str(), p.rank))
            .collect()
    }

    #[test]
    fn composite_of_three_criteria() {
        // 64.01: cakupan 2024-06 = 60 and 2024 = 70; the year figure sorts after the months,
        // so 70 is the latest of 2024 (2025's 99 is another year).
        //   cakupan (70 - 40) / (100 - 40) * 100 = 50; upaya mean(80, 90) = 85;
        //   regulasi mean(60, 70) = 65.
        //   weights 50/30/20 -> 0.5/0.3/0.2: 0.5*50 + 0.3*85 + 0.2*65 = 25 + 25.5 + 13 = 63.5
        // 64.02: cakupan 85 -> (85 - 40) / 60 * 100 = 75; upaya 70; regulasi mean(90, 100) = 95.
        //   0.5*75 + 0.3*70 + 0.2*95 = 37.5 + 21 + 19 = 77.5
        let f = site(
            "64.01,cakupan,2024-06,60,src-a,\n64.01,cakupan,2024,70,src-b,\n64.01,cakupan,2025,99,src-a,\n64.02,cakupan,2024,85,src-a,\n",
        );
        let criteria = [
            metric("cakupan", 50.0, "cakupan", 40.0, 100.0),
            panel("upaya", 30.0),
            panel("regulasi", 20.0),
        ]
        .concat();
        let o = f.outcome(
            &round("\"64.01\", \"64.02\"", "", &criteria),
            &scores(&[
                ("64.01", "upaya", &[80.0, 90.0]),
                ("64.01", "regulasi", &[60.0, 70.0]),
                ("64.02", "upaya", &[70.0, 70.0]),
                ("64.02", "regulasi", &[90.0, 100.0]),
            ]),
        );
        assert_eq!(o.round_id, "r");
        let w: Vec<f64> = o.weights.iter().map(|(_, w)| *w).collect();
        close(w[0], 0.5);
        close(w[1], 0.3);
        close(w[2], 0.2);
        assert_eq!(ranks(&o), vec![("64.02", Some(1)), ("64.01", Some(2))]);
        let a = o.participant("64.01").unwrap();
        close(a.composite.unwrap(), 63.5);
        close(o.participant("64.02").unwrap().composite.unwrap(), 77.5);
        let c = a.score("cakupan").unwrap();
        close(c.score, 50.0);
        assert_eq!(
            c.detail,
            ScoreDetail::Metric {
                metric: "cakupan".into(),
                value: 70.0,
                period: Period::Year(2024),
                sources: vec!["src-b".into()],
            }
        );
        close(a.score("upaya").unwrap().score, 85.0);
        close(a.score("regulasi").unwrap().score, 65.0);
        assert!(a.complete && a.missing.is_empty());
    }

    /// Participants 64.01-64.05 on two equally weighted panel criteria k1, k2:
    ///   64.01 (80, 60) -> 70; 64.02 (60, 80) -> 70; 64.03 (90, 90) -> 90;
    ///   64.04 (50, 50) -> 50; 64.05 (80, 60) -> 70.
    fn tie_data() -> String {
        scores(&[
            ("64.01", "k1", &[80.0]),
            ("64.01", "k2", &[60.0]),
            ("64.02", "k1", &[60.0]),
            ("64.02", "k2", &[80.0]),
            ("64.03", "k1", &[90.0]),
            ("64.03", "k2", &[90.0]),
            ("64.04", "k1", &[50.0]),
            ("64.04", "k2", &[50.0]),
            ("64.05", "k1", &[80.0]),
            ("64.05", "k2", &[60.0]),
        ])
    }

    const FIVE: &str = "\"64.01\", \"64.02\", \"64.03\", \"64.04\", \"64.05\"";

    #[test]
    fn ties_share_a_rank() {
        // 90 | 70 70 70 | 50 -> ranks 1, 2, 2, 2, 5; the tied three listed by code.
        let f = site("");
        let criteria = [panel("k1", 1.0), panel("k2", 1.0)].concat();
        let o = f.outcome(&round(FIVE, "", &criteria), &tie_data());
        assert_eq!(
            ranks(&o),
            vec![
                ("64.03", Some(1)),
                ("64.01", Some(2)),
                ("64.02", Some(2)),
                ("64.05", Some(2)),
                ("64.04", Some(5)),
            ]
        );
        close(o.participant("64.02").unwrap().composite.unwrap(), 70.0);
    }

    #[test]
    fn tie_break_orders_tied_participants() {
        // tie_break = [k2]: among the 70s, 64.02 has k2 = 80 and goes first; 64.01 and 64.05
        // both have k2 = 60 and still share rank 3; 64.04 stays 5th.
        let f = site("");
        let criteria = [panel("k1", 1.0), panel("k2", 1.0)].concat();
        let o = f.outcome(&round(FIVE, "tie_break = [\"k2\"]", &criteria), &tie_data());
        assert_eq!(
            ranks(&o),
            vec![
                ("64.03", Some(1)),
                ("64.02", Some(2)),
                ("64.01", Some(3)),
                ("64.05", Some(3)),
                ("64.04", Some(5)),
            ]
        );
    }

    #[test]
    fn incomplete_participants_are_not_ranked() {
        // 64.01 has everything: cakupan 100 -> 100, upaya 80, regulasi 60;
        //   0.5*100 + 0.25*80 + 0.25*60 = 85, rank 1.
        // 64.03 has no upaya score; 64.02 has only a 2023 cakupan figure and no regulasi score.
        let f = site("64.01,cakupan,2024,100,src-a,\n64.02,cakupan,2023,90,src-a,\n64.03,cakupan,2024,50,src-a,\n");
        let criteria = [
            metric("cakupan", 2.0, "cakupan", 40.0, 100.0),
            panel("upaya", 1.0),
            panel("regulasi", 1.0),
        ]
        .concat();
        let o = f.outcome(
            &round("\"64.03\", \"64.02\", \"64.01\"", "", &criteria),
            &scores(&[
                ("64.01", "upaya", &[80.0]),
                ("64.01", "regulasi", &[60.0]),
                ("64.02", "upaya", &[70.0]),
                ("64.03", "regulasi", &[70.0]),
            ]),
        );
        // ranked first, then the incomplete ones by region code
        assert_eq!(
            ranks(&o),
            vec![("64.01", Some(1)), ("64.02", None), ("64.03", None)]
        );
        close(o.participants[0].composite.unwrap(), 85.0);
        let b = o.participant("64.02").unwrap();
        assert!(!b.complete);
        assert_eq!(b.composite, None);
        let missing: Vec<(&str, &str)> = b
            .missing
            .iter()
            .map(|m| (m.criterion.as_str(), m.reason.as_str()))
            .collect();
        assert_eq!(
            missing,
            vec![
                ("cakupan", "no cakupan figure for 2024"),
                ("regulasi", "no panel score")
            ]
        );
        assert_eq!(
            b.missing[0].kind,
            MissingKind::NoFigure {
                metric: "cakupan".into(),
                year: 2024
            }
        );
        // what it has is still shown
        close(b.score("upaya").unwrap().score, 70.0);
        let c = o.participant("64.03").unwrap();
        assert_eq!(c.missing.len(), 1);
        assert_eq!(c.missing[0].criterion, "upaya");
        assert_eq!(c.missing[0].kind, MissingKind::NoPanelScore);
        // 64.03's cakupan 50 -> (50 - 40) / 60 * 100 = 16.67
        close(c.score("cakupan").unwrap().score, 100.0 / 6.0);
    }

    #[test]
    fn mean_and_median_of_three_assessors() {
        // 60, 70, 95: mean (60 + 70 + 95) / 3 = 75, median 70, spread 60..95, n = 3.
        let f = site("");
        let rows = scores(&[("64.01", "upaya", &[60.0, 70.0, 95.0])]);
        let criteria = panel("upaya", 1.0);
        for (combine, expected) in [("mean", 75.0), ("median", 70.0)] {
            let o = f.outcome(
                &round("\"64.01\"", &format!("combine = \"{combine}\""), &criteria),
                &rows,
            );
            let s = o.participants[0].score("upaya").unwrap();
            close(s.score, expected);
            close(o.participants[0].composite.unwrap(), expected);
            let ScoreDetail::Panel {
                assessors,
                mean,
                median,
                min,
                max,
                n,
            } = &s.detail
            else {
                panic!("not a panel score: {:?}", s.detail)
            };
            close(*mean, 75.0);
            close(*median, 70.0);
            close(*min, 60.0);
            close(*max, 95.0);
            assert_eq!(*n, 3);
            let names: Vec<&str> = assessors.iter().map(|a| a.assessor.as_str()).collect();
            assert_eq!(names, vec!["P1", "P2", "P3"]);
        }
        // even count: the mean of the middle two, (70 + 80) / 2 = 75
        close(
            combine_scores(&[95.0, 60.0, 80.0, 70.0], Combine::Median),
            75.0,
        );
    }

    #[test]
    fn linear_scale_with_clamping_and_inversion() {
        // [40, 100]: 70 -> 30/60 = 50; 30 -> below lo -> 0; 120 -> above hi -> 100
        close(scale_score(70.0, 40.0, 100.0, true), 50.0);
        close(scale_score(30.0, 40.0, 100.0, true), 0.0);
        close(scale_score(120.0, 40.0, 100.0, true), 100.0);
        // lower is better on [2, 10]: 4 -> 100 - 2/8*100 = 75; lo 2 -> 100; 12 -> 0
        close(scale_score(4.0, 2.0, 10.0, false), 75.0);
        close(scale_score(2.0, 2.0, 10.0, false), 100.0);
        close(scale_score(12.0, 2.0, 10.0, false), 0.0);

        // Through a round: tpt has higher_is_better = false in metrics.toml, so 4 scores 75;
        // rasio is derived (100 * peserta / potensi = 100 * 600 / 1000 = 60), which on [40, 100]
        // scores 20/60*100 = 33.33; composite 0.5*75 + 0.5*33.33 = 54.17.
        let f = site("64.01,tpt,2024,4,src-a,\n64.01,peserta,2024,600,src-a,\n64.01,potensi,2024,1000,src-b,\n");
        let criteria = [
            metric("tpt", 1.0, "tpt", 2.0, 10.0),
            metric("rasio", 1.0, "rasio", 40.0, 100.0),
        ]
        .concat();
        let o = f.outcome(
            &round("\"64.01\"", "", &criteria),
            "region,criterion,assessor,score\n",
        );
        let p = &o.participants[0];
        close(p.score("tpt").unwrap().score, 75.0);
        let r = p.score("rasio").unwrap();
        close(r.score, 100.0 / 3.0);
        let ScoreDetail::Metric { value, sources, .. } = &r.detail else {
            panic!("not a metric score")
        };
        close(*value, 60.0);
        assert_eq!(sources, &vec!["src-a".to_string(), "src-b".to_string()]);
        close(p.composite.unwrap(), 0.5 * 75.0 + 0.5 * 100.0 / 3.0);
    }

    #[test]
    fn sensitivity_finds_a_flip() {
        // k1, k2 weighted 50/50:
        //   64.01 (80, 60) -> 70      64.02 (64, 75) -> 69.5      64.03 (50, 50) -> 50
        // k2 +10%: raw 50/55 -> 64.01 (50*80 + 55*60)/105 = 7300/105 = 69.524
        //                        64.02 (50*64 + 55*75)/105 = 7325/105 = 69.762 -> they swap.
        // k1 -10%: raw 45/50 -> 64.01 (45*80 + 50*60)/95 = 6600/95 = 69.474
        //                        64.02 (45*64 + 50*75)/95 = 6630/95 = 69.789 -> they swap.
        // k1 +10%: 55/50 -> 7400/105 = 70.476 vs 7270/105 = 69.238: no change.
        // k2 -10%: 50/45 -> 6700/95 = 70.526 vs 6575/95 = 69.211: no change.
        // 64.03 stays 3rd everywhere (50 whatever the weights).
        let f = site("");
        let criteria = [panel("k1", 50.0), panel("k2", 50.0)].concat();
        let o = f.outcome(
            &round("\"64.01\", \"64.02\", \"64.03\"", "", &criteria),
            &scores(&[
                ("64.01", "k1", &[80.0]),
                ("64.01", "k2", &[60.0]),
                ("64.02", "k1", &[64.0]),
                ("64.02", "k2", &[75.0]),
                ("64.03", "k1", &[50.0]),
                ("64.03", "k2", &[50.0]),
            ]),
        );
        assert_eq!(
            ranks(&o),
            vec![("64.01", Some(1)), ("64.02", Some(2)), ("64.03", Some(3))]
        );
        assert!(!o.stable);
        let cases: Vec<(&str, Direction, usize)> = o
            .sensitivity
            .iter()
            .map(|c| (c.criterion.as_str(), c.direction, c.changes.len()))
            .collect();
        assert_eq!(
            cases,
            vec![
                ("k1", Direction::Up, 0),
                ("k1", Direction::Down, 2),
                ("k2", Direction::Up, 2),
                ("k2", Direction::Down, 0),
            ]
        );
        let swap = vec![
            RankChange {
                region: "64.01".into(),
                from: 1,
                to: 2,
            },
            RankChange {
                region: "64.02".into(),
                from: 2,
                to: 1,
            },
        ];
        assert_eq!(o.sensitivity[2].changes, swap);
        assert_eq!(o.sensitivity[1].changes, swap);
        // k2's weight after +10%: 55/105
        close(o.sensitivity[2].weight, 55.0 / 105.0);
    }

    #[test]
    fn sensitivity_stable_when_the_order_is_clear() {
        // 64.01 (90, 90) = 90 and 64.02 (70, 70) = 70 whatever the weights; 64.03 (50, 60)
        // lies between 50 and 60. No +/-10% change can reorder them.
        let f = site("");
        let criteria = [panel("k1", 3.0), panel("k2", 1.0)].concat();
        let o = f.outcome(
            &round("\"64.01\", \"64.02\", \"64.03\"", "", &criteria),
            &scores(&[
                ("64.01", "k1", &[90.0]),
                ("64.01", "k2", &[90.0]),
                ("64.02", "k1", &[70.0]),
                ("64.02", "k2", &[70.0]),
                ("64.03", "k1", &[50.0]),
                ("64.03", "k2", &[60.0]),
            ]),
        );
        // 64.03: 0.75*50 + 0.25*60 = 52.5
        close(o.participant("64.03").unwrap().composite.unwrap(), 52.5);
        assert_eq!(o.sensitivity.len(), 4);
        assert!(o.sensitivity.iter().all(|c| c.changes.is_empty()));
        assert!(o.stable);
        // k1 -10%: 2.7 / 3.7
        close(o.sensitivity[1].weight, 2.7 / 3.7);
    }

    #[test]
    fn kaltim_2024_example() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::load::load(root).expect("example site loads");
        let computed = crate::compute::compute(&site);
        let mut diags = crate::diagnostics::Diagnostics::new();
        let rounds = crate::assessment::load(root, &site, &mut diags);
        assert!(diags.is_empty(), "{:#?}", diags.into_sorted());
        let round = rounds.iter().find(|r| r.id == "kaltim-2024").unwrap();
        let o = evaluate(round, &site, &computed);
        // Bontang (64.74): cakupan 100 -> 100; upaya mean(90, 88, 91) = 89.667;
        //   regulasi mean(94, 92, 91) = 92.333; inovasi mean(85, 88, 86) = 86.333;
        //   anggaran mean(91, 89, 90) = 90; wawancara mean(88, 89, 86) = 87.667
        //   0.3*100 + 0.2*89.667 + 0.15*92.333 + 0.15*86.333 + 0.1*90 + 0.1*87.667 = 92.5
        // Kutai Timur (64.08): its 2024 coverage names no denominator (basis tidak_disebut),
        //   the criterion compares basis peringkat_kacab: incomplete.
        // Samarinda (64.72): cakupan 54.72 -> 14.72/60*100 = 24.533; 73.667; 70.333; 72.333;
        //   74; 73.667 -> 7.36 + 14.733 + 10.55 + 10.85 + 7.4 + 7.367 = 58.26
        assert_eq!(
            ranks(&o),
            vec![
                ("64.74", Some(1)),
                ("64.72", Some(2)),
                ("64.01", None),
                ("64.02", None),
                ("64.03", None),
                ("64.08", None),
                ("64.09", None),
            ]
        );
        close(o.participant("64.74").unwrap().composite.unwrap(), 92.5);
        assert!(o.participant("64.08").unwrap().composite.is_none());
        close(o.participant("64.72").unwrap().composite.unwrap(), 58.26);
        assert_eq!(
            o.participant("64.08").unwrap().missing[0].reason,
            "the 2024 figure of cakupan_kepesertaan has basis tidak_disebut, the criterion compares basis peringkat_kacab"
        );
        for code in ["64.03", "64.01", "64.09", "64.02"] {
            let p = o.participant(code).unwrap();
            assert!(!p.complete);
            assert_eq!(p.missing.len(), 1);
            assert_eq!(
                p.missing[0].reason,
                "no cakupan_kepesertaan figure for 2024"
            );
        }
        assert_eq!(o.participant("64.74").unwrap().published_rank, Some(1));
        assert_eq!(o.participant("64.08").unwrap().published_rank, Some(2));
        assert_eq!(o.sensitivity.len(), 12);
        assert!(o.stable);
    }
}
