//! Render stage: pages, charts and data exports as in-memory files, ready for the write stage.
//! Reads no file: everything comes from the load stage's inputs and the computed figures.
//! Each page type is a module of [`pages`], a function of the [`shared::Shared`] context
//! producing one serialisable struct per template.

mod cards;
pub mod chart;
mod citations;
pub mod context;
pub mod embed;
pub mod exports;
pub mod feed;
mod figure_html;
pub mod i18n;
mod links;
pub mod markdown;
mod mdtables;
mod pages;
mod shared;
pub mod shortcodes;
mod story;
pub mod templates;
mod text;
mod xlsx;

use crate::derived::Derived;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Inputs;
pub(crate) use citations::Citations;
use rayon::prelude::*;
use shared::Shared;
use std::collections::BTreeMap;

/// A file of the finished site, relative to the output directory.
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every file the render stage made, with what the build summary counts.
pub struct Rendered {
    /// Files the sink handed back, held in memory.
    pub files: Vec<OutFile>,
    /// Paths of the files the sink took (written already).
    pub written: Vec<String>,
    pub pages: usize,
    pub charts: usize,
}

/// What a [`Sink`] did with a file.
pub(crate) enum Taken {
    /// Handed back: the file stays in memory until the write stage.
    Held(OutFile),
    /// Consumed (written to the staging tree); only its path is left.
    Written(String),
}

/// Where the render stage puts its large files (region and content pages, chart downloads)
/// as each is made, so a build need not hold them all: `build` writes them to the staging
/// tree (src/write), `check` keeps only their paths ([`PathsOnly`]) and `serve` keeps them in
/// memory ([`Keep`]). The sink never
/// decides whether the site is valid: every path still goes through the write stage's plan.
pub(crate) trait Sink: Sync {
    fn take(&self, file: OutFile) -> Taken;
    /// The characters of the HTML and SVG files taken so far (for the web-font subsets).
    fn seen(&self) -> crate::fonts::Seen;
    /// Whether this sink writes files while the site renders (`build`): then chart downloads
    /// are handed to it as the region pages draw them, and a streamed file is written beside
    /// the render (the figures export depends on the figures only, and one core would
    /// otherwise idle while it is written at the end); else streams are written, or for
    /// `check` planned, with the rest, and chart downloads come at the end.
    fn writes_now(&self) -> bool {
        false
    }
    /// Writes `stream` into `paths` now (when [`Sink::writes_now`]); a failure is kept and
    /// fails the build when it finishes, as a page that could not be written does.
    fn write_stream(&self, _paths: &[String], _stream: &dyn crate::write::Stream) {}
    /// Whether chart downloads are handed over as each region page draws them (every sink
    /// that does not keep its files), rather than all at the end.
    fn takes_charts_per_page(&self) -> bool {
        self.writes_now()
    }
}

/// The sink of `check`: a file is looked at for its characters (so the web-font subsets are
/// planned as a build plans them) and dropped, and only its path goes on to the plan. Keeping
/// every file instead held a whole monthly national site in memory (209 MB at 288 000
/// figures) for a run that writes nothing. An unsafe path is handed back, as the build's
/// sink hands it back, for the plan to refuse with its own message.
#[derive(Default)]
pub(crate) struct PathsOnly {
    seen: crate::fonts::SeenShards,
}

impl Sink for PathsOnly {
    fn take(&self, file: OutFile) -> Taken {
        if crate::safepath::check(&file.path).is_err() {
            return Taken::Held(file);
        }
        self.seen.add(&file.path, &file.bytes);
        Taken::Written(file.path)
    }
    fn seen(&self) -> crate::fonts::Seen {
        self.seen.take()
    }
    fn takes_charts_per_page(&self) -> bool {
        true
    }
}

/// The sink that keeps every file in memory.
pub(crate) struct Keep;

impl Sink for Keep {
    fn take(&self, file: OutFile) -> Taken {
        Taken::Held(file)
    }
    fn seen(&self) -> crate::fonts::Seen {
        crate::fonts::Seen::default()
    }
}

/// The render stage: every page, chart and export of the site, the large ones put in `sink`
/// as they are made. `png_cache` holds the PNGs earlier builds rasterised (`build` only), so
/// an unchanged chart is not drawn again.
pub(crate) fn render(
    inputs: &Inputs,
    derived: &Derived,
    png_cache: Option<&crate::buildcache::BuildCache>,
    sink: &dyn Sink,
) -> Result<Rendered, Diagnostics> {
    let mut sh = Shared::new(inputs, &derived.figures, &derived.rounds)?;
    // Formatted once: every region page picks its own lines from the same sections.
    sh.changes = derived.changes.as_ref().map(crate::diff::Report::sections);
    let sh = &sh;
    let site = sh.site;
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    let mut written = Vec::new();
    let mut pages = 0;
    let mut add = |r: Result<Taken, Diagnostic>, diags: &mut Diagnostics| match r {
        Ok(Taken::Held(f)) => {
            pages += 1;
            files.push(f)
        }
        Ok(Taken::Written(path)) => {
            pages += 1;
            written.push(path)
        }
        Err(d) => diags.push(d),
    };
    // data/observations.csv and its Excel twin are streamed at write time (lib.rs, write::Stream).
    // Every page and file goes to the sink as soon as it is made: the home page, /wilayah/ and
    // summary.json of a monthly national site are 1,5-2 MB each, held to the end before.
    let mut steps = crate::timings::Steps::new();
    let take = |r: Result<OutFile, Diagnostic>| r.map(|f| sink.take(f));
    // The site-wide pages and files are rendered beside the region pages, on whichever thread
    // is free: one after the other they were 35-40 ms of one core at 300 000 figures. They are
    // added in the same order as before, so the output does not depend on which finished first.
    let (regions, (home, (content, (singles, late)))) = rayon::join(
        || {
            site.regions
                .par_iter()
                .map(|r| {
                    let page = pages::region::render(sh, r).map(|(f, _)| sink.take(f));
                    (page, flush_charts(sh, png_cache, sink))
                })
                .collect::<Vec<_>>()
        },
        || {
            rayon::join(
                || pages::home::render(sh).map(|(f, _)| sink.take(f)),
                || {
                    rayon::join(
                        || {
                            site.pages
                                .par_iter()
                                .filter(|p| p.region.is_none() && !p.is_home())
                                .map(|p| take(pages::content::render(sh, p)))
                                .collect::<Vec<_>>()
                        },
                        || {
                            let mut singles = vec![
                                take(pages::definitions::render(sh)),
                                take(pages::regions::render(sh)),
                            ];
                            singles.extend(pages::simple::changes(sh).map(take));
                            let late = [
                                exports::summary_json(site, sh.c),
                                feed::atom(site, &sh.site_ctx().base_path),
                            ]
                            .map(|f| sink.take(f));
                            (singles, late)
                        },
                    )
                },
            )
        },
    );
    steps.lap("render: pages");
    let (regions, chart_downloads): (Vec<_>, Vec<Vec<Taken>>) = regions.into_iter().unzip();
    add(home, &mut diags);
    for r in regions.into_iter().chain(content) {
        add(r, &mut diags);
    }
    for r in singles {
        add(r, &mut diags);
    }
    let mut other = Vec::new();
    for a in sh.rounds {
        match pages::assessment::files(sh, a) {
            Ok(fs) => {
                pages += fs.iter().filter(|f| f.path.ends_with(".html")).count();
                other.extend(fs);
            }
            Err(d) => diags.push(d),
        }
    }
    // Not counted as a page: it is no page of the site, only what a server shows for one.
    match pages::simple::not_found(sh) {
        Ok(f) => other.push(f),
        Err(d) => diags.push(d),
    }
    for f in other {
        file_away(sink.take(f), &mut files, &mut written);
    }
    steps.lap("render: rounds, 404");
    for d in std::mem::take(&mut *sh.errors.lock().expect("error list lock")) {
        diags.push(d);
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let drawn = std::mem::take(&mut *sh.emb.charts.drawn.lock().expect("chart registry lock"));
    // Every chart with downloads, once however many pages show it.
    let charts = drawn.len();
    let drawn = drawn
        .into_iter()
        .filter_map(|(key, files)| Some((key, files?)))
        .collect();
    let downloads = chart_downloads.into_iter().flatten();
    for taken in downloads.chain(chart_files(sh.emb.png, png_cache, drawn, sink, &mut diags)) {
        file_away(taken, &mut files, &mut written);
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    steps.lap("render: chart files");
    for taken in late {
        file_away(taken, &mut files, &mut written);
    }
    // The sitemap reads paths only: the written files are listed by theirs, for the call.
    let held = files.len();
    files.extend(written.iter().map(|path| OutFile {
        path: path.clone(),
        bytes: Vec::new(),
    }));
    let sitemap = exports::sitemap(site, &files);
    files.truncate(held);
    files.push(sitemap);
    steps.lap("render: sitemap");
    Ok(Rendered {
        files,
        written,
        pages,
        charts,
    })
}

/// A file the sink handed back joins the held files; one it took leaves its path.
fn file_away(taken: Taken, files: &mut Vec<OutFile>, written: &mut Vec<String>) {
    match taken {
        Taken::Held(f) => files.push(f),
        Taken::Written(path) => written.push(path),
    }
}

/// A page [`render_one`] renders: the home page, a region's page (with every narrative of the
/// region) or a content page.
#[derive(Clone, Copy)]
pub(crate) enum OnePage<'p> {
    Home,
    Region(&'p str),
    Content(&'p crate::model::Page),
}

/// One page rendered alone, with the keys of the charts it drew, for `serve`'s incremental
/// rebuild (src/serve/incremental.rs), which re-renders only the pages an edit changed.
/// `None` when the page does not exist (a region code no region has).
pub(crate) fn render_one(
    inputs: &Inputs,
    figures: &std::sync::Arc<crate::compute::Computed>,
    rounds: &[crate::derived::Assessed],
    page: OnePage<'_>,
) -> Option<Result<(OutFile, Vec<String>), Diagnostics>> {
    let sh = match Shared::new(inputs, figures, rounds) {
        Ok(sh) => sh,
        Err(d) => return Some(Err(d)),
    };
    let result = match page {
        OnePage::Home => pages::home::render(&sh).map(|(f, _)| f),
        OnePage::Region(code) => pages::region::render(&sh, sh.site.region(code)?).map(|(f, _)| f),
        OnePage::Content(p) => pages::content::render(&sh, p),
    };
    let mut diags = Diagnostics::new();
    for d in std::mem::take(&mut *sh.errors.lock().expect("error list lock")) {
        diags.push(d);
    }
    let drawn = std::mem::take(&mut *sh.emb.charts.drawn.lock().expect("chart registry lock"));
    Some(match result {
        Ok(file) if diags.is_empty() => Ok((file, drawn.into_keys().collect())),
        Ok(_) => Err(diags),
        Err(d) => {
            diags.push(d);
            Err(diags)
        }
    })
}

/// The downloads of the charts drawn since the last call, handed to a sink that writes them at
/// once (`build`) or only plans their paths (`check`): holding every chart's documents and CSVs until the last page was most of
/// what a monthly national build kept. A sink that keeps its files gets them all at the end,
/// in the order it always did.
fn flush_charts(
    sh: &Shared,
    png_cache: Option<&crate::buildcache::BuildCache>,
    sink: &dyn Sink,
) -> Vec<Taken> {
    if !sink.takes_charts_per_page() {
        return Vec::new();
    }
    let pending: BTreeMap<String, embed::ChartFiles> = sh
        .emb
        .charts
        .drawn
        .lock()
        .expect("chart registry lock")
        .iter_mut()
        .filter_map(|(key, files)| Some((key.clone(), files.take()?)))
        .collect();
    if pending.is_empty() {
        return Vec::new();
    }
    let mut diags = Diagnostics::new();
    let taken = chart_files(sh.emb.png, png_cache, pending, sink, &mut diags);
    sh.errors
        .lock()
        .expect("error list lock")
        .extend(diags.into_sorted());
    taken
}

/// Download files of every chart drawn: standalone SVG, CSV and (when enabled) PNG.
/// A PNG that cannot be made is an error: the page already links to it.
fn chart_files(
    png: bool,
    png_cache: Option<&crate::buildcache::BuildCache>,
    drawn: BTreeMap<String, embed::ChartFiles>,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> Vec<Taken> {
    let per_chart: Vec<Result<Vec<Taken>, Diagnostic>> = drawn
        .into_par_iter()
        .map(|(key, f)| {
            let mut out = Vec::with_capacity(3);
            let svg = f.standalone(&key);
            if png {
                // 1200 px wide: sharp on phones and in slides, small enough for WhatsApp.
                let bytes = match png_cache {
                    Some(cache) => cache.png(&svg, 1200),
                    None => crate::raster::svg_to_png(&svg, 1200),
                };
                let bytes = bytes.map_err(|e| Diagnostic {
                    severity: crate::diagnostics::Severity::Error,
                    location: crate::diagnostics::Location::file(format!("grafik/{key}.png")),
                    message: format!("cannot draw the chart's PNG: {e}"),
                    hint: Some(
                        "set chart_png = false in site.toml to publish charts without PNGs, and report this as a bug in cakupan".into(),
                    ),
                })?;
                out.push(sink.take(OutFile {
                    path: format!("grafik/{key}.png"),
                    bytes,
                }));
            }
            out.push(sink.take(OutFile {
                path: format!("grafik/{key}.svg"),
                bytes: svg.into_bytes(),
            }));
            out.push(sink.take(OutFile {
                path: format!("grafik/{key}.csv"),
                bytes: f.csv,
            }));
            out.push(sink.take(OutFile {
                path: format!("grafik/{key}-excel.csv"),
                bytes: f.csv_excel,
            }));
            Ok(out)
        })
        .collect();
    let mut files = Vec::new();
    for r in per_chart {
        match r {
            Ok(fs) => files.extend(fs),
            Err(d) => diags.push(d),
        }
    }
    files
}
