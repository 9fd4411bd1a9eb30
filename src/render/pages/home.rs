//! The home page: the province's figures, the headline ranking and the table of every region.

use super::super::cards::figure;
use super::super::citations::Citations;
use super::super::context::*;
use super::super::i18n::fill;
use super::super::shared::{Base, Shared};
use super::super::{story, text, OutFile};
use crate::diagnostics::Diagnostic;
use crate::format::{self};
use crate::model::Metric;
use serde::Serialize;

/// What index.html receives.
#[derive(Serialize)]
struct HomePage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    intro: String,
    /// Two or three sentences about the headline metric, written from the data.
    key_sentences: Vec<String>,
    /// The cards at the top (at most six, `headline = true` in metrics.toml).
    headline: Vec<FigureCtx>,
    /// The province's other figures, in one table.
    all_figures: Vec<FigureCtx>,
    /// Whether any of them names a denominator (else the table has no such column).
    all_figures_basis: bool,
    ranking: Option<RankingCtx>,
    table: TableCtx,
    regions_count: usize,
    has_tiles: bool,
    changes_link: Option<Link>,
}

/// The home page and the number of charts it draws itself (the ranking).
pub(in crate::render) fn render(sh: &Shared) -> Result<(OutFile, usize), Diagnostic> {
    let site = sh.site;
    let mut cites = Citations::default();
    let province = &site.config.province_code;
    let figures: Vec<FigureCtx> = site
        .metrics
        .iter()
        .filter_map(|m| figure(sh, province, m, &mut cites))
        .collect();
    let chosen: Vec<String> = headline_metrics(sh, &figures)
        .into_iter()
        .map(str::to_string)
        .collect();
    let (headline, all_figures): (Vec<FigureCtx>, Vec<FigureCtx>) = figures
        .into_iter()
        .partition(|f| chosen.contains(&f.metric));
    let mut charts = 0;
    let mut key_sentences = Vec::new();
    let ranking = site.metric(&site.config.headline_metric).and_then(|m| {
        let r = match sh.c.rankings.get(&m.id) {
            Some(r) => r.clone(),
            // Not rankable: the section still shows the figures and says why.
            None => crate::compute::rank(site, sh.c, m, site.config.ranking_year)?,
        };
        charts += 1;
        let province_card = headline
            .iter()
            .chain(&all_figures)
            .find(|f| f.metric == m.id);
        key_sentences = story::home(sh, m, province_card, Some(&r));
        Some(ranking(sh, m, &r, &mut cites))
    });
    let table = table(sh, &mut cites);
    let intro = site.pages.iter().find(|p| p.is_home());
    let intro_html = intro
        .map(|p| sh.markdown(p, &mut cites))
        .unwrap_or_default();
    let title = intro
        .map(|p| p.title.clone())
        .unwrap_or_else(|| site.config.title.clone());
    let mut base = sh.base_cited(&title, &sh.site_ctx().base_path, &cites);
    let own = intro
        .and_then(|p| p.description.clone())
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| text::first_sentence(&intro_html));
    let own = if intro.and_then(|p| p.description.as_ref()).is_none()
        && !sh.site_ctx().description.trim().is_empty()
    {
        sh.site_ctx().description.clone()
    } else {
        own
    };
    base.meta_description = sh.describe(&own, &title);
    let page = HomePage {
        base,
        intro: intro_html,
        key_sentences,
        headline,
        all_figures_basis: all_figures.iter().any(|f| !f.basis.is_empty()),
        all_figures,
        ranking,
        table,
        regions_count: site.regions.len(),
        has_tiles: site.regions.iter().any(|r| r.tile.is_some()),
        changes_link: sh.changes_link(),
    };
    let html = sh.render("index.html", &page)?;
    Ok((
        OutFile {
            path: "index.html".into(),
            bytes: html.into_bytes(),
        },
        charts,
    ))
}

/// The metrics of the home page's cards: those marked `headline = true`, else the headline
/// metric and the next figures in file order, six at most.
fn headline_metrics<'a>(sh: &Shared, figures: &'a [FigureCtx]) -> Vec<&'a str> {
    let max = crate::load::MAX_HEADLINE;
    let marked: Vec<&str> = figures
        .iter()
        .filter(|f| sh.site.metric(&f.metric).is_some_and(|m| m.headline))
        .map(|f| f.metric.as_str())
        .collect();
    if !marked.is_empty() {
        return marked;
    }
    let first = &sh.site.config.headline_metric;
    let mut out: Vec<&str> = figures
        .iter()
        .filter(|f| &f.metric == first)
        .map(|f| f.metric.as_str())
        .collect();
    out.extend(
        figures
            .iter()
            .filter(|f| &f.metric != first)
            .map(|f| f.metric.as_str())
            .take(max - out.len()),
    );
    out
}

fn ranking(
    sh: &Shared,
    m: &Metric,
    r: &crate::compute::Ranking,
    cites: &mut Citations,
) -> RankingCtx {
    let site = sh.site;
    let ranked = sh.c.rankings.contains_key(&m.id);
    let mut rows: Vec<RankRow> = r
        .entries
        .iter()
        .map(|e| {
            let o = &sh.c.observations[e.obs];
            let region = site.region(&e.region).expect("ranked regions exist");
            RankRow {
                rank: e.rank,
                name: region.name.clone(),
                url: sh.region_url(region),
                value: sh.value(m, o.value),
                basis: String::new(),
                period: format::period(o.period(), sh.lang),
                cites: cites.cite(o.sources()),
            }
        })
        .collect();
    let missing: Vec<Link> = r
        .missing
        .iter()
        .filter_map(|code| site.region(code))
        .map(|reg| Link {
            title: reg.name.clone(),
            url: sh.region_url(reg),
        })
        .collect();
    let row_of = |o: &crate::model::Observation, cites: &mut Citations| {
        let region = site.region(&o.region).expect("ranked regions exist");
        let basis = o.basis().as_deref().unwrap_or("");
        RankRow {
            rank: 0,
            name: region.name.clone(),
            url: sh.region_url(region),
            value: sh.value(m, o.value),
            basis: m.basis_label(basis).unwrap_or(basis).to_string(),
            period: format::period(o.period(), sh.lang),
            cites: cites.cite(o.sources()),
        }
    };
    let mut other: Vec<RankRow> = Vec::new();
    if !ranked {
        // Listed without ranks, in name order, beside the message saying why.
        for row in &mut rows {
            row.rank = 0;
        }
        rows.sort_by(|a, b| a.name.cmp(&b.name));
    }
    for &i in &r.other_basis {
        other.push(row_of(&sh.c.observations[i], cites));
    }
    let not_ranked = if ranked {
        String::new()
    } else if !m.rank {
        fill(&sh.words.text.not_ranked_count, &[("metric", &m.label)])
    } else {
        fill(
            &sh.words.text.not_ranked_small,
            &[
                ("year", &r.year.to_string()),
                ("count", &r.entries.len().to_string()),
                ("min", &crate::compute::MIN_RANKED.to_string()),
            ],
        )
    };
    RankingCtx {
        metric_label: m.label.clone(),
        metric_description: m.description.clone(),
        year: r.year,
        rows,
        missing,
        metric: m.id.clone(),
        basis: r
            .basis
            .as_deref()
            .map(|b| m.basis_label(b).unwrap_or(b).to_string())
            .unwrap_or_default(),
        other,
        not_ranked,
    }
}

fn table(sh: &Shared, cites: &mut Citations) -> TableCtx {
    let site = sh.site;
    let metrics: Vec<&Metric> = site
        .metrics
        .iter()
        .filter(|m| {
            site.regions
                .iter()
                .any(|r| sh.c.latest(&r.code, &m.id).is_some())
        })
        .collect();
    let columns = metrics
        .iter()
        .map(|m| Column {
            label: m.label.clone(),
            description: m.description.clone(),
        })
        .collect();
    let rows = site
        .regions
        .iter()
        .map(|r| TableRow {
            name: r.name.clone(),
            url: sh.region_url(r),
            cells: metrics
                .iter()
                .map(|m| match sh.c.latest(&r.code, &m.id) {
                    Some(o) => Cell {
                        value: sh.value(m, o.value),
                        period: format::period(o.period(), sh.lang),
                        cites: cites.cite(o.sources()),
                    },
                    None => Cell {
                        value: String::new(),
                        period: String::new(),
                        cites: Vec::new(),
                    },
                })
                .collect(),
        })
        .collect();
    TableCtx { columns, rows }
}
