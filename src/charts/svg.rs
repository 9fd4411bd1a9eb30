//! Our own plotters backend and the chart document it fills.
//!
//! plotters' SVG backend writes a fixed-size document with the font and full opacity on every
//! element; ours writes only the elements, in the compact form a page wants (the font is
//! inherited from the root, opacity only when it is not 1), into an [`SvgDoc`] that knows its
//! size, title and description. The inline SVG, the standalone download and the PNG are all
//! made from that document, so nothing is parsed back out of SVG text.

use super::num::{push_hex_color, push_i64};
use plotters::prelude::*;
use plotters_backend::{
    text_anchor::{HPos, VPos},
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    FontTransform,
};
use std::fmt::Write as _;

/// A drawn chart: its size in px (the viewBox), accessible title and description, and the
/// drawing's elements.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgDoc {
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub desc: String,
    pub body: String,
    /// The same chart drawn for a phone, shown instead of this one on narrow screens; it has
    /// no title or description of its own (see [`SvgDoc::inline`]).
    pub narrow: Option<Box<SvgDoc>>,
}

impl SvgDoc {
    /// Draws into a document of `size`; `draw` gets a plotters drawing area on our backend.
    pub fn draw(
        size: (u32, u32),
        title: &str,
        desc: &str,
        draw: impl FnOnce(&DrawingArea<Backend<'_>, plotters::coord::Shift>),
    ) -> SvgDoc {
        let mut body = String::with_capacity(8 * 1024);
        {
            let root = Backend::new(&mut body, size).into_drawing_area();
            draw(&root);
        }
        SvgDoc {
            width: size.0,
            height: size.1,
            title: title.to_string(),
            desc: desc.to_string(),
            body,
            narrow: None,
        }
    }

    /// This chart with `narrow` as its phone rendering.
    pub fn with_narrow(mut self, narrow: SvgDoc) -> SvgDoc {
        self.narrow = Some(Box::new(narrow));
        self
    }

    /// The SVG for a page: scales with its box (viewBox, no width/height), an image to
    /// assistive technology named by its `<title>` and described by its `<desc>`; `id` makes
    /// their ids unique on the page. With a phone rendering both are written and the theme's
    /// CSS shows one (`chart-wide`, `chart-narrow`); the narrow one is named by the wide one's
    /// title and description (`aria-labelledby` also reads elements that are not displayed),
    /// so a screen reader hears one image whichever is shown, and the words are not repeated.
    pub fn inline(&self, id: &str) -> String {
        let Some(narrow) = &self.narrow else {
            return self.root(
                id,
                &format!(
                    "viewBox=\"0 0 {} {}\" class=\"chart\"",
                    self.width, self.height
                ),
            );
        };
        let mut out = self.root(
            id,
            &format!(
                "viewBox=\"0 0 {} {}\" class=\"chart chart-wide\"",
                self.width, self.height
            ),
        );
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" class=\"chart chart-narrow\" role=\"img\" aria-labelledby=\"{id}-judul {id}-ket\" font-family=\"{}\" font-size=\"12\">",
            narrow.width,
            narrow.height,
            super::FONT,
        );
        out.push_str(&narrow.body);
        out.push_str("</svg>");
        out
    }

    fn root(&self, id: &str, place: &str) -> String {
        let mut out = String::with_capacity(self.body.len() + 512);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" {place} role=\"img\" aria-labelledby=\"{id}-judul {id}-ket\" font-family=\"{}\" font-size=\"12\"><title id=\"{id}-judul\">{}</title><desc id=\"{id}-ket\">{}</desc>",
            super::FONT,
            super::escape(&self.title),
            super::escape(&self.desc),
        );
        out.push_str(&self.body);
        out.push_str("</svg>");
        out
    }

    /// The chart as a file of its own, for slides and WhatsApp: the page's caption and source
    /// line travel with it, drawn above and below the chart, since the page around it does not.
    pub fn standalone(&self, id: &str, caption: &str, source_line: &str) -> String {
        let (w, h) = (self.width, self.height);
        let title_lines = super::wrap_bold(caption, 15.0, w as f64 - 24.0);
        let source_lines = super::wrap_words(source_line, 11.0, w as f64 - 24.0);
        let top = 14 + 20 * title_lines.len() as u32;
        let total = top + h + 8 + 15 * source_lines.len() as u32 + 6;
        let esc = super::escape;
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{total}\" viewBox=\"0 0 {w} {total}\" font-family=\"{}\">\n<rect width=\"{w}\" height=\"{total}\" fill=\"#FFFFFF\"/>\n",
            super::FONT
        );
        for (i, line) in title_lines.iter().enumerate() {
            let y = 24 + 20 * i as u32;
            let _ = writeln!(out, "<text x=\"12\" y=\"{y}\" font-size=\"15\" font-weight=\"bold\" fill=\"#222222\">{}</text>", esc(line));
        }
        out.push_str(&self.root(
            id,
            &format!("x=\"0\" y=\"{top}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\""),
        ));
        out.push('\n');
        for (i, line) in source_lines.iter().enumerate() {
            let y = top + h + 16 + 15 * i as u32;
            let _ = writeln!(
                out,
                "<text x=\"12\" y=\"{y}\" font-size=\"11\" fill=\"#555555\">{}</text>",
                esc(line)
            );
        }
        out.push_str("</svg>\n");
        out
    }
}

/// Font size set on a chart's root `<svg>`; texts of this size do not repeat it.
pub const DEFAULT_SIZE: f64 = 12.0;

/// A plotters backend that appends compact SVG elements to a string.
pub struct Backend<'a> {
    out: &'a mut String,
    size: (u32, u32),
}

impl<'a> Backend<'a> {
    pub fn new(out: &'a mut String, size: (u32, u32)) -> Self {
        Backend { out, size }
    }

    /// ` fill="#RRGGBB"` (and opacity when not 1) for `attr`.
    fn paint(&mut self, attr: &str, c: BackendColor) {
        self.out.push(' ');
        self.out.push_str(attr);
        self.out.push_str("=\"");
        push_hex_color(self.out, c.rgb);
        self.out.push('"');
        if c.alpha < 1.0 {
            let _ = write!(self.out, " opacity=\"{}\"", c.alpha);
        }
    }

    /// A line's colour and width; width 1 is SVG's default and left out (a region page's two
    /// charts ~1 KB lighter).
    fn stroke<S: BackendStyle>(&mut self, style: &S) {
        self.paint("stroke", style.color());
        if style.stroke_width() != 1 {
            self.out.push_str(" stroke-width=\"");
            push_i64(self.out, style.stroke_width().into());
            self.out.push('"');
        }
    }

    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (x, y) in path {
            push_i64(self.out, x.into());
            self.out.push(',');
            push_i64(self.out, y.into());
            self.out.push(' ');
        }
        self.out.push('"');
    }
}

/// Text and attribute values as plotters' SVG backend escapes them (`'` too).
fn escape_into(out: &mut String, s: &str) {
    super::escape_runs(out, s, true);
}

impl DrawingBackend for Backend<'_> {
    type ErrorType = std::convert::Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if color.alpha > 0.0 {
            let _ = write!(
                self.out,
                "<rect x=\"{}\" y=\"{}\" width=\"1\" height=\"1\"",
                p.0, p.1
            );
            self.paint("fill", color);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        for (head, n) in [
            ("<rect x=\"", a.0),
            ("\" y=\"", a.1),
            ("\" width=\"", b.0 - a.0),
            ("\" height=\"", b.1 - a.1),
        ] {
            self.out.push_str(head);
            push_i64(self.out, n.into());
        }
        self.out.push('"');
        if fill {
            self.paint("fill", style.color());
        } else {
            self.out.push_str(" fill=\"none\"");
            self.stroke(style);
        }
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<polyline fill=\"none\"");
        self.stroke(style);
        self.points(path);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<polygon");
        self.paint("fill", style.color());
        self.points(path);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let _ = write!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{radius}\"",
            c.0, c.1
        );
        if fill {
            self.paint("fill", style.color());
        } else {
            self.out.push_str(" fill=\"none\"");
            self.paint("stroke", style.color());
            let _ = write!(self.out, " stroke-width=\"{}\"", style.stroke_width());
        }
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        // `start` is SVG's default anchor and [`DEFAULT_SIZE`] the chart root's size: both left
        // out of the element.
        let anchor = match style.anchor().h_pos {
            HPos::Left => "",
            HPos::Right => " text-anchor=\"end\"",
            HPos::Center => " text-anchor=\"middle\"",
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        // Charts ask for sizes in plotters' convention (see `super::px`); the document says
        // the size meant.
        let _ = write!(self.out, "<text x=\"{x}\" y=\"{y}\" dy=\"{dy}\"{anchor}");
        let size = style.size() / 1.24;
        if (size - DEFAULT_SIZE).abs() > 1e-9 {
            let _ = write!(self.out, " font-size=\"{size}\"");
        }
        self.paint("fill", color);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.out.push_str(" font-weight=\"bold\""),
            other => {
                let _ = write!(self.out, " font-style=\"{}\"", other.as_str());
            }
        }
        let rotate = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            _ => None,
        };
        if let Some(deg) = rotate {
            let _ = write!(self.out, " transform=\"rotate({deg}, {x}, {y})\"");
        }
        self.out.push('>');
        escape_into(self.out, text);
        self.out.push_str("</text>\n");
        Ok(())
    }
}

#[cfg(test)]
mod escape_tests {
    /// Both escapers against the character-by-character form they replaced.
    #[test]
    fn escaping_copies_runs_as_the_character_walk_did() {
        let by_chars = |s: &str, apos: bool| {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    '"' => out.push_str("&quot;"),
                    '\'' if apos => out.push_str("&apos;"),
                    c => out.push(c),
                }
            }
            out
        };
        for s in [
            "",
            "plain",
            "<&>\"'",
            "Kabupaten Kep. Siau Tagulandang Biaro: 64,65%",
            "é<é>ü&—“x”'",
            "&amp; already",
            "ends with <",
            "\u{1F600}\"\u{3000}",
        ] {
            let mut a = String::from("x");
            super::escape_into(&mut a, s);
            assert_eq!(a, format!("x{}", by_chars(s, true)), "{s:?}");
            let mut b = String::new();
            crate::charts::escape_into(&mut b, s);
            assert_eq!(b, by_chars(s, false), "{s:?}");
        }
    }
}
