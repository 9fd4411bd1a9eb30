//! What every page of the render stage draws on: the site and its computed figures, the
//! templates, the words of the site's language, the navigation, and the few steps every page
//! takes (its common template fields, its citations, turning its struct into HTML).

use super::citations::Citations;
use super::context::{Link, SiteCtx, SourceCtx};
use super::{embed, feed, links, text};
use crate::compute::Computed;
use crate::derived::Assessed;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::format::{self, Lang};
use crate::load::Inputs;
use crate::model::{Metric, Page, Region, Site, SourceKind};
use serde::Serialize;

/// Left in the head by base.html where the og:image tags go (see [`Shared::share_image`]).
/// Template output is escaped, so no page text can produce it before the head's own.
pub const OG_IMAGE_MARK: &str = "<!--cakupan:og-image-->";

/// The render context shared by every page.
pub(super) struct Shared<'a> {
    pub site: &'a Site,
    pub c: &'a Computed,
    pub emb: embed::Embedder,
    /// Errors of calls in markdown, collected so every bad call of every file is reported.
    pub errors: std::sync::Mutex<Vec<Diagnostic>>,
    pub lang: Lang,
    /// The words of the site's language.
    pub words: &'a crate::render::i18n::Words,
    pub rounds: &'a [Assessed<'a>],
    /// The comparison with a previous release (`build --previous`), formatted once.
    pub changes: Option<crate::diff::Sections>,
}

/// The fields every template receives (base.html uses them all).
#[derive(Serialize)]
pub(super) struct Base<'a> {
    pub site: &'a SiteCtx,
    pub page_title: String,
    pub page_url: String,
    pub illustrative: bool,
    /// Prefix from this page to the site root (`../../`), for relative links.
    pub root: String,
    pub page_abs_url: String,
    pub meta_description: String,
    pub data_as_of: String,
    pub data_as_of_iso: String,
    pub sources: Vec<SourceCtx>,
}

impl<'a> Shared<'a> {
    /// The context of every page; fails when the templates or the chart figure template do
    /// not build with the template functions.
    pub fn new(
        inputs: &'a Inputs,
        figures: &'a std::sync::Arc<Computed>,
        rounds: &'a [Assessed<'a>],
    ) -> Result<Self, Diagnostics> {
        let site = &inputs.site;
        let lang = site.config.language;
        let base_path = links::base_path(&site.config.base_url);
        let t = inputs.words.page.clone();
        let mut nav = vec![Link {
            title: t.home.clone(),
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
        // Second, after the home page: the list every region page's breadcrumb points to.
        nav.insert(
            1,
            Link {
                title: t.regions.clone(),
                url: format!("{base_path}wilayah/"),
            },
        );
        if let Some(a) = rounds.first() {
            nav.push(Link {
                title: inputs.words.assessment.nav.clone(),
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
        let mut diags = Diagnostics::new();
        let sources = inputs.templates.sources.clone();
        let charts = embed::Charts::new(
            inputs.site.clone(),
            figures.clone(),
            &sources,
            site_ctx.clone(),
            // Chart words and the status names a chart prints, in one lookup.
            inputs
                .words
                .chart
                .iter()
                .chain(&inputs.words.labels)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            &mut diags,
        );
        let tera = charts.as_ref().and_then(|charts| {
            super::templates::build(&sources, &mut diags, |t| charts.register(t))
        });
        let (Some(charts), Some(tera)) = (charts, tera) else {
            return Err(diags);
        };
        let emb = embed::Embedder {
            tera,
            sources,
            site_ctx,
            png: site.config.chart_png,
            charts,
        };
        Ok(Shared {
            site,
            c: figures,
            emb,
            errors: std::sync::Mutex::new(Vec::new()),
            lang,
            words: &inputs.words,
            rounds,
            changes: None,
        })
    }

    pub fn site_ctx(&self) -> &SiteCtx {
        &self.emb.site_ctx
    }

    /// A page's struct through its template, with charts placed, the share image chosen and
    /// every internal link made relative to the page.
    pub fn render(&self, template: &str, page: &impl Serialize) -> Result<String, Diagnostic> {
        let ctx = tera::Context::from_serialize(page)
            .map_err(|e| super::templates::template_error(&e, &self.emb.sources, None))?;
        let html = self
            .emb
            .tera
            .render(template, &ctx)
            .map_err(|e| super::templates::template_error(&e, &self.emb.sources, None))?;
        let html = self.share_image(html);
        // After share_image, which looks for the chart links in their site-absolute form.
        let root = ctx.get("root").and_then(|v| v.as_str()).unwrap_or("/");
        if root.starts_with('/') {
            // Site-absolute links stay as written: no second copy of the page.
            return Ok(html);
        }
        Ok(links::relativize(&html, &self.emb.site_ctx.base_path, root))
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
            let charts = self.emb.charts.drawn.lock().expect("chart registry lock");
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
        let mut html = html;
        html.replace_range(at..at + OG_IMAGE_MARK.len(), &tags);
        html
    }

    /// The common fields of a page at `url` (site-absolute; empty for the 404 page).
    pub fn base(&self, title: &str, url: &str, illustrative: bool) -> Base<'_> {
        let s = &self.emb.site_ctx;
        // og:url only with a host to put in front: a path alone is no use to a share preview.
        let page_abs_url = if s.origin.is_empty() || url.is_empty() {
            String::new()
        } else {
            format!("{}{url}", s.origin)
        };
        Base {
            site: s,
            page_title: title.to_string(),
            page_url: url.to_string(),
            illustrative,
            root: links::root_of(url, &s.base_path, !s.origin.is_empty()),
            page_abs_url,
            meta_description: self.describe("", title),
            data_as_of: String::new(),
            data_as_of_iso: String::new(),
            sources: Vec::new(),
        }
    }

    /// [`Shared::base`] with the page's source list and its "Data per" date (the newest
    /// source it cites); illustrative when any cited source is.
    pub fn base_cited(&self, title: &str, url: &str, cites: &Citations) -> Base<'_> {
        let mut b = self.base(title, url, self.has_illustrative(cites));
        b.sources = cites.list(self.site, self.words);
        let newest = cites.newest(self.site);
        b.data_as_of = newest
            .map(|d| format::date(d, self.lang))
            .unwrap_or_default();
        b.data_as_of_iso = newest.map(|d| d.to_string()).unwrap_or_default();
        b
    }

    /// Markdown of a content file, with its calls resolved against the site's data. Errors are
    /// collected for the end of the render, so every bad call in every file is reported.
    pub fn markdown(&self, p: &Page, cites: &mut Citations) -> String {
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

    /// The description of a page for search results and share previews: its own text when
    /// there is one, else the site's description, else its title; one line, at most 200
    /// characters.
    pub fn describe(&self, own: &str, title: &str) -> String {
        let own = own.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = if !own.is_empty() {
            own
        } else if !self.emb.site_ctx.description.trim().is_empty() {
            self.emb.site_ctx.description.trim().to_string()
        } else {
            title.to_string()
        };
        text::shorten(&text, 200)
    }

    pub fn region_url(&self, r: &Region) -> String {
        format!("{}wilayah/{}/", self.emb.site_ctx.base_path, r.slug)
    }

    pub fn value(&self, metric: &Metric, v: f64) -> String {
        format::value(v, metric.unit, self.lang)
    }

    pub fn has_illustrative(&self, cites: &Citations) -> bool {
        cites.order.iter().any(|id| {
            self.site
                .sources
                .get(id)
                .is_some_and(|s| s.kind == SourceKind::Illustrative)
        })
    }

    /// Link to /perubahan/ when the build compares with a previous release.
    pub fn changes_link(&self) -> Option<Link> {
        let s = self.changes.as_ref()?;
        Some(Link {
            title: s.title.clone(),
            url: format!("{}perubahan/", self.emb.site_ctx.base_path),
        })
    }
}
