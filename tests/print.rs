//! Printed pages of the example site, without a browser: each panel sheet stays within a layout
//! budget of one A4 page, and the print rules the sheets rely on are in place (page-margin
//! footer with page x/y, the page's URL and the data date; no screen footer on paper; source URLs
//! that wrap at slashes). The real check prints every sheet in Chromium: `.ci/gates` (print.js).

mod common;

use common::{build_example, read};
use std::path::Path;

/// A4 height minus the stylesheet's top and bottom page margins (14 mm + 16 mm), in pt.
const PRINTABLE_PT: f64 = (297.0 - 30.0) / 25.4 * 72.0;

/// Everything on a sheet but its criteria rows, source lines and head: notice, headings, key
/// figures, the notes box, signature lines. Calibrated on the example's sheets printed by
/// Chromium 156 (print media at A4 width, content 691-740 pt high): with it the model's estimates
/// are 0-26 pt above what Chromium laid out, never below.
const FIXED_PT: f64 = 300.0;

/// Text of an HTML fragment: tags dropped, the entities tera writes decoded, spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The parts of `html` between each `open` and the next `close`.
fn between<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(close) else { break };
        out.push(&after[..j]);
        rest = &after[j + close.len()..];
    }
    out
}

fn lines(chars: usize, per_line: usize) -> f64 {
    chars.div_ceil(per_line).max(1) as f64
}

/// Estimated printed height of a panel sheet in pt, from the print styles' sizes: table text
/// 8.5 pt (13.2 pt a line) in columns of about 45 (criterion name, 44 % of the width), 24
/// (assessors) and 30 (notes) characters; the criterion's definition under its name at 7.5 pt
/// (9.4 pt a line) of about 52 characters; source lines 7.5 pt (11.6 pt a line) of about 150.
fn sheet_height(html: &str) -> f64 {
    const DESC: &str = "<span class=\"crit-desc\">";
    let body = between(html, "<tbody>", "</tbody>").concat();
    let mut rows = 0.0;
    for row in between(&body, "<tr>", "</tr>") {
        // Each part starts with the rest of the cell's opening tag (`d class="num">`).
        let raw: Vec<&str> = between(row, "<t", "</t")
            .iter()
            .map(|c| &c[c.find('>').map_or(0, |i| i + 1)..])
            .collect();
        assert!(raw.len() >= 5, "a criterion row has 5 cells: {row}");
        let cells: Vec<String> = raw.iter().map(|c| text(c)).collect();
        let (name, desc) = match raw[0].find(DESC) {
            Some(i) => (text(&raw[0][..i]), text(&raw[0][i..])),
            None => (cells[0].clone(), String::new()),
        };
        let criterion = lines(name.len(), 45) * 13.2
            + if desc.is_empty() {
                0.0
            } else {
                lines(desc.len(), 52) * 9.4
            };
        let assessors = lines(cells[3].len(), 24) + f64::from(u8::from(cells[3].contains("n=")));
        let n = criterion
            .max(assessors * 13.2)
            .max(lines(cells[4].len(), 30) * 13.2);
        rows += n + 3.0;
    }
    let sources: f64 = between(html, "<li id=\"sumber-", "</li>")
        .iter()
        .map(|s| lines(text(s).len(), 150) * 11.6)
        .sum();
    let head = between(html, "<header class=\"sheet-head\">", "</header>").concat();
    FIXED_PT + rows + sources + lines(text(&head).len(), 110) * 14.0
}

fn sheets(out: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for round in std::fs::read_dir(out.join("penilaian")).unwrap() {
        let round = round.unwrap().path();
        if !round.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&round).unwrap() {
            let p = entry.unwrap().path().join("index.html");
            if p.exists() && !p.to_string_lossy().contains("/metodologi/") {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_panel_sheet_fits_the_one_page_budget() {
    let (_t, out) = build_example();
    let sheets = sheets(&out);
    assert_eq!(sheets.len(), 7, "the example round has seven participants");
    for p in &sheets {
        let html = read(p);
        assert!(html.contains("class=\"sheet-page\""), "{}", p.display());
        let h = sheet_height(&html);
        assert!(
            h <= PRINTABLE_PT,
            "{} would need {h:.0} pt of the {PRINTABLE_PT:.0} pt of an A4 page",
            p.display()
        );
    }
}

#[test]
fn the_budget_rejects_a_sheet_that_would_spill() {
    let (_t, out) = build_example();
    let html = read(&sheets(&out)[0]);
    assert!(sheet_height(&html) <= PRINTABLE_PT);
    // Four more sources of two printed lines each: about a tenth of the page.
    let long = "x".repeat(280);
    let extra = format!("<li id=\"sumber-9\">{long}</li>").repeat(4);
    let longer = html.replacen("<li id=\"sumber-", &format!("{extra}<li id=\"sumber-"), 1);
    assert!(
        sheet_height(&longer) > PRINTABLE_PT,
        "{}",
        sheet_height(&longer)
    );
}

#[test]
fn print_rules_footer_and_urls() {
    let (_t, out) = build_example();
    let css = read(&out.join("style.css"));
    let page_rule = &css[css.find("@page {").expect("an @page rule")..];
    assert!(page_rule.contains("size: A4"));
    assert!(page_rule.contains("@bottom-left") && page_rule.contains("@bottom-right"));
    let print = &css[css.find("@media print").unwrap()..];
    assert!(
        print.contains(".site-header nav, .skip, .site-footer { display: none; }"),
        "the screen footer must not print (it made a page of its own)"
    );
    assert!(print.contains("break-after: avoid"));

    // Each page fills the footer with its own URL, the data date and page x/y.
    let page = read(&out.join("wilayah/kota-bontang/index.html"));
    let style = between(&page, "<style media=\"print\">", "</style>").concat();
    assert!(
        style.contains(
            "https://cakupan.example.go.id/\\200b kaltim/\\200b wilayah/\\200b kota-bontang/"
        ),
        "{style}"
    );
    assert!(style.contains("Data per "), "{style}");
    assert!(
        style.contains("\"Halaman \" counter(page) \" / \" counter(pages)"),
        "{style}"
    );
    assert!(!style.contains('<') && !style.contains("&#"), "{style}");

    // Printed source URLs may wrap at each slash.
    let sheet = read(&sheets(&out)[0]);
    let urls = between(&sheet, "<span class=\"print-url\">", "</span>");
    assert!(!urls.is_empty());
    for u in urls {
        assert!(u.contains("/<wbr>"), "{u}");
    }
}
