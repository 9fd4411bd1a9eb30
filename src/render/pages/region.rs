//! A region's page: its figure cards, rank, trend chart, narratives, scorecards and changes.

use super::super::cards::figure;
use super::super::citations::Citations;
use super::super::context::*;
use super::super::shared::{Base, Shared};
use super::super::{i18n, story, text, OutFile};
use super::assessment::{scorecards, ScorecardCtx};
use crate::diagnostics::Diagnostic;
use crate::format;
use crate::model::Region;
use serde::Serialize;

/// What region.html receives.
#[derive(Serialize)]
struct RegionPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    region: RegionCtx,
    /// Two or three sentences about the region's headline figure, written from the data.
    key_sentences: Vec<String>,
    figures: Vec<FigureCtx>,
    missing: Vec<String>,
    rank: String,
    trend_metrics: Vec<String>,
    narratives: Vec<Narrative>,
    scorecards: Vec<ScorecardCtx>,
    at: &'a i18n::AssessmentStrings,
    changes_link: Option<Link>,
    region_changes: Vec<String>,
}

pub(in crate::render) fn render(sh: &Shared, r: &Region) -> Result<(OutFile, usize), Diagnostic> {
    let site = sh.site;
    let t = &sh.words.page;
    let mut cites = Citations::default();
    let figures: Vec<FigureCtx> = site
        .metrics
        .iter()
        .filter_map(|m| figure(sh, &r.code, m, &mut cites))
        .collect();
    let missing: Vec<String> = site
        .metrics
        .iter()
        .filter(|m| sh.c.latest(&r.code, &m.id).is_none())
        .map(|m| m.label.clone())
        .collect();
    let headline = site.metric(&site.config.headline_metric);
    let rank =
        headline
            .and_then(|m| sh.c.rankings.get(&m.id))
            .map(|rk| match rk.rank_of(&r.code) {
                Some(n) => {
                    format!("{} {n} {} {} ({})", t.rank, t.of, rk.entries.len(), rk.year)
                }
                None => format!("{} {}", t.no_rank, rk.year),
            });
    // One trend chart: the headline metric when the region has it, else the metric with the
    // longest series. Every other metric gets a sparkline in its card; writers can place
    // more charts in the region's text with chart(type="trend", ...).
    let longest = site
        .metrics
        .iter()
        .map(|m| (sh.c.series(&r.code, &m.id).len(), m))
        .filter(|(n, _)| *n >= 2)
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.id.cmp(&a.1.id)))
        .map(|(_, m)| m);
    let trend_metrics: Vec<String> = headline
        .filter(|h| !sh.c.series(&r.code, &h.id).is_empty())
        .or(longest)
        .map(|m| vec![m.id.clone()])
        .unwrap_or_default();
    let narratives: Vec<Narrative> = site
        .pages
        .iter()
        .filter(|p| p.region.as_deref() == Some(r.code.as_str()))
        .map(|p| Narrative {
            title: p.title.clone(),
            date: p.date.map(|d| format::date(d, sh.lang)).unwrap_or_default(),
            html: sh.markdown(p, &mut cites),
        })
        .collect();
    let url = sh.region_url(r);
    let scorecards = scorecards(sh, &r.code);
    let illustrative = sh.has_illustrative(&cites) || scorecards.iter().any(|s| s.illustrative);
    let mut base = sh.base_cited(&r.name, &url, &cites);
    base.illustrative = illustrative;
    let own = site
        .pages
        .iter()
        .filter(|p| p.region.as_deref() == Some(r.code.as_str()))
        .find_map(|p| p.description.clone())
        .unwrap_or_else(|| text::key_figure(&r.name, &figures, &site.config.headline_metric));
    base.meta_description = sh.describe(&own, &r.name);
    let lines = sh.changes.as_ref().map(|c| c.region_lines(&r.code));
    let page = RegionPage {
        base,
        region: RegionCtx {
            code: r.code.clone(),
            name: r.name.clone(),
            short_name: r.short_name.clone().unwrap_or_default(),
            capital: r.capital.clone().unwrap_or_default(),
            bps_code: r.bps_code.clone().unwrap_or_default(),
            url: url.clone(),
        },
        key_sentences: story::region(sh, r, headline, &figures, missing.len()),
        figures,
        missing,
        rank: rank.unwrap_or_default(),
        trend_metrics,
        narratives,
        scorecards,
        at: &sh.words.assessment,
        changes_link: sh.changes_link(),
        region_changes: lines.unwrap_or_default(),
    };
    let html = sh.render("region.html", &page)?;
    Ok((
        OutFile {
            path: format!("wilayah/{}/index.html", r.slug),
            bytes: html.into_bytes(),
        },
        0,
    ))
}
