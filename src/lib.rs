//! Cakupan: turns coverage data and markdown narratives into a static report site.
//!
//! The build is one data flow: load -> compute -> render -> write. Each stage lives in its
//! own module and hands the next a typed value; only `write` touches the output directory.

pub mod assessment;
pub mod charts;
mod checks;
pub mod compute;
pub mod diagnostics;
pub mod diff;
pub mod fonts;
pub mod format;
pub mod load;
pub mod messages;
pub mod model;
pub mod period;
pub mod pngcache;
pub mod raster;
pub mod render;
pub mod safepath;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod urlpolicy;
pub mod write;

use diagnostics::{Diagnostics, Location};
use std::path::Path;

/// What a successful build (or check) produced.
#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
    pub regions: usize,
    pub metrics: usize,
    pub sources: usize,
    pub figures: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<diagnostics::Diagnostic>,
}

/// Width and height of a standalone chart SVG (from its viewBox).
pub fn embed_size(svg: &str) -> (u32, u32) {
    render::embed::view_box_size(svg)
}

/// Everything a build does except writing: loads, validates, computes, renders every page and
/// chart in memory and plans the output paths. `check` and `build` share it, so whatever
/// `build` refuses, `check` refuses with the same messages.
fn pipeline(
    root: &Path,
    clock: &mut Stages,
    previous: Option<&Path>,
    png_cache: Option<&pngcache::PngCache>,
) -> Result<(Summary, Rendered), Diagnostics> {
    let mut site = load::load(root)?;
    let warnings = std::mem::take(&mut site.warnings);
    clock.lap("load");
    let mut diags = Diagnostics::new();
    render::check_collisions(&site, &mut diags);
    let rounds = assessment::load(root, &site, &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut warnings = warnings;
    warnings.extend(diags.take_warnings());
    // The computed figures take the loaded ones over: one copy of a million figures, not two.
    let figures = site.observations.len();
    let reported = std::mem::take(&mut site.observations);
    let computed = compute::compute_from(&site, reported);
    let mut checks = checks::plausibility(&site, &computed);
    checks.extend(checks::prose(&site, &computed));
    warnings.extend(checks.take_warnings());
    // Compared after this site loaded cleanly, so its own errors are reported first.
    let changes = match previous {
        Some(p) => Some(diff::compare(
            &diff::load_side(p).map_err(|d| diff::relabel(d, &format!("{}/", p.display())))?,
            &diff::Snapshot::from_site(&site, &computed),
        )),
        None => None,
    };
    clock.lap("compute");
    let assessed: Vec<render::assessment::Assessed> = rounds
        .into_iter()
        .map(|round| {
            let outcome = assessment::evaluate(&round, &site, &computed);
            render::assessment::Assessed { round, outcome }
        })
        .collect();
    let renderer = render::Renderer::new(&site, &computed, &assessed, &mut diags)
        .ok_or(diags)?
        .with_changes(changes.as_ref())
        .with_png_cache(png_cache);
    let rendered = renderer.render_all()?;
    clock.lap("render");
    let statics = write::static_files(root)?;
    let summary = Summary {
        pages: rendered.pages,
        charts: rendered.charts,
        files: 0,
        regions: site.regions.len(),
        metrics: site.metrics.len(),
        sources: site.sources.len(),
        figures,
        warnings,
    };
    drop(renderer);
    drop(assessed);
    // The figures export is written straight into the output (80 MB at 300 000 figures),
    // so the computed figures are kept until then instead of the file's bytes.
    let export = FiguresExport { site, computed };
    Ok((
        summary,
        Rendered {
            files: rendered.files,
            streams: vec![(
                render::exports::OBSERVATIONS_CSV.to_string(),
                Box::new(export) as Box<dyn write::Stream>,
            )],
            statics,
        },
    ))
}

/// `data/observations.csv`, written when the output is written.
struct FiguresExport {
    site: model::Site,
    computed: compute::Computed,
}

impl write::Stream for FiguresExport {
    fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        render::exports::write_observations_csv(&self.site, &self.computed, out)
    }
}

/// Rendered pages and files, and the static files to copy, ready to be planned and written.
struct Rendered {
    files: Vec<render::OutFile>,
    /// Files written at write time (see [`write::Stream`]).
    streams: Vec<(String, Box<dyn write::Stream>)>,
    statics: std::collections::BTreeMap<String, write::StaticFile>,
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
    let (mut summary, rendered) = pipeline(root, &mut clock, None, None)?;
    let plan = write::plan_with(&rendered.files, &rendered.streams, &rendered.statics)?;
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
    let mut clock = Stages::new();
    let (mut summary, rendered) = pipeline(root, &mut clock, None, None)?;
    let plan = write::plan_with(&rendered.files, &rendered.streams, &rendered.statics)?;
    summary.files = plan.len();
    let files = plan
        .files()
        .filter(|(rel, _)| *rel != write::MARKER)
        .map(|(rel, bytes)| (rel.to_string(), bytes.to_vec()))
        .collect();
    Ok((summary, files))
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
    let png_cache = pngcache::PngCache::load(pngcache::PngCache::dir_for(out));
    let (mut summary, rendered) = pipeline(root, &mut clock, previous, Some(&png_cache))?;
    // Every output path and every static/generated collision is checked before anything is
    // written, so a refused build leaves no staging folder behind.
    let plan = write::plan_with(&rendered.files, &rendered.streams, &rendered.statics)?;
    strict_gate(options, &mut summary)?;
    write::write_site(out, &plan)?;
    // Only speeds up the next build: a cache that cannot be written is not an error.
    let _ = png_cache.store();
    clock.lap("write");
    summary.files = plan.len();
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
