//! Figures quoted in region narratives that a newer figure has replaced.
//!
//! A writer who types "cakupan 40,39 persen" into a narrative freezes that figure; when the
//! October table arrives, the page goes on saying 40,39 next to a chart that says 41,5. This
//! check reads the numbers written in the prose (not those inside `{{ ... }}` calls or code),
//! and warns when one equals an earlier figure of the region while the latest differs.

use crate::compute::Computed;
use crate::diagnostics::{line_col, Diagnostics, Location};
use crate::format::{self, Lang, NumberFormat, Unit};
use crate::model::{Page, Site};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// What a number in prose counts, from the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `40,39 persen`, `40,39%`: matched against `persen` metrics.
    Percent,
    /// `Rp16.800`, `Rp3 miliar`: matched against `rupiah` metrics.
    Rupiah,
    /// `1.976.447`, `75.000 pekerja`, `19 ribu orang`: matched against `orang`/`angka` metrics.
    Count,
}

/// A number found in the prose.
#[derive(Debug, Clone, PartialEq)]
struct Written {
    /// Byte offsets in the body of the whole phrase (`Rp` and unit word included).
    start: usize,
    end: usize,
    value: f64,
    /// Decimals written and the multiplier word's scale: `Rp1,07 triliun` -> (2, 1e12).
    decimals: usize,
    scale: f64,
    kind: Kind,
    /// How far a figure may be from `value` and still be shown as this number (a loose
    /// bound; the shown texts decide).
    near: f64,
}

impl Written {
    /// Whether `figure` is this number to the precision written: `40,39` is 40.385 to
    /// 40.394..., `Rp3 miliar` anything that rounds to 3 billion.
    #[inline]
    fn matches(&self, figure: f64) -> bool {
        // Cheap numeric pre-test first, inlined into the scans of the series (5 million
        // figures on a monthly national site): most figures are nowhere near the number
        // written, and formatting every figure of a region for every number is what made this
        // check cost 300 ms on the national site.
        // "Not farther than", so a NaN still goes on to the shown texts, as before.
        let far = (figure - self.value).abs() > self.near;
        !far && self.shown_alike(figure)
    }

    #[inline(never)]
    fn shown_alike(&self, figure: f64) -> bool {
        let shown = |v: f64| format::number(v / self.scale, self.decimals, Lang::Id);
        shown(figure) == shown(self.value)
    }
}

/// Warnings for stale figures in every region narrative.
pub fn prose(site: &Site, computed: &Computed) -> Diagnostics {
    use rayon::prelude::*;
    let per_page: Vec<Diagnostics> = site
        .pages
        .par_iter()
        .map(|page| prose_page(site, computed, page))
        .collect();
    let mut diags = Diagnostics::new();
    for d in per_page {
        diags.extend(d);
    }
    diags
}

/// The prose warnings of one page: [`prose`] for every page, and `serve`'s incremental
/// rebuild for the page an edit changed.
pub(crate) fn prose_page(site: &Site, computed: &Computed, page: &Page) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let Some(region) = page.region.as_deref().and_then(|c| site.resolve_area(c)) else {
        return diags;
    };
    // The lowest and highest earlier figure of each metric of the region, found once per
    // page: a written number outside a series' range cannot be one of its figures, so most
    // series (ten years of months each on a monthly site) are not scanned for most numbers.
    let ranges: Vec<Option<(f64, f64)>> = site
        .metrics
        .iter()
        .map(|m| {
            let series = computed.series(region, &m.id);
            let (_, earlier) = series.split_last()?;
            let values = earlier
                .iter()
                .map(|i| computed.observations[i as usize].value);
            if values.clone().any(f64::is_nan) {
                // A NaN goes on to the shown texts in `matches`: no range to rule it out.
                return Some((f64::NEG_INFINITY, f64::INFINITY));
            }
            let lo = values.clone().fold(f64::INFINITY, f64::min);
            let hi = values.fold(f64::NEG_INFINITY, f64::max);
            Some((lo, hi))
        })
        .collect();
    for w in numbers(&page.body) {
        check(site, computed, page, (region, &ranges), &w, &mut diags);
    }
    diags
}

fn check(
    site: &Site,
    computed: &Computed,
    page: &Page,
    (region, ranges): (&str, &[Option<(f64, f64)>]),
    w: &Written,
    diags: &mut Diagnostics,
) {
    let lang = site.config.language;
    let fits = |unit: Unit| match w.kind {
        Kind::Percent => unit == Unit::Persen,
        Kind::Rupiah => unit == Unit::Rupiah,
        Kind::Count => matches!(unit, Unit::Orang | Unit::Angka),
    };
    let metrics: Vec<_> = site.metrics.iter().filter(|m| fits(m.unit)).collect();
    // A number that is the latest figure of any metric is current, whatever else it equals.
    let current = metrics.iter().any(|m| {
        computed
            .latest(region, &m.id)
            .is_some_and(|o| w.matches(o.value))
    });
    if current {
        return;
    }
    for (m, range) in site.metrics.iter().zip(ranges) {
        if !fits(m.unit) {
            continue;
        }
        // `matches` needs the figure within `near` of the number written.
        match range {
            Some((lo, hi)) if w.value + w.near >= *lo && w.value - w.near <= *hi => {}
            _ => continue,
        }
        let series = computed.series(region, &m.id);
        let Some((last, earlier)) = series.split_last() else {
            continue;
        };
        let Some(old) = earlier
            .iter()
            .rev()
            .map(|i| &computed.observations[i as usize])
            .find(|o| w.matches(o.value))
        else {
            continue;
        };
        let latest = &computed.observations[last as usize];
        let (line, column) = line_col(&page.body, w.start);
        let location = Location::new(
            page.location.file.clone(),
            line + page.body_line - 1,
            column,
        );
        let text = &page.body[w.start..w.end];
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        diags.warn(
            location,
            format!(
                "`{text}` is the figure of {} for `{}`; the latest is {} ({})",
                format::period(old.period(), lang),
                m.id,
                format::value(latest.value, m.unit, lang),
                format::period(latest.period(), lang),
            ),
            format!(
                "write {{{{ value(region=\"{region}\", metric=\"{}\") }}}} to keep it current; if the sentence is about {} on purpose, write {{{{ value(region=\"{region}\", metric=\"{}\", period=\"{}\") }}}}",
                m.id,
                format::period(old.period(), lang),
                m.id,
                old.period(),
            ),
        );
        return;
    }
}

/// The body with every `{{ ... }}` call blanked out (bytes replaced by spaces, newlines kept),
/// so offsets stay those of the file and no number inside a call is read.
fn blank_calls(body: &str) -> String {
    let mut bytes = body.as_bytes().to_vec();
    let mut from = 0;
    while let Some(s) = body[from..].find("{{").map(|i| i + from) {
        let Some(e) = body[s + 2..].find("}}").map(|i| i + s + 4) else {
            break;
        };
        for b in &mut bytes[s..e] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        from = e;
    }
    // Only whole multi-byte characters were replaced (a call starts and ends on ASCII), so
    // this is still UTF-8; fall back to the original rather than panic.
    String::from_utf8(bytes).unwrap_or_else(|_| body.to_string())
}

/// Byte ranges of prose text: markdown text events outside code blocks (inline code is a
/// different event, so it never appears).
fn text_ranges(body: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut in_code = 0usize;
    for (event, range) in
        Parser::new_ext(body, crate::render::markdown::options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(_) if in_code == 0 => out.push(range),
            _ => {}
        }
    }
    out
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
];

/// The next word after `at` (skipping a few spaces and one line break): (word, end offset).
fn next_word(body: &str, at: usize) -> Option<(String, usize)> {
    let rest = &body[at..];
    let skip = rest.len() - rest.trim_start().len();
    // A unit word belongs to the number only when it follows closely (a line break and some
    // indentation at most): a blanked-out call in between is a long run of spaces.
    if skip > 6 || rest[..skip].matches('\n').count() > 1 {
        return None;
    }
    let start = at + skip;
    let len = body[start..]
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(body.len() - start);
    (len > 0).then(|| (body[start..start + len].to_lowercase(), start + len))
}

/// Every number written in the prose of `body`, with what it counts.
fn numbers(body: &str) -> Vec<Written> {
    let blanked = blank_calls(body);
    let text = blanked.as_str();
    let b = text.as_bytes();
    let mut out = Vec::new();
    for range in text_ranges(text) {
        let mut i = range.start;
        while i < range.end {
            if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < b.len()
                && (b[j].is_ascii_digit()
                    || (matches!(b[j], b'.' | b',')
                        && b.get(j + 1).is_some_and(u8::is_ascii_digit)))
            {
                j += 1;
            }
            if let Some(w) = read_number(text, i, j) {
                out.push(w);
            }
            i = j;
        }
    }
    out
}

/// The number written at `i..j` with its prefix and unit word, or None when it is not a figure
/// (a date, a code such as 64.72, a year, a change in points).
fn read_number(text: &str, i: usize, j: usize) -> Option<Written> {
    let b = text.as_bytes();
    let literal = &text[i..j];
    let before = &text[..i];
    let rupiah_prefix = ["Rp", "Rp "]
        .iter()
        .find(|p| before.ends_with(*p))
        .map(|p| i - p.len())
        .filter(|&s| s == 0 || !text[..s].ends_with(|c: char| c.is_alphanumeric()));
    if rupiah_prefix.is_none() && before.ends_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // Dates, ranges and codes: 2025-05, 05/2025, 2023-2024, pukul 10:00.
    let joined = |c: u8| matches!(c, b'-' | b'/' | b':' | b'_');
    if i > 0 && joined(b[i - 1]) {
        return None;
    }
    if b.get(j).is_some_and(|&c| joined(c)) && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if text[j..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let value = NumberFormat::Id.parse(literal)?;
    let decimals = literal.split_once(',').map(|(_, f)| f.len()).unwrap_or(0);
    let mut end = j;
    let mut scale = 1.0;
    let mut kind = if rupiah_prefix.is_some() {
        Kind::Rupiah
    } else {
        Kind::Count
    };
    let mut unit_word = false;
    if text[j..].trim_start_matches(' ').starts_with('%') {
        if kind == Kind::Rupiah {
            return None;
        }
        kind = Kind::Percent;
        end = j + text[j..].find('%').unwrap_or(0) + 1;
    } else if let Some((word, w_end)) = next_word(text, j) {
        match word.as_str() {
            "persen" if kind != Kind::Rupiah => {
                // "10 persen poin" is a change, not a figure.
                if next_word(text, w_end).is_some_and(|(w, _)| w == "poin") {
                    return None;
                }
                kind = Kind::Percent;
                end = w_end;
            }
            "poin" => return None,
            "ribu" | "juta" | "miliar" | "milyar" | "triliun" => {
                scale = match word.as_str() {
                    "ribu" => 1e3,
                    "juta" => 1e6,
                    "triliun" => 1e12,
                    _ => 1e9,
                };
                end = w_end;
                if let Some((w2, e2)) = next_word(text, w_end) {
                    if kind == Kind::Count && matches!(w2.as_str(), "pekerja" | "orang" | "peserta")
                    {
                        end = e2;
                    }
                }
            }
            "pekerja" | "orang" | "peserta" if kind == Kind::Count => {
                unit_word = true;
                end = w_end;
            }
            w if MONTHS.contains(&w) => return None,
            _ => {}
        }
    }
    // A bare four-digit number between 1900 and 2100 is a year ("pada 2024").
    let bare = kind == Kind::Count && scale == 1.0 && !unit_word;
    if bare && literal.len() == 4 && (1900.0..=2100.0).contains(&value) {
        return None;
    }
    // Half a unit of the last digit written, with room for rounding.
    let near = 1.01 * scale / (10f64.powi(decimals as i32) * 0.5001 * 2.0);
    Some(Written {
        start: rupiah_prefix.unwrap_or(i),
        end,
        value: value * scale,
        decimals,
        scale,
        kind,
        near,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> Vec<(String, f64, Kind)> {
        numbers(body)
            .into_iter()
            .map(|w| (body[w.start..w.end].to_string(), w.value, w.kind))
            .collect()
    }

    #[test]
    fn reads_indonesian_figures() {
        let body = "Cakupan 40,39 persen atau 40,39%, dari 1.976.447 dan 75.000 pekerja; \
                    iuran Rp16.800, anggaran Rp3 miliar, klaim Rp1,07 triliun, Rp355 juta; \
                    sekitar 19 ribu orang; 54,72.\n";
        let got = read(body);
        let want = [
            ("40,39 persen", 40.39, Kind::Percent),
            ("40,39%", 40.39, Kind::Percent),
            ("1.976.447", 1976447.0, Kind::Count),
            ("75.000 pekerja", 75000.0, Kind::Count),
            ("Rp16.800", 16800.0, Kind::Rupiah),
            ("Rp3 miliar", 3e9, Kind::Rupiah),
            ("Rp1,07 triliun", 1.07e12, Kind::Rupiah),
            ("Rp355 juta", 355e6, Kind::Rupiah),
            ("19 ribu orang", 19000.0, Kind::Count),
            ("54,72", 54.72, Kind::Count),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.0, w.0);
            assert!(
                (g.1 - w.1).abs() < 1e-3 * w.1.abs().max(1.0),
                "{g:?} vs {w:?}"
            );
            assert_eq!(g.2, w.2, "{g:?}");
        }
    }

    #[test]
    fn skips_calls_code_dates_codes_and_changes() {
        let body = "Lihat {{ value(region=\"64.72\", metric=\"cakupan\", period=\"2024\") }} dan `40,39 persen`.\n\n\
                    ```\n54,72 persen\n```\n\n\
                    Pada 9 Mei 2025, wilayah 64.72 naik 10,57 poin (2025-05, 05/2025), pukul 10.00.\n";
        assert_eq!(read(body), vec![]);
        // A call between a number and a unit word hides the word: the number reads as bare.
        let body = "Naik 75 {{ value(metric=\"c\") }} persen.";
        assert_eq!(read(body), vec![("75".to_string(), 75.0, Kind::Count)]);
    }

    #[test]
    fn precision_is_the_one_written() {
        let w = &numbers("Rp3 miliar")[0];
        assert!(w.matches(3.2e9));
        assert!(!w.matches(3.6e9));
        let w = &numbers("40,39 persen")[0];
        assert!(w.matches(40.386));
        assert!(!w.matches(40.395));
        assert!(!w.matches(40.3));
    }
}
