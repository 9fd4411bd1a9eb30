//! How much the ranking depends on the chosen weights: each criterion's raw weight is moved
//! by +10% and by -10% in turn, the weights renormalised, and the complete participants
//! ranked again.

use super::evaluate::{normalise, rank, tie_break_positions, Candidate, Ranked};
use super::{Direction, RankChange, Round, SensitivityCase};

/// Two cases per criterion (up, then down), in criteria order. `base` is the ranking under the
/// round's own weights; changes are listed in its order.
pub(super) fn cases(
    round: &Round,
    raw_weights: &[f64],
    candidates: &[Candidate],
    base: &[Ranked],
) -> Vec<SensitivityCase> {
    let tie_break = tie_break_positions(round);
    let mut base_rank = vec![0; candidates.len()];
    for r in base {
        base_rank[r.index] = r.rank;
    }
    let mut out = Vec::with_capacity(round.criteria.len() * 2);
    for (ci, c) in round.criteria.iter().enumerate() {
        for direction in [Direction::Up, Direction::Down] {
            let mut raw = raw_weights.to_vec();
            raw[ci] *= direction.factor();
            let weights = normalise(&raw);
            let mut new_rank = vec![0; candidates.len()];
            for r in rank(candidates, &weights, &tie_break) {
                new_rank[r.index] = r.rank;
            }
            let changes = base
                .iter()
                .filter(|r| new_rank[r.index] != r.rank)
                .map(|r| RankChange {
                    region: candidates[r.index].region.clone(),
                    from: base_rank[r.index],
                    to: new_rank[r.index],
                })
                .collect();
            out.push(SensitivityCase {
                criterion: c.id.clone(),
                direction,
                weight: weights[ci],
                changes,
            });
        }
    }
    out
}
