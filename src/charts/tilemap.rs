//! Tile map: one square per region on a rough geographic grid, shaded by value in up to five
//! classes with round limits starting at 0, on a single-hue ramp (monotonic in greyscale
//! print).

use super::*;
use plotters::style::text_anchor::{HPos, VPos};

pub struct Tile {
    /// Grid column and row; the smallest of each becomes 0.
    pub x: i32,
    pub y: i32,
    /// Short name written in the tile.
    pub label: String,
    pub value: Option<f64>,
    pub value_label: String,
}

pub struct TileChart {
    pub title: String,
    pub desc: String,
    pub legend_title: String,
    /// Written in tiles without data.
    pub no_data: String,
    pub tiles: Vec<Tile>,
    /// When false the ramp is reversed so that the better end stays darker.
    pub higher_is_better: bool,
    /// Formats the class limits in the legend.
    pub fmt: Box<dyn Fn(f64) -> String + Sync>,
}

/// Light to dark blue (after ColorBrewer Blues), every step at least 3:1 against the white
/// page (WCAG 1.4.11) so even the lightest class stands apart from a "no data" tile; ink text
/// on the first step and white on the others keep 4.5:1.
pub const TILE_RAMP: [RGBColor; 5] = [
    RGBColor(0x4a, 0x98, 0xc9),
    RGBColor(0x2b, 0x7b, 0xba),
    RGBColor(0x1d, 0x65, 0xa6),
    RGBColor(0x11, 0x4a, 0x84),
    RGBColor(0x08, 0x30, 0x6b),
];

const CLASSES: usize = 5;

/// Class limits: round numbers (1, 2, 2,5 or 5 x 10^k) from 0, or from the lowest value when
/// it is negative, up to at least the highest value; at most [`CLASSES`] classes. Starting at
/// 0 keeps the map honest: 12,7% is not drawn as the "lowest" class as if it were nothing.
pub(crate) fn class_breaks(lo: f64, hi: f64) -> Vec<f64> {
    let start = lo.min(0.0);
    for target in (2..=CLASSES).rev() {
        let mut t = nice_ticks(start, hi, target);
        // The first tick may lie below the start; a class wholly below it holds nothing.
        while t.len() > 2 && t[1] <= start {
            t.remove(0);
        }
        if t.len() >= 2 && t.len() - 1 <= CLASSES {
            return t;
        }
    }
    vec![start, hi]
}

/// Class (0-based) of `v` among `breaks`: `breaks[i] <= v < breaks[i + 1]`, the top inclusive.
pub(crate) fn class_of(v: f64, breaks: &[f64]) -> usize {
    let n = breaks.len().saturating_sub(1).max(1);
    (1..breaks.len())
        .find(|&i| v < breaks[i])
        .map_or(n - 1, |i| i - 1)
        .min(n - 1)
}

/// Equal-interval class (0..5) of `v` between 0 (or `lo` if negative) and `hi`, on rounded
/// limits (see [`class_breaks`]), as a position on the 5-step ramp.
pub(crate) fn tile_class(v: f64, lo: f64, hi: f64) -> usize {
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        return CLASSES / 2;
    }
    let breaks = class_breaks(lo, hi);
    ramp_step(class_of(v, &breaks), breaks.len() - 1)
}

/// Ramp colour of class `k` of `n`, spread over the whole ramp so that the classes in use
/// are as far apart as the ramp allows.
fn ramp_step(k: usize, n: usize) -> usize {
    if n <= 1 {
        CLASSES / 2
    } else {
        ((k * (CLASSES - 1)) as f64 / (n - 1) as f64).round() as usize
    }
}

fn class_color(class: usize, higher_is_better: bool) -> RGBColor {
    if higher_is_better {
        TILE_RAMP[class]
    } else {
        TILE_RAMP[CLASSES - 1 - class]
    }
}

fn luminance(c: RGBColor) -> f64 {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// White or ink, whichever contrasts more with `bg`.
fn text_on(bg: RGBColor) -> RGBColor {
    let l = luminance(bg);
    let white = 1.05 / (l + 0.05);
    let ink = (l + 0.05) / (luminance(INK) + 0.05);
    if white > ink {
        WHITE
    } else {
        INK
    }
}

/// Fits `s` in `width` at [`MIN_TEXT`] (never smaller, so a narrow tile's name wraps rather
/// than shrinks): one line, else wrapped at spaces, and a word still too wide for the tile
/// broken with a hyphen ("Balik-papan"); returns the font size and the lines.
fn fit_label(s: &str, width: f64) -> (f64, Vec<String>) {
    let size = MIN_TEXT;
    if text_width(s, size) <= width {
        return (size, vec![s.to_string()]);
    }
    let mut lines = Vec::new();
    for line in super::target::wrap_words(s, size, width) {
        let mut rest: Vec<char> = line.chars().collect();
        // At least three letters either side of a break ("Bontan-g" reads worse than a name
        // a little wider than its tile).
        while text_width(&rest.iter().collect::<String>(), size) > width && rest.len() >= 6 {
            let fits = (3..=rest.len() - 3)
                .rev()
                .find(|&k| {
                    let head: String = rest[..k].iter().collect();
                    text_width(&format!("{head}-"), size) <= width
                })
                .unwrap_or(3);
            let head: String = rest[..fits].iter().collect();
            lines.push(format!("{head}-"));
            rest.drain(..fits);
        }
        lines.push(rest.into_iter().collect());
    }
    (size, lines)
}

pub fn tilemap_svg(c: &TileChart) -> SvgDoc {
    tilemap_at(c, Fit::Wide)
}

/// The phone rendering: the tiles across the width, the legend below them.
pub fn tilemap_narrow(c: &TileChart) -> SvgDoc {
    tilemap_at(c, Fit::Narrow)
}

fn tilemap_at(c: &TileChart, fit: Fit) -> SvgDoc {
    let width = fit.w();
    let min_x = c.tiles.iter().map(|t| t.x).min().unwrap_or(0);
    let min_y = c.tiles.iter().map(|t| t.y).min().unwrap_or(0);
    let cols = c.tiles.iter().map(|t| t.x - min_x + 1).max().unwrap_or(1) as f64;
    let rows = c.tiles.iter().map(|t| t.y - min_y + 1).max().unwrap_or(1) as f64;
    let values: Vec<f64> = c.tiles.iter().filter_map(|t| t.value).collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let has_missing = c.tiles.iter().any(|t| t.value.is_none());

    // Legend rows: class swatches with their ranges (one if all values are equal), no data.
    let mut legend: Vec<(RGBColor, String)> = Vec::new();
    if !values.is_empty() {
        if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
            legend.push((class_color(CLASSES / 2, c.higher_is_better), (c.fmt)(lo)));
        } else {
            let breaks = class_breaks(lo, hi);
            let n = breaks.len() - 1;
            for (k, w) in breaks.windows(2).enumerate() {
                legend.push((
                    class_color(ramp_step(k, n), c.higher_is_better),
                    format!("{} – {}", (c.fmt)(w[0]), (c.fmt)(w[1])),
                ));
            }
        }
    }
    let legend_w = legend
        .iter()
        .map(|l| 26.0 + text_width(&l.1, MIN_TEXT))
        .chain([
            text_width(&c.legend_title, 12.0),
            26.0 + text_width(&c.no_data, MIN_TEXT),
        ])
        .fold(0.0, f64::max)
        + 8.0;
    let legend_h = 22.0 + 20.0 * (legend.len() + has_missing as usize) as f64;

    let gap = 4.0;
    let margin = 8.0;
    let beside = width - 2.0 * margin - legend_w - 24.0;
    let (cell, legend_below) = if beside / cols >= 64.0 {
        ((beside / cols).min(96.0), false)
    } else {
        (((width - 2.0 * margin) / cols).min(96.0), true)
    };
    // What each tile says: its name's lines and its value's (or "no data"'s) lines. A tile
    // whose words need more height than its width makes every row taller (narrow rendering).
    let inner_w = cell - gap;
    let words: Vec<(Vec<String>, Vec<String>)> = c
        .tiles
        .iter()
        .map(|t| {
            // A phone's tile has no room for "no data" in words: a dash, which the legend's
            // white swatch explains.
            let second = match t.value {
                Some(_) => t.value_label.as_str(),
                None if fit.narrow() => "–",
                None => c.no_data.as_str(),
            };
            (
                fit_label(&t.label, inner_w - 4.0).1,
                fit_label(second, inner_w - 4.0).1,
            )
        })
        .collect();
    let block = |w: &(Vec<String>, Vec<String>)| {
        w.0.len() as f64 * MIN_TEXT * 1.25 + w.1.len() as f64 * MIN_TEXT * 1.3
    };
    let tallest = words.iter().map(block).fold(0.0, f64::max);
    let cell_h = cell.max(tallest + 8.0 + gap);
    let grid_w = cell * cols;
    let grid_h = cell_h * rows;
    let (legend_x, legend_y) = if legend_below {
        (margin, margin + grid_h + 16.0)
    } else {
        (margin + grid_w + 24.0, margin)
    };
    let height = if legend_below {
        legend_y + legend_h + margin
    } else {
        (margin + grid_h).max(legend_y + legend_h) + margin
    }
    .ceil() as u32;

    SvgDoc::draw((fit.width(), height), &c.title, &c.desc, |root| {
        let _ = root.fill(&WHITE);
        let inner_h = cell_h - gap;
        for (t, (lines, second_lines)) in c.tiles.iter().zip(&words) {
            let x = margin + (t.x - min_x) as f64 * cell;
            let y = margin + (t.y - min_y) as f64 * cell_h;
            let corners = [
                (x.round() as i32, y.round() as i32),
                ((x + inner_w).round() as i32, (y + inner_h).round() as i32),
            ];
            let ink = match t.value {
                Some(v) => {
                    let fill = class_color(tile_class(v, lo, hi), c.higher_is_better);
                    let _ = root.draw(&Rectangle::new(corners, fill.filled()));
                    text_on(fill)
                }
                None => {
                    let _ = root.draw(&Rectangle::new(corners, WHITE.filled()));
                    let _ = root.draw(&Rectangle::new(corners, GREY));
                    GREY
                }
            };
            let size = MIN_TEXT;
            let line_h = size * 1.25;
            let block = block(&(lines.clone(), second_lines.clone()));
            let cx = (x + inner_w / 2.0).round() as i32;
            let mut ty = y + (inner_h - block) / 2.0;
            for l in lines {
                let _ = root.draw(&Text::new(
                    l.clone(),
                    (cx, (ty + line_h / 2.0).round() as i32),
                    text_style(size, ink, HPos::Center, VPos::Center),
                ));
                ty += line_h;
            }
            for l in second_lines {
                let style = if t.value.is_some() {
                    styled(
                        (FONT, px(size), FontStyle::Bold).into_font(),
                        ink,
                        HPos::Center,
                        VPos::Center,
                    )
                } else {
                    italic(size, ink, HPos::Center, VPos::Center)
                };
                let _ = root.draw(&Text::new(
                    l.clone(),
                    (cx, (ty + size * 0.65).round() as i32),
                    style,
                ));
                ty += size * 1.3;
            }
        }

        let _ = root.draw(&Text::new(
            c.legend_title.clone(),
            (legend_x as i32, (legend_y + 8.0) as i32),
            text_style(12.0, INK, HPos::Left, VPos::Center),
        ));
        let mut ly = legend_y + 22.0;
        let swatch = |root: &DrawingArea<Backend, _>, y: f64, fill: RGBColor, border: bool| {
            let corners = [
                (legend_x as i32, y as i32),
                ((legend_x + 18.0) as i32, (y + 14.0) as i32),
            ];
            let _ = root.draw(&Rectangle::new(corners, fill.filled()));
            if border {
                let _ = root.draw(&Rectangle::new(corners, GREY));
            }
        };
        // Higher values listed first, as on a map key.
        for (fill, text) in legend.iter().rev() {
            swatch(root, ly, *fill, false);
            let _ = root.draw(&Text::new(
                text.clone(),
                ((legend_x + 26.0) as i32, (ly + 7.0) as i32),
                text_style(MIN_TEXT, INK, HPos::Left, VPos::Center),
            ));
            ly += 20.0;
        }
        if has_missing {
            swatch(root, ly, WHITE, true);
            let _ = root.draw(&Text::new(
                c.no_data.clone(),
                ((legend_x + 26.0) as i32, (ly + 7.0) as i32),
                italic(MIN_TEXT, GREY, HPos::Left, VPos::Center),
            ));
        }
        let _ = root.present();
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tile(x: i32, y: i32, label: &str, value: Option<f64>) -> Tile {
        Tile {
            x,
            y,
            label: label.into(),
            value,
            value_label: value.map(|v| format!("{v}%")).unwrap_or_default(),
        }
    }

    fn chart(tiles: Vec<Tile>, higher_is_better: bool) -> TileChart {
        TileChart {
            title: "Cakupan menurut wilayah".into(),
            desc: "desc".into(),
            legend_title: "Cakupan (%)".into(),
            no_data: "tidak ada data".into(),
            tiles,
            higher_is_better,
            fmt: Box::new(|v| format!("{v:.0}%")),
        }
    }

    /// Fills of the tile-sized rects (not the background, not legend swatches), in order.
    fn tile_fills(svg: &str, cell_w: &str) -> Vec<String> {
        svg.split("<rect ")
            .skip(1)
            .filter(|r| r.contains(&format!("width=\"{cell_w}\"")))
            .filter(|r| !r.contains("fill=\"none\""))
            .map(|r| {
                r.split("fill=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .into()
            })
            .collect()
    }

    fn known() -> Vec<Tile> {
        vec![
            tile(3, 5, "Kubar", Some(0.0)),
            tile(4, 5, "Kukar", Some(25.0)),
            tile(5, 5, "Kutim", Some(55.0)),
            tile(3, 6, "PPU", Some(80.0)),
            tile(4, 6, "Bpp", Some(125.0)),
            tile(5, 6, "Mahulu", None),
        ]
    }

    #[test]
    fn class_limits_are_round_and_start_at_zero() {
        // The case: figures from 12,7% to 30,16% were classed from 12,7.
        assert_eq!(class_breaks(12.7, 30.16), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(
            class_breaks(0.0, 125.0),
            vec![0.0, 25.0, 50.0, 75.0, 100.0, 125.0]
        );
        assert_eq!(
            class_breaks(40.0, 100.0),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        // Negative figures start the scale at their own minimum.
        let neg = class_breaks(-4.0, 6.0);
        assert!(
            neg[0] <= -4.0 && neg[0] > -10.0 && *neg.last().unwrap() >= 6.0,
            "{neg:?}"
        );
        let b = class_breaks(12.7, 30.16);
        assert_eq!(class_of(12.7, &b), 1);
        assert_eq!(class_of(30.16, &b), 3);
        assert_eq!(class_of(40.0, &b), 3, "the top limit is in the top class");
        // Four classes use the ramp's ends and spread between them.
        assert_eq!(
            (0..4).map(|k| ramp_step(k, 4)).collect::<Vec<_>>(),
            vec![0, 1, 3, 4]
        );
    }

    #[test]
    fn classes_and_tiles() {
        assert_eq!(tile_class(0.0, 0.0, 125.0), 0);
        assert_eq!(tile_class(25.0, 0.0, 125.0), 1);
        assert_eq!(tile_class(125.0, 0.0, 125.0), 4);
        let svg = tilemap_svg(&chart(known(), true)).inline("t");
        // 3 columns beside the legend: cells of 96px, tiles 92px wide.
        let fills = tile_fills(&svg, "92");
        assert_eq!(
            fills,
            ["#4A98C9", "#2B7BBA", "#1D65A6", "#114A84", "#08306B", "#FFFFFF"],
        );
        // The missing tile has a grey border and says so; no value drawn as zero.
        assert_eq!(svg.matches("fill=\"none\" stroke=\"#6E6E6E\"").count(), 2);
        assert_eq!(
            svg.matches(">tidak ada data</text>").count(),
            2,
            "tile + legend"
        );
        // Values above 100% are shown as they are.
        assert!(svg.contains(">125%</text>"));
        assert!(svg.contains(">100% – 125%</text>"));
        // Ink on light tiles, white on dark ones.
        assert!(svg.contains("fill=\"#222222\">Kubar</text>"));
        assert!(svg.contains("fill=\"#FFFFFF\">Bpp</text>"));
        assert!(svg.contains("fill=\"#FFFFFF\">PPU</text>"));

        let reversed = tilemap_svg(&chart(known(), false)).inline("t");
        assert_eq!(
            tile_fills(&reversed, "92"),
            ["#08306B", "#114A84", "#1D65A6", "#2B7BBA", "#4A98C9", "#FFFFFF"],
        );
    }

    #[test]
    fn contrast_is_enough_on_every_class() {
        for c in TILE_RAMP {
            let t = text_on(c);
            let (a, b) = (luminance(c), luminance(t));
            let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(ratio >= 4.5, "{c:?}: {ratio}");
        }
        // Fills stand apart from the white page and from white "no data" tiles.
        for c in TILE_RAMP {
            let ratio = 1.05 / (luminance(c) + 0.05);
            assert!(ratio >= 3.0, "{c:?} against white: {ratio}");
        }
        // Monotonic in greyscale.
        assert!(TILE_RAMP
            .windows(2)
            .all(|w| luminance(w[0]) > luminance(w[1])));
    }

    #[test]
    fn long_names_wrap_or_shrink() {
        let (size, lines) = fit_label("Penajam Paser Utara", 80.0);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, size) <= 80.0));
        let (size, lines) = fit_label("Samarinda", 80.0);
        assert_eq!((size, lines.len()), (MIN_TEXT, 1));
    }

    #[test]
    #[ignore]
    fn write_tilemap_samples() {
        let tiles = vec![
            tile(1, 0, "Mahakam Ulu", Some(12.7)),
            tile(2, 0, "Kutai Barat", Some(48.2)),
            tile(3, 0, "Berau", Some(66.0)),
            tile(2, 1, "Kutai Kartanegara", Some(59.9)),
            tile(3, 1, "Kutai Timur", Some(104.3)),
            tile(4, 1, "Bontang", None),
            tile(1, 2, "Paser", Some(61.0)),
            tile(2, 2, "Penajam Paser Utara", Some(62.4)),
            tile(3, 2, "Samarinda", Some(40.4)),
            tile(3, 3, "Balikpapan", Some(88.9)),
        ];
        let mut c = chart(tiles, true);
        c.fmt = Box::new(|v| format!("{v:.1}").replace('.', ",") + "%");
        super::super::scatter::write_sample("tilemap", &tilemap_svg(&c).inline("t"));
    }
}
