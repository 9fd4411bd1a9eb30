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
    ranking_at(c, Fit::Wide)
}

/// The phone rendering: each region's name on its own line above its bar.
pub fn ranking_narrow(c: &RankingChart) -> SvgDoc {
    ranking_at(c, Fit::Narrow)
}

fn ranking_at(c: &RankingChart, fit: Fit) -> SvgDoc {
    let size = MIN_TEXT;
    let narrow = fit.narrow();
    let width = fit.w();
    // Narrow rows: the name (16) above a bar (16).
    let (row_h, bar_top, bar_h) = if narrow {
        (36.0, 17.0, 14.0)
    } else {
        (26.0, 4.0, 18.0)
    };
    let top = if c.refs.is_empty() {
        8.0
    } else {
        8.0 + 16.0 * c.refs.len() as f64
    };
    let left = if narrow {
        8.0
    } else {
        c.bars
            .iter()
            .map(|b| text_width(&b.label, size))
            .fold(60.0, f64::max)
            .min(300.0)
            + 12.0
    };
    let value_room = c
        .bars
        .iter()
        .map(|b| text_width(&b.value_label, size))
        .fold(30.0, f64::max)
        + 10.0;
    let plot_w = width - left - value_room - 8.0;
    let height = (top + row_h * c.bars.len() as f64 + 10.0).ceil() as u32;
    let max = c
        .bars
        .iter()
        .filter_map(|b| b.value)
        .chain(c.refs.iter().map(|r| r.value))
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let x_of = |v: f64| left + plot_w * (v.max(0.0) / max);
    SvgDoc::draw((fit.width(), height), &c.title, &c.desc, |root| {
        let _ = root.fill(&WHITE);
        for (i, bar) in c.bars.iter().enumerate() {
            let y = top + row_h * i as f64;
            let mid = (y + bar_top + bar_h / 2.0) as i32;
            let (label_at, label_style) = if narrow {
                (
                    (left as i32, (y + 8.0) as i32),
                    text_style(size, INK, HPos::Left, VPos::Center),
                )
            } else {
                (
                    ((left - 8.0) as i32, mid),
                    text_style(size, INK, HPos::Right, VPos::Center),
                )
            };
            let _ = root.draw(&Text::new(bar.label.clone(), label_at, label_style));
            match bar.value {
                Some(v) => {
                    let x1 = x_of(v);
                    let _ = root.draw(&Rectangle::new(
                        [
                            (left as i32, (y + bar_top) as i32),
                            (x1.max(left + 1.0) as i32, (y + bar_top + bar_h) as i32),
                        ],
                        BLUE.filled(),
                    ));
                    // A value written across a reference line is hard to read: inside the
                    // bar's end instead (white on blue, 5,2:1), when the bar is long enough.
                    let w = text_width(&bar.value_label, size);
                    let crossed = c.refs.iter().any(|r| {
                        let rx = x_of(r.value);
                        rx > x1 + 2.0 && rx < x1 + 5.0 + w + 3.0
                    });
                    let (at, style) = if crossed && x1 - left > w + 12.0 {
                        (
                            ((x1 - 5.0) as i32, mid),
                            text_style(size, WHITE, HPos::Right, VPos::Center),
                        )
                    } else {
                        (
                            ((x1 + 5.0) as i32, mid),
                            text_style(size, INK, HPos::Left, VPos::Center),
                        )
                    };
                    let _ = root.draw(&Text::new(bar.value_label.clone(), at, style));
                }
                None if bar.label != "…" => {
                    let _ = root.draw(&Text::new(
                        c.no_data.clone(),
                        ((left + 4.0) as i32, mid),
                        italic(size, GREY, HPos::Left, VPos::Center),
                    ));
                }
                None => {}
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
            if narrow {
                // Over the bars only: the names above them stay clear of the line.
                for i in 0..c.bars.len() {
                    let y = top + row_h * i as f64 + bar_top;
                    dashed_vline(root, x, (y - 2.0) as i32, (y + bar_h + 2.0) as i32, color);
                }
            } else {
                dashed_vline(root, x, (top - 4.0) as i32, bottom as i32, color);
            }
            let label_y = (8.0 + 16.0 * k as f64 + 6.0) as i32;
            // Flipped to the line's left when it would run off the right edge.
            let flip = x as f64 + 4.0 + text_width(&r.label, size) > width - 4.0;
            let (anchor, lx) = if flip {
                (HPos::Right, x - 4)
            } else {
                (HPos::Left, x + 4)
            };
            let _ = root.draw(&Text::new(
                r.label.clone(),
                (lx, label_y),
                text_style(size, color, anchor, VPos::Center),
            ));
        }
        let _ = root.present();
    })
}

/// In place of a ranking the data cannot support: the reason, in words, as the chart itself,
/// so a page, a download and a slide all say the same thing instead of drawing bars.
pub fn message_svg(title: &str, lines: &[String]) -> SvgDoc {
    message_at(title, lines, Fit::Wide)
}

/// [`message_svg`] for a phone: the same words, wrapped to its width.
pub fn message_narrow(title: &str, lines: &[String]) -> SvgDoc {
    message_at(title, lines, Fit::Narrow)
}

fn message_at(title: &str, lines: &[String], fit: Fit) -> SvgDoc {
    let size = 13.0;
    let lines: Vec<String> = if fit.narrow() {
        wrap_words(&lines.join(" "), size, fit.w() - 16.0)
    } else {
        lines.to_vec()
    };
    let height = (16 + 22 * lines.len()) as u32;
    SvgDoc::draw((fit.width(), height), title, &lines.join(" "), |root| {
        let _ = root.fill(&WHITE);
        for (i, line) in lines.iter().enumerate() {
            let _ = root.draw(&Text::new(
                line.clone(),
                (8, 19 + 22 * i as i32),
                text_style(size, INK, HPos::Left, VPos::Center),
            ));
        }
        let _ = root.present();
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> RankingChart {
        let bar = |label: &str, v: Option<f64>| Bar {
            label: label.into(),
            value: v,
            value_label: v.map(|v| format!("{v}%")).unwrap_or_default(),
        };
        RankingChart {
            title: "t".into(),
            desc: "d".into(),
            bars: vec![
                bar("1. Kota Bontang", Some(100.0)),
                bar("2. Kabupaten Penajam Paser Utara", Some(67.0)),
                bar("3. Kota Samarinda", Some(40.39)),
                bar("Kabupaten Mahakam Ulu", None),
            ],
            refs: vec![
                RefLine {
                    label: "Kalimantan Timur 70,86%".into(),
                    value: 70.86,
                },
                RefLine {
                    label: "Target 80%".into(),
                    value: 80.0,
                },
            ],
            no_data: "tidak ada data".into(),
        }
    }

    /// `(words, x, y)` of every text.
    fn texts(svg: &str) -> Vec<(String, f64, f64)> {
        svg.split("<text ")
            .skip(1)
            .map(|t| {
                let num = |n: &str| -> f64 {
                    t.split(&format!("{n}=\""))
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap()
                };
                let words = t.split('>').nth(1).unwrap().split('<').next().unwrap();
                (words.to_string(), num("x"), num("y"))
            })
            .collect()
    }

    #[test]
    fn narrow_ranking_writes_names_above_their_bars_within_its_width() {
        let doc = ranking_narrow(&chart());
        assert_eq!(doc.width, NARROW);
        let svg = doc.inline("r");
        let t = texts(&svg);
        let name = t
            .iter()
            .find(|x| x.0 == "2. Kabupaten Penajam Paser Utara")
            .unwrap();
        let value = t.iter().find(|x| x.0 == "67%").unwrap();
        assert!(
            name.2 < value.2 - 10.0,
            "name above the bar: {name:?} {value:?}"
        );
        assert_eq!(name.1, 8.0, "names start at the left edge");
        for (words, x, _) in &t {
            let w = text_width(words, MIN_TEXT);
            // Left-anchored texts end inside the chart; right-anchored ones start inside it.
            let anchored_end = svg.contains(&format!("x=\"{x}\"")) && (x - w) >= 0.0;
            assert!(
                x + w <= NARROW as f64 || anchored_end,
                "{words:?} at {x} runs off"
            );
        }
        assert!(svg.contains(">tidak ada data</text>"));
    }

    #[test]
    #[ignore]
    fn write_ranking_samples() {
        let c = chart();
        crate::charts::scatter::write_sample("ranking", &ranking_svg(&c).inline("r"));
        crate::charts::scatter::write_sample("ranking-narrow", &ranking_narrow(&c).inline("r"));
    }
}
