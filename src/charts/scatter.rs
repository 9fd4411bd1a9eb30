//! Scatter chart: one labelled point per region, two indicators against each other.
//!
//! Labels are placed greedily: each label tries positions around its point and keeps the first
//! whose estimated box overlaps no placed label, no point and stays inside the plot; failing
//! that it moves further out with a leader line; failing that it is left out (the point stays,
//! and the data table under the chart lists every region).

use super::*;
use plotters::style::text_anchor::{HPos, VPos};

pub struct ScatterPoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
}

pub struct ScatterChart {
    pub title: String,
    pub desc: String,
    pub x_label: String,
    pub y_label: String,
    pub points: Vec<ScatterPoint>,
    /// Formats x-axis ticks.
    pub x_fmt: Box<dyn Fn(f64) -> String + Sync>,
    /// Formats y-axis ticks.
    pub y_fmt: Box<dyn Fn(f64) -> String + Sync>,
    /// Dashed vertical reference line (e.g. the province value), with its label.
    pub x_ref: Option<(String, f64)>,
    /// Dashed horizontal reference line, with its label.
    pub y_ref: Option<(String, f64)>,
}

/// An axis-aligned box in SVG pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LabelBox {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl LabelBox {
    pub(crate) fn overlaps(&self, o: &LabelBox) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    fn inside(&self, o: &LabelBox) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }
    fn contains(&self, p: (f64, f64)) -> bool {
        p.0 > self.x0 && p.0 < self.x1 && p.1 > self.y0 && p.1 < self.y1
    }
    /// The point of the box nearest to `p`.
    fn nearest(&self, p: (f64, f64)) -> (f64, f64) {
        (p.0.clamp(self.x0, self.x1), p.1.clamp(self.y0, self.y1))
    }
}

/// Where a label went: its box, and a leader line (from the point's edge to the box) when it
/// had to move away from its point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placed {
    pub rect: LabelBox,
    pub leader: Option<((f64, f64), (f64, f64))>,
}

const POINT_R: f64 = 4.0;
const LABEL_SIZE: f64 = MIN_TEXT;

/// Estimated box size of a label at [`LABEL_SIZE`].
pub(crate) fn label_size(label: &str) -> (f64, f64) {
    (text_width(label, LABEL_SIZE) + 2.0, LABEL_SIZE * 1.2)
}

fn point_box(p: (f64, f64), r: f64) -> LabelBox {
    LabelBox {
        x0: p.0 - r - 1.0,
        y0: p.1 - r - 1.0,
        x1: p.0 + r + 1.0,
        y1: p.1 + r + 1.0,
    }
}

/// Box of size `(w, h)` whose edge (or corner) facing direction `(dx, dy)` from `q` touches `q`.
fn box_toward(q: (f64, f64), (dx, dy): (f64, f64), (w, h): (f64, f64)) -> LabelBox {
    let x0 = if dx > 0.35 {
        q.0
    } else if dx < -0.35 {
        q.0 - w
    } else {
        q.0 - w / 2.0
    };
    let y0 = if dy > 0.35 {
        q.1
    } else if dy < -0.35 {
        q.1 - h
    } else {
        q.1 - h / 2.0
    };
    LabelBox {
        x0,
        y0,
        x1: x0 + w,
        y1: y0 + h,
    }
}

/// Places one label per point (pixel coordinates) with estimated `sizes`, inside `bounds`,
/// avoiding `obstacles` (already drawn text), every point and each other, and `soft` obstacles
/// (reference lines) unless there is no other room. `None`: left out.
pub(crate) fn place_labels(
    points: &[(f64, f64)],
    sizes: &[(f64, f64)],
    bounds: LabelBox,
    obstacles: &[LabelBox],
    soft: &[LabelBox],
) -> Vec<Option<Placed>> {
    let dots: Vec<LabelBox> = points.iter().map(|p| point_box(*p, POINT_R)).collect();
    let mut placed: Vec<LabelBox> = obstacles.to_vec();
    let mut out = vec![None; points.len()];
    // Crowded points first: they have the fewest free spots.
    let crowd = |i: usize| {
        points
            .iter()
            .filter(|q| {
                let (dx, dy) = (q.0 - points[i].0, q.1 - points[i].1);
                dx * dx + dy * dy < 60.0 * 60.0
            })
            .count()
    };
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(crowd(i)), i));

    let free = |b: &LabelBox, placed: &[LabelBox], strict: bool| {
        b.inside(&bounds)
            && !placed.iter().any(|o| o.overlaps(b))
            && !dots.iter().any(|d| d.overlaps(b))
            && (!strict || !soft.iter().any(|o| o.overlaps(b)))
    };
    let dirs8: [(f64, f64); 8] = [
        (1.0, 0.0),
        (-1.0, 0.0),
        (0.0, -1.0),
        (0.0, 1.0),
        (0.7, -0.7),
        (-0.7, -0.7),
        (0.7, 0.7),
        (-0.7, 0.7),
    ];
    for i in order {
        let p = points[i];
        let size = sizes[i];
        let gap = POINT_R + 3.0;
        // First keeping off the soft obstacles (reference lines), then allowed across them.
        let found = [true, false].into_iter().find_map(|strict| {
            let near = dirs8
                .iter()
                .map(|&d| box_toward((p.0 + d.0 * gap, p.1 + d.1 * gap), d, size))
                .find(|b| free(b, &placed, strict));
            if let Some(b) = near {
                return Some(Placed {
                    rect: b,
                    leader: None,
                });
            }
            // Further out, with a leader line that must not cross other labels or points.
            for dist in [20.0, 32.0, 46.0, 62.0, 80.0] {
                for k in 0..16 {
                    let a = std::f64::consts::PI * 2.0 * k as f64 / 16.0;
                    let d = (a.cos(), -a.sin());
                    let b = box_toward((p.0 + d.0 * dist, p.1 + d.1 * dist), d, size);
                    if !free(&b, &placed, strict) {
                        continue;
                    }
                    let end = b.nearest(p);
                    let (lx, ly) = (end.0 - p.0, end.1 - p.1);
                    let len = (lx * lx + ly * ly).sqrt().max(1.0);
                    let start = (
                        p.0 + lx / len * (POINT_R + 1.0),
                        p.1 + ly / len * (POINT_R + 1.0),
                    );
                    let crosses = (1..10).any(|s| {
                        let t = s as f64 / 10.0;
                        let q = (
                            start.0 + (end.0 - start.0) * t,
                            start.1 + (end.1 - start.1) * t,
                        );
                        placed.iter().any(|o| o.contains(q))
                            || dots
                                .iter()
                                .enumerate()
                                .any(|(j, dot)| j != i && dot.contains(q))
                    });
                    if !crosses {
                        return Some(Placed {
                            rect: b,
                            leader: Some((start, end)),
                        });
                    }
                }
            }
            None
        });
        if let Some(f) = found {
            placed.push(f.rect);
            out[i] = Some(f);
        }
    }
    out
}

/// Axis ticks whose formatted labels fit side by side in `room` pixels.
fn fitting_ticks(lo: f64, hi: f64, fmt: &dyn Fn(f64) -> String, room: f64) -> Vec<f64> {
    for target in [6, 5, 4, 3, 2] {
        let ticks = nice_ticks(lo, hi, target);
        let widest = ticks
            .iter()
            .map(|t| text_width(&fmt(*t), MIN_TEXT) + 12.0)
            .fold(0.0, f64::max);
        if widest * ticks.len() as f64 <= room {
            return ticks;
        }
    }
    nice_ticks(lo, hi, 2)
}

/// The data range padded to whole ticks; a single value gets room around it.
fn domain(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let lo = values.clone().fold(f64::INFINITY, f64::min);
    let hi = values.fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if (hi - lo).abs() < 1e-9 {
        let pad = lo.abs().max(1.0) * 0.1;
        return (lo - pad, hi + pad);
    }
    (lo, hi)
}

pub fn scatter_svg(c: &ScatterChart) -> SvgDoc {
    scatter_at(c, Fit::Wide)
}

/// The phone rendering: the same plot, less tall, with ticks that fit its width.
pub fn scatter_narrow(c: &ScatterChart) -> SvgDoc {
    scatter_at(c, Fit::Narrow)
}

fn scatter_at(c: &ScatterChart, fit: Fit) -> SvgDoc {
    let height: u32 = if fit.narrow() { 380 } else { 460 };
    let (xl, xh) = domain(
        c.points
            .iter()
            .map(|p| p.x)
            .chain(c.x_ref.iter().map(|r| r.1)),
    );
    let (yl, yh) = domain(
        c.points
            .iter()
            .map(|p| p.y)
            .chain(c.y_ref.iter().map(|r| r.1)),
    );
    let y_ticks = nice_ticks(yl, yh, if fit.narrow() { 5 } else { 6 });
    let y_tick_w = y_ticks
        .iter()
        .map(|t| text_width(&(c.y_fmt)(*t), MIN_TEXT))
        .fold(20.0, f64::max);
    let left = (y_tick_w + 16.0).max(40.0);
    let (right, top, bottom) = (16.0, 30.0, 50.0);
    let plot_w = fit.w() - left - right;
    let plot_h = height as f64 - top - bottom;
    let x_ticks = fitting_ticks(xl, xh, &*c.x_fmt, plot_w);
    // Ticks span the data; a small margin keeps points off the frame.
    let (x0, x1) = (x_ticks[0].min(xl), x_ticks[x_ticks.len() - 1].max(xh));
    let (x0, x1) = (x0 - (x1 - x0) * 0.03, x1 + (x1 - x0) * 0.03);
    let (y0, y1) = (y_ticks[0].min(yl), y_ticks[y_ticks.len() - 1].max(yh));
    let (y0, y1) = (y0 - (y1 - y0) * 0.03, y1 + (y1 - y0) * 0.03);
    let px_x = |v: f64| left + plot_w * (v - x0) / (x1 - x0);
    let px_y = |v: f64| top + plot_h * (1.0 - (v - y0) / (y1 - y0));
    let (r_edge, b_edge) = (left + plot_w, top + plot_h);
    let bounds = LabelBox {
        x0: left + 1.0,
        y0: top + 1.0,
        x1: r_edge - 1.0,
        y1: b_edge - 1.0,
    };

    SvgDoc::draw((fit.width(), height), &c.title, &c.desc, |root| {
        let _ = root.fill(&WHITE);
        let ipt = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        for t in y_ticks.iter().filter(|t| **t >= y0 && **t <= y1) {
            let y = px_y(*t);
            let color = if *t == 0.0 && y0 < 0.0 { GREY } else { LIGHT };
            let _ = root.draw(&PathElement::new(vec![ipt(left, y), ipt(r_edge, y)], color));
            let _ = root.draw(&Text::new(
                (c.y_fmt)(*t),
                ipt(left - 6.0, y),
                text_style(MIN_TEXT, GREY, HPos::Right, VPos::Center),
            ));
        }
        for t in x_ticks.iter().filter(|t| **t >= x0 && **t <= x1) {
            let x = px_x(*t);
            let color = if *t == 0.0 && x0 < 0.0 { GREY } else { LIGHT };
            let _ = root.draw(&PathElement::new(vec![ipt(x, top), ipt(x, b_edge)], color));
            let _ = root.draw(&Text::new(
                (c.x_fmt)(*t),
                ipt(x, b_edge + 6.0),
                text_style(MIN_TEXT, GREY, HPos::Center, VPos::Top),
            ));
        }
        let _ = root.draw(&PathElement::new(
            vec![ipt(left, top), ipt(left, b_edge), ipt(r_edge, b_edge)],
            INK,
        ));
        let _ = root.draw(&Text::new(
            c.x_label.clone(),
            ipt(left + plot_w / 2.0, height as f64 - 6.0),
            text_style(12.0, INK, HPos::Center, VPos::Bottom),
        ));
        let _ = root.draw(&Text::new(
            c.y_label.clone(),
            ipt(8.0, 14.0),
            text_style(12.0, INK, HPos::Left, VPos::Center),
        ));

        // Reference lines; their labels become obstacles for the point labels.
        let mut obstacles = Vec::new();
        let mut soft = Vec::new();
        if let Some((label, v)) = &c.x_ref {
            let x = px_x(*v);
            dashed_vline(
                root,
                x.round() as i32,
                top as i32,
                b_edge as i32,
                VERMILLION,
            );
            soft.push(LabelBox {
                x0: x - 1.5,
                y0: top,
                x1: x + 1.5,
                y1: b_edge,
            });
            let (w, h) = label_size(label);
            let flip = x + 5.0 + w > bounds.x1;
            let lx = if flip { x - 5.0 - w } else { x + 5.0 };
            obstacles.push(LabelBox {
                x0: lx,
                y0: top + 3.0,
                x1: lx + w,
                y1: top + 3.0 + h,
            });
            let _ = root.draw(&Text::new(
                label.clone(),
                ipt(lx + 1.0, top + 3.0 + h / 2.0),
                text_style(LABEL_SIZE, VERMILLION, HPos::Left, VPos::Center),
            ));
        }
        if let Some((label, v)) = &c.y_ref {
            let y = px_y(*v);
            draw_segment(root, ipt(left, y), ipt(r_edge, y), VERMILLION, true);
            soft.push(LabelBox {
                x0: left,
                y0: y - 1.5,
                x1: r_edge,
                y1: y + 1.5,
            });
            let (w, h) = label_size(label);
            let ly = if y - 4.0 - h < bounds.y0 {
                y + 4.0
            } else {
                y - 4.0 - h
            };
            let lx = r_edge - 4.0 - w;
            obstacles.push(LabelBox {
                x0: lx,
                y0: ly,
                x1: lx + w,
                y1: ly + h,
            });
            let _ = root.draw(&Text::new(
                label.clone(),
                ipt(lx + 1.0, ly + h / 2.0),
                text_style(LABEL_SIZE, VERMILLION, HPos::Left, VPos::Center),
            ));
        }

        let pts: Vec<(f64, f64)> = c.points.iter().map(|p| (px_x(p.x), px_y(p.y))).collect();
        let sizes: Vec<(f64, f64)> = c.points.iter().map(|p| label_size(&p.label)).collect();
        let placed = place_labels(&pts, &sizes, bounds, &obstacles, &soft);
        for p in &pts {
            let _ = root.draw(&Circle::new(ipt(p.0, p.1), POINT_R as i32, BLUE.filled()));
            let _ = root.draw(&Circle::new(ipt(p.0, p.1), POINT_R as i32, WHITE));
        }
        for (p, spot) in c.points.iter().zip(&placed) {
            let Some(spot) = spot else { continue };
            if let Some((a, b)) = spot.leader {
                let _ = root.draw(&PathElement::new(vec![ipt(a.0, a.1), ipt(b.0, b.1)], GREY));
            }
            let r = spot.rect;
            let _ = root.draw(&Text::new(
                p.label.clone(),
                ipt(r.x0 + 1.0, (r.y0 + r.y1) / 2.0),
                text_style(LABEL_SIZE, INK, HPos::Left, VPos::Center),
            ));
        }
        let _ = root.present();
    })
}

/// Test helper: writes `/tmp/charts/{name}.svg` and an HTML page showing it.
#[cfg(test)]
pub(crate) fn write_sample(name: &str, svg: &str) {
    let dir = std::path::Path::new("/tmp/charts");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap();
    // The chart font, as the site serves it, so the sample shows the widths charts measure.
    let fonts = env!("CARGO_MANIFEST_DIR").to_string() + "/themes/default/fonts/LiberationSans-";
    let face = |file: &str, w: u32, style: &str| {
        format!("@font-face{{font-family:'Liberation Sans';src:url('file://{fonts}{file}.ttf');font-weight:{w};font-style:{style}}}")
    };
    let html = format!(
        "<!doctype html><meta charset=utf-8><style>{}{}{}body{{margin:8px;font-family:sans-serif}}\
         svg.chart{{width:100%;height:auto;max-width:720px;display:block}}</style>{svg}",
        face("Regular", 400, "normal"),
        face("Bold", 700, "normal"),
        face("Italic", 400, "italic"),
    );
    std::fs::write(dir.join(format!("{name}.html")), html).unwrap();
}

#[cfg(test)]
#[path = "scatter_tests.rs"]
mod tests;
