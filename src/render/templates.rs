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
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    // Charts name Liberation Sans; its web fonts (crate::fonts::web_fonts) are cut per site at
    // build time and come with this licence.
    (
        "fonts/LICENSE-OFL.txt",
        include_bytes!("../../themes/default/static/fonts/LICENSE-OFL.txt"),
    ),
];

pub use crate::load::templates::Sources;

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
    register_filters(&mut tera);
    let mut ok = true;
    // Parse each on its own first, so every broken template is reported, not just the first.
    for (name, (shown, text)) in sources {
        let mut probe = tera::Tera::new();
        // tera checks filter names when parsing: the probe must know the theme's own.
        register_filters(&mut probe);
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

/// The theme's filters: `break_url` and `css_string`.
fn register_filters(tera: &mut tera::Tera) {
    tera.register_filter("break_url", |s: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&break_url(s))
    });
    tera.register_filter("css_string", |s: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&css_string(s))
    });
}

/// `url` escaped for HTML with a `<wbr>` after each slash (but not in `//`), so a printed URL wraps at a slash
/// instead of running past the margin or breaking mid-word (`break_url` filter).
pub fn break_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 16);
    let mut chars = url.chars().peekable();
    let mut prev = '\0';
    while let Some(c) = chars.next() {
        let in_double = prev == '/' || chars.peek() == Some(&'/');
        prev = c;
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Not inside or right after `//`: `https:/` or `https://` alone on a line reads as a typo.
            '/' if in_double => out.push('/'),
            '/' => out.push_str("/<wbr>"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as a quoted CSS string that is safe inside a `<style>` element (`css_string` filter):
/// quotes and backslashes escaped, `<` and `>` as CSS escapes so no `</style>` can close the
/// element, line breaks as spaces. A slash that is not part of `//` is followed by a zero-width space, so
/// a URL in a page-margin box wraps at a slash (the validator allows no `overflow-wrap` there).
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    let mut prev = '\0';
    while let Some(c) = chars.next() {
        let in_double = prev == '/' || chars.peek() == Some(&'/');
        prev = c;
        match c {
            '/' if in_double => out.push('/'),
            '/' => out.push_str("/\\200b "),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_break_after_slashes_and_stay_escaped() {
        assert_eq!(
            break_url("https://a.id/x?a=1&b=\"2\""),
            "https://a.id/<wbr>x?a=1&amp;b=&quot;2&quot;"
        );
        assert_eq!(break_url("<script>"), "&lt;script&gt;");
    }

    #[test]
    fn css_strings_cannot_leave_the_string_or_the_style_element() {
        assert_eq!(css_string("Data per 5 Agustus"), "\"Data per 5 Agustus\"");
        assert_eq!(css_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(css_string("https://a.id/b"), "\"https://a.id/\\200b b\"");
        let s = css_string("x</style><script>\n");
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('\n'),
            "{s}"
        );
    }
}
