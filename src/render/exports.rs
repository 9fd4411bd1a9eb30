//! Machine-readable outputs: `data/observations.csv`, `data/summary.json` and `sitemap.xml`.

use super::OutFile;
use crate::compute::Computed;
use crate::model::Site;
use serde_json::{json, Map, Value};
use std::fmt::Write as _;

mod figures;
pub(crate) use figures::{field, fields_each_closed};
pub use figures::{write_observations_pair, CHUNK as EXPORT_CHUNK};

/// Where [`write_observations_pair`] publishes every observation, reported and derived, with
/// its source, in plain number format so any spreadsheet or script can read it back. The build
/// streams it into the output at write time (see `write::Stream`), so a million figures never
/// hold their 260 MB export in memory.
pub const OBSERVATIONS_CSV: &str = "data/observations.csv";

/// Where the Excel twin of [`OBSERVATIONS_CSV`] is published: the same table as Excel with the
/// site's regional settings opens a CSV: a BOM so it reads UTF-8 and, for an Indonesian site,
/// `;` between columns and a decimal comma. A workbook of a national table would double the
/// build's memory (the writer holds every cell), so the large table gets this CSV and the small
/// ones get workbooks.
pub const OBSERVATIONS_EXCEL_CSV: &str = "data/observations-excel.csv";

/// Text for a CSV cell: a leading `=`, `+`, `-` or `@` would run as a formula when the file is
/// opened in a spreadsheet, so such text gets an apostrophe in front (numbers are not passed
/// through here).
pub(crate) fn text_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Shortest round-trip decimal, with derived values cut to 6 decimals (noise beyond that).
pub(crate) fn plain(v: f64) -> String {
    let mut s = String::new();
    write_plain(&mut s, v);
    s
}

/// [`plain`] appended to `out`.
fn write_plain(out: &mut String, v: f64) {
    let r = (v * 1e6).round() / 1e6;
    let r = if r == 0.0 { 0.0 } else { r };
    let _ = write!(out, "{r}");
}

pub(super) fn number(v: f64) -> Value {
    let r = (v * 1e6).round() / 1e6;
    serde_json::Number::from_f64(if r == 0.0 { 0.0 } else { r })
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// Latest value of every metric for every region, and its ranks.
pub fn summary_json(site: &Site, c: &Computed) -> OutFile {
    let base = super::links::base_path(&site.config.base_url);
    let regions: Vec<Value> = site
        .regions
        .iter()
        .map(|r| {
            let mut metrics = Map::new();
            let mut planned = Map::new();
            let mut rank = Map::new();
            for m in &site.metrics {
                if let Some(o) = c.latest(&r.code, &m.id) {
                    metrics.insert(
                        m.id.clone(),
                        json!({
                            "value": number(o.value),
                            "period": o.period.to_string(),
                            "source": o.sources.join("+"),
                            "basis": o.basis,
                            "status": o.status.id(),
                        }),
                    );
                }
                if let Some((p, absorption)) = c.latest_planned(&r.code, &m.id) {
                    planned.insert(
                        m.id.clone(),
                        json!({
                            "value": number(p.value),
                            "period": p.period.to_string(),
                            "source": p.sources.join("+"),
                            "basis": p.basis,
                            "status": p.status.id(),
                            "absorption": absorption.map(number),
                        }),
                    );
                }
                if let Some(n) = c.rankings.get(&m.id).and_then(|rk| rk.rank_of(&r.code)) {
                    rank.insert(m.id.clone(), json!(n));
                }
            }
            json!({
                "code": r.code,
                "name": r.name,
                "url": format!("{base}wilayah/{}/", r.slug),
                "rank": rank,
                "metrics": metrics,
                "planned": planned,
            })
        })
        .collect();
    let headline = &site.config.headline_metric;
    let doc = json!({
        "title": site.config.title,
        "data_as_of": data_as_of(site, c).map(|d| d.to_string()),
        "province": {"code": site.config.province_code, "name": site.config.province_name},
        "headline_metric": headline,
        "ranking_year": c.rankings.get(headline).map(|r| r.year),
        "ranking_basis": c.rankings.get(headline).and_then(|r| r.basis.clone()),
        "regions": regions,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    OutFile {
        path: "data/summary.json".into(),
        bytes,
    }
}

/// Date of the newest source any figure names: how fresh the site's data is. Sources no
/// figure uses (a page's background reading) do not make the data newer.
pub fn data_as_of(site: &Site, c: &Computed) -> Option<crate::period::Date> {
    // Figures share their source lists: look each distinct list up once.
    let mut lists: Vec<&[crate::model::Sym]> =
        c.observations.iter().map(|o| &o.sources[..]).collect();
    lists.sort_unstable_by_key(|l| l.as_ptr() as usize);
    lists.dedup_by_key(|l| l.as_ptr() as usize);
    lists
        .into_iter()
        .flatten()
        .filter_map(|id| site.sources.get(id.as_str())?.date)
        .max()
}

/// sitemap.xml of every HTML page (the 404 page excluded).
pub fn sitemap(site: &Site, files: &[OutFile]) -> OutFile {
    let base = site.config.base_url.trim_end_matches('/');
    let mut urls: Vec<String> = files
        .iter()
        .filter(|f| f.path.ends_with("index.html"))
        .map(|f| format!("{base}/{}", f.path.trim_end_matches("index.html")))
        .collect();
    urls.sort();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for u in urls {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::charts::escape(&u)
        ));
    }
    xml.push_str("</urlset>\n");
    OutFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}
