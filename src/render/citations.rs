//! The sources cited on one page, numbered in order of first citation.

use super::context::{Cite, SourceCtx};
use crate::format;
use crate::model::{Site, SourceKind};

/// Collects the sources cited on one page, numbering them in order of first citation.
#[derive(Default)]
pub struct Citations {
    pub(super) order: Vec<String>,
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

    pub(super) fn list(&self, site: &Site, words: &super::i18n::Words) -> Vec<SourceCtx> {
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
                    kind: words.label(s.kind.id()).to_string(),
                    illustrative: s.kind == SourceKind::Illustrative,
                })
            })
            .collect()
    }
}
