//! The one typeface of every chart: Liberation Sans, embedded in the binary.
//!
//! Liberation Sans 2.1.5 (Red Hat; SIL Open Font License 1.1, text in
//! `themes/default/static/fonts/LICENSE-OFL.txt`) is metric-compatible with Arial, so a browser
//! that falls back to Arial lays text out to the same widths. Embedding it means label room is
//! measured from real glyph advances and PNGs rasterise the same on every machine, with no
//! system font lookup (no fontconfig).

use std::sync::OnceLock;

/// LiberationSans-Regular.ttf.
pub static REGULAR: &[u8] =
    include_bytes!("../themes/default/static/fonts/LiberationSans-Regular.ttf");
/// LiberationSans-Bold.ttf.
pub static BOLD: &[u8] = include_bytes!("../themes/default/static/fonts/LiberationSans-Bold.ttf");
/// LiberationSans-Italic.ttf: charts set "no data" in italic, and without this face the PNG
/// would show it upright where a browser slants it.
pub static ITALIC: &[u8] =
    include_bytes!("../themes/default/static/fonts/LiberationSans-Italic.ttf");

/// The family name inside both font files.
pub const FAMILY: &str = "Liberation Sans";
/// CSS font stack, for stylesheets.
pub const STACK: &str = "'Liberation Sans', Arial, sans-serif";
/// The same stack without quotes, for SVG `font-family` attributes: unquoted multi-word family
/// names are valid CSS, and no quote needs escaping inside the attribute.
pub const SVG_STACK: &str = "Liberation Sans, Arial, sans-serif";

/// Advance of a character the font lacks, per 1px of font size.
pub const FALLBACK_EM: f64 = 0.56;

/// Characters below this code point have their advance looked up once, at first use
/// (Basic Latin, Latin-1, Latin Extended-A/B: every Indonesian place name).
const TABLE_LEN: usize = 0x250;

struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f64,
    /// Advance in font units per char below `TABLE_LEN`; `None` where the font has no glyph.
    table: Vec<Option<u16>>,
}

impl Metrics {
    fn new(data: &'static [u8]) -> Metrics {
        let face = ttf_parser::Face::parse(data, 0).expect("embedded font parses");
        let units_per_em = f64::from(face.units_per_em());
        let table = (0..TABLE_LEN as u32)
            .map(|cp| char::from_u32(cp).and_then(|c| advance(&face, c)))
            .collect();
        Metrics {
            face,
            units_per_em,
            table,
        }
    }

    /// Advance of `c` at 1px, in px.
    fn em(&self, c: char) -> f64 {
        let units = match self.table.get(c as usize) {
            Some(cached) => *cached,
            None => advance(&self.face, c),
        };
        units.map_or(FALLBACK_EM, |u| f64::from(u) / self.units_per_em)
    }
}

fn advance(face: &ttf_parser::Face<'_>, c: char) -> Option<u16> {
    if c.is_control() {
        return None;
    }
    face.glyph_index(c)
        .filter(|g| g.0 != 0)
        .and_then(|g| face.glyph_hor_advance(g))
}

fn metrics(bold: bool) -> &'static Metrics {
    static REG: OnceLock<Metrics> = OnceLock::new();
    static BLD: OnceLock<Metrics> = OnceLock::new();
    if bold {
        BLD.get_or_init(|| Metrics::new(BOLD))
    } else {
        REG.get_or_init(|| Metrics::new(REGULAR))
    }
}

/// Width in px of `text` set in Liberation Sans at `size_px`, from the font's glyph advances
/// (kerning ignored, which errs slightly wide). A character the font lacks counts
/// `FALLBACK_EM * size_px`.
pub fn text_width(text: &str, size_px: f64, bold: bool) -> f64 {
    let m = metrics(bold);
    text.chars().map(|c| m.em(c)).sum::<f64>() * size_px
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let long = text_width("Kabupaten Penajam Paser Utara", 12.0, false);
        let short = text_width("Kota Bontang", 12.0, false);
        // 29 characters of a proportional sans at 12px: roughly 5-7px each.
        assert!((140.0..200.0).contains(&long), "{long}");
        assert!(long > short);
        // Proportional, not per character: "i" is narrower than "W".
        assert!(text_width("iiii", 12.0, false) < text_width("WWWW", 12.0, false));
        // Arial metrics: "Arial" space is 569/2048 em.
        let space = text_width(" ", 2048.0, false);
        assert!((space - 569.0).abs() < 0.5, "{space}");
    }

    #[test]
    fn monotonic_in_size_and_bold_is_wider() {
        let s = "Kabupaten Kutai Kartanegara";
        let mut last = 0.0;
        for size in [8.0, 10.0, 11.0, 12.0, 14.0, 20.0] {
            let w = text_width(s, size, false);
            assert!(w > last);
            last = w;
        }
        assert!(text_width(s, 12.0, true) > text_width(s, 12.0, false));
        assert_eq!(text_width("", 12.0, false), 0.0);
    }

    #[test]
    fn missing_glyphs_fall_back() {
        // U+4E2D (CJK) is not in Liberation Sans.
        assert_eq!(text_width("\u{4e2d}", 10.0, false), FALLBACK_EM * 10.0);
        // Past the cached table but in the font: Greek alpha (U+03B1).
        let alpha = text_width("\u{3b1}", 10.0, false);
        assert!(alpha > 0.0 && alpha != FALLBACK_EM * 10.0);
    }

    #[test]
    fn family_is_the_one_inside_the_files() {
        for data in [REGULAR, BOLD, ITALIC] {
            let face = ttf_parser::Face::parse(data, 0).unwrap();
            let names: Vec<String> = face
                .names()
                .into_iter()
                .filter(|n| n.name_id == ttf_parser::name_id::FAMILY)
                .filter_map(|n| n.to_string())
                .collect();
            assert!(names.iter().any(|n| n == FAMILY), "{names:?}");
        }
    }
}
