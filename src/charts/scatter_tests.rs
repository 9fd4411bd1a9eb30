//! Tests of the scatter chart's label placement and drawing.
use super::*;

fn chart(points: Vec<(&str, f64, f64)>) -> ScatterChart {
    ScatterChart {
        title: "Cakupan terhadap upah".into(),
        desc: "desc".into(),
        x_label: "Cakupan (%)".into(),
        y_label: "Perubahan (poin)".into(),
        points: points
            .into_iter()
            .map(|(l, x, y)| ScatterPoint {
                label: l.into(),
                x,
                y,
            })
            .collect(),
        x_fmt: Box::new(|v| format!("{v}%")),
        y_fmt: Box::new(|v| format!("{v:+}")),
        x_ref: Some(("Kalimantan Timur 61%".into(), 61.0)),
        y_ref: Some(("Kalimantan Timur +2".into(), 2.0)),
    }
}

#[test]
fn crowded_labels_do_not_overlap() {
    let points = [
        (300.0, 200.0),
        (306.0, 204.0),
        (296.0, 210.0),
        (310.0, 196.0),
        (302.0, 214.0),
    ];
    let names = [
        "Kabupaten Penajam Paser Utara",
        "Kabupaten Kutai Kartanegara",
        "Kota Balikpapan",
        "Kabupaten Mahakam Ulu",
        "Kota Bontang",
    ];
    let sizes: Vec<(f64, f64)> = names.iter().map(|n| label_size(n)).collect();
    let bounds = LabelBox {
        x0: 0.0,
        y0: 0.0,
        x1: 720.0,
        y1: 400.0,
    };
    let placed = place_labels(&points, &sizes, bounds, &[], &[]);
    let boxes: Vec<LabelBox> = placed.iter().flatten().map(|p| p.rect).collect();
    assert_eq!(boxes.len(), 5, "all fit with room around: {placed:?}");
    for (i, a) in boxes.iter().enumerate() {
        assert!(a.inside(&bounds));
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
        for p in &points {
            assert!(!a.overlaps(&point_box(*p, POINT_R)), "{a:?} covers a point");
        }
    }
    assert!(placed.iter().flatten().any(|p| p.leader.is_some()));

    // No room at all: labels are left out rather than overlapping or leaving the plot.
    let tight = LabelBox {
        x0: 280.0,
        y0: 180.0,
        x1: 330.0,
        y1: 230.0,
    };
    let placed = place_labels(&points, &sizes, tight, &[], &[]);
    assert!(placed.iter().all(|p| p.is_none()));
}

#[test]
fn every_label_once_and_refs_drawn() {
    let data = vec![
        ("Kabupaten Berau", 55.0, 3.1),
        ("Kabupaten Penajam Paser Utara", 102.5, -4.0),
        ("Kota Bontang", 80.0, 0.5),
        ("Kota Samarinda", 40.4, -1.2),
    ];
    let svg = scatter_svg(&chart(data)).inline("t");
    for name in [
        "Kabupaten Berau",
        "Kabupaten Penajam Paser Utara",
        "Kota Bontang",
    ] {
        assert_eq!(svg.matches(&format!(">{name}</text>")).count(), 1, "{name}");
    }
    assert_eq!(svg.matches("<circle").count(), 8, "point + outline each");
    assert!(svg.contains(">Kalimantan Timur 61%</text>"));
    assert!(svg.contains(">Cakupan (%)</text>"));
    // Values above 100% and negative changes keep their place on the axes.
    assert!(svg.contains(">110%</text>") || svg.contains(">120%</text>"));
    assert!(svg.contains(">-4</text>"));
    assert!(svg.contains("<desc id=\"t-ket\">desc</desc>"));
    let c = chart(vec![("A", 1.0, 1.0)]);
    assert_eq!(scatter_svg(&c).inline("t"), scatter_svg(&c).inline("t"));
}

#[test]
#[ignore]
fn write_scatter_samples() {
    let data = vec![
        ("Kabupaten Berau", 58.2, 3.1),
        ("Kabupaten Kutai Barat", 44.0, -2.4),
        ("Kabupaten Kutai Kartanegara", 61.5, 1.8),
        ("Kabupaten Kutai Timur", 104.3, 6.0),
        ("Kabupaten Mahakam Ulu", 12.7, -5.5),
        ("Kabupaten Paser", 60.1, 2.2),
        ("Kabupaten Penajam Paser Utara", 62.4, 1.9),
        ("Kota Balikpapan", 88.9, 0.4),
        ("Kota Bontang", 91.0, -0.3),
        ("Kota Samarinda", 59.4, 2.6),
    ];
    let c = chart(data);
    write_sample("scatter", &scatter_svg(&c).inline("t"));
    write_sample("scatter-narrow", &scatter_narrow(&c).inline("t"));
}
