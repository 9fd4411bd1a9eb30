//! What a chart shows, before it is drawn: caption, description, table rows and the figures
//! behind them. Each chart kind fills a [`ChartData`] from a spec and the site's data; the
//! drawing, the `<desc>`, the data table and the CSV download are all made from it.

use super::download::{figures_csv, Csv};
use super::spec::{err, When};
use crate::charts;
use crate::compute::Computed;
use crate::diagnostics::{Diagnostic, Location};
use crate::format::{self, Lang};
use crate::model::{Metric, Observation, Site, Sym};
use crate::period::Period;

/// The drawing of a chart, typed per kind (the `charts` module draws it).
pub enum Plot {
    Ranking(charts::RankingChart),
    /// A chart the data cannot support, drawn as its reason in words.
    Message(Vec<String>),
    Trend(charts::TrendChart),
    Target(charts::TargetChart),
    Stacked(charts::StackedChart),
    Scatter(charts::ScatterChart),
    TileMap(charts::TileChart),
    /// A sparkline: drawn inline, without table or downloads.
    Sparkline(Vec<(Period, f64)>),
}

/// A chart's content. `rows` is the data table; `csv` holds the same figures as plain numbers.
pub struct ChartData {
    pub title: String,
    pub desc: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The download: for observation charts one line per figure in the table or drawn as a
    /// reference line.
    pub csv: Csv,
    /// A line of explanation under the chart (e.g. what was left out and why).
    pub note: String,
    /// "Sumber: ..." naming the publishers of every figure shown, for standalone files.
    pub source_line: String,
    pub plot: Plot,
}

/// Rows of a chart's table, each with the figures it shows, so that the CSV download holds
/// exactly the figures of the table (and of the drawing: the kinds build both from one list).
pub(crate) struct Table<'a> {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    figures: Vec<&'a Observation>,
}

impl<'a> Table<'a> {
    pub fn new(headers: Vec<String>) -> Self {
        Table {
            headers,
            rows: Vec::new(),
            figures: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>, figures: impl IntoIterator<Item = &'a Observation>) {
        self.rows.push(cells);
        self.figures.extend(figures);
    }

    /// A figure drawn but not a row of its own (a province reference line).
    pub fn reference(&mut self, figure: &'a Observation) {
        self.figures.push(figure);
    }

    /// The finished chart: CSV rows and source line from the table's figures.
    pub fn finish(self, cx: &Ctx, title: String, desc: String, plot: Plot) -> ChartData {
        if matches!(plot, Plot::Sparkline(_)) {
            // Drawn inline, without table, downloads or source line: its figures would be
            // sorted and formatted for nothing (4.626 sparklines of ~130 figures on a monthly
            // national site).
            return ChartData {
                title,
                desc,
                headers: self.headers,
                rows: self.rows,
                csv: Csv::none(),
                note: String::new(),
                source_line: String::new(),
                plot,
            };
        }
        let mut figures = self.figures;
        figures.sort_by(|a, b| {
            (&a.region, &a.metric, a.period(), a.status()).cmp(&(
                &b.region,
                &b.metric,
                b.period(),
                b.status(),
            ))
        });
        // A figure in two rows (or a row and a reference line) is one line of the CSV.
        figures.dedup_by(|a, b| std::ptr::eq(*a, *b));
        let mut publishers: Vec<&str> = Vec::new();
        let mut last: Option<&[Sym]> = None;
        for o in &figures {
            // Figures of a series mostly share one list of sources.
            if last == Some(&o.sources()[..]) {
                continue;
            }
            last = Some(o.sources());
            for s in o
                .sources()
                .iter()
                .filter_map(|id| cx.site.sources.get(id.as_str()))
            {
                if !publishers.contains(&s.publisher.as_str()) {
                    publishers.push(&s.publisher);
                }
            }
        }
        let source_line = format!(
            "{}: {}. {}",
            cx.word("Sources"),
            publishers.join("; "),
            cx.site.config.title
        );
        ChartData {
            title,
            desc,
            headers: self.headers,
            rows: self.rows,
            csv: figures_csv(cx.site, &figures, cx.lang),
            note: String::new(),
            source_line,
            plot,
        }
    }
}

/// What every chart kind reads: the site, its computed figures, the call's place for errors.
pub(crate) struct Ctx<'a> {
    pub site: &'a Site,
    pub c: &'a Computed,
    pub lang: Lang,
    pub loc: &'a Location,
    /// The `[chart]` words of the site's language, keyed by their English wording.
    pub words: &'a std::collections::BTreeMap<String, String>,
}

impl<'a> Ctx<'a> {
    /// A metric a parsed spec named (parsing checked that it exists).
    pub fn metric(&self, id: &str) -> Result<&'a Metric, Diagnostic> {
        self.site
            .metric(id)
            .ok_or_else(|| super::spec::unknown_metric(self.site, self.loc, "metric", id))
    }

    pub fn area_name(&self, code: &str) -> String {
        self.site.area_name(code).to_string()
    }

    pub fn short_name(&self, code: &str) -> String {
        self.site.area_short(code).to_string()
    }

    pub fn value(&self, m: &Metric, v: f64) -> String {
        format::value(v, m.unit, self.lang)
    }

    pub fn period(&self, p: Period) -> String {
        format::period(p, self.lang)
    }

    pub fn pick(&self, region: &str, metric: &str, when: When) -> Option<&'a Observation> {
        let s = self.c.series(region, metric);
        let obs = |i: u32| &self.c.observations[i as usize];
        match when {
            When::Latest => s.last().map(obs),
            When::Year(y) => s.iter().rev().map(obs).find(|o| o.period().year() == y),
            When::Month(y, m) => s
                .iter()
                .map(obs)
                .find(|o| o.period() == Period::Month(y, m)),
        }
    }

    /// A whole series, oldest first.
    pub fn series(&self, region: &str, metric: &str) -> Vec<&'a Observation> {
        self.c
            .series(region, metric)
            .iter()
            .map(|i| &self.c.observations[i as usize])
            .collect()
    }

    /// Resolves `Latest` to the latest year any region has a figure for one of `metrics`,
    /// and refuses a period in which no region has one.
    pub fn resolve(&self, metrics: &[&Metric], when: When) -> Result<When, Diagnostic> {
        let years = || {
            self.site
                .regions
                .iter()
                .flat_map(|r| {
                    metrics
                        .iter()
                        .filter_map(move |m| self.c.latest(&r.code, &m.id))
                })
                .map(|o| o.period().year())
        };
        let resolved = match when {
            When::Latest => years().max().map(When::Year),
            other => Some(other),
        };
        let ok = resolved.filter(|w| {
            self.site.regions.iter().any(|r| {
                metrics
                    .iter()
                    .any(|m| self.pick(&r.code, &m.id, *w).is_some())
            })
        });
        ok.ok_or_else(|| {
            let ids: Vec<&str> = metrics.iter().map(|m| m.id.as_str()).collect();
            let have: std::collections::BTreeSet<i32> = years().collect();
            let have: Vec<String> = have.iter().map(|y| y.to_string()).collect();
            err(
                self.loc,
                format!(
                    "no region has figures for {} in {}",
                    ids.join(", "),
                    when_label(when)
                ),
                if have.is_empty() {
                    "add figures for this metric to data/observations first".to_string()
                } else {
                    format!("years with figures: {}", have.join(", "))
                },
            )
        })
    }

    pub fn sources_title(&self, o: &Observation) -> String {
        self.site.source_titles(o.sources()).join("; ")
    }

    /// A chart word in the site's language: `key` is its English wording, looked up in the
    /// `[chart]` table of `themes/default/i18n/<lang>.toml` (a site's `i18n/` may override it).
    pub fn word<'s>(&'s self, key: &'s str) -> &'s str {
        self.words.get(key).map(String::as_str).unwrap_or(key)
    }

    /// Column heads in the site's language (see [`Ctx::word`]).
    pub fn headers(&self, cols: &[&str]) -> Vec<String> {
        cols.iter().map(|k| self.word(k).to_string()).collect()
    }
}

/// [`Ctx::sources_title`] for the rows of one table, looked up again only when a figure's
/// sources differ from the row's before (a region's series mostly shares one list).
#[derive(Default)]
pub(crate) struct SourceTitles<'a> {
    last: Option<(&'a [Sym], String)>,
}

impl<'a> SourceTitles<'a> {
    pub fn of(&mut self, cx: &Ctx, o: &'a Observation) -> String {
        let list: &[Sym] = o.sources();
        match &self.last {
            Some((l, title)) if *l == list => title.clone(),
            _ => {
                let title = cx.sources_title(o);
                self.last = Some((list, title.clone()));
                title
            }
        }
    }
}

pub(crate) fn when_label(w: When) -> String {
    match w {
        When::Latest => "any year".into(),
        When::Year(y) => y.to_string(),
        When::Month(y, m) => format!("{y}-{m:02}"),
    }
}

pub(crate) fn when_text(w: When, lang: Lang) -> String {
    match w {
        When::Latest => String::new(),
        When::Year(y) => y.to_string(),
        When::Month(y, m) => format::period(Period::Month(y, m), lang),
    }
}

/// Greedy word wrap at `width` characters, for text drawn in an SVG.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("one line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}
