//! What a `chart(...)` call asks for, checked against the site, and the chart it draws.
//!
//! Home, region pages, narratives and custom templates all come through here, so a chart in a
//! press-release page and the one on the home page are drawn by the same code from the same data.

use crate::charts::{self, Bar, RankingChart, RefLine, Series, StackRow, StackedChart, TrendChart};
use crate::charts::{ScatterChart, ScatterPoint, TargetChart, TargetRow, Tile, TileChart};
use crate::compute::{order_and_rank, Computed};
use crate::diagnostics::{Diagnostic, Location};
use crate::format::{self, Lang};
use crate::model::{Metric, Observation, Site};
use crate::period::Period;
use std::collections::BTreeMap;

pub const KINDS: [&str; 7] = [
    "ranking",
    "trend",
    "target",
    "composition",
    "scatter",
    "tilemap",
    "sparkline",
];

/// A drawn chart with everything needed to publish it: inline SVG, a table of its data, and
/// a CSV of the same rows.
pub struct ChartOut {
    /// File stem under `grafik/`, derived from the call so equal calls share files.
    pub key: String,
    pub title: String,
    pub svg: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub csv: Vec<u8>,
    /// Sparklines are decoration for a table cell: no caption, table or downloads.
    pub inline: bool,
    /// A line of explanation under the chart (e.g. why some points are not joined).
    pub note: String,
    /// "Sumber: ..." naming the publishers of every figure drawn, for standalone files.
    pub source_line: String,
}

impl ChartOut {
    /// A chart in its own figure, with a data table and downloads (key and CSV are filled in
    /// by [`build`]).
    fn figure(
        title: String,
        svg: String,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    ) -> ChartOut {
        ChartOut {
            key: String::new(),
            title,
            svg,
            headers,
            rows,
            csv: Vec::new(),
            inline: false,
            note: String::new(),
            source_line: String::new(),
        }
    }

    /// A chart that sits inside text or a table cell.
    fn inline(title: String, svg: String) -> ChartOut {
        ChartOut {
            key: String::new(),
            title,
            svg,
            headers: Vec::new(),
            rows: Vec::new(),
            csv: Vec::new(),
            inline: true,
            note: String::new(),
            source_line: String::new(),
        }
    }
}

/// Which figures a chart compares.
#[derive(Clone, Copy, Debug)]
enum When {
    /// The latest year in which any region has a figure.
    Latest,
    /// Each region's latest figure within this year.
    Year(i32),
    /// Exactly this month.
    Month(i32, u8),
}

struct Ctx<'a> {
    site: &'a Site,
    c: &'a Computed,
    lang: Lang,
    args: &'a BTreeMap<String, String>,
    loc: &'a Location,
    /// Every figure the chart drew, for its CSV download.
    used: std::cell::RefCell<Vec<&'a Observation>>,
}

fn err(loc: &Location, message: String, hint: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity: crate::diagnostics::Severity::Error,
        location: loc.clone(),
        message,
        hint: Some(hint.into()),
    }
}

impl<'a> Ctx<'a> {
    fn arg(&self, k: &str) -> Option<&'a str> {
        self.args.get(k).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    fn metric_named(&self, key: &str, id: &str) -> Result<&'a Metric, Diagnostic> {
        self.site.metric(id).ok_or_else(|| {
            err(
                self.loc,
                format!("{key}=\"{id}\": unknown metric"),
                crate::load::suggest(
                    "metric",
                    id,
                    self.site.metrics.iter().map(|m| m.id.as_str()),
                ),
            )
        })
    }

    fn metric(&self, key: &str) -> Result<&'a Metric, Diagnostic> {
        match self.arg(key) {
            Some(id) => self.metric_named(key, id),
            None if key == "metric" => self.metric_named(key, &self.site.config.headline_metric),
            None => Err(err(
                self.loc,
                format!("this chart needs `{key}`"),
                format!("add {key}=\"<metric id>\""),
            )),
        }
    }

    fn region(&self, code: &str) -> Result<String, Diagnostic> {
        if let Some(code) = self.site.resolve_area(code) {
            return Ok(code.to_string());
        }
        let names = self
            .site
            .regions
            .iter()
            .flat_map(|r| [r.code.as_str(), r.name.as_str()]);
        Err(err(
            self.loc,
            format!("unknown region `{code}`"),
            crate::load::suggest("region", code, names),
        ))
    }

    fn when(&self) -> Result<When, Diagnostic> {
        match self.arg("period") {
            None | Some("latest") => Ok(When::Latest),
            Some(p) => match Period::parse(p) {
                Ok(Period::Year(y)) => Ok(When::Year(y)),
                Ok(Period::Month(y, m)) => Ok(When::Month(y, m)),
                Err(e) => Err(err(
                    self.loc,
                    format!("period: {e}"),
                    "write period=\"2024\" or period=\"2025-05\"",
                )),
            },
        }
    }

    fn area_name(&self, code: &str) -> String {
        self.site.area_name(code).to_string()
    }

    fn short_name(&self, code: &str) -> String {
        self.site.area_short(code).to_string()
    }

    fn value(&self, m: &Metric, v: f64) -> String {
        format::value(v, m.unit, self.lang)
    }

    fn pick(&self, region: &str, metric: &str, when: When) -> Option<&'a Observation> {
        let s = self.c.series(region, metric);
        let obs = |i: &usize| &self.c.observations[*i];
        let found = match when {
            When::Latest => s.last().map(obs),
            When::Year(y) => s.iter().rev().map(obs).find(|o| o.period.year() == y),
            When::Month(y, m) => s.iter().map(obs).find(|o| o.period == Period::Month(y, m)),
        };
        if let Some(o) = found {
            self.used.borrow_mut().push(o);
        }
        found
    }

    /// A whole series, oldest first, recorded for the CSV.
    fn series(&self, region: &str, metric: &str) -> Vec<&'a Observation> {
        let obs: Vec<&'a Observation> = self
            .c
            .series(region, metric)
            .iter()
            .map(|&i| &self.c.observations[i])
            .collect();
        self.used.borrow_mut().extend(obs.iter().copied());
        obs
    }

    /// Resolves `Latest` to the latest year any region has a figure for `metric`.
    fn resolve(&self, metrics: &[&Metric], when: When) -> Result<When, Diagnostic> {
        let years = || {
            self.site
                .regions
                .iter()
                .flat_map(|r| {
                    metrics
                        .iter()
                        .filter_map(move |m| self.c.latest(&r.code, &m.id))
                })
                .map(|o| o.period.year())
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

    fn sources_title(&self, o: &Observation) -> String {
        o.sources
            .iter()
            .filter_map(|s| self.site.sources.get(s.as_str()))
            .map(|s| s.title.clone())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn when_label(w: When) -> String {
    match w {
        When::Latest => "any year".into(),
        When::Year(y) => y.to_string(),
        When::Month(y, m) => format!("{y}-{m:02}"),
    }
}

fn when_text(w: When, lang: Lang) -> String {
    match w {
        When::Latest => String::new(),
        When::Year(y) => y.to_string(),
        When::Month(y, m) => format::period(Period::Month(y, m), lang),
    }
}

/// Checks a call and draws its chart.
pub fn build(
    site: &Site,
    c: &Computed,
    args: &BTreeMap<String, String>,
    loc: &Location,
) -> Result<ChartOut, Diagnostic> {
    let cx = Ctx {
        site,
        c,
        lang: site.config.language,
        args,
        loc,
        used: Default::default(),
    };
    let allowed = [
        "type", "metric", "period", "region", "regions", "target", "metrics", "x", "y", "title",
    ];
    if let Some(k) = args.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(err(
            loc,
            format!("chart(): unknown argument `{k}`"),
            format!("arguments: {}", allowed.join(", ")),
        ));
    }
    let kind = cx.arg("type").ok_or_else(|| {
        err(
            loc,
            "chart() needs a type".into(),
            format!("add type=\"ranking\"; types: {}", KINDS.join(", ")),
        )
    })?;
    let mut out = match kind {
        "ranking" => ranking(&cx)?,
        "trend" => trend(&cx)?,
        "composition" => composition(&cx)?,
        "target" => target(&cx)?,
        "scatter" => scatter(&cx)?,
        "tilemap" => tilemap(&cx)?,
        "sparkline" => sparkline(&cx)?,
        other => {
            return Err(err(
                loc,
                format!("unknown chart type `{other}`"),
                format!(
                    "{}; types: {}",
                    crate::load::suggest("chart type", other, KINDS.into_iter()),
                    KINDS.join(", ")
                ),
            ))
        }
    };
    if let Some(t) = cx.arg("title") {
        out.title = t.to_string();
    }
    out.key = chart_key(kind, args);
    out.csv = data_csv(site, &cx.used.borrow());
    let mut publishers: Vec<&str> = Vec::new();
    for o in cx.used.borrow().iter() {
        for s in o
            .sources
            .iter()
            .filter_map(|id| site.sources.get(id.as_str()))
        {
            if !publishers.contains(&s.publisher.as_str()) {
                publishers.push(&s.publisher);
            }
        }
    }
    out.source_line = format!(
        "{}: {}. {}",
        words(cx.lang, "Sumber", "Sources"),
        publishers.join("; "),
        site.config.title
    );
    Ok(out)
}

/// The chart's figures as plain numbers (not the display strings): a spreadsheet can compute
/// with them, and every row keeps its source.
fn data_csv(site: &Site, used: &[&Observation]) -> Vec<u8> {
    let mut rows: Vec<&Observation> = used.to_vec();
    rows.sort_by(|a, b| (&a.region, &a.metric, a.period).cmp(&(&b.region, &b.metric, b.period)));
    rows.dedup_by(|a, b| (&a.region, &a.metric, a.period) == (&b.region, &b.metric, b.period));
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "region",
        "region_name",
        "metric",
        "metric_label",
        "period",
        "value",
        "source",
        "source_title",
    ]);
    for o in rows {
        let name = site.area_name(&o.region);
        let label = site
            .metric(&o.metric)
            .map(|m| m.label.clone())
            .unwrap_or_default();
        let titles: Vec<String> = o
            .sources
            .iter()
            .filter_map(|s| site.sources.get(s.as_str()))
            .map(|s| s.title.clone())
            .collect();
        let _ = w.write_record([
            o.region.as_str(),
            &super::exports::text_cell(name),
            &o.metric,
            &super::exports::text_cell(&label),
            &o.period.to_string(),
            &super::exports::plain(o.value),
            &o.sources.join(" | "),
            &super::exports::text_cell(&titles.join(" | ")),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// File stem for a chart's downloads: readable (type first, then the argument values, cut to
/// 60 characters) plus a hash of every `name=value`, so two different calls never share files
/// and a call listing many regions still makes a valid file name.
pub fn chart_key(kind: &str, args: &BTreeMap<String, String>) -> String {
    let values: Vec<&str> = args
        .iter()
        .filter(|(k, _)| *k != "type" && *k != "title")
        .map(|(_, v)| v.as_str())
        .collect();
    let mut readable = crate::slug::slugify(&format!("{kind}-{}", values.join("-")));
    if readable.len() > 60 {
        let mut cut = 60;
        while !readable.is_char_boundary(cut) {
            cut -= 1;
        }
        readable.truncate(cut);
        readable = readable.trim_end_matches('-').to_string();
    }
    // FNV-1a: stable across runs, platforms and Rust versions, unlike std's hasher.
    let mut hash: u32 = 0x811c_9dc5;
    for (k, v) in args {
        for b in k.bytes().chain([b'=']).chain(v.bytes()).chain([0]) {
            hash ^= b as u32;
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    format!("{readable}-{hash:08x}")
}

fn words(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Id {
        id
    } else {
        en
    }
}

fn headers(lang: Lang, cols: &[(&'static str, &'static str)]) -> Vec<String> {
    cols.iter()
        .map(|(i, e)| words(lang, i, e).to_string())
        .collect()
}

fn ranking(cx: &Ctx) -> Result<ChartOut, Diagnostic> {
    let m = cx.metric("metric")?;
    let when = cx.resolve(&[m], cx.when()?)?;
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
        .partition(|(o, _)| o.basis.as_deref() == basis.as_deref());
    let period = when_text(when, cx.lang);
    if !m.rank || found.len() < crate::compute::MIN_RANKED {
        return Ok(not_ranked(cx, m, &period, &found, &other, &missing));
    }
    let ranks = order_and_rank(
        &mut found,
        |f| f.0.value,
        |f| f.1.as_str(),
        m.higher_is_better,
    );
    let limit = 30;
    let bar = |i: usize| {
        let (o, name) = &found[i];
        Bar {
            label: format!("{}. {name}", ranks[i]),
            value: Some(o.value),
            value_label: cx.value(m, o.value),
        }
    };
    let mut bars: Vec<Bar> = Vec::new();
    if found.len() > limit {
        bars.extend((0..limit / 2).map(bar));
        bars.push(Bar {
            label: "…".into(),
            value: None,
            value_label: String::new(),
        });
        bars.extend((found.len() - limit / 2..found.len()).map(bar));
    } else {
        bars.extend((0..found.len()).map(bar));
        bars.extend(missing.iter().map(|n| Bar {
            label: n.clone(),
            value: None,
            value_label: String::new(),
        }));
    }
    let province = cx.pick(&cx.site.config.province_code, &m.id, when);
    let mut refs = Vec::new();
    if let Some(p) = province {
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
    let title = format!(
        "{} {}, {period}",
        words(cx.lang, "Peringkat", "Ranking"),
        m.label
    );
    let mut desc = match (found.first(), found.last()) {
        (Some(hi), Some(lo)) => format!(
            "{}: {} {} ({}), {} {} ({}); {} {}, {} {}.",
            title,
            words(cx.lang, "tertinggi", "highest"),
            hi.1,
            cx.value(m, hi.0.value),
            words(cx.lang, "terendah", "lowest"),
            lo.1,
            cx.value(m, lo.0.value),
            found.len(),
            words(cx.lang, "wilayah berdata", "regions with data"),
            missing.len(),
            words(cx.lang, "tanpa data", "without data"),
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
    let svg = charts::ranking_svg(&RankingChart {
        title: title.clone(),
        desc,
        bars,
        refs,
        no_data: words(cx.lang, "tidak ada data", "no data").into(),
    });
    let rows: Vec<Vec<String>> = found
        .iter()
        .zip(&ranks)
        .map(|((o, name), rank)| {
            vec![
                rank.to_string(),
                name.clone(),
                cx.value(m, o.value),
                format::period(o.period, cx.lang),
                cx.sources_title(o),
            ]
        })
        .collect();
    let mut out = ranking_figure(cx, title, svg, rows, &missing, "");
    // Said under the chart wherever it is placed, since only the chart knows it was cut.
    if found.len() > limit {
        let (half, all) = (limit / 2, found.len());
        out.note = match cx.lang {
            Lang::Id => format!("Grafik menampilkan {half} teratas dan {half} terbawah dari {all} wilayah; tabel data memuat semuanya."),
            Lang::En => format!("The chart shows the top {half} and bottom {half} of {all} regions; the data table lists all."),
        };
    }
    let mut notes = Vec::new();
    if !out.note.is_empty() {
        notes.push(std::mem::take(&mut out.note));
    }
    if let Some(b) = basis.as_deref() {
        notes.push(format!(
            "{}: {}.",
            words(
                cx.lang,
                "Penyebut semua angka yang diperingkat",
                "Denominator of every ranked figure"
            ),
            m.basis_label(b).unwrap_or(b)
        ));
    }
    if !other.is_empty() {
        notes.push(other_basis_note(cx, m, &other));
        for (o, name) in &other {
            out.rows.push(vec![
                "–".into(),
                name.clone(),
                cx.value(m, o.value),
                format::period(o.period, cx.lang),
                cx.sources_title(o),
            ]);
        }
    }
    if let Some(note) = &m.source_note {
        if m.target.is_some() {
            notes.push(format!(
                "{}: {note}",
                words(cx.lang, "Sumber target", "Target source")
            ));
        }
    }
    out.note = notes.join(" ");
    Ok(out)
}

/// The basis a comparison of these figures uses: the metric's default when present among
/// them, else the one most figures have (ties by id, so the choice is stable).
fn comparable_basis<'a>(
    m: &Metric,
    figures: impl Iterator<Item = &'a Observation>,
) -> Option<String> {
    crate::compute::comparable_basis(m, figures.filter_map(|o| o.basis.as_deref()))
}

/// "Not compared (different denominator): Kota Bontang 100% (by name by address)."
fn other_basis_note(cx: &Ctx, m: &Metric, other: &[(&Observation, String)]) -> String {
    let items: Vec<String> = other
        .iter()
        .map(|(o, name)| {
            let b = o.basis.as_deref().unwrap_or("");
            format!(
                "{name} {} ({})",
                cx.value(m, o.value),
                m.basis_label(b).unwrap_or(b)
            )
        })
        .collect();
    format!(
        "{}: {}.",
        words(
            cx.lang,
            "Tidak dibandingkan karena penyebutnya berbeda",
            "Not compared because the denominator differs"
        ),
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
) -> ChartOut {
    let title = format!("{}, {period}", m.label);
    let reason = if !m.rank {
        match cx.lang {
            Lang::Id => format!("Tidak diperingkat: {} adalah jumlah, yang lebih mencerminkan besar wilayah daripada capaiannya.", m.label),
            Lang::En => format!("Not ranked: {} is a count, which reflects a region's size more than its performance.", m.label),
        }
    } else {
        match cx.lang {
            Lang::Id => format!(
                "Tidak diperingkat: hanya {} wilayah punya angka realisasi yang sebanding (penyebut sama) pada {period}; peringkat butuh minimal {}.",
                found.len(),
                crate::compute::MIN_RANKED
            ),
            Lang::En => format!(
                "Not ranked: only {} regions have comparable realised figures (same denominator) for {period}; a ranking needs at least {}.",
                found.len(),
                crate::compute::MIN_RANKED
            ),
        }
    };
    let svg = charts::message_svg(&title, &wrap(&reason, 90));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (o, name) in found.iter().chain(other) {
        rows.push(vec![
            "–".into(),
            name.clone(),
            cx.value(m, o.value),
            format::period(o.period, cx.lang),
            cx.sources_title(o),
        ]);
    }
    let mut out = ranking_figure(cx, title, svg, rows, missing, "–");
    // The reason is the chart itself (and its <desc>); the note adds what was left out.
    if !other.is_empty() {
        out.note = other_basis_note(cx, m, other);
    }
    out
}

/// A ranking chart's figure: its rows, then the regions without a figure (rank cell `blank`).
fn ranking_figure(
    cx: &Ctx,
    title: String,
    svg: String,
    mut rows: Vec<Vec<String>>,
    missing: &[String],
    blank: &str,
) -> ChartOut {
    rows.extend(missing.iter().map(|n| {
        vec![
            blank.to_string(),
            n.clone(),
            words(cx.lang, "tidak ada data", "no data").into(),
            String::new(),
            String::new(),
        ]
    }));
    ChartOut::figure(
        title,
        svg,
        headers(
            cx.lang,
            &[
                ("Peringkat", "Rank"),
                ("Wilayah", "Region"),
                ("Nilai", "Value"),
                ("Periode", "Period"),
                ("Sumber", "Source"),
            ],
        ),
        rows,
    )
}

/// Greedy word wrap at `width` characters, for text drawn in an SVG.
fn wrap(text: &str, width: usize) -> Vec<String> {
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

fn region_list(cx: &Ctx) -> Result<Vec<String>, Diagnostic> {
    let mut codes = Vec::new();
    if let Some(r) = cx.arg("region") {
        codes.push(cx.region(r)?);
    }
    if let Some(list) = cx.arg("regions") {
        for code in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            codes.push(cx.region(code)?);
        }
    }
    Ok(codes)
}

const SERIES_COLORS: [plotters::style::RGBColor; 6] = [
    charts::BLUE,
    charts::VERMILLION,
    charts::GREEN,
    charts::OKABE_ITO[6],
    charts::OKABE_ITO[0],
    charts::OKABE_ITO[1],
];

fn trend(cx: &Ctx) -> Result<ChartOut, Diagnostic> {
    let m = cx.metric("metric")?;
    let mut codes = region_list(cx)?;
    if codes.is_empty() {
        return Err(err(
            cx.loc,
            "a trend chart needs region=\"<code>\" or regions=\"<code>,<code>\"".into(),
            "e.g. region=\"64.72\"",
        ));
    }
    let province = cx.site.config.province_code.clone();
    if codes.len() == 1 && codes[0] != province && !cx.c.series(&province, &m.id).is_empty() {
        codes.push(province.clone());
    }
    // One line per region and basis: figures with different denominators are never joined.
    let mut series: Vec<Series> = Vec::new();
    for code in &codes {
        let obs = cx.series(code, &m.id);
        let mut bases: Vec<Option<&str>> = Vec::new();
        for o in &obs {
            if !bases.contains(&o.basis.as_deref()) {
                bases.push(o.basis.as_deref());
            }
        }
        if bases.is_empty() {
            bases.push(None);
        }
        for b in &bases {
            let label = match b {
                Some(b) if bases.len() > 1 => format!("{} ({b})", cx.short_name(code)),
                _ => cx.short_name(code),
            };
            let i = series.len();
            series.push(Series {
                label,
                points: obs
                    .iter()
                    .filter(|o| o.basis.as_deref() == *b)
                    .map(|o| (o.period, o.value))
                    .collect(),
                color: SERIES_COLORS[i % SERIES_COLORS.len()],
                dashed: *code == province && codes.len() > 1,
            });
        }
    }
    if series.iter().all(|s| s.points.is_empty()) {
        return Err(err(
            cx.loc,
            format!(
                "no figures for `{}` in {}",
                m.id,
                codes
                    .iter()
                    .map(|c| cx.area_name(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "choose a region and metric that have figures in data/observations",
        ));
    }
    let gaps = series.iter().any(|s| {
        s.points
            .windows(2)
            .any(|w| !charts::adjacent(w[0].0, w[1].0))
    });
    let names: Vec<String> = codes.iter().map(|c| cx.area_name(c)).collect();
    let title = format!("{}: {}", m.label, names.join(", "));
    let desc = series
        .iter()
        .map(|s| {
            let pts: Vec<String> = s
                .points
                .iter()
                .map(|(p, v)| format!("{} {}", format::period(*p, cx.lang), cx.value(m, *v)))
                .collect();
            let pts = if pts.is_empty() {
                words(cx.lang, "tidak ada data", "no data").to_string()
            } else {
                pts.join(", ")
            };
            format!("{}: {}", s.label, pts)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut rows = Vec::new();
    for code in &codes {
        for &i in cx.c.series(code, &m.id) {
            let o = &cx.c.observations[i];
            rows.push(vec![
                cx.area_name(code),
                format::period(o.period, cx.lang),
                cx.value(m, o.value),
                cx.sources_title(o),
            ]);
        }
    }
    let (unit, lang) = (m.unit, cx.lang);
    let svg = charts::trend_svg(&TrendChart {
        title: title.clone(),
        desc,
        series,
        fmt: Box::new(move |v| format::value(v, unit, lang)),
        from_zero: true,
    });
    let mut out = ChartOut::figure(
        title,
        svg,
        headers(
            cx.lang,
            &[
                ("Wilayah", "Region"),
                ("Periode", "Period"),
                ("Nilai", "Value"),
                ("Sumber", "Source"),
            ],
        ),
        rows,
    );
    if gaps {
        out.note = words(
            cx.lang,
            "Titik yang tidak bersambung garis: ada periode tanpa angka di antaranya, atau yang satu angka tahunan dan yang lain bulanan.",
            "Points not joined by a line have a period without figures between them, or mix yearly and monthly figures.",
        )
        .into();
    }
    Ok(out)
}

fn sparkline(cx: &Ctx) -> Result<ChartOut, Diagnostic> {
    let m = cx.metric("metric")?;
    let code = cx.region(cx.arg("region").ok_or_else(|| {
        err(
            cx.loc,
            "a sparkline needs region=\"<code>\"".into(),
            "e.g. region=\"64.72\"",
        )
    })?)?;
    let pts: Vec<(Period, f64)> = cx
        .series(&code, &m.id)
        .iter()
        .map(|o| (o.period, o.value))
        .collect();
    let title = pts
        .iter()
        .map(|(p, v)| format!("{} {}", format::period(*p, cx.lang), cx.value(m, *v)))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(ChartOut::inline(
        title.clone(),
        charts::sparkline_svg(&pts, &format!("{}: {title}", m.label)),
    ))
}

/// The latest plan, quota or target of `metric` for a region within `when` (or the latest at
/// all: a target often spans several years), recorded for the CSV.
fn pick_planned<'a>(
    cx: &Ctx<'a>,
    region: &str,
    metric: &str,
    when: When,
) -> Option<&'a Observation> {
    let all: Vec<&'a Observation> = cx.c.planned(region, metric).collect();
    let in_when = all.iter().rev().copied().find(|o| match when {
        When::Latest => true,
        When::Year(y) => o.period.year() == y,
        When::Month(y, m) => o.period == Period::Month(y, m),
    });
    let found = in_when.or_else(|| all.last().copied());
    if let Some(o) = found {
        cx.used.borrow_mut().push(o);
    }
    found
}

/// Realisation against a plan, quota or target. With `target="<metric>"` the goal is that
/// metric's figures; without it, the metric's own rencana/kuota/target figures. A plan is
/// never drawn or labelled as realisation: a region with only a plan shows the plan outline
/// and "realisasi tidak ada".
fn target(cx: &Ctx) -> Result<ChartOut, Diagnostic> {
    let actual = cx.metric("metric")?;
    let goal = match cx.arg("target") {
        Some(_) => cx.metric("target")?,
        None => actual,
    };
    let when = cx.resolve(&[actual, goal], cx.when()?);
    // A metric with plans but no realised figure yet in the period still has a chart.
    let when = match when {
        Ok(w) => w,
        Err(e) => {
            let any_plan = cx
                .site
                .regions
                .iter()
                .any(|r| cx.c.planned(&r.code, &goal.id).next().is_some());
            if any_plan {
                match cx.when()? {
                    When::Latest => When::Latest,
                    w => w,
                }
            } else {
                return Err(e);
            }
        }
    };
    let mut rows = Vec::new();
    let mut table = Vec::new();
    let mut lines = Vec::new();
    for r in &cx.site.regions {
        let a = cx.pick(&r.code, &actual.id, when);
        let t = pick_planned(cx, &r.code, &goal.id, when).or_else(|| {
            (goal.id != actual.id)
                .then(|| {
                    cx.pick(&r.code, &goal.id, when)
                        .or_else(|| cx.c.latest(&r.code, &goal.id))
                })
                .flatten()
        });
        if a.is_none() && t.is_none() {
            continue;
        }
        // Penyerapan (absorption) for a quota, capaian (achievement) for a target or plan.
        let share_word = match t.map(|t| t.status) {
            Some(crate::model::Status::Kuota) => words(cx.lang, "penyerapan", "absorbed"),
            _ => words(cx.lang, "capaian", "achieved"),
        };
        let (share, share_words) = match (a, t) {
            (Some(a), Some(t)) if t.value > 0.0 => (
                format!("{}%", format::number(100.0 * a.value / t.value, 0, cx.lang)),
                format!(
                    "{share_word} {}%",
                    format::number(100.0 * a.value / t.value, 1, cx.lang)
                ),
            ),
            _ => (String::new(), String::new()),
        };
        let fmt = |o: Option<&Observation>, m: &Metric| {
            o.map(|o| {
                if o.status.is_realised() {
                    cx.value(m, o.value)
                } else {
                    format!("{} {}", o.status.label(cx.lang), cx.value(m, o.value))
                }
            })
            .unwrap_or_default()
        };
        lines.push(format!(
            "{} {} / {}{}",
            r.name,
            fmt(a, actual),
            fmt(t, goal),
            if share_words.is_empty() {
                String::new()
            } else {
                format!(" ({share_words})")
            }
        ));
        table.push(vec![
            r.name.clone(),
            fmt(a, actual),
            a.map(|o| format::period(o.period, cx.lang))
                .unwrap_or_default(),
            fmt(t, goal),
            t.map(|o| format::period(o.period, cx.lang))
                .unwrap_or_default(),
            share_words.clone(),
        ]);
        rows.push(TargetRow {
            label: r.name.clone(),
            actual: a.map(|o| o.value),
            target: t.map(|o| o.value),
            actual_label: fmt(a, actual),
            target_label: fmt(t, goal),
            share_label: share,
        });
    }
    let goal_label = if goal.id == actual.id {
        words(
            cx.lang,
            "target, kuota atau rencananya",
            "its target, quota or plan",
        )
        .to_string()
    } else {
        goal.label.clone()
    };
    let title = format!(
        "{} {} {goal_label}, {}",
        actual.label,
        words(cx.lang, "terhadap", "against"),
        when_text(when, cx.lang)
    );
    let desc = format!("{title}: {}.", lines.join("; "));
    let svg = charts::target_svg(&TargetChart {
        title: title.clone(),
        desc,
        actual_key: format!(
            "{} ({})",
            actual.label,
            words(cx.lang, "realisasi", "realised")
        ),
        target_key: goal_label.clone(),
        rows,
        no_actual: words(cx.lang, "realisasi tidak ada", "no realisation").into(),
        no_target: words(cx.lang, "target tidak ada", "no target").into(),
    });
    Ok(ChartOut::figure(
        title,
        svg,
        headers(
            cx.lang,
            &[
                ("Wilayah", "Region"),
                ("Realisasi", "Realised"),
                ("Periode", "Period"),
                ("Target / kuota / rencana", "Target / quota / plan"),
                ("Periode target", "Target period"),
                ("Capaian / penyerapan", "Achieved / absorbed"),
            ],
        ),
        table,
    ))
}

fn composition(cx: &Ctx) -> Result<ChartOut, Diagnostic> {
    let list = cx.arg("metrics").ok_or_else(|| {
        err(
            cx.loc,
            "a composition chart needs metrics=\"<id>,<id>,...\"".into(),
            "list the parts that add up, e.g. metrics=\"peserta_pu,peserta_bpu\"",
        )
    })?;
    let mut metrics = Vec::new();
    for id in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        metrics.push(cx.metric_named("metrics", id)?);
    }
    if let Some(m) = metrics.iter().find(|m| m.unit != metrics[0].unit) {
        return Err(err(
            cx.loc,
            format!(
                "`{}` has a different unit from `{}`; parts must add up",
                m.id, metrics[0].id
            ),
            "use metrics of one unit",
        ));
    }
    let when = cx.resolve(&metrics, cx.when()?)?;
    let unit = metrics[0].unit;
    let mut rows = Vec::new();
    let mut table = Vec::new();
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
            if complete {
                ""
            } else {
                words(cx.lang, " (sebagian)", " (partial)")
            }
        );
        let mut row = vec![r.name.clone()];
        row.extend(parts.iter().map(|o| {
            o.map(|o| format::value(o.value, unit, cx.lang))
                .unwrap_or_else(|| "–".into())
        }));
        row.push(total_label);
        table.push(row);
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
    let desc = format!(
        "{title}: {}.",
        table
            .iter()
            .map(|r| format!("{} {}", r[0], r[r.len() - 1]))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let lang = cx.lang;
    let svg = charts::stacked_svg(&StackedChart {
        title: title.clone(),
        desc,
        keys: metrics.iter().map(|m| m.label.clone()).collect(),
        rows,
        max: charts::nice_ticks(0.0, max.max(1.0), 5)
            .last()
            .copied()
            .unwrap_or(max),
        fmt: Box::new(move |v| format::value(v, unit, lang)),
    });
    let mut hdr = vec![words(cx.lang, "Wilayah", "Region").to_string()];
    hdr.extend(metrics.iter().map(|m| m.label.clone()));
    hdr.push(words(cx.lang, "Jumlah", "Total").into());
    Ok(ChartOut::figure(title, svg, hdr, table))
}

fn scatter(cx: &Ctx) -> Result<ChartOut, Diagnostic> {
    let mx = cx.metric("x")?;
    let my = cx.metric("y")?;
    let when = cx.resolve(&[mx, my], cx.when()?)?;
    let mut points = Vec::new();
    let mut table = Vec::new();
    for r in &cx.site.regions {
        if let (Some(x), Some(y)) = (
            cx.pick(&r.code, &mx.id, when),
            cx.pick(&r.code, &my.id, when),
        ) {
            points.push(ScatterPoint {
                label: r.display_short().to_string(),
                x: x.value,
                y: y.value,
            });
            table.push(vec![
                r.name.clone(),
                cx.value(mx, x.value),
                cx.value(my, y.value),
                format::period(x.period, cx.lang),
                format::period(y.period, cx.lang),
            ]);
        }
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
    let prov = |m: &Metric| {
        cx.pick(&cx.site.config.province_code, &m.id, when)
            .map(|o| {
                (
                    format!("{} {}", cx.site.config.province_name, cx.value(m, o.value)),
                    o.value,
                )
            })
    };
    let title = format!("{} & {}, {}", mx.label, my.label, when_text(when, cx.lang));
    let desc = format!(
        "{title}: {}.",
        table
            .iter()
            .map(|r| format!("{} ({}; {})", r[0], r[1], r[2]))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (ux, uy, lang) = (mx.unit, my.unit, cx.lang);
    let svg = charts::scatter_svg(&ScatterChart {
        title: title.clone(),
        desc,
        x_label: mx.label.clone(),
        y_label: my.label.clone(),
        points,
        x_fmt: Box::new(move |v| format::value(v, ux, lang)),
        y_fmt: Box::new(move |v| format::value(v, uy, lang)),
        x_ref: prov(mx),
        y_ref: prov(my),
    });
    let mut hdr = vec![
        words(cx.lang, "Wilayah", "Region").to_string(),
        mx.label.clone(),
        my.label.clone(),
    ];
    hdr.push(format!(
        "{} ({})",
        words(cx.lang, "Periode", "Period"),
        mx.label
    ));
    hdr.push(format!(
        "{} ({})",
        words(cx.lang, "Periode", "Period"),
        my.label
    ));
    Ok(ChartOut::figure(title, svg, hdr, table))
}

fn tilemap(cx: &Ctx) -> Result<ChartOut, Diagnostic> {
    let m = cx.metric("metric")?;
    if cx.site.regions.iter().all(|r| r.tile.is_none()) {
        return Err(err(
            cx.loc,
            "a tile map needs tile positions".into(),
            "add tile_x and tile_y columns to data/regions.csv",
        ));
    }
    let when = cx.resolve(&[m], cx.when()?)?;
    // Colour classes compare values, so only figures of one basis are coloured.
    let basis = comparable_basis(
        m,
        cx.site
            .regions
            .iter()
            .filter(|r| r.tile.is_some())
            .filter_map(|r| {
                cx.c.series(&r.code, &m.id)
                    .last()
                    .map(|&i| &cx.c.observations[i])
            }),
    );
    let mut tiles = Vec::new();
    let mut table = Vec::new();
    let mut other = Vec::new();
    for r in &cx.site.regions {
        let Some((x, y)) = r.tile else { continue };
        let mut o = cx.pick(&r.code, &m.id, when);
        if let Some(f) = o.filter(|f| f.basis.as_deref() != basis.as_deref()) {
            other.push((f, r.name.clone()));
            o = None;
        }
        tiles.push(Tile {
            x,
            y,
            label: r.display_short().to_string(),
            value: o.map(|o| o.value),
            value_label: o.map(|o| cx.value(m, o.value)).unwrap_or_default(),
        });
        table.push(vec![
            r.name.clone(),
            o.map(|o| cx.value(m, o.value))
                .unwrap_or_else(|| words(cx.lang, "tidak ada data", "no data").into()),
            o.map(|o| format::period(o.period, cx.lang))
                .unwrap_or_default(),
            o.map(|o| cx.sources_title(o)).unwrap_or_default(),
        ]);
    }
    let title = format!("{}, {}", m.label, when_text(when, cx.lang));
    let desc = format!(
        "{title}: {}.",
        table
            .iter()
            .map(|r| format!("{} {}", r[0], r[1]))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let (unit, lang) = (m.unit, cx.lang);
    let svg = charts::tilemap_svg(&TileChart {
        title: title.clone(),
        desc,
        legend_title: m.label.clone(),
        no_data: words(cx.lang, "tidak ada data", "no data").into(),
        tiles,
        higher_is_better: m.higher_is_better,
        fmt: Box::new(move |v| format::value(v, unit, lang)),
    });
    let mut out = ChartOut::figure(
        title,
        svg,
        headers(
            cx.lang,
            &[
                ("Wilayah", "Region"),
                ("Nilai", "Value"),
                ("Periode", "Period"),
                ("Sumber", "Source"),
            ],
        ),
        table,
    );
    if !other.is_empty() {
        out.note = other_basis_note(cx, m, &other);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::chart_key;
    use std::collections::BTreeMap;

    fn args(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn keys_are_readable_distinct_and_bounded() {
        let a = chart_key(
            "trend",
            &args(&[
                ("type", "trend"),
                ("metric", "cakupan"),
                ("region", "64.01"),
            ]),
        );
        let b = chart_key(
            "trend",
            &args(&[
                ("type", "trend"),
                ("metric", "cakupan"),
                ("regions", "64.01"),
            ]),
        );
        assert!(a.starts_with("trend-cakupan-64-01-"), "{a}");
        assert_ne!(a, b, "argument names count");
        let many = vec!["Kabupaten Penajam Paser Utara"; 20].join(",");
        let long = chart_key("trend", &args(&[("metric", "cakupan"), ("regions", &many)]));
        assert!(long.len() <= 60 + 9, "{long}");
        assert_eq!(
            long,
            chart_key("trend", &args(&[("metric", "cakupan"), ("regions", &many)]))
        );
    }
}
