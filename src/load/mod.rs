//! Load stage: read every input file into the typed [`Site`] model, checking references
//! between files, and collect every problem instead of stopping at the first.

mod collisions;
mod config;
pub(crate) mod content;
mod metrics;
pub(crate) use metrics::MAX_HEADLINE;
mod observations;
mod regions;
mod sources;
pub(crate) mod statics;
pub mod table;
pub(crate) mod templates;
pub mod tomlfile;
pub(crate) mod walk;
pub(crate) mod words;
pub mod workbook;

use crate::assessment::Round;
use crate::diagnostics::{Diagnostic, Diagnostics};
// The shared "did you mean" helper, as `super::suggest` for the loaders.
pub(crate) use crate::diagnostics::suggest;
use crate::model::Site;
use statics::StaticFile;
use std::collections::BTreeMap;
use std::path::Path;

/// Everything a build reads, read once and validated as far as it can be without rendering:
/// the data and content (`site`), the assessment rounds, the templates (parsed), the static
/// files and, for `build --previous`, the previous release. No later stage reads a file.
pub(crate) struct Inputs {
    /// Shared by `Arc`: the template functions chart() and value() hold it (tera functions
    /// must be `'static`).
    pub site: std::sync::Arc<Site>,
    pub rounds: Vec<Round>,
    pub templates: Templates,
    pub statics: BTreeMap<String, StaticFile>,
    /// The interface words of the site's language (built-in, overridden by the site).
    pub words: crate::render::i18n::Words,
    /// The release this build is compared with (`build --previous`).
    pub previous: Option<crate::diff::Snapshot>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// The theme's and the site's templates, with the file each came from for error messages.
/// Parsed once here (so a syntax error is a load error); the render stage builds them again
/// with the real chart() and value() functions, which need the computed figures.
pub(crate) struct Templates {
    pub sources: templates::Sources,
}

/// The load stage: reads and validates every input of the site at `root` (and the previous
/// release at `previous`), reporting every problem it finds together.
pub(crate) fn inputs(root: &Path, previous: Option<&Path>) -> Result<Inputs, Diagnostics> {
    let mut steps = crate::timings::Steps::new();
    let mut site = load(root)?;
    steps.lap("load: site");
    let mut warnings = std::mem::take(&mut site.warnings);
    // The site's data loaded cleanly: everything that depends on it is checked together, so
    // one run reports a bad round, a broken template and an unpublishable static file at once.
    let mut diags = Diagnostics::new();
    collisions::check(&site, &mut diags);
    // Every chart(...) and value(...) call in markdown, parsed and checked against the data
    // without drawing anything.
    crate::render::chart::check_calls(&site, &mut diags);
    steps.lap("load: collisions, calls");
    let rounds = crate::assessment::load(root, &site, &mut diags);
    let sources = templates::collect(root, &mut diags);
    let parsed = crate::render::templates::build(&sources, &mut diags, templates::stub_functions);
    let words = words::load(root, site.config.language, &mut diags);
    let statics = match statics::static_files(root) {
        Ok(s) => s,
        Err(d) => {
            diags.extend(d);
            BTreeMap::new()
        }
    };
    steps.lap("load: rounds .. statics");
    warnings.extend(diags.take_warnings());
    if parsed.is_none() || !diags.is_empty() {
        return Err(diags);
    }
    // Read after this site loaded cleanly, so its own errors are reported first.
    let previous = match previous {
        Some(p) => Some(
            crate::diff::load_side(p)
                .map_err(|d| crate::diff::relabel(d, &format!("{}/", p.display())))?,
        ),
        None => None,
    };
    Ok(Inputs {
        site: std::sync::Arc::new(site),
        rounds,
        templates: Templates { sources },
        statics,
        words,
        previous,
        warnings,
    })
}

/// Reads the site's configuration, data and content into the [`Site`] model.
pub fn load(root: &Path) -> Result<Site, Diagnostics> {
    let mut steps = crate::timings::Steps::new();
    let mut diags = Diagnostics::new();
    let Some(cfg) = config::load(root, &mut diags) else {
        return Err(diags);
    };
    let config = cfg.config;
    let regions = regions::load(root, &mut diags);
    if regions.is_empty() {
        // Without regions every figure would be reported as an unknown region: show the cause only.
        return Err(diags);
    }
    // A reference table that fails to load is reported alone: without it every figure would
    // add an "unknown metric/source" error and bury the cause.
    let before = diags.len();
    let metrics = metrics::load(root, &mut diags);
    let metrics_ok = diags.len() == before || !metrics.is_empty();
    let before = diags.len();
    let sources = sources::load(root, &mut diags);
    let sources_ok = diags.len() == before || !sources.is_empty();
    if !metrics.is_empty() && !metrics.iter().any(|m| m.id == config.headline_metric) {
        diags.error_hint(
            cfg.headline_location,
            format!(
                "headline_metric `{}` is not defined in data/metrics.toml",
                config.headline_metric
            ),
            suggest(
                "metric",
                &config.headline_metric,
                metrics.iter().map(|m| m.id.as_str()),
            ),
        );
    }
    if let Some(r) = regions.iter().find(|r| r.code == config.province_code) {
        diags.error_hint(
            r.location.clone(),
            format!("region code {} is the same as the province_code in site.toml", r.code),
            "regions.csv lists kabupaten/kota only; figures for the whole province use the province code",
        );
    }
    let refs = observations::Refs {
        province_code: &config.province_code,
        regions: &regions,
        metrics: &metrics,
        sources: &sources,
        number_format: config.number_format,
        ranks: observations::Ranks::new(&config.province_code, &regions, &metrics),
        years: config.years,
        metrics_ok,
        sources_ok,
    };
    steps.lap("load: config .. sources");
    let (observations, input_order) = observations::load(root, &refs, &mut diags);
    let pages = content::load(root, &mut diags);
    for p in &pages {
        if let Some(code) = &p.region {
            if !regions.iter().any(|r| &r.code == code) {
                let names = regions
                    .iter()
                    .flat_map(|r| [r.code.as_str(), r.name.as_str()]);
                diags.error_hint(
                    p.region_location.clone(),
                    format!("front matter names unknown region `{code}`"),
                    suggest("region", code, names),
                );
            }
        }
    }
    let mut site = Site::new(config, regions, metrics, sources, observations, pages);
    site.input_order = input_order;
    steps.lap("load: pages, model");
    if diags.is_empty() {
        site.warnings = diags.take_warnings();
        Ok(site)
    } else {
        Err(diags)
    }
}
