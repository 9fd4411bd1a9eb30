//! `data/observations/*.csv`: the figures, in long (`region,metric,period,value,source,note`)
//! or wide (`region,period,source,<metric>,<metric>...`) layout.

use super::table::{self, Row, Table};
use crate::diagnostics::{Diagnostics, Location};
use crate::format::NumberFormat;
use crate::model::{Interner, Metric, Observation, Region, Source, Status};
use crate::period::Period;
use std::collections::BTreeMap;
use std::path::Path;

/// What the observation rows are checked against.
pub struct Refs<'a> {
    pub province_code: &'a str,
    pub regions: &'a [Region],
    pub metrics: &'a [Metric],
    pub sources: &'a BTreeMap<String, Source>,
    pub number_format: NumberFormat,
    /// Region codes (a constant-time check per row: 41 000 rows x 514 regions otherwise) and
    /// what each figure's place in the order is worked out from.
    pub ranks: Ranks<'a>,
    /// Years a period may have.
    pub years: crate::period::YearRange,
    /// False when data/metrics.toml or data/sources.toml could not be read: then every row
    /// would repeat "unknown metric/source" and bury the one real cause.
    pub metrics_ok: bool,
    pub sources_ok: bool,
}

/// Columns of a long file.
const LONG_COLUMNS: &[&str] = &[
    "region", "metric", "period", "value", "source", "note", "basis", "status",
];

/// The figures of every file, in the order of [`order::Key`], and each one's position in the
/// input (see [`order::sort`]).
pub fn load(root: &Path, refs: &Refs, diags: &mut Diagnostics) -> (Vec<Observation>, Vec<u32>) {
    let mut files = Vec::new();
    for path in super::walk::files(root, "data/observations", diags) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        // `~$kepesertaan.xlsx` is the lock file Excel keeps while the workbook is open.
        if name.starts_with("~$") {
            continue;
        }
        if ext == "csv" || super::workbook::is_workbook(&path) {
            files.push(path);
            continue;
        }
        let shown = crate::diagnostics::display_path(root, &path);
        let hint = match ext.as_str() {
            "tsv" | "txt" => "save the table as CSV UTF-8 (Comma delimited) with the extension .csv, or as an Excel workbook (.xlsx)",
            _ => "only .csv, .xlsx and .ods files in data/observations/ are read; move other files elsewhere",
        };
        diags.warn(
            Location::file(shown),
            "this file is not read, so its figures are not on the site",
            hint,
        );
    }
    if files.is_empty() {
        diags.error_hint(
            Location::file("data/observations"),
            "no CSV or workbook files with figures were found",
            "add at least one file such as data/observations/kepesertaan.csv or kepesertaan.xlsx",
        );
    }
    let mut steps = crate::timings::Steps::new();
    // Files are independent until the duplicate check, so parse them in parallel.
    use rayon::prelude::*;
    // Each file's tables are kept apart until all are parsed, then moved into one list sized
    // once, each freed right after its copy: the peak is the figures plus one file's, and
    // every figure is copied once. Joined neighbour to neighbour as rayon reduces, the lists
    // were copied again at every level of the reduction and each larger list faulted in anew
    // (a quarter of a monthly national build's page faults).
    let per_file: Vec<Gathered> = files
        .par_iter()
        .map(|path| {
            let mut d = Diagnostics::new();
            let shown = crate::diagnostics::display_path(root, path);
            // A worksheet is one table; a large CSV file is read in pieces, each a table.
            let parts: Vec<TableFigures> = if super::workbook::is_workbook(path) {
                let mut intern = Interner::new();
                super::workbook::read(path, &shown, &mut d)
                    .iter()
                    .map(|t| read_table(t, refs, &mut intern, &mut d))
                    .collect()
            } else {
                table::read_each(path, &shown, &mut d, |t, d| {
                    read_table(t, refs, &mut Interner::new(), d)
                })
            };
            let mut file = Gathered::concat(
                parts
                    .into_iter()
                    .map(|(obs, keys, suspects)| Gathered {
                        obs,
                        keys,
                        suspects,
                        diags: Diagnostics::new(),
                    })
                    .collect(),
            );
            file.diags = d;
            file
        })
        .collect();
    let gathered = Gathered::concat(per_file);
    let Gathered {
        obs: mut all,
        keys,
        suspects,
        diags: parsed,
    } = gathered;
    diags.extend(parsed);
    steps.lap("load: parse figures");
    check_grouped_numbers(&all, &suspects, diags);
    let input_order = order::sort(&mut all, keys, diags);
    steps.lap("load: order, duplicates");
    (all, input_order)
}

/// The figures of consecutive tables in input order, with their keys, thousands-group
/// suspects (indexes into `obs`) and messages.
#[derive(Default)]
struct Gathered {
    obs: Vec<Observation>,
    keys: Vec<order::Key>,
    suspects: Vec<Suspect>,
    diags: Diagnostics,
}

impl Gathered {
    /// The parts one after the other, in one allocation per list; each part is freed once it
    /// is moved.
    fn concat(mut parts: Vec<Gathered>) -> Gathered {
        if parts.len() == 1 {
            return parts.pop().unwrap_or_default();
        }
        let total = parts.iter().map(|p| p.obs.len()).sum();
        let mut out = Gathered {
            obs: Vec::with_capacity(total),
            keys: Vec::with_capacity(parts.iter().map(|p| p.keys.len()).sum()),
            suspects: Vec::new(),
            diags: Diagnostics::new(),
        };
        for part in parts {
            let shift = out.obs.len();
            out.suspects
                .extend(part.suspects.into_iter().map(|(i, raw)| (i + shift, raw)));
            out.obs.extend(part.obs);
            out.keys.extend(part.keys);
            out.diags.extend(part.diags);
        }
        out
    }
}

/// What one table gave: its figures, their keys and the thousands-group suspects.
type TableFigures = (Vec<Observation>, Vec<order::Key>, Vec<Suspect>);

/// A value such as `303.424` of an `angka` metric whose other figures are all whole numbers
/// is a count typed with a thousands separator, not a fraction.
/// Index of a figure among those read, and the text it was typed as.
type Suspect = (usize, String);

/// The figures of one table with their keys, and the indexes of those whose text looks like a
/// thousands group of an `angka` metric (judged once every file is read).
fn read_table<'t>(
    t: &'t Table,
    refs: &Refs,
    intern: &mut Interner,
    diags: &mut Diagnostics,
) -> (Vec<Observation>, Vec<order::Key>, Vec<Suspect>) {
    let required_long = ["region", "metric", "period", "value", "source"];
    let required_wide = ["region", "period", "source"];
    let is_long = t.column("metric").is_some();
    let required: &[&str] = if is_long {
        &required_long
    } else {
        &required_wide
    };
    let hint = "long layout: region,metric,period,value,source,note; wide layout: region,period,source,<metric>,<metric>...";
    if !t.require(required, hint, diags) {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    if is_long {
        t.check_columns(LONG_COLUMNS, true, diags);
    }
    let col = |n: &str| t.column(n);
    let (region_col, period_col, source_col, note_col) =
        (col("region"), col("period"), col("source"), col("note"));
    let (basis_col, status_col) = (col("basis"), col("status"));
    let mut out = Vec::with_capacity(t.rows.len());
    let mut keys = Vec::with_capacity(t.rows.len());
    let mut region_cache = order::RegionCache::default();
    let mut known = Known::default();
    let mut suspects = Vec::new();
    let place = t.place();
    // One figure of both layouts: its key, its thousands-group suspicion and the figure.
    let mut add = |row: &Row,
                   col: usize,
                   (pos, m): (usize, &Metric),
                   region: &'t str,
                   period: Period,
                   value: f64,
                   (basis, status): (Option<&str>, Status),
                   source: &str| {
        let raw = t.cell(row, Some(col));
        if t.number(row, col).is_none()
            && m.unit == crate::format::Unit::Angka
            && refs.number_format == NumberFormat::Plain
            && t.separator == ','
            && looks_grouped(raw)
        {
            suspects.push((out.len(), raw.to_string()));
        }
        keys.push(
            refs.ranks
                .key(&mut region_cache, region, pos, period, basis, status),
        );
        let source = intern.get_in(2, source);
        let attrs = crate::model::Attrs {
            sources: intern.list(&[source]),
            note: intern.get_in(3, t.cell(row, note_col)),
            basis: basis.map(|b| intern.get_in(4, b)),
            status,
            place,
        };
        out.push(Observation::new(
            intern.get_in(0, region),
            intern.get_in(1, &m.id),
            period,
            value,
            intern.attrs(attrs),
            t.figure_at(place, row, col),
        ));
    };
    if is_long {
        let (metric_col, value_col) = (col("metric"), col("value"));
        let mut last_metric: Option<(&str, (usize, &Metric))> = None;
        for row in &t.rows {
            let metric = t.cell(row, metric_col);
            // Rows mostly repeat the metric of the row before: found once per run.
            let metric_def = match last_metric {
                Some((id, found)) if id == metric => Some(found),
                _ => check_metric(t, row, metric_col.unwrap_or(0), metric, refs, diags),
            };
            if let Some(found) = metric_def {
                last_metric = Some((metric, found));
            }
            // every cell is checked even when another is wrong, so one run shows every error
            let at = common(
                t,
                row,
                (region_col, period_col, source_col),
                refs,
                &mut known,
                diags,
            );
            let value = metric_def
                .and_then(|(_, m)| parse_value(t, row, value_col.unwrap_or(0), m, refs, diags));
            let kind =
                metric_def.and_then(|(_, m)| basis_status(t, row, basis_col, status_col, m, diags));
            if let (Some(metric), Some((region, period, source)), Some(value), Some(kind)) =
                (metric_def, at, value, kind)
            {
                add(
                    row,
                    value_col.unwrap_or(0),
                    metric,
                    region,
                    period,
                    value,
                    kind,
                    source,
                );
            }
        }
    } else {
        let reserved = ["region", "period", "source", "note", "basis", "status"];
        let mut metric_cols = Vec::new();
        for (i, name) in t.header.iter().enumerate() {
            if reserved.contains(&name.as_str()) {
                continue;
            }
            match refs.metrics.iter().position(|m| &m.id == name) {
                Some(pos) if refs.metrics[pos].ratio.is_none() => {
                    metric_cols.push((i, pos, &refs.metrics[pos]))
                }
                Some(_) => diags.error_hint(
                    t.header_at(i),
                    format!(
                        "column `{name}` is a derived metric; its values are computed, not entered"
                    ),
                    "remove the column",
                ),
                None => diags.error_hint(
                    t.header_at(i),
                    format!("column `{name}` is not a metric defined in data/metrics.toml"),
                    super::suggest("metric", name, refs.metrics.iter().map(|m| m.id.as_str())),
                ),
            }
        }
        for row in &t.rows {
            let Some((region, period, source)) = common(
                t,
                row,
                (region_col, period_col, source_col),
                refs,
                &mut known,
                diags,
            ) else {
                continue;
            };
            for &(c, pos, m) in &metric_cols {
                if t.cell(row, Some(c)).is_empty() {
                    continue;
                }
                let value = parse_value(t, row, c, m, refs, diags);
                let kind = basis_status(t, row, basis_col, status_col, m, diags);
                if let (Some(value), Some(kind)) = (value, kind) {
                    add(row, c, (pos, m), region, period, value, kind, source);
                }
            }
        }
    }
    (out, keys, suspects)
}

/// The figure's basis (denominator) and status, checked against the metric's declared bases.
fn basis_status<'a>(
    t: &'a Table,
    row: &Row,
    basis_col: Option<usize>,
    status_col: Option<usize>,
    m: &'a Metric,
    diags: &mut Diagnostics,
) -> Option<(Option<&'a str>, Status)> {
    let given = t.cell(row, basis_col);
    // Worked out only for a message: it scans the row for the cell's column.
    let at = || t.at(row, basis_col.unwrap_or(0));
    let ids = || {
        m.bases
            .iter()
            .map(|(b, _)| b.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let basis = if m.bases.is_empty() {
        if given.is_empty() {
            Some(None)
        } else {
            diags.error_hint(
                at(),
                format!("basis `{given}` given for `{}`, which declares no bases", m.id),
                format!("declare it in data/metrics.toml: bases = {{ {given} = \"what the figure is divided by\" }}, or leave the cell empty"),
            );
            None
        }
    } else if given.is_empty() {
        match &m.default_basis {
            Some(d) => Some(Some(d.as_str())),
            None => {
                diags.error_hint(
                    at(),
                    format!("the figure of `{}` names no basis (denominator)", m.id),
                    format!("write one of: {} in the basis column, or set default_basis for the metric in data/metrics.toml", ids()),
                );
                None
            }
        }
    } else if m.bases.iter().any(|(b, _)| b == given) {
        Some(Some(given))
    } else {
        diags.error_hint(
            at(),
            format!("`{}` has no basis `{given}`", m.id),
            format!(
                "the bases of this metric are: {} (declared in data/metrics.toml)",
                ids()
            ),
        );
        None
    };
    let status_text = t.cell(row, status_col);
    let status = Status::parse(status_text);
    if status.is_none() {
        diags.error_hint(
            t.at(row, status_col.unwrap_or(0)),
            format!("status `{status_text}` is not one this site knows"),
            format!(
                "write one of: {} (empty means realisasi)",
                Status::IDS.join(", ")
            ),
        );
    }
    Some((basis?, status?))
}

fn check_metric<'a>(
    t: &Table,
    row: &Row,
    col: usize,
    metric: &str,
    refs: &'a Refs,
    diags: &mut Diagnostics,
) -> Option<(usize, &'a Metric)> {
    if !refs.metrics_ok {
        return None;
    }
    let found = refs.metrics.iter().position(|m| m.id == metric);
    match found.map(|i| (i, &refs.metrics[i])) {
        Some((_, m)) if m.ratio.is_some() => {
            diags.error_hint(
                t.at(row, col),
                format!("`{metric}` is a derived metric; its values are computed from its ratio, not entered"),
                "enter the numerator and denominator metrics instead",
            );
            None
        }
        Some(found) => Some(found),
        None => {
            diags.error_hint(
                t.at(row, col),
                format!("unknown metric `{metric}`"),
                super::suggest("metric", metric, refs.metrics.iter().map(|m| m.id.as_str())),
            );
            None
        }
    }
}

/// The region and source of the last row that had a known one: rows mostly repeat both, and
/// a hash lookup per row was a tenth of reading a monthly national site's figures.
#[derive(Default)]
struct Known<'t> {
    region: Option<&'t str>,
    source: Option<&'t str>,
}

/// Region, period and source, each checked; `None` when any is wrong (all are reported).
fn common<'t>(
    t: &'t Table,
    row: &Row,
    (region_col, period_col, source_col): (Option<usize>, Option<usize>, Option<usize>),
    refs: &Refs,
    known: &mut Known<'t>,
    diags: &mut Diagnostics,
) -> Option<(&'t str, Period, &'t str)> {
    let region = t.cell(row, region_col);
    let region_ok = known.region == Some(region) || refs.ranks.knows(region);
    if region_ok {
        known.region = Some(region);
    }
    if !region_ok {
        let by_name = refs.regions.iter().find(|r| {
            r.name.eq_ignore_ascii_case(region) || r.short_name.as_deref() == Some(region)
        });
        let hint = match by_name {
            Some(r) => format!(
                "write the region's code, not its name: {} for {}",
                r.code, r.name
            ),
            None => {
                let names = refs
                    .regions
                    .iter()
                    .flat_map(|r| [r.code.as_str(), r.name.as_str()]);
                let mut h = super::suggest("region", region, names.chain([refs.province_code]));
                h.push_str(" (regions are listed in data/regions.csv)");
                h
            }
        };
        diags.error_hint(
            t.at(row, region_col.unwrap_or(0)),
            format!("unknown region `{region}`"),
            hint,
        );
    }
    let period_text = t.cell(row, period_col);
    let period = match Period::parse(period_text) {
        Ok(p) if !refs.years.contains(p.year()) => {
            diags.error_hint(
                t.at(row, period_col.unwrap_or(0)),
                format!(
                    "period {p} is outside the years {} to {}",
                    refs.years.first, refs.years.last
                ),
                "check the year for a typing error (2204 for 2024); a site that needs other years sets period_range = [first, last] in site.toml",
            );
            None
        }
        Ok(p) => Some(p),
        Err(e) => {
            diags.error_hint(
                t.at(row, period_col.unwrap_or(0)),
                format!("malformed period: {e}"),
                "write a year (2024) or a month (2025-05); put wording such as \"s.d. 2024\" in the note column",
            );
            None
        }
    };
    let source = t.cell(row, source_col);
    let source_ok =
        known.source == Some(source) || refs.sources.contains_key(source) || !refs.sources_ok;
    if source_ok && refs.sources_ok {
        known.source = Some(source);
    }
    if !source_ok {
        let msg = if source.is_empty() {
            "the source is empty".to_string()
        } else {
            format!("unknown source `{source}`")
        };
        let mut hint = super::suggest("source", source, refs.sources.keys().map(String::as_str));
        hint.push_str(" (every figure needs a source id defined in data/sources.toml)");
        diags.error_hint(t.at(row, source_col.unwrap_or(0)), msg, hint);
    }
    match (region_ok, period, source_ok) {
        (true, Some(p), true) => Some((region, p, source)),
        _ => None,
    }
}

mod order;
mod values;
pub use order::Ranks;
use values::{check_grouped_numbers, looks_grouped, parse_value};
