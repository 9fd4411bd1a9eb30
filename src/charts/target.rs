//! Target chart (bullet bars): per region a wide outlined bar for the target and a narrower
//! solid bar for the realisation on the same axis, with the share achieved written at the end.

use super::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One region: either side may be missing; a missing side is said in words, never drawn as zero.
pub struct TargetRow {
    pub label: String,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    pub actual_label: String,
    pub target_label: String,
    /// Share of the target achieved, pre-formatted ("62%", "125%").
    pub share_label: String,
}

pub struct TargetChart {
    pub title: String,
    pub desc: String,
    /// Legend text for the realisation bar.
    pub actual_key: String,
    /// Legend text for the target bar.
    pub target_key: String,
    pub rows: Vec<TargetRow>,
    /// Said when a row has a target but no realisation ("realisasi tidak ada").
    pub no_actual: String,
    /// Said when a row has a realisation but no target ("target tidak ada").
    pub no_target: String,
}

/// Greedy word wrap to lines at most `max_w` wide (estimated); a single word longer than that
/// stays on its own line.
pub fn wrap_words(s: &str, size: f64, max_w: f64) -> Vec<String> {
    wrap_measured(s, max_w, |t| text_width(t, size))
}

/// [`wrap_words`] for bold text (bold glyphs are wider).
pub fn wrap_bold(s: &str, size: f64, max_w: f64) -> Vec<String> {
    wrap_measured(s, max_w, |t| crate::fonts::text_width(t, size, true))
}

fn wrap_measured(s: &str, max_w: f64, text_width: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if text_width(&candidate) <= max_w || cur.is_empty() {
            cur = candidate;
        } else {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

const LABEL_SIZE: f64 = 12.0;
const LABEL_MAX: f64 = 240.0;
const LINE_H: f64 = 15.0;

/// The words written after a row's bars: (text, size, colour, bold, italic) pieces, left to right.
fn end_pieces<'a>(
    c: &'a TargetChart,
    r: &'a TargetRow,
) -> Vec<(&'a str, f64, RGBColor, bool, bool)> {
    match (r.actual, r.target) {
        (Some(_), Some(_)) => vec![
            (r.share_label.as_str(), 12.0, INK, true, false),
            (r.actual_label.as_str(), 12.0, GREY, false, false),
            ("/", 12.0, GREY, false, false),
            (r.target_label.as_str(), 12.0, GREY, false, false),
        ],
        (None, Some(_)) => vec![
            (r.target_label.as_str(), 12.0, GREY, false, false),
            (c.no_actual.as_str(), 12.0, GREY, false, true),
        ],
        (Some(_), None) => vec![
            (r.actual_label.as_str(), 12.0, GREY, false, false),
            (c.no_target.as_str(), 12.0, GREY, false, true),
        ],
        (None, None) => vec![
            (c.no_actual.as_str(), 12.0, GREY, false, true),
            ("·", 12.0, GREY, false, false),
            (c.no_target.as_str(), 12.0, GREY, false, true),
        ],
    }
}

fn piece_width(text: &str, size: f64, bold: bool) -> f64 {
    text_width(text, size) * if bold { 1.08 } else { 1.0 }
}

const PIECE_GAP: f64 = 5.0;

fn pieces_width(p: &[(&str, f64, RGBColor, bool, bool)]) -> f64 {
    p.iter()
        .filter(|q| !q.0.is_empty())
        .map(|q| piece_width(q.0, q.1, q.3) + PIECE_GAP)
        .sum()
}

pub fn target_svg(c: &TargetChart) -> SvgDoc {
    target_at(c, Fit::Wide)
}

/// The phone rendering: each region's name above its bars, the figures below them.
pub fn target_narrow(c: &TargetChart) -> SvgDoc {
    target_at(c, Fit::Narrow)
}

/// The target bar's outline: at least 3:1 against white and against its own white fill, so
/// the bar is seen by its edge (WCAG 1.4.11), not by a pale fill.
pub const TARGET_EDGE: RGBColor = GREY;

/// The target as an outlined bar with a dark end mark.
fn target_bar<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    (a, b): (i32, i32),
    (t0, t1): (i32, i32),
    end: i32,
) {
    let _ = root.draw(&Rectangle::new([(a, t0), (b, t1)], WHITE.filled()));
    let _ = root.draw(&Rectangle::new(
        [(a, t0), (b, t1)],
        TARGET_EDGE.stroke_width(2),
    ));
    let _ = root.draw(&PathElement::new(
        vec![(end, t0 - 2), (end, t1 + 2)],
        INK.stroke_width(2),
    ));
}

fn target_at(c: &TargetChart, fit: Fit) -> SvgDoc {
    let narrow = fit.narrow();
    let width = fit.w();
    let label_max = if narrow { width - 16.0 } else { LABEL_MAX };
    let labels: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|r| wrap_words(&r.label, LABEL_SIZE, label_max))
        .collect();
    let left = if narrow {
        8.0
    } else {
        labels
            .iter()
            .flatten()
            .map(|l| text_width(l, LABEL_SIZE))
            .fold(60.0, f64::max)
            + 14.0
    };
    // Narrow rows: the name's lines, the bars (22), the figures (16).
    let row_hs: Vec<f64> = labels
        .iter()
        .map(|l| {
            if narrow {
                l.len() as f64 * LINE_H + 22.0 + 18.0 + 6.0
            } else {
                (l.len() as f64 * LINE_H + 12.0).max(32.0)
            }
        })
        .collect();

    // Legend: target swatch + key, realisation swatch + key; wraps if the keys are long.
    let entries = [
        (c.target_key.as_str(), true),
        (c.actual_key.as_str(), false),
    ];
    let mut legend: Vec<(f64, f64)> = Vec::new();
    let (mut lx, mut ly) = (8.0, 8.0);
    for (key, _) in &entries {
        let w = 24.0 + 6.0 + text_width(key, 12.0) + 20.0;
        if lx + w > width - 8.0 && lx > 8.0 {
            lx = 8.0;
            ly += 20.0;
        }
        legend.push((lx, ly));
        lx += w;
    }
    let top = ly + 14.0 + 12.0;

    let values = c.rows.iter().flat_map(|r| [r.actual, r.target]).flatten();
    let lo = values.clone().fold(0.0, f64::min);
    let hi = values.fold(0.0, f64::max);
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    let frac = |v: f64| (v - lo) / span;

    // Widest plot that still leaves room for every row's end text after its longest bar
    // (narrow: the text has a line of its own).
    let avail = width - 8.0 - left;
    let mut plot_w = if narrow { avail - 4.0 } else { avail - 40.0 };
    if !narrow {
        for r in &c.rows {
            let end = [r.actual, r.target]
                .iter()
                .flatten()
                .map(|v| frac(v.max(0.0)))
                .fold(frac(0.0), f64::max);
            let text = pieces_width(&end_pieces(c, r)) + 6.0;
            if end > 0.0 {
                plot_w = plot_w.min((avail - text) / end);
            }
        }
        plot_w = plot_w.max(160.0);
    }
    let x_of = |v: f64| left + plot_w * frac(v);
    let x0 = x_of(0.0);

    let height = (top + row_hs.iter().sum::<f64>() + 8.0).ceil() as u32;
    SvgDoc::draw((fit.width(), height), &c.title, &c.desc, |root| {
        let _ = root.fill(&WHITE);
        for (i, (key, is_target)) in entries.iter().enumerate() {
            let (x, y) = legend[i];
            let (x, y) = (x as i32, y as i32);
            if *is_target {
                target_bar(root, (x + 1, x + 23), (y + 1, y + 13), x + 23);
            } else {
                let _ = root.draw(&Rectangle::new(
                    [(x, y + 4), (x + 24, y + 10)],
                    BLUE.filled(),
                ));
            }
            let _ = root.draw(&Text::new(
                key.to_string(),
                (x + 30, y + 7),
                text_style(12.0, INK, HPos::Left, VPos::Center),
            ));
        }

        let mut y = top;
        for ((r, lines), row_h) in c.rows.iter().zip(&labels).zip(&row_hs) {
            let (mid, first) = if narrow {
                let names = lines.len() as f64 * LINE_H;
                (y + names + 11.0, y + LINE_H / 2.0)
            } else {
                let mid = y + row_h / 2.0;
                (mid, mid - (lines.len() as f64 - 1.0) * LINE_H / 2.0)
            };
            let (lx, anchor) = if narrow {
                (left, HPos::Left)
            } else {
                (left - 10.0, HPos::Right)
            };
            for (k, line) in lines.iter().enumerate() {
                let _ = root.draw(&Text::new(
                    line.clone(),
                    (lx as i32, (first + LINE_H * k as f64) as i32),
                    text_style(LABEL_SIZE, INK, anchor, VPos::Center),
                ));
            }
            let (t0, t1) = ((mid - 9.0) as i32, (mid + 9.0) as i32);
            let mut end = x0;
            if let Some(t) = r.target {
                let (a, b) = (x0.min(x_of(t)), x0.max(x_of(t)));
                let (a, b) = (
                    a.round() as i32,
                    (b.round() as i32).max(a.round() as i32 + 1),
                );
                // The target's end as a dark mark: readable where the realisation bar
                // passes it.
                target_bar(root, (a, b), (t0, t1), x_of(t).round() as i32);
                end = end.max(x_of(t.max(0.0)));
            }
            if let Some(v) = r.actual {
                let (a, b) = (x0.min(x_of(v)), x0.max(x_of(v)));
                let (a, b) = (
                    a.round() as i32,
                    (b.round() as i32).max(a.round() as i32 + 1),
                );
                let _ = root.draw(&Rectangle::new(
                    [(a, (mid - 4.0) as i32), (b, (mid + 4.0) as i32)],
                    BLUE.filled(),
                ));
                end = end.max(x_of(v.max(0.0)));
            }
            let (mut tx, text_y) = if narrow {
                (left, mid + 9.0 + 12.0)
            } else {
                (end + 6.0, mid)
            };
            for (text, size, color, bold, it) in end_pieces(c, r) {
                if text.is_empty() {
                    continue;
                }
                let style = if it {
                    italic(size, color, HPos::Left, VPos::Center)
                } else if bold {
                    styled(
                        (FONT, px(size), FontStyle::Bold).into_font(),
                        color,
                        HPos::Left,
                        VPos::Center,
                    )
                } else {
                    text_style(size, color, HPos::Left, VPos::Center)
                };
                let _ = root.draw(&Text::new(
                    text.to_string(),
                    (tx as i32, text_y as i32),
                    style,
                ));
                tx += piece_width(text, size, bold) + PIECE_GAP;
            }
            y += row_h;
        }
        let _ = root.draw(&PathElement::new(
            vec![(x0 as i32, (top - 4.0) as i32), (x0 as i32, y as i32)],
            INK,
        ));
        let _ = root.present();
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, actual: Option<f64>, target: Option<f64>, share: &str) -> TargetRow {
        TargetRow {
            label: label.into(),
            actual,
            target,
            actual_label: actual.map(|v| format!("{v}")).unwrap_or_default(),
            target_label: target.map(|v| format!("{v}")).unwrap_or_default(),
            share_label: share.into(),
        }
    }

    fn chart(rows: Vec<TargetRow>) -> TargetChart {
        TargetChart {
            title: "Realisasi terhadap target".into(),
            desc: "desc".into(),
            actual_key: "Realisasi".into(),
            target_key: "Target".into(),
            rows,
            no_actual: "realisasi tidak ada".into(),
            no_target: "target tidak ada".into(),
        }
    }

    /// (x, width) of every rect with the given fill, in document order (legend first).
    fn rects(svg: &str, fill: &str) -> Vec<(i32, i32)> {
        svg.split("<rect ")
            .skip(1)
            .map(|r| r.split("/>").next().unwrap())
            // A fill colour, or the outline of an outlined bar (the target's).
            .filter(|r| {
                r.contains(&format!("fill=\"{fill}\"")) || r.contains(&format!("stroke=\"{fill}\""))
            })
            .map(|r| {
                let attr = |name: &str| -> i32 {
                    r.strip_prefix(&format!("{name}=\""))
                        .or_else(|| r.split(&format!(" {name}=\"")).nth(1))
                        .and_then(|s| s.split('"').next())
                        .and_then(|s| s.parse().ok())
                        .unwrap()
                };
                (attr("x"), attr("width"))
            })
            .collect()
    }

    #[test]
    fn realisation_above_target_is_longer_and_labelled() {
        let svg = target_svg(&chart(vec![row(
            "Kabupaten Penajam Paser Utara",
            Some(125.0),
            Some(100.0),
            "125%",
        )]))
        .inline("t");
        assert!(svg.contains(">125%</text>"));
        // Legend swatch first, then the row's bar.
        let blue = rects(&svg, "#0072B2");
        let light = rects(&svg, "#6E6E6E");
        assert_eq!(blue.len(), 2);
        assert_eq!(light.len(), 2);
        let (actual_w, target_w) = (blue[1].1 as f64, light[1].1 as f64);
        assert!(actual_w > target_w);
        assert!(
            (actual_w / target_w - 1.25).abs() < 0.02,
            "{actual_w} / {target_w}"
        );
        assert_eq!(blue[1].0, light[1].0, "both bars start at zero");
        assert!(svg.contains("font-weight=\"bold\""));
    }

    #[test]
    fn missing_side_is_said_not_drawn() {
        let svg = target_svg(&chart(vec![row("Kota Bontang", None, Some(80.0), "")])).inline("t");
        assert!(svg.contains(">realisasi tidak ada</text>"));
        assert!(svg.contains("font-style=\"italic\""));
        assert_eq!(rects(&svg, "#0072B2").len(), 1, "only the legend swatch");
        assert_eq!(rects(&svg, "#6E6E6E").len(), 2);

        let svg = target_svg(&chart(vec![row("Kota Bontang", Some(50.0), None, "")])).inline("t");
        assert!(svg.contains(">target tidak ada</text>"));
        assert_eq!(rects(&svg, "#0072B2").len(), 2);
        assert_eq!(rects(&svg, "#6E6E6E").len(), 1, "only the legend swatch");

        let svg = target_svg(&chart(vec![row("Kota Bontang", None, None, "")])).inline("t");
        assert!(svg.contains(">realisasi tidak ada</text>"));
        assert!(svg.contains(">target tidak ada</text>"));
        assert_eq!(rects(&svg, "#0072B2").len(), 1);
        assert_eq!(rects(&svg, "#6E6E6E").len(), 1);
    }

    #[test]
    fn long_labels_wrap_and_output_is_deterministic() {
        assert_eq!(
            wrap_words("Kabupaten Penajam Paser Utara", 12.0, 120.0),
            vec!["Kabupaten Penajam", "Paser Utara"]
        );
        let c = chart(vec![row(
            "Kabupaten Penajam Paser Utara Yang Namanya Sangat Panjang Sekali",
            Some(1.0),
            Some(2.0),
            "50%",
        )]);
        let svg = target_svg(&c).inline("t");
        assert_eq!(svg, target_svg(&c).inline("t"));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 "));
        assert!(svg.contains("<desc id=\"t-ket\">desc</desc>"));
    }

    /// Writes sample charts to /tmp/charts for looking at: `cargo test -- --ignored samples`.
    #[test]
    #[ignore]
    fn write_target_samples() {
        let rows = vec![
            row("Kabupaten Berau", Some(41_200.0), Some(52_000.0), "79%"),
            row(
                "Kabupaten Kutai Barat",
                Some(18_000.0),
                Some(14_400.0),
                "125%",
            ),
            row(
                "Kabupaten Kutai Kartanegara",
                Some(96_500.0),
                Some(120_000.0),
                "80%",
            ),
            row(
                "Kabupaten Kutai Timur",
                Some(61_000.0),
                Some(58_000.0),
                "105%",
            ),
            row("Kabupaten Mahakam Ulu", None, Some(6_000.0), ""),
            row("Kabupaten Paser", Some(30_100.0), Some(48_000.0), "63%"),
            row("Kabupaten Penajam Paser Utara", Some(15_000.0), None, ""),
            row("Kota Balikpapan", Some(140_000.0), Some(150_000.0), "93%"),
            row("Kota Bontang", None, None, ""),
            row("Kota Samarinda", Some(88_000.0), Some(160_000.0), "55%"),
        ];
        let c = chart(rows);
        crate::charts::scatter::write_sample("target", &target_svg(&c).inline("t"));
        crate::charts::scatter::write_sample("target-narrow", &target_narrow(&c).inline("t"));
    }
}
