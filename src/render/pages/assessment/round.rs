//! The round page: ranked and incomplete participants, the contribution chart, sensitivity.

use super::super::super::citations::Citations;
use super::super::super::context::Cite;
use super::super::super::exports::plain;
use super::super::super::i18n::AssessmentStrings;
use super::super::super::shared::Base;
use super::super::super::OutFile;
use super::*;
use crate::charts::{StackRow, StackedChart};
use crate::derived::Assessed;
use crate::diagnostics::Diagnostic;
use crate::format::{self};
use serde::Serialize;

/// What assessment.html receives.
#[derive(Serialize)]
struct RoundPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    at: &'a AssessmentStrings,
    criteria: Vec<CriterionCtx>,
    ranked: Vec<RowCtx>,
    incomplete: Vec<RowCtx>,
    published: Option<Published>,
    weights_cites: Vec<Cite>,
    scores_cites: Vec<Cite>,
    chart: String,
    sensitivity: SensitivityCtx,
    has_panel: bool,
    round: RoundCtx,
}

/// The published ranking the evaluation is compared with.
#[derive(Serialize)]
struct Published {
    ranks: String,
    cites: Vec<Cite>,
}

impl Scoring<'_, '_> {
    pub(super) fn round_page(&self, a: &Assessed<'_>) -> Result<OutFile, Diagnostic> {
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
            Published {
                ranks: ranks.join(", "),
                cites: c,
            }
        });
        let source_note = |id: &Option<String>| -> Vec<Cite> {
            id.as_ref()
                .map(|id| cites_peek(&cites, id))
                .unwrap_or_default()
        };
        let weights_cites = source_note(&r.weights_source);
        let scores_cites = source_note(&r.scores_source);
        let round = self.round_ctx(a);
        let page = RoundPage {
            base: self.sh.base_cited(&r.title, &round.url, &cites),
            at: self.at(),
            criteria: self.criteria_ctx(a),
            ranked,
            incomplete,
            published,
            weights_cites,
            scores_cites,
            chart: self.contributions_chart(a)?,
            sensitivity: self.sensitivity_ctx(a),
            has_panel: r.criteria.iter().any(|c| c.is_panel()),
            round,
        };
        let html = self.sh.render("assessment.html", &page)?;
        Ok(OutFile {
            path: format!("penilaian/{}/index.html", r.id),
            bytes: html.into_bytes(),
        })
    }

    fn sensitivity_ctx(&self, a: &Assessed<'_>) -> SensitivityCtx {
        let o = &a.outcome;
        let name = |code: &str| self.region_name(code);
        let t = &self.sh.words.text;
        let summary = if o.stable {
            t.sensitivity_stable.clone()
        } else {
            t.sensitivity_unstable.clone()
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
                        self.criterion_label(a.round, &case.criterion),
                        self.at().weight.to_lowercase(),
                        self.percent(case.weight)
                    );
                    if case.changes.is_empty() {
                        format!("{head}: {}", t.no_rank_changes)
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
    fn contributions_chart(&self, a: &Assessed<'_>) -> Result<String, Diagnostic> {
        let r = &a.round;
        let o = &a.outcome;
        let lang = self.sh.lang;
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
        let desc = fill(
            &self.sh.words.text.contributions_desc,
            &[
                ("contributions", &at.contributions),
                ("composite", &at.composite.to_lowercase()),
                ("count", &rows.len().to_string()),
                ("list", &per_row.join("; ")),
            ],
        );
        let title = format!("{}: {}", at.contributions, r.title);
        let mut headers = vec![at.participant.clone()];
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
                    super::super::super::exports::text_cell(&self.region_name(&p.region))
                        .into_owned(),
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
            .filter_map(|id| self.sh.site.sources.get(id))
            .map(|s| s.publisher.clone())
            .fold(Vec::new(), |mut v, p| {
                if !v.contains(&p) {
                    v.push(p);
                }
                v
            });
        let data = super::super::super::chart::ChartData {
            title,
            desc,
            headers,
            rows: table,
            csv: super::super::super::chart::Csv::Rows {
                // Every criterion's score and the composite (rank and codes are no decimals).
                numbers: (3..csv_headers.len()).collect(),
                headers: csv_headers,
                rows: csv_rows,
            },
            note: at.contributions_note.to_string(),
            source_line: fill(
                &at.sources_line,
                &[
                    ("publishers", &publishers.join("; ")),
                    ("site", &self.sh.site.config.title),
                ],
            ),
            plot: super::super::super::chart::Plot::Stacked(StackedChart {
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
        self.sh.emb.charts.figure(&key, data, &loc)
    }
}
