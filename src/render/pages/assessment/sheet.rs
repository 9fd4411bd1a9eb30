//! One printable panel sheet per participant.

use super::super::super::citations::Citations;
use super::super::super::i18n::AssessmentStrings;
use super::super::super::shared::Base;
use super::super::super::OutFile;
use super::*;
use crate::assessment::{MissingKind, ParticipantResult, ScoreDetail};
use crate::derived::Assessed;
use crate::diagnostics::Diagnostic;
use crate::format::{self};
use serde::Serialize;

/// What panel_sheet.html receives.
#[derive(Serialize)]
struct SheetPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    at: &'a AssessmentStrings,
    round: RoundCtx,
    sheet: SheetCtx,
    key_figures: Vec<KeyFigure>,
    criteria: Vec<SheetCriterion>,
    signers: Vec<String>,
}

impl Scoring<'_, '_> {
    pub(super) fn panel_sheet(
        &self,
        a: &Assessed<'_>,
        p: &ParticipantResult,
    ) -> Result<OutFile, Diagnostic> {
        let r = &a.round;
        let mut cites = Citations::default();
        let mut ids = Vec::new();
        ids.extend(r.weights_source.iter().cloned());
        ids.extend(r.scores_source.iter().cloned());
        let _ = cites.cite(&ids);
        let mut key_figures = Vec::new();
        let mut criteria = Vec::new();
        for c in &r.criteria {
            let s = p.score(&c.id);
            let mut sc = SheetCriterion {
                label: c.label.clone(),
                description: c.description.clone(),
                weight: self.percent(self.weight_of(&a.outcome, &c.id)),
                is_panel: c.is_panel(),
                score: s.map(|s| self.score(s.score)).unwrap_or_else(|| "–".into()),
                assessors: Vec::new(),
                spread: String::new(),
                notes: Vec::new(),
            };
            match s.map(|s| &s.detail) {
                Some(ScoreDetail::Panel {
                    assessors,
                    min,
                    max,
                    n,
                    ..
                }) => {
                    sc.assessors = assessors
                        .iter()
                        .map(|x| {
                            format!(
                                "{} {}",
                                x.assessor,
                                format::number(x.score, 1, self.sh.lang)
                            )
                        })
                        .collect();
                    sc.spread = format!(
                        "{}–{}, n={n}",
                        format::number(*min, 1, self.sh.lang),
                        format::number(*max, 1, self.sh.lang)
                    );
                    // Identical notes once, with the assessors who wrote them.
                    let mut notes: Vec<(String, Vec<String>)> = Vec::new();
                    for x in assessors.iter().filter(|x| !x.note.trim().is_empty()) {
                        match notes.iter_mut().find(|(n, _)| *n == x.note) {
                            Some((_, who)) => who.push(x.assessor.clone()),
                            None => notes.push((x.note.clone(), vec![x.assessor.clone()])),
                        }
                    }
                    sc.notes = notes
                        .into_iter()
                        .map(|(n, who)| format!("{n} ({})", who.join(", ")))
                        .collect();
                }
                Some(ScoreDetail::Metric {
                    metric,
                    value,
                    period,
                    sources,
                }) => {
                    let m = self.sh.site.metric(metric);
                    let v = m
                        .map(|m| self.sh.value(m, *value))
                        .unwrap_or_else(|| format::number(*value, 2, self.sh.lang));
                    sc.notes = vec![format!("{v} ({})", format::period(*period, self.sh.lang))];
                    key_figures.push(KeyFigure {
                        label: m.map(|m| m.label.clone()).unwrap_or_else(|| metric.clone()),
                        criterion: c.label.clone(),
                        value: v,
                        period: format::period(*period, self.sh.lang),
                        cites: cites.cite(sources),
                    });
                }
                None => {
                    if let Some(m) = p.missing.iter().find(|m| m.criterion == c.id) {
                        // The row names the criterion already: its reason without the name.
                        let text = self.missing_text(r, m);
                        let own = format!("{}: ", c.label);
                        sc.notes = vec![text.strip_prefix(&own).unwrap_or(&text).to_string()];
                        if let MissingKind::NoFigure { metric, year } = &m.kind {
                            key_figures.push(KeyFigure {
                                label: self
                                    .sh
                                    .site
                                    .metric(metric)
                                    .map(|m| m.label.clone())
                                    .unwrap_or_else(|| metric.clone()),
                                criterion: c.label.clone(),
                                value: self.sh.emb.site_ctx.t.no_data.to_string(),
                                period: year.to_string(),
                                cites: Vec::new(),
                            });
                        }
                    }
                }
            }
            criteria.push(sc);
        }
        let round = self.round_ctx(a);
        let region = self.sh.site.region(&p.region);
        let sheet = SheetCtx {
            code: p.region.clone(),
            name: self.region_name(&p.region),
            url: region.map(|x| self.sh.region_url(x)).unwrap_or_default(),
            rank: self.rank_text(&a.outcome, p),
            composite: p.composite.map(|v| self.score(v)).unwrap_or_default(),
            complete: p.complete,
            // The criteria only: each one's reason is in its own row (printed once, not twice).
            missing: p
                .missing
                .iter()
                .map(|m| self.criterion_label(r, &m.criterion))
                .collect(),
        };
        let mut signers: Vec<String> = r.assessors.clone();
        if signers.is_empty() {
            signers = vec![String::new(); 3];
        }
        let url = self.sheet_url(r, &p.region);
        let page = SheetPage {
            base: self.sh.base_cited(
                &format!("{}: {}", self.at().panel_sheet, sheet.name),
                &url,
                &cites,
            ),
            at: self.at(),
            round,
            sheet,
            key_figures,
            criteria,
            signers,
        };
        let html = self.sh.render("panel_sheet.html", &page)?;
        let slug = region.map(|x| x.slug.clone()).unwrap_or(p.region.clone());
        Ok(OutFile {
            path: format!("penilaian/{}/{slug}/index.html", r.id),
            bytes: html.into_bytes(),
        })
    }
}
