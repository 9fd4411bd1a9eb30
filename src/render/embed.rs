//! Turns `chart(...)` and `value(...)` calls into HTML, for markdown and templates alike, and
//! keeps every chart drawn so its SVG, PNG and CSV can be offered for download.
//!
//! Templates call `chart` and `value` as tera functions that hold the site's data (an `Arc`
//! of the site and its computed figures, as Zola's `get_page` holds its library), so a chart
//! in a template is drawn where it is called and its errors point at the template's line.

use super::chart::{self, ChartCall, ChartData, ValueSpec};
use super::figure_html::{self, ChartView};
use super::templates::{self, Sources};
use super::{markdown, shortcodes, Citations};
use crate::compute::Computed;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Site;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What a chart's download links point at: the drawing (for the SVG file and the PNG), the
/// caption and source line that travel with it, and the CSV.
pub struct ChartFiles {
    pub doc: crate::charts::SvgDoc,
    pub caption: String,
    pub source_line: String,
    pub csv: Vec<u8>,
    /// The same rows for Excel with the site's regional settings (`-excel.csv`).
    pub csv_excel: Vec<u8>,
}

impl ChartFiles {
    /// The standalone SVG file, caption above and sources below the chart.
    pub fn standalone(&self, key: &str) -> String {
        self.doc.standalone(key, &self.caption, &self.source_line)
    }
}

/// What chart and value calls need, shared by the renderer and the template functions.
pub struct Charts {
    pub site: Arc<Site>,
    pub c: Arc<Computed>,
    /// Only `chart.html`: the figure around a chart, rendered from inside other templates.
    figure_tera: tera::Tera,
    figure_file: std::path::PathBuf,
    /// `chart.html` is the built-in one: figures are written by [`figure_html::write`], without
    /// converting each table into template values.
    builtin_figure: bool,
    pub site_ctx: super::context::SiteCtx,
    /// `site_ctx` as a template value, converted once: maps inside are shared, so each chart's
    /// context gets it for a reference count instead of a conversion of every word.
    site_value: tera::Value,
    /// The `[chart]` words of the site's language (see `i18n::Words::chart`).
    pub words: std::collections::BTreeMap<String, String>,
    pub png: bool,
    /// Every chart drawn in this build, by file stem, with its download files until they are
    /// handed on (`None` after: a build writes them while the pages render).
    pub drawn: Mutex<BTreeMap<String, Option<ChartFiles>>>,
}

/// Separates a diagnostic's message from its hint inside a tera error, which carries one
/// string; [`templates::template_error`] splits it again.
pub const HINT_SEP: char = '\u{1F}';

impl Charts {
    pub fn new(
        site: Arc<Site>,
        c: Arc<Computed>,
        sources: &Sources,
        site_ctx: super::context::SiteCtx,
        words: std::collections::BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) -> Option<Arc<Charts>> {
        let (file, text) = sources.get("chart.html")?;
        let mut figure_tera = tera::Tera::new();
        figure_tera.autoescape_on(vec![".html"]);
        if let Err(e) = figure_tera.add_raw_template("chart.html", text) {
            diags.push(templates::template_error(&e, sources, Some(file)));
            return None;
        }
        let site_value = match tera::Value::try_from_serializable(&site_ctx) {
            Ok(v) => v,
            Err(e) => {
                diags.push(templates::template_error(&e, sources, Some(file)));
                return None;
            }
        };
        Some(Arc::new(Charts {
            png: site.config.chart_png,
            site,
            c,
            figure_tera,
            figure_file: file.clone(),
            builtin_figure: text == figure_html::BUILTIN,
            site_ctx,
            site_value,
            words,
            drawn: Mutex::new(BTreeMap::new()),
        }))
    }

    /// Registers `chart(...)` and `value(...)` as template functions.
    pub fn register(self: &Arc<Self>, tera: &mut tera::Tera) {
        let me = Arc::clone(self);
        tera.register_function("chart", move |kwargs: tera::Kwargs, _: &tera::State| {
            let args = kwargs_map(&kwargs);
            // The place is the template's call, which tera adds to the error it reports.
            let loc = Location::file("template");
            me.call(&args, &loc)
                .map(|html| tera::Value::safe_string(&html))
                .map_err(to_tera)
        });
        let me = Arc::clone(self);
        tera.register_function("value", move |kwargs: tera::Kwargs, _: &tera::State| {
            let args = kwargs_map(&kwargs);
            let loc = Location::file("template");
            ValueSpec::parse(&me.site, &args, &loc)
                .and_then(|v| chart::value_html(&me.site, &me.c, &v, None, &me.words))
                .map(|html| tera::Value::safe_string(&html))
                .map_err(to_tera)
        });
    }

    /// A `chart(...)` call's HTML: checked, its data picked, drawn, its figure rendered.
    pub fn call(
        &self,
        args: &BTreeMap<String, String>,
        loc: &Location,
    ) -> Result<String, Diagnostic> {
        let call = ChartCall::parse(&self.site, args, loc)?;
        let data = chart::data(&self.site, &self.c, &call, &self.words)?;
        self.figure(&call.key, data, loc)
    }

    /// A chart's `<figure>`: inline SVG, a data table in `<details>`, download links; its files
    /// are kept for the write stage. A sparkline is only its SVG.
    pub fn figure(
        &self,
        key: &str,
        mut data: ChartData,
        loc: &Location,
    ) -> Result<String, Diagnostic> {
        let doc = match chart::draw(&mut data) {
            chart::Drawing::Inline(svg) => return Ok(svg),
            chart::Drawing::Figure(doc) => doc,
        };
        let svg = doc.inline(&format!("grafik-{key}"));
        let base = &self.site_ctx.base_path;
        let view = ChartView {
            id: key,
            title: &data.title,
            svg: &svg,
            headers: &data.headers,
            rows: &data.rows,
            svg_url: format!("{base}grafik/{key}.svg"),
            png_url: format!("{base}grafik/{key}.png"),
            csv_url: format!("{base}grafik/{key}.csv"),
            csv_excel_url: format!("{base}grafik/{key}-excel.csv"),
            excel_word: self
                .words
                .get("CSV for Excel")
                .map_or("CSV for Excel", String::as_str),
            png: self.png,
            note: &data.note,
        };
        let html = if self.builtin_figure {
            let t = &self.site_ctx.t;
            let words = figure_html::Words {
                chart_data: &t.chart_data,
                download: &t.download,
            };
            figure_html::write(&view, &words)
        } else {
            let mut ctx = tera::Context::new();
            ctx.insert_value("site", self.site_value.clone());
            ctx.insert("chart", &view);
            self.figure_tera.render("chart.html", &ctx).map_err(|e| {
                let mut one = Sources::new();
                one.insert(
                    "chart.html".into(),
                    (self.figure_file.clone(), String::new()),
                );
                templates::template_error(&e, &one, Some(&self.figure_file))
            })?
        };
        if self
            .drawn
            .lock()
            .expect("chart registry lock")
            .contains_key(key)
        {
            return Ok(html);
        }
        let csv_error = |e: String| Diagnostic {
            severity: crate::diagnostics::Severity::Error,
            location: loc.clone(),
            message: format!("cannot write the chart's CSV download: {e}"),
            hint: Some("report this as a bug in cakupan".into()),
        };
        let (csv, csv_excel) = data
            .csv
            .files(self.site.config.language)
            .map_err(csv_error)?;
        self.drawn
            .lock()
            .expect("chart registry lock")
            .entry(key.to_string())
            .or_insert(Some(ChartFiles {
                doc,
                caption: data.title,
                source_line: data.source_line,
                csv,
                csv_excel,
            }));
        Ok(html)
    }
}

fn kwargs_map(kwargs: &tera::Kwargs) -> BTreeMap<String, String> {
    kwargs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A diagnostic as a tera error: message and hint in one string (see [`HINT_SEP`]).
fn to_tera(d: Diagnostic) -> tera::Error {
    tera::Error::message(format!(
        "{}{HINT_SEP}{}",
        d.message,
        d.hint.unwrap_or_default()
    ))
}

pub struct Embedder {
    pub tera: tera::Tera,
    pub sources: Sources,
    pub site_ctx: super::context::SiteCtx,
    pub png: bool,
    pub charts: Arc<Charts>,
}

impl Embedder {
    /// Markdown to HTML with its calls resolved; citations go into the page's source list.
    pub fn markdown(
        &self,
        body: &str,
        file: &Path,
        first_line: usize,
        cites: &mut Citations,
    ) -> Result<String, Vec<Diagnostic>> {
        let site = &*self.charts.site;
        let (text, calls, mut errors) = shortcodes::extract(body, file, first_line);
        let word = self
            .charts
            .words
            .get("Table")
            .map_or("Table", String::as_str);
        let html = markdown::to_html(&text, site.config.allow_html, word);
        let mut outputs = Vec::with_capacity(calls.len());
        for call in &calls {
            let r = match call.name.as_str() {
                "chart" => self.charts.call(&call.args, &call.location),
                "value" => ValueSpec::parse(site, &call.args, &call.location).and_then(|v| {
                    chart::value_html(
                        site,
                        &self.charts.c,
                        &v,
                        Some(&mut *cites),
                        &self.charts.words,
                    )
                }),
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
}
