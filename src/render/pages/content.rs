//! A page written in content/ (methodology, news, the home text is rendered by `home`).

use super::super::citations::Citations;
use super::super::shared::{Base, Shared};
use super::super::{text, OutFile};
use crate::diagnostics::Diagnostic;
use crate::format;
use crate::model::Page;
use serde::Serialize;

/// What page.html receives.
#[derive(Serialize)]
struct ContentPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    title: &'a str,
    date: String,
    description: &'a str,
    content: String,
}

pub(in crate::render) fn render(sh: &Shared, p: &Page) -> Result<OutFile, Diagnostic> {
    let url = format!("{}{}", sh.site_ctx().base_path, p.url_path());
    let mut cites = Citations::default();
    let content = sh.markdown(p, &mut cites);
    let mut base = sh.base_cited(&p.title, &url, &cites);
    let own = p
        .description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| text::first_sentence(&content));
    base.meta_description = sh.describe(&own, &p.title);
    let page = ContentPage {
        base,
        title: &p.title,
        date: p.date.map(|d| format::date(d, sh.lang)).unwrap_or_default(),
        description: p.description.as_deref().unwrap_or_default(),
        content,
    };
    let html = sh.render("page.html", &page)?;
    Ok(OutFile {
        path: format!("{}index.html", p.url_path()),
        bytes: html.into_bytes(),
    })
}
