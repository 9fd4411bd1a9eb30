//! Stacked horizontal bars: parts that add up to a total per row.

use super::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The eight Okabe-Ito colours. Segments use [`SERIES`] instead: its darkened hues keep 3:1
/// against the white background (orange, sky blue and yellow here do not).
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

pub fn stacked_svg(c: &StackedChart) -> SvgDoc {
    stacked_at(c, Fit::Wide)
}

/// The phone rendering: each row's name above its bar, fewer ticks.
pub fn stacked_narrow(c: &StackedChart) -> SvgDoc {
    stacked_at(c, Fit::Narrow)
}

fn stacked_at(c: &StackedChart, fit: Fit) -> SvgDoc {
    let label_size = MIN_TEXT;
    let narrow = fit.narrow();
    let width = fit.w();
    // Narrow rows: the name (16) above the bar.
    let (row_h, bar_top, bar_h) = if narrow {
        (38.0, 17.0, 16.0)
    } else {
        (30.0, 5.0, 20.0)
    };
    let left = if narrow {
        8.0
    } else {
        c.rows
            .iter()
            .map(|r| text_width(&r.label, label_size))
            .fold(60.0, f64::max)
            .min(260.0)
            + 12.0
    };
    let value_room = c
        .rows
        .iter()
        .map(|r| text_width(&r.total_label, 12.0))
        .fold(30.0, f64::max)
        + 12.0;
    let plot_w = width - left - value_room - 8.0;
    // Legend: swatch + label entries, wrapped onto as many lines as needed.
    let mut legend: Vec<(f64, usize)> = Vec::new();
    let (mut lx, mut line) = (8.0, 0usize);
    for k in &c.keys {
        let w = 14.0 + 6.0 + text_width(k, 12.0) + 18.0;
        if lx + w > width - 8.0 && lx > 8.0 {
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
    SvgDoc::draw((fit.width(), height), &c.title, &c.desc, |root| {
        let _ = root.fill(&WHITE);
        for (i, k) in c.keys.iter().enumerate() {
            let (x, l) = legend[i];
            let y = 8.0 + 20.0 * l as f64;
            let color = SERIES[i % SERIES.len()];
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
        let ticks = nice_ticks(0.0, max, if narrow { 3 } else { 5 });
        for t in ticks.into_iter().filter(|t| *t <= max) {
            let x = x_of(t) as i32;
            let _ = root.draw(&PathElement::new(
                vec![(x, top as i32), (x, bottom as i32)],
                LIGHT,
            ));
            let _ = root.draw(&Text::new(
                (c.fmt)(t),
                (x, (bottom + 6.0) as i32),
                text_style(label_size, GREY, HPos::Center, VPos::Top),
            ));
        }
        for (i, row) in c.rows.iter().enumerate() {
            let y = top + row_h * i as f64;
            let mid = (y + bar_top + bar_h / 2.0) as i32;
            let (at, anchor) = if narrow {
                ((left as i32, (y + 8.0) as i32), HPos::Left)
            } else {
                (((left - 8.0) as i32, mid), HPos::Right)
            };
            let _ = root.draw(&Text::new(
                row.label.clone(),
                at,
                text_style(label_size, INK, anchor, VPos::Center),
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
                        (x0.round() as i32, (y + bar_top) as i32),
                        (x1.round() as i32, (y + bar_top + bar_h) as i32),
                    ],
                    SERIES[k % SERIES.len()].filled(),
                ));
                // A thin white gap keeps neighbouring segments apart in greyscale print.
                let _ = root.draw(&PathElement::new(
                    vec![
                        (x1.round() as i32, (y + bar_top) as i32),
                        (x1.round() as i32, (y + bar_top + bar_h) as i32),
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
    })
}
