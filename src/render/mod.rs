//! Render stage: pages, charts and data exports as in-memory files, ready for the write stage.

pub mod assessment;
pub mod chartspec;
pub mod context;
pub mod embed;
pub mod exports;
pub mod feed;
pub mod i18n;
pub mod markdown;
pub mod shortcodes;
pub mod templates;

use crate::compute::Computed;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::format::{self, Lang};
use crate::model::{Metric, Page, Region, Site, SourceKind};
use context::*;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A file of the finished site, relative to the output directory.
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub struct Rendered {
    pub files: Vec<OutFile>,
    pub pages: usize,
    pub charts: usize,
}

/// Collects the sources cited on one page, numbering them in order of first citation.
#[derive(Default)]
pub struct Citations {
    order: Vec<String>,
}

impl Citations {
    pub fn cite<S: AsRef<str>>(&mut self, ids: &[S]) -> Vec<Cite> {
        ids.iter()
            .map(|id| {
                let id = id.as_ref();
                let n = match self.order.iter().position(|x| x == id) {
                    Some(i) => i + 1,
                    None => {
                        self.order.push(id.to_string());
                        self.order.len()
                    }
                };
                Cite {
                    n,
                    id: id.to_string(),
                }
            })
            .collect()
    }

    /// Date of the newest source cited on the page: what "Data per ..." shows.
    pub fn newest(&self, site: &Site) -> Option<crate::period::Date> {
        self.order
            .iter()
            .filter_map(|id| site.sources.get(id)?.date)
            .max()
    }

    fn list(&self, site: &Site) -> Vec<SourceCtx> {
        let lang = site.config.language;
        self.order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let s = site.sources.get(id)?;
                Some(SourceCtx {
                    n: i + 1,
                    id: id.clone(),
                    title: s.title.clone(),
                    publisher: s.publisher.clone(),
                    url: s.url.clone().unwrap_or_default(),
                    date: s.date.map(|d| format::date(d, lang)).unwrap_or_default(),
                    kind: s.kind.label(lang).to_string(),
                    illustrative: s.kind == SourceKind::Illustrative,
                })
            })
            .collect()
    }
}

pub struct Renderer<'a> {
    site: &'a Site,
    c: &'a Computed,
    emb: embed::Embedder<'a>,
    errors: std::sync::Mutex<Vec<Diagnostic>>,
    lang: Lang,
    rounds: &'a [assessment::Assessed],
    /// The comparison with a previous release (`build --previous`).
    changes: Option<crate::diff::Sections>,
    /// Rasterised charts of earlier builds (`build` only).
    png_cache: Option<&'a crate::pngcache::PngCache>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        c: &'a Computed,
        rounds: &'a [assessment::Assessed],
        diags: &mut Diagnostics,
    ) -> Option<Self> {
        let sources = templates::collect(&site.root, diags);
        let tera = templates::build(&sources, diags)?;
        let lang = site.config.language;
        let base_path = base_path(&site.config.base_url);
        let t = i18n::strings(lang);
        let mut nav = vec![Link {
            title: t.home.into(),
            url: base_path.clone(),
        }];
        let mut top_pages: Vec<&Page> = site
            .pages
            .iter()
            .filter(|p| p.region.is_none() && !p.is_home() && !p.rel_path.contains('/'))
            .collect();
        top_pages.sort_by(|a, b| {
            a.weight
                .cmp(&b.weight)
                .then_with(|| a.rel_path.cmp(&b.rel_path))
        });
        nav.extend(top_pages.iter().map(|p| Link {
            title: p.title.clone(),
            url: format!("{base_path}{}", p.url_path()),
        }));
        if let Some(a) = rounds.first() {
            nav.push(Link {
                title: i18n::assessment_strings(lang).nav.into(),
                url: format!("{base_path}penilaian/{}/", a.round.id),
            });
        }
        let origin = feed::origin(&site.config.base_url).unwrap_or_default();
        let feed_url = format!("{origin}{base_path}feed.xml");
        let site_ctx = SiteCtx {
            origin,
            feed_url,
            title: site.config.title.clone(),
            description: site.config.description.clone().unwrap_or_default(),
            lang: lang.code(),
            base_path,
            province_name: site.config.province_name.clone(),
            province_code: site.config.province_code.clone(),
            nav,
            t,
        };
        let emb = embed::Embedder {
            site,
            c,
            tera,
            sources,
            site_ctx,
            png: site.config.chart_png,
            charts: std::sync::Mutex::new(BTreeMap::new()),
        };
        Some(Renderer {
            site,
            c,
            emb,
            errors: std::sync::Mutex::new(Vec::new()),
            lang,
            rounds,
            changes: None,
            png_cache: None,
        })
    }

    /// PNG downloads come from `cache` where an earlier build rasterised the same chart.
    pub fn with_png_cache(mut self, cache: Option<&'a crate::pngcache::PngCache>) -> Self {
        self.png_cache = cache;
        self
    }

    pub fn with_changes(mut self, changes: Option<&'a crate::diff::Report>) -> Self {
        // Formatted once: every region page picks its own lines from the same sections.
        self.changes = changes.map(crate::diff::Report::sections);
        self
    }

    fn render(&self, template: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        let html = self
            .emb
            .tera
            .render(template, ctx)
            .map_err(|e| templates::template_error(&e, &self.emb.sources, None))?;
        let html = self.emb.markers(html, template)?.0;
        let html = self.share_image(html);
        // After share_image, which looks for the chart links in their site-absolute form.
        let root = ctx.get("root").and_then(|v| v.as_str()).unwrap_or("/");
        Ok(relativize(&html, &self.emb.site_ctx.base_path, root))
    }

    /// Fills the head's og:image mark with the page's first chart PNG. Done on the finished
    /// HTML because charts are drawn wherever a text or template calls them, so only the
    /// page itself knows its first one. Only a chart this build drew counts (text cannot
    /// point it elsewhere), and only with PNGs on and an absolute base_url: share previews
    /// fetch the image from another host.
    fn share_image(&self, html: String) -> String {
        let Some(at) = html.find(OG_IMAGE_MARK) else {
            return html;
        };
        let s = &self.emb.site_ctx;
        let mut image = None;
        if self.emb.png && !s.origin.is_empty() {
            let prefix = format!("href=\"{}grafik/", s.base_path);
            let charts = self.emb.charts.lock().expect("chart registry lock");
            let mut rest = &html[at..];
            while let Some(i) = rest.find(&prefix) {
                let after = &rest[i + prefix.len()..];
                if let Some(key) = after.split('"').next().and_then(|f| f.strip_suffix(".png")) {
                    if charts.contains_key(key) {
                        image = Some(format!("{}{}grafik/{key}.png", s.origin, s.base_path));
                        break;
                    }
                }
                rest = after;
            }
        }
        let tags = match image {
            Some(url) => {
                let url = crate::charts::escape(&url);
                format!(
                    "<meta property=\"og:image\" content=\"{url}\">\n<meta name=\"twitter:image\" content=\"{url}\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">"
                )
            }
            None => "<meta name=\"twitter:card\" content=\"summary\">".to_string(),
        };
        let mut out = String::with_capacity(html.len() + tags.len());
        out.push_str(&html[..at]);
        out.push_str(&tags);
        out.push_str(&html[at + OG_IMAGE_MARK.len()..]);
        out
    }

    /// The page's source list and its "Data per" date (the newest source it cites).
    fn cited(&self, ctx: &mut tera::Context, cites: &Citations) {
        ctx.insert("sources", &cites.list(self.site));
        let newest = cites.newest(self.site);
        ctx.insert(
            "data_as_of",
            &newest
                .map(|d| format::date(d, self.lang))
                .unwrap_or_default(),
        );
        ctx.insert(
            "data_as_of_iso",
            &newest.map(|d| d.to_string()).unwrap_or_default(),
        );
    }

    /// Markdown of a content file, with its calls resolved against the site's data. Errors are
    /// collected for the end of the render, so every bad call in every file is reported.
    fn markdown(&self, p: &Page, cites: &mut Citations) -> String {
        match self
            .emb
            .markdown(&p.body, &p.location.file, p.body_line, cites)
        {
            Ok(html) => html,
            Err(errs) => {
                self.errors.lock().expect("error list lock").extend(errs);
                String::new()
            }
        }
    }

    fn base_ctx(&self, title: &str, url: &str, illustrative: bool) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.emb.site_ctx);
        ctx.insert("page_title", title);
        ctx.insert("page_url", url);
        ctx.insert("illustrative", &illustrative);
        let s = &self.emb.site_ctx;
        ctx.insert("root", &root_of(url, &s.base_path, !s.origin.is_empty()));
        // og:url only with a host to put in front: a path alone is no use to a share preview.
        let abs = if s.origin.is_empty() || url.is_empty() {
            String::new()
        } else {
            format!("{}{url}", s.origin)
        };
        ctx.insert("page_abs_url", &abs);
        // Pages with something better to say replace it (see `describe`).
        ctx.insert("meta_description", &self.describe("", title));
        ctx.insert("data_as_of", "");
        ctx.insert("data_as_of_iso", "");
        ctx
    }

    /// The description of a page for search results and share previews: its own text when
    /// there is one, else the site's description, else its title; one line, at most 200
    /// characters.
    fn describe(&self, own: &str, title: &str) -> String {
        let own = own.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = if !own.is_empty() {
            own
        } else if !self.emb.site_ctx.description.trim().is_empty() {
            self.emb.site_ctx.description.trim().to_string()
        } else {
            title.to_string()
        };
        shorten(&text, 200)
    }

    fn region_url(&self, r: &Region) -> String {
        format!("{}wilayah/{}/", self.emb.site_ctx.base_path, r.slug)
    }

    fn value(&self, metric: &Metric, v: f64) -> String {
        format::value(v, metric.unit, self.lang)
    }

    /// "kuota 15.000 (Agustus 2025), terdaftar 5.600 (37,3%)": the latest plan, quota or
    /// target of a figure card, and how much of it is realised in the same period.
    fn planned_text(&self, region: &str, m: &Metric, cites: &mut Citations) -> (String, Vec<Cite>) {
        let Some((plan, absorption)) = self.c.latest_planned(region, &m.id) else {
            return (String::new(), Vec::new());
        };
        let mut text = format!(
            "{} {} ({})",
            plan.status.label(self.lang),
            self.value(m, plan.value),
            format::period(plan.period, self.lang)
        );
        if let (Some(share), Some(real)) = (absorption, self.c.latest(region, &m.id)) {
            let word = match self.lang {
                Lang::Id => "terealisasi",
                Lang::En => "realised",
            };
            text.push_str(&format!(
                ", {word} {} ({}%)",
                self.value(m, real.value),
                format::number(share, 1, self.lang)
            ));
        }
        (text, cites.cite(&plan.sources))
    }

    fn figure(&self, region: &str, m: &Metric, cites: &mut Citations) -> Option<FigureCtx> {
        let (planned, planned_cites) = self.planned_text(region, m, cites);
        let Some(latest) = self.c.latest(region, &m.id) else {
            // A plan or quota alone is shown as such, never as an achieved value.
            if planned.is_empty() {
                return None;
            }
            return Some(FigureCtx {
                metric: m.id.clone(),
                label: m.label.clone(),
                description: m.description.clone(),
                value: match self.lang {
                    Lang::Id => "belum ada realisasi".into(),
                    Lang::En => "nothing realised yet".into(),
                },
                period: String::new(),
                change: String::new(),
                change_from: String::new(),
                trend: "",
                rank: String::new(),
                note: String::new(),
                derived: m.ratio.is_some(),
                cites: Vec::new(),
                points: 0,
                planned,
                planned_cites,
                basis: String::new(),
            });
        };
        let prev = self.c.previous(region, &m.id);
        let t = i18n::strings(self.lang);
        let (change, change_from, trend) = match prev {
            Some(p) => {
                let delta = latest.value - p.value;
                let trend = if delta.abs() < 1e-9 {
                    "flat"
                } else if (delta > 0.0) == m.higher_is_better {
                    "better"
                } else {
                    "worse"
                };
                let change = if trend == "flat" {
                    match self.lang {
                        Lang::Id => "tetap".to_string(),
                        Lang::En => "unchanged".to_string(),
                    }
                } else {
                    format::change(delta, m.unit, self.lang)
                };
                (change, format::period(p.period, self.lang), trend)
            }
            None => (String::new(), String::new(), ""),
        };
        let rank = self
            .c
            .rankings
            .get(&m.id)
            .filter(|r| {
                r.year == latest.period.year() && r.basis.as_deref() == latest.basis.as_deref()
            })
            .and_then(|r| {
                r.rank_of(region)
                    .map(|n| format!("{n} {} {}", t.of, r.entries.len()))
            })
            .unwrap_or_default();
        Some(FigureCtx {
            metric: m.id.clone(),
            label: m.label.clone(),
            description: m.description.clone(),
            value: self.value(m, latest.value),
            period: format::period(latest.period, self.lang),
            change,
            change_from,
            trend,
            rank,
            note: latest.note.to_string(),
            derived: m.ratio.is_some(),
            planned,
            planned_cites,
            basis: latest
                .basis
                .as_deref()
                .map(|b| m.basis_label(b).unwrap_or(b).to_string())
                .unwrap_or_default(),
            cites: cites.cite(&latest.sources),
            // A sparkline only when it draws a line: scattered dots in a card read as noise.
            points: {
                let periods: Vec<_> = self
                    .c
                    .series(region, &m.id)
                    .iter()
                    .map(|&i| self.c.observations[i].period)
                    .collect();
                if periods
                    .windows(2)
                    .any(|w| crate::charts::adjacent(w[0], w[1]))
                {
                    periods.len()
                } else {
                    0
                }
            },
        })
    }

    fn has_illustrative(&self, cites: &Citations) -> bool {
        cites.order.iter().any(|id| {
            self.site
                .sources
                .get(id)
                .is_some_and(|s| s.kind == SourceKind::Illustrative)
        })
    }

    pub fn render_all(&self) -> Result<Rendered, Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut files = Vec::new();
        let mut charts = 0;
        let home = self.home();
        let region_pages: Vec<Result<(OutFile, usize), Diagnostic>> = self
            .site
            .regions
            .par_iter()
            .map(|r| self.region_page(r))
            .collect();
        let content: Vec<Result<OutFile, Diagnostic>> = self
            .site
            .pages
            .par_iter()
            .filter(|p| p.region.is_none() && !p.is_home())
            .map(|p| self.content_page(p))
            .collect();
        match home {
            Ok((f, n)) => {
                files.push(f);
                charts += n;
            }
            Err(d) => diags.push(d),
        }
        let mut pages = 1;
        for r in region_pages {
            match r {
                Ok((f, n)) => {
                    files.push(f);
                    charts += n;
                    pages += 1;
                }
                Err(d) => diags.push(d),
            }
        }
        for r in content {
            match r {
                Ok(f) => {
                    files.push(f);
                    pages += 1;
                }
                Err(d) => diags.push(d),
            }
        }
        for a in self.rounds {
            match self.assessment_files(a) {
                Ok(fs) => {
                    pages += fs.iter().filter(|f| f.path.ends_with(".html")).count();
                    charts += 1;
                    files.extend(fs);
                }
                Err(d) => diags.push(d),
            }
        }
        if let Some(s) = &self.changes {
            let url = format!("{}perubahan/", self.emb.site_ctx.base_path);
            let mut ctx = self.base_ctx(&s.title, &url, false);
            ctx.insert("changes", s);
            match self.render("changes.html", &ctx) {
                Ok(html) => files.push(OutFile {
                    path: "perubahan/index.html".into(),
                    bytes: html.into_bytes(),
                }),
                Err(d) => diags.push(d),
            }
            pages += 1;
        }
        let ctx = self.base_ctx(self.emb.site_ctx.t.not_found_title, "", false);
        match self.render("404.html", &ctx) {
            Ok(html) => files.push(OutFile {
                path: "404.html".into(),
                bytes: html.into_bytes(),
            }),
            Err(d) => diags.push(d),
        }
        for d in std::mem::take(&mut *self.errors.lock().expect("error list lock")) {
            diags.push(d);
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let drawn = std::mem::take(&mut *self.emb.charts.lock().expect("chart registry lock"));
        let charts = drawn.len() + charts;
        files.extend(self.chart_files(drawn));
        // data/observations.csv is streamed at write time (lib.rs, write::Stream).
        files.push(exports::summary_json(self.site, self.c));
        files.push(feed::atom(self.site, &self.emb.site_ctx.base_path));
        files.push(exports::sitemap(self.site, &files));
        Ok(Rendered {
            files,
            pages,
            charts,
        })
    }

    /// Download files of every chart drawn: standalone SVG, CSV and (when enabled) PNG.
    fn chart_files(&self, drawn: BTreeMap<String, embed::ChartFiles>) -> Vec<OutFile> {
        let png = self.emb.png;
        let per_chart: Vec<Vec<OutFile>> = drawn
            .into_par_iter()
            .map(|(key, f)| {
                let mut out = Vec::with_capacity(3);
                if png {
                    // 1200 px wide: sharp on phones and in slides, small enough for WhatsApp.
                    let bytes = match self.png_cache {
                        Some(cache) => cache.png(&f.svg, 1200),
                        None => crate::raster::svg_to_png(&f.svg, 1200),
                    };
                    if let Ok(bytes) = bytes {
                        out.push(OutFile {
                            path: format!("grafik/{key}.png"),
                            bytes,
                        });
                    }
                }
                out.push(OutFile {
                    path: format!("grafik/{key}.svg"),
                    bytes: f.svg.into_bytes(),
                });
                out.push(OutFile {
                    path: format!("grafik/{key}.csv"),
                    bytes: f.csv,
                });
                out
            })
            .collect();
        per_chart.into_iter().flatten().collect()
    }

    fn home(&self) -> Result<(OutFile, usize), Diagnostic> {
        let site = self.site;
        let t = self.emb.site_ctx.t;
        let mut cites = Citations::default();
        let province = &site.config.province_code;
        let headline: Vec<FigureCtx> = site
            .metrics
            .iter()
            .filter_map(|m| self.figure(province, m, &mut cites))
            .collect();
        let mut charts = 0;
        let ranking = site.metric(&site.config.headline_metric).and_then(|m| {
            let r = match self.c.rankings.get(&m.id) {
                Some(r) => r.clone(),
                // Not rankable: the section still shows the figures and says why.
                None => crate::compute::rank(site, self.c, m, site.config.ranking_year)?,
            };
            charts += 1;
            Some(self.ranking_ctx(m, &r, &mut cites))
        });
        let table = self.table(&mut cites);
        let intro = site.pages.iter().find(|p| p.is_home());
        let intro_html = intro
            .map(|p| self.markdown(p, &mut cites))
            .unwrap_or_default();
        let title = intro
            .map(|p| p.title.clone())
            .unwrap_or_else(|| site.config.title.clone());
        let mut ctx = self.base_ctx(
            &title,
            &self.emb.site_ctx.base_path,
            self.has_illustrative(&cites),
        );
        let own = intro
            .and_then(|p| p.description.clone())
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| first_sentence(&intro_html));
        let own = if intro.and_then(|p| p.description.as_ref()).is_none()
            && !self.emb.site_ctx.description.trim().is_empty()
        {
            self.emb.site_ctx.description.clone()
        } else {
            own
        };
        ctx.insert("meta_description", &self.describe(&own, &title));
        ctx.insert("intro", &intro_html);
        ctx.insert("headline", &headline);
        ctx.insert("ranking", &ranking);
        ctx.insert("table", &table);
        self.cited(&mut ctx, &cites);
        ctx.insert("regions_count", &site.regions.len());
        ctx.insert("has_tiles", &site.regions.iter().any(|r| r.tile.is_some()));
        ctx.insert("changes_link", &self.changes_link());
        let _ = t;
        let html = self.render("index.html", &ctx)?;
        Ok((
            OutFile {
                path: "index.html".into(),
                bytes: html.into_bytes(),
            },
            charts,
        ))
    }

    fn ranking_ctx(
        &self,
        m: &Metric,
        r: &crate::compute::Ranking,
        cites: &mut Citations,
    ) -> RankingCtx {
        let site = self.site;
        let t = self.emb.site_ctx.t;
        let ranked = self.c.rankings.contains_key(&m.id);
        let mut rows: Vec<RankRow> = r
            .entries
            .iter()
            .map(|e| {
                let o = &self.c.observations[e.obs];
                let region = site.region(&e.region).expect("ranked regions exist");
                RankRow {
                    rank: e.rank,
                    name: region.name.clone(),
                    url: self.region_url(region),
                    value: self.value(m, o.value),
                    basis: String::new(),
                    period: format::period(o.period, self.lang),
                    cites: cites.cite(&o.sources),
                }
            })
            .collect();
        let missing: Vec<Link> = r
            .missing
            .iter()
            .filter_map(|code| site.region(code))
            .map(|reg| Link {
                title: reg.name.clone(),
                url: self.region_url(reg),
            })
            .collect();
        let _ = t;
        let row_of = |o: &crate::model::Observation, cites: &mut Citations| {
            let region = site.region(&o.region).expect("ranked regions exist");
            let basis = o.basis.as_deref().unwrap_or("");
            RankRow {
                rank: 0,
                name: region.name.clone(),
                url: self.region_url(region),
                value: self.value(m, o.value),
                basis: m.basis_label(basis).unwrap_or(basis).to_string(),
                period: format::period(o.period, self.lang),
                cites: cites.cite(&o.sources),
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
            other.push(row_of(&self.c.observations[i], cites));
        }
        let not_ranked = if ranked {
            String::new()
        } else if !m.rank {
            match self.lang {
                Lang::Id => format!("{} adalah jumlah, yang lebih mencerminkan besar wilayah daripada capaiannya, sehingga tidak diperingkat.", m.label),
                Lang::En => format!("{} is a count, which reflects a region's size more than its performance, so it is not ranked.", m.label),
            }
        } else {
            match self.lang {
                Lang::Id => format!("Belum ada peringkat untuk {}: hanya {} wilayah punya angka realisasi yang sebanding (penyebut sama); peringkat butuh minimal {}.", r.year, r.entries.len(), crate::compute::MIN_RANKED),
                Lang::En => format!("No ranking for {}: only {} regions have comparable realised figures (same denominator); a ranking needs at least {}.", r.year, r.entries.len(), crate::compute::MIN_RANKED),
            }
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

    fn table(&self, cites: &mut Citations) -> TableCtx {
        let site = self.site;
        let metrics: Vec<&Metric> = site
            .metrics
            .iter()
            .filter(|m| {
                site.regions
                    .iter()
                    .any(|r| self.c.latest(&r.code, &m.id).is_some())
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
                url: self.region_url(r),
                cells: metrics
                    .iter()
                    .map(|m| match self.c.latest(&r.code, &m.id) {
                        Some(o) => Cell {
                            value: self.value(m, o.value),
                            period: format::period(o.period, self.lang),
                            cites: cites.cite(&o.sources),
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

    fn region_page(&self, r: &Region) -> Result<(OutFile, usize), Diagnostic> {
        let site = self.site;
        let t = self.emb.site_ctx.t;
        let mut cites = Citations::default();
        let figures: Vec<FigureCtx> = site
            .metrics
            .iter()
            .filter_map(|m| self.figure(&r.code, m, &mut cites))
            .collect();
        let missing: Vec<String> = site
            .metrics
            .iter()
            .filter(|m| self.c.latest(&r.code, &m.id).is_none())
            .map(|m| m.label.clone())
            .collect();
        let headline = site.metric(&site.config.headline_metric);
        let rank =
            headline
                .and_then(|m| self.c.rankings.get(&m.id))
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
            .map(|m| (self.c.series(&r.code, &m.id).len(), m))
            .filter(|(n, _)| *n >= 2)
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.id.cmp(&a.1.id)))
            .map(|(_, m)| m);
        let trend_metrics: Vec<String> = headline
            .filter(|h| !self.c.series(&r.code, &h.id).is_empty())
            .or(longest)
            .map(|m| vec![m.id.clone()])
            .unwrap_or_default();
        let narratives: Vec<Narrative> = site
            .pages
            .iter()
            .filter(|p| p.region.as_deref() == Some(r.code.as_str()))
            .map(|p| Narrative {
                title: p.title.clone(),
                date: p
                    .date
                    .map(|d| format::date(d, self.lang))
                    .unwrap_or_default(),
                html: self.markdown(p, &mut cites),
            })
            .collect();
        let url = self.region_url(r);
        let scorecards = self.scorecards(&r.code);
        let illustrative =
            self.has_illustrative(&cites) || scorecards.iter().any(|s| s.illustrative);
        let mut ctx = self.base_ctx(&r.name, &url, illustrative);
        ctx.insert(
            "region",
            &RegionCtx {
                code: r.code.clone(),
                name: r.name.clone(),
                short_name: r.short_name.clone().unwrap_or_default(),
                capital: r.capital.clone().unwrap_or_default(),
                bps_code: r.bps_code.clone().unwrap_or_default(),
                url: url.clone(),
            },
        );
        ctx.insert("figures", &figures);
        ctx.insert("missing", &missing);
        ctx.insert("rank", &rank.unwrap_or_default());
        ctx.insert("trend_metrics", &trend_metrics);
        ctx.insert("narratives", &narratives);
        ctx.insert("scorecards", &scorecards);
        ctx.insert("at", i18n::assessment_strings(self.lang));
        ctx.insert("changes_link", &self.changes_link());
        let lines = self.changes.as_ref().map(|c| c.region_lines(&r.code));
        ctx.insert("region_changes", &lines.unwrap_or_default());
        self.cited(&mut ctx, &cites);
        let own = site
            .pages
            .iter()
            .filter(|p| p.region.as_deref() == Some(r.code.as_str()))
            .find_map(|p| p.description.clone())
            .unwrap_or_else(|| key_figure(&r.name, &figures, &site.config.headline_metric));
        ctx.insert("meta_description", &self.describe(&own, &r.name));
        let html = self.render("region.html", &ctx)?;
        Ok((
            OutFile {
                path: format!("wilayah/{}/index.html", r.slug),
                bytes: html.into_bytes(),
            },
            0,
        ))
    }

    /// Link to /perubahan/ when the build compares with a previous release.
    fn changes_link(&self) -> Option<Link> {
        let s = self.changes.as_ref()?;
        Some(Link {
            title: s.title.clone(),
            url: format!("{}perubahan/", self.emb.site_ctx.base_path),
        })
    }

    fn content_page(&self, p: &Page) -> Result<OutFile, Diagnostic> {
        let url = format!("{}{}", self.emb.site_ctx.base_path, p.url_path());
        let mut cites = Citations::default();
        let content = self.markdown(p, &mut cites);
        let mut ctx = self.base_ctx(&p.title, &url, self.has_illustrative(&cites));
        self.cited(&mut ctx, &cites);
        let own = p
            .description
            .clone()
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| first_sentence(&content));
        ctx.insert("meta_description", &self.describe(&own, &p.title));
        ctx.insert("title", &p.title);
        ctx.insert(
            "date",
            &p.date
                .map(|d| format::date(d, self.lang))
                .unwrap_or_default(),
        );
        ctx.insert("description", &p.description.clone().unwrap_or_default());
        ctx.insert("content", &content);
        let html = self.render("page.html", &ctx)?;
        Ok(OutFile {
            path: format!("{}index.html", p.url_path()),
            bytes: html.into_bytes(),
        })
    }
}

/// Left in the head by base.html where the og:image tags go (see `Renderer::share_image`).
/// Template output is escaped, so no page text can produce it before the head's own.
pub const OG_IMAGE_MARK: &str = "<!--cakupan:og-image-->";

/// The headline figure of a region as a sentence ("Cakupan kepesertaan Kota Samarinda:
/// 40,39% (September 2025)."), else its first figure; empty without figures.
fn key_figure(name: &str, figures: &[FigureCtx], headline: &str) -> String {
    let f = figures
        .iter()
        .find(|f| f.metric == headline && !f.period.is_empty())
        .or_else(|| figures.iter().find(|f| !f.period.is_empty()));
    match f {
        Some(f) => format!("{} {name}: {} ({}).", f.label, f.value, f.period),
        None => String::new(),
    }
}

/// The first sentence of a page's first paragraph, as plain text (tags removed, the common
/// entities decoded, citation marks `[1]` dropped): templates escape it again.
fn first_sentence(html: &str) -> String {
    let Some(start) = html.find("<p>").or_else(|| html.find("<p ")) else {
        return String::new();
    };
    let para = &html[start..];
    let para = &para[..para.find("</p>").unwrap_or(para.len())];
    let mut text = String::new();
    let mut in_tag = false;
    for ch in para.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // `[12]` citation marks say nothing out of context.
        if c == '[' {
            let digits: String = chars.clone().take_while(|d| d.is_ascii_digit()).collect();
            let mut look = chars.clone().skip(digits.len());
            if !digits.is_empty() && look.next() == Some(']') {
                for _ in 0..=digits.len() {
                    chars.next();
                }
                continue;
            }
        }
        out.push(c);
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            break;
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut at a word with "…" when longer.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The prefix from a page to the site's root folder: `""` for `index.html`, `"../../"` for
/// `wilayah/kota-bontang/index.html`, so the site works opened from disk (file://) as well as
/// served under any folder. `url` is the page's site-absolute URL. The 404 page (empty `url`)
/// is served by web servers at whatever depth the missing address had, so no relative prefix
/// fits it: with an absolute base_url it keeps site-absolute links (the base path), and with
/// a path-only one it is treated as the root page it is on disk.
fn root_of(url: &str, base_path: &str, absolute_base: bool) -> String {
    if url.is_empty() {
        return if absolute_base {
            base_path.to_string()
        } else {
            String::new()
        };
    }
    let rel = url
        .strip_prefix(base_path)
        .unwrap_or(url.trim_start_matches('/'));
    "../".repeat(rel.matches('/').count())
}

/// Rewrites every `href="…"` and `src="…"` that starts at the site's base path (or, written
/// by a writer, at `/`) into one relative to the page (`root` + rest), pointing at
/// `index.html` in folders, as file://
/// shows no folder's index by itself. A `root` starting with `/` leaves the page alone (the
/// 404 page with an absolute base_url). Template output escapes `"`, so page text cannot
/// produce an attribute here; `//host` links belong to other hosts and are kept.
fn relativize(html: &str, base_path: &str, root: &str) -> String {
    if root.starts_with('/') {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        // One forward scan for `="` (searching for " href=\"" and " src=\"" separately from every
        // position re-scanned the page once per link: 0,9 s on the national site).
        let Some(eq) = rest.find("=\"") else {
            out.push_str(rest);
            return out;
        };
        let before = &rest[..eq];
        let start = eq + 2;
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if !(before.ends_with(" href") || before.ends_with(" src")) {
            continue;
        }
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        // A writer's `/metodologi/` means this site's page, also under a sub-folder base_url.
        let tail = value
            .strip_prefix(base_path)
            .or_else(|| value.strip_prefix('/'));
        match tail {
            Some(tail) if !value.starts_with("//") => {
                let cut = tail.find(['#', '?']).unwrap_or(tail.len());
                let (path, suffix) = tail.split_at(cut);
                out.push_str(root);
                out.push_str(path);
                if path.is_empty() || path.ends_with('/') {
                    out.push_str("index.html");
                }
                out.push_str(suffix);
            }
            _ => out.push_str(value),
        }
        rest = &rest[end..];
    }
}

/// Path part of `base_url`, so links work under a sub-folder (`https://x.go.id/laporan/`).
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(base_url);
    let path = if base_url.contains("://") {
        after_scheme
            .find('/')
            .map(|i| &after_scheme[i..])
            .unwrap_or("/")
    } else {
        base_url
    };
    let mut p = path.to_string();
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if !p.ends_with('/') {
        p.push('/');
    }
    p
}

/// Pages whose URL would be written twice: a content file shadowing a generated page.
pub fn check_collisions(site: &Site, diags: &mut Diagnostics) {
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for r in &site.regions {
        taken.insert(
            format!("wilayah/{}/", r.slug),
            format!("the page of {}", r.name),
        );
    }
    taken.insert("data/".into(), "the data downloads".into());
    // Folders the build fills itself: a page inside them could overwrite generated files.
    let reserved = [
        ("data/", "the data downloads"),
        ("grafik/", "the chart downloads"),
        ("penilaian/", "the assessment pages"),
        ("fonts/", "the site's fonts"),
    ];
    for p in site
        .pages
        .iter()
        .filter(|p| p.region.is_none() && !p.is_home())
    {
        let url = p.url_path();
        let inside = reserved.iter().find(|(prefix, _)| url.starts_with(prefix));
        if let Some((prefix, what)) = inside {
            diags.error_hint(
                p.location.clone(),
                format!("this page would be published inside /{prefix}, which holds {what}"),
                "move the file out of that folder in content/",
            );
        } else if let Some(owner) = taken.get(&url) {
            diags.error_hint(
                p.location.clone(),
                format!("this page would be published at /{url}, which is already {owner}"),
                "rename or move the file; to add text to a region's page, give it region = \"<code>\" in its front matter",
            );
        } else {
            taken.insert(url, p.location.file.display().to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{base_path, relativize, root_of};

    #[test]
    fn roots_and_relative_links() {
        assert_eq!(root_of("/", "/", false), "");
        assert_eq!(root_of("/wilayah/kota-bontang/", "/", false), "../../");
        assert_eq!(root_of("/kaltim/tentang/", "/kaltim/", true), "../");
        assert_eq!(root_of("", "/kaltim/", true), "/kaltim/");
        assert_eq!(root_of("", "/", false), "");
        let html = r##"<a href="/kaltim/">h</a><link href="/kaltim/style.css"><a href="/kaltim/wilayah/x/#m-a">x</a><a href="//evil.example/">e</a><a href="https://x.id/">o</a><img src="/kaltim/grafik/a.svg"><a href="#sumber-1">1</a>"##;
        assert_eq!(
            relativize(html, "/kaltim/", "../../"),
            r##"<a href="../../index.html">h</a><link href="../../style.css"><a href="../../wilayah/x/index.html#m-a">x</a><a href="//evil.example/">e</a><a href="https://x.id/">o</a><img src="../../grafik/a.svg"><a href="#sumber-1">1</a>"##
        );
        assert_eq!(
            relativize(r##"<a href="/">h</a><a href="//x.id/">x</a>"##, "/", ""),
            r##"<a href="index.html">h</a><a href="//x.id/">x</a>"##
        );
        assert_eq!(relativize(html, "/kaltim/", "/kaltim/"), html);
        assert_eq!(
            relativize(r##"<a href="/metodologi/#a">m</a>"##, "/kaltim/", "../"),
            r##"<a href="../metodologi/index.html#a">m</a>"##
        );
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("/"), "/");
        assert_eq!(
            base_path("https://data.kaltimprov.go.id/cakupan"),
            "/cakupan/"
        );
        assert_eq!(base_path("https://example.org"), "/");
    }
}
