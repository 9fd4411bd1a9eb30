//! Composition chart data: parts that add up (e.g. workers funded by APBD kabupaten, APBD
//! provinsi and DBH sawit), one stacked bar per region.

use super::data::{when_text, ChartData, Ctx, Plot, Table};
use super::spec::When;
use crate::charts::{self, StackRow, StackedChart};
use crate::diagnostics::Diagnostic;
use crate::format;
use crate::model::{Metric, Observation};

pub(crate) fn composition(cx: &Ctx, ids: &[String], when: When) -> Result<ChartData, Diagnostic> {
    let metrics: Vec<&Metric> = ids
        .iter()
        .map(|id| cx.metric(id))
        .collect::<Result<_, _>>()?;
    let when = cx.resolve(&metrics, when)?;
    let unit = metrics[0].unit;
    let mut headers = vec![cx.word("Region").to_string()];
    headers.extend(metrics.iter().map(|m| m.label.clone()));
    headers.push(cx.word("Total").into());
    let mut table = Table::new(headers);
    let mut rows = Vec::new();
    let mut totals = Vec::new();
    let mut max: f64 = 0.0;
    for r in &cx.site.regions {
        let parts: Vec<Option<&Observation>> = metrics
            .iter()
            .map(|m| cx.pick(&r.code, &m.id, when))
            .collect();
        if parts.iter().all(Option::is_none) {
            continue;
        }
        let total: f64 = parts.iter().flatten().map(|o| o.value).sum();
        max = max.max(total);
        let complete = parts.iter().all(Option::is_some);
        let total_label = format!(
            "{}{}",
            format::value(total, unit, cx.lang),
            if complete { "" } else { cx.word(" (partial)") }
        );
        let mut cells = vec![r.name.clone()];
        cells.extend(parts.iter().map(|o| {
            o.map(|o| format::value(o.value, unit, cx.lang))
                .unwrap_or_else(|| "–".into())
        }));
        cells.push(total_label.clone());
        totals.push(format!("{} {total_label}", r.name));
        table.row(cells, parts.iter().flatten().copied());
        // The bar shows what was reported; the table marks totals with unreported parts.
        rows.push(StackRow {
            label: r.name.clone(),
            segments: parts
                .iter()
                .map(|o| o.map(|o| o.value).unwrap_or(0.0))
                .collect(),
            total_label: format::value(total, unit, cx.lang),
        });
    }
    let title = format!(
        "{}, {}",
        metrics
            .iter()
            .map(|m| m.label.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
        when_text(when, cx.lang)
    );
    let desc = format!("{title}: {}.", totals.join("; "));
    let lang = cx.lang;
    let plot = Plot::Stacked(StackedChart {
        title: String::new(),
        desc: String::new(),
        keys: metrics.iter().map(|m| m.label.clone()).collect(),
        rows,
        max: charts::nice_ticks(0.0, max.max(1.0), 5)
            .last()
            .copied()
            .unwrap_or(max),
        fmt: Box::new(move |v| format::value(v, unit, lang)),
    });
    Ok(table.finish(cx, title, desc, plot))
}
