//! Cakupan: turns coverage data and markdown narratives into a static report site.
//!
//! The build is one data flow: load -> compute -> render -> write. Each stage lives in its
//! own module and hands the next a typed value; only `write` touches the output directory.

pub mod assessment;
pub mod charts;
pub mod compute;
pub mod diagnostics;
pub mod fonts;
pub mod format;
pub mod load;
pub mod model;
pub mod period;
pub mod raster;
pub mod render;
pub mod safepath;
pub mod slug;
pub mod urlpolicy;
pub mod write;

use diagnostics::{Diagnostics, Location};
use std::path::Path;

/// What a successful build produced.
#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
}

/// Width and height of a standalone chart SVG (from its viewBox).
pub fn embed_size(svg: &str) -> (u32, u32) {
    render::embed::view_box_size(svg)
}

/// Loads and validates a site and checks that its templates parse; renders nothing.
pub fn check(root: &Path) -> Result<model::Site, Diagnostics> {
    let site = load::load(root)?;
    let mut diags = Diagnostics::new();
    render::check_collisions(&site, &mut diags);
    let _ = assessment::load(root, &site, &mut diags);
    let sources = render::templates::collect(root, &mut diags);
    let _ = render::templates::build(&sources, &mut diags);
    if diags.is_empty() {
        Ok(site)
    } else {
        Err(diags)
    }
}

/// The whole build: load -> compute -> render -> write.
pub fn build(root: &Path, out: &Path) -> Result<Summary, Diagnostics> {
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
    let site = load::load(root)?;
    clock.lap("load");
    let mut diags = Diagnostics::new();
    render::check_collisions(&site, &mut diags);
    let rounds = assessment::load(root, &site, &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let computed = compute::compute(&site);
    clock.lap("compute");
    let assessed: Vec<render::assessment::Assessed> = rounds
        .into_iter()
        .map(|round| {
            let outcome = assessment::evaluate(&round, &site, &computed);
            render::assessment::Assessed { round, outcome }
        })
        .collect();
    let renderer = render::Renderer::new(&site, &computed, &assessed, &mut diags).ok_or(diags)?;
    let rendered = renderer.render_all()?;
    clock.lap("render");
    let mut diags = Diagnostics::new();
    let statics = match write::static_files(root) {
        Ok(s) => s,
        Err(e) => {
            diags.error(
                Location::file("static"),
                format!("cannot read static files: {e}"),
            );
            return Err(diags);
        }
    };
    if let Err(e) = write::write_site(out, &rendered.files, &statics) {
        diags.error_hint(
            Location::file(out),
            format!("cannot write the site: {e}"),
            "check that the output folder is writable and the disk is not full",
        );
        return Err(diags);
    }
    clock.lap("write");
    Ok(Summary {
        pages: rendered.pages,
        charts: rendered.charts,
        files: rendered.files.len() + statics.len(),
    })
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
