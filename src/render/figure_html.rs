//! The built-in `chart.html` written in Rust: the figure around every chart of a page.
//!
//! A monthly national site draws ~500 figures whose data tables hold ~130 rows each; handing
//! them to tera means converting every cell into a template value first. When the site's theme
//! does not override `chart.html` (its text is the built-in one), the figure is written here
//! instead, escaped by tera's own escaper, so the bytes are those tera writes; a theme that
//! overrides it still gets tera. `tests/chart_figure.rs` holds both paths to the same bytes on
//! charts of every kind, so an edit of the built-in template that is not made here too fails.

use serde::Serialize;

/// The built-in template, as the theme ships it; [`write`] writes exactly what tera renders
/// from it.
pub const BUILTIN: &str = include_str!("../../themes/default/templates/chart.html");

/// What `chart.html` sees as `chart`.
#[derive(Serialize)]
pub struct ChartView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub svg: &'a str,
    pub headers: &'a [String],
    pub rows: &'a [Vec<String>],
    pub svg_url: String,
    pub png_url: String,
    pub csv_url: String,
    pub csv_excel_url: String,
    pub excel_word: &'a str,
    pub png: bool,
    pub note: &'a str,
}

/// The words of `site.t` the template reads.
pub struct Words<'a> {
    pub chart_data: &'a str,
    pub download: &'a str,
}

/// [`BUILTIN`] rendered for `c`, as tera renders it with autoescape on.
pub fn write(c: &ChartView, t: &Words) -> String {
    let table: usize = c.rows.iter().flatten().map(|s| s.len() + 9).sum();
    let mut out = Vec::with_capacity(c.svg.len() + table + 1536);
    let o = &mut out;
    raw(o, "<figure class=\"chart-figure\" id=\"grafik-");
    esc(o, c.id);
    raw(o, "\">\n  <figcaption>");
    esc(o, c.title);
    raw(
        o,
        "</figcaption>\n  <div class=\"chart-scroll\" role=\"group\" tabindex=\"0\" aria-label=\"",
    );
    esc(o, c.title);
    raw(o, "\">");
    raw(o, c.svg);
    raw(o, "</div>\n  ");
    if !c.note.is_empty() {
        raw(o, "<p class=\"chart-note\">");
        esc(o, c.note);
        raw(o, "</p>");
    }
    raw(o, "\n  <details class=\"chart-data\">\n    <summary>");
    esc(o, t.chart_data);
    raw(
        o,
        "</summary>\n    <div class=\"table-wrap\" role=\"group\" tabindex=\"0\" aria-label=\"",
    );
    esc(o, c.title);
    raw(o, ": ");
    esc(o, t.chart_data);
    raw(
        o,
        "\">\n    <table>\n      <caption class=\"visually-hidden\">",
    );
    esc(o, c.title);
    raw(o, "</caption>\n      <thead><tr>");
    for h in c.headers {
        raw(o, "<th scope=\"col\">");
        esc(o, h);
        raw(o, "</th>");
    }
    raw(o, "</tr></thead>\n      <tbody>");
    for row in c.rows {
        raw(o, "<tr>");
        for cell in row {
            raw(o, "<td>");
            esc(o, cell);
            raw(o, "</td>");
        }
        raw(o, "</tr>");
    }
    raw(
        o,
        "</tbody>\n    </table>\n    </div>\n  </details>\n  <p class=\"chart-links\">",
    );
    esc(o, t.download);
    raw(o, ": <a href=\"");
    esc(o, &c.svg_url);
    raw(o, "\" download>SVG</a>");
    if c.png {
        raw(o, " · <a href=\"");
        esc(o, &c.png_url);
        raw(o, "\" download>PNG</a>");
    }
    raw(o, " · <a href=\"");
    esc(o, &c.csv_url);
    raw(o, "\" download>CSV</a> · <a href=\"");
    esc(o, &c.csv_excel_url);
    raw(o, "\" download>");
    esc(o, c.excel_word);
    raw(o, "</a></p>\n</figure>\n");
    // Only whole UTF-8 strings and tera's escapes of them went in.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn raw(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
}

/// Tera's own escaper (the one a `Tera` uses unless told otherwise), so text is escaped here
/// exactly as in the template.
fn esc(out: &mut Vec<u8>, s: &str) {
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(s, out);
}
