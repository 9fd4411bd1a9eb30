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

/// The font subsets are kept in `.cakupan-cache/fonts/` beside the output: a rebuild takes them
/// from there, a new character cuts new ones and drops the old, and the published fonts are the
/// same bytes a build without any cache makes.
#[test]
fn font_subsets_are_cached_beside_the_output_and_change_nothing() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("situs");
    assert!(!fs_extra_copy(&common::example_root(), &site).is_empty());
    let out = work.path().join("public");
    let cache = work.path().join(".cakupan-cache/fonts");
    let build = |out: &Path| {
        cakupan::build(&site, out).unwrap_or_else(|d| panic!("{:?}", d.into_sorted()));
    };
    let fonts = |out: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = files_under(out, "woff2")
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p.strip_prefix(out).unwrap().display().to_string(), bytes)
            })
            .collect();
        v.sort();
        v
    };
    build(&out);
    let entries = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    };
    let first = entries(&cache);
    assert_eq!(first.len(), 3, "one subset per face: {first:?}");
    assert!(first.iter().all(|n| n.ends_with(".woff2")));
    let published = fonts(&out);
    assert_eq!(published.len(), 3);
    // A rebuild uses the same entries; the output's fonts are unchanged.
    build(&out);
    assert_eq!(entries(&cache), first);
    assert_eq!(fonts(&out), published);
    // A build elsewhere (its own, empty cache) publishes the same bytes.
    let elsewhere = tempfile::tempdir().unwrap();
    let fresh = elsewhere.path().join("public");
    build(&fresh);
    assert_eq!(fonts(&fresh), published);
    // A character no page had: new subsets, the old entries are gone.
    let about = site.join("content/tentang.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, format!("{text}\n\nSimbol baru: Ω\n")).unwrap();
    build(&out);
    let after = entries(&cache);
    assert_eq!(after.len(), 3);
    assert!(
        after.iter().all(|n| !first.contains(n)),
        "{first:?} -> {after:?}"
    );
    assert_ne!(fonts(&out), published);
}

/// Copies a site folder (files only, no output or caches), returning the copied paths.
fn fs_extra_copy(from: &Path, to: &Path) -> Vec<std::path::PathBuf> {
    let mut copied = Vec::new();
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_string());
        if matches!(
            first.as_deref(),
            Some(
                "public"
                    | "target"
                    | ".git"
                    | ".cakupan-cache"
                    | "tests"
                    | "src"
                    | "bench"
                    | "examples"
                    | ".ci"
            )
        ) {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &dest).unwrap();
            copied.push(dest);
        }
    }
    copied
}
