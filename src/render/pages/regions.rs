//! `/wilayah/`: every region with its latest headline figure and a sparkline of its series,
//! the page the region pages' breadcrumb points to.

use super::super::cards::figure;
use super::super::citations::Citations;
use super::super::shared::{Base, Shared};
use super::super::{i18n::fill, OutFile};
use crate::diagnostics::Diagnostic;
use serde::Serialize;

/// One region of the list.
#[derive(Serialize)]
struct Row<'a> {
    code: &'a str,
    name: &'a str,
    url: String,
    value: String,
    period: String,
    basis: String,
    cites: Vec<super::super::context::Cite>,
    /// Whether the sparkline draws a line (two adjacent periods).
    spark: bool,
}

/// What regions.html receives.
#[derive(Serialize)]
struct RegionsPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    intro: String,
    metric: &'a str,
    metric_label: &'a str,
    rows: Vec<Row<'a>>,
}

pub(in crate::render) fn render(sh: &Shared) -> Result<OutFile, Diagnostic> {
    let t = &sh.words.page;
    let mut cites = Citations::default();
    let metric = sh.site.metric(&sh.site.config.headline_metric);
    let rows = sh
        .site
        .regions
        .iter()
        .map(|r| {
            let f = metric.and_then(|m| figure(sh, &r.code, m, &mut cites));
            let (value, period, basis, fc, spark) = match f {
                Some(f) if !f.period.is_empty() => {
                    (f.value, f.period, f.basis, f.cites, f.points > 1)
                }
                _ => (
                    t.no_headline_figure.clone(),
                    String::new(),
                    String::new(),
                    Vec::new(),
                    false,
                ),
            };
            Row {
                code: &r.code,
                name: &r.name,
                url: sh.region_url(r),
                value,
                period,
                basis,
                cites: fc,
                spark,
            }
        })
        .collect();
    let label = metric.map(|m| m.label.as_str()).unwrap_or_default();
    let url = format!("{}wilayah/", sh.site_ctx().base_path);
    let page = RegionsPage {
        base: sh.base_cited(&t.regions_index_title, &url, &cites),
        intro: fill(&t.regions_intro, &[("metric", label)]),
        metric: metric.map(|m| m.id.as_str()).unwrap_or_default(),
        metric_label: label,
        rows,
    };
    let html = sh.render("regions.html", &page)?;
    Ok(OutFile {
        path: "wilayah/index.html".into(),
        bytes: html.into_bytes(),
    })
}
