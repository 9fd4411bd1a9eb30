//! Assessment pages: the round page (`penilaian/<round>/`), its methodology page, one
//! printable panel sheet per participant, the results as JSON and CSV, and the scorecards
//! shown on region pages. Every number is formatted here; templates only place strings.

mod form;
mod method;
mod results;
mod round;
mod sheet;

use super::super::citations::Citations;
use super::super::context::Cite;
use super::super::i18n::{fill, AssessmentStrings};
use super::super::shared::Shared;
use super::super::OutFile;
use crate::assessment::{
    CriterionKind, Level, Missing, MissingKind, Outcome, ParticipantResult, Round, ScoreDetail,
};
use crate::derived::Assessed;
use crate::diagnostics::Diagnostic;
use crate::format::{self};
use crate::model::SourceKind;
use crate::period::Date;
use serde::Serialize;

/// Formatting shared by the assessment pages, over the render context.
pub(super) struct Scoring<'s, 'a> {
    pub sh: &'s Shared<'a>,
}

/// Every file of one round.
pub(in crate::render) fn files(sh: &Shared, a: &Assessed<'_>) -> Result<Vec<OutFile>, Diagnostic> {
    let s = Scoring { sh };
    let mut files = vec![s.round_page(a)?, s.method_page(a)?];
    for p in &a.outcome.participants {
        files.push(s.panel_sheet(a, p)?);
        files.push(s.blank_form(a, p)?);
    }
    files.push(s.results_json(a));
    files.push(s.results_csv(a)?);
    files.push(s.results_xlsx(a)?);
    Ok(files)
}

/// The scorecards of the region `code` in every round, for its page.
pub(in crate::render) fn scorecards(sh: &Shared, code: &str) -> Vec<ScorecardCtx> {
    Scoring { sh }.scorecards(code)
}

#[derive(Serialize)]
pub(super) struct RoundCtx {
    id: String,
    title: String,
    level: String,
    period: i32,
    award_date: String,
    description: String,
    url: String,
    method_url: String,
    json_url: String,
    csv_url: String,
    xlsx_url: String,
    weights_illustrative: bool,
}

#[derive(Serialize)]
pub(super) struct CriterionCtx {
    id: String,
    label: String,
    weight: String,
    raw_weight: String,
    is_panel: bool,
    kind: String,
    scale: String,
    formula: String,
    description: String,
    metric_label: String,
}

#[derive(Serialize)]
struct ScoreCell {
    score: String,
    /// Panel: "72–77, n=3"; metric: the raw figure.
    detail: String,
    cites: Vec<Cite>,
}

#[derive(Serialize)]
pub(super) struct RowCtx {
    rank: String,
    code: String,
    name: String,
    url: String,
    sheet_url: String,
    composite: String,
    scores: Vec<ScoreCell>,
    published: String,
    /// The computed rank differs from the published one: flagged on the round page.
    published_differs: bool,
    complete: bool,
    missing: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct SensitivityCtx {
    stable: bool,
    summary: String,
    lines: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct KeyFigure {
    label: String,
    criterion: String,
    value: String,
    period: String,
    cites: Vec<Cite>,
}

#[derive(Serialize)]
pub(super) struct SheetCriterion {
    label: String,
    /// Visible, not a tooltip: paper, touch and keyboard readers never see a `title=`.
    description: String,
    weight: String,
    is_panel: bool,
    score: String,
    assessors: Vec<String>,
    spread: String,
    notes: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct SheetCtx {
    code: String,
    name: String,
    url: String,
    rank: String,
    composite: String,
    complete: bool,
    missing: Vec<String>,
}

/// A participant's result on its region page.
#[derive(Serialize, Clone)]
pub struct ScorecardCtx {
    pub title: String,
    pub url: String,
    pub sheet_url: String,
    pub period: i32,
    pub composite: String,
    pub rank: String,
    pub complete: bool,
    pub missing: Vec<String>,
    pub scores: Vec<ScorecardScore>,
    /// The round's weights or scores come from an illustrative source: the card says so.
    pub illustrative: bool,
}

#[derive(Serialize, Clone)]
pub struct ScorecardScore {
    pub label: String,
    pub weight: String,
    pub score: String,
}

fn iso(d: Date) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{:04}-{m:02}-{day:02}", d.year),
        (Some(m), None) => format!("{:04}-{m:02}", d.year),
        _ => format!("{:04}", d.year),
    }
}

impl Scoring<'_, '_> {
    fn at(&self) -> &AssessmentStrings {
        &self.sh.words.assessment
    }

    fn round_url(&self, round: &Round) -> String {
        format!("{}penilaian/{}/", self.sh.emb.site_ctx.base_path, round.id)
    }

    fn sheet_url(&self, round: &Round, code: &str) -> String {
        let slug = self
            .sh
            .site
            .region(code)
            .map(|r| r.slug.clone())
            .unwrap_or_else(|| code.to_string());
        format!("{}{slug}/", self.round_url(round))
    }

    fn region_name(&self, code: &str) -> String {
        self.sh
            .site
            .region(code)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    fn score(&self, v: f64) -> String {
        format::fixed(v, 1, self.sh.lang)
    }

    fn percent(&self, w: f64) -> String {
        format!("{}%", format::fixed(w * 100.0, 1, self.sh.lang))
    }

    fn weight_of(&self, outcome: &Outcome, id: &str) -> f64 {
        outcome
            .weights
            .iter()
            .find(|(c, _)| c == id)
            .map(|(_, w)| *w)
            .unwrap_or(0.0)
    }

    fn criterion_label(&self, round: &Round, id: &str) -> String {
        round
            .criterion(id)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn missing_text(&self, round: &Round, m: &Missing) -> String {
        let label = self.criterion_label(round, &m.criterion);
        let t = &self.sh.words.text;
        match &m.kind {
            MissingKind::NoPanelScore => fill(&t.missing_panel, &[("label", &label)]),
            MissingKind::NoFigure { metric, year } => {
                let ml = self
                    .sh
                    .site
                    .metric(metric)
                    .map(|x| x.label.clone())
                    .unwrap_or_else(|| metric.clone());
                let year = year.to_string();
                fill(
                    &t.missing_figure,
                    &[("label", &label), ("metric", &ml), ("year", &year)],
                )
            }
            MissingKind::OtherBasis {
                metric,
                year,
                has,
                wants,
            } => {
                let m = self.sh.site.metric(metric);
                let basis = |b: &str| m.and_then(|m| m.basis_label(b)).unwrap_or(b).to_string();
                let year = year.to_string();
                fill(
                    &t.missing_other_basis,
                    &[
                        ("label", &label),
                        ("year", &year),
                        ("has", &basis(has)),
                        ("wants", &basis(wants)),
                    ],
                )
            }
        }
    }

    fn rank_text(&self, outcome: &Outcome, p: &ParticipantResult) -> String {
        let ranked = outcome
            .participants
            .iter()
            .filter(|x| x.rank.is_some())
            .count();
        match p.rank {
            Some(n) => format!("{n} {} {ranked}", self.sh.emb.site_ctx.t.of),
            None => self.at().incomplete.to_string(),
        }
    }

    fn criteria_ctx(&self, a: &Assessed<'_>) -> Vec<CriterionCtx> {
        let at = self.at();
        a.round
            .criteria
            .iter()
            .map(|c| {
                let (scale, formula, metric_label) = match &c.kind {
                    CriterionKind::Metric { metric, scale, .. } => {
                        let m = self.sh.site.metric(metric);
                        let fmt = |v: f64| match m {
                            Some(m) => format::value(v, m.unit, self.sh.lang),
                            None => format::number(v, 2, self.sh.lang),
                        };
                        let hib = m.is_none_or(|m| m.higher_is_better);
                        let (lo, hi) = (fmt(scale.0), fmt(scale.1));
                        let (lo_n, hi_n) = (
                            format::number(scale.0, 2, self.sh.lang),
                            format::number(scale.1, 2, self.sh.lang),
                        );
                        let (v, s) = (
                            &self.sh.words.text.formula_value,
                            &self.sh.words.text.formula_score,
                        );
                        let formula = if hib {
                            format!("{s} = ({v} − {lo_n}) / ({hi_n} − {lo_n}) × 100")
                        } else {
                            format!("{s} = ({hi_n} − {v}) / ({hi_n} − {lo_n}) × 100")
                        };
                        let scale = if hib {
                            format!("{lo} → 0, {hi} → 100")
                        } else {
                            format!("{hi} → 0, {lo} → 100")
                        };
                        (
                            scale,
                            formula,
                            m.map(|m| m.label.clone()).unwrap_or_else(|| metric.clone()),
                        )
                    }
                    CriterionKind::Panel => ("0–100".to_string(), String::new(), String::new()),
                };
                CriterionCtx {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    weight: self.percent(self.weight_of(&a.outcome, &c.id)),
                    raw_weight: format::number(c.weight, 2, self.sh.lang),
                    is_panel: c.is_panel(),
                    kind: if c.is_panel() {
                        at.panel.clone()
                    } else {
                        at.metric.clone()
                    },
                    scale,
                    formula,
                    description: c.description.clone(),
                    metric_label,
                }
            })
            .collect()
    }

    fn round_ctx(&self, a: &Assessed<'_>) -> RoundCtx {
        let r = &a.round;
        let at = self.at();
        let url = self.round_url(r);
        let illustrative = |id: &Option<String>| {
            id.as_ref()
                .and_then(|id| self.sh.site.sources.get(id))
                .is_some_and(|s| s.kind == SourceKind::Illustrative)
        };
        RoundCtx {
            id: r.id.clone(),
            title: r.title.clone(),
            level: match r.level {
                Level::Provinsi => at.provinsi.clone(),
                Level::Nasional => at.nasional.clone(),
            },
            period: r.assessment_period,
            award_date: format::date(r.award_date, self.sh.lang),
            description: r.description.clone().unwrap_or_default(),
            method_url: format!("{url}metodologi/"),
            json_url: format!(
                "{}data/assessment-{}.json",
                self.sh.emb.site_ctx.base_path, r.id
            ),
            csv_url: format!(
                "{}data/assessment-{}.csv",
                self.sh.emb.site_ctx.base_path, r.id
            ),
            xlsx_url: format!(
                "{}data/assessment-{}.xlsx",
                self.sh.emb.site_ctx.base_path, r.id
            ),
            url,
            weights_illustrative: illustrative(&r.weights_source),
        }
    }

    fn row_ctx(&self, a: &Assessed<'_>, p: &ParticipantResult, cites: &mut Citations) -> RowCtx {
        let r = &a.round;
        let scores = r
            .criteria
            .iter()
            .map(|c| match p.score(&c.id) {
                Some(s) => match &s.detail {
                    ScoreDetail::Panel { min, max, n, .. } => ScoreCell {
                        score: self.score(s.score),
                        detail: format!(
                            "{}–{}, n={n}",
                            format::number(*min, 1, self.sh.lang),
                            format::number(*max, 1, self.sh.lang)
                        ),
                        cites: Vec::new(),
                    },
                    ScoreDetail::Metric {
                        metric,
                        value,
                        period,
                        sources,
                    } => ScoreCell {
                        score: self.score(s.score),
                        detail: format!(
                            "{} ({})",
                            self.sh
                                .site
                                .metric(metric)
                                .map(|m| self.sh.value(m, *value))
                                .unwrap_or_else(|| format::number(*value, 2, self.sh.lang)),
                            format::period(*period, self.sh.lang)
                        ),
                        cites: cites.cite(sources),
                    },
                },
                None => ScoreCell {
                    score: "–".into(),
                    detail: String::new(),
                    cites: Vec::new(),
                },
            })
            .collect();
        let published = match (&r.published, p.published_rank) {
            (Some(pb), Some(n)) => {
                let c = cites.cite(std::slice::from_ref(&pb.source));
                format!("{n} [{}]", c[0].n)
            }
            _ => String::new(),
        };
        let region = self.sh.site.region(&p.region);
        RowCtx {
            rank: p.rank.map(|n| n.to_string()).unwrap_or_default(),
            code: p.region.clone(),
            name: self.region_name(&p.region),
            url: region.map(|x| self.sh.region_url(x)).unwrap_or_default(),
            sheet_url: self.sheet_url(r, &p.region),
            composite: p.composite.map(|v| self.score(v)).unwrap_or_default(),
            scores,
            published,
            published_differs: r.published.is_some()
                && p.published_rank.is_some()
                && p.rank != p.published_rank,
            complete: p.complete,
            missing: p.missing.iter().map(|m| self.missing_text(r, m)).collect(),
        }
    }

    fn scorecards(&self, code: &str) -> Vec<ScorecardCtx> {
        self.sh
            .rounds
            .iter()
            .filter_map(|a| {
                let p = a.outcome.participant(code)?;
                let r = &a.round;
                let illustrative = [&r.weights_source, &r.scores_source]
                    .into_iter()
                    .flatten()
                    .filter_map(|id| self.sh.site.sources.get(id))
                    .any(|s| s.kind == crate::model::SourceKind::Illustrative);
                Some(ScorecardCtx {
                    illustrative,
                    title: r.title.clone(),
                    url: self.round_url(r),
                    sheet_url: self.sheet_url(r, code),
                    period: r.assessment_period,
                    composite: p.composite.map(|v| self.score(v)).unwrap_or_default(),
                    rank: self.rank_text(&a.outcome, p),
                    complete: p.complete,
                    missing: p.missing.iter().map(|m| self.missing_text(r, m)).collect(),
                    scores: r
                        .criteria
                        .iter()
                        .map(|c| ScorecardScore {
                            label: c.label.clone(),
                            weight: self.percent(self.weight_of(&a.outcome, &c.id)),
                            score: p
                                .score(&c.id)
                                .map(|s| self.score(s.score))
                                .unwrap_or_else(|| "–".into()),
                        })
                        .collect(),
                })
            })
            .collect()
    }
}

/// The citation number of a source already cited on the page.
fn cites_peek(cites: &Citations, id: &str) -> Vec<Cite> {
    cites
        .order
        .iter()
        .position(|x| x == id)
        .map(|i| {
            vec![Cite {
                n: i + 1,
                id: id.to_string(),
            }]
        })
        .unwrap_or_default()
}
