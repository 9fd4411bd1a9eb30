//! Ranking chart: one horizontal bar per region, best first, with reference lines.

use super::*;
use plotters::style::text_anchor::{HPos, VPos};

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

pub fn ranking_svg(c: &RankingChart) -> SvgDoc {
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
    SvgDoc::draw((WIDTH, height), &c.title, &c.desc, |root| {
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
            dashed_vline(root, x, (top - 4.0) as i32, bottom as i32, color);
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
    })
}

/// In place of a ranking the data cannot support: the reason, in words, as the chart itself,
/// so a page, a download and a slide all say the same thing instead of drawing bars.
pub fn message_svg(title: &str, lines: &[String]) -> SvgDoc {
    let height = (16 + 22 * lines.len()) as u32;
    SvgDoc::draw((WIDTH, height), title, &lines.join(" "), |root| {
        let _ = root.fill(&WHITE);
        for (i, line) in lines.iter().enumerate() {
            let _ = root.draw(&Text::new(
                line.clone(),
                (8, 19 + 22 * i as i32),
                text_style(13.0, INK, HPos::Left, VPos::Center),
            ));
        }
        let _ = root.present();
    })
}
