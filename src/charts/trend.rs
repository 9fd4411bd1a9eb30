//! Trend chart: values over a true time axis; gaps stay gaps.

use super::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::period::Period;

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
pub fn adjacent(a: Period, b: Period) -> bool {
    match (a, b) {
        (Period::Year(x), Period::Year(y)) => y == x + 1,
        (Period::Month(y1, m1), Period::Month(y2, m2)) => {
            (y2 * 12 + m2 as i32) - (y1 * 12 + m1 as i32) == 1
        }
        _ => false,
    }
}

pub fn trend_svg(c: &TrendChart) -> SvgDoc {
    let height: u32 = 260;
    let (left, right, top, bottom) = (70.0, 20.0, 34.0, 30.0);
    let plot_w = WIDTH as f64 - left - right;
    let plot_h = height as f64 - top - bottom;
    let all: Vec<(Period, f64)> = c
        .series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .collect();
    if all.is_empty() {
        return SvgDoc::draw((WIDTH, height), &c.title, &c.desc, |_| {});
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
    SvgDoc::draw((WIDTH, height), &c.title, &c.desc, |root| {
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
            // The swatch shows what the plot shows: a line only if the series draws one.
            let mut sorted: Vec<Period> = s.points.iter().map(|p| p.0).collect();
            sorted.sort();
            if sorted.windows(2).any(|w| adjacent(w[0], w[1])) {
                draw_segment(
                    root,
                    (lx as i32, ly),
                    ((lx + 22.0) as i32, ly),
                    s.color,
                    s.dashed,
                );
            } else {
                let _ = root.draw(&Circle::new(((lx + 11.0) as i32, ly), 4, s.color.filled()));
            }
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
                    draw_segment(root, a, b, s.color, s.dashed);
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
    })
}

fn axis(p: Period) -> f64 {
    match p {
        Period::Year(y) => y as f64 + 0.5,
        Period::Month(y, m) => y as f64 + (m as f64 - 0.5) / 12.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::nice_ticks;

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
