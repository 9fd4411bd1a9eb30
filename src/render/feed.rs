//! `feed.xml`: an Atom feed of the dated content pages, newest first, so readers and news
//! desks can follow new reports without visiting the site.
//!
//! Links are absolute when `base_url` is a full http(s) address (feed readers resolve nothing
//! else reliably); with a path-only `base_url` they start at the site root. Every text is
//! escaped and stripped of the control characters XML 1.0 forbids, so a hostile title can
//! neither break the document nor add elements to it.

use super::OutFile;
use crate::model::Site;
use crate::period::Date;

/// `https://host` of an absolute http(s) `base_url`, else `None` (a path-only base URL).
pub fn origin(base_url: &str) -> Option<String> {
    let lower = base_url.to_ascii_lowercase();
    let rest_at = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return None;
    };
    let host_end = base_url[rest_at..]
        .find('/')
        .map(|i| rest_at + i)
        .unwrap_or(base_url.len());
    if host_end == rest_at {
        return None;
    }
    Some(base_url[..host_end].to_string())
}

/// Text for XML: escaped, with the characters XML 1.0 cannot hold removed.
pub fn xml_text(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| {
            let allowed = !c.is_control() || matches!(c, '\t' | '\n' | '\r');
            allowed && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    crate::charts::escape(&clean).replace('\'', "&#39;")
}

/// RFC 3339 time of a date, at midnight UTC; a date without day or month takes the first.
pub fn rfc3339(d: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

/// The Atom feed of every content page with a `date`, newest first (pages of one date by
/// address, so the file is the same on every build).
pub fn atom(site: &Site, base_path: &str) -> OutFile {
    let origin = origin(&site.config.base_url);
    let abs = |path: &str| match &origin {
        Some(o) => format!("{o}{path}"),
        None => path.to_string(),
    };
    // An entry id must be a stable IRI; without a host, a tag under the reserved `.invalid`
    // domain is one that can never collide with a real address.
    let id = |path: &str| match &origin {
        Some(o) => format!("{o}{path}"),
        None => format!("tag:cakupan.invalid,2000:{path}"),
    };
    let mut pages: Vec<(Date, String, &crate::model::Page)> = site
        .pages
        .iter()
        .filter(|p| p.region.is_none() && !p.is_home())
        .filter_map(|p| Some((p.date?, format!("{base_path}{}", p.url_path()), p)))
        .collect();
    pages.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let updated = pages
        .first()
        .map(|p| p.0)
        .or_else(|| site.sources.values().filter_map(|s| s.date).max())
        .map(rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        site.config.language.code()
    ));
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        xml_text(&site.config.title)
    ));
    if let Some(d) = site.config.description.as_deref().filter(|d| !d.is_empty()) {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", xml_text(d)));
    }
    xml.push_str(&format!("  <id>{}</id>\n", xml_text(&id(base_path))));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_text(&abs(base_path))
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_text(&abs(&format!("{base_path}feed.xml")))
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_text(&site.config.title)
    ));
    for (date, path, p) in &pages {
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", xml_text(&p.title)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_text(&abs(path))
        ));
        xml.push_str(&format!("    <id>{}</id>\n", xml_text(&id(path))));
        xml.push_str(&format!("    <published>{}</published>\n", rfc3339(*date)));
        xml.push_str(&format!("    <updated>{}</updated>\n", rfc3339(*date)));
        if let Some(d) = p.description.as_deref().filter(|d| !d.is_empty()) {
            xml.push_str(&format!("    <summary>{}</summary>\n", xml_text(d)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutFile {
        path: "feed.xml".into(),
        bytes: xml.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(
            origin("https://data.example.go.id/cakupan/").as_deref(),
            Some("https://data.example.go.id")
        );
        assert_eq!(origin("HTTP://x.id").as_deref(), Some("HTTP://x.id"));
        assert_eq!(origin("/cakupan/"), None);
        assert_eq!(origin("https:///x"), None);
    }

    #[test]
    fn xml_text_escapes_and_drops_controls() {
        assert_eq!(
            xml_text("a<b>&\"'\u{0}\u{1b}c"),
            "a&lt;b&gt;&amp;&quot;&#39;c"
        );
    }
}
