//! `content/**/*.md`: markdown pages and region narratives with TOML front matter.
//!
//! Links and images in the body are held to [`urlpolicy`] here, so `check` and `build` refuse a
//! `javascript:` link with its line and column instead of publishing it.

use super::tomlfile;
use crate::diagnostics::{Diagnostics, Location};
use crate::model::Page;
use crate::period::Date;
use crate::urlpolicy;
use pulldown_cmark::{Event, LinkType, Parser, Tag};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    date: Option<Spanned<toml::Value>>,
    region: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    description: Option<String>,
    #[serde(default)]
    weight: i64,
}

pub fn load(root: &Path, diags: &mut Diagnostics) -> Vec<Page> {
    let files = super::walk::files(root, "content", diags);
    // Files are independent (each is parsed and its links checked), so read them in parallel;
    // results come back in path order, so diagnostics and pages stay deterministic.
    use rayon::prelude::*;
    let per_file: Vec<(Option<Page>, Diagnostics)> = files
        .par_iter()
        .map(|path| {
            let mut d = Diagnostics::new();
            let page = load_one(root, path, &mut d);
            (page, d)
        })
        .collect();
    let mut pages = Vec::new();
    for (page, d) in per_file {
        diags.extend(d);
        pages.extend(page);
    }
    pages
}

/// One file of `content/`: its page, or None for drafts, files that are not pages and errors.
fn load_one(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<Page> {
    let dir = root.join("content");
    {
        let shown = crate::diagnostics::display_path(root, path);
        let is_md = path.extension().and_then(|e| e.to_str()) == Some("md");
        if !is_md {
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                diags.warn(
                    Location::file(&shown),
                    "this file is not read: only files ending in .md (lower case) are pages",
                    "rename the file to end in .md",
                );
            }
            return None;
        }
        // The file's name becomes the page's address: a name such as `\tmp\x\site.md` is a
        // legal Linux file name that would otherwise be published outside the site.
        let rel = match crate::safepath::relative_name(path, &dir) {
            Ok(rel) => rel,
            Err(why) => {
                diags.error_hint(
                    Location::file(&shown),
                    format!("this file name cannot become a page address: {why}"),
                    "rename the file using letters, digits, - and _ only (e.g. content/metodologi.md)",
                );
                return None;
            }
        };
        let text = tomlfile::read_text(path, &shown, diags)?;
        let (page, draft) = parse(&text, &shown, &rel, diags)?;
        (!draft).then_some(page)
    }
}

/// Parses one file; returns the page and whether it is a draft.
pub fn parse(text: &str, shown: &Path, rel: &str, diags: &mut Diagnostics) -> Option<(Page, bool)> {
    let normalized;
    let text = if text.contains("\r\n") {
        normalized = text.replace("\r\n", "\n");
        &normalized
    } else {
        text
    };
    let Some(rest) = text.strip_prefix("+++\n") else {
        diags.error_hint(
            Location::new(shown, 1, 1),
            "the file does not start with front matter",
            "begin the file with a line +++, then title = \"...\", then another line +++",
        );
        return None;
    };
    // An empty block (`+++` right after `+++`) is closed; its missing title is reported below.
    let closing = if rest.starts_with("+++") {
        Some(usize::MAX)
    } else {
        rest.find("\n+++")
    };
    let Some(end) = closing else {
        diags.error_hint(
            Location::new(shown, 1, 1),
            "the front matter is not closed",
            "add a line with only +++ after the last front matter line",
        );
        return None;
    };
    let (front, after) = if end == usize::MAX {
        ("", &rest[3..])
    } else {
        (&rest[..end + 1], &rest[end + 4..])
    };
    let body = after.strip_prefix('\n').unwrap_or(after);
    let front_lines = front.matches('\n').count();
    // +1 for the opening +++, +1 for the closing one, +1 to move to the first body line
    let body_line = front_lines + 3;
    check_links(body, shown, body_line, diags);
    let fm: FrontMatter = tomlfile::parse(front, shown, 1, diags)?;
    let region_location = match &fm.region {
        Some(r) => tomlfile::span_location(shown, front, r.span(), 1),
        None => Location::new(shown, 1, 1),
    };
    let date = fm.date.and_then(|d| {
        let loc = tomlfile::span_location(shown, front, d.span(), 1);
        tomlfile::date_text(d.get_ref())
            .and_then(|text| Date::parse(&text))
            .map_err(|e| diags.error_hint(loc, e, "write the date as 2025-08-05"))
            .ok()
    });
    Some((
        Page {
            rel_path: rel.to_string(),
            title: fm.title,
            date,
            region: fm.region.map(Spanned::into_inner),
            region_location,
            description: fm.description,
            weight: fm.weight,
            body: body.to_string(),
            body_line,
            location: Location::new(shown, 1, 1),
        },
        fm.draft,
    ))
}

/// Refuses every link and image destination in `body` that fails [`urlpolicy::check`], at the
/// file line and column where the link (or, for `[text][ref]` links, the `[ref]: ...`
/// definition) starts. `first_line` is the file line of the body's first line. Parsed with the
/// renderer's own options, so the links checked are the links rendered; `{{ ... }}` calls are
/// plain text to markdown and need no special case.
fn check_links(body: &str, shown: &Path, first_line: usize, diags: &mut Diagnostics) {
    let at = |offset: usize| {
        let (line, column) = crate::diagnostics::line_col(body, offset);
        Location::new(shown, first_line + line - 1, column)
    };
    let parser = Parser::new_ext(body, crate::render::markdown::options());
    // Definitions are checked where they are written, used or not: that is where the fix goes.
    for (_, def) in parser.reference_definitions().iter() {
        if let Err(e) = urlpolicy::check(&def.dest) {
            diags.error_hint(
                at(def.span.start),
                format!("link definition: {e}"),
                urlpolicy::HINT,
            );
        }
    }
    for (event, range) in parser.into_offset_iter() {
        let (what, link_type, dest) = match &event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => ("link", link_type, dest_url),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => ("image", link_type, dest_url),
            _ => continue,
        };
        let from_definition = matches!(
            link_type,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
        );
        if from_definition {
            continue;
        }
        if let Err(e) = urlpolicy::check(dest) {
            diags.error_hint(at(range.start), format!("{what}: {e}"), urlpolicy::HINT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body_line() {
        let mut d = Diagnostics::new();
        let (p, draft) = parse(
            "+++\ntitle = \"A\"\nregion = \"64.08\"\n+++\n\nHello",
            Path::new("c/a.md"),
            "a.md",
            &mut d,
        )
        .unwrap();
        assert!(d.is_empty());
        assert!(!draft);
        assert_eq!(p.title, "A");
        assert_eq!(p.region.as_deref(), Some("64.08"));
        assert_eq!((p.region_location.line, p.region_location.column), (3, 10));
        assert_eq!(p.body_line, 5);
        assert_eq!(p.body, "\nHello");
    }

    #[test]
    fn empty_front_matter_asks_for_a_title() {
        let mut d = Diagnostics::new();
        assert!(parse("+++\n+++\nTeks\n", Path::new("c/a.md"), "a.md", &mut d).is_none());
        let errs = d.into_sorted();
        assert!(errs[0].message.contains("title"), "{}", errs[0]);
    }

    #[test]
    fn front_matter_error_points_at_file_line() {
        let mut d = Diagnostics::new();
        assert!(parse(
            "+++\ntitle = \"A\"\ndate = 2025-08-05x\n+++\n",
            Path::new("c/a.md"),
            "a.md",
            &mut d
        )
        .is_none());
        let errs = d.into_sorted();
        assert_eq!(errs[0].location.line, 3, "{}", errs[0]);
    }

    #[test]
    fn script_links_are_refused_where_written() {
        let mut d = Diagnostics::new();
        let text = "+++\ntitle = \"A\"\n+++\n\nTeks [a](javascript:x) dan ![g](/ok.png).\n\n\
                    Lihat [b][r] {{ value(metric=\"m\") }}\n\n  [r]: DATA:text/html,x\n";
        assert!(parse(text, Path::new("c/a.md"), "a.md", &mut d).is_some());
        let errs = d.into_sorted();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!((errs[0].location.line, errs[0].location.column), (5, 6));
        assert!(errs[0].message.starts_with("link: "), "{}", errs[0]);
        assert_eq!((errs[1].location.line, errs[1].location.column), (9, 3));
        assert!(errs[1].message.contains("`data:`"), "{}", errs[1]);
    }
}
