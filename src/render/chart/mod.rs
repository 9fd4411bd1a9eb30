//! Charts and figures placed by `chart(...)` and `value(...)` calls, from markdown and
//! templates alike.
//!
//! A call goes through three typed steps: [`spec`] checks its arguments against the site
//! (at load time, see [`check_calls`]); one pure function per kind picks the figures and
//! fills a [`ChartData`] (caption, description, table rows, CSV rows, the drawing's input);
//! [`draw`] draws it. The inline SVG, its `<desc>`, the data table and the CSV download all
//! come from that one `ChartData`, so they cannot disagree.
//!
//! To add a chart kind: a variant in [`spec::ChartSpec`] with its parsing, a data function in
//! a file of its own here, a [`Plot`] variant and its drawing in `crate::charts`, at both
//! widths (`charts::Fit`: 720 for the page, 288 for a phone; text at least `charts::MIN_TEXT`).

mod composition;
mod data;
mod download;
mod ranking;
mod scatter;
pub mod spec;
mod target;
mod tilemap;
mod trend;
mod value;

pub use data::{ChartData, Plot};
pub use download::Csv;
pub use spec::{ChartCall, ChartSpec, ValueSpec};
pub use value::value_html;

use crate::charts;
use crate::compute::Computed;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;

/// Picks the figures a parsed call asks for; errors are those that depend on the data
/// (a period without figures), at the call's place.
pub fn data(
    site: &Site,
    c: &Computed,
    call: &ChartCall,
    words: &std::collections::BTreeMap<String, String>,
) -> Result<ChartData, Diagnostic> {
    let cx = data::Ctx {
        site,
        c,
        lang: site.config.language,
        loc: &call.location,
        words,
    };
    let mut out = match &call.spec {
        ChartSpec::Ranking { metric, when } => ranking::ranking(&cx, metric, *when)?,
        ChartSpec::Trend { metric, regions } => trend::trend(&cx, metric, regions)?,
        ChartSpec::Target {
            metric,
            target,
            when,
        } => target::target(&cx, metric, target.as_deref(), *when)?,
        ChartSpec::Composition { metrics, when } => composition::composition(&cx, metrics, *when)?,
        ChartSpec::Scatter { x, y, when } => scatter::scatter(&cx, x, y, *when)?,
        ChartSpec::TileMap { metric, when } => tilemap::tilemap(&cx, metric, *when)?,
        ChartSpec::Sparkline { metric, region } => trend::sparkline(&cx, metric, region)?,
    };
    if let Some(t) = &call.title {
        out.title = t.clone();
    }
    Ok(out)
}

/// A drawn chart: a document with its own title and description, or a sparkline's
/// inline SVG.
pub enum Drawing {
    Figure(charts::SvgDoc),
    Inline(String),
}

/// The chart drawn, with its caption as `<title>` and its description as `<desc>`, and
/// drawn again for a phone (see `SvgDoc::inline`).
pub fn draw(d: &mut ChartData) -> Drawing {
    let (title, desc) = (d.title.clone(), d.desc.clone());
    let doc = match &mut d.plot {
        Plot::Ranking(c) => {
            (c.title, c.desc) = (title, desc);
            charts::ranking_svg(c).with_narrow(charts::ranking_narrow(c))
        }
        Plot::Message(lines) => {
            charts::message_svg(&title, lines).with_narrow(charts::message_narrow(&title, lines))
        }
        Plot::Trend(c) => {
            (c.title, c.desc) = (title, desc);
            charts::trend_svg(c).with_narrow(charts::trend_narrow(c))
        }
        Plot::Target(c) => {
            (c.title, c.desc) = (title, desc);
            charts::target_svg(c).with_narrow(charts::target_narrow(c))
        }
        Plot::Stacked(c) => {
            (c.title, c.desc) = (title, desc);
            charts::stacked_svg(c).with_narrow(charts::stacked_narrow(c))
        }
        Plot::Scatter(c) => {
            (c.title, c.desc) = (title, desc);
            charts::scatter_svg(c).with_narrow(charts::scatter_narrow(c))
        }
        Plot::TileMap(c) => {
            (c.title, c.desc) = (title, desc);
            charts::tilemap_svg(c).with_narrow(charts::tilemap_narrow(c))
        }
        Plot::Sparkline(pts) => return Drawing::Inline(charts::sparkline_svg(pts, &desc)),
    };
    Drawing::Figure(doc)
}

/// Parses every `chart(...)` and `value(...)` call in every text of the site, without drawing
/// anything, so `check` refuses a bad call at its file:line:col as `build` does. Calls in
/// templates take their arguments from the page being rendered and are checked as each page
/// renders.
pub fn check_calls(site: &Site, diags: &mut Diagnostics) {
    for page in &site.pages {
        let (_, calls, errors) =
            crate::render::shortcodes::extract(&page.body, &page.location.file, page.body_line);
        for e in errors {
            diags.push(e);
        }
        for call in &calls {
            let parsed = match call.name.as_str() {
                "chart" => ChartCall::parse(site, &call.args, &call.location).map(|_| ()),
                "value" => ValueSpec::parse(site, &call.args, &call.location).map(|_| ()),
                _ => Ok(()),
            };
            if let Err(d) = parsed {
                diags.push(d);
            }
        }
    }
}
