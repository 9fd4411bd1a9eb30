//! Turns `chart(...)` and `value(...)` calls into HTML, for markdown and templates alike, and
//! keeps every chart drawn so its SVG, PNG and CSV can be offered for download.
//!
//! Templates cannot reach the site's data from inside tera, so a template's `chart(...)` call
//! only leaves a marker comment; the page's HTML is then passed through [`Embedder::markers`].

use super::chartspec::{self, ChartOut};
use super::templates::{self, Sources};
use super::{markdown, shortcodes, Citations};
use crate::diagnostics::{Diagnostic, Location};
use crate::format;
use crate::model::Site;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

/// Start of the comment a template's `chart(...)` leaves. It carries a number drawn at random
/// for each run, so text in a page (with `allow_html`) cannot pose as a chart call.
fn marker_prefix() -> &'static str {
    static PREFIX: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PREFIX.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        format!("<!--cakupan-{:016x}:", h.finish())
    })
}

/// The files behind a chart's download links.
pub struct ChartFiles {
    pub svg: String,
    pub csv: Vec<u8>,
}

#[derive(Serialize)]
struct ChartView<'a> {
    id: &'a str,
    title: &'a str,
    svg: &'a str,
    headers: &'a [String],
    rows: &'a [Vec<String>],
    svg_url: String,
    png_url: String,
    csv_url: String,
    png: bool,
    note: &'a str,
}

pub struct Embedder<'a> {
    pub site: &'a Site,
    pub c: &'a crate::compute::Computed,
    pub tera: tera::Tera,
    pub sources: Sources,
    pub site_ctx: super::context::SiteCtx,
    pub png: bool,
    pub charts: Mutex<BTreeMap<String, ChartFiles>>,
}

impl Embedder<'_> {
    /// A chart's `<figure>`: inline SVG, a data table in `<details>`, download links.
    pub fn chart(
        &self,
        args: &BTreeMap<String, String>,
        loc: &Location,
    ) -> Result<String, Diagnostic> {
        let out: ChartOut = chartspec::build(self.site, self.c, args, loc)?;
        if out.inline {
            return Ok(out.svg);
        }
        let base = &self.site_ctx.base_path;
        let view = ChartView {
            id: &out.key,
            title: &out.title,
            svg: &out.svg,
            headers: &out.headers,
            rows: &out.rows,
            svg_url: format!("{base}grafik/{}.svg", out.key),
            png_url: format!("{base}grafik/{}.png", out.key),
            csv_url: format!("{base}grafik/{}.csv", out.key),
            png: self.png,
            note: &out.note,
        };
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site_ctx);
        ctx.insert("chart", &view);
        let html = self
            .tera
            .render("chart.html", &ctx)
            .map_err(|e| templates::template_error(&e, &self.sources, None))?;
        let standalone = standalone_svg(&out.svg, &out.title, &out.source_line);
        self.charts
            .lock()
            .expect("chart registry lock")
            .entry(out.key.clone())
            .or_insert(ChartFiles {
                svg: standalone,
                csv: out.csv,
            });
        Ok(html)
    }

    /// `100% (Mei 2025)[3]`: a figure in the site's format with its period and citation.
    pub fn value(
        &self,
        args: &BTreeMap<String, String>,
        loc: &Location,
        cites: &mut Citations,
    ) -> Result<String, Diagnostic> {
        let allowed = ["region", "metric", "period", "status", "basis"];
        if let Some(k) = args.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(Diagnostic {
                severity: crate::diagnostics::Severity::Error,
                location: loc.clone(),
                message: format!("value(): unknown argument `{k}`"),
                hint: Some("arguments: region, metric, period, status, basis".into()),
            });
        }
        let status = match args.get("status") {
            None => crate::model::Status::Realisasi,
            Some(s) => crate::model::Status::parse(s).ok_or_else(|| Diagnostic {
                severity: crate::diagnostics::Severity::Error,
                location: loc.clone(),
                message: format!("value(): unknown status `{s}`"),
                hint: Some(format!(
                    "status is one of: {}",
                    crate::model::Status::IDS.join(", ")
                )),
            })?,
        };
        let site = self.site;
        let given = args
            .get("region")
            .map(String::as_str)
            .unwrap_or(&site.config.province_code);
        let Some(region) = site.resolve_area(given) else {
            let names = site
                .regions
                .iter()
                .flat_map(|r| [r.code.as_str(), r.name.as_str()]);
            return Err(Diagnostic {
                severity: crate::diagnostics::Severity::Error,
                location: loc.clone(),
                message: format!("value(): unknown region `{given}`"),
                hint: Some(crate::diagnostics::suggest("region", given, names)),
            });
        };
        let metric_id = args
            .get("metric")
            .map(String::as_str)
            .unwrap_or(&site.config.headline_metric);
        let Some(metric) = site.metric(metric_id) else {
            return Err(Diagnostic {
                severity: crate::diagnostics::Severity::Error,
                location: loc.clone(),
                message: format!("value(): unknown metric `{metric_id}`"),
                hint: Some(crate::diagnostics::suggest(
                    "metric",
                    metric_id,
                    site.metrics.iter().map(|m| m.id.as_str()),
                )),
            });
        };
        // Plans and quotas are asked for by name (status="kuota") and printed as such; a
        // basis, when given, picks the figure of that denominator.
        let basis = args.get("basis");
        let series: Vec<usize> = if status.is_realised() {
            self.c.series(region, metric_id).to_vec()
        } else {
            self.c
                .planned
                .get(region)
                .and_then(|m| m.get(metric_id))
                .cloned()
                .unwrap_or_default()
        }
        .into_iter()
        .filter(|&i| {
            let o = &self.c.observations[i];
            o.status == status && basis.is_none_or(|b| o.basis.as_deref() == Some(b.as_str()))
        })
        .collect();
        let obs = match args.get("period") {
            None => series.last().map(|&i| &self.c.observations[i]),
            Some(p) => {
                let period = crate::period::Period::parse(p).map_err(|e| Diagnostic {
                    severity: crate::diagnostics::Severity::Error,
                    location: loc.clone(),
                    message: format!("value(): period: {e}"),
                    hint: Some("write period=\"2024\" or period=\"2025-05\"".into()),
                })?;
                series
                    .iter()
                    .map(|&i| &self.c.observations[i])
                    .find(|o| o.period == period)
            }
        };
        let Some(o) = obs else {
            let have: Vec<String> = series
                .iter()
                .map(|&i| self.c.observations[i].period.to_string())
                .collect();
            return Err(Diagnostic {
                severity: crate::diagnostics::Severity::Error,
                location: loc.clone(),
                message: format!(
                    "value(): no figure for `{metric_id}` in region {region}{}",
                    args.get("period")
                        .map(|p| format!(" for {p}"))
                        .unwrap_or_default()
                ),
                hint: Some(if have.is_empty() {
                    "this region has no figures for this metric".into()
                } else {
                    format!("periods with figures: {}", have.join(", "))
                }),
            });
        };
        let lang = site.config.language;
        let refs: String = cites
            .cite(&o.sources)
            .iter()
            .map(|c| format!("<sup><a href=\"#sumber-{}\">[{}]</a></sup>", c.n, c.n))
            .collect();
        let shown = format::value(o.value, metric.unit, lang);
        let shown = if o.status.is_realised() {
            shown
        } else {
            format!("{} {shown}", o.status.label(lang))
        };
        Ok(format!(
            "<span class=\"value\">{}</span> ({}){refs}",
            crate::charts::escape(&shown),
            crate::charts::escape(&format::period(o.period, lang))
        ))
    }

    /// Markdown to HTML with its calls resolved; citations go into the page's source list.
    pub fn markdown(
        &self,
        body: &str,
        file: &Path,
        first_line: usize,
        cites: &mut Citations,
    ) -> Result<String, Vec<Diagnostic>> {
        let (text, calls, mut errors) = shortcodes::extract(body, file, first_line);
        let html = markdown::to_html(&text, self.site.config.allow_html);
        let mut outputs = Vec::with_capacity(calls.len());
        for call in &calls {
            let r = match call.name.as_str() {
                "chart" => self.chart(&call.args, &call.location),
                "value" => self.value(&call.args, &call.location, cites),
                _ => Ok(String::new()),
            };
            match r {
                Ok(h) => outputs.push((call.block, h)),
                Err(d) => {
                    errors.push(d);
                    outputs.push((call.block, String::new()));
                }
            }
        }
        if errors.is_empty() {
            Ok(shortcodes::restore(&html, &outputs))
        } else {
            Err(errors)
        }
    }

    /// Replaces markers left by templates' `chart(...)` calls with the charts.
    pub fn markers(&self, html: String, template: &str) -> Result<(String, usize), Diagnostic> {
        let prefix = marker_prefix();
        if !html.contains(prefix) {
            return Ok((html, 0));
        }
        let loc = Location::file(format!("template {template}"));
        let bad = |what: &str| Diagnostic {
            severity: crate::diagnostics::Severity::Error,
            location: loc.clone(),
            message: format!("a chart(...) call in this template could not be read: {what}"),
            hint: Some("write it as {{ chart(type=\"ranking\", metric=\"...\") }}".into()),
        };
        let mut out = String::with_capacity(html.len() + 16 * 1024);
        let mut rest = html.as_str();
        let mut n = 0;
        while let Some(start) = rest.find(prefix) {
            out.push_str(&rest[..start]);
            let after = &rest[start + prefix.len()..];
            let end = after
                .find("-->")
                .ok_or_else(|| bad("the marker has no end"))?;
            let args: BTreeMap<String, String> =
                serde_json::from_str(&after[..end]).map_err(|e| bad(&e.to_string()))?;
            out.push_str(&self.chart(&args, &loc)?);
            n += 1;
            rest = &after[end + 3..];
        }
        out.push_str(rest);
        Ok((out, n))
    }
}

/// The marker a template's `chart(...)` call leaves in the page.
pub fn marker(args: &BTreeMap<String, String>) -> String {
    let json = serde_json::to_string(args)
        .unwrap_or_default()
        .replace('>', "\\u003e")
        .replace('-', "\\u002d");
    format!("{}{json}-->", marker_prefix())
}

/// A chart as a file of its own, for slides and WhatsApp: the page's caption and source line
/// travel with it, drawn above and below the chart, since the page around it does not.
fn standalone_svg(svg: &str, title: &str, source_line: &str) -> String {
    let (w, h) = view_box_size(svg);
    let wrap = |text: &str, size: f64| crate::charts::wrap_words(text, size, w as f64 - 24.0);
    let title_lines = wrap(title, 15.0);
    let source_lines = wrap(source_line, 11.0);
    let top = 14 + 20 * title_lines.len() as u32;
    let total = top + h + 8 + 15 * source_lines.len() as u32 + 6;
    let esc = crate::charts::escape;
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{total}\" viewBox=\"0 0 {w} {total}\" font-family=\"{}\">\n<rect width=\"{w}\" height=\"{total}\" fill=\"#FFFFFF\"/>\n",
        crate::fonts::SVG_STACK
    );
    for (i, line) in title_lines.iter().enumerate() {
        let y = 24 + 20 * i as u32;
        out.push_str(&format!("<text x=\"12\" y=\"{y}\" font-size=\"15\" font-weight=\"bold\" fill=\"#222222\">{}</text>\n", esc(line)));
    }
    let inner = svg.replacen(
        " role=\"img\" class=\"chart\"",
        &format!(" x=\"0\" y=\"{top}\" width=\"{w}\" height=\"{h}\" role=\"img\""),
        1,
    );
    out.push_str(&inner);
    out.push('\n');
    for (i, line) in source_lines.iter().enumerate() {
        let y = top + h + 16 + 15 * i as u32;
        out.push_str(&format!(
            "<text x=\"12\" y=\"{y}\" font-size=\"11\" fill=\"#555555\">{}</text>\n",
            esc(line)
        ));
    }
    out.push_str("</svg>\n");
    out
}

pub fn view_box_size(svg: &str) -> (u32, u32) {
    let vb = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("0 0 720 300");
    let nums: Vec<u32> = vb
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    (
        nums.get(2).copied().unwrap_or(720),
        nums.get(3).copied().unwrap_or(300),
    )
}
