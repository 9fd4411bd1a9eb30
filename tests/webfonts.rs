//! Web fonts of the built example site: the chart font is served as WOFF2 cut to the site's
//! characters (no TrueType file is published or named), every character a chart shows is in the
//! cut font, and the font bytes a page can fetch stay under 150 KB.

mod common;

use common::{build_example, read};
use std::path::Path;

/// Font files named by `url(...)` in a stylesheet, relative to it.
fn font_urls(css: &str) -> Vec<String> {
    css.split("url(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|u| u.starts_with("fonts/"))
        .map(str::to_string)
        .collect()
}

fn files_under(dir: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let p = entry.unwrap().into_path();
        if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
    out
}

#[test]
fn fonts_are_small_woff2_that_cover_the_charts() {
    let (_t, out) = build_example();
    let css = read(&out.join("style.css"));
    let urls = font_urls(&css);
    assert_eq!(urls.len(), 3, "{urls:?}");
    let mut total = 0;
    let mut faces = Vec::new();
    for u in &urls {
        assert!(u.ends_with(".woff2"), "{u}");
        let bytes = std::fs::read(out.join(u)).unwrap_or_else(|e| panic!("{u}: {e}"));
        assert_eq!(&bytes[..4], b"wOF2", "{u}");
        total += bytes.len();
        faces.push(bytes);
    }
    // Every face a page could fetch, together: the upper bound of any page's font bytes (the
    // three full TrueType files were 1.240.984 bytes).
    assert!(total < 150_000, "{total} bytes of fonts");
    assert!(
        files_under(&out, "ttf").is_empty(),
        "no TrueType file is published"
    );

    // Every character of chart text (inline in pages and in the SVG downloads) is in the
    // regular face, so no chart falls back to another font for a glyph.
    let regular = font_subset::FontReader::new(&faces[0]).unwrap();
    let regular = regular.read().unwrap();
    let full = font_subset::Font::opentype(cakupan::testing::chart_font_regular).unwrap();
    let mut checked = 0;
    for p in files_under(&out, "svg") {
        let svg = read(&p);
        for text in svg.split("<text").skip(1) {
            let inner = text.split_once('>').map_or("", |(_, r)| r);
            let inner = inner.split("</text>").next().unwrap_or("");
            for c in inner.chars().filter(|c| !c.is_whitespace() && *c != '&') {
                if full.contains_char(c) {
                    assert!(
                        regular.contains_char(c),
                        "{c:?} of {} is missing",
                        p.display()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "{checked} characters checked");
}

#[test]
fn every_page_links_the_svg_favicon() {
    let (_t, out) = build_example();
    let icon = read(&out.join("favicon.svg"));
    assert!(
        icon.starts_with("<svg") && icon.contains("viewBox"),
        "{icon}"
    );
    for p in files_under(&out, "html") {
        let html = read(&p);
        let depth = p.strip_prefix(&out).unwrap().components().count() - 1;
        let href = format!("{}favicon.svg", "../".repeat(depth));
        // 404.html is served from any depth: it links through the site's absolute base path.
        let ok = html.contains(&format!(
            "<link rel=\"icon\" href=\"{href}\" type=\"image/svg+xml\">"
        )) || (p.ends_with("404.html")
            && html.contains("favicon.svg\" type=\"image/svg+xml\">"));
        assert!(ok, "{} has no favicon link", p.display());
    }
}
