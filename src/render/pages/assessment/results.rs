//! The round's results as data: results.json and results.csv.

use super::super::super::exports::{number, plain};
use super::super::super::xlsx::{rounded, workbook, Cell};
use super::super::super::OutFile;
use super::*;
use crate::assessment::{Combine, Level};
use crate::derived::Assessed;
use crate::diagnostics::Diagnostic;
use serde_json::{json, Map, Value};

impl Scoring<'_, '_> {
    pub(super) fn results_json(&self, a: &Assessed<'_>) -> OutFile {
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

    /// The results table as rows: one per participant and criterion, figures rounded as the
    /// pages show them (weights as shares to 3 decimals, i.e. 30,0%; scores to 1 decimal).
    fn result_rows(&self, a: &Assessed<'_>) -> Vec<Vec<Cell>> {
        let r = &a.round;
        let o = &a.outcome;
        let mut rows = Vec::new();
        for p in &o.participants {
            let missing: Vec<&str> = p.missing.iter().map(|m| m.criterion.as_str()).collect();
            for c in &r.criteria {
                let num = |v: Option<f64>, places| match v {
                    Some(v) => Cell::Number(rounded(v, places)),
                    None => Cell::Empty,
                };
                rows.push(vec![
                    Cell::Text(r.id.clone()),
                    Cell::Text(p.region.clone()),
                    Cell::Text(self.region_name(&p.region)),
                    Cell::Text(c.id.clone()),
                    num(Some(self.weight_of(o, &c.id)), 3),
                    num(p.score(&c.id).map(|s| s.score), 1),
                    num(p.composite, 1),
                    p.rank
                        .map(|n| Cell::Number(n as f64))
                        .unwrap_or(Cell::Empty),
                    Cell::Text(p.complete.to_string()),
                    Cell::Text(missing.join(";")),
                ]);
            }
        }
        rows
    }

    pub(super) fn results_csv(&self, a: &Assessed<'_>) -> Result<OutFile, Diagnostic> {
        let path = format!("data/assessment-{}.csv", a.round.id);
        let mut w = csv::Writer::from_writer(Vec::new());
        let text = |c: &Cell| match c {
            Cell::Text(s) => s.clone(),
            Cell::Number(v) => plain(*v),
            Cell::Empty => String::new(),
        };
        let mut result = w.write_record(RESULT_COLUMNS);
        for row in self.result_rows(a) {
            if result.is_ok() {
                result = w.write_record(row.iter().map(text));
            }
        }
        let bytes = result
            .map_err(|e| e.to_string())
            .and_then(|_| w.into_inner().map_err(|e| e.to_string()))
            .map_err(|e| write_error(&path, &e))?;
        Ok(OutFile { path, bytes })
    }

    /// The same table as an Excel workbook (numbers as numbers).
    pub(super) fn results_xlsx(&self, a: &Assessed<'_>) -> Result<OutFile, Diagnostic> {
        let path = format!("data/assessment-{}.xlsx", a.round.id);
        let bytes = workbook(
            &a.round.id,
            &RESULT_COLUMNS,
            &self.result_rows(a),
            Some(a.round.award_date),
        )
        .map_err(|e| write_error(&path, &e))?;
        Ok(OutFile { path, bytes })
    }
}

const RESULT_COLUMNS: [&str; 10] = [
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
];

/// A download that could not be produced: an error naming it, never an empty file.
fn write_error(path: &str, e: &str) -> Diagnostic {
    Diagnostic {
        severity: crate::diagnostics::Severity::Error,
        location: crate::diagnostics::Location::file(path),
        message: format!("cannot produce the download {path}: {e}"),
        hint: Some("this is a bug in Cakupan; please report it with the site's files".into()),
    }
}
