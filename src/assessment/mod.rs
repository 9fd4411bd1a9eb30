//! Assessment rounds in the style of the Paritrana Award: a panel of assessors and sourced
//! figures score each participating region on weighted criteria, and the site shows how the
//! composite and the ranking follow from them.
//!
//! Input, per round, in `data/assessments/`:
//!
//! - `<round>.toml` (the round id is the file stem): title, level, assessment year, award date,
//!   participants, how assessors' scores combine, optional tie-break order and published result,
//!   and `[[criteria]]`, each either a *metric* criterion (`metric` + `scale = [lo, hi]`) or a
//!   *panel* criterion (`panel = true`);
//! - `<round>-scores.csv`: `region,criterion,assessor,score,note`, one row per assessor's score
//!   (0-100) for a panel criterion.
//!
//! [`load`] reads and checks every round, reporting every problem with its position;
//! [`evaluate`] turns one round into an [`Outcome`]: per-criterion scores, the composite
//! (weights normalised to sum 1, composite on 0-100), a competition ranking ("1224") with the
//! optional tie-break, the participants that cannot be ranked because a score is missing, and
//! a sensitivity check (every weight moved by +/-10%).
//!
//! Everything is ordered with `Vec`s and `BTreeMap`s, so two runs give identical output.

mod evaluate;
mod load;
mod sensitivity;

#[cfg(test)]
mod testutil;

pub use evaluate::evaluate;
pub use load::load;

use crate::diagnostics::Location;
use crate::period::{Date, Period};
use serde::{Deserialize, Serialize};

/// Level of the award round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Provinsi,
    Nasional,
}

/// How several assessors' scores for one criterion become one score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Combine {
    #[default]
    Mean,
    Median,
}

/// Where a criterion's score comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum CriterionKind {
    /// A metric's figure for the assessment year, mapped linearly from `scale` (lo, hi) to
    /// 0-100 and clamped; inverted when the metric has `higher_is_better = false`.
    /// For a metric with bases, `basis` names the one compared: a participant whose figure
    /// has another basis is incomplete for the criterion, never scored on another denominator.
    Metric {
        metric: String,
        scale: (f64, f64),
        basis: Option<String>,
    },
    /// Assessors' scores from the scores file, combined by [`Round::combine`].
    Panel,
}

/// One `[[criteria]]` entry.
#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    /// Raw weight as written (positive); [`Outcome::weights`] holds the normalised ones.
    pub weight: f64,
    pub description: String,
    pub kind: CriterionKind,
    pub location: Location,
}

impl Criterion {
    pub fn is_panel(&self) -> bool {
        self.kind == CriterionKind::Panel
    }
}

/// One row of `<round>-scores.csv`.
#[derive(Debug, Clone)]
pub struct ScoreRow {
    pub region: String,
    pub criterion: String,
    pub assessor: String,
    pub score: f64,
    pub note: String,
}

/// One entry of `[published_result].ranks`.
#[derive(Debug, Clone)]
pub struct PublishedRank {
    pub region: String,
    pub rank: usize,
}

/// The officially published result, for comparison with the computed one.
#[derive(Debug, Clone)]
pub struct Published {
    pub source: String,
    pub ranks: Vec<PublishedRank>,
}

impl Published {
    pub fn rank_of(&self, region: &str) -> Option<usize> {
        self.ranks
            .iter()
            .find(|r| r.region == region)
            .map(|r| r.rank)
    }
}

/// One assessment round, loaded and checked.
#[derive(Debug, Clone)]
pub struct Round {
    /// File stem of `data/assessments/<id>.toml`.
    pub id: String,
    pub title: String,
    pub level: Level,
    /// Year whose figures the metric criteria use.
    pub assessment_period: i32,
    pub award_date: Date,
    /// Region codes, in the order written.
    pub participants: Vec<String>,
    pub description: Option<String>,
    pub combine: Combine,
    /// The allowed assessor names; empty when the round does not list them.
    pub assessors: Vec<String>,
    pub weights_source: Option<String>,
    pub scores_source: Option<String>,
    /// Criterion ids that order participants with equal composites, first decisive.
    pub tie_break: Vec<String>,
    pub published: Option<Published>,
    pub criteria: Vec<Criterion>,
    pub scores: Vec<ScoreRow>,
}

impl Round {
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
}

/// An assessor's score inside a [`ScoreDetail::Panel`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessorScore {
    pub assessor: String,
    pub score: f64,
    pub note: String,
}

/// How a criterion score was obtained, for display beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ScoreDetail {
    /// The figure the score was mapped from.
    Metric {
        metric: String,
        value: f64,
        period: Period,
        sources: Vec<String>,
    },
    /// The assessors' scores (in file order) and their spread.
    Panel {
        assessors: Vec<AssessorScore>,
        mean: f64,
        median: f64,
        min: f64,
        max: f64,
        n: usize,
    },
}

/// A participant's score on one criterion, 0-100.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionScore {
    pub criterion: String,
    pub score: f64,
    pub detail: ScoreDetail,
}

/// Why a criterion score is missing, for templates that word it in the site's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MissingKind {
    /// No assessor scored the participant on this panel criterion.
    NoPanelScore,
    /// The metric has no figure for the participant in the assessment year.
    NoFigure { metric: String, year: i32 },
    /// The year's figure has another basis (denominator) than the criterion compares.
    OtherBasis {
        metric: String,
        year: i32,
        has: String,
        wants: String,
    },
}

/// A criterion score a participant lacks, with the reason shown to readers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub criterion: String,
    /// "no panel score" or "no <metric> figure for <year>".
    pub reason: String,
    pub kind: MissingKind,
}

/// One participant's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParticipantResult {
    pub region: String,
    /// Scores for the criteria the participant has, in criteria order.
    pub scores: Vec<CriterionScore>,
    /// Weighted sum on 0-100; only for complete participants.
    pub composite: Option<f64>,
    /// Competition rank among complete participants.
    pub rank: Option<usize>,
    pub complete: bool,
    pub missing: Vec<Missing>,
    /// Rank in `[published_result]`, when the round gives one for this region.
    pub published_rank: Option<usize>,
}

impl ParticipantResult {
    pub fn score(&self, criterion: &str) -> Option<&CriterionScore> {
        self.scores.iter().find(|s| s.criterion == criterion)
    }
}

/// Which way a weight was moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Raw weight x 1.1.
    Up,
    /// Raw weight x 0.9.
    Down,
}

impl Direction {
    pub fn factor(self) -> f64 {
        match self {
            Direction::Up => 1.1,
            Direction::Down => 0.9,
        }
    }
}

/// A participant whose rank differs under a perturbed weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankChange {
    pub region: String,
    pub from: usize,
    pub to: usize,
}

/// One criterion's weight moved one way, and the rank changes that follow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityCase {
    pub criterion: String,
    pub direction: Direction,
    /// The criterion's normalised weight after the change.
    pub weight: f64,
    /// Participants whose rank changes, in the order of their original rank.
    pub changes: Vec<RankChange>,
}

/// A round evaluated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub round_id: String,
    /// Ranked participants by rank (then the tie-break order), then incomplete ones by code.
    pub participants: Vec<ParticipantResult>,
    /// (criterion id, normalised weight), in criteria order; the weights sum to 1.
    pub weights: Vec<(String, f64)>,
    /// Two cases per criterion (up, then down), in criteria order.
    pub sensitivity: Vec<SensitivityCase>,
    /// No rank changes in any sensitivity case.
    pub stable: bool,
}

impl Outcome {
    pub fn participant(&self, region: &str) -> Option<&ParticipantResult> {
        self.participants.iter().find(|p| p.region == region)
    }
}
