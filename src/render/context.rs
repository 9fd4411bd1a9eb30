//! Serializable page contexts handed to templates. Every number arrives as a formatted string.

use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct SiteCtx {
    pub title: String,
    pub description: String,
    pub lang: &'static str,
    pub base_path: String,
    pub province_name: String,
    pub province_code: String,
    pub nav: Vec<Link>,
    pub t: crate::render::i18n::Strings,
    /// `https://host` when `base_url` is an absolute http(s) address, else empty: share tags
    /// that need absolute URLs (og:url, og:image) are left out without it.
    pub origin: String,
    /// The Atom feed's address (absolute when `origin` is set).
    pub feed_url: String,
}

/// A numbered citation on a page: `[n]` links to the page's source list.
#[derive(Serialize, Clone)]
pub struct Cite {
    pub n: usize,
    pub id: String,
}

#[derive(Serialize, Clone)]
pub struct SourceCtx {
    pub n: usize,
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub date: String,
    pub kind: String,
    pub illustrative: bool,
}

/// A metric's latest figure for one place.
#[derive(Serialize, Clone)]
pub struct FigureCtx {
    pub metric: String,
    pub label: String,
    pub description: String,
    pub value: String,
    pub period: String,
    pub change: String,
    pub change_from: String,
    pub trend: &'static str,
    pub rank: String,
    pub note: String,
    pub derived: bool,
    pub cites: Vec<Cite>,
    /// Number of figures in the series when a sparkline can draw a line through some of them
    /// (two adjacent periods), else 0.
    pub points: usize,
    /// The latest plan/quota/target and the share realised ("kuota 15.000 ..., terealisasi ...").
    pub planned: String,
    pub planned_cites: Vec<Cite>,
    /// What the figure is divided by, for metrics with bases.
    pub basis: String,
}

#[derive(Serialize, Clone)]
pub struct RankRow {
    pub rank: usize,
    pub name: String,
    pub url: String,
    pub value: String,
    /// What the figure is divided by (listed for figures outside the ranked basis).
    pub basis: String,
    pub period: String,
    pub cites: Vec<Cite>,
}

#[derive(Serialize, Clone)]
pub struct RankingCtx {
    pub metric_label: String,
    pub metric_description: String,
    pub year: i32,
    pub rows: Vec<RankRow>,
    pub missing: Vec<Link>,
    /// Metric id, for the template's chart(type="ranking") call.
    pub metric: String,
    /// What every ranked figure is divided by (empty for a metric without bases).
    pub basis: String,
    /// Figures of the year with another basis: listed apart, never ranked with `rows`.
    pub other: Vec<RankRow>,
    /// Why there is no ranking (set too small, a count); empty when ranked.
    pub not_ranked: String,
}

#[derive(Serialize, Clone)]
pub struct Cell {
    pub value: String,
    pub period: String,
    pub cites: Vec<Cite>,
}

#[derive(Serialize, Clone)]
pub struct TableRow {
    pub name: String,
    pub url: String,
    pub cells: Vec<Cell>,
}

#[derive(Serialize, Clone)]
pub struct Column {
    pub label: String,
    pub description: String,
}

#[derive(Serialize, Clone)]
pub struct TableCtx {
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

#[derive(Serialize, Clone)]
pub struct Narrative {
    pub title: String,
    pub date: String,
    pub html: String,
}

#[derive(Serialize, Clone)]
pub struct RegionCtx {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub capital: String,
    pub bps_code: String,
    pub url: String,
}
