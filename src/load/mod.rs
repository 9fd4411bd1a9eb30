//! Load stage: read every input file into the typed [`Site`] model, checking references
//! between files, and collect every problem instead of stopping at the first.

mod config;
pub(crate) mod content;
mod metrics;
mod observations;
mod regions;
mod sources;
pub mod table;
pub mod tomlfile;
pub(crate) mod walk;
pub mod workbook;

use crate::diagnostics::Diagnostics;
// The shared "did you mean" helper, as `super::suggest` for the loaders.
pub(crate) use crate::diagnostics::suggest;
use crate::model::Site;
use std::path::Path;

pub fn load(root: &Path) -> Result<Site, Diagnostics> {
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
        region_codes: regions.iter().map(|r| r.code.as_str()).collect(),
        years: config.years,
        metrics_ok,
        sources_ok,
    };
    let observations = observations::load(root, &refs, &mut diags);
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
    let mut site = Site::new(
        root.to_path_buf(),
        config,
        regions,
        metrics,
        sources,
        observations,
        pages,
    );
    if diags.is_empty() {
        site.warnings = diags.take_warnings();
        Ok(site)
    } else {
        Err(diags)
    }
}
