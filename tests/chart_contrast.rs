//! Colours of chart text and marks against the white chart background (WCAG 2.1): text at
//! least 4.5:1 (1.4.3), lines and markers at least 3:1 (1.4.11).

use cakupan::charts;
use plotters::style::RGBColor;

/// WCAG relative luminance of an sRGB colour.
fn luminance(c: RGBColor) -> f64 {
    let [r, g, b] = linear(c);
    0.2126 * r + 0.7152 * g + 0.0722 * b
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

/// Every mark of the target chart (bars, outlines, end marks, legend swatches) stands 3:1
/// against the white background (WCAG 1.4.11): the target bar is seen by its outline, not a
/// pale fill.
#[test]
fn target_chart_marks_keep_three_to_one() {
    let row = |label: &str, actual: Option<f64>, target: Option<f64>| charts::TargetRow {
        label: label.into(),
        actual,
        target,
        actual_label: "a".into(),
        target_label: "t".into(),
        share_label: "50%".into(),
    };
    let c = charts::TargetChart {
        title: "t".into(),
        desc: "d".into(),
        actual_key: "Realisasi".into(),
        target_key: "Target".into(),
        rows: vec![
            row("Kota Samarinda", Some(50.0), Some(100.0)),
            row("Kota Bontang", Some(120.0), Some(100.0)),
            row("Kabupaten Berau", None, Some(80.0)),
        ],
        no_actual: "realisasi tidak ada".into(),
        no_target: "target tidak ada".into(),
    };
    for svg in [
        charts::target_svg(&c).inline("w"),
        charts::target_narrow(&c).inline("n"),
    ] {
        let mut seen = 0;
        for attr in ["fill", "stroke"] {
            for part in svg.split(&format!(" {attr}=\"#")).skip(1) {
                let hex = &part[..6];
                if hex == "FFFFFF" {
                    continue;
                }
                let c = RGBColor(
                    u8::from_str_radix(&hex[0..2], 16).unwrap(),
                    u8::from_str_radix(&hex[2..4], 16).unwrap(),
                    u8::from_str_radix(&hex[4..6], 16).unwrap(),
                );
                let r = contrast(c, WHITE);
                assert!(r >= 3.0, "{attr} #{hex}: {r:.2}:1");
                seen += 1;
            }
        }
        assert!(seen > 10, "{seen} coloured marks");
        // The target bars are outlined in a colour of at least 3:1.
        assert!(svg.contains(&format!(
            "fill=\"none\" stroke=\"#{:02X}{:02X}{:02X}\" stroke-width=\"2\"",
            charts::TARGET_EDGE.0,
            charts::TARGET_EDGE.1,
            charts::TARGET_EDGE.2
        )));
    }
}

/// Simulated colour-vision deficiency (Machado, Oliveira and Fernandes 2009, severity 1),
/// applied to linear sRGB.
const MACHADO: [(&str, [[f64; 3]; 3]); 3] = [
    (
        "protanopia",
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
    ),
    (
        "deuteranopia",
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
    ),
    (
        "tritanopia",
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ),
];

/// The sRGB channels of `c` as linear light (0 to 1).
fn linear(c: RGBColor) -> [f64; 3] {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    [lin(c.0), lin(c.1), lin(c.2)]
}

fn simulate(l: [f64; 3], m: &[[f64; 3]; 3]) -> [f64; 3] {
    let row = |r: &[f64; 3]| (r[0] * l[0] + r[1] * l[1] + r[2] * l[2]).clamp(0.0, 1.0);
    [row(&m[0]), row(&m[1]), row(&m[2])]
}

/// CIE L*a*b* (D65) of a linear sRGB colour.
fn lab(l: [f64; 3]) -> [f64; 3] {
    let x = 0.4124 * l[0] + 0.3576 * l[1] + 0.1805 * l[2];
    let y = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    let z = 0.0193 * l[0] + 0.1192 * l[1] + 0.9505 * l[2];
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIEDE2000 colour difference (Sharma, Wu and Dalal 2005).
fn ciede2000(p: [f64; 3], q: [f64; 3]) -> f64 {
    let (l1, a1, b1) = (p[0], p[1], p[2]);
    let (l2, a2, b2) = (q[0], q[1], q[2]);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dlp = l2 - l1;
    let dcp = c2p - c1p;
    let dhp = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dhp_big = 2.0 * (c1p * c2p).sqrt() * (dhp.to_radians() / 2.0).sin();
    let lbp = (l1 + l2) / 2.0;
    let cbp = (c1p + c2p) / 2.0;
    let hbp = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (hbp - 30.0).to_radians().cos()
        + 0.24 * (2.0 * hbp).to_radians().cos()
        + 0.32 * (3.0 * hbp + 6.0).to_radians().cos()
        - 0.20 * (4.0 * hbp - 63.0).to_radians().cos();
    let dth = 30.0 * (-((hbp - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cbp.powi(7) / (cbp.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lbp - 50.0).powi(2) / (20.0 + (lbp - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cbp;
    let sh = 1.0 + 0.015 * cbp * t;
    let rt = -(2.0 * dth).to_radians().sin() * rc;
    ((dlp / sl).powi(2)
        + (dcp / sc).powi(2)
        + (dhp_big / sh).powi(2)
        + rt * (dcp / sc) * (dhp_big / sh))
        .sqrt()
}

#[test]
fn ciede2000_matches_the_published_test_data() {
    // Pairs 1, 7 and 17 of Sharma, Wu and Dalal's table.
    let d = ciede2000([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485]);
    assert!((d - 2.0425).abs() < 1e-4, "{d}");
    let d = ciede2000([50.0, 0.0, 0.0], [50.0, -1.0, 2.0]);
    assert!((d - 2.3669).abs() < 1e-4, "{d}");
    let d = ciede2000([50.0, 2.5, 0.0], [73.0, 25.0, -18.0]);
    assert!((d - 27.1492).abs() < 1e-4, "{d}");
}

/// Smallest CIEDE2000 difference between two colours drawn together, for people with normal
/// colour vision and with each dichromacy: about 10 is a difference told apart at a glance.
const MIN_DIFFERENCE: f64 = 10.0;

#[test]
fn categorical_colours_stay_apart_for_colour_blind_readers() {
    // Trend lines and stacked segments use SERIES together; rankings add their reference lines
    // (vermillion, green) to blue bars, which are members of SERIES.
    for c in [charts::VERMILLION, charts::GREEN, charts::BLUE] {
        assert!(charts::SERIES.contains(&c), "{c:?}");
    }
    let visions: Vec<(&str, Option<&[[f64; 3]; 3]>)> = std::iter::once(("normal", None))
        .chain(MACHADO.iter().map(|(n, m)| (*n, Some(m))))
        .collect();
    let mut failures = Vec::new();
    for (name, m) in &visions {
        for (i, a) in charts::SERIES.iter().enumerate() {
            for b in &charts::SERIES[i + 1..] {
                let seen = |c: RGBColor| {
                    let l = linear(c);
                    lab(m.map_or(l, |m| simulate(l, m)))
                };
                let d = ciede2000(seen(*a), seen(*b));
                if d < MIN_DIFFERENCE {
                    failures.push(format!("{name}: {a:?} / {b:?} {d:.1}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
