//! Markdown to HTML with pulldown-cmark.

use pulldown_cmark::{html, Event, Options, Parser};

/// Renders CommonMark with tables, footnotes and strikethrough. Raw HTML is shown as text
/// unless the site allows it (`allow_html`), as Hugo does: pages are published under a
/// government's name, and pasted markup from elsewhere should not run on them.
pub fn to_html(markdown: &str, allow_html: bool) -> String {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let parser = Parser::new_ext(markdown, opts).map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) if !allow_html => Event::Text(s),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    // Wide tables scroll inside their own box on phones instead of widening the page.
    out.replace("<table>", "<div class=\"table-wrap\"><table>")
        .replace("</table>", "</table></div>")
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn raw_html_is_escaped_by_default() {
        let html = to_html("Hi <script>x</script>", false);
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(to_html("Hi <b>x</b>", true).contains("<b>x</b>"));
    }

    #[test]
    fn tables_render() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n", false);
        assert!(html.contains("<div class=\"table-wrap\"><table>"));
        assert!(html.contains("<td>2</td>"));
    }
}
