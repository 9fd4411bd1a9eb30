//! Chart text as a reader sees it: no chart text below 12 px at any width the theme supports
//! (320 px up), on every page of the example site.
//!
//! A chart's text is drawn in SVG units and shown scaled by (displayed width / viewBox width).
//! The theme (style.css) shows a chart's wide rendering (`chart-wide`, 720 units) only from
//! 47rem up, where the column is at least 720 px and the chart is capped at 720 px: scale 1.
//! Below 47rem it shows the narrow rendering (`chart-narrow`, 288 units), at least as wide as
//! a 320 px screen's column (288 px): scale at least 1. A chart with no narrow rendering is
//! held at 786 px on a phone (scale 786/720). So the budget is font-size x that scale.
//! `.ci/chart_text.js` measures the same in Chromium.

mod common;

use common::{build_example, read};
use std::path::{Path, PathBuf};

const MIN_PX: f64 = 12.0;

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            pages(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

/// `(class, viewBox width, body)` of every chart SVG in `html` (sparklines are not charts:
/// they carry no text).
fn chart_svgs(html: &str) -> Vec<(String, f64, String)> {
    let mut out = Vec::new();
    for part in html.split("<svg ").skip(1) {
        let head = &part[..part.find('>').unwrap()];
        let attr = |name: &str| {
            head.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map(str::to_string)
        };
        let Some(class) = attr("class") else { continue };
        if !class.split(' ').any(|c| c == "chart") {
            continue;
        }
        let vb = attr("viewBox").expect("a chart has a viewBox");
        let w: f64 = vb.split(' ').nth(2).unwrap().parse().unwrap();
        let body = part[..part.find("</svg>").unwrap()].to_string();
        out.push((class, w, body));
    }
    out
}

/// The smallest scale at which the theme displays an SVG of this class and width.
fn smallest_scale(class: &str, width: f64) -> f64 {
    if class.contains("chart-narrow") {
        288.0 / width
    } else if class.contains("chart-wide") {
        720.0 / width
    } else {
        // No phone rendering: 720 px on a computer, 786 px on a phone.
        720.0_f64.min(786.0) / width
    }
}

#[test]
fn no_chart_text_is_smaller_than_12_px_as_displayed() {
    let (_t, out) = build_example();
    let mut files = Vec::new();
    pages(&out, &mut files);
    let (mut charts, mut texts) = (0, 0);
    let mut small = Vec::new();
    for f in &files {
        let html = read(f);
        for (class, w, body) in chart_svgs(&html) {
            charts += 1;
            let scale = smallest_scale(&class, w);
            let head = &body[..body.find('>').unwrap()];
            let root_size: f64 = head
                .split("font-size=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .expect("a chart's root states its text size");
            for t in body.split("<text ").skip(1) {
                texts += 1;
                // A text without a size of its own has the root's (12).
                let own = t[..t.find('>').unwrap()]
                    .split("font-size=\"")
                    .nth(1)
                    .and_then(|s| s.split('"').next())
                    .map(|s| s.parse::<f64>().expect("a number"));
                let size = own.unwrap_or(root_size);
                let shown = size * scale;
                if shown < MIN_PX - 1e-9 {
                    let words = t.split('>').nth(1).unwrap_or("").split('<').next().unwrap();
                    small.push(format!(
                        "{}: {class} {words:?} {shown:.1} px",
                        f.strip_prefix(&out).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(charts > 20 && texts > 300, "{charts} charts, {texts} texts");
    assert!(
        small.is_empty(),
        "{} texts below 12 px: {small:#?}",
        small.len()
    );
}

/// Every chart figure carries a phone rendering, named by the wide one's title and
/// description (no second set of words for a screen reader), inside the same figure.
#[test]
fn every_chart_has_a_narrow_rendering_named_by_the_wide_one() {
    let (_t, out) = build_example();
    let mut files = Vec::new();
    pages(&out, &mut files);
    let mut figures = 0;
    for f in &files {
        let html = read(f);
        for fig in html.split("<figure class=\"chart-figure\"").skip(1) {
            let fig = &fig[..fig.find("</figure>").unwrap()];
            figures += 1;
            let svgs = chart_svgs(fig);
            let classes: Vec<&str> = svgs.iter().map(|s| s.0.as_str()).collect();
            assert_eq!(
                classes,
                ["chart chart-wide", "chart chart-narrow"],
                "{}",
                f.display()
            );
            assert_eq!((svgs[0].1, svgs[1].1), (720.0, 288.0));
            let narrow = &svgs[1].2;
            assert!(!narrow.contains("<title") && !narrow.contains("<desc"));
            let labelled = narrow
                .split("aria-labelledby=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .expect("the narrow chart is named");
            for id in labelled.split(' ') {
                assert_eq!(
                    fig.matches(&format!(" id=\"{id}\"")).count(),
                    1,
                    "{id} in {}",
                    f.display()
                );
            }
        }
    }
    assert!(figures > 10, "{figures} chart figures");
}
