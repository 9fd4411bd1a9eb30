//! Trend and sparkline data: one region's (or a few regions') figures over time.

use super::data::{ChartData, Ctx, Plot, SourceTitles, Table};
use super::spec::err;
use crate::charts::{self, Series, TrendChart};
use crate::diagnostics::Diagnostic;
use crate::format;
use crate::period::Period;
use crate::render::i18n::fill;

const SERIES_COLORS: [plotters::style::RGBColor; 6] = charts::SERIES;

pub(crate) fn trend(cx: &Ctx, metric: &str, regions: &[String]) -> Result<ChartData, Diagnostic> {
    let m = cx.metric(metric)?;
    let mut codes = regions.to_vec();
    let province = cx.site.config.province_code.clone();
    if codes.len() == 1 && codes[0] != province && !cx.c.series(&province, &m.id).is_empty() {
        codes.push(province.clone());
    }
    let mut table = Table::new(cx.headers(&["Region", "Period", "Value", "Source"]));
    // One line per region and basis: figures with different denominators are never joined.
    let mut series: Vec<Series> = Vec::new();
    // A region with figures on more than one basis gets a line per basis, named by a letter
    // keyed in the note to the basis's description (the descriptions are sentences, too long
    // for a line's label; the raw ids mean nothing to a reader).
    let mut keyed: Vec<&str> = Vec::new();
    let mut full: Vec<String> = Vec::new();
    // Each series read out in the <desc>, in the order of `series`.
    let mut spoken: Vec<String> = Vec::new();
    let mut titles = SourceTitles::default();
    for code in &codes {
        let obs = cx.series(code, &m.id);
        let name = cx.area_name(code);
        // Each figure's period and value in words, once for the <desc> and its table row.
        let said: Vec<(String, String)> = obs
            .iter()
            .map(|o| (cx.period(o.period()), cx.value(m, o.value)))
            .collect();
        let mut bases: Vec<Option<&str>> = Vec::new();
        for o in &obs {
            if !bases.contains(&o.basis().as_deref()) {
                bases.push(o.basis().as_deref());
            }
        }
        if bases.is_empty() {
            bases.push(None);
        }
        for b in &bases {
            let label = match b {
                Some(b) if bases.len() > 1 => {
                    let k = keyed.iter().position(|x| x == b).unwrap_or_else(|| {
                        keyed.push(b);
                        keyed.len() - 1
                    });
                    full.push(format!(
                        "{} ({})",
                        cx.short_name(code),
                        m.basis_label(b).unwrap_or(b)
                    ));
                    format!("{} ({})", cx.short_name(code), basis_key(k))
                }
                _ => {
                    full.push(cx.short_name(code));
                    cx.short_name(code)
                }
            };
            // "period value, period value, ...": one string, not one per figure and a join.
            let mut words = String::new();
            let mut any = false;
            for (_, (period, value)) in obs
                .iter()
                .zip(&said)
                .filter(|(o, _)| o.basis().as_deref() == *b)
            {
                if any {
                    words.push_str(", ");
                }
                any = true;
                words.push_str(period);
                words.push(' ');
                words.push_str(value);
            }
            spoken.push(if any {
                words
            } else {
                cx.word("no data").to_string()
            });
            let i = series.len();
            series.push(Series {
                label,
                points: obs
                    .iter()
                    .filter(|o| o.basis().as_deref() == *b)
                    .map(|o| (o.period(), o.value))
                    .collect(),
                color: SERIES_COLORS[i % SERIES_COLORS.len()],
                reference: *code == province && codes.len() > 1,
            });
        }
        // Last: the rows take the words over.
        for (o, (period, value)) in obs.iter().zip(said) {
            table.row(vec![name.clone(), period, value, titles.of(cx, o)], [*o]);
        }
    }
    if series.iter().all(|s| s.points.is_empty()) {
        return Err(err(
            cx.loc,
            format!(
                "no figures for `{}` in {}",
                m.id,
                codes
                    .iter()
                    .map(|c| cx.area_name(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "choose a region and metric that have figures in data/observations",
        ));
    }
    let gaps = series.iter().any(|s| {
        s.points
            .windows(2)
            .any(|w| !charts::adjacent(w[0].0, w[1].0))
    });
    let names: Vec<String> = codes.iter().map(|c| cx.area_name(c)).collect();
    let title = format!("{}: {}", m.label, names.join(", "));
    let desc = full
        .iter()
        .zip(&spoken)
        .map(|(name, pts)| format!("{name}: {pts}"))
        .collect::<Vec<_>>()
        .join("; ");
    let months = series
        .iter()
        .flat_map(|s| &s.points)
        .any(|p| matches!(p.0, Period::Month(..)));
    // Three months in a row or more may be drawn as a plain line (src/charts/trend.rs marks
    // no point of a run too dense for markers): the note says so, and never promises squares
    // the chart does not draw.
    let month_runs = series.iter().any(|s| {
        let mut pts: Vec<Period> = s.points.iter().map(|p| p.0).collect();
        pts.sort();
        pts.windows(3).any(|w| {
            matches!(w[0], Period::Month(..))
                && charts::adjacent(w[0], w[1])
                && charts::adjacent(w[1], w[2])
        })
    });
    let (unit, lang) = (m.unit, cx.lang);
    let plot = Plot::Trend(TrendChart {
        title: String::new(),
        desc: String::new(),
        series,
        fmt: Box::new(move |v| format::value(v, unit, lang)),
        from_zero: true,
    });
    let mut out = table.finish(cx, title, desc, plot);
    // One note at most, and only when the chart has something to explain.
    out.note = match (gaps, months, month_runs) {
        (true, _, false) => cx.word("Dashed lines cross periods without figures, or join a yearly figure (round marker) to a monthly one (square)."),
        (true, _, true) => cx.word("Dashed lines cross periods without figures, or join a yearly figure (round marker) to a monthly one (square, or a plain line where months lie too close together to mark each)."),
        (false, true, false) => cx.word("Round markers: yearly figures; squares: monthly figures."),
        (false, true, true) => cx.word("Round markers: yearly figures; squares: monthly figures, or a plain line where months lie too close together to mark each."),
        (false, false, _) => "",
    }
    .into();
    if !keyed.is_empty() {
        let keys: Vec<String> = keyed
            .iter()
            .enumerate()
            .map(|(k, b)| format!("({}) {}", basis_key(k), m.basis_label(b).unwrap_or(b)))
            .collect();
        let key = format!("{}: {}.", cx.word("Denominators"), keys.join("; "));
        // The downloaded SVG and PNG carry no page note: the key goes under the chart there,
        // before the sources.
        out.source_line = format!("{key} {}", out.source_line);
        out.note = if out.note.is_empty() {
            key
        } else {
            format!("{} {key}", out.note)
        };
    }
    Ok(out)
}

/// A, B, C ... for the n-th basis keyed in a chart.
fn basis_key(n: usize) -> char {
    (b'A' + (n % 26) as u8) as char
}

/// How many figures a sparkline's title reads out one by one (a year of months).
const SPOKEN_POINTS: usize = 12;

/// A sparkline sits in a table cell: its title is its accessible text, it has no table.
pub(crate) fn sparkline(cx: &Ctx, metric: &str, region: &str) -> Result<ChartData, Diagnostic> {
    let m = cx.metric(metric)?;
    // One line joins one denominator: the latest figure's.
    let obs = cx.c.latest_basis_series(region, &m.id);
    let pts: Vec<(Period, f64)> = obs.iter().map(|o| (o.period(), o.value)).collect();
    let said = |(p, v): &(Period, f64)| format!("{} {}", cx.period(*p), cx.value(m, *v));
    // A year of months or less is read out whole; a longer series (ten years of months is
    // 120 figures) is said by its ends and extremes: nobody listens to 120 numbers, and the
    // figures are in the data downloads.
    let title = if pts.len() <= SPOKEN_POINTS {
        pts.iter().map(said).collect::<Vec<_>>().join(", ")
    } else {
        let low = pts.iter().min_by(|a, b| a.1.total_cmp(&b.1)).map(said);
        let high = pts.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(said);
        fill(
            cx.word("{count} figures, {from} to {to}; lowest {low}, highest {high}"),
            &[
                ("count", &pts.len().to_string()),
                ("from", &pts.first().map(said).unwrap_or_default()),
                ("to", &pts.last().map(said).unwrap_or_default()),
                ("low", &low.unwrap_or_default()),
                ("high", &high.unwrap_or_default()),
            ],
        )
    };
    let desc = format!("{}: {title}", m.label);
    // No rows and no figures: a sparkline has neither table nor downloads.
    Ok(Table::new(Vec::new()).finish(cx, title, desc, Plot::Sparkline(pts)))
}
