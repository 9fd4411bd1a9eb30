//! Colours of chart text and marks against the white chart background (WCAG 2.1): text at
//! least 4.5:1 (1.4.3), lines and markers at least 3:1 (1.4.11).

use cakupan::charts;
use plotters::style::RGBColor;

/// WCAG relative luminance of an sRGB colour.
fn luminance(c: RGBColor) -> f64 {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

const WHITE: RGBColor = RGBColor(255, 255, 255);

#[test]
fn the_formula_matches_known_ratios() {
    assert!((contrast(RGBColor(0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
    assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
    // The measurement of Okabe-Ito vermillion as text: 3,87:1.
    assert!((contrast(RGBColor(213, 94, 0), WHITE) - 3.87).abs() < 0.01);
}

#[test]
fn series_colours_are_legible_as_text_and_distinct() {
    for c in charts::SERIES {
        let r = contrast(c, WHITE);
        assert!(r >= 4.5, "{c:?}: {r:.2}:1");
    }
    // No two series colours are the same, and neighbours differ in hue, not only lightness.
    for (i, a) in charts::SERIES.iter().enumerate() {
        for b in &charts::SERIES[i + 1..] {
            let d = (a.0 as i32 - b.0 as i32).abs()
                + (a.1 as i32 - b.1 as i32).abs()
                + (a.2 as i32 - b.2 as i32).abs();
            assert!(d > 60, "{a:?} and {b:?} too close");
        }
    }
}

#[test]
fn axis_and_label_colours_are_legible() {
    for (name, c) in [
        ("ink", charts::INK),
        ("grey", charts::GREY),
        ("blue", charts::BLUE),
    ] {
        let r = contrast(c, WHITE);
        assert!(r >= 4.5, "{name}: {r:.2}:1");
    }
}

#[test]
fn the_okabe_ito_light_hues_are_why_segments_use_series_colours() {
    // Orange, sky blue and yellow fall below 3:1 as fills on white (WCAG 1.4.11).
    for i in [0, 1, 3] {
        assert!(contrast(charts::OKABE_ITO[i], WHITE) < 3.0);
    }
    for c in charts::SERIES {
        assert!(contrast(c, WHITE) >= 3.0);
    }
}
