//! Sparkline: a 120x28 line of one indicator over time, for tables. Written by hand rather than
//! through plotters' backend: that one rounds coordinates to whole pixels, which flattens a line
//! only 28px high, and repeats style attributes on every element.

use super::escape;
use super::trend::adjacent;
use crate::period::Period;

const W: f64 = 120.0;
const H: f64 = 28.0;
const PAD: f64 = 3.0;
/// Okabe-Ito blue, as [`super::BLUE`].
const STROKE: &str = "#0072B2";

fn num(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// A tiny line chart with the last point as a dot; consecutive periods are joined, gaps stay
/// gaps (a lone point between gaps is a dot). `title` is the accessible text, e.g.
/// "2015: 12; … 2024: 40". Empty for fewer than two points.
pub fn sparkline_svg(points: &[(Period, f64)], title: &str) -> String {
    let mut pts: Vec<(Period, f64)> = points.iter().copied().filter(|p| p.1.is_finite()).collect();
    pts.sort_by_key(|p| p.0);
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
    let mut d = String::new();
    let mut dots = String::new();
    for (i, p) in pts.iter().enumerate() {
        let joined_before = i > 0 && adjacent(pts[i - 1].0, p.0);
        let joined_after = i + 1 < pts.len() && adjacent(p.0, pts[i + 1].0);
        let at = format!("{} {}", num(x_of(p.0)), num(y_of(p.1)));
        if !joined_before && !joined_after {
            // A lone point between gaps: round caps turn a zero-length segment into a dot.
            if i + 1 < pts.len() {
                dots.push_str(&format!("M{at}h0"));
            }
        } else {
            d.push(if joined_before { 'L' } else { 'M' });
            d.push_str(&at);
        }
    }
    let line = |d: &str, width: &str| {
        if d.is_empty() {
            String::new()
        } else {
            format!("<path d=\"{d}\" fill=\"none\" stroke=\"{STROKE}\" stroke-width=\"{width}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>")
        }
    };
    let last = pts[pts.len() - 1];
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 28\" width=\"120\" height=\"28\" role=\"img\" class=\"spark\"><title>{}</title>{}{}<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{STROKE}\"/></svg>",
        escape(title),
        line(&d, "1.5"),
        line(&dots, "3"),
        num(x_of(last.0)),
        num(y_of(last.1)),
    )
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
