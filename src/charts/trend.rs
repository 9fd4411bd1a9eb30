//! Trend chart: values over a true time axis. The points of one series are joined in time
//! order: solid between adjacent periods, dashed across a gap (or from a yearly to a monthly
//! figure); yearly figures are round markers, monthly ones square; each line is labelled at
//! its end. Different bases are different series, so they are never joined.

use super::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::period::Period;

/// One line of a trend chart.
pub struct Series {
    pub label: String,
    pub points: Vec<(Period, f64)>,
    pub color: RGBColor,
    /// The province line behind regions' lines: drawn thinner.
    pub reference: bool,
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
    // Room on the right for the line-end labels.
    let label_w = c
        .series
        .iter()
        .filter(|s| !s.points.is_empty())
        .map(|s| text_width(&s.label, 12.0))
        .fold(0.0, f64::max)
        .min(200.0);
    let (left, right, top, bottom) = (70.0, 24.0 + label_w, 20.0, 30.0);
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
        let mut ends: Vec<(f64, f64, &Series)> = Vec::new();
        for s in &c.series {
            let mut pts = s.points.clone();
            pts.sort_by_key(|p| p.0);
            // Long series (a monthly decade and more) drawn at most ~1 point per 3 px.
            let pts = thin(&pts, x_of, 3.0);
            let width = if s.reference { 1 } else { 2 };
            for w in pts.windows(2) {
                let a = (x_of(w[0].0) as i32, y_of(w[0].1) as i32);
                let b = (x_of(w[1].0) as i32, y_of(w[1].1) as i32);
                draw_segment_w(root, a, b, s.color, !w[1].2, width);
            }
            for p in &pts {
                let (x, y) = (x_of(p.0) as i32, y_of(p.1) as i32);
                match p.0 {
                    Period::Year(_) => {
                        let _ = root.draw(&Circle::new((x, y), 4, s.color.filled()));
                    }
                    Period::Month(..) => {
                        let _ = root.draw(&Rectangle::new(
                            [(x - 4, y - 4), (x + 4, y + 4)],
                            s.color.filled(),
                        ));
                    }
                }
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
            if let Some(last) = pts.last() {
                ends.push((x_of(last.0), y_of(last.1), s));
            }
        }
        // Line-end labels, right of the plot, moved apart so that none overlaps another.
        ends.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut placed: Vec<f64> = Vec::new();
        for (_, y, _) in &ends {
            let min = placed.last().map_or(f64::MIN, |p| p + 14.0);
            placed.push(y.max(min));
        }
        // Pushed below the plot: shift the whole stack up again.
        let overflow = placed.last().map_or(0.0, |y| (y - (top + plot_h)).max(0.0));
        for ((x, y, s), ly) in ends.iter().zip(&placed) {
            let ly = ly - overflow;
            let lx = left + plot_w + 10.0;
            // A label moved off its line's height gets a short leader from the plot's edge;
            // otherwise its colour and height say which line it names.
            if (ly - y).abs() > 1.0 {
                let from = (*x + 6.0).max(left + plot_w);
                let _ = root.draw(&PathElement::new(
                    vec![(from as i32, *y as i32), ((lx - 2.0) as i32, ly as i32)],
                    s.color,
                ));
            }
            let _ = root.draw(&Text::new(
                s.label.clone(),
                (lx as i32, ly as i32),
                text_style(12.0, s.color, HPos::Left, VPos::Center),
            ));
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

#[cfg(test)]
mod joining_tests {
    use super::*;

    /// `(length, colour)` of every polyline in `svg`.
    fn lines(svg: &str) -> Vec<(f64, String)> {
        svg.split("<polyline")
            .skip(1)
            .map(|l| {
                let attr = |name: &str| {
                    l.split(&format!(" {name}=\""))
                        .nth(1)
                        .and_then(|s| s.split('"').next())
                        .unwrap_or("")
                        .to_string()
                };
                let pts: Vec<(f64, f64)> = attr("points")
                    .split_whitespace()
                    .filter_map(|p| p.split_once(','))
                    .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
                    .collect();
                let len = pts
                    .windows(2)
                    .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
                    .sum();
                (len, attr("stroke"))
            })
            .collect()
    }

    #[test]
    fn one_series_is_joined_solid_between_neighbours_and_dashed_across_gaps() {
        let series = |label: &str, color, points| Series {
            label: label.into(),
            points,
            color,
            reference: false,
        };
        let c = TrendChart {
            title: "t".into(),
            desc: "d".into(),
            series: vec![
                series(
                    "Samarinda",
                    SERIES[0],
                    vec![
                        (Period::Year(2020), 54.7),
                        (Period::Year(2021), 50.0),
                        (Period::Year(2023), 44.9),
                        (Period::Month(2024, 9), 40.4),
                    ],
                ),
                series("Bontang", SERIES[1], vec![(Period::Year(2023), 80.0)]),
            ],
            fmt: Box::new(|v| format!("{v}")),
            from_zero: true,
        };
        let svg = trend_svg(&c).inline("t");
        let blue: Vec<f64> = lines(&svg)
            .into_iter()
            .filter(|(_, s)| s == "#0072B2")
            .map(|(l, _)| l)
            .collect();
        let solid = blue.iter().filter(|l| **l > DASH + 1.0).count();
        let dashes = blue.iter().filter(|l| **l <= DASH + 1.0).count();
        assert_eq!(solid, 1, "2020-2021 only: {blue:?}");
        assert!(dashes >= 4, "2021-2023 and 2023-Sep 2024 dashed: {blue:?}");
        // A lone point is a marker, no line.
        assert!(!lines(&svg).iter().any(|(_, s)| s == "#B54800"));
        // Yearly figures round, the monthly one square.
        assert_eq!(svg.matches("<circle").count(), 3 + 1);
        assert_eq!(
            svg.matches("<rect x=").count() - 1,
            1,
            "background + one square"
        );
        // Each line labelled at its end, once.
        assert_eq!(svg.matches(">Samarinda</text>").count(), 1);
        assert_eq!(svg.matches(">Bontang</text>").count(), 1);
    }
}
