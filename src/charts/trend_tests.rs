//! Trend chart tests: joining, gaps, ticks, and text that never overlaps in a dense chart.

use super::*;

mod axis_tests {
    use super::*;
    use crate::charts::nice_ticks;

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            nice_ticks(0.0, 100.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(nice_ticks(0.0, 37.0, 5), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
    }

    #[test]
    fn gaps_are_not_joined() {
        assert!(adjacent(Period::Year(2020), Period::Year(2021)));
        assert!(!adjacent(Period::Year(2020), Period::Year(2022)));
        assert!(adjacent(Period::Month(2024, 12), Period::Month(2025, 1)));
        assert!(!adjacent(Period::Year(2024), Period::Month(2025, 1)));
    }
}

mod joining_tests {
    use super::*;

    /// `(length, colour)` of every polyline in `svg`.
    fn lines(svg: &str) -> Vec<(f64, String)> {
        svg.split("<polyline")
            .skip(1)
            .map(|l| {
                let attr = |name: &str| {
                    l.split(&format!(" {name}=\""))
                        .nth(1)
                        .and_then(|s| s.split('"').next())
                        .unwrap_or("")
                        .to_string()
                };
                let pts: Vec<(f64, f64)> = attr("points")
                    .split_whitespace()
                    .filter_map(|p| p.split_once(','))
                    .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
                    .collect();
                let len = pts
                    .windows(2)
                    .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
                    .sum();
                (len, attr("stroke"))
            })
            .collect()
    }

    #[test]
    fn one_series_is_joined_solid_between_neighbours_and_dashed_across_gaps() {
        let series = |label: &str, color, points| Series {
            label: label.into(),
            points,
            color,
            reference: false,
        };
        let c = TrendChart {
            title: "t".into(),
            desc: "d".into(),
            series: vec![
                series(
                    "Samarinda",
                    SERIES[0],
                    vec![
                        (Period::Year(2020), 54.7),
                        (Period::Year(2021), 50.0),
                        (Period::Year(2023), 44.9),
                        (Period::Month(2024, 9), 40.4),
                    ],
                ),
                series("Bontang", SERIES[1], vec![(Period::Year(2023), 80.0)]),
            ],
            fmt: Box::new(|v| format!("{v}")),
            from_zero: true,
        };
        let svg = trend_svg(&c).inline("t");
        let blue: Vec<f64> = lines(&svg)
            .into_iter()
            .filter(|(_, s)| s == "#0072B2")
            .map(|(l, _)| l)
            .collect();
        let solid = blue.iter().filter(|l| **l > DASH + 1.0).count();
        let dashes = blue.iter().filter(|l| **l <= DASH + 1.0).count();
        assert_eq!(solid, 1, "2020-2021 only: {blue:?}");
        assert!(dashes >= 4, "2021-2023 and 2023-Sep 2024 dashed: {blue:?}");
        // A lone point is a marker, no line.
        assert!(!lines(&svg).iter().any(|(_, s)| s == "#B54800"));
        // Yearly figures round, the monthly one square.
        assert_eq!(svg.matches("<circle").count(), 3 + 1);
        assert_eq!(
            svg.matches("<rect x=").count() - 1,
            1,
            "background + one square"
        );
        // Each line labelled at its end, once.
        assert_eq!(svg.matches(">Samarinda</text>").count(), 1);
        assert_eq!(svg.matches(">Bontang</text>").count(), 1);
    }
}

mod density_tests {
    use super::*;

    fn one(points: Vec<(Period, f64)>) -> TrendChart {
        TrendChart {
            title: "t".into(),
            desc: "d".into(),
            series: vec![Series {
                label: "Samarinda".into(),
                points,
                color: SERIES[0],
                reference: false,
            }],
            fmt: Box::new(|v| format!("{v}")),
            from_zero: true,
        }
    }

    /// The `points` of every blue polyline in `svg`, as `x,y` words.
    fn blue_points(svg: &str) -> Vec<Vec<&str>> {
        svg.split("<polyline")
            .skip(1)
            .filter(|l| l.contains("stroke=\"#0072B2\""))
            .map(|l| {
                let pts = l
                    .split(" points=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                pts.split_whitespace().collect()
            })
            .collect()
    }

    /// How many points each blue polyline in `svg` has.
    fn blue_lines(svg: &str) -> Vec<usize> {
        blue_points(svg).iter().map(Vec::len).collect()
    }

    #[test]
    fn a_monthly_decade_is_one_line_without_a_band_of_markers() {
        let months: Vec<(Period, f64)> = (0..120)
            .map(|k| {
                (
                    Period::Month(2016 + k / 12, (k % 12 + 1) as u8),
                    20.0 + k as f64 * 0.3,
                )
            })
            .collect();
        let c = one(months);
        for (name, doc) in [("wide", trend_svg(&c)), ("narrow", trend_narrow(&c))] {
            let svg = doc.inline("t");
            // The series' line (the legend's short line aside) is one polyline through many
            // points, not a segment per month.
            let lines = blue_lines(&svg);
            let longest = lines.iter().copied().max().unwrap();
            assert!(longest >= 40, "{name}: {lines:?}");
            assert!(lines.len() <= 2, "{name}: {lines:?}");
            // Only the latest month keeps its square (plus the legend's on the phone): 120
            // squares 2-5 units apart would cover the line.
            let squares = svg.matches("<rect x=").count() - 1;
            let want = if name == "narrow" { 2 } else { 1 };
            assert_eq!(squares, want, "{name}");
        }
    }

    #[test]
    fn yearly_figures_keep_a_marker_each() {
        let years: Vec<(Period, f64)> = (2015..2025)
            .map(|y| (Period::Year(y), 20.0 + (y - 2015) as f64))
            .collect();
        let c = one(years);
        for (name, doc) in [("wide", trend_svg(&c)), ("narrow", trend_narrow(&c))] {
            let svg = doc.inline("t");
            let circles = svg.matches("<circle").count();
            let want = if name == "narrow" { 11 } else { 10 };
            assert_eq!(circles, want, "{name}");
            // A segment per pair of neighbours.
            let segments = blue_lines(&svg).iter().filter(|n| **n == 2).count();
            assert!(segments >= 9, "{name}: {segments}");
        }
    }

    #[test]
    fn beside_months_a_yearly_figure_sits_at_its_years_end() {
        // Yearly figures are year-end (they sort after December): beside months they are
        // drawn between December and January, so the line never runs back to mid-year.
        let mut points: Vec<(Period, f64)> = (0..36)
            .map(|k| {
                (
                    Period::Month(2020 + k / 12, (k % 12 + 1) as u8),
                    30.0 + k as f64,
                )
            })
            .collect();
        points.push((Period::Year(2021), 53.0));
        let svg = trend_svg(&one(points)).inline("t");
        let circle = svg.split("<circle cx=\"").nth(1).unwrap();
        let cx: f64 = circle.split('"').next().unwrap().parse().unwrap();
        // Every drawn x of the blue lines, in drawing order, never goes back by more than
        // rounding: a line from December back to mid-year would.
        let xs: Vec<f64> = blue_points(&svg)
            .into_iter()
            .flatten()
            .map(|p| p.split(',').next().unwrap().parse::<f64>().unwrap())
            .collect();
        assert!(xs.windows(2).all(|w| w[1] >= w[0] - 1.0), "{xs:?}");
        // The circle lies right of the last month of 2021's line and left of 2022's first.
        let year_band = (xs[xs.len() - 1] - xs[0]) / 3.0;
        assert!(
            (cx - (xs[0] + 2.0 * year_band)).abs() < year_band / 6.0,
            "circle at {cx}, lines {xs:?}"
        );
    }

    #[test]
    fn a_gap_in_a_dense_run_stays_a_gap() {
        // 2016-2019 monthly, nothing in 2020, 2021-2024 monthly: two lines, a dashed join.
        let months: Vec<(Period, f64)> = (0..108)
            .filter(|k| !(48..60).contains(k))
            .map(|k| {
                (
                    Period::Month(2016 + k / 12, (k % 12 + 1) as u8),
                    30.0 + (k % 7) as f64,
                )
            })
            .collect();
        let svg = trend_svg(&one(months)).inline("t");
        let long: Vec<usize> = blue_lines(&svg).into_iter().filter(|n| *n > 2).collect();
        assert_eq!(long.len(), 2, "{long:?}");
    }
}

mod collision_tests {
    use super::*;

    /// The box of every `<text>` in `svg`, from its own attributes (position, anchor, size),
    /// with its words.
    fn text_boxes(svg: &str) -> Vec<(String, Rect)> {
        svg.split("<text ")
            .skip(1)
            .map(|t| {
                let attr = |name: &str| {
                    t.split(&format!("{name}=\""))
                        .nth(1)
                        .and_then(|s| s.split('"').next())
                        .unwrap_or("")
                        .to_string()
                };
                let num = |name: &str| attr(name).parse::<f64>().unwrap();
                let words = t.split('>').nth(1).unwrap().split('<').next().unwrap();
                // The root's size unless the text states one.
                let size = attr("font-size").parse::<f64>().unwrap_or(12.0);
                let w = crate::fonts::text_width(words, size, t.contains("bold"));
                let x = num("x");
                let x0 = match attr("text-anchor").as_str() {
                    "end" => x - w,
                    "middle" => x - w / 2.0,
                    _ => x,
                };
                // Centre-anchored text (dy 0.5ex): from the cap height above to the
                // baseline below; top-anchored (0.76em) hangs below y.
                let y = num("y");
                let (y0, y1) = match attr("dy").as_str() {
                    "0.76em" => (y, y + size),
                    _ => (y - 0.45 * size, y + 0.3 * size),
                };
                (
                    words.to_string(),
                    Rect {
                        x0,
                        y0,
                        x1: x0 + w,
                        y1,
                    },
                )
            })
            .collect()
    }

    /// Six regions with yearly figures close together: their value labels would sit on top of
    /// each other if each were written beside its point.
    pub(super) fn dense() -> TrendChart {
        let names = [
            "Samarinda",
            "Balikpapan",
            "Bontang",
            "Kutai Kartanegara",
            "Berau",
            "Kalimantan Timur",
        ];
        let series = names
            .iter()
            .enumerate()
            .map(|(i, n)| Series {
                label: n.to_string(),
                points: (2020..2026)
                    .map(|y| {
                        let v = 40.0 + i as f64 * 1.3 + ((y - 2020) as f64 * 0.7 * (i % 3) as f64);
                        (Period::Year(y), v)
                    })
                    .chain([(Period::Month(2026, 3), 45.0 + i as f64)])
                    .collect(),
                color: SERIES[i],
                reference: i == 5,
            })
            .collect();
        TrendChart {
            title: "t".into(),
            desc: "d".into(),
            series,
            fmt: Box::new(|v| format!("{v:.2}%").replace('.', ",")),
            from_zero: true,
        }
    }

    #[test]
    fn no_two_texts_overlap_in_a_dense_chart() {
        let c = dense();
        for (name, doc) in [("wide", trend_svg(&c)), ("narrow", trend_narrow(&c))] {
            let svg = doc.inline("t");
            let boxes = text_boxes(&svg);
            for (i, (a, ra)) in boxes.iter().enumerate() {
                for (b, rb) in &boxes[i + 1..] {
                    assert!(
                        !ra.overlaps(rb),
                        "{name}: {a:?} {ra:?} overlaps {b:?} {rb:?}"
                    );
                }
                // Inside the chart, not cut off at an edge.
                assert!(
                    ra.x0 >= 0.0 && ra.x1 <= doc.width as f64 && ra.y0 >= 0.0,
                    "{name}: {a:?} {ra:?} outside {}",
                    doc.width
                );
                assert!(ra.y1 <= doc.height as f64, "{name}: {a:?} below the chart");
            }
            // Every line is still named once (line-end labels or the legend), and each line's
            // latest value is written.
            for s in &c.series {
                let named = boxes.iter().filter(|(w, _)| *w == s.label).count();
                assert_eq!(named, 1, "{name}: {}", s.label);
            }
            // Value labels, not the axis's ticks (0, 20, 40, 60%).
            let ticks: Vec<String> = [0.0, 20.0, 40.0, 60.0].map(|t| (c.fmt)(t)).to_vec();
            let values = boxes
                .iter()
                .filter(|(w, _)| w.ends_with('%') && !ticks.contains(w))
                .count();
            let least = if name == "wide" { 3 } else { 1 };
            assert!(values >= least, "{name}: {values} value labels");
        }
    }

    #[test]
    fn narrow_rendering_has_its_width_and_a_legend_below() {
        let doc = trend_narrow(&dense());
        assert_eq!(doc.width, NARROW);
        let boxes = text_boxes(&doc.inline("t"));
        let legend = boxes.iter().find(|(w, _)| w == "Samarinda").unwrap().1;
        let year = boxes.iter().find(|(w, _)| w == "2026").unwrap().1;
        assert!(legend.y0 > year.y1, "legend below the axis");
        assert!(boxes.iter().all(|(_, r)| r.y1 - r.y0 >= 0.74 * MIN_TEXT));
    }
}

mod samples {
    /// Writes the dense trend sample to /tmp/charts: `cargo test -- --ignored samples`.
    #[test]
    #[ignore]
    fn write_trend_samples() {
        let c = super::collision_tests::dense();
        let write = crate::charts::scatter::write_sample;
        write("trend", &super::trend_svg(&c).inline("t"));
        write("trend-narrow", &super::trend_narrow(&c).inline("t"));
    }
}
