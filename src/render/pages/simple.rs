//! Pages with little of their own: the changes since the previous release and the 404 page.

use super::super::shared::{Base, Shared};
use super::super::OutFile;
use crate::diagnostics::Diagnostic;
use serde::Serialize;

/// What changes.html receives.
#[derive(Serialize)]
struct ChangesPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    changes: &'a crate::diff::Sections,
}

/// `/perubahan/`, when the build compares with a previous release.
pub(in crate::render) fn changes(sh: &Shared) -> Option<Result<OutFile, Diagnostic>> {
    let s = sh.changes.as_ref()?;
    let url = format!("{}perubahan/", sh.site_ctx().base_path);
    let page = ChangesPage {
        base: sh.base(&s.title, &url, false),
        changes: s,
    };
    Some(sh.render("changes.html", &page).map(|html| OutFile {
        path: "perubahan/index.html".into(),
        bytes: html.into_bytes(),
    }))
}

/// What 404.html receives.
#[derive(Serialize)]
struct NotFoundPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
}

pub(in crate::render) fn not_found(sh: &Shared) -> Result<OutFile, Diagnostic> {
    let page = NotFoundPage {
        base: sh.base(&sh.site_ctx().t.not_found_title, "", false),
    };
    let html = sh.render("404.html", &page)?;
    Ok(OutFile {
        path: "404.html".into(),
        bytes: html.into_bytes(),
    })
}
