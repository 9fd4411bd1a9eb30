//! Charts drawn at build time with plotters' SVG backend: no JavaScript, no system fonts.
//!
//! Layout is done here with plotters' drawing primitives rather than its chart builder: the
//! builder needs font metrics to place labels, which would tie output to the host's fonts.
//! Text is anchored (`text-anchor`) so the browser places it; widths are estimated per character.

use crate::period::Period;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Okabe-Ito: distinguishable with colour-blindness and in greyscale print.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
pub const GREY: RGBColor = RGBColor(110, 110, 110);
const LIGHT: RGBColor = RGBColor(225, 225, 225);
const INK: RGBColor = RGBColor(34, 34, 34);

const FONT: &str = "sans-serif";
/// plotters writes `font-size` as the requested size / 1.24.
fn px(size: f64) -> f64 {
    size * 1.24
}
/// Average advance of a character of the sans-serif UI fonts at 1px, for label room.
const CHAR_EM: f64 = 0.56;

fn text_style(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    styled((FONT, px(size)).into_font(), color, h, v)
}

fn italic(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    styled((FONT, px(size), FontStyle::Italic).into_font(), color, h, v)
}

fn styled(font: FontDesc<'static>, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    let mut t = TextStyle::from(font);
    t.color = color.to_backend_color();
    t.pos = Pos::new(h, v);
    t
}

fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * CHAR_EM
}

/// A horizontal bar of a ranking; `value: None` is listed as "no data", never drawn as zero.
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub value_label: String,
}

/// A vertical reference line (province value, target).
pub struct RefLine {
    pub label: String,
    pub value: f64,
}

pub struct RankingChart {
    pub title: String,
    pub desc: String,
    pub bars: Vec<Bar>,
    pub refs: Vec<RefLine>,
    pub no_data: String,
}

const WIDTH: u32 = 720;

pub fn ranking_svg(c: &RankingChart) -> String {
    let label_size = 12.0;
    let row_h = 26.0;
    let top = if c.refs.is_empty() {
        8.0
    } else {
        8.0 + 16.0 * c.refs.len() as f64
    };
    let left = c
        .bars
        .iter()
        .map(|b| text_width(&b.label, label_size))
        .fold(60.0, f64::max)
        .min(300.0)
        + 12.0;
    let value_room = c
        .bars
        .iter()
        .map(|b| text_width(&b.value_label, 11.0))
        .fold(30.0, f64::max)
        + 10.0;
    let plot_w = WIDTH as f64 - left - value_room - 8.0;
    let height = (top + row_h * c.bars.len() as f64 + 10.0).ceil() as u32;
    let max = c
        .bars
        .iter()
        .filter_map(|b| b.value)
        .chain(c.refs.iter().map(|r| r.value))
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let x_of = |v: f64| left + plot_w * (v.max(0.0) / max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        for (i, bar) in c.bars.iter().enumerate() {
            let y = top + row_h * i as f64;
            let mid = (y + row_h / 2.0) as i32;
            let _ = root.draw(&Text::new(
                bar.label.clone(),
                ((left - 8.0) as i32, mid),
                text_style(label_size, INK, HPos::Right, VPos::Center),
            ));
            match bar.value {
                Some(v) => {
                    let x1 = x_of(v);
                    let _ = root.draw(&Rectangle::new(
                        [
                            (left as i32, (y + 4.0) as i32),
                            (x1.max(left + 1.0) as i32, (y + row_h - 4.0) as i32),
                        ],
                        BLUE.filled(),
                    ));
                    let _ = root.draw(&Text::new(
                        bar.value_label.clone(),
                        ((x1 + 5.0) as i32, mid),
                        text_style(11.0, INK, HPos::Left, VPos::Center),
                    ));
                }
                None => {
                    let _ = root.draw(&Text::new(
                        c.no_data.clone(),
                        ((left + 4.0) as i32, mid),
                        italic(11.0, GREY, HPos::Left, VPos::Center),
                    ));
                }
            }
        }
        let bottom = top + row_h * c.bars.len() as f64;
        let _ = root.draw(&PathElement::new(
            vec![(left as i32, top as i32), (left as i32, bottom as i32)],
            INK,
        ));
        for (k, r) in c.refs.iter().enumerate() {
            let color = if k == 0 { VERMILLION } else { GREEN };
            let x = x_of(r.value) as i32;
            dashed_vline(&root, x, (top - 4.0) as i32, bottom as i32, color);
            let label_y = (8.0 + 16.0 * k as f64 + 6.0) as i32;
            let flip = x as f64 > left + plot_w * 0.6;
            let (anchor, lx) = if flip {
                (HPos::Right, x - 4)
            } else {
                (HPos::Left, x + 4)
            };
            let _ = root.draw(&Text::new(
                r.label.clone(),
                (lx, label_y),
                text_style(11.0, color, anchor, VPos::Center),
            ));
        }
        let _ = root.present();
    }
    finish_svg(svg, &c.title, &c.desc)
}

/// The eight Okabe-Ito colours, for categories (criteria) in a fixed order.
pub const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 158, 115),
    RGBColor(240, 228, 66),
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(204, 121, 167),
    RGBColor(0, 0, 0),
];

/// One horizontal stacked bar: `segments` in the order of [`StackedChart::keys`].
pub struct StackRow {
    pub label: String,
    pub segments: Vec<f64>,
    pub total_label: String,
}

/// Horizontal stacked bars on a fixed 0..`max` axis with a legend above them.
pub struct StackedChart {
    pub title: String,
    pub desc: String,
    /// Legend entries, one per segment position.
    pub keys: Vec<String>,
    pub rows: Vec<StackRow>,
    pub max: f64,
    /// Formats axis ticks.
    pub fmt: Box<dyn Fn(f64) -> String + Sync>,
}

pub fn stacked_svg(c: &StackedChart) -> String {
    let label_size = 12.0;
    let row_h = 30.0;
    let left = c
        .rows
        .iter()
        .map(|r| text_width(&r.label, label_size))
        .fold(60.0, f64::max)
        .min(260.0)
        + 12.0;
    let value_room = c
        .rows
        .iter()
        .map(|r| text_width(&r.total_label, 12.0))
        .fold(30.0, f64::max)
        + 12.0;
    let plot_w = WIDTH as f64 - left - value_room - 8.0;
    // Legend: swatch + label entries, wrapped onto as many lines as needed.
    let mut legend: Vec<(f64, usize)> = Vec::new();
    let (mut lx, mut line) = (8.0, 0usize);
    for k in &c.keys {
        let w = 14.0 + 6.0 + text_width(k, 12.0) + 18.0;
        if lx + w > WIDTH as f64 - 8.0 && lx > 8.0 {
            lx = 8.0;
            line += 1;
        }
        legend.push((lx, line));
        lx += w;
    }
    let legend_h = if c.keys.is_empty() {
        0.0
    } else {
        (line + 1) as f64 * 20.0 + 8.0
    };
    let top = legend_h + 6.0;
    let axis_h = 24.0;
    let height = (top + row_h * c.rows.len() as f64 + axis_h).ceil() as u32;
    let max = c.max.max(f64::MIN_POSITIVE);
    let x_of = |v: f64| left + plot_w * (v.clamp(0.0, max) / max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        for (i, k) in c.keys.iter().enumerate() {
            let (x, l) = legend[i];
            let y = 8.0 + 20.0 * l as f64;
            let color = OKABE_ITO[i % OKABE_ITO.len()];
            let _ = root.draw(&Rectangle::new(
                [(x as i32, y as i32), ((x + 14.0) as i32, (y + 14.0) as i32)],
                color.filled(),
            ));
            let _ = root.draw(&Text::new(
                k.clone(),
                ((x + 20.0) as i32, (y + 7.0) as i32),
                text_style(12.0, INK, HPos::Left, VPos::Center),
            ));
        }
        let bottom = top + row_h * c.rows.len() as f64;
        for t in nice_ticks(0.0, max, 5).into_iter().filter(|t| *t <= max) {
            let x = x_of(t) as i32;
            let _ = root.draw(&PathElement::new(
                vec![(x, top as i32), (x, bottom as i32)],
                LIGHT,
            ));
            let _ = root.draw(&Text::new(
                (c.fmt)(t),
                (x, (bottom + 6.0) as i32),
                text_style(11.0, GREY, HPos::Center, VPos::Top),
            ));
        }
        for (i, row) in c.rows.iter().enumerate() {
            let y = top + row_h * i as f64;
            let mid = (y + row_h / 2.0) as i32;
            let _ = root.draw(&Text::new(
                row.label.clone(),
                ((left - 8.0) as i32, mid),
                text_style(label_size, INK, HPos::Right, VPos::Center),
            ));
            let mut acc = 0.0;
            for (k, v) in row.segments.iter().enumerate() {
                let x0 = x_of(acc);
                acc += v.max(0.0);
                let x1 = x_of(acc);
                if x1 - x0 < 0.5 {
                    continue;
                }
                let _ = root.draw(&Rectangle::new(
                    [
                        (x0.round() as i32, (y + 5.0) as i32),
                        (x1.round() as i32, (y + row_h - 5.0) as i32),
                    ],
                    OKABE_ITO[k % OKABE_ITO.len()].filled(),
                ));
                // A thin white gap keeps neighbouring segments apart in greyscale print.
                let _ = root.draw(&PathElement::new(
                    vec![
                        (x1.round() as i32, (y + 5.0) as i32),
                        (x1.round() as i32, (y + row_h - 5.0) as i32),
                    ],
                    WHITE,
                ));
            }
            let _ = root.draw(&Text::new(
                row.total_label.clone(),
                ((x_of(acc) + 6.0) as i32, mid),
                text_style(12.0, INK, HPos::Left, VPos::Center),
            ));
        }
        let _ = root.draw(&PathElement::new(
            vec![(left as i32, top as i32), (left as i32, bottom as i32)],
            INK,
        ));
        let _ = root.draw(&PathElement::new(
            vec![
                (left as i32, bottom as i32),
                ((left + plot_w) as i32, bottom as i32),
            ],
            INK,
        ));
        let _ = root.present();
    }
    finish_svg(svg, &c.title, &c.desc)
}

fn dashed_vline<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    x: i32,
    y0: i32,
    y1: i32,
    color: RGBColor,
) {
    let mut y = y0;
    while y < y1 {
        let end = (y + 5).min(y1);
        let _ = root.draw(&PathElement::new(
            vec![(x, y), (x, end)],
            color.stroke_width(2),
        ));
        y += 9;
    }
}

/// One line of a trend chart.
pub struct Series {
    pub label: String,
    pub points: Vec<(Period, f64)>,
    pub color: RGBColor,
    pub dashed: bool,
}

pub struct TrendChart {
    pub title: String,
    pub desc: String,
    pub series: Vec<Series>,
    /// Formats a value for axis ticks and point labels.
    pub fmt: Box<dyn Fn(f64) -> String + Sync>,
    /// Draw the axis from zero (counts, shares) rather than from the data's minimum.
    pub from_zero: bool,
}

/// Consecutive periods of the same kind are joined; anything else is a gap and stays a gap.
fn adjacent(a: Period, b: Period) -> bool {
    match (a, b) {
        (Period::Year(x), Period::Year(y)) => y == x + 1,
        (Period::Month(y1, m1), Period::Month(y2, m2)) => {
            (y2 * 12 + m2 as i32) - (y1 * 12 + m1 as i32) == 1
        }
        _ => false,
    }
}

pub fn trend_svg(c: &TrendChart) -> String {
    let height: u32 = 260;
    let (left, right, top, bottom) = (70.0, 20.0, 34.0, 30.0);
    let plot_w = WIDTH as f64 - left - right;
    let plot_h = height as f64 - top - bottom;
    let all: Vec<(Period, f64)> = c
        .series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .collect();
    let mut svg = String::new();
    if all.is_empty() {
        return String::new();
    }
    let x_min = all.iter().map(|p| p.0.year()).min().unwrap_or(0) as f64;
    let x_max = all.iter().map(|p| p.0.year()).max().unwrap_or(0) as f64 + 1.0;
    let mut y_max = all.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    let mut y_min = all.iter().map(|p| p.1).fold(f64::MAX, f64::min);
    if c.from_zero {
        y_min = y_min.min(0.0);
    }
    if (y_max - y_min).abs() < 1e-9 {
        y_max += y_max.abs().max(1.0) * 0.5;
        if !c.from_zero {
            y_min -= y_min.abs().max(1.0) * 0.5;
        }
    }
    let ticks = nice_ticks(y_min, y_max, 5);
    let (t0, t1) = (ticks[0].min(y_min), ticks[ticks.len() - 1].max(y_max));
    let x_of = |p: Period| left + plot_w * ((axis(p) - x_min) / (x_max - x_min));
    let y_of = |v: f64| top + plot_h * (1.0 - (v - t0) / (t1 - t0));
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        for t in &ticks {
            let y = y_of(*t) as i32;
            let _ = root.draw(&PathElement::new(
                vec![(left as i32, y), ((left + plot_w) as i32, y)],
                LIGHT,
            ));
            let _ = root.draw(&Text::new(
                (c.fmt)(*t),
                ((left - 6.0) as i32, y),
                text_style(11.0, GREY, HPos::Right, VPos::Center),
            ));
        }
        let years = (x_max - x_min) as i32;
        let step = (years / 10 + 1).max(1);
        for k in 0..years {
            let year = x_min as i32 + k;
            let x = left + plot_w * (k as f64 / (x_max - x_min));
            let _ = root.draw(&PathElement::new(
                vec![
                    (x as i32, (top + plot_h) as i32),
                    (x as i32, (top + plot_h + 4.0) as i32),
                ],
                GREY,
            ));
            if k % step == 0 {
                let cx = x + plot_w / (x_max - x_min) / 2.0;
                let _ = root.draw(&Text::new(
                    year.to_string(),
                    (cx as i32, (top + plot_h + 8.0) as i32),
                    text_style(11.0, GREY, HPos::Center, VPos::Top),
                ));
            }
        }
        let _ = root.draw(&PathElement::new(
            vec![
                (left as i32, (top + plot_h) as i32),
                ((left + plot_w) as i32, (top + plot_h) as i32),
            ],
            INK,
        ));
        // legend
        let mut lx = left;
        for s in &c.series {
            let ly = 12;
            draw_segment(
                &root,
                (lx as i32, ly),
                ((lx + 22.0) as i32, ly),
                s.color,
                s.dashed,
            );
            let _ = root.draw(&Text::new(
                s.label.clone(),
                ((lx + 28.0) as i32, ly),
                text_style(12.0, INK, HPos::Left, VPos::Center),
            ));
            lx += 40.0 + text_width(&s.label, 12.0);
        }
        for s in &c.series {
            let mut pts = s.points.clone();
            pts.sort_by_key(|p| p.0);
            for w in pts.windows(2) {
                if adjacent(w[0].0, w[1].0) {
                    let a = (x_of(w[0].0) as i32, y_of(w[0].1) as i32);
                    let b = (x_of(w[1].0) as i32, y_of(w[1].1) as i32);
                    draw_segment(&root, a, b, s.color, s.dashed);
                }
            }
            for p in &pts {
                let _ = root.draw(&Circle::new(
                    (x_of(p.0) as i32, y_of(p.1) as i32),
                    4,
                    s.color.filled(),
                ));
            }
            // Few points: label each, the reader has nothing to interpolate. Many: the last.
            let labelled = if pts.len() <= 6 {
                &pts[..]
            } else {
                &pts[pts.len() - 1..]
            };
            for p in labelled {
                let x = x_of(p.0);
                let (anchor, dx) = if x > left + plot_w * 0.8 {
                    (HPos::Right, -7.0)
                } else {
                    (HPos::Left, 7.0)
                };
                let _ = root.draw(&Text::new(
                    (c.fmt)(p.1),
                    ((x + dx) as i32, (y_of(p.1) - 10.0) as i32),
                    text_style(11.0, s.color, anchor, VPos::Center),
                ));
            }
        }
        let _ = root.present();
    }
    finish_svg(svg, &c.title, &c.desc)
}

fn axis(p: Period) -> f64 {
    match p {
        Period::Year(y) => y as f64 + 0.5,
        Period::Month(y, m) => y as f64 + (m as f64 - 0.5) / 12.0,
    }
}

fn draw_segment<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    a: (i32, i32),
    b: (i32, i32),
    color: RGBColor,
    dashed: bool,
) {
    if !dashed {
        let _ = root.draw(&PathElement::new(vec![a, b], color.stroke_width(2)));
        return;
    }
    let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let mut t = 0.0;
    while t < len {
        let t1 = (t + 6.0).min(len);
        let p = |s: f64| {
            (
                (a.0 as f64 + dx * s / len) as i32,
                (a.1 as f64 + dy * s / len) as i32,
            )
        };
        let _ = root.draw(&PathElement::new(vec![p(t), p(t1)], color.stroke_width(2)));
        t += 10.0;
    }
}

/// Round tick values (1, 2, 5 x 10^k) covering `lo..hi`.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|f| f * mag)
        .find(|s| span / s <= target as f64)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut v = start;
    while v < hi + step * 0.999 {
        ticks.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        v += step;
        if ticks.len() > 50 {
            break;
        }
    }
    ticks
}

/// Makes plotters' document responsive and accessible: drops fixed width/height (the viewBox
/// scales it), adds `role="img"`, `<title>` and `<desc>`.
fn finish_svg(svg: String, title: &str, desc: &str) -> String {
    let Some(open_end) = svg.find('>') else {
        return svg;
    };
    let head = &svg[..open_end];
    let view_box = head
        .split("viewBox=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("0 0 720 300");
    let body = &svg[open_end + 1..];
    let mut out = String::with_capacity(svg.len() + 256);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{view_box}\" role=\"img\" class=\"chart\"><title>{}</title><desc>{}</desc>",
        escape(title),
        escape(desc)
    ));
    out.push_str(body.trim_start_matches('\n'));
    out
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            nice_ticks(0.0, 100.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(nice_ticks(0.0, 37.0, 5), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
    }

    #[test]
    fn gaps_are_not_joined() {
        assert!(adjacent(Period::Year(2020), Period::Year(2021)));
        assert!(!adjacent(Period::Year(2020), Period::Year(2022)));
        assert!(adjacent(Period::Month(2024, 12), Period::Month(2025, 1)));
        assert!(!adjacent(Period::Year(2024), Period::Month(2025, 1)));
    }
}
