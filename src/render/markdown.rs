//! Markdown to HTML with pulldown-cmark, with every link and image held to the URL policy.

use super::mdtables;
use crate::urlpolicy;
use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The markdown dialect, shared with the load-time link check so both see the same links.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders CommonMark with tables, footnotes and strikethrough. Raw HTML is shown as text
/// unless the site allows it (`allow_html`), as Hugo does: pages are published under a
/// government's name, and pasted markup from elsewhere should not run on them. Allowed HTML is
/// still sanitized ([`sanitize`]).
///
/// Links and images whose destination fails [`urlpolicy::check`] lose their `<a>`/`<img>` and
/// keep only their text. Loading refuses such links with a located error first; this is the
/// second line, so a bug or a new caller that skips loading cannot publish a script link.
///
/// Tables get their captions and scroll boxes ([`mdtables`]); `table_word` names a box whose
/// table has neither caption nor heading, in the site's language.
pub fn to_html(markdown: &str, allow_html: bool, table_word: &str) -> String {
    // One entry per open link or image: whether its tags are being dropped.
    let mut open: Vec<bool> = Vec::new();
    let parser = Parser::new_ext(markdown, options()).filter_map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) if !allow_html => Some(Event::Text(s)),
        Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
            let bad = urlpolicy::check(dest_url).is_err();
            open.push(bad);
            (!bad).then_some(ev)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            let bad = open.pop().unwrap_or(false);
            (!bad).then_some(ev)
        }
        other => Some(other),
    });
    let (events, names) = mdtables::captions(parser.collect(), table_word);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if allow_html {
        out = sanitize(&out);
    }
    // Every table of the page is a markdown table or raw HTML holding `<table`, each of
    // which `captions` gave a name: without names there is nothing to wrap.
    if names.is_empty() {
        return out;
    }
    mdtables::wrap(&out, &names, table_word)
}

/// Cleans HTML written by hand in markdown (`allow_html = true`) with ammonia: the usual
/// document tags (headings, tables, figures, details/summary, ...) with `class`, `id`, `title`
/// and `lang` stay; scripts, styles, forms, frames and every `on*` attribute go; `href` and `src`
/// must pass the same [`urlpolicy`] as markdown links.
pub fn sanitize(html: &str) -> String {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_generic_attributes(["class", "id"])
                .add_tag_attributes("th", ["style"])
                .add_tag_attributes("td", ["style"])
                // pulldown-cmark aligns table columns with style="text-align: ...".
                .filter_style_properties(HashSet::from(["text-align"]))
                .url_schemes(urlpolicy::SCHEMES.into_iter().collect())
                // Authors' links stay as written; rel="noopener" would change every link.
                .link_rel(None)
                .attribute_filter(|_element, attr, value| {
                    if matches!(attr, "href" | "src") && urlpolicy::check(value).is_err() {
                        None
                    } else {
                        Some(value.into())
                    }
                });
            b
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn raw_html_is_escaped_by_default() {
        let html = to_html("Hi <script>x</script>", false, "Tabel");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(to_html("Hi <b>x</b>", true, "Tabel").contains("<b>x</b>"));
    }

    #[test]
    fn tables_render() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n", false, "Table");
        assert!(html.contains(
            "<div class=\"table-wrap\" role=\"group\" tabindex=\"0\" aria-label=\"Table\"><table>"
        ));
        assert!(html.contains("<td>2</td>"));
        assert!(
            html.ends_with("</table></div>\n") || html.ends_with("</table></div>"),
            "{html}"
        );
    }

    #[test]
    fn caption_after_the_table_becomes_its_caption() {
        let md = "## Klaim\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: Klaim per *program*, 2024\n\nSesudah.\n";
        let html = to_html(md, false, "Tabel");
        assert!(
            html.contains("<table><caption>Klaim per <em>program</em>, 2024</caption>"),
            "{html}"
        );
        assert!(
            html.contains("aria-label=\"Klaim per program, 2024\""),
            "{html}"
        );
        // The caption paragraph is not repeated under the table; the next one stays.
        assert!(!html.contains("<p>: Klaim"), "{html}");
        assert!(html.contains("<p>Sesudah.</p>"), "{html}");
    }

    #[test]
    fn caption_before_the_table_with_a_prefix() {
        for md in [
            "Tabel: Peserta aktif\n\n| a |\n|---|\n| 1 |\n",
            "table:   Peserta aktif\n\n| a |\n|---|\n| 1 |\n",
        ] {
            let html = to_html(md, false, "Tabel");
            assert!(
                html.contains("<caption>Peserta aktif</caption>"),
                "{md}: {html}"
            );
            assert!(!html.contains("<p>"), "{md}: {html}");
        }
        // A paragraph that merely mentions a table stays a paragraph.
        let html = to_html(
            "Lihat tabel: di bawah\n\n| a |\n|---|\n| 1 |\n",
            false,
            "Tabel",
        );
        assert!(html.contains("<p>Lihat tabel: di bawah</p>"), "{html}");
    }

    #[test]
    fn uncaptioned_table_is_named_by_its_heading_for_screen_readers() {
        let html = to_html(
            "## Angka `BPJS` & klaim\n\nTeks.\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n",
            false,
            "Tabel",
        );
        assert_eq!(
            html.matches("<caption class=\"visually-hidden\">Angka BPJS &amp; klaim</caption>")
                .count(),
            2,
            "{html}"
        );
        assert_eq!(
            html.matches("aria-label=\"Angka BPJS &amp; klaim\"")
                .count(),
            2,
            "{html}"
        );
        assert_eq!(html.matches("<div class=\"table-wrap\"").count(), 2);
        assert_eq!(html.matches("</table></div>").count(), 2);
    }

    #[test]
    fn hostile_caption_text_is_escaped() {
        let md = "| a |\n|---|\n| 1 |\n\n: <script>x</script> \"q\"\n";
        for allow in [false, true] {
            let html = to_html(md, allow, "Tabel");
            assert!(!html.contains("<script"), "{html}");
            assert!(html.contains("<caption>"), "{html}");
            assert!(!html.contains("aria-label=\"<"), "{html}");
        }
    }

    #[test]
    fn raw_tables_are_wrapped_once_with_nesting() {
        let md =
            "<table class=\"x\"><tr><td><table><tr><td>i</td></tr></table></td></tr></table>\n\n\
                  | a |\n|---|\n| 1 |\n\n: Kedua\n";
        let html = to_html(md, true, "Tabel");
        assert_eq!(
            html.matches("<div class=\"table-wrap\"").count(),
            2,
            "{html}"
        );
        assert_eq!(html.matches("</table></div>").count(), 2, "{html}");
        assert!(
            html.contains("aria-label=\"Kedua\"><table><caption>Kedua</caption>"),
            "{html}"
        );
    }

    #[test]
    fn script_links_lose_their_tags_but_keep_their_text() {
        for md in [
            "[klik](javascript:alert(1))",
            "[klik](&#x6A;avascript:alert(1))",
            "<javascript:alert(1)>",
            "[klik][r]\n\n[r]: JAVASCRIPT:alert(1)",
            "![klik](data:text/html;base64,PHNjcmlwdD4=)",
        ] {
            for allow in [false, true] {
                let html = to_html(md, allow, "Tabel");
                assert!(!html.contains("<a"), "{md}: {html}");
                assert!(!html.contains("<img"), "{md}: {html}");
                assert!(!html.to_lowercase().contains("href"), "{md}: {html}");
            }
        }
        let html = to_html(
            "[klik](javascript:x) dan [baik](https://example.org)",
            false,
            "Tabel",
        );
        assert!(
            html.contains("klik dan <a href=\"https://example.org\">baik</a>"),
            "{html}"
        );
    }

    #[test]
    fn allowed_html_is_sanitized() {
        let html = to_html(
            "<b onclick=\"x()\">tebal</b><script>alert(1)</script><img src=x onerror=alert(1)>\n\n\
             <a href=\"&#106;avascript:alert(1)\">a</a> <a href=\"/ok/\">b</a>\n\n\
             | a |\n|:-:|\n| 1 |\n",
            true,
            "Tabel",
        );
        assert!(html.contains("<b>tebal</b>"), "{html}");
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<a>a</a>"), "{html}");
        assert!(html.contains("<a href=\"/ok/\">b</a>"), "{html}");
        assert!(html.contains("text-align"), "{html}");
    }
}
