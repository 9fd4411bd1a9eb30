//! Charts drawn at build time with plotters into our own SVG backend (`svg`): no JavaScript,
//! no system fonts.
//!
//! Layout is done here with plotters' drawing primitives rather than its chart builder: the
//! builder needs font metrics to place labels, which would tie output to the host's fonts.
//! Text is anchored (`text-anchor`) so the browser places it; widths are estimated per character.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Okabe-Ito blue.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
/// Okabe-Ito vermillion darkened to 5,4:1 against white: it labels reference lines in text
/// (Okabe-Ito's own 3,87:1 fails WCAG 1.4.3).
pub const VERMILLION: RGBColor = RGBColor(181, 72, 0);
/// A darker bluish green than Okabe-Ito's (6,4:1): Okabe-Ito's, darkened only to 4,5:1, sat
/// 8 CIEDE2000 from the blue for a reader with tritanopia.
pub const GREEN: RGBColor = RGBColor(16, 109, 69);
pub const GREY: RGBColor = RGBColor(110, 110, 110);
/// Lines and segments drawn together: blue, vermillion, bluish green, reddish purple, brown,
/// grey. Each keeps 4.5:1 against white (WCAG 1.4.3), so a line's colour can also be its
/// label's, and every pair stays at least 10 CIEDE2000 apart for normal vision and simulated
/// protanopia, deuteranopia and tritanopia (Machado 2009; found by a search from Okabe-Ito's
/// hues, whose olive and vermillion were 2,5 apart for deuteranopes). Tested in
/// `tests/chart_contrast.rs`.
pub const SERIES: [RGBColor; 6] = [
    BLUE,
    VERMILLION,
    GREEN,
    RGBColor(151, 65, 124),
    RGBColor(77, 66, 22),
    RGBColor(84, 85, 86),
];
pub(crate) const LIGHT: RGBColor = RGBColor(225, 225, 225);
pub const INK: RGBColor = RGBColor(34, 34, 34);

/// The embedded Liberation Sans first (see `crate::fonts`), then its metric twin Arial.
pub(crate) const FONT: &str = crate::fonts::SVG_STACK;
/// plotters writes `font-size` as the requested size / 1.24.
pub(crate) fn px(size: f64) -> f64 {
    size * 1.24
}
/// Rough average advance of a character at 1px, for room estimates without the text at hand;
/// `text_width` measures real glyph advances instead.
#[allow(dead_code)]
pub(crate) const CHAR_EM: f64 = crate::fonts::FALLBACK_EM;

pub(crate) fn text_style(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    styled((FONT, px(size)).into_font(), color, h, v)
}

pub(crate) fn italic(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    styled((FONT, px(size), FontStyle::Italic).into_font(), color, h, v)
}

pub(crate) fn styled(
    font: FontDesc<'static>,
    color: RGBColor,
    h: HPos,
    v: VPos,
) -> TextStyle<'static> {
    let mut t = TextStyle::from(font);
    t.color = color.to_backend_color();
    t.pos = Pos::new(h, v);
    t
}

/// Width in px of `s` at `size` px, from the embedded font's glyph advances.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    crate::fonts::text_width(s, size, false)
}

pub(crate) mod num;
mod ranking;
mod scatter;
mod sparkline;
mod stacked;
mod svg;
mod target;
mod tilemap;
mod trend;

pub use ranking::*;
pub use scatter::*;
pub use sparkline::*;
pub use stacked::*;
pub use svg::{Backend, SvgDoc};
pub use target::*;
pub use tilemap::*;
pub use trend::*;

pub(crate) const WIDTH: u32 = 720;

/// Width of the rendering for phones: a 320 px screen's column (320 - 2 x 16 px padding), so
/// at the narrowest width the theme supports it is shown at its drawn size.
pub const NARROW: u32 = 288;

/// Smallest font size drawn, in SVG units. The theme never shows a rendering below its drawn
/// width (the wide one from 47rem up, the narrow one below), so it is also the smallest text
/// a reader sees, in px (tests/chart_text.rs and .ci/chart_text.js hold the charts to it).
pub const MIN_TEXT: f64 = 12.0;

/// Which of a chart's two renderings to draw: for the page's column on a computer (720 wide)
/// or for a phone ([`NARROW`] wide, labels above bars, legends below, fewer ticks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    Wide,
    Narrow,
}

impl Fit {
    pub fn width(self) -> u32 {
        match self {
            Fit::Wide => WIDTH,
            Fit::Narrow => NARROW,
        }
    }
    pub(crate) fn w(self) -> f64 {
        self.width() as f64
    }
    pub(crate) fn narrow(self) -> bool {
        self == Fit::Narrow
    }
}

pub(crate) fn dashed_vline<DB: DrawingBackend>(
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

pub(crate) fn draw_segment<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    a: (i32, i32),
    b: (i32, i32),
    color: RGBColor,
    dashed: bool,
) {
    draw_segment_w(root, a, b, color, dashed, 2)
}

/// A line from `a` to `b`, `width` px wide; dashed as 6 px dashes with 4 px gaps.
pub(crate) fn draw_segment_w<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    a: (i32, i32),
    b: (i32, i32),
    color: RGBColor,
    dashed: bool,
    width: u32,
) {
    let style = color.stroke_width(width);
    if !dashed {
        let _ = root.draw(&Segment {
            points: [a, b],
            style,
        });
        return;
    }
    let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let mut t = 0.0;
    while t < len {
        let t1 = (t + DASH).min(len);
        let p = |s: f64| {
            (
                (a.0 as f64 + dx * s / len) as i32,
                (a.1 as f64 + dy * s / len) as i32,
            )
        };
        let _ = root.draw(&Segment {
            points: [p(t), p(t1)],
            style,
        });
        t += DASH + 4.0;
    }
}

/// A path of two points, drawn as plotters' `PathElement` draws one, without its `Vec`: a
/// monthly trend draws ~180 segments per rendering.
struct Segment {
    points: [(i32, i32); 2],
    style: ShapeStyle,
}

impl<'a> plotters::element::PointCollection<'a, (i32, i32)> for &'a Segment {
    type Point = &'a (i32, i32);
    type IntoIter = &'a [(i32, i32)];
    fn point_iter(self) -> &'a [(i32, i32)] {
        &self.points
    }
}

impl<DB: DrawingBackend> plotters::element::Drawable<DB> for Segment {
    fn draw<I: Iterator<Item = plotters_backend::BackendCoord>>(
        &self,
        points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), plotters_backend::DrawingErrorKind<DB::ErrorType>> {
        backend.draw_path(points, &self.style)
    }
}

/// Length of one dash of a dashed line, in px.
pub const DASH: f64 = 6.0;

/// Round tick values (1, 2, 5 x 10^k) covering `lo..hi`.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi < lo {
        return vec![0.0, 1.0];
    }
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

/// `s` escaped for SVG/HTML text and double-quoted attributes (`&`, `<`, `>`, `"`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`] appended to `out`, for writers that build one buffer (the title of a monthly
/// sparkline names ~130 figures).
pub fn escape_into(out: &mut String, s: &str) {
    escape_runs(out, s, false);
}

/// The escaper of both [`escape_into`] and the SVG backend (which also escapes `'`, as
/// plotters' backend did). Byte by byte, copying the runs between the ASCII characters that
/// need escaping whole (a run between ASCII bytes is whole characters): the descriptions of
/// monthly charts read out every figure, and a push per character was most of their cost.
pub(crate) fn escape_runs(out: &mut String, s: &str, apostrophe: bool) {
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' if apostrophe => "&apos;",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
}
