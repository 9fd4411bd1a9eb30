//! Page addresses: the site's base path, each page's prefix to the site root, and the pass that
//! makes every internal link relative, so the site works from disk (file://) and under any folder.

/// The prefix from a page to the site's root folder: `""` for `index.html`, `"../../"` for
/// `wilayah/kota-bontang/index.html`, so the site works opened from disk (file://) as well as
/// served under any folder. `url` is the page's site-absolute URL. The 404 page (empty `url`)
/// is served by web servers at whatever depth the missing address had, so no relative prefix
/// fits it: with an absolute base_url it keeps site-absolute links (the base path), and with
/// a path-only one it is treated as the root page it is on disk.
pub(super) fn root_of(url: &str, base_path: &str, absolute_base: bool) -> String {
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
pub(super) fn relativize(html: &str, base_path: &str, root: &str) -> String {
    if root.starts_with('/') {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    // Where each ` href="` and ` src="` value starts, in page order: two vectorised substring
    // searches. Visiting every quote instead cost more than the rest of this function on the
    // pages of charts, whose SVG has thousands of attributes.
    let bytes = html.as_bytes();
    let mut starts: Vec<usize> = memchr::memmem::find_iter(bytes, b" href=\"")
        .map(|i| i + b" href=\"".len())
        .chain(memchr::memmem::find_iter(bytes, b" src=\"").map(|i| i + b" src=\"".len()))
        .collect();
    // A value ends at its first quote, so no opener lies inside another's value (a value's
    // closing quote may itself open the next, as it did for the quote walk).
    starts.sort_unstable();
    let mut copied = 0;
    for start in starts {
        let end = html[start..].find('"').map_or(html.len(), |i| i + start);
        out.push_str(&html[copied..start]);
        push_link(&mut out, &html[start..end], base_path, root);
        copied = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// One link's value as [`relativize`] writes it: a path of this site (under the base path,
/// or `/` as a writer types it) becomes `root` + path, with `index.html` for a folder; a
/// `//host` link or any other value stays as written.
fn push_link(out: &mut String, value: &str, base_path: &str, root: &str) {
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
}

/// Path part of `base_url`, so links work under a sub-folder (`https://x.go.id/laporan/`).
pub(crate) fn base_path(base_url: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::{base_path, relativize, root_of};
    use proptest::prelude::*;

    /// The pass as first written (a visit of every quote): the reference the substring-search
    /// version must find the same values as, byte for byte (both rewrite one with `push_link`).
    fn relativize_by_quotes(html: &str, base_path: &str, root: &str) -> String {
        if root.starts_with('/') {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len());
        // One forward scan over the quotes (a byte search each) for those that open an attribute
        // value, `="`: a substring search per attribute cost more than the rest of this function
        // on pages of charts, whose SVG has thousands of attributes.
        let bytes = html.as_bytes();
        let (mut copied, mut from) = (0, 0);
        while let Some(q) = html[from..].find('"').map(|i| i + from) {
            from = q + 1;
            if q == 0 || bytes[q - 1] != b'=' {
                continue;
            }
            let before = &html[..q - 1];
            if !(before.ends_with(" href") || before.ends_with(" src")) {
                continue;
            }
            let start = q + 1;
            let end = html[start..].find('"').map_or(html.len(), |i| i + start);
            out.push_str(&html[copied..start]);
            super::push_link(&mut out, &html[start..end], base_path, root);
            copied = end;
            from = end;
        }
        out.push_str(&html[copied..]);
        out
    }

    proptest! {
        /// Pages made of the pieces that matter (attribute openers, quotes, `=`, paths of the
        /// base, other hosts, anchors, queries), in any order.
        #[test]
        fn substring_search_rewrites_as_the_quote_walk_did(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    " href=\"", " src=\"", "\"", "=", " ", "href", "src", "/", "/kaltim/",
                    "//", "#a", "?q=1", "x", "<a", ">", "é", "\n",
                ]),
                0..60,
            ),
            base in proptest::sample::select(vec!["/", "/kaltim/"]),
            root in proptest::sample::select(vec!["", "../", "../../", "/kaltim/"]),
        ) {
            let html: String = pieces.concat();
            prop_assert_eq!(relativize(&html, base, root), relativize_by_quotes(&html, base, root));
        }
    }

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
