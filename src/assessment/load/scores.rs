//! A round's panel scores file (`<round>-scores.csv` or `.xlsx`), checked against its criteria and participants.

use super::*;

/// The rows of the score file that pass every check.
pub(super) fn read_scores(
    t: &Table,
    round: &Round,
    written: &[Written],
    site: &Site,
    round_file: &Path,
    seen: &mut BTreeMap<(String, String, String), Location>,
    diags: &mut Diagnostics,
) -> Vec<ScoreRow> {
    let required = ["region", "criterion", "assessor", "score"];
    if !t.require(
        &required,
        "the header of a score file is region,criterion,assessor,score,note",
        diags,
    ) {
        return Vec::new();
    }
    t.check_columns(
        &["region", "criterion", "assessor", "score", "note"],
        true,
        diags,
    );
    let col = |n: &str| t.column(n).unwrap_or(0);
    let (rc, cc, ac, sc) = (
        col("region"),
        col("criterion"),
        col("assessor"),
        col("score"),
    );
    let note_col = t.column("note");
    let fmt = site.config.number_format;
    let mut out = Vec::new();
    let participants: BTreeSet<&str> = round.participants.iter().map(String::as_str).collect();
    for row in &t.rows {
        let region = t.cell(row, Some(rc));
        let criterion = t.cell(row, Some(cc));
        let assessor = t.cell(row, Some(ac));
        let raw_score = t.cell(row, Some(sc));
        let mut ok = true;

        if !participants.contains(region) {
            ok = false;
            match site.region(region) {
                Some(r) => diags.error_hint(
                    t.at(row, rc),
                    format!(
                        "score for {} ({}), which is not a participant of round `{}`",
                        r.code, r.name, round.id
                    ),
                    format!(
                        "add {} to participants in {}, or remove the row",
                        r.code,
                        round_file.display()
                    ),
                ),
                None => diags.error_hint(
                    t.at(row, rc),
                    format!("unknown region `{region}`"),
                    region_hint(site, region),
                ),
            }
        }

        match written.iter().find(|w| w.id == criterion) {
            Some(Written {
                metric: Some(metric),
                panel: false,
                ..
            }) => {
                ok = false;
                diags.error_hint(
                    t.at(row, cc),
                    format!(
                        "criterion `{criterion}` is scored from the metric `{metric}`, not by assessors"
                    ),
                    "remove the row; metric criteria take their figure from data/observations",
                );
            }
            // a criterion written but rejected has its own error already
            Some(_) => ok &= round.criterion(criterion).is_some(),
            None => {
                ok = false;
                let mut h = suggest("criterion", criterion, written.iter().map(|w| w.id));
                h.push_str(&format!(
                    "; criteria are the [[criteria]] of {}",
                    round_file.display()
                ));
                diags.error_hint(t.at(row, cc), format!("unknown criterion `{criterion}`"), h);
            }
        }

        if assessor.is_empty() {
            ok = false;
            diags.error_hint(
                t.at(row, ac),
                "the assessor is empty",
                "write the name or code of the assessor who gave the score",
            );
        } else if !round.assessors.is_empty() && !round.assessors.iter().any(|a| a == assessor) {
            ok = false;
            let mut h = suggest(
                "assessor",
                assessor,
                round.assessors.iter().map(String::as_str),
            );
            h.push_str(&format!(
                "; the assessors are listed in {}",
                round_file.display()
            ));
            diags.error_hint(
                t.at(row, ac),
                format!("assessor `{assessor}` is not in the round's assessors"),
                h,
            );
        }

        // A number cell of a workbook is the score itself, whatever the site's number format.
        let score = match t.number(row, sc).or_else(|| fmt.parse(raw_score)) {
            Some(v) if (0.0..=100.0).contains(&v) => Some(v),
            Some(_) => {
                diags.error_hint(
                    t.at(row, sc),
                    format!("score {raw_score} is outside 0-100"),
                    "assessors score from 0 to 100",
                );
                None
            }
            None => {
                let shown = if raw_score.is_empty() {
                    "(empty)".to_string()
                } else {
                    format!("`{raw_score}`")
                };
                diags.error_hint(
                    t.at(row, sc),
                    format!("score {shown} is not a number"),
                    format!(
                        "write a number from 0 to 100 in the \"{}\" format, e.g. 76 or {}",
                        fmt.name(),
                        match fmt {
                            crate::format::NumberFormat::Plain => "76.5",
                            crate::format::NumberFormat::Id => "76,5",
                        }
                    ),
                );
                None
            }
        };

        let key = (
            region.to_string(),
            criterion.to_string(),
            assessor.to_string(),
        );
        if let Some(first) = seen.get(&key) {
            ok = false;
            let first = match &first.sheet {
                None => format!("line {}", first.line),
                Some(_) => first.to_string(),
            };
            diags.error_hint(
                t.at(row, rc),
                format!(
                    "duplicate score: region {region}, criterion `{criterion}`, assessor `{assessor}` is also given at {first}"
                ),
                "keep one row per region, criterion and assessor",
            );
        } else {
            seen.insert(key, t.at(row, rc));
        }

        if let (true, Some(score)) = (ok, score) {
            out.push(ScoreRow {
                region: region.to_string(),
                criterion: criterion.to_string(),
                assessor: assessor.to_string(),
                score,
                note: t.cell(row, note_col).to_string(),
            });
        }
    }
    out
}
