//! Machine-readable outputs: `data/observations.csv`, `data/summary.json` and `sitemap.xml`.

use super::OutFile;
use crate::compute::Computed;
use crate::model::Site;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

mod figures;
pub(crate) use figures::{field, fields_each_closed, push_period, Number};
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
///
/// Serialised straight from the figures, one region at a time: a tree of JSON values for the
/// whole file was 8 MB of small allocations for a 1 MB file, the peak of a yearly national
/// build. Fields are declared in alphabetical order and the maps are sorted, as the value tree
/// printed them.
pub fn summary_json(site: &Site, c: &Computed) -> OutFile {
    let headline = &site.config.headline_metric;
    let doc = Summary {
        data_as_of: data_as_of(site, c).map(|d| d.to_string()),
        headline_metric: headline,
        province: Province {
            code: &site.config.province_code,
            name: &site.config.province_name,
        },
        ranking_basis: c.rankings.get(headline).and_then(|r| r.basis.as_deref()),
        ranking_year: c.rankings.get(headline).map(|r| r.year),
        regions: SummaryRegions {
            site,
            c,
            base: super::links::base_path(&site.config.base_url),
        },
        title: &site.config.title,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    OutFile {
        path: "data/summary.json".into(),
        bytes,
    }
}

#[derive(serde::Serialize)]
struct Summary<'a> {
    data_as_of: Option<String>,
    headline_metric: &'a str,
    province: Province<'a>,
    ranking_basis: Option<&'a str>,
    ranking_year: Option<i32>,
    regions: SummaryRegions<'a>,
    title: &'a str,
}

#[derive(serde::Serialize)]
struct Province<'a> {
    code: &'a str,
    name: &'a str,
}

/// The regions of summary.json, each worked out as it is written.
struct SummaryRegions<'a> {
    site: &'a Site,
    c: &'a Computed,
    base: String,
}

#[derive(serde::Serialize)]
struct SummaryRegion<'a> {
    code: &'a str,
    metrics: BTreeMap<&'a str, Latest<'a>>,
    name: &'a str,
    planned: BTreeMap<&'a str, Latest<'a>>,
    rank: BTreeMap<&'a str, usize>,
    url: String,
}

/// A region's latest figure of a metric (realised, or planned with its absorption).
#[derive(serde::Serialize)]
struct Latest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    absorption: Option<Value>,
    basis: Option<&'a str>,
    period: String,
    source: String,
    status: &'a str,
    value: Value,
}

impl<'a> Latest<'a> {
    fn of(o: &'a crate::model::Observation, absorption: Option<Value>) -> Latest<'a> {
        Latest {
            absorption,
            basis: o.basis().as_deref(),
            period: o.period().to_string(),
            source: o.sources().join("+"),
            status: o.status().id(),
            value: number(o.value),
        }
    }
}

impl serde::Serialize for SummaryRegions<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let (site, c) = (self.site, self.c);
        let mut seq = s.serialize_seq(Some(site.regions.len()))?;
        for r in &site.regions {
            let mut region = SummaryRegion {
                code: &r.code,
                metrics: BTreeMap::new(),
                name: &r.name,
                planned: BTreeMap::new(),
                rank: BTreeMap::new(),
                url: format!("{}wilayah/{}/", self.base, r.slug),
            };
            for m in &site.metrics {
                if let Some(o) = c.latest(&r.code, &m.id) {
                    region.metrics.insert(&m.id, Latest::of(o, None));
                }
                if let Some((p, absorption)) = c.latest_planned(&r.code, &m.id) {
                    // `null` when there is no realised figure to compare with the plan.
                    let absorption = Some(absorption.map_or(Value::Null, number));
                    region.planned.insert(&m.id, Latest::of(p, absorption));
                }
                if let Some(n) = c.rankings.get(&m.id).and_then(|rk| rk.rank_of(&r.code)) {
                    region.rank.insert(&m.id, n);
                }
            }
            seq.serialize_element(&region)?;
        }
        seq.end()
    }
}

/// Date of the newest source any figure names: how fresh the site's data is. Sources no
/// figure uses (a page's background reading) do not make the data newer.
pub fn data_as_of(site: &Site, c: &Computed) -> Option<crate::period::Date> {
    // Figures share their source lists, mostly with the figure before: each distinct list is
    // looked up once, without a list of every figure's (5,7 MB at 300 000 figures).
    let mut lists: HashSet<&crate::model::Sources> = HashSet::new();
    let mut last = None;
    for o in &c.observations {
        if last != Some(o.sources()) {
            lists.insert(o.sources());
            last = Some(o.sources());
        }
    }
    lists
        .into_iter()
        .flat_map(|l| l.iter())
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
