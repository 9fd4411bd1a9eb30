//! Reading `data/assessments/<round>.toml` and `<round>-scores.csv`, checking every reference
//! against the loaded site and reporting all problems with their positions.

use super::{Combine, Criterion, CriterionKind, Level, Published, PublishedRank, Round, ScoreRow};
use crate::diagnostics::{display_path, Diagnostics, Location};
use crate::load::table::{self, Table};
use crate::load::{suggest, tomlfile};
use crate::model::Site;
use crate::period::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

const DIR: &str = "data/assessments";
const SCORES_SUFFIX: &str = "-scores.csv";

/// The round id of a score file name: `<round>-scores.csv`, or `.xlsx`/`.ods` (any case of
/// the extension, as Windows saves it).
fn score_stem(name: &str) -> Option<&str> {
    if let Some(stem) = name.strip_suffix(SCORES_SUFFIX) {
        return Some(stem);
    }
    let (base, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        base.strip_suffix("-scores")
    } else {
        None
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRound {
    title: String,
    level: Level,
    assessment_period: Spanned<i64>,
    award_date: Spanned<toml::Value>,
    participants: Vec<Spanned<String>>,
    description: Option<String>,
    #[serde(default)]
    combine: Combine,
    assessors: Option<Vec<Spanned<String>>>,
    weights_source: Option<Spanned<String>>,
    scores_source: Option<Spanned<String>>,
    tie_break: Option<Vec<Spanned<String>>>,
    published_result: Option<RawPublished>,
    criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublished {
    source: Spanned<String>,
    ranks: Vec<RawPublishedRank>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublishedRank {
    region: Spanned<String>,
    rank: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    label: String,
    weight: Spanned<f64>,
    description: String,
    metric: Option<Spanned<String>>,
    scale: Option<Spanned<Vec<f64>>>,
    basis: Option<Spanned<String>>,
    panel: Option<Spanned<bool>>,
}

/// Every round in `data/assessments/`, in file-name order; no folder means no rounds.
///
/// Problems go to `diags`. A round whose TOML parses is returned even when it has other
/// errors, without the entries that are wrong (an unusable criterion, a bad score row); such
/// a round is only fit for further checking, since the build stops on any error.
pub fn load(root: &Path, site: &Site, diags: &mut Diagnostics) -> Vec<Round> {
    let dir = root.join(DIR);
    // Unreadable entries and links out of the site are reported by the walk, not skipped.
    let mut files: Vec<PathBuf> = Vec::new();
    for p in crate::load::walk::files(root, DIR, diags) {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.parent() != Some(dir.as_path()) {
            diags.warn(
                Location::file(display_path(root, &p)),
                "this file is not read: rounds and score files sit directly in data/assessments/",
                "move it up into data/assessments/, or out of the folder",
            );
            continue;
        }
        files.push(p);
    }
    let name_of = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut rounds_files: Vec<(String, PathBuf)> = Vec::new();
    let mut score_files: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in &files {
        let name = name_of(path);
        if let Some(stem) = score_stem(&name) {
            if let Some(other) = score_files.insert(stem.to_string(), path.clone()) {
                diags.error_hint(
                    Location::file(display_path(root, path)),
                    format!(
                        "round `{stem}` has two score files, this one and {}",
                        display_path(root, &other).display()
                    ),
                    "keep one score file per round (CSV or workbook)",
                );
            }
        } else if let Some(stem) = name.strip_suffix(".toml") {
            rounds_files.push((stem.to_string(), path.clone()));
        } else if name.to_lowercase().ends_with(".csv") {
            diags.error_hint(
                Location::file(display_path(root, path)),
                format!("`{name}` is not a score file of an assessment round"),
                "name score files <round>-scores.csv, next to <round>.toml",
            );
        }
    }
    for (stem, path) in &score_files {
        if !rounds_files.iter().any(|(id, _)| id == stem) {
            diags.error_hint(
                Location::file(display_path(root, path)),
                format!("score file for round `{stem}`, but there is no {DIR}/{stem}.toml"),
                "add the round file, or rename the score file to match its round",
            );
        }
    }
    let mut rounds = Vec::new();
    for (id, path) in rounds_files {
        let scores = score_files.get(&id).map(PathBuf::as_path);
        if let Some(round) = load_round(root, site, &id, &path, scores, diags) {
            rounds.push(round);
        }
    }
    rounds
}

/// Reads one round and its score file.
fn load_round(
    root: &Path,
    site: &Site,
    id: &str,
    path: &Path,
    scores_path: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<Round> {
    let shown = display_path(root, path);
    let text = tomlfile::read_text(path, &shown, diags)?;
    let raw: RawRound = tomlfile::parse(&text, &shown, 0, diags)?;
    let at = |span: std::ops::Range<usize>| tomlfile::span_location(&shown, &text, span, 0);
    let round_loc = Location::new(&shown, 1, 1);

    if crate::slug::slugify(id) != id {
        diags.error_hint(
            round_loc.clone(),
            format!("round id `{id}` (the file name) is not usable in a page address"),
            format!(
                "rename the file to {}.toml: lower-case letters, digits and hyphens",
                crate::slug::slugify(id)
            ),
        );
    }

    let period_loc = at(raw.assessment_period.span());
    let assessment_period = match i32::try_from(*raw.assessment_period.get_ref()) {
        Ok(y) if (1900..=2200).contains(&y) => y,
        _ => {
            diags.error_hint(
                period_loc,
                format!(
                    "assessment_period {} is not a year",
                    raw.assessment_period.get_ref()
                ),
                "write the assessed year as a whole number, e.g. assessment_period = 2024",
            );
            0
        }
    };

    let date_loc = at(raw.award_date.span());
    let award_date = match crate::load::tomlfile::date_text(raw.award_date.get_ref())
        .and_then(|text| Date::parse(&text))
    {
        Ok(d) if d.day.is_some() => d,
        Ok(d) => {
            diags.error_hint(
                date_loc,
                format!("award_date {d} lacks the day"),
                "write the full date, e.g. award_date = 2025-08-05",
            );
            d
        }
        Err(e) => {
            diags.error_hint(
                date_loc,
                format!("award_date: {e}"),
                "write the date the award was presented, e.g. award_date = 2025-08-05",
            );
            Date {
                year: 0,
                month: None,
                day: None,
            }
        }
    };

    // participants
    let mut participants: Vec<String> = Vec::new();
    for p in &raw.participants {
        let code = p.get_ref().trim();
        let loc = at(p.span());
        if participants.iter().any(|c| c == code) {
            diags.error_hint(
                loc,
                format!("participant {code} is listed twice"),
                "remove one of the two entries",
            );
            continue;
        }
        if site.region(code).is_none() {
            diags.error_hint(
                loc,
                format!("unknown participant region `{code}`"),
                region_hint(site, code),
            );
        }
        participants.push(code.to_string());
    }
    if raw.participants.is_empty() {
        diags.error_hint(
            round_loc.clone(),
            "the round has no participants",
            "list the region codes, e.g. participants = [\"64.74\", \"64.08\"]",
        );
    }

    // assessors
    let mut assessors: Vec<String> = Vec::new();
    for a in raw.assessors.iter().flatten() {
        let name = a.get_ref().trim();
        let loc = at(a.span());
        if name.is_empty() {
            diags.error_hint(
                loc,
                "an assessor name is empty",
                "write each assessor's name or code",
            );
        } else if assessors.iter().any(|x| x == name) {
            diags.error_hint(
                loc,
                format!("assessor `{name}` is listed twice"),
                "remove one of the two entries",
            );
        } else {
            assessors.push(name.to_string());
        }
    }

    // sources
    let check_source = |what: &str, s: &Spanned<String>, diags: &mut Diagnostics| {
        let sid = s.get_ref();
        if !site.sources.contains_key(sid) {
            let mut hint = suggest("source", sid, site.sources.keys().map(String::as_str));
            hint.push_str("; sources are defined in data/sources.toml");
            diags.error_hint(
                at(s.span()),
                format!("{what}: unknown source `{sid}`"),
                hint,
            );
        }
        sid.clone()
    };
    let weights_source = raw
        .weights_source
        .as_ref()
        .map(|s| check_source("weights_source", s, diags));
    let scores_source = raw
        .scores_source
        .as_ref()
        .map(|s| check_source("scores_source", s, diags));

    // published result
    let published = raw.published_result.as_ref().map(|p| {
        let source = check_source("published_result", &p.source, diags);
        let mut ranks: Vec<PublishedRank> = Vec::new();
        for r in &p.ranks {
            let region = r.region.get_ref().trim().to_string();
            let loc = at(r.region.span());
            if !participants.contains(&region) {
                let hint = if site.region(&region).is_some() {
                    "add the region to participants, or remove it from published_result".to_string()
                } else {
                    let mut h = suggest(
                        "participant",
                        &region,
                        participants.iter().map(String::as_str),
                    );
                    h.push_str("; published ranks name regions by code, as in participants");
                    h
                };
                diags.error_hint(
                    loc.clone(),
                    format!("published_result names `{region}`, which is not a participant"),
                    hint,
                );
            }
            if ranks.iter().any(|x| x.region == region) {
                diags.error_hint(
                    loc.clone(),
                    format!("published_result gives region {region} twice"),
                    "keep one entry per region",
                );
            }
            let rank = *r.rank.get_ref();
            if rank < 1 {
                diags.error_hint(
                    at(r.rank.span()),
                    format!("published rank {rank} is not a rank"),
                    "ranks start at 1",
                );
            }
            ranks.push(PublishedRank {
                region,
                rank: usize::try_from(rank).unwrap_or(0),
                location: loc,
            });
        }
        Published {
            source,
            ranks,
            location: at(p.source.span()),
        }
    });

    // criteria
    let criteria = read_criteria(&raw.criteria, site, &at, diags);
    if raw.criteria.is_empty() {
        diags.error_hint(
            round_loc.clone(),
            "the round has no criteria",
            "add [[criteria]] tables with id, label, weight, description and metric or panel",
        );
    }
    let written: Vec<Written> = raw
        .criteria
        .iter()
        .map(|c| Written {
            id: c.id.get_ref().as_str(),
            metric: c.metric.as_ref().map(|m| m.get_ref().as_str()),
            panel: c.panel.as_ref().is_some_and(|p| *p.get_ref()),
        })
        .collect();
    let written_ids: Vec<&str> = written.iter().map(|w| w.id).collect();

    // tie break
    let mut tie_break: Vec<String> = Vec::new();
    for t in raw.tie_break.iter().flatten() {
        let cid = t.get_ref().trim();
        let loc = at(t.span());
        if !written_ids.contains(&cid) {
            diags.error_hint(
                loc,
                format!("tie_break names unknown criterion `{cid}`"),
                suggest("criterion", cid, written_ids.iter().copied()),
            );
        } else if tie_break.iter().any(|x| x == cid) {
            diags.error_hint(
                loc,
                format!("tie_break names `{cid}` twice"),
                "each criterion can decide a tie once",
            );
        } else {
            tie_break.push(cid.to_string());
        }
    }

    let mut round = Round {
        id: id.to_string(),
        title: raw.title.clone(),
        level: raw.level,
        assessment_period,
        award_date,
        participants,
        description: raw.description.clone(),
        combine: raw.combine,
        assessors,
        weights_source,
        scores_source,
        tie_break,
        published,
        criteria,
        scores: Vec::new(),
        location: round_loc,
    };

    // scores
    if let Some(sp) = scores_path {
        let shown_scores = display_path(root, sp);
        // A workbook may split the scores over sheets (one per assessor, say): one table each,
        // checked for duplicates across all of them.
        let tables = if crate::load::workbook::is_workbook(sp) {
            crate::load::workbook::read(sp, &shown_scores, diags)
        } else {
            table::read(sp, &shown_scores, diags).into_iter().collect()
        };
        let mut seen = BTreeMap::new();
        for t in &tables {
            let rows = read_scores(t, &round, &written, site, &shown, &mut seen, diags);
            round.scores.extend(rows);
        }
    }
    for c in round.criteria.iter().filter(|c| c.is_panel()) {
        if !round.scores.iter().any(|s| s.criterion == c.id) {
            let hint = match scores_path {
                Some(p) => format!(
                    "add the assessors' scores for `{}` to {}",
                    c.id,
                    display_path(root, p).display()
                ),
                None => format!(
                    "add {DIR}/{id}{SCORES_SUFFIX} with the columns region,criterion,assessor,score,note"
                ),
            };
            diags.error_hint(
                c.location.clone(),
                format!(
                    "panel criterion `{}` has no score for any participant",
                    c.id
                ),
                hint,
            );
        }
    }
    Some(round)
}

/// A criterion as written, before its checks: score rows are judged against it so that a
/// rejected criterion does not also make every score row for it an error.
struct Written<'a> {
    id: &'a str,
    metric: Option<&'a str>,
    panel: bool,
}

/// The hint for a region code that is not in regions.csv.
fn region_hint(site: &Site, code: &str) -> String {
    let by_name = site.regions.iter().find(|r| {
        r.name.eq_ignore_ascii_case(code)
            || r.short_name
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(code))
    });
    match by_name {
        Some(r) => format!(
            "write the region's code, not its name: {} for {}",
            r.code, r.name
        ),
        None => {
            let names = site
                .regions
                .iter()
                .flat_map(|r| [r.code.as_str(), r.name.as_str()]);
            let mut h = suggest("region", code, names);
            h.push_str("; regions are listed in data/regions.csv");
            h
        }
    }
}

fn read_criteria(
    raw: &[RawCriterion],
    site: &Site,
    at: &dyn Fn(std::ops::Range<usize>) -> Location,
    diags: &mut Diagnostics,
) -> Vec<Criterion> {
    let mut out: Vec<Criterion> = Vec::new();
    let mut seen: BTreeMap<&str, Location> = BTreeMap::new();
    for c in raw {
        let id = c.id.get_ref().as_str();
        let loc = at(c.id.span());
        let mut ok = true;
        if id.trim().is_empty() || id.trim() != id {
            diags.error_hint(
                loc.clone(),
                format!("criterion id `{id}` is empty or has surrounding spaces"),
                "use a short id such as \"regulasi\"",
            );
            ok = false;
        }
        if let Some(first) = seen.get(id) {
            diags.error_hint(
                loc.clone(),
                format!(
                    "duplicate criterion id `{id}` (first at line {})",
                    first.line
                ),
                "give each criterion its own id",
            );
            ok = false;
        } else {
            seen.insert(id, loc.clone());
        }
        let weight = *c.weight.get_ref();
        if !(weight.is_finite() && weight > 0.0) {
            diags.error_hint(
                at(c.weight.span()),
                if weight.is_finite() {
                    format!("criterion `{id}`: weight {weight} is not positive")
                } else {
                    format!("criterion `{id}`: weight {weight} is not an ordinary number")
                },
                "weights are positive numbers; they are normalised to sum to 1, so 30, 20, 15 ... or 0.3, 0.2, 0.15 ... give the same result",
            );
            ok = false;
        }
        let panel = c.panel.as_ref().is_some_and(|p| *p.get_ref());
        let kind = match (&c.metric, panel) {
            (Some(m), true) => {
                diags.error_hint(
                    loc.clone(),
                    format!("criterion `{id}` has both a metric and panel = true"),
                    format!(
                        "a criterion is scored either from a figure (metric = \"{}\" with scale) or by the assessors (panel = true); remove one",
                        m.get_ref()
                    ),
                );
                None
            }
            (None, false) => {
                diags.error_hint(
                    loc.clone(),
                    format!("criterion `{id}` has neither a metric nor panel = true"),
                    "add metric = \"<metric id>\" with scale = [lo, hi], or panel = true for assessors' scores",
                );
                None
            }
            (None, true) => {
                if let Some(s) = &c.scale {
                    diags.error_hint(
                        at(s.span()),
                        format!("criterion `{id}` is a panel criterion; scale applies to metric criteria only"),
                        "remove the scale: assessors score panel criteria from 0 to 100",
                    );
                }
                Some(CriterionKind::Panel)
            }
            (Some(m), false) => metric_kind(id, m, c, &loc, site, at, diags),
        };
        match kind {
            Some(kind) if ok => out.push(Criterion {
                id: id.to_string(),
                label: c.label.clone(),
                weight,
                description: c.description.clone(),
                kind,
                location: loc,
            }),
            _ => {}
        }
    }
    out
}

fn metric_kind(
    id: &str,
    metric: &Spanned<String>,
    raw: &RawCriterion,
    loc: &Location,
    site: &Site,
    at: &dyn Fn(std::ops::Range<usize>) -> Location,
    diags: &mut Diagnostics,
) -> Option<CriterionKind> {
    let mid = metric.get_ref();
    let (scale, basis) = (raw.scale.as_ref(), raw.basis.as_ref());
    let mut ok = true;
    let chosen = match (site.metric(mid), basis) {
        (Some(m), Some(b)) if m.basis_label(b.get_ref()).is_some() => Some(b.get_ref().clone()),
        (Some(m), Some(b)) => {
            let ids: Vec<&str> = m.bases.iter().map(|(x, _)| x.as_str()).collect();
            diags.error_hint(
                at(b.span()),
                format!(
                    "criterion `{id}`: metric `{mid}` has no basis `{}`",
                    b.get_ref()
                ),
                if ids.is_empty() {
                    "remove basis: the metric declares no bases".to_string()
                } else {
                    format!("its bases are: {}", ids.join(", "))
                },
            );
            ok = false;
            None
        }
        (Some(m), None) if !m.bases.is_empty() => {
            let ids: Vec<&str> = m.bases.iter().map(|(x, _)| x.as_str()).collect();
            diags.error_hint(
                loc.clone(),
                format!("criterion `{id}`: metric `{mid}` has several bases (denominators); name the one compared"),
                format!("add basis = \"{}\" (bases: {})", ids[0], ids.join(", ")),
            );
            ok = false;
            None
        }
        _ => None,
    };
    if site.metric(mid).is_none() {
        diags.error_hint(
            at(metric.span()),
            format!("criterion `{id}`: unknown metric `{mid}`"),
            {
                let mut h = suggest("metric", mid, site.metrics.iter().map(|m| m.id.as_str()));
                h.push_str("; metrics are defined in data/metrics.toml");
                h
            },
        );
        ok = false;
    }
    let Some(scale) = scale else {
        diags.error_hint(
            loc.clone(),
            format!("metric criterion `{id}` has no scale"),
            "add scale = [lo, hi]: a figure of lo or worse scores 0, hi or better scores 100",
        );
        return None;
    };
    let sloc = at(scale.span());
    let (lo, hi) = match scale.get_ref().as_slice() {
        &[lo, hi] => (lo, hi),
        other => {
            diags.error_hint(
                sloc,
                format!("criterion `{id}`: scale has {} numbers, not 2", other.len()),
                "write scale = [lo, hi], e.g. scale = [40, 100]",
            );
            return None;
        }
    };
    if !(lo.is_finite() && hi.is_finite()) {
        diags.error_hint(
            sloc,
            format!("criterion `{id}`: scale [{lo}, {hi}] is not two ordinary numbers"),
            "inf and nan are not figures; write the two ends of the scale, e.g. scale = [40, 100]",
        );
        ok = false;
    } else if lo == hi {
        diags.error_hint(
            sloc,
            format!("criterion `{id}`: scale [{lo}, {hi}] has lo equal to hi"),
            "the scale maps lo to 0 and hi to 100, so the two must differ",
        );
        ok = false;
    } else if lo > hi {
        diags.error_hint(
            sloc,
            format!("criterion `{id}`: scale [{lo}, {hi}] has lo above hi"),
            "write the lower figure first; for a metric where lower is better (higher_is_better = false in data/metrics.toml) the scores are inverted automatically",
        );
        ok = false;
    }
    ok.then(|| CriterionKind::Metric {
        metric: mid.clone(),
        scale: (lo, hi),
        basis: chosen,
    })
}

/// The rows of the score file that pass every check.
fn read_scores(
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
                location: t.at(row, sc),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::site;
    use crate::diagnostics::Diagnostic;

    const ROUND: &str = r#"title = "Uji"
level = "provinsi"
assessment_period = 2024
award_date = "2025-08-05"
participants = ["64.01", "64.02"]
assessors = ["Penilai A", "Penilai B"]

[[criteria]]
id = "upaya"
label = "Upaya"
weight = 20
description = ""
panel = true

[[criteria]]
id = "regulasi"
label = "Regulasi"
weight = 15
description = ""
panel = true
"#;

    const SCORES: &str = "region,criterion,assessor,score,note
64.01,upaya,Penilai A,80,
64.01,regulasi,Penilai A,70,
64.02,upaya,Penilai B,75,
64.02,regulasi,Penilai B,72,
";

    const TOML: &str = "data/assessments/r.toml";
    const CSV: &str = "data/assessments/r-scores.csv";

    /// Loads the round and returns its errors.
    fn errors(round: &str, scores: &str) -> Vec<Diagnostic> {
        let f = site("");
        f.load(round, Some(scores)).1
    }

    /// The only error is at `file:line:column` and its message contains `text`.
    fn only(diags: &[Diagnostic], file: &str, line: usize, column: usize, text: &str) {
        assert_eq!(diags.len(), 1, "{diags:#?}");
        let d = &diags[0];
        assert_eq!(
            (
                d.location.file.to_str().unwrap(),
                d.location.line,
                d.location.column
            ),
            (file, line, column),
            "{d}"
        );
        assert!(d.message.contains(text), "{d}");
        assert!(d.hint.is_some(), "{d}");
    }

    #[test]
    fn valid_round_loads() {
        let f = site("");
        let (rounds, diags) = f.load(ROUND, Some(SCORES));
        assert!(diags.is_empty(), "{diags:#?}");
        let r = &rounds[0];
        assert_eq!(r.id, "r");
        assert_eq!(r.assessment_period, 2024);
        assert_eq!(r.award_date.to_string(), "2025-08-05");
        assert_eq!(r.participants, vec!["64.01", "64.02"]);
        assert_eq!(r.criteria.len(), 2);
        assert_eq!(r.scores.len(), 4);
        // the score cell of line 2
        assert_eq!(r.scores[0].location.line, 2);
        assert_eq!(r.scores[0].location.column, 23);
        assert_eq!(r.criteria[1].location.line, 16);
    }

    #[test]
    fn no_folder_means_no_rounds() {
        let f = site("");
        let mut diags = crate::diagnostics::Diagnostics::new();
        assert!(super::load(f.dir.path(), &f.site, &mut diags).is_empty());
        assert!(diags.is_empty());
    }

    #[test]
    fn unknown_criterion_in_scores() {
        let d = errors(ROUND, &format!("{SCORES}64.01,upya,Penilai B,80,\n"));
        only(&d, CSV, 6, 7, "unknown criterion `upya`");
        assert!(d[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `upaya`?"));
    }

    #[test]
    fn assessor_not_in_list() {
        let d = errors(ROUND, &format!("{SCORES}64.01,upaya,Penilai Z,80,\n"));
        only(
            &d,
            CSV,
            6,
            13,
            "assessor `Penilai Z` is not in the round's assessors",
        );
    }

    #[test]
    fn score_out_of_range_or_not_a_number() {
        let d = errors(ROUND, &format!("{SCORES}64.01,upaya,Penilai B,120,\n"));
        only(&d, CSV, 6, 23, "score 120 is outside 0-100");
        let d = errors(ROUND, &format!("{SCORES}64.01,upaya,Penilai B,baik,\n"));
        only(&d, CSV, 6, 23, "score `baik` is not a number");
    }

    #[test]
    fn weight_zero() {
        let d = errors(&ROUND.replace("weight = 15", "weight = 0"), SCORES);
        only(
            &d,
            TOML,
            18,
            10,
            "criterion `regulasi`: weight 0 is not positive",
        );
    }

    #[test]
    fn score_for_a_non_participant() {
        let d = errors(ROUND, &format!("{SCORES}64.06,upaya,Penilai A,80,\n"));
        only(
            &d,
            CSV,
            6,
            1,
            "64.06 (Kabupaten Luar), which is not a participant",
        );
    }

    #[test]
    fn panel_criterion_without_any_score() {
        let scores: String = SCORES
            .lines()
            .filter(|l| !l.contains("regulasi"))
            .map(|l| format!("{l}\n"))
            .collect();
        let d = errors(ROUND, &scores);
        only(
            &d,
            TOML,
            16,
            6,
            "panel criterion `regulasi` has no score for any participant",
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let round = r#"title = "Uji"
level = "provinsi"
assessment_period = 2024
award_date = "2025-08-05"
participants = ["64.01", "64.02", "64.99"]
assessors = ["Penilai A", "Penilai B"]
scores_source = "src-x"
tie_break = ["cakupan", "nope"]

[published_result]
source = "src-a"
ranks = [{ region = "64.05", rank = 1 }]

[[criteria]]
id = "upaya"
label = "Upaya"
weight = 20
description = ""
panel = true

[[criteria]]
id = "upaya"
label = "Upaya lagi"
weight = 10
description = ""
panel = true

[[criteria]]
id = "cakupan"
label = "Cakupan"
weight = 30
description = ""
metric = "cakupann"
scale = [40, 100]

[[criteria]]
id = "dua"
label = "Dua"
weight = 5
description = ""
metric = "cakupan"
scale = [40, 100]
panel = true

[[criteria]]
id = "nol"
label = "Nol"
weight = 5
description = ""

[[criteria]]
id = "datar"
label = "Datar"
weight = 5
description = ""
metric = "cakupan"
scale = [50, 50]
"#;
        let scores = "region,criterion,assessor,score,note
64.01,upaya,Penilai A,80,
64.01,upaya,Penilai A,81,
64.02,datar,Penilai A,80,
";
        let d = errors(round, scores);
        let got: Vec<(&str, usize, &str)> = d
            .iter()
            .map(|d| {
                (
                    d.location.file.to_str().unwrap(),
                    d.location.line,
                    d.message.as_str(),
                )
            })
            .collect();
        let expected: Vec<(&str, usize, &str)> = vec![
            (CSV, 3, "duplicate score: region 64.01, criterion `upaya`, assessor `Penilai A` is also given at line 2"),
            (CSV, 4, "criterion `datar` is scored from the metric `cakupan`, not by assessors"),
            (TOML, 5, "unknown participant region `64.99`"),
            (TOML, 7, "scores_source: unknown source `src-x`"),
            (TOML, 8, "tie_break names unknown criterion `nope`"),
            (TOML, 12, "published_result names `64.05`, which is not a participant"),
            (TOML, 22, "duplicate criterion id `upaya` (first at line 15)"),
            (TOML, 33, "criterion `cakupan`: unknown metric `cakupann`"),
            (TOML, 37, "criterion `dua` has both a metric and panel = true"),
            (TOML, 46, "criterion `nol` has neither a metric nor panel = true"),
            (TOML, 57, "criterion `datar`: scale [50, 50] has lo equal to hi"),
        ];
        assert_eq!(got, expected, "{d:#?}");
        assert!(d.iter().all(|d| d.location.column > 0 && d.hint.is_some()));
        assert_eq!(d[6].location.column, 6);
    }

    #[test]
    fn score_file_without_round() {
        let f = site("");
        let root = f.dir.path();
        let (_, _) = f.load(ROUND, Some(SCORES));
        std::fs::write(root.join("data/assessments/lain-scores.csv"), SCORES).unwrap();
        let mut diags = crate::diagnostics::Diagnostics::new();
        let rounds = super::load(root, &f.site, &mut diags);
        assert_eq!(rounds.len(), 1);
        let d = diags.into_sorted();
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("no data/assessments/lain.toml"),
            "{}",
            d[0]
        );
    }
}

#[cfg(test)]
mod robustness_tests {
    use super::super::testutil::site;

    const BASE: &str = r#"title = "Uji"
level = "provinsi"
assessment_period = 2024
award_date = 2025-08-05
participants = ["64.01", "64.02"]

[[criteria]]
id = "upaya"
label = "Upaya"
weight = 20
description = ""
panel = true

[[criteria]]
id = "cakupan"
label = "Cakupan"
weight = WEIGHT
description = ""
metric = "cakupan"
scale = SCALE
"#;

    const SCORES: &str = "region,criterion,assessor,score,note
64.01,upaya,Penilai A,80,
64.02,upaya,Penilai B,75,
";

    fn errors(weight: &str, scale: &str) -> Vec<crate::diagnostics::Diagnostic> {
        let round = BASE.replace("WEIGHT", weight).replace("SCALE", scale);
        site("").load(&round, Some(SCORES)).1
    }

    #[test]
    fn toml_award_date_is_accepted() {
        let d = errors("30", "[40, 100]");
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn non_finite_scales_and_weights_are_errors_at_their_line() {
        for scale in ["[40, inf]", "[nan, 100]", "[-inf, 100]"] {
            let d = errors("30", scale);
            assert_eq!(d.len(), 1, "{scale}: {d:#?}");
            assert_eq!(d[0].location.line, 20, "{}", d[0]);
            assert!(
                d[0].message.contains("not two ordinary numbers"),
                "{}",
                d[0]
            );
        }
        for weight in ["nan", "inf"] {
            let d = errors(weight, "[40, 100]");
            assert_eq!(d.len(), 1, "{weight}: {d:#?}");
            assert_eq!(d[0].location.line, 17, "{}", d[0]);
            assert!(d[0].message.contains("not an ordinary number"), "{}", d[0]);
        }
    }
}
