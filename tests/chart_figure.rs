//! The figure around a chart (`chart.html`) is written in Rust while the theme keeps the
//! built-in template, and rendered by tera once a theme overrides it: both must give the same
//! bytes, for charts of every kind.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Every kind of chart, a title that needs escaping, a note, a keyed denominator, a message
/// chart, and sparklines; region pages add their trends and sparklines.
const PAGE: &str = "+++\ntitle = \"Grafik\"\n+++\n\n\
{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2024\", title=\"Peringkat <A&B> 'satu'\") }}\n\n\
{{ chart(type=\"ranking\", metric=\"peserta_aktif\", period=\"2024\") }}\n\n\
{{ chart(type=\"trend\", metric=\"cakupan\", region=\"64.01\") }}\n\n\
{{ chart(type=\"trend\", metric=\"cakupan\", regions=\"64.72,64.74\") }}\n\n\
{{ chart(type=\"trend\", metric=\"peserta_aktif\", region=\"64.72\") }}\n\n\
{{ chart(type=\"tilemap\", metric=\"cakupan\", period=\"2024\") }}\n\n\
{{ chart(type=\"scatter\", x=\"cakupan\", y=\"peserta_aktif\", period=\"2024\") }}\n\n\
{{ chart(type=\"composition\", metrics=\"peserta_aktif,potensi_pekerja\", period=\"2024\") }}\n\n\
{{ chart(type=\"target\", metric=\"peserta_aktif\", target=\"potensi_pekerja\", period=\"2024\") }}\n\n\
Tren: {{ chart(type=\"sparkline\", metric=\"cakupan\", region=\"64.01\") }}\n";

/// Monthly figures (a note under the trend) and a second denominator (a keyed note).
const MORE_CSV: &str = "\
region,metric,period,value,source,note,basis
64.01,cakupan,2024-11,65,bpjstk-2024,,
64.01,cakupan,2024-12,66,bpjstk-2024,,
64.72,peserta_aktif,2023,250000,berita-2025,,bps
64.72,peserta_aktif,2024-12,310000,berita-2025,,
";

/// The built site, with `chart.html` overridden by `figure` when given.
fn build(figure: Option<&str>, png: bool) -> BTreeMap<PathBuf, Vec<u8>> {
    let site = TestSite::new();
    site.write("site.toml", &format!("{SITE_TOML}chart_png = {png}\n"));
    site.replace(
        "data/metrics.toml",
        "description = \"Jumlah peserta aktif.\"",
        "description = \"Jumlah peserta aktif.\"\nbases = { bps = \"Penduduk bekerja & <BPS>\", bpjstk = \"Potensi versi BPJSTK\" }\ndefault_basis = \"bpjstk\"",
    );
    site.write("data/observations/lagi.csv", MORE_CSV);
    site.write("content/uji-grafik.md", PAGE);
    if let Some(f) = figure {
        site.write("templates/chart.html", f);
    }
    site.build_ok();
    snapshot(&site.out())
}

fn builtin() -> String {
    read(&example_root().join("themes/default/templates/chart.html"))
}

#[test]
fn figures_written_in_rust_are_the_bytes_tera_renders() {
    for png in [false, true] {
        let rust = build(None, png);
        // A comment renders as nothing: the same figure, but no longer the built-in text.
        let through_tera = build(Some(&format!("{{# via tera #}}{}", builtin())), png);
        let page =
            String::from_utf8(rust[&PathBuf::from("uji-grafik/index.html")].clone()).unwrap();
        for id in [
            "grafik-ranking-cakupan-2024",
            "grafik-trend-cakupan-64-01",
            "grafik-tilemap-cakupan-2024",
            "grafik-scatter-2024-cakupan-peserta-aktif",
            "grafik-composition",
            "grafik-target",
        ] {
            assert!(page.contains(id), "{id} missing");
        }
        assert!(page.contains("class=\"chart-note\""), "a note is drawn");
        assert!(page.contains("Penyebut: (A) Penduduk bekerja &amp; &lt;BPS&gt;"));
        assert!(
            page.contains("Tidak diperingkat"),
            "a message chart is drawn"
        );
        assert!(
            page.contains("Peringkat &lt;A&amp;B&gt; &#39;satu&#39;"),
            "{page}"
        );
        assert_eq!(page.contains("download>PNG</a>"), png);
        assert_eq!(rust.len(), through_tera.len());
        for (path, bytes) in &rust {
            assert!(
                through_tera.get(path) == Some(bytes),
                "{} differs between the Rust figure and tera's (png = {png})",
                path.display()
            );
        }
    }
}

#[test]
fn a_theme_that_overrides_the_figure_is_rendered_by_tera() {
    let theirs = builtin().replace("chart-links", "chart-links mine");
    let out = build(Some(&theirs), false);
    let page = String::from_utf8(out[&PathBuf::from("uji-grafik/index.html")].clone()).unwrap();
    assert!(page.contains("<p class=\"chart-links mine\">"), "{page}");
    assert!(!page.contains("<p class=\"chart-links\">"));
}
