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
    trend_at(c, Fit::Wide)
}

/// The phone rendering: the legend below the plot instead of line-end labels, fewer ticks,
/// only each line's latest value written.
pub fn trend_narrow(c: &TrendChart) -> SvgDoc {
    trend_at(c, Fit::Narrow)
}

/// Estimated box of a text of `size` drawn at `(x, y)` with plotters' centre anchor.
pub(crate) fn text_box(s: &str, size: f64, (x, y): (f64, f64), h: HPos) -> Rect {
    let w = text_width(s, size);
    let x0 = match h {
        HPos::Left => x,
        HPos::Right => x - w,
        HPos::Center => x - w / 2.0,
    };
    Rect {
        x0,
        y0: y - 0.6 * size,
        x1: x0 + w,
        y1: y + 0.5 * size,
    }
}

/// An axis-aligned box in chart units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub(crate) fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

fn trend_at(c: &TrendChart, fit: Fit) -> SvgDoc {
    let size = MIN_TEXT;
    let narrow = fit.narrow();
    let width = fit.w();
    let drawn: Vec<&Series> = c.series.iter().filter(|s| !s.points.is_empty()).collect();
    // Room on the right for the line-end labels (wide) or the latest value (narrow).
    let label_w = drawn
        .iter()
        .map(|s| text_width(&s.label, size))
        .fold(0.0, f64::max)
        .min(200.0);
    let all: Vec<(Period, f64)> = c
        .series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .collect();
    let plot_h = if narrow { 170.0 } else { 210.0 };
    // Legend below (narrow): one entry per line, as many a row as fit.
    let mut legend: Vec<(f64, f64)> = Vec::new();
    let (mut lx, mut ly) = (8.0, 0.0);
    if narrow {
        for s in &drawn {
            let w = 28.0 + text_width(&s.label, size) + 14.0;
            if lx + w > width - 4.0 && lx > 8.0 {
                lx = 8.0;
                ly += 18.0;
            }
            legend.push((lx, ly));
            lx += w;
        }
    }
    let legend_h = if legend.is_empty() {
        0.0
    } else {
        ly + 18.0 + 8.0
    };
    let (top, bottom) = (20.0, 30.0);
    let height = (top + plot_h + bottom + legend_h).ceil() as u32;
    if all.is_empty() {
        return SvgDoc::draw((fit.width(), height), &c.title, &c.desc, |_| {});
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
    let ticks = nice_ticks(y_min, y_max, if narrow { 4 } else { 5 });
    let tick_w = ticks
        .iter()
        .map(|t| text_width(&(c.fmt)(*t), size))
        .fold(20.0, f64::max);
    let left = tick_w + 14.0;
    let right = if narrow {
        // The latest value is written left of its point when near the edge; a little room
        // keeps the marker inside.
        12.0
    } else {
        24.0 + label_w
    };
    let plot_w = width - left - right;
    let (t0, t1) = (ticks[0].min(y_min), ticks[ticks.len() - 1].max(y_max));
    // Beside months, a yearly figure is drawn at its year's end, where it also sorts
    // (`Period::sort_key`: yearly figures here are year-end or cumulative). At mid-year the
    // line ran from December back to it and on to January, across the months it sits among.
    let with_months = all.iter().any(|p| matches!(p.0, Period::Month(..)));
    let x_of = |p: Period| left + plot_w * ((axis(p, with_months) - x_min) / (x_max - x_min));
    let y_of = |v: f64| top + plot_h * (1.0 - (v - t0) / (t1 - t0));
    SvgDoc::draw((fit.width(), height), &c.title, &c.desc, |root| {
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
                text_style(size, GREY, HPos::Right, VPos::Center),
            ));
        }
        let years = (x_max - x_min) as i32;
        // Year labels at least 40 units apart, so they never touch.
        let per_year = plot_w / (x_max - x_min);
        let step = ((40.0 / per_year).ceil() as i32).max(1);
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
            // Counted from the latest year, so the latest is always labelled.
            if (years - 1 - k) % step == 0 {
                let cx = x + per_year / 2.0;
                let _ = root.draw(&Text::new(
                    year.to_string(),
                    (cx as i32, (top + plot_h + 8.0) as i32),
                    text_style(size, GREY, HPos::Center, VPos::Top),
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
        let mut markers: Vec<Rect> = Vec::new();
        let mut sorted: Vec<Vec<(Period, f64)>> = Vec::new();
        for s in &c.series {
            let mut pts = s.points.clone();
            pts.sort_by_key(|p| p.0);
            // Long series (a monthly decade and more) drawn at most ~1 point per 3 px.
            let pts = thin(&pts, x_of, 3.0);
            let width = if s.reference { 1 } else { 2 };
            let dense = dense_segments(&pts, x_of);
            for (i, w) in pts.windows(2).enumerate() {
                let a = (x_of(w[0].0) as i32, y_of(w[0].1) as i32);
                let b = (x_of(w[1].0) as i32, y_of(w[1].1) as i32);
                if !dense[i] {
                    draw_segment_w(root, a, b, s.color, !w[1].2, width);
                } else if i == 0 || !dense[i - 1] {
                    // A dense run's first segment: one line through the whole run.
                    let end = (i..dense.len()).find(|&k| !dense[k]).unwrap_or(dense.len());
                    let line: Vec<(i32, i32)> = pts[i..=end]
                        .iter()
                        .map(|&(p, v, _)| (x_of(p) as i32, y_of(v) as i32))
                        .collect();
                    let _ = root.draw(&PathElement::new(line, s.color.stroke_width(width)));
                }
                // The line, as small boxes every few units, so no value label is written
                // across it.
                let steps = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / 3).max(1);
                for k in 0..=steps {
                    let t = k as f64 / steps as f64;
                    let (x, y) = (
                        a.0 as f64 + (b.0 - a.0) as f64 * t,
                        a.1 as f64 + (b.1 - a.1) as f64 * t,
                    );
                    markers.push(Rect {
                        x0: x - 1.5,
                        y0: y - 1.5,
                        x1: x + 1.5,
                        y1: y + 1.5,
                    });
                }
            }
            // No markers along a dense run, but the series' latest point keeps its own.
            let last = pts.len().saturating_sub(1);
            let bare =
                |k: usize| k < last && (dense.get(k) == Some(&true) || k > 0 && dense[k - 1]);
            for (_, p) in pts.iter().enumerate().filter(|(k, _)| !bare(*k)) {
                let (x, y) = (x_of(p.0) as i32, y_of(p.1) as i32);
                marker(root, p.0, (x, y), s.color);
                markers.push(Rect {
                    x0: x as f64 - 4.0,
                    y0: y as f64 - 4.0,
                    x1: x as f64 + 4.0,
                    y1: y as f64 + 4.0,
                });
            }
            if let Some(last) = pts.last() {
                ends.push((x_of(last.0), y_of(last.1), s));
            }
            sorted.push(pts.iter().map(|&(p, v, _)| (p, v)).collect());
        }
        let mut taken: Vec<Rect> = Vec::new();
        if !narrow {
            // Line-end labels, right of the plot, moved apart so that none overlaps another.
            ends.sort_by(|a, b| a.1.total_cmp(&b.1));
            let mut placed: Vec<f64> = Vec::new();
            for (_, y, _) in &ends {
                let min = placed.last().map_or(f64::MIN, |p| p + 15.0);
                placed.push(y.max(min));
            }
            // Pushed below the plot: shift the whole stack up again.
            let overflow = placed.last().map_or(0.0, |y| (y - (top + plot_h)).max(0.0));
            for ((x, y, s), ly) in ends.iter().zip(&placed) {
                let ly = ly - overflow;
                let lx = left + plot_w + 10.0;
                // A label moved off its line's height gets a short leader from the plot's
                // edge; otherwise its colour and height say which line it names.
                if (ly - y).abs() > 1.0 {
                    let from = (*x + 6.0).max(left + plot_w);
                    let _ = root.draw(&PathElement::new(
                        vec![(from as i32, *y as i32), ((lx - 2.0) as i32, ly as i32)],
                        s.color,
                    ));
                }
                let at = (lx as i32, ly as i32);
                taken.push(text_box(
                    &s.label,
                    size,
                    (at.0 as f64, at.1 as f64),
                    HPos::Left,
                ));
                let _ = root.draw(&Text::new(
                    s.label.clone(),
                    at,
                    text_style(size, s.color, HPos::Left, VPos::Center),
                ));
            }
        }
        // Value labels: each line's latest first, then the others from the latest back; a
        // label that would touch another label or a marker is moved below its point, or
        // left out (the data table under the chart has every figure).
        let few = if narrow { 3 } else { 6 };
        let mut wanted: Vec<(usize, usize)> = Vec::new();
        for (i, pts) in sorted.iter().enumerate() {
            if let Some(last) = pts.len().checked_sub(1) {
                wanted.push((i, last));
            }
        }
        for (i, pts) in sorted.iter().enumerate() {
            if pts.len() <= few {
                wanted.extend((0..pts.len().saturating_sub(1)).rev().map(|k| (i, k)));
            }
        }
        let area = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: if narrow { width } else { left + plot_w + 4.0 },
            y1: top + plot_h,
        };
        for (i, k) in wanted {
            let (p, s) = (sorted[i][k], &c.series[i]);
            let text = (c.fmt)(p.1);
            let (x, y) = (x_of(p.0), y_of(p.1));
            // Beside the point on the side with room, above it, else below; then the other
            // side.
            let (near, far) = if x > left + plot_w * 0.8 {
                ((HPos::Right, -7.0), (HPos::Left, 7.0))
            } else {
                ((HPos::Left, 7.0), (HPos::Right, -7.0))
            };
            let spots = [
                (near, -10.0),
                (near, 11.0),
                (far, -10.0),
                (far, 11.0),
                (near, -22.0),
                (near, 23.0),
            ];
            let spot = spots.into_iter().find_map(|((anchor, dx), dy)| {
                let at = ((x + dx) as i32, (y + dy) as i32);
                let b = text_box(&text, size, (at.0 as f64, at.1 as f64), anchor);
                let inside =
                    b.x0 >= area.x0 && b.x1 <= area.x1 && b.y0 >= area.y0 && b.y1 <= area.y1;
                let free = !taken.iter().chain(&markers).any(|o| o.overlaps(&b));
                (inside && free).then_some((at, b, anchor))
            });
            if let Some((at, b, anchor)) = spot {
                taken.push(b);
                let _ = root.draw(&Text::new(
                    text,
                    at,
                    text_style(size, s.color, anchor, VPos::Center),
                ));
            }
        }
        // The narrow legend: a short line with the series' marker, then its name.
        let base = top + plot_h + bottom + 4.0;
        for (s, (lx, ly)) in drawn.iter().zip(&legend) {
            let y = (base + ly + 7.0) as i32;
            let x = *lx as i32;
            let _ = root.draw(&PathElement::new(
                vec![(x, y), (x + 22, y)],
                s.color.stroke_width(if s.reference { 1 } else { 2 }),
            ));
            if let Some(p) = s.points.iter().max_by_key(|p| p.0) {
                marker(root, p.0, (x + 11, y), s.color);
            }
            let _ = root.draw(&Text::new(
                s.label.clone(),
                (x + 28, y),
                text_style(size, s.color, HPos::Left, VPos::Center),
            ));
        }
        let _ = root.present();
    })
}

/// Closer than this (in chart units, on average) the markers of a run would cover each other
/// and the line between them: a marker is 8 units wide.
const MARKER_ROOM: f64 = 10.0;

/// Which segments (point `i` to `i + 1` of the thinned points) lie in a run of adjacent
/// periods too dense for markers: a monthly decade is ~5 units a month wide, ~2 on a phone.
/// Such a run is drawn as one line without markers (OWID's line charts do the same); the
/// markers would only pile up into a band that hides the line's shape.
fn dense_segments(pts: &[super::sparkline::Kept], x_of: impl Fn(Period) -> f64) -> Vec<bool> {
    let mut dense = vec![false; pts.len().saturating_sub(1)];
    let mut start = 0;
    while start < pts.len() {
        let mut end = start + 1;
        while end < pts.len() && pts[end].2 {
            end += 1;
        }
        let n = end - start;
        if n >= 3 && (x_of(pts[end - 1].0) - x_of(pts[start].0)) / ((n - 1) as f64) < MARKER_ROOM {
            dense[start..end - 1].fill(true);
        }
        start = end;
    }
    dense
}

/// Round for a yearly figure, square for a monthly one.
fn marker<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    p: Period,
    (x, y): (i32, i32),
    color: RGBColor,
) {
    match p {
        Period::Year(_) => {
            let _ = root.draw(&Circle::new((x, y), 4, color.filled()));
        }
        Period::Month(..) => {
            let _ = root.draw(&Rectangle::new(
                [(x - 4, y - 4), (x + 4, y + 4)],
                color.filled(),
            ));
        }
    }
}

/// A period's place on the time axis, in years: a month at its middle, a year in the middle
/// of its band, or at its end in a chart with months (`with_months`).
fn axis(p: Period, with_months: bool) -> f64 {
    match p {
        Period::Year(y) if with_months => y as f64 + 1.0,
        Period::Year(y) => y as f64 + 0.5,
        Period::Month(y, m) => y as f64 + (m as f64 - 0.5) / 12.0,
    }
}

#[cfg(test)]
#[path = "trend_tests.rs"]
mod tests;
