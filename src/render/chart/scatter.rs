//! Scatter chart data: two metrics against each other, one point per region that has both.

use super::data::{when_label, when_text, ChartData, Ctx, Plot, Table};
use super::spec::{err, When};
use crate::charts::{ScatterChart, ScatterPoint};
use crate::diagnostics::Diagnostic;
use crate::format;
use crate::model::Metric;

pub(crate) fn scatter(cx: &Ctx, x: &str, y: &str, when: When) -> Result<ChartData, Diagnostic> {
    let mx = cx.metric(x)?;
    let my = cx.metric(y)?;
    let when = cx.resolve(&[mx, my], when)?;
    let mut table = Table::new(vec![
        cx.word("Region").to_string(),
        mx.label.clone(),
        my.label.clone(),
        format!("{} ({})", cx.word("Period"), mx.label),
        format!("{} ({})", cx.word("Period"), my.label),
    ]);
    // A point, a table row and a CSV line per region with both figures; a region with only
    // one of them is in none of the three.
    let mut points = Vec::new();
    let mut words = Vec::new();
    for r in &cx.site.regions {
        let (Some(ox), Some(oy)) = (
            cx.pick(&r.code, &mx.id, when),
            cx.pick(&r.code, &my.id, when),
        ) else {
            continue;
        };
        points.push(ScatterPoint {
            label: r.display_short().to_string(),
            x: ox.value,
            y: oy.value,
        });
        words.push(format!(
            "{} ({}; {})",
            r.name,
            cx.value(mx, ox.value),
            cx.value(my, oy.value)
        ));
        table.row(
            vec![
                r.name.clone(),
                cx.value(mx, ox.value),
                cx.value(my, oy.value),
                cx.period(ox.period()),
                cx.period(oy.period()),
            ],
            [ox, oy],
        );
    }
    if points.is_empty() {
        return Err(err(
            cx.loc,
            format!(
                "no region has both `{}` and `{}` in {}",
                mx.id,
                my.id,
                when_label(when)
            ),
            "a scatter chart needs regions with figures for both metrics in the same year",
        ));
    }
    let mut reference = |m: &Metric| {
        let o = cx.pick(&cx.site.config.province_code, &m.id, when)?;
        table.reference(o);
        Some((
            format!("{} {}", cx.site.config.province_name, cx.value(m, o.value)),
            o.value,
        ))
    };
    let (x_ref, y_ref) = (reference(mx), reference(my));
    let title = format!("{} & {}, {}", mx.label, my.label, when_text(when, cx.lang));
    let desc = format!("{title}: {}.", words.join(", "));
    let (ux, uy, lang) = (mx.unit, my.unit, cx.lang);
    let plot = Plot::Scatter(ScatterChart {
        title: String::new(),
        desc: String::new(),
        x_label: mx.label.clone(),
        y_label: my.label.clone(),
        points,
        x_fmt: Box::new(move |v| format::value(v, ux, lang)),
        y_fmt: Box::new(move |v| format::value(v, uy, lang)),
        x_ref,
        y_ref,
    });
    Ok(table.finish(cx, title, desc, plot))
}
