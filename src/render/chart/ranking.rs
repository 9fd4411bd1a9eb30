//! Ranking chart data: one bar per region with a comparable figure, best first; the regions
//! without one listed; figures of another denominator named beside it, never ranked.

use super::data::{wrap, ChartData, Ctx, Plot, Table};
use super::spec::When;
use crate::charts::{Bar, RankingChart, RefLine};
use crate::compute::{order_and_rank, MIN_RANKED};
use crate::diagnostics::Diagnostic;
use crate::model::{Metric, Observation};
use crate::render::i18n::fill;

/// At most this many bars; a longer ranking shows its top and bottom halves.
const LIMIT: usize = 30;

pub(crate) fn ranking(cx: &Ctx, metric: &str, when: When) -> Result<ChartData, Diagnostic> {
    let m = cx.metric(metric)?;
    let when = cx.resolve(&[m], when)?;
    let mut picked: Vec<(&Observation, String)> = Vec::new();
    let mut missing = Vec::new();
    for r in &cx.site.regions {
        match cx.pick(&r.code, &m.id, when) {
            Some(o) => picked.push((o, r.name.clone())),
            None => missing.push(r.name.clone()),
        }
    }
    // Only figures of one basis (denominator) are ranked together; the others are listed
    // beside the chart, never drawn as bars of the same ranking.
    let basis = comparable_basis(m, picked.iter().map(|p| p.0));
    let (mut found, other): (Vec<_>, Vec<_>) = picked
        .into_iter()
        .partition(|(o, _)| o.basis().as_deref() == basis.as_deref());
    let period = super::data::when_text(when, cx.lang);
    if !m.rank || found.len() < MIN_RANKED {
        return Ok(not_ranked(cx, m, &period, &found, &other, &missing));
    }
    let ranks = order_and_rank(
        &mut found,
        |f| f.0.value,
        |f| f.1.as_str(),
        m.higher_is_better,
    );
    let bar = |i: usize| {
        let (o, name) = &found[i];
        Bar {
            label: format!("{}. {name}", ranks[i]),
            value: Some(o.value),
            value_label: cx.value(m, o.value),
        }
    };
    let mut bars: Vec<Bar> = Vec::new();
    if found.len() > LIMIT {
        bars.extend((0..LIMIT / 2).map(bar));
        bars.push(Bar {
            label: "…".into(),
            value: None,
            value_label: String::new(),
        });
        bars.extend((found.len() - LIMIT / 2..found.len()).map(bar));
    } else {
        bars.extend((0..found.len()).map(bar));
        bars.extend(missing.iter().map(|n| Bar {
            label: n.clone(),
            value: None,
            value_label: String::new(),
        }));
    }
    let mut table = ranking_table(cx);
    for ((o, name), rank) in found.iter().zip(&ranks) {
        table.row(figure_row(cx, m, rank.to_string(), name, o), [*o]);
    }
    let province = cx.pick(&cx.site.config.province_code, &m.id, when);
    let mut refs = Vec::new();
    if let Some(p) = province {
        table.reference(p);
        refs.push(RefLine {
            label: format!("{} {}", cx.site.config.province_name, cx.value(m, p.value)),
            value: p.value,
        });
    }
    if let Some(t) = m.target {
        refs.push(RefLine {
            label: format!("Target {}", cx.value(m, t)),
            value: t,
        });
    }
    let title = format!("{} {}, {period}", cx.word("Ranking"), m.label);
    let mut desc = match (found.first(), found.last()) {
        (Some(hi), Some(lo)) => format!(
            "{}: {} {} ({}), {} {} ({}); {} {}, {} {}.",
            title,
            cx.word("highest"),
            hi.1,
            cx.value(m, hi.0.value),
            cx.word("lowest"),
            lo.1,
            cx.value(m, lo.0.value),
            found.len(),
            cx.word("regions with data"),
            missing.len(),
            cx.word("without data"),
        ),
        _ => title.clone(),
    };
    if let Some(p) = province {
        desc.push_str(&format!(
            " {} {}.",
            cx.site.config.province_name,
            cx.value(m, p.value)
        ));
    }
    let mut notes = Vec::new();
    // Said under the chart wherever it is placed, since only the chart knows it was cut.
    if found.len() > LIMIT {
        let (half, all) = (LIMIT / 2, found.len());
        notes.push(fill(
            cx.word("The chart shows the top {half} and bottom {half} of {all} regions; the data table lists all."),
            &[("half", &half.to_string()), ("all", &all.to_string())],
        ));
    }
    if let Some(b) = basis.as_deref() {
        notes.push(format!(
            "{}: {}.",
            cx.word("Denominator of every ranked figure"),
            m.basis_label(b).unwrap_or(b)
        ));
    }
    missing_rows(cx, &mut table, &missing, "");
    if !other.is_empty() {
        notes.push(other_basis_note(cx, m, &other));
        for (o, name) in &other {
            table.row(figure_row(cx, m, "–".into(), name, o), [*o]);
        }
    }
    if let Some(note) = &m.source_note {
        if m.target.is_some() {
            notes.push(format!("{}: {note}", cx.word("Target source")));
        }
    }
    let plot = Plot::Ranking(RankingChart {
        title: String::new(),
        desc: String::new(),
        bars,
        refs,
        no_data: cx.word("no data").into(),
    });
    let mut out = table.finish(cx, title, desc, plot);
    out.note = notes.join(" ");
    Ok(out)
}

fn ranking_table<'a>(cx: &Ctx) -> Table<'a> {
    Table::new(cx.headers(&["Rank", "Region", "Value", "Period", "Source"]))
}

fn figure_row(cx: &Ctx, m: &Metric, rank: String, name: &str, o: &Observation) -> Vec<String> {
    vec![
        rank,
        name.to_string(),
        cx.value(m, o.value),
        cx.period(o.period()),
        cx.sources_title(o),
    ]
}

/// The regions without a figure, after the others (rank cell `blank`).
fn missing_rows(cx: &Ctx, table: &mut Table, missing: &[String], blank: &str) {
    for n in missing {
        table.row(
            vec![
                blank.to_string(),
                n.clone(),
                cx.word("no data").into(),
                String::new(),
                String::new(),
            ],
            [],
        );
    }
}

/// The basis a comparison of these figures uses: the metric's default when present among
/// them, else the one most figures have (ties by id, so the choice is stable).
pub(crate) fn comparable_basis<'a>(
    m: &Metric,
    figures: impl Iterator<Item = &'a Observation>,
) -> Option<String> {
    crate::compute::comparable_basis(m, figures.filter_map(|o| o.basis().as_deref()))
}

/// "Not compared (different denominator): Kota Bontang 100% (by name by address)."
pub(crate) fn other_basis_note(cx: &Ctx, m: &Metric, other: &[(&Observation, String)]) -> String {
    let items: Vec<String> = other
        .iter()
        .map(|(o, name)| {
            let b = o.basis().as_deref().unwrap_or("");
            format!(
                "{name} {} ({})",
                cx.value(m, o.value),
                m.basis_label(b).unwrap_or(b)
            )
        })
        .collect();
    format!(
        "{}: {}.",
        cx.word("Not compared because the denominator differs"),
        items.join("; ")
    )
}

/// A ranking the data cannot support: the chart says why, the table still lists the figures.
fn not_ranked(
    cx: &Ctx,
    m: &Metric,
    period: &str,
    found: &[(&Observation, String)],
    other: &[(&Observation, String)],
    missing: &[String],
) -> ChartData {
    let title = format!("{}, {period}", m.label);
    let reason = if !m.rank {
        fill(
            cx.word("Not ranked: {metric} is a count, which reflects a region's size more than its performance."),
            &[("metric", &m.label)],
        )
    } else {
        fill(
            cx.word("Not ranked: only {count} regions have comparable realised figures (same denominator) for {period}; a ranking needs at least {min}."),
            &[
                ("count", &found.len().to_string()),
                ("period", period),
                ("min", &MIN_RANKED.to_string()),
            ],
        )
    };
    let lines = wrap(&reason, 90);
    let mut table = ranking_table(cx);
    for (o, name) in found.iter().chain(other) {
        table.row(figure_row(cx, m, "–".into(), name, o), [*o]);
    }
    missing_rows(cx, &mut table, missing, "–");
    let desc = lines.join(" ");
    let mut out = table.finish(cx, title, desc, Plot::Message(lines));
    // The reason is the chart itself (and its <desc>); the note adds what was left out.
    if !other.is_empty() {
        out.note = other_basis_note(cx, m, other);
    }
    out
}
