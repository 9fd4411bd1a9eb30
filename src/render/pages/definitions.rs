//! `/definisi/`: every metric's definition once, with its unit, denominators, target and
//! whether it is ranked. Cards and tables link here instead of repeating the definition.

use super::super::shared::{Base, Shared};
use super::super::{i18n::fill, OutFile};
use crate::diagnostics::Diagnostic;
use crate::format::Unit;
use serde::Serialize;

/// One metric as the definitions page lists it.
#[derive(Serialize)]
struct Definition<'a> {
    id: &'a str,
    label: &'a str,
    description: &'a str,
    unit: &'a str,
    ranked: bool,
    /// (basis description) of every declared denominator.
    bases: Vec<&'a str>,
    target: String,
    target_source: &'a str,
    /// How a derived metric is computed; empty for reported ones.
    formula: String,
}

/// What definitions.html receives.
#[derive(Serialize)]
struct DefinitionsPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    metrics: Vec<Definition<'a>>,
}

pub(in crate::render) fn render(sh: &Shared) -> Result<OutFile, Diagnostic> {
    let t = &sh.words.page;
    let label_of = |id: &str| {
        sh.site
            .metric(id)
            .map(|m| m.label.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let metrics = sh
        .site
        .metrics
        .iter()
        .map(|m| Definition {
            id: &m.id,
            label: &m.label,
            description: &m.description,
            unit: match m.unit {
                Unit::Orang => &t.unit_orang,
                Unit::Persen => &t.unit_persen,
                Unit::Rupiah => &t.unit_rupiah,
                Unit::Angka => &t.unit_angka,
            },
            ranked: m.rank,
            bases: m.bases.iter().map(|(_, d)| d.as_str()).collect(),
            target: m.target.map(|v| sh.value(m, v)).unwrap_or_default(),
            target_source: m.source_note.as_deref().unwrap_or_default(),
            formula: m
                .ratio
                .as_ref()
                .map(|r| {
                    fill(
                        &t.ratio_of,
                        &[
                            ("numerator", &label_of(&r.numerator)),
                            ("denominator", &label_of(&r.denominator)),
                        ],
                    )
                })
                .unwrap_or_default(),
        })
        .collect();
    let url = format!("{}definisi/", sh.site_ctx().base_path);
    let page = DefinitionsPage {
        base: sh.base(&t.definitions, &url, false),
        metrics,
    };
    let html = sh.render("definitions.html", &page)?;
    Ok(OutFile {
        path: "definisi/index.html".into(),
        bytes: html.into_bytes(),
    })
}
