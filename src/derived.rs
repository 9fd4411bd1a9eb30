//! The compute stage as a whole: figures derived from the data (ratios, series, rankings), the
//! assessment rounds evaluated, the plausibility and prose checks, and the comparison with a
//! previous release. Reads no file: everything comes from the load stage's [`Inputs`].

use crate::assessment::{Outcome, Round};
use crate::compute::Computed;
use crate::diagnostics::Diagnostic;
use crate::load::Inputs;

/// What the render stage draws from, besides the inputs themselves.
pub(crate) struct Derived<'a> {
    /// Shared by `Arc` for the template functions, as the site is.
    pub figures: std::sync::Arc<Computed>,
    pub rounds: Vec<Assessed<'a>>,
    /// The comparison with the previous release (`build --previous`).
    pub changes: Option<crate::diff::Report>,
    /// Warnings of the checks (implausible figures, stale numbers in prose).
    pub warnings: Vec<Diagnostic>,
}

/// One assessment round with its evaluated outcome.
pub(crate) struct Assessed<'a> {
    pub round: &'a Round,
    pub outcome: Outcome,
}

/// The compute stage.
/// `reported` are the loaded figures and their input order, taken over from the site (one
/// copy of a million figures, not two).
pub(crate) fn derive(
    inputs: &Inputs,
    reported: (Vec<crate::model::Observation>, Vec<u32>),
) -> Derived<'_> {
    let site = &inputs.site;
    let figures = crate::compute::compute_from(site, reported.0, reported.1);
    let mut steps = crate::timings::Steps::new();
    // Independent reads of the figures: the prose check (already parallel across pages) does
    // not wait for the plausibility check's one pass over every figure.
    let (mut checks, prose) = rayon::join(
        || crate::checks::plausibility(site, &figures),
        || crate::checks::prose(site, &figures),
    );
    checks.extend(prose);
    steps.lap("checks: plausibility, prose");
    let warnings = checks.take_warnings();
    let changes = inputs
        .previous
        .as_ref()
        .map(|old| crate::diff::compare(old, &crate::diff::Snapshot::from_site(site, &figures)));
    let rounds = inputs
        .rounds
        .iter()
        .map(|round| Assessed {
            round,
            outcome: crate::assessment::evaluate(round, site, &figures),
        })
        .collect();
    steps.lap("rounds, changes");
    Derived {
        figures: std::sync::Arc::new(figures),
        rounds,
        changes,
        warnings,
    }
}
