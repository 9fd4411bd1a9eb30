//! The round's results as data: results.json and results.csv.

use super::super::super::exports::{number, plain};
use super::super::super::OutFile;
use super::*;
use crate::assessment::{Combine, Level};
use crate::derived::Assessed;
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

    pub(super) fn results_csv(&self, a: &Assessed<'_>) -> OutFile {
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
}
