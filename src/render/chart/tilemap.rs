//! Tile map data: one tile per region placed on its grid position, coloured by one metric.

use super::data::{when_text, ChartData, Ctx, Plot, Table};
use super::ranking::{comparable_basis, other_basis_note};
use super::spec::When;
use crate::charts::{Tile, TileChart};
use crate::diagnostics::Diagnostic;
use crate::format;

pub(crate) fn tilemap(cx: &Ctx, metric: &str, when: When) -> Result<ChartData, Diagnostic> {
    let m = cx.metric(metric)?;
    let when = cx.resolve(&[m], when)?;
    // Colour classes compare values, so only figures of one basis are coloured: the basis
    // chosen among the figures of the period shown (as the ranking chooses it).
    let basis = comparable_basis(
        m,
        cx.site
            .regions
            .iter()
            .filter(|r| r.tile.is_some())
            .filter_map(|r| cx.pick(&r.code, &m.id, when)),
    );
    let mut table = Table::new(cx.headers(&["Region", "Value", "Period", "Source"]));
    let no_data = cx.word("no data");
    let mut tiles = Vec::new();
    let mut other = Vec::new();
    let mut words = Vec::new();
    for r in &cx.site.regions {
        let Some((x, y)) = r.tile else { continue };
        let mut o = cx.pick(&r.code, &m.id, when);
        if let Some(f) = o.filter(|f| f.basis().as_deref() != basis.as_deref()) {
            // Not coloured, but named with its value in the note: its figure is in the CSV.
            table.reference(f);
            other.push((f, r.name.clone()));
            o = None;
        }
        let shown = o.map(|o| cx.value(m, o.value));
        tiles.push(Tile {
            x,
            y,
            label: r.display_short().to_string(),
            value: o.map(|o| o.value),
            value_label: shown.clone().unwrap_or_default(),
        });
        let shown = shown.unwrap_or_else(|| no_data.into());
        words.push(format!("{} {shown}", r.name));
        table.row(
            vec![
                r.name.clone(),
                shown,
                o.map(|o| cx.period(o.period())).unwrap_or_default(),
                o.map(|o| cx.sources_title(o)).unwrap_or_default(),
            ],
            o,
        );
    }
    let title = format!("{}, {}", m.label, when_text(when, cx.lang));
    let desc = format!("{title}: {}.", words.join("; "));
    let (unit, lang) = (m.unit, cx.lang);
    let plot = Plot::TileMap(TileChart {
        title: String::new(),
        desc: String::new(),
        legend_title: m.label.clone(),
        no_data: no_data.into(),
        tiles,
        higher_is_better: m.higher_is_better,
        fmt: Box::new(move |v| format::value(v, unit, lang)),
    });
    let mut out = table.finish(cx, title, desc, plot);
    if !other.is_empty() {
        out.note = other_basis_note(cx, m, &other);
    }
    Ok(out)
}
