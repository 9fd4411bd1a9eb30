//! Loading tera templates: the built-in default theme, then a theme folder of the site, then
//! the site's own `templates/`, each overriding the previous file by file.

use crate::diagnostics::{Diagnostics, Location};
use std::collections::BTreeMap;
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

/// Template name -> (file shown in errors, source text).
pub type Sources = BTreeMap<String, (PathBuf, String)>;

pub fn collect(root: &Path, diags: &mut Diagnostics) -> Sources {
    let mut out: Sources = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, s)| {
            (
                n.to_string(),
                (
                    PathBuf::from(format!("themes/default/templates/{n}")),
                    s.to_string(),
                ),
            )
        })
        .collect();
    for dir in ["themes/default/templates", "templates"] {
        let base = root.join(dir);
        if !base.is_dir() {
            continue;
        }
        // Unreadable entries and links out of the site are reported by the walk.
        for path in crate::load::walk::files(root, dir, diags) {
            let name = path
                .strip_prefix(&base)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let shown = Path::new(dir).join(&name);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    out.insert(name, (shown, text));
                }
                Err(err) => diags.error(
                    Location::file(shown),
                    format!("cannot read template: {err}"),
                ),
            }
        }
    }
    out
}

/// Builds the tera instance, reporting syntax errors with the template file and line.
/// `register` adds the template functions (before the templates, which tera checks against
/// the functions it knows).
pub fn build(
    sources: &Sources,
    diags: &mut Diagnostics,
    register: impl FnOnce(&mut tera::Tera),
) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    register(&mut tera);
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
            let location = Location::new(file, span.start_line, span.start_col + 1);
            // A chart(...) or value(...) call's own diagnostic, placed at the call.
            if let Some((message, hint)) = r.message().split_once(super::embed::HINT_SEP) {
                return crate::diagnostics::Diagnostic {
                    severity: crate::diagnostics::Severity::Error,
                    location,
                    message: message.to_string(),
                    hint: Some(hint.to_string()).filter(|h| !h.is_empty()),
                };
            }
            (location, r.message().to_string())
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
