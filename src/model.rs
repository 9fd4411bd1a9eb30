//! The typed site model that loading produces and every later stage reads.
//!
//! Every entity keeps the [`Location`] it was read from, so a later stage (compute, charts in
//! markdown, assessments) can still point the user at the row that caused a problem.

use crate::diagnostics::Location;
use crate::format::{Lang, NumberFormat, Unit};
use crate::period::{Date, Period, PeriodCode};
use serde::Deserialize;
use std::collections::BTreeMap;

mod sym;
pub(crate) mod units;
pub use sym::{Attrs, AttrsId, FigureLoc, Interner, PlaceId, Sym, SymList};

/// `site.toml`.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    pub language: Lang,
    pub province_code: String,
    pub province_name: String,
    pub headline_metric: String,
    pub number_format: NumberFormat,
    pub description: Option<String>,
    /// Year whose figures the home ranking compares; default: the latest year with data.
    pub ranking_year: Option<i32>,
    /// Pass raw HTML in markdown through (off by default, like Hugo).
    pub allow_html: bool,
    /// Rasterise every chart to PNG for download (costs ~ms per chart; off for huge sites).
    pub chart_png: bool,
    /// Years a period or date may have.
    pub years: crate::period::YearRange,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub capital: Option<String>,
    pub bps_code: Option<String>,
    pub tile: Option<(i32, i32)>,
    pub slug: String,
    pub location: Location,
}

impl Region {
    pub fn display_short(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone)]
pub struct Ratio {
    pub numerator: String,
    pub denominator: String,
}

#[derive(Debug, Clone)]
pub struct Metric {
    pub id: String,
    pub label: String,
    pub unit: Unit,
    pub higher_is_better: bool,
    pub description: String,
    pub target: Option<f64>,
    /// Where the target comes from, printed beside its line on ranking charts.
    pub source_note: Option<String>,
    pub ratio: Option<Ratio>,
    /// Denominators the metric's figures may be measured against (id -> description), in the
    /// order written. Figures of different bases are never compared with each other.
    pub bases: Vec<(String, String)>,
    pub default_basis: Option<String>,
    /// Bases never ranked, e.g. figures whose source names no denominator.
    pub unranked_bases: Vec<String>,
    /// Plausible values; a figure outside is a warning (default for percentages: 0-100).
    pub range: Option<(f64, f64)>,
    /// Whether regions are ranked on this metric (default: percentages only; counts of
    /// people or rupiah mostly measure size, not performance).
    pub rank: bool,
    /// Largest plausible factor between two consecutive figures (default 3): a larger jump
    /// is a warning, as it is usually a misplaced decimal point.
    pub max_change: Option<f64>,
    /// Shown as a card at the top of the home page (`headline = true`, at most six).
    pub headline: bool,
    pub location: Location,
}

impl Metric {
    /// Description of a basis id, when the metric declares it.
    pub fn basis_label(&self, id: &str) -> Option<&str> {
        self.bases
            .iter()
            .find(|(b, _)| b == id)
            .map(|(_, d)| d.as_str())
    }
}

/// Whether a figure was achieved or only planned: only realised figures are ranked, charted as
/// achievements or compared over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Status {
    /// Achieved (the default when the column is empty).
    #[default]
    Realisasi,
    /// A plan.
    Rencana,
    /// A budgeted quota or allocation.
    Kuota,
    /// A target set by someone.
    Target,
}

impl Status {
    pub const IDS: [&'static str; 4] = ["realisasi", "rencana", "kuota", "target"];

    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim();
        if s.is_empty() {
            return Some(Status::Realisasi);
        }
        // Compared without lowering a copy: a million rows have a status cell.
        let pos = Self::IDS
            .iter()
            .position(|id| s.chars().flat_map(char::to_lowercase).eq(id.chars()))?;
        Some(
            [
                Status::Realisasi,
                Status::Rencana,
                Status::Kuota,
                Status::Target,
            ][pos],
        )
    }

    pub fn id(self) -> &'static str {
        Self::IDS[self as usize]
    }

    pub fn is_realised(self) -> bool {
        self == Status::Realisasi
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Realisasi, Lang::Id) => "realisasi",
            (Status::Rencana, Lang::Id) => "rencana",
            (Status::Kuota, Lang::Id) => "kuota",
            (Status::Target, Lang::Id) => "target",
            (Status::Realisasi, Lang::En) => "realised",
            (Status::Rencana, Lang::En) => "plan",
            (Status::Kuota, Lang::En) => "quota",
            (Status::Target, Lang::En) => "target",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    OfficialTable,
    PressRelease,
    News,
    Estimate,
    Illustrative,
}

impl SourceKind {
    /// The kind as sources.toml writes it (`press-release`).
    pub fn id(self) -> &'static str {
        match self {
            SourceKind::OfficialTable => "official-table",
            SourceKind::PressRelease => "press-release",
            SourceKind::News => "news",
            SourceKind::Estimate => "estimate",
            SourceKind::Illustrative => "illustrative",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub date: Option<Date>,
    pub kind: SourceKind,
}

/// One figure: a metric's value for a region (or the province) in a period.
///
/// A national monthly site holds a million of these, so a figure owns no memory of its own:
/// ids are 4-byte numbers of strings stored once per process ([`Sym`]); its sources, note,
/// basis, status and file one number of that combination ([`AttrsId`]); its period four bytes
/// ([`PeriodCode`]) and its line and column six. 32 bytes in all (a test holds it there).
#[derive(Debug, Clone)]
pub struct Observation {
    /// Region code, or the province code.
    pub region: Sym,
    pub metric: Sym,
    period: PeriodCode,
    pub value: f64,
    /// Sources, note, basis, status and file: read them with [`Observation::sources`] and its
    /// siblings.
    attrs: AttrsId,
    line: u32,
    /// As [`FigureLoc::column`].
    column: u16,
}

impl Observation {
    /// The figure of `region`, `metric` and `period` with `value`, read at `location` (whose
    /// file `attrs` must name: [`Attrs::place`]).
    pub fn new(
        region: Sym,
        metric: Sym,
        period: Period,
        value: f64,
        attrs: AttrsId,
        location: FigureLoc,
    ) -> Observation {
        debug_assert!(attrs.get().place == location.place_id());
        Observation {
            region,
            metric,
            period: PeriodCode::new(period),
            value,
            attrs,
            line: location.line,
            column: location.column,
        }
    }

    /// Sources, note, basis, status and file together: one lookup where a loop reads several.
    pub fn attrs(&self) -> &'static Attrs {
        self.attrs.get()
    }

    pub fn period(&self) -> Period {
        self.period.get()
    }

    pub fn status(&self) -> Status {
        self.attrs.get().status
    }

    /// Where the figure was read: its file, line and column.
    pub fn location(&self) -> FigureLoc {
        FigureLoc::new(
            self.attrs.get().place,
            self.line as usize,
            self.column as usize,
        )
    }

    /// One source for a reported figure; the sources of both inputs for a derived one.
    pub fn sources(&self) -> &'static Sources {
        &self.attrs.get().sources
    }

    /// Empty when the row has none.
    pub fn note(&self) -> &'static Sym {
        &self.attrs.get().note
    }

    /// Denominator id, when the metric declares bases.
    pub fn basis(&self) -> &'static Option<Sym> {
        &self.attrs.get().basis
    }

    /// Whether `other` has this figure's basis: without a lookup when both share all their
    /// attributes, as the figures of one series mostly do.
    pub fn same_basis(&self, other: &Observation) -> bool {
        self.attrs == other.attrs || self.basis() == other.basis()
    }
}

/// The sources of a figure, shared by every figure with the same list.
pub type Sources = SymList;

/// A markdown file of `content/`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to `content/`, with `/` separators.
    pub rel_path: String,
    pub title: String,
    pub date: Option<Date>,
    pub region: Option<String>,
    /// Where `region = ...` is written, for "unknown region" errors.
    pub region_location: Location,
    pub description: Option<String>,
    pub weight: i64,
    /// Markdown body, and the line of the file where it starts (for error positions).
    pub body: String,
    pub body_line: usize,
    pub location: Location,
}

impl Page {
    pub fn is_home(&self) -> bool {
        self.rel_path == "_index.md"
    }

    /// `metodologi.md` -> `metodologi/`, `a/b.md` -> `a/b/`, `a/_index.md` -> `a/`.
    pub fn url_path(&self) -> String {
        let stem = self.rel_path.trim_end_matches(".md");
        let stem = stem
            .strip_suffix("_index")
            .unwrap_or(stem)
            .trim_end_matches('/');
        if stem.is_empty() {
            String::new()
        } else {
            format!("{stem}/")
        }
    }
}

/// Everything loaded and validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub regions: Vec<Region>,
    pub metrics: Vec<Metric>,
    pub sources: BTreeMap<String, Source>,
    /// The reported figures in one order: region, metric as listed, period, basis, status
    /// (the loader sorts them; the compute stage relies on it).
    pub observations: Vec<Observation>,
    /// Each figure's position in the input files (files in name order, rows in file order):
    /// where several figures of one period compete, the later one counts. The build's
    /// pipeline takes it (with `observations`) into the compute stage, which drops it.
    pub input_order: Vec<u32>,
    pub pages: Vec<Page>,
    /// Region code -> index into `regions`, metric id -> index into `metrics`: lookups happen
    /// per chart and per row, and a national site has 514 regions.
    pub region_index: BTreeMap<String, usize>,
    pub metric_index: BTreeMap<String, usize>,
    /// Problems that do not stop the build, shown after it.
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
}

impl Site {
    /// Titles of the sources `ids` names, in order (ids without a source are skipped: the
    /// loader has already refused them).
    pub fn source_titles<S: AsRef<str>>(&self, ids: &[S]) -> Vec<&str> {
        ids.iter()
            .filter_map(|s| self.sources.get(s.as_ref()))
            .map(|s| s.title.as_str())
            .collect()
    }

    pub fn new(
        config: Config,
        regions: Vec<Region>,
        metrics: Vec<Metric>,
        sources: BTreeMap<String, Source>,
        observations: Vec<Observation>,
        pages: Vec<Page>,
    ) -> Site {
        let region_index = regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.clone(), i))
            .collect();
        let metric_index = metrics
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        Site {
            config,
            regions,
            metrics,
            sources,
            input_order: (0..observations.len() as u32).collect(),
            observations,
            pages,
            region_index,
            metric_index,
            warnings: Vec::new(),
        }
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metric_index.get(id).map(|&i| &self.metrics[i])
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.region_index.get(code).map(|&i| &self.regions[i])
    }

    /// Official name of a region code, or the province's name for the province code.
    pub fn area_name(&self, code: &str) -> &str {
        if code == self.config.province_code {
            &self.config.province_name
        } else {
            self.region(code).map(|r| r.name.as_str()).unwrap_or("")
        }
    }

    /// Short name (Kukar, PPU) where one is given, for labels in charts.
    pub fn area_short(&self, code: &str) -> &str {
        if code == self.config.province_code {
            &self.config.province_name
        } else {
            self.region(code).map(Region::display_short).unwrap_or("")
        }
    }

    /// A region code from a code or an official name as a writer may type it; the province
    /// code stands for the province.
    pub fn resolve_area(&self, code_or_name: &str) -> Option<&str> {
        if code_or_name == self.config.province_code {
            return Some(&self.config.province_code);
        }
        self.region(code_or_name)
            .or_else(|| {
                self.regions
                    .iter()
                    .find(|r| r.name.eq_ignore_ascii_case(code_or_name))
            })
            .map(|r| r.code.as_str())
    }
}
