//! The page every HTML request gets while the build is broken: each problem with its place,
//! message, hint and the offending source line, in the site's language.

use crate::diagnostics::Diagnostic;
use crate::messages::{self, Lang};
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

/// The words of the page's frame, in `lang` through the message catalogue.
fn tr(english: &str, lang: Lang) -> String {
    messages::translate(english, None, lang).0
}

/// The page every HTML request gets while the build is broken, in `lang`.
pub(super) fn error_page(site: &Path, shown: &[&Diagnostic], hidden: usize, lang: Lang) -> String {
    let mut items = String::new();
    for d in shown {
        let (message, hint) = messages::translate(&d.message, d.hint.as_deref(), lang);
        items.push_str("<li><p class=\"where\"><code>");
        items.push_str(&escape(&d.location.display_in(lang)));
        items.push_str("</code></p><p class=\"msg\">");
        items.push_str(&escape(&message));
        items.push_str("</p>");
        if let Some(line) = source_line(site, d) {
            items.push_str("<pre>");
            items.push_str(&format!("{:>5} | {}", d.location.line, escape(&line)));
            items.push_str("</pre>");
        }
        if let Some(hint) = hint {
            items.push_str("<p class=\"hint\">");
            items.push_str(&escape(&tr("hint:", lang)));
            items.push(' ');
            items.push_str(&escape(&hint));
            items.push_str("</p>");
        }
        items.push_str("</li>\n");
    }
    if hidden > 0 {
        let more = tr(&format!("... and {hidden} more (see the terminal)"), lang);
        items.push_str(&format!("<li><p>{}</p></li>\n", escape(&more)));
    }
    let title = escape(&tr("Build failed: cakupan serve", lang));
    let heading = escape(&tr("The site does not build", lang));
    let lead = escape(&tr(
        "Fix the problems below; this page reloads by itself when the build succeeds.",
        lang,
    ));
    let code = lang.code();
    format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <title>{title}</title>{STYLE}</head><body><h1>{heading}</h1><p>{lead}</p>\
         <ol>\n{items}</ol></body></html>\n"
    )
}

const STYLE: &str = "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;\
    padding:0 1rem}h1{color:#b00020}li{margin-bottom:1.25rem}code,pre{font:14px ui-monospace,monospace}\
    pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}.msg{font-weight:600}.hint{color:#444}</style>";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Location, Severity};

    fn broken() -> Diagnostic {
        Diagnostic {
            location: Location::new("data/regions.csv", 3, 1),
            message: "unknown region `64.0l`".into(),
            hint: Some("did you mean `64.01`? (regions are listed in data/regions.csv)".into()),
            severity: Severity::Error,
        }
    }

    #[test]
    fn the_frame_and_the_problems_are_in_the_sites_language() {
        let d = broken();
        let id = error_page(Path::new("/nonexistent"), &[&d], 2, Lang::Id);
        assert!(id.contains("<html lang=\"id\">"), "{id}");
        for text in [
            "Situs tidak dapat dibangun",
            "wilayah `64.0l` tidak dikenal",
            "saran: maksud Anda `64.01`?",
            "... dan 2 lagi (lihat terminal)",
        ] {
            assert!(id.contains(&escape(text)), "{text} not in\n{id}");
        }
        for english in [
            "does not build",
            "unknown region",
            "hint:",
            "and 2 more",
            "Fix the",
        ] {
            assert!(!id.contains(english), "English `{english}` left in\n{id}");
        }
        let en = error_page(Path::new("/nonexistent"), &[&d], 0, Lang::En);
        assert!(en.contains("<html lang=\"en\">") && en.contains("The site does not build"));
        assert!(en.contains(&escape("hint: did you mean `64.01`?")), "{en}");
    }
}
