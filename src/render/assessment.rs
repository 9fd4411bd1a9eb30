//! Assessment pages: the round page (`penilaian/<round>/`), its methodology page, one
//! printable panel sheet per participant, the results as JSON and CSV, and the scorecards
//! shown on region pages. Every number is formatted here; templates only place strings.

use super::context::Cite;
use super::exports::{number, plain};
use super::i18n::{self, AssessmentStrings};
use super::{Citations, OutFile, Renderer};
use crate::assessment::{
    Combine, CriterionKind, Level, Missing, MissingKind, Outcome, ParticipantResult, Round,
    ScoreDetail,
};
use crate::charts::{StackRow, StackedChart};
use crate::diagnostics::Diagnostic;
use crate::format::{self, Lang};
use crate::model::SourceKind;
use crate::period::Date;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// A round with its evaluation, as handed to the renderer.
pub struct Assessed {
    pub round: Round,
    pub outcome: Outcome,
}

#[derive(Serialize)]
struct RoundCtx {
    id: String,
    title: String,
    level: &'static str,
    period: i32,
    award_date: String,
    description: String,
    url: String,
    method_url: String,
    json_url: String,
    csv_url: String,
    weights_illustrative: bool,
}

#[derive(Serialize)]
struct CriterionCtx {
    id: String,
    label: String,
    weight: String,
    raw_weight: String,
    is_panel: bool,
    kind: &'static str,
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
struct RowCtx {
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
struct SensitivityCtx {
    stable: bool,
    summary: String,
    lines: Vec<String>,
}

#[derive(Serialize)]
struct KeyFigure {
    label: String,
    criterion: String,
    value: String,
    period: String,
    cites: Vec<Cite>,
}

#[derive(Serialize)]
struct SheetCriterion {
    label: String,
    weight: String,
    is_panel: bool,
    score: String,
    assessors: Vec<String>,
    spread: String,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct SheetCtx {
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

impl Renderer<'_> {
    fn at(&self) -> &'static AssessmentStrings {
        i18n::assessment_strings(self.lang)
    }

    fn round_url(&self, round: &Round) -> String {
        format!("{}penilaian/{}/", self.emb.site_ctx.base_path, round.id)
    }

    fn sheet_url(&self, round: &Round, code: &str) -> String {
        let slug = self
            .site
            .region(code)
            .map(|r| r.slug.clone())
            .unwrap_or_else(|| code.to_string());
        format!("{}{slug}/", self.round_url(round))
    }

    fn region_name(&self, code: &str) -> String {
        self.site
            .region(code)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    fn score(&self, v: f64) -> String {
        format::fixed(v, 1, self.lang)
    }

    fn percent(&self, w: f64) -> String {
        format!("{}%", format::fixed(w * 100.0, 1, self.lang))
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
        match (&m.kind, self.lang) {
            (MissingKind::NoPanelScore, Lang::Id) => format!("{label}: belum ada skor panel"),
            (MissingKind::NoPanelScore, Lang::En) => format!("{label}: no panel score"),
            (MissingKind::NoFigure { metric, year }, lang) => {
                let ml = self
                    .site
                    .metric(metric)
                    .map(|x| x.label.clone())
                    .unwrap_or_else(|| metric.clone());
                match lang {
                    Lang::Id => format!("{label}: tidak ada angka {ml} tahun {year}"),
                    Lang::En => format!("{label}: no {ml} figure for {year}"),
                }
            }
            (
                MissingKind::OtherBasis {
                    metric,
                    year,
                    has,
                    wants,
                },
                lang,
            ) => {
                let m = self.site.metric(metric);
                let basis = |b: &str| m.and_then(|m| m.basis_label(b)).unwrap_or(b).to_string();
                match lang {
                    Lang::Id => format!(
                        "{label}: angka {year} berpenyebut {}, sedangkan kriteria ini membandingkan penyebut {}",
                        basis(has),
                        basis(wants)
                    ),
                    Lang::En => format!(
                        "{label}: the {year} figure's denominator is {}, the criterion compares {}",
                        basis(has),
                        basis(wants)
                    ),
                }
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
            Some(n) => format!("{n} {} {ranked}", self.emb.site_ctx.t.of),
            None => self.at().incomplete.to_string(),
        }
    }

    fn criteria_ctx(&self, a: &Assessed) -> Vec<CriterionCtx> {
        let at = self.at();
        a.round
            .criteria
            .iter()
            .map(|c| {
                let (scale, formula, metric_label) = match &c.kind {
                    CriterionKind::Metric { metric, scale, .. } => {
                        let m = self.site.metric(metric);
                        let fmt = |v: f64| match m {
                            Some(m) => format::value(v, m.unit, self.lang),
                            None => format::number(v, 2, self.lang),
                        };
                        let hib = m.is_none_or(|m| m.higher_is_better);
                        let (lo, hi) = (fmt(scale.0), fmt(scale.1));
                        let (lo_n, hi_n) = (
                            format::number(scale.0, 2, self.lang),
                            format::number(scale.1, 2, self.lang),
                        );
                        let (v, s) = match self.lang {
                            Lang::Id => ("nilai", "skor"),
                            Lang::En => ("value", "score"),
                        };
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
                    raw_weight: format::number(c.weight, 2, self.lang),
                    is_panel: c.is_panel(),
                    kind: if c.is_panel() { at.panel } else { at.metric },
                    scale,
                    formula,
                    description: c.description.clone(),
                    metric_label,
                }
            })
            .collect()
    }

    fn round_ctx(&self, a: &Assessed) -> RoundCtx {
        let r = &a.round;
        let at = self.at();
        let url = self.round_url(r);
        let illustrative = |id: &Option<String>| {
            id.as_ref()
                .and_then(|id| self.site.sources.get(id))
                .is_some_and(|s| s.kind == SourceKind::Illustrative)
        };
        RoundCtx {
            id: r.id.clone(),
            title: r.title.clone(),
            level: match r.level {
                Level::Provinsi => at.provinsi,
                Level::Nasional => at.nasional,
            },
            period: r.assessment_period,
            award_date: format::date(r.award_date, self.lang),
            description: r.description.clone().unwrap_or_default(),
            method_url: format!("{url}metodologi/"),
            json_url: format!(
                "{}data/assessment-{}.json",
                self.emb.site_ctx.base_path, r.id
            ),
            csv_url: format!(
                "{}data/assessment-{}.csv",
                self.emb.site_ctx.base_path, r.id
            ),
            url,
            weights_illustrative: illustrative(&r.weights_source),
        }
    }

    fn row_ctx(&self, a: &Assessed, p: &ParticipantResult, cites: &mut Citations) -> RowCtx {
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
                            format::number(*min, 1, self.lang),
                            format::number(*max, 1, self.lang)
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
                            self.site
                                .metric(metric)
                                .map(|m| self.value(m, *value))
                                .unwrap_or_else(|| format::number(*value, 2, self.lang)),
                            format::period(*period, self.lang)
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
        let region = self.site.region(&p.region);
        RowCtx {
            rank: p.rank.map(|n| n.to_string()).unwrap_or_default(),
            code: p.region.clone(),
            name: self.region_name(&p.region),
            url: region.map(|x| self.region_url(x)).unwrap_or_default(),
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

    fn sensitivity_ctx(&self, a: &Assessed) -> SensitivityCtx {
        let o = &a.outcome;
        let name = |code: &str| self.region_name(code);
        let summary = match (o.stable, self.lang) {
            (true, Lang::Id) => "Peringkat stabil: menaikkan atau menurunkan bobot kriteria mana pun sebesar 10% tidak mengubah urutan peserta.".to_string(),
            (true, Lang::En) => "The ranking is stable: raising or lowering any criterion's weight by 10% does not change the order.".to_string(),
            (false, Lang::Id) => "Peringkat berubah pada sebagian perubahan bobot:".to_string(),
            (false, Lang::En) => "The ranking changes under some weight changes:".to_string(),
        };
        let lines = if o.stable {
            Vec::new()
        } else {
            o.sensitivity
                .iter()
                .map(|case| {
                    let sign = match case.direction {
                        crate::assessment::Direction::Up => "+10%",
                        crate::assessment::Direction::Down => "−10%",
                    };
                    let head = format!(
                        "{} {sign} ({} {})",
                        self.criterion_label(&a.round, &case.criterion),
                        self.at().weight.to_lowercase(),
                        self.percent(case.weight)
                    );
                    if case.changes.is_empty() {
                        let none = match self.lang {
                            Lang::Id => "peringkat tidak berubah",
                            Lang::En => "no rank changes",
                        };
                        format!("{head}: {none}")
                    } else {
                        let ch: Vec<String> = case
                            .changes
                            .iter()
                            .map(|c| format!("{} {} → {}", name(&c.region), c.from, c.to))
                            .collect();
                        format!("{head}: {}", ch.join(", "))
                    }
                })
                .collect()
        };
        SensitivityCtx {
            stable: o.stable,
            summary,
            lines,
        }
    }

    /// The contribution chart as chart data, drawn and published (table, downloads) like
    /// every chart placed by a `chart(...)` call.
    fn contributions_chart(&self, a: &Assessed) -> Result<String, Diagnostic> {
        let r = &a.round;
        let o = &a.outcome;
        let lang = self.lang;
        let rows: Vec<StackRow> = o
            .participants
            .iter()
            .filter(|p| p.complete && p.composite.is_some())
            .map(|p| StackRow {
                label: format!(
                    "{}. {}",
                    p.rank.unwrap_or_default(),
                    self.region_name(&p.region)
                ),
                segments: r
                    .criteria
                    .iter()
                    .map(|c| {
                        p.score(&c.id).map(|s| s.score).unwrap_or(0.0) * self.weight_of(o, &c.id)
                    })
                    .collect(),
                total_label: self.score(p.composite.unwrap_or_default()),
            })
            .collect();
        let per_row: Vec<String> = rows
            .iter()
            .map(|row| {
                let parts: Vec<String> = r
                    .criteria
                    .iter()
                    .zip(&row.segments)
                    .map(|(c, v)| format!("{} {}", c.label, self.score(*v)))
                    .collect();
                format!("{} {} ({})", row.label, row.total_label, parts.join(", "))
            })
            .collect();
        let at = self.at();
        let desc = match lang {
            Lang::Id => format!(
                "{} terhadap {} {} peserta lengkap, urut peringkat: {}.",
                at.contributions,
                at.composite.to_lowercase(),
                rows.len(),
                per_row.join("; ")
            ),
            Lang::En => format!(
                "{} to the composite of {} complete participants, by rank: {}.",
                at.contributions,
                rows.len(),
                per_row.join("; ")
            ),
        };
        let title = format!("{}: {}", at.contributions, r.title);
        let mut headers = vec![match lang {
            Lang::Id => "Peserta".to_string(),
            Lang::En => "Participant".to_string(),
        }];
        headers.extend(r.criteria.iter().map(|c| c.label.clone()));
        headers.push(at.composite.to_string());
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                let mut cells = vec![row.label.clone()];
                cells.extend(row.segments.iter().map(|v| self.score(*v)));
                cells.push(row.total_label.clone());
                cells
            })
            .collect();
        let mut csv_headers = vec!["rank".to_string(), "region".into(), "region_name".into()];
        csv_headers.extend(r.criteria.iter().map(|c| c.id.clone()));
        csv_headers.push("composite".into());
        let csv_rows: Vec<Vec<String>> = o
            .participants
            .iter()
            .filter(|p| p.complete && p.composite.is_some())
            .zip(&rows)
            .map(|(p, row)| {
                let mut cells = vec![
                    p.rank.unwrap_or_default().to_string(),
                    p.region.clone(),
                    super::exports::text_cell(&self.region_name(&p.region)).into_owned(),
                ];
                cells.extend(row.segments.iter().map(|v| plain(*v)));
                cells.push(plain(p.composite.unwrap_or_default()));
                cells
            })
            .collect();
        let publishers: Vec<String> = r
            .weights_source
            .iter()
            .chain(&r.scores_source)
            .filter_map(|id| self.site.sources.get(id))
            .map(|s| s.publisher.clone())
            .fold(Vec::new(), |mut v, p| {
                if !v.contains(&p) {
                    v.push(p);
                }
                v
            });
        let data = super::chart::ChartData {
            title,
            desc,
            headers,
            rows: table,
            csv_headers,
            csv_rows,
            note: at.contributions_note.to_string(),
            source_line: format!(
                "{}: {}. {}",
                match lang {
                    Lang::Id => "Sumber",
                    Lang::En => "Sources",
                },
                publishers.join("; "),
                self.site.config.title
            ),
            plot: super::chart::Plot::Stacked(StackedChart {
                title: String::new(),
                desc: String::new(),
                keys: r.criteria.iter().map(|c| c.label.clone()).collect(),
                rows,
                max: 100.0,
                fmt: Box::new(move |v| format::number(v, 0, lang)),
            }),
        };
        let key = format!("kontribusi-{}", crate::slug::slugify(&r.id));
        let loc = crate::diagnostics::Location::file(format!("penilaian/{}", r.id));
        self.emb.charts.figure(&key, data, &loc)
    }

    /// Every file of one round; the caller counts the pages among them.
    pub(super) fn assessment_files(&self, a: &Assessed) -> Result<Vec<OutFile>, Diagnostic> {
        let mut files = vec![self.round_page(a)?, self.method_page(a)?];
        for p in &a.outcome.participants {
            files.push(self.panel_sheet(a, p)?);
        }
        files.push(self.results_json(a));
        files.push(self.results_csv(a));
        Ok(files)
    }

    fn round_page(&self, a: &Assessed) -> Result<OutFile, Diagnostic> {
        let r = &a.round;
        let mut cites = Citations::default();
        let mut extra = Vec::new();
        extra.extend(r.weights_source.iter().cloned());
        extra.extend(r.scores_source.iter().cloned());
        let _ = cites.cite(&extra);
        let ranked: Vec<RowCtx> = a
            .outcome
            .participants
            .iter()
            .filter(|p| p.rank.is_some())
            .map(|p| self.row_ctx(a, p, &mut cites))
            .collect();
        let incomplete: Vec<RowCtx> = a
            .outcome
            .participants
            .iter()
            .filter(|p| p.rank.is_none())
            .map(|p| self.row_ctx(a, p, &mut cites))
            .collect();
        let published = r.published.as_ref().map(|pb| {
            let c = cites.cite(std::slice::from_ref(&pb.source));
            let ranks: Vec<String> = pb
                .ranks
                .iter()
                .map(|x| format!("{} {}", x.rank, self.region_name(&x.region)))
                .collect();
            json!({ "ranks": ranks.join(", "), "cites": c })
        });
        let source_note = |id: &Option<String>| -> Vec<Cite> {
            id.as_ref()
                .map(|id| cites_peek(&cites, id))
                .unwrap_or_default()
        };
        let weights_cites = source_note(&r.weights_source);
        let scores_cites = source_note(&r.scores_source);
        let round = self.round_ctx(a);
        let mut ctx = self.base_ctx(&r.title, &round.url, self.has_illustrative(&cites));
        ctx.insert("at", self.at());
        ctx.insert("criteria", &self.criteria_ctx(a));
        ctx.insert("ranked", &ranked);
        ctx.insert("incomplete", &incomplete);
        ctx.insert("published", &published);
        ctx.insert("weights_cites", &weights_cites);
        ctx.insert("scores_cites", &scores_cites);
        ctx.insert("chart", &self.contributions_chart(a)?);
        ctx.insert("sensitivity", &self.sensitivity_ctx(a));
        ctx.insert("has_panel", &r.criteria.iter().any(|c| c.is_panel()));
        self.cited(&mut ctx, &cites);
        ctx.insert("round", &round);
        let html = self.render("assessment.html", &ctx)?;
        Ok(OutFile {
            path: format!("penilaian/{}/index.html", r.id),
            bytes: html.into_bytes(),
        })
    }

    fn method_page(&self, a: &Assessed) -> Result<OutFile, Diagnostic> {
        let r = &a.round;
        let round = self.round_ctx(a);
        let combine = match (r.combine, self.lang) {
            (Combine::Mean, Lang::Id) => "rata-rata (mean)",
            (Combine::Mean, Lang::En) => "the mean",
            (Combine::Median, Lang::Id) => "nilai tengah (median)",
            (Combine::Median, Lang::En) => "the median",
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
        let mut ctx = self.base_ctx(
            &format!("{}: {}", self.at().methodology, r.title),
            &url,
            self.has_illustrative(&cites),
        );
        ctx.insert("at", self.at());
        ctx.insert("round", &round);
        ctx.insert("criteria", &self.criteria_ctx(a));
        ctx.insert("combine", combine);
        ctx.insert("tie_break", &tie_break);
        self.cited(&mut ctx, &cites);
        let html = self.render("assessment_method.html", &ctx)?;
        Ok(OutFile {
            path: format!("penilaian/{}/metodologi/index.html", r.id),
            bytes: html.into_bytes(),
        })
    }

    fn panel_sheet(&self, a: &Assessed, p: &ParticipantResult) -> Result<OutFile, Diagnostic> {
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
                            format!("{} {}", x.assessor, format::number(x.score, 1, self.lang))
                        })
                        .collect();
                    sc.spread = format!(
                        "{}–{}, n={n}",
                        format::number(*min, 1, self.lang),
                        format::number(*max, 1, self.lang)
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
                    let m = self.site.metric(metric);
                    let v = m
                        .map(|m| self.value(m, *value))
                        .unwrap_or_else(|| format::number(*value, 2, self.lang));
                    sc.notes = vec![format!("{v} ({})", format::period(*period, self.lang))];
                    key_figures.push(KeyFigure {
                        label: m.map(|m| m.label.clone()).unwrap_or_else(|| metric.clone()),
                        criterion: c.label.clone(),
                        value: v,
                        period: format::period(*period, self.lang),
                        cites: cites.cite(sources),
                    });
                }
                None => {
                    if let Some(m) = p.missing.iter().find(|m| m.criterion == c.id) {
                        sc.notes = vec![self.missing_text(r, m)];
                        if let MissingKind::NoFigure { metric, year } = &m.kind {
                            key_figures.push(KeyFigure {
                                label: self
                                    .site
                                    .metric(metric)
                                    .map(|m| m.label.clone())
                                    .unwrap_or_else(|| metric.clone()),
                                criterion: c.label.clone(),
                                value: self.emb.site_ctx.t.no_data.to_string(),
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
        let region = self.site.region(&p.region);
        let sheet = SheetCtx {
            code: p.region.clone(),
            name: self.region_name(&p.region),
            url: region.map(|x| self.region_url(x)).unwrap_or_default(),
            rank: self.rank_text(&a.outcome, p),
            composite: p.composite.map(|v| self.score(v)).unwrap_or_default(),
            complete: p.complete,
            missing: p.missing.iter().map(|m| self.missing_text(r, m)).collect(),
        };
        let mut signers: Vec<String> = r.assessors.clone();
        if signers.is_empty() {
            signers = vec![String::new(); 3];
        }
        let url = self.sheet_url(r, &p.region);
        let mut ctx = self.base_ctx(
            &format!("{}: {}", self.at().panel_sheet, sheet.name),
            &url,
            self.has_illustrative(&cites),
        );
        ctx.insert("at", self.at());
        ctx.insert("round", &round);
        ctx.insert("sheet", &sheet);
        ctx.insert("key_figures", &key_figures);
        ctx.insert("criteria", &criteria);
        ctx.insert("signers", &signers);
        self.cited(&mut ctx, &cites);
        let html = self.render("panel_sheet.html", &ctx)?;
        let slug = region.map(|x| x.slug.clone()).unwrap_or(p.region.clone());
        Ok(OutFile {
            path: format!("penilaian/{}/{slug}/index.html", r.id),
            bytes: html.into_bytes(),
        })
    }

    fn results_json(&self, a: &Assessed) -> OutFile {
        let r = &a.round;
        let o = &a.outcome;
        let mut weights = Map::new();
        for (id, w) in &o.weights {
            weights.insert(id.clone(), number(*w));
        }
        let criteria: Vec<Value> = r
            .criteria
            .iter()
            .map(|c| {
                json!({
                    "id": c.id,
                    "label": c.label,
                    "raw_weight": number(c.weight),
                    "weight": number(self.weight_of(o, &c.id)),
                    "kind": if c.is_panel() { "panel" } else { "metric" },
                })
            })
            .collect();
        let participants: Vec<Value> = o
            .participants
            .iter()
            .map(|p| {
                let mut scores = Map::new();
                for c in &r.criteria {
                    scores.insert(
                        c.id.clone(),
                        p.score(&c.id)
                            .map(|s| number(s.score))
                            .unwrap_or(Value::Null),
                    );
                }
                json!({
                    "region": p.region,
                    "name": self.region_name(&p.region),
                    "rank": p.rank,
                    "composite": p.composite.map(number),
                    "complete": p.complete,
                    "missing": p.missing.iter().map(|m| m.criterion.clone()).collect::<Vec<_>>(),
                    "missing_reasons": p.missing.iter().map(|m| m.reason.clone()).collect::<Vec<_>>(),
                    "scores": scores,
                    "published_rank": p.published_rank,
                    // null when nothing was published for the round or this participant
                    "published_matches": match (r.published.as_ref(), p.published_rank) {
                        (Some(_), Some(n)) => Some(p.rank == Some(n)),
                        _ => None,
                    },
                })
            })
            .collect();
        let v = json!({
            "round": r.id,
            "title": r.title,
            "level": match r.level { Level::Provinsi => "provinsi", Level::Nasional => "nasional" },
            "assessment_period": r.assessment_period,
            "award_date": iso(r.award_date),
            "combine": match r.combine { Combine::Mean => "mean", Combine::Median => "median" },
            "weights": weights,
            "criteria": criteria,
            "participants": participants,
            "stable": o.stable,
            "weights_source": r.weights_source,
            "scores_source": r.scores_source,
            "published_source": r.published.as_ref().map(|p| p.source.clone()),
        });
        let mut bytes = serde_json::to_vec_pretty(&v).unwrap_or_default();
        bytes.push(b'\n');
        OutFile {
            path: format!("data/assessment-{}.json", r.id),
            bytes,
        }
    }

    fn results_csv(&self, a: &Assessed) -> OutFile {
        let r = &a.round;
        let o = &a.outcome;
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record([
            "round",
            "region",
            "region_name",
            "criterion",
            "weight",
            "score",
            "composite",
            "rank",
            "complete",
            "missing",
        ]);
        for p in &o.participants {
            let missing: Vec<&str> = p.missing.iter().map(|m| m.criterion.as_str()).collect();
            for c in &r.criteria {
                let _ = w.write_record([
                    r.id.as_str(),
                    &p.region,
                    &self.region_name(&p.region),
                    &c.id,
                    &plain(self.weight_of(o, &c.id)),
                    &p.score(&c.id).map(|s| plain(s.score)).unwrap_or_default(),
                    &p.composite.map(plain).unwrap_or_default(),
                    &p.rank.map(|n| n.to_string()).unwrap_or_default(),
                    if p.complete { "true" } else { "false" },
                    &missing.join(";"),
                ]);
            }
        }
        OutFile {
            path: format!("data/assessment-{}.csv", r.id),
            bytes: w.into_inner().unwrap_or_default(),
        }
    }

    /// The rounds a region took part in, for its page.
    pub(super) fn scorecards(&self, code: &str) -> Vec<ScorecardCtx> {
        self.rounds
            .iter()
            .filter_map(|a| {
                let p = a.outcome.participant(code)?;
                let r = &a.round;
                let illustrative = [&r.weights_source, &r.scores_source]
                    .into_iter()
                    .flatten()
                    .filter_map(|id| self.site.sources.get(id))
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
