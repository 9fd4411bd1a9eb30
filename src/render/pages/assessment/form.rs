//! A blank assessor form per participant (`penilaian/<round>/<slug>/formulir/`): every panel
//! criterion with its definition as visible text and an empty box per assessor, for the panel
//! to fill in on paper. Figures of metric criteria are shown, as they are not scored by hand.

use super::super::super::citations::Citations;
use super::super::super::i18n::{fill, AssessmentStrings};
use super::super::super::shared::Base;
use super::super::super::OutFile;
use super::*;
use crate::assessment::{ParticipantResult, ScoreDetail};
use crate::derived::Assessed;
use crate::diagnostics::Diagnostic;
use serde::Serialize;

/// One criterion row of the form.
#[derive(Serialize)]
struct FormRow {
    label: String,
    description: String,
    weight: String,
    is_panel: bool,
    /// For metric criteria: the figure the score is computed from.
    figure: String,
}

/// What assessment_form.html receives.
#[derive(Serialize)]
struct FormPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    at: &'a AssessmentStrings,
    round: RoundCtx,
    name: String,
    code: String,
    sheet_url: String,
    rows: Vec<FormRow>,
    /// Column heads, one per assessor (the round's names, else three numbered columns).
    assessors: Vec<String>,
}

impl Scoring<'_, '_> {
    pub(super) fn blank_form(
        &self,
        a: &Assessed<'_>,
        p: &ParticipantResult,
    ) -> Result<OutFile, Diagnostic> {
        let r = &a.round;
        let at = self.at();
        let rows = r
            .criteria
            .iter()
            .map(|c| {
                let figure = match p.score(&c.id).map(|s| &s.detail) {
                    Some(ScoreDetail::Metric {
                        metric,
                        value,
                        period,
                        ..
                    }) => {
                        let v = self
                            .sh
                            .site
                            .metric(metric)
                            .map(|m| self.sh.value(m, *value))
                            .unwrap_or_else(|| crate::format::number(*value, 2, self.sh.lang));
                        format!("{v} ({})", crate::format::period(*period, self.sh.lang))
                    }
                    _ => String::new(),
                };
                FormRow {
                    label: c.label.clone(),
                    description: c.description.clone(),
                    weight: self.percent(self.weight_of(&a.outcome, &c.id)),
                    is_panel: c.is_panel(),
                    figure,
                }
            })
            .collect();
        let assessors = if r.assessors.is_empty() {
            (1..=3)
                .map(|n| fill(&at.assessor_n, &[("n", &n.to_string())]))
                .collect()
        } else {
            r.assessors.clone()
        };
        let name = self.region_name(&p.region);
        let sheet_url = self.sheet_url(r, &p.region);
        let url = format!("{sheet_url}formulir/");
        let mut cites = Citations::default();
        let ids: Vec<String> = r.weights_source.iter().cloned().collect();
        let _ = cites.cite(&ids);
        let page = FormPage {
            base: self
                .sh
                .base_cited(&format!("{}: {name}", at.form), &url, &cites),
            at,
            round: self.round_ctx(a),
            name,
            code: p.region.clone(),
            sheet_url,
            rows,
            assessors,
        };
        let html = self.sh.render("assessment_form.html", &page)?;
        let slug = self
            .sh
            .site
            .region(&p.region)
            .map(|x| x.slug.clone())
            .unwrap_or(p.region.clone());
        Ok(OutFile {
            path: format!("penilaian/{}/{slug}/formulir/index.html", r.id),
            bytes: html.into_bytes(),
        })
    }
}
