//! Loading tera templates: the built-in default theme, then a theme folder of the site, then
//! the site's own `templates/`, each overriding the previous file by file.

use crate::diagnostics::{Diagnostics, Location};
use std::path::{Path, PathBuf};

/// The default theme, compiled in so a site without a `themes/` folder still builds.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "region.html",
        include_str!("../../themes/default/templates/region.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "sources.html",
        include_str!("../../themes/default/templates/sources.html"),
    ),
    (
        "chart.html",
        include_str!("../../themes/default/templates/chart.html"),
    ),
    (
        "assessment.html",
        include_str!("../../themes/default/templates/assessment.html"),
    ),
    (
        "assessment_method.html",
        include_str!("../../themes/default/templates/assessment_method.html"),
    ),
    (
        "changes.html",
        include_str!("../../themes/default/templates/changes.html"),
    ),
    (
        "panel_sheet.html",
        include_str!("../../themes/default/templates/panel_sheet.html"),
    ),
    (
        "definitions.html",
        include_str!("../../themes/default/templates/definitions.html"),
    ),
    (
        "regions.html",
        include_str!("../../themes/default/templates/regions.html"),
    ),
    (
        "assessment_form.html",
        include_str!("../../themes/default/templates/assessment_form.html"),
    ),
];

pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    // Charts name Liberation Sans; shipping it makes pages match the PNGs on every machine.
    ("fonts/LiberationSans-Regular.ttf", crate::fonts::REGULAR),
    ("fonts/LiberationSans-Bold.ttf", crate::fonts::BOLD),
    ("fonts/LiberationSans-Italic.ttf", crate::fonts::ITALIC),
    (
        "fonts/LICENSE-OFL.txt",
        include_bytes!("../../themes/default/static/fonts/LICENSE-OFL.txt"),
    ),
];

pub use crate::load::templates::Sources;

/// Builds the tera instance, reporting syntax errors with the template file and line.
pub fn build(sources: &Sources, diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    // chart(...) in a template leaves a marker that the renderer swaps for the chart, drawn
    // from the site's data by the same code as charts written in markdown.
    tera.register_function("chart", |kwargs: tera::Kwargs, _: &tera::State| {
        let args: std::collections::BTreeMap<String, String> = kwargs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        tera::Value::safe_string(&super::embed::marker(&args))
    });
    let mut ok = true;
    // Parse each on its own first, so every broken template is reported, not just the first.
    for (name, (shown, text)) in sources {
        let mut probe = tera::Tera::new();
        if let Err(e) = probe.add_raw_template(name, text) {
            if !matches!(e.kind(), tera::ErrorKind::MissingParent { .. }) {
                diags.push(template_error(&e, sources, Some(shown)));
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    if let Err(e) =
        tera.add_raw_templates(sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())))
    {
        diags.push(template_error(&e, sources, None));
        return None;
    }
    Some(tera)
}

/// A tera error as a diagnostic pointing at the template file, line and column.
pub fn template_error(
    e: &tera::Error,
    sources: &Sources,
    fallback: Option<&Path>,
) -> crate::diagnostics::Diagnostic {
    let (location, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = sources
                .get(r.filename())
                .map(|(p, _)| p.clone())
                .or_else(|| fallback.map(Path::to_path_buf))
                .unwrap_or_else(|| PathBuf::from(r.filename()));
            let span = r.span();
            (
                Location::new(file, span.start_line, span.start_col + 1),
                r.message().to_string(),
            )
        }
        other => (
            fallback
                .map(Location::file)
                .unwrap_or_else(|| Location::file("templates")),
            other.to_string(),
        ),
    };
    crate::diagnostics::Diagnostic {
        severity: crate::diagnostics::Severity::Error,
        location,
        message: format!("template error: {message}"),
        hint: Some("check the template syntax near this position ({{ value }}, {% tag %}); see themes/default/templates for working examples".into()),
    }
}
