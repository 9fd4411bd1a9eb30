//! The page every HTML request gets while the build is broken: each problem with its place,
//! message, hint and the offending source line, in the site's language.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// The line of the input a diagnostic points at, when it names one.
pub(super) fn source_line(site: &Path, d: &Diagnostic) -> Option<String> {
    if d.location.line == 0 {
        return None;
    }
    let path = if d.location.file.is_absolute() {
        d.location.file.clone()
    } else {
        site.join(&d.location.file)
    };
    let text = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&text);
    let line = text.lines().nth(d.location.line - 1)?;
    // A minified file or a CSV with a huge cell must not make the page unreadable.
    Some(line.chars().take(300).collect())
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page every HTML request gets while the build is broken.
pub(super) fn error_page(site: &Path, shown: &[&Diagnostic], hidden: usize) -> String {
    let mut items = String::new();
    for d in shown {
        items.push_str("<li><p class=\"where\"><code>");
        items.push_str(&escape(&d.location.to_string()));
        items.push_str("</code></p><p class=\"msg\">");
        items.push_str(&escape(&d.message));
        items.push_str("</p>");
        if let Some(line) = source_line(site, d) {
            items.push_str("<pre>");
            items.push_str(&format!("{:>5} | {}", d.location.line, escape(&line)));
            items.push_str("</pre>");
        }
        if let Some(hint) = &d.hint {
            items.push_str("<p class=\"hint\">hint: ");
            items.push_str(&escape(hint));
            items.push_str("</p>");
        }
        items.push_str("</li>\n");
    }
    if hidden > 0 {
        items.push_str(&format!(
            "<li><p>... and {hidden} more (see the terminal)</p></li>\n"
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Build failed: cakupan serve</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}\
         h1{{color:#b00020}}li{{margin-bottom:1.25rem}}code,pre{{font:14px ui-monospace,monospace}}\
         pre{{background:#f4f4f4;padding:.5rem;overflow-x:auto}}.msg{{font-weight:600}}.hint{{color:#444}}</style>\
         </head><body><h1>The site does not build</h1>\
         <p>Fix the problems below; this page reloads by itself when the build succeeds.</p>\
         <ol>\n{items}</ol></body></html>\n"
    )
}
