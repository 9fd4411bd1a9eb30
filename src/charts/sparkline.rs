//! Sparkline: a 120x28 line of one indicator over time, for tables. Written by hand rather than
//! through plotters' backend: that one rounds coordinates to whole pixels, which flattens a line
//! only 28px high, and repeats style attributes on every element.

use super::escape_into;
use super::trend::adjacent;
use crate::period::Period;

const W: f64 = 120.0;
const H: f64 = 28.0;
const PAD: f64 = 3.0;
/// Okabe-Ito blue, as [`super::BLUE`].
const STROKE: &str = "#0072B2";

/// `v` to one decimal, without a trailing `.0`, appended to `out` (no allocation or `fmt` per
/// number: a monthly national site draws ~600.000 of them).
fn push_num(out: &mut String, v: f64) {
    super::num::push_tenths(out, v);
}

/// A point kept by [`thin`]: period, value, and whether a line joins it to the point kept
/// before it (both lie in one run of adjacent periods).
pub(crate) type Kept = (Period, f64, bool);

/// The points of one series (sorted by period) that a chart `x` pixels wide can show. Runs of
/// adjacent periods with at most one point per `px_per_point` pixels are kept whole; denser runs
/// keep, in buckets of two points' width, the bucket's lowest and highest point (so every peak
/// and trough survives, and with them the series' range), plus the run's first and last point.
/// Gaps stay gaps: a kept point is joined to the one before only inside one run.
pub(crate) fn thin(
    points: &[(Period, f64)],
    x: impl Fn(Period) -> f64,
    px_per_point: f64,
) -> Vec<Kept> {
    let mut out = Vec::with_capacity(points.len());
    let mut start = 0;
    while start < points.len() {
        let mut end = start + 1;
        while end < points.len() && adjacent(points[end - 1].0, points[end].0) {
            end += 1;
        }
        let run = &points[start..end];
        start = end;
        let x0 = x(run[0].0);
        let span = x(run[run.len() - 1].0) - x0;
        if (run.len() - 1) as f64 * px_per_point <= span {
            out.extend(run.iter().enumerate().map(|(i, p)| (p.0, p.1, i > 0)));
            continue;
        }
        let bucket = 2.0 * px_per_point;
        // Each point's bucket, worked out once (the scan below reads it twice per point).
        let buckets: Vec<f64> = run
            .iter()
            .map(|p| ((x(p.0) - x0) / bucket).floor())
            .collect();
        let mut keep = vec![false; run.len()];
        keep[0] = true;
        keep[run.len() - 1] = true;
        let mut i = 0;
        while i < run.len() {
            let b = buckets[i];
            let (mut lo, mut hi, mut j) = (i, i, i + 1);
            while j < run.len() && buckets[j] == b {
                if run[j].1 < run[lo].1 {
                    lo = j;
                }
                if run[j].1 > run[hi].1 {
                    hi = j;
                }
                j += 1;
            }
            keep[lo] = true;
            keep[hi] = true;
            i = j;
        }
        let mut first = true;
        for (p, _) in run.iter().zip(&keep).filter(|(_, k)| **k) {
            out.push((p.0, p.1, !first));
            first = false;
        }
    }
    out
}

/// A tiny line chart with the last point as a dot; consecutive periods are joined, gaps stay
/// gaps (a lone point between gaps is a dot). `title` is the accessible text, e.g.
/// "2015: 12; … 2024: 40". Empty for fewer than two points. A long series is drawn thinned to
/// about a point per 2 px ([`thin`]); its title still names every figure.
pub fn sparkline_svg(points: &[(Period, f64)], title: &str) -> String {
    let mut pts: Vec<(Period, f64)> = Vec::with_capacity(points.len());
    pts.extend(points.iter().copied().filter(|p| p.1.is_finite()));
    // Series come in period order; sorting them again was a fifth of this function.
    if !pts.is_sorted_by_key(|p| p.0) {
        pts.sort_by_key(|p| p.0);
    }
    if pts.len() < 2 {
        return String::new();
    }
    let (t0, t1) = (pts[0].0.axis_value(), pts[pts.len() - 1].0.axis_value());
    let lo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let x_of = |p: Period| {
        if t1 > t0 {
            PAD + (W - 2.0 * PAD) * (p.axis_value() - t0) / (t1 - t0)
        } else {
            W / 2.0
        }
    };
    let y_of = |v: f64| {
        if hi > lo {
            H - PAD - (H - 2.0 * PAD) * (v - lo) / (hi - lo)
        } else {
            H / 2.0
        }
    };
    let pts = thin(&pts, x_of, 2.0);
    let mut d = String::new();
    let mut dots = String::new();
    for (i, p) in pts.iter().enumerate() {
        let joined_before = p.2;
        let joined_after = i + 1 < pts.len() && pts[i + 1].2;
        let out = if !joined_before && !joined_after {
            // A lone point between gaps: round caps turn a zero-length segment into a dot.
            if i + 1 == pts.len() {
                continue;
            }
            &mut dots
        } else {
            d.push(if joined_before { 'L' } else { 'M' });
            &mut d
        };
        if !joined_before && !joined_after {
            out.push('M');
        }
        push_num(out, x_of(p.0));
        out.push(' ');
        push_num(out, y_of(p.1));
        if !joined_before && !joined_after {
            out.push_str("h0");
        }
    }
    let mut svg = String::with_capacity(title.len() + d.len() + dots.len() + 400);
    svg.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 28\" width=\"120\" height=\"28\" role=\"img\" class=\"spark\"><title>");
    escape_into(&mut svg, title);
    svg.push_str("</title>");
    for (path, width) in [(&d, "1.5"), (&dots, "3")] {
        if !path.is_empty() {
            svg.push_str("<path d=\"");
            svg.push_str(path);
            svg.push_str("\" fill=\"none\" stroke=\"");
            svg.push_str(STROKE);
            svg.push_str("\" stroke-width=\"");
            svg.push_str(width);
            svg.push_str("\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>");
        }
    }
    let last = pts[pts.len() - 1];
    svg.push_str("<circle cx=\"");
    push_num(&mut svg, x_of(last.0));
    svg.push_str("\" cy=\"");
    push_num(&mut svg, y_of(last.1));
    svg.push_str("\" r=\"2.5\" fill=\"");
    svg.push_str(STROKE);
    svg.push_str("\"/></svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_few_points_is_empty() {
        assert_eq!(sparkline_svg(&[], "x"), "");
        assert_eq!(sparkline_svg(&[(Period::Year(2024), 40.0)], "x"), "");
    }

    #[test]
    fn line_with_last_dot_and_gaps() {
        let pts = [
            (Period::Year(2024), 40.0),
            (Period::Year(2015), 12.0),
            (Period::Year(2016), 15.0),
            (Period::Year(2019), -3.0),
            (Period::Year(2022), 30.0),
            (Period::Year(2023), 35.0),
        ];
        let svg = sparkline_svg(&pts, "2015: 12; … 2024: 40 & <more>");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 28\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>2015: 12; … 2024: 40 &amp; &lt;more&gt;</title>"));
        assert_eq!(svg.matches("<circle").count(), 1);
        // Last point (2024, the maximum) at the right edge and the top.
        assert!(svg.contains("<circle cx=\"117\" cy=\"3\""), "{svg}");
        let paths: Vec<&str> = svg
            .split(" d=\"")
            .skip(1)
            .map(|p| p.split('"').next().unwrap())
            .collect();
        // Runs 2015-16 and 2022-24 are lines, not joined to each other; 2019 alone is a dot.
        assert_eq!(paths.len(), 2);
        assert_eq!(paths[0].matches('M').count(), 2, "{paths:?}");
        assert_eq!(paths[0].matches('L').count(), 3, "{paths:?}");
        assert_eq!(paths[1].matches("h0").count(), 1, "{paths:?}");
        // A line without lone points has no dot path.
        let joined = sparkline_svg(&pts[4..6], "t");
        assert_eq!(joined.matches("<path").count(), 1);
        assert!(svg.len() < 520, "{} bytes", svg.len());
        assert_eq!(svg, sparkline_svg(&pts, "2015: 12; … 2024: 40 & <more>"));
    }

    #[test]
    fn months_across_a_year_are_joined() {
        let pts = [
            (Period::Month(2024, 12), 1.0),
            (Period::Month(2025, 1), 2.0),
        ];
        let svg = sparkline_svg(&pts, "t");
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(d, "M3 25L117 3");
    }

    fn months(n: usize, value: impl Fn(usize) -> f64) -> Vec<(Period, f64)> {
        (0..n)
            .map(|i| {
                let m = 2016 * 12 + i as i32;
                (Period::Month(m / 12, (m % 12 + 1) as u8), value(i))
            })
            .collect()
    }

    /// One pixel per month over the series' index, as a chart 1 px per month wide would draw.
    fn x_index(pts: &[(Period, f64)]) -> impl Fn(Period) -> f64 + '_ {
        |p| pts.iter().position(|q| q.0 == p).unwrap() as f64
    }

    #[test]
    fn thin_keeps_short_and_sparse_series_whole() {
        let pts = months(40, |i| (i * 7 % 13) as f64);
        // 40 points on 39 px at 1 px a point: untouched, every one joined to the one before.
        let kept = thin(&pts, x_index(&pts), 1.0);
        let want: Vec<Kept> = pts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.0, p.1, i > 0))
            .collect();
        assert_eq!(kept, want);
        // Gaps stay gaps even when the points are kept.
        let gappy = [
            (Period::Year(2015), 1.0),
            (Period::Year(2016), 2.0),
            (Period::Year(2019), 3.0),
        ];
        let kept = thin(&gappy, |p| p.axis_value() * 100.0, 3.0);
        assert_eq!(
            kept.iter().map(|k| k.2).collect::<Vec<_>>(),
            [false, true, false]
        );
    }

    #[test]
    fn thin_keeps_peaks_troughs_and_ends_of_a_dense_series() {
        // 240 months drawn on 240 px at 3 px a point: ~80 points, the spikes among them.
        let pts = months(240, |i| match i {
            97 => 500.0,
            161 => -400.0,
            _ => (i % 5) as f64,
        });
        let kept = thin(&pts, x_index(&pts), 3.0);
        assert!(kept.len() <= 240 / 3 + 2, "{} points kept", kept.len());
        assert!(kept.len() >= 240 / 6, "{} points kept", kept.len());
        for must in [0, 97, 161, 239] {
            assert!(
                kept.iter().any(|k| k.0 == pts[must].0),
                "point {must} dropped"
            );
        }
        // One run: everything after the first point is joined, in time order.
        assert!(!kept[0].2 && kept[1..].iter().all(|k| k.2));
        assert!(kept.windows(2).all(|w| w[0].0 < w[1].0));
        // The sparkline of that series keeps its range: the spike is the top, the dip the bottom.
        let svg = sparkline_svg(&pts, "t");
        assert!(svg.contains(" 3L") || svg.contains(" 3 "), "{svg}");
        assert!(svg.matches('L').count() < 120, "{svg}");
    }

    #[test]
    fn escape_covers_text_and_attribute_characters() {
        let mut out = String::from("x ");
        escape_into(&mut out, "a & <b> \"c\" — é");
        assert_eq!(out, "x a &amp; &lt;b&gt; &quot;c&quot; — é");
        assert_eq!(crate::charts::escape("a & <b> \"c\" — é"), &out[2..]);
    }

    #[test]
    #[ignore]
    fn write_sparkline_samples() {
        let pts = [
            (Period::Year(2015), 12.0),
            (Period::Year(2016), 15.0),
            (Period::Year(2017), 14.0),
            (Period::Year(2019), 20.0),
            (Period::Year(2021), 28.0),
            (Period::Year(2022), 31.0),
            (Period::Year(2023), 36.0),
            (Period::Year(2024), 40.0),
        ];
        let svg = sparkline_svg(&pts, "2015: 12; … 2024: 40");
        let html = format!("<table><tr><td>Kabupaten Penajam Paser Utara</td><td>{svg}</td><td>40</td></tr></table>");
        crate::charts::scatter::write_sample("sparkline", &html);
        std::fs::write("/tmp/charts/sparkline.svg", svg).unwrap();
    }
}
