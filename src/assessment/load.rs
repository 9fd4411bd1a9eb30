//! Reading `data/assessments/<round>.toml` and `<round>-scores.csv`, checking every reference
//! against the loaded site and reporting all problems with their positions.

use super::{Combine, Criterion, CriterionKind, Level, Published, PublishedRank, Round, ScoreRow};
use crate::diagnostics::suggest;
use crate::diagnostics::{display_path, Diagnostics, Location};
use crate::load::table::{self, Table};
use crate::load::tomlfile;
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
            });
        }
        Published { source, ranks }
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

mod criteria;
mod scores;
use criteria::read_criteria;
use scores::read_scores;

#[cfg(test)]
mod tests;
