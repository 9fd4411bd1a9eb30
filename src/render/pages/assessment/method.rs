//! The round's methodology page: criteria, weights, how scores combine, tie breaks.

use super::super::super::citations::Citations;
use super::super::super::i18n::AssessmentStrings;
use super::super::super::shared::Base;
use super::super::super::OutFile;
use super::*;
use crate::assessment::Combine;
use crate::derived::Assessed;
use crate::diagnostics::Diagnostic;
use serde::Serialize;

/// What assessment_method.html receives.
#[derive(Serialize)]
struct MethodPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    at: &'a AssessmentStrings,
    round: RoundCtx,
    criteria: Vec<CriterionCtx>,
    combine: String,
    tie_break: Vec<String>,
}

impl Scoring<'_, '_> {
    pub(super) fn method_page(&self, a: &Assessed<'_>) -> Result<OutFile, Diagnostic> {
        let r = &a.round;
        let round = self.round_ctx(a);
        let t = &self.sh.words.text;
        let combine = match r.combine {
            Combine::Mean => t.combine_mean.clone(),
            Combine::Median => t.combine_median.clone(),
        };
        let tie_break: Vec<String> = r
            .tie_break
            .iter()
            .map(|id| self.criterion_label(r, id))
            .collect();
        let mut cites = Citations::default();
        let mut ids = Vec::new();
        ids.extend(r.weights_source.iter().cloned());
        ids.extend(r.scores_source.iter().cloned());
        let _ = cites.cite(&ids);
        let url = round.method_url.clone();
        let page = MethodPage {
            base: self.sh.base_cited(
                &format!("{}: {}", self.at().methodology, r.title),
                &url,
                &cites,
            ),
            at: self.at(),
            round,
            criteria: self.criteria_ctx(a),
            combine,
            tie_break,
        };
        let html = self.sh.render("assessment_method.html", &page)?;
        Ok(OutFile {
            path: format!("penilaian/{}/metodologi/index.html", r.id),
            bytes: html.into_bytes(),
        })
    }
}
