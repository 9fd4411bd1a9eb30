//! The one typeface of every chart: Liberation Sans, embedded in the binary, and the web fonts
//! published with a site.
//!
//! Liberation Sans 2.1.5 (Red Hat; SIL Open Font License 1.1, text in
//! `themes/default/static/fonts/LICENSE-OFL.txt`) is metric-compatible with Arial, so a browser
//! that falls back to Arial lays text out to the same widths. Embedding it means label room is
//! measured from real glyph advances and PNGs rasterise the same on every machine, with no
//! system font lookup (no fontconfig).
//!
//! The full TrueType files (~410 KB each) stay inside the binary for measuring and rasterising;
//! a site gets [`web_fonts`]: each face cut down to the characters its pages use and compressed
//! as WOFF2 (~14 KB each for the example site), which the stylesheet's `@font-face` rules name.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

/// LiberationSans-Regular.ttf.
pub static REGULAR: &[u8] = include_bytes!("../themes/default/fonts/LiberationSans-Regular.ttf");
/// LiberationSans-Bold.ttf.
pub static BOLD: &[u8] = include_bytes!("../themes/default/fonts/LiberationSans-Bold.ttf");
/// LiberationSans-Italic.ttf: charts set "no data" in italic, and without this face the PNG
/// would show it upright where a browser slants it.
pub static ITALIC: &[u8] = include_bytes!("../themes/default/fonts/LiberationSans-Italic.ttf");

/// The faces published as web fonts: output path (as `style.css` names it), embedded TrueType
/// source file (for messages), bytes.
pub const WEB_FACES: [(&str, &str, &[u8]); 3] = [
    (
        "fonts/LiberationSans-Regular.woff2",
        "themes/default/fonts/LiberationSans-Regular.ttf",
        REGULAR,
    ),
    (
        "fonts/LiberationSans-Bold.woff2",
        "themes/default/fonts/LiberationSans-Bold.ttf",
        BOLD,
    ),
    (
        "fonts/LiberationSans-Italic.woff2",
        "themes/default/fonts/LiberationSans-Italic.ttf",
        ITALIC,
    ),
];

/// Every character that text of `files` (path, bytes) can show, for subsetting: the characters
/// of each `.html` and `.svg` file, numeric character references decoded, plus printable ASCII
/// (so a site edited by hand, or a browser's own ellipsis of a form, never meets a missing glyph).
#[cfg(test)]
pub fn used_chars<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> BTreeSet<char> {
    seen_in(files).finish()
}

/// The characters of `files` as a [`Seen`] (to merge with what a sink saw).
pub fn seen_in<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Seen {
    use rayon::prelude::*;
    // A monthly national site has ~70 MB of pages and charts: scanned in parallel, and only
    // non-ASCII text and `&#` references are looked at (printable ASCII is always included).
    let files: Vec<(&str, &[u8])> = files.into_iter().collect();
    files
        .par_iter()
        .fold(Seen::default, |mut acc, (path, bytes)| {
            acc.add(path, bytes);
            acc
        })
        .reduce(Seen::default, Seen::merge)
}

/// [`Seen`] filled from the render's worker threads: one set per thread (merged at the end), so
/// threads do not queue for one lock on every file.
pub struct SeenShards(Vec<std::sync::Mutex<Seen>>);

impl Default for SeenShards {
    fn default() -> Self {
        SeenShards(
            (0..rayon::current_num_threads().max(1))
                .map(|_| std::sync::Mutex::default())
                .collect(),
        )
    }
}

impl SeenShards {
    /// [`Seen::add`] from whichever thread renders the file.
    pub fn add(&self, path: &str, bytes: &[u8]) {
        let shard = rayon::current_thread_index().unwrap_or(0) % self.0.len();
        // A panic while holding the lock leaves plain data behind; keep using it.
        let mut seen = self.0[shard].lock().unwrap_or_else(|e| e.into_inner());
        seen.add(path, bytes);
    }

    /// Everything seen so far, taken out (the shards are left empty).
    pub fn take(&self) -> Seen {
        self.0
            .iter()
            .map(|s| std::mem::take(&mut *s.lock().unwrap_or_else(|e| e.into_inner())))
            .fold(Seen::default(), Seen::merge)
    }
}

/// Characters seen so far in the pages and charts of a site, file by file (the build's sink
/// scans each page as it writes it, so the page need not be held until the fonts are cut).
#[derive(Default)]
pub struct Seen(Chars);

impl Seen {
    /// Scans `bytes` when `path` is a page or an SVG (other files show no text in a browser).
    pub fn add(&mut self, path: &str, bytes: &[u8]) {
        if path.ends_with(".html") || path.ends_with(".svg") {
            self.0.scan(bytes);
        }
    }

    /// Both sets of characters.
    pub fn merge(self, other: Seen) -> Seen {
        Seen(self.0.merge(other.0))
    }

    /// The characters to keep: those seen plus printable ASCII, no control characters.
    pub fn finish(self) -> BTreeSet<char> {
        let mut found = self.0;
        (' '..='~').for_each(|c| found.mark(c));
        let mut out: BTreeSet<char> = found.high;
        out.extend(
            found
                .low
                .iter()
                .enumerate()
                .filter(|(_, &on)| on)
                .filter_map(|(i, _)| char::from_u32(i as u32)),
        );
        out.retain(|c| !c.is_control());
        out
    }
}

/// Characters seen: a flag table for the common range keeps the scan of a large site cheap.
struct Chars {
    low: Vec<bool>,
    high: BTreeSet<char>,
}

impl Default for Chars {
    fn default() -> Self {
        Chars {
            low: vec![false; 0x250],
            high: BTreeSet::new(),
        }
    }
}

impl Chars {
    fn mark(&mut self, c: char) {
        match self.low.get_mut(c as usize) {
            Some(flag) => *flag = true,
            None => {
                self.high.insert(c);
            }
        }
    }

    fn merge(mut self, other: Chars) -> Chars {
        for (a, b) in self.low.iter_mut().zip(&other.low) {
            *a |= *b;
        }
        self.high.extend(other.high);
        self
    }

    /// Marks the non-ASCII characters of `bytes` and the characters its `&#...;` references
    /// name. ASCII needs no marking: printable ASCII is always kept, control characters never.
    fn scan(&mut self, bytes: &[u8]) {
        let lossy;
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                lossy = String::from_utf8_lossy(bytes);
                lossy.as_ref()
            }
        };
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Eight bytes at a time past plain ASCII without `&`.
            if let Some(w) = b.get(i..i + 8) {
                let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
                let amp = w ^ 0x2626_2626_2626_2626;
                let has_amp =
                    amp.wrapping_sub(0x0101_0101_0101_0101) & !amp & 0x8080_8080_8080_8080;
                if (w & 0x8080_8080_8080_8080) | has_amp == 0 {
                    i += 8;
                    continue;
                }
            }
            match b[i] {
                b'&' => i = self.reference(text, i),
                c if c < 0x80 => i += 1,
                _ => {
                    let c = text[i..].chars().next().expect("a char at a char boundary");
                    self.mark(c);
                    i += c.len_utf8();
                }
            }
        }
    }

    /// At the `&` at `i`: marks the character a numeric reference names (or the `&` itself)
    /// and returns where scanning goes on.
    fn reference(&mut self, text: &str, i: usize) -> usize {
        let Some(after) = text[i + 1..].strip_prefix('#') else {
            return i + 1;
        };
        let end = after.find(';').filter(|&e| e <= 8);
        let code = end.and_then(|e| match after.as_bytes().first() {
            Some(b'x' | b'X') => u32::from_str_radix(&after[1..e], 16).ok(),
            _ => after[..e].parse::<u32>().ok(),
        });
        match (code.and_then(char::from_u32), end) {
            (Some(c), Some(e)) => {
                self.mark(c);
                i + 2 + e + 1
            }
            _ => i + 1,
        }
    }
}

/// `ttf` cut down to the characters of `chars` that it has, as WOFF2; `None` if the font cannot
/// be read or cut (the page then falls back to Arial, whose widths are the same).
pub fn subset_woff2(ttf: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let font = font_subset::Font::opentype(ttf).ok()?;
    let keep: BTreeSet<char> = chars
        .iter()
        .copied()
        .filter(|&c| font.contains_char(c))
        .collect();
    Some(font.subset(&keep).ok()?.to_woff2())
}

/// The web fonts for a site whose pages show `chars` ([`seen_in`]): (output path, source
/// font file, WOFF2 bytes) for each face of [`WEB_FACES`]. The last result per face is kept, so `cakupan serve`'s rebuilds after an edit
/// that adds no new character skip the subsetting and compression (~60 ms per face).
///
/// `cache` (a build's `.cakupan-cache/fonts/`) keeps the subsets between runs: cutting and
/// brotli-compressing three faces is ~29 % of a 1.000-page build's CPU.
pub fn web_fonts(
    chars: BTreeSet<char>,
    cache: Option<&crate::buildcache::BuildCache>,
) -> Vec<(&'static str, &'static str, Vec<u8>)> {
    type Cache = Mutex<Vec<Option<(BTreeSet<char>, Vec<u8>)>>>;
    static LAST: OnceLock<Cache> = OnceLock::new();
    let last = LAST.get_or_init(|| Mutex::new(vec![None, None, None]));
    use rayon::prelude::*;
    WEB_FACES
        .par_iter()
        .enumerate()
        .filter_map(|(i, (path, source, ttf))| {
            // A build's own cache first: it must learn which entries this build used.
            if let Some(c) = cache {
                return Some((*path, *source, c.woff2(ttf, &chars)?));
            }
            let cached = last.lock().ok().and_then(|l| match &l[i] {
                Some((c, bytes)) if *c == chars => Some(bytes.clone()),
                _ => None,
            });
            let bytes = match cached {
                Some(b) => b,
                None => {
                    let b = subset_woff2(ttf, &chars)?;
                    if let Ok(mut l) = last.lock() {
                        l[i] = Some((chars.clone(), b.clone()));
                    }
                    b
                }
            };
            Some((*path, *source, bytes))
        })
        .collect()
}

/// The family name inside both font files.
pub const FAMILY: &str = "Liberation Sans";
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
    fn used_chars_decode_references_and_skip_other_files() {
        let files: [(&str, &[u8]); 3] = [
            (
                "a/index.html",
                "Rp16.800 &#8594; &#x2212;5 &amp; ŝ".as_bytes(),
            ),
            ("grafik/x.svg", "–".as_bytes()),
            ("data/x.csv", "\u{4e2d}".as_bytes()),
        ];
        let chars = used_chars(files);
        for c in ['\u{2192}', '\u{2212}', '\u{15d}', '–', 'A', '~'] {
            assert!(chars.contains(&c), "{c:?}");
        }
        assert!(
            !chars.contains(&'\u{4e2d}'),
            "CSV text is not shown in the font"
        );
        assert!(!chars.contains(&'\n'));
        // A broken reference is text, not a character.
        assert!(used_chars([("p.html", "&#zz; &#".as_bytes())]).contains(&'&'));
    }

    #[test]
    fn subsets_are_small_woff2_with_the_glyphs_asked_for() {
        let chars: BTreeSet<char> = "Kabupaten Kutai Timur 70,86% → −".chars().collect();
        for (_, _, ttf) in WEB_FACES {
            let w = subset_woff2(ttf, &chars).expect("the embedded font subsets");
            assert_eq!(&w[..4], b"wOF2");
            assert!(w.len() < 12_000, "{}", w.len());
            let back = font_subset::FontReader::new(&w).unwrap();
            let back = back.read().unwrap();
            for c in chars.iter().filter(|&&c| c != ' ') {
                assert!(back.contains_char(*c), "{c:?}");
            }
            assert!(!back.contains_char('Q'));
        }
        // Same input, same bytes: builds stay reproducible.
        assert_eq!(subset_woff2(REGULAR, &chars), subset_woff2(REGULAR, &chars));
        assert_eq!(subset_woff2(b"not a font", &chars), None);
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
