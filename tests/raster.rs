//! Charts rasterise to PNG in Rust with the embedded font: right size, same bytes every time,
//! and actually drawn (bars and text present).

use cakupan::charts::{ranking_svg, Bar, RankingChart, RefLine};
use cakupan::raster::{png_size, svg_to_png};

const REGIONS: [(&str, Option<f64>); 10] = [
    ("Kota Bontang", Some(71.4)),
    ("Kota Balikpapan", Some(64.9)),
    ("Kota Samarinda", Some(61.3)),
    ("Kabupaten Penajam Paser Utara", Some(48.25)),
    ("Kabupaten Paser", Some(45.1)),
    ("Kabupaten Berau", Some(42.7)),
    ("Kabupaten Kutai Kartanegara", Some(39.0)),
    ("Kabupaten Kutai Timur", Some(35.6)),
    ("Kabupaten Kutai Barat", Some(30.2)),
    ("Kabupaten Mahakam Ulu", None),
];

/// A ranking chart of the first `n` regions.
fn chart(n: usize) -> String {
    let bars = &REGIONS[..n];
    ranking_svg(&RankingChart {
        title: "Cakupan peserta aktif".into(),
        desc: "Persentase pekerja yang terdaftar, per kabupaten/kota".into(),
        bars: bars
            .iter()
            .map(|(label, value)| Bar {
                label: label.to_string(),
                value: *value,
                value_label: value.map_or(String::new(), |v| format!("{v:.1}%").replace('.', ",")),
            })
            .collect(),
        refs: vec![
            RefLine {
                label: "Provinsi 55,2%".into(),
                value: 55.2,
            },
            RefLine {
                label: "Target 70%".into(),
                value: 70.0,
            },
        ],
        no_data: "tidak ada data".into(),
    })
    .inline("raster")
}

fn view_box(svg: &str) -> (f64, f64) {
    let vb: Vec<f64> = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (vb[2], vb[3])
}

/// RGB pixels of a PNG.
fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn ranking_chart_rasterises_at_share_size() {
    let svg = chart(5);
    assert!(svg.contains("font-family=\"Liberation Sans, Arial, sans-serif\""));
    let (vw, vh) = view_box(&svg);
    let png = svg_to_png(&svg, 1200).unwrap();
    let expected_h = (vh * 1200.0 / vw).round() as u32;
    assert_eq!(png_size(&png), Some((1200, expected_h)));

    let again = svg_to_png(&svg, 1200).unwrap();
    assert!(png == again, "two rasterisations differ");

    let (w, h, rgb) = decode(&png);
    assert_eq!((w, h), (1200, expected_h));
    let px: Vec<[u8; 3]> = rgb.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect();
    let blue = px.iter().filter(|p| **p == [0, 114, 178]).count();
    let dark = px.iter().filter(|p| p.iter().all(|c| *c < 80)).count();
    let white = px.iter().filter(|p| **p == [255, 255, 255]).count();
    assert!(blue > 1200 * 20, "bars missing: {blue} blue pixels");
    assert!(dark > 2000, "text missing: {dark} dark pixels");
    assert!(white > px.len() / 2, "background not white");
    // Labels sit left of the bars: dark text pixels appear in the left quarter.
    let dark_left = px
        .iter()
        .enumerate()
        .filter(|(i, p)| (*i as u32 % w) < w / 4 && p.iter().all(|c| *c < 80))
        .count();
    assert!(dark_left > 500, "region labels missing: {dark_left}");

    if let Ok(path) = std::env::var("CAKUPAN_SAMPLE_PNG") {
        std::fs::write(path, &png).unwrap();
    }
}

/// Cost of one share-size PNG of a typical chart (ten regions: 720x310);
/// `cargo test --release --test raster -- --ignored --nocapture`.
#[test]
#[ignore]
fn png_cost() {
    let svg = chart(10);
    let n = 50;
    let _ = svg_to_png(&svg, 1200).unwrap();
    let t = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        bytes = svg_to_png(&svg, 1200).unwrap().len();
    }
    let per = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let (vw, vh) = view_box(&svg);
    println!("{vw}x{vh} chart -> 1200 px PNG: {per:.2} ms each, {bytes} bytes");
    if let Ok(path) = std::env::var("CAKUPAN_SAMPLE_PNG") {
        std::fs::write(path, svg_to_png(&svg, 1200).unwrap()).unwrap();
    }
}

/// Cost of drawing one SVG chart (ten-region ranking, as on the Kaltim home page) on one core;
/// `cargo test --release --test raster -- --ignored --nocapture`.
#[test]
#[ignore]
fn svg_cost() {
    let n = 2000;
    let t = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        bytes += chart(10).len();
    }
    let per = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!(
        "ranking chart, 10 bars: {per:.1} us each, {} bytes",
        bytes / n
    );
}
