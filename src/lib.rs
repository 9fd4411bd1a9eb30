#![deny(missing_docs)]
//! Cakupan: turns coverage data and markdown narratives into a static report site.
//!
//! The build is one data flow: load -> compute -> render -> write. Each stage lives in its
//! own module and hands the next a typed value; only `write` touches the output directory.

// The public API is the build itself (below), its diagnostics and the commands of the
// command line; every other module is the crate's own, so the compiler sees what is unused.
pub(crate) mod assessment;
pub(crate) mod buildcache;
#[doc(hidden)]
pub mod charts;
mod checks;
pub(crate) mod compute;
mod derived;
pub mod diagnostics;
pub mod diff;
pub(crate) mod fonts;
pub(crate) mod format;
pub(crate) mod load;
pub mod messages;
pub(crate) mod model;
pub(crate) mod period;
#[doc(hidden)]
pub mod raster;
pub(crate) mod render;
pub(crate) mod safepath;
pub mod scaffold;
pub mod serve;
pub(crate) mod slug;
pub(crate) mod timings;
pub(crate) mod trim;
pub(crate) mod urlpolicy;
pub(crate) mod write;

pub use format::Lang;
pub use write::check_output;

/// Internals that the integration tests and the benchmark generator exercise directly (the
/// URL policy, markdown rendering, the output lock, slugs). Not part of the API.
#[doc(hidden)]
pub mod testing {
    pub use crate::fonts::REGULAR as chart_font_regular;
    pub use crate::render::markdown::to_html as markdown_to_html;
    pub use crate::slug::slugify;
    pub use crate::urlpolicy::check as url_check;
    pub use crate::write::lock::acquire as lock_output;

    /// The chart and value calls of a site's markdown checked on the loaded site alone (no
    /// figures computed, nothing rendered); the load error when the site does not load.
    pub fn check_calls(root: &std::path::Path) -> crate::diagnostics::Diagnostics {
        match crate::load::load(root) {
            Ok(site) => {
                let mut diags = crate::diagnostics::Diagnostics::new();
                crate::render::chart::check_calls(&site, &mut diags);
                diags
            }
            Err(d) => d,
        }
    }
}

use diagnostics::{Diagnostics, Location};
use std::path::Path;

/// What a successful build (or check) produced.
#[derive(Debug)]
pub struct Summary {
    /// HTML pages of the site (the 404 page not counted).
    pub pages: usize,
    /// Charts with downloads, each counted once however many pages show it.
    pub charts: usize,
    /// Files written (or, for `check`, that would be written).
    pub files: usize,
    /// Regions (kabupaten/kota) of the site.
    pub regions: usize,
    /// Metrics defined in data/metrics.toml.
    pub metrics: usize,
    /// Sources defined in data/sources.toml.
    pub sources: usize,
    /// Figures read from data/observations/.
    pub figures: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<diagnostics::Diagnostic>,
}

/// Width and height of a standalone chart SVG file, read from its root's width and height
/// (for tests and tools that check a download; the build itself never parses its SVG back).
pub fn embed_size(svg: &str) -> (u32, u32) {
    let root = svg.split("<svg").nth(1).unwrap_or("");
    let attr = |name: &str| {
        root.split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    };
    (attr("width"), attr("height"))
}

/// Everything a build does except writing: load (every input read and validated), compute,
/// render every page and chart in memory. `check` and `build` share it, so whatever `build`
/// refuses, `check` refuses with the same messages.
///
/// The large rendered files go to `sink` as they are made (`build` writes them to its staging
/// tree, `check` keeps only their paths, [`render::PathsOnly`], and `serve` keeps them,
/// [`render::Keep`]); which files a sink takes changes no diagnostic.
fn pipeline(
    root: &Path,
    clock: &mut Stages,
    previous: Option<&Path>,
    png_cache: Option<&buildcache::BuildCache>,
    font_cache: Option<&buildcache::BuildCache>,
    sink: &dyn render::Sink,
) -> Result<(Summary, Rendered, Parts), Diagnostics> {
    let mut inputs = load::inputs(root, previous)?;
    let mut warnings = std::mem::take(&mut inputs.warnings);
    let mut statics = std::mem::take(&mut inputs.statics);
    clock.lap("load");
    // The parsed tables are gone; the compute stage's peak is then the figures themselves.
    release_freed_memory();
    // The computed figures take the loaded ones over: one copy of a million figures, not two.
    let figure_count = inputs.site.observations.len();
    // Their input order too: it only decides between figures while the ratios are derived, and
    // holding it to the end of the build kept 4 bytes a figure (1,2 MB at 300 000) in the peak.
    let reported = std::sync::Arc::get_mut(&mut inputs.site)
        .map(|site| {
            (
                std::mem::take(&mut site.observations),
                std::mem::take(&mut site.input_order),
            )
        })
        .unwrap_or_else(|| {
            (
                inputs.site.observations.clone(),
                inputs.site.input_order.clone(),
            )
        });
    let mut derived = derived::derive(&inputs, reported);
    release_freed_memory();
    clock.lap("compute");
    // observations.csv and its Excel twin: 80 MB each at 300 000 figures, formatted from the
    // figures when written instead of being held. A build writes them beside the render.
    let export = FiguresExport {
        site: inputs.site.clone(),
        computed: derived.figures.clone(),
    };
    let export_paths = vec![
        render::exports::OBSERVATIONS_CSV.to_string(),
        render::exports::OBSERVATIONS_EXCEL_CSV.to_string(),
    ];
    let early = sink.writes_now();
    let started = std::time::Instant::now();
    let (paths, figures) = (&export_paths, &export);
    let rendered = std::thread::scope(|scope| {
        let export = early.then(|| {
            scope.spawn(move || {
                sink.write_stream(paths, figures);
                started.elapsed()
            })
        });
        let rendered = render::render(&inputs, &derived, png_cache, sink);
        // Which of the two ends the stage: the pages or the figures export beside them.
        let pages = started.elapsed();
        match export.map(|e| e.join()) {
            Some(Ok(export)) => timings::note(&format!(
                "render: pages done at {:.1} ms, figures export at {:.1} ms",
                pages.as_secs_f64() * 1000.0,
                export.as_secs_f64() * 1000.0
            )),
            // Joined here, the export's panic would otherwise end with it: pass it on, as the
            // scope does for a thread it joins itself.
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => {}
        }
        rendered
    })?;
    clock.lap("render");
    let checks_from = warnings.len();
    // Moved, not copied: a monthly national site has 10.000 prose warnings (3,7 MB).
    warnings.append(&mut derived.warnings);
    let site = &inputs.site;
    // The chart font, cut to the characters of these pages, unless the site ships its own file.
    let pages = rendered
        .files
        .iter()
        .map(|f| (f.path.as_str(), &f.bytes[..]));
    let chars = fonts::seen_in(pages).merge(sink.seen()).finish();
    for (path, source, bytes) in fonts::web_fonts(chars, font_cache) {
        statics
            .entry(path.to_string())
            .or_insert_with(|| write::StaticFile {
                source: source.into(),
                bytes,
            });
    }
    let summary = Summary {
        pages: rendered.pages,
        charts: rendered.charts,
        files: 0,
        regions: site.regions.len(),
        metrics: site.metrics.len(),
        sources: site.sources.len(),
        figures: figure_count,
        warnings,
    };
    // The outcomes are kept without the rounds they borrow from `inputs`.
    let derived::Derived {
        figures, rounds, ..
    } = derived;
    let outcomes = rounds.into_iter().map(|a| a.outcome).collect();
    Ok((
        summary,
        Rendered {
            files: rendered.files,
            written: rendered
                .written
                .into_iter()
                .chain(export_paths.iter().filter(|_| early).cloned())
                .collect(),
            streams: if early {
                Vec::new()
            } else {
                vec![(export_paths, Box::new(export) as Box<dyn write::Stream>)]
            },
            statics,
        },
        Parts {
            inputs,
            figures,
            outcomes,
            checks_from,
        },
    ))
}

/// Hands the memory the load and compute stages freed back to the system before rendering.
/// glibc keeps freed blocks of every thread's arena for reuse, so the per-file figure lists and
/// tables of a monthly site (tens of MB) stayed in the peak memory of the whole build; measured
/// at 288 000 figures: peak 90 -> 83 MB, the call itself under a millisecond.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator's arenas to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// What the pipeline built on the way to its files, kept by `serve`'s incremental rebuild
/// (src/serve/incremental.rs) to re-render only the pages an edit changed. `inputs.statics`
/// is moved out (to the files to write).
pub(crate) struct Parts {
    pub(crate) inputs: load::Inputs,
    pub(crate) figures: std::sync::Arc<compute::Computed>,
    /// The outcome of each of `inputs.rounds`, in order.
    pub(crate) outcomes: Vec<assessment::Outcome>,
    /// Where the checks' warnings (plausibility and prose, sorted together) start in
    /// `Summary::warnings`; the ones before it come from loading.
    pub(crate) checks_from: usize,
}

/// `data/observations.csv` and its Excel twin, written in one pass (by `build` while the site
/// renders, see [`render::Sink::writes_now`]): 80 MB each at 300 000 figures, so the
/// figures are kept until then instead of the
/// files' bytes.
struct FiguresExport {
    site: std::sync::Arc<model::Site>,
    computed: std::sync::Arc<compute::Computed>,
}

impl write::Stream for FiguresExport {
    fn write_to(&self, outs: &mut [&mut dyn std::io::Write]) -> std::io::Result<()> {
        let [plain, excel] = outs else {
            return Err(std::io::Error::other("the figures export writes two files"));
        };
        render::exports::write_observations_pair(&self.site, &self.computed, *plain, *excel)
    }
}

/// Rendered pages and files, and the static files to copy, ready to be planned and written.
struct Rendered {
    files: Vec<render::OutFile>,
    /// Paths of the files the sink wrote already.
    written: Vec<String>,
    /// Files written at write time (see [`write::Stream`]).
    streams: Vec<write::Streamed<'static>>,
    statics: std::collections::BTreeMap<String, write::StaticFile>,
}

impl Rendered {
    /// Every output file with its path checked: what `check`, `serve` and `build` all plan.
    fn plan(&self) -> Result<write::Plan<'_>, Diagnostics> {
        write::plan_with(&self.files, &self.written, &self.streams, &self.statics)
    }
}

/// How a build or check treats what is not an error.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Every warning is an error: nothing is written and the run fails (for CI, where a
    /// warning nobody reads might as well not exist).
    pub strict: bool,
}

/// Where the error that `--strict` adds is placed: it belongs to no file.
const STRICT_PLACE: &str = "--strict";

/// In strict mode, a run with warnings fails with them (still warnings, so they print as
/// such) and one error saying why. Called after every real error had its chance, so a strict
/// failure never hides one, and before anything is written.
fn strict_gate(options: &Options, summary: &mut Summary) -> Result<(), Diagnostics> {
    if !options.strict || summary.warnings.is_empty() {
        return Ok(());
    }
    let mut diags = Diagnostics::new();
    let n = summary.warnings.len();
    for w in summary.warnings.drain(..) {
        diags.push(w);
    }
    diags.error_hint(
        Location::file(STRICT_PLACE),
        format!("{n} warning(s) treated as errors (--strict)"),
        "fix what the warnings point at, or run without --strict",
    );
    Err(diags)
}

/// Whether `d` is the error a strict run adds for its warnings (the command line prints a
/// summary line instead of it).
pub fn is_strict_stop(d: &diagnostics::Diagnostic) -> bool {
    d.location.file == Path::new(STRICT_PLACE) && d.location.line == 0
}

/// The whole build minus writing: every input read and validated, every page, chart and
/// template rendered in memory, every output path checked.
pub fn check(root: &Path) -> Result<Summary, Diagnostics> {
    check_with(root, &Options::default())
}

/// [`check`] with options; in strict mode any warning fails it, as it fails [`build_with`].
pub fn check_with(root: &Path, options: &Options) -> Result<Summary, Diagnostics> {
    let mut clock = Stages::new();
    let sink = render::PathsOnly::default();
    let (mut summary, rendered, _) = pipeline(root, &mut clock, None, None, None, &sink)?;
    let plan = rendered.plan()?;
    strict_gate(options, &mut summary)?;
    summary.files = plan.len();
    Ok(summary)
}

/// The whole build in memory, for `cakupan serve`: every planned output file (path relative to
/// the site root, such as `wilayah/kota-samarinda/index.html`) with its bytes, nothing written.
/// The output marker is left out: it only matters in a folder on disk.
pub fn build_in_memory(
    root: &Path,
) -> Result<(Summary, std::collections::BTreeMap<String, Vec<u8>>), Diagnostics> {
    build_in_memory_parts(root).map(|(summary, files, _)| (summary, files))
}

/// Output files by path relative to the output folder, with their bytes.
type Files = std::collections::BTreeMap<String, Vec<u8>>;

/// [`build_in_memory`], also handing back what the pipeline built on the way ([`Parts`]).
pub(crate) fn build_in_memory_parts(root: &Path) -> Result<(Summary, Files, Parts), Diagnostics> {
    let mut clock = Stages::new();
    let (mut summary, rendered, parts) =
        pipeline(root, &mut clock, None, None, None, &render::Keep)?;
    let plan = rendered.plan()?;
    summary.files = plan.len();
    let files = plan
        .files()
        .filter(|(rel, _)| *rel != write::MARKER)
        .map(|(rel, bytes)| (rel.to_string(), bytes.to_vec()))
        .collect();
    Ok((summary, files, parts))
}

/// The whole build: load -> compute -> render -> write.
pub fn build(root: &Path, out: &Path) -> Result<Summary, Diagnostics> {
    build_with(root, out, &Options::default())
}

/// [`build`] with options; in strict mode a warning stops it before anything is written.
pub fn build_with(root: &Path, out: &Path, options: &Options) -> Result<Summary, Diagnostics> {
    build_inner(root, out, options, None)
}

/// [`build_with`] compared with a previous release (a site folder, a built site or its
/// data/summary.json): also publishes `/perubahan/` and each region's changes.
pub fn build_compared(
    root: &Path,
    out: &Path,
    options: &Options,
    previous: &Path,
) -> Result<Summary, Diagnostics> {
    build_inner(root, out, options, Some(previous))
}

fn build_inner(
    root: &Path,
    out: &Path,
    options: &Options,
    previous: Option<&Path>,
) -> Result<Summary, Diagnostics> {
    let mut clock = Stages::new();
    if let Err(msg) = write::check_output(root, out) {
        let mut diags = Diagnostics::new();
        diags.error_hint(
            Location::file(out),
            msg,
            "pass --out with a folder of its own, such as public/",
        );
        return Err(diags);
    }
    // PNGs of earlier builds, read before rendering (which reads no files) and updated after
    // the site is published.
    let png_cache = buildcache::BuildCache::load(buildcache::BuildCache::dir_for(out));
    let font_cache = buildcache::BuildCache::load_fonts(buildcache::BuildCache::fonts_dir_for(out));
    // The output is locked and its staging tree made ready before rendering, so pages are
    // written as they are rendered instead of all being held until the end. Nothing reaches
    // the output before the swap: a build refused below leaves it as it was.
    let writer = write::Writer::open(out)?;
    let (mut summary, rendered, parts) = pipeline(
        root,
        &mut clock,
        previous,
        Some(&png_cache),
        Some(&font_cache),
        &writer,
    )?;
    // Freed beside the swap, not before it: the figures, pages and tables of a monthly
    // national site took 5-10 ms of one core to free, with the other core idle.
    // Without a thread to spare, they are freed here.
    let freed = std::thread::Builder::new().spawn(move || drop(parts)).ok();
    // Every output path and every static/generated collision is checked before the swap.
    let plan = rendered.plan()?;
    strict_gate(options, &mut summary)?;
    writer.finish(&plan)?;
    // Only speeds up the next build: a cache that cannot be written is not an error.
    let _ = png_cache.store();
    let _ = font_cache.store();
    clock.lap("write");
    summary.files = plan.len();
    if let Some(freed) = freed {
        let _ = freed.join();
    }
    Ok(summary)
}

/// Stage timings on stderr when `CAKUPAN_TIMINGS` is set, for finding where a build spends time.
struct Stages {
    on: bool,
    last: std::time::Instant,
}

impl Stages {
    fn new() -> Self {
        Stages {
            on: std::env::var_os("CAKUPAN_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    fn lap(&mut self, stage: &str) {
        if self.on {
            eprintln!(
                "{stage:>8}: {:>7.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = std::time::Instant::now();
    }
}
