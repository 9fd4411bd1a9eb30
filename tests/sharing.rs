//! Sharing: Open Graph / Twitter tags and the meta description, the Atom feed, and "Data per"
//! dates (on each page and as `data_as_of` in data/summary.json). Each test builds a real site.

mod common;

use common::*;

const ABS: &str = "https://data.example.go.id/cakupan/";

fn abs_site() -> TestSite {
    let site = TestSite::new();
    site.replace("site.toml", BASE_URL_LINE, &format!("base_url = \"{ABS}\""));
    site
}

/// The `content` of the first `<meta property|name="key" ...>` in the head, if any.
fn meta(html: &str, key: &str) -> Option<String> {
    let head = &html[..html.find("</head>").expect("a head")];
    let at = head
        .find(&format!("property=\"{key}\""))
        .or_else(|| head.find(&format!("name=\"{key}\"")))?;
    let rest = &head[at..];
    let c = rest.find("content=\"").expect("content attribute") + 9;
    Some(rest[c..c + rest[c..].find('"').unwrap()].to_string())
}

#[test]
fn og_tags_use_absolute_urls_and_the_pages_chart() {
    let site = abs_site();
    site.build_ok();
    // Paser has figures for 2023 and 2024: its page draws a trend chart.
    let html = site.output("wilayah/kabupaten-paser/index.html");
    assert_eq!(
        meta(&html, "og:url").as_deref(),
        Some("https://data.example.go.id/cakupan/wilayah/kabupaten-paser/")
    );
    let image = meta(&html, "og:image").expect("og:image");
    let file = image
        .strip_prefix("https://data.example.go.id/cakupan/")
        .unwrap_or_else(|| panic!("not absolute under base_url: {image}"));
    assert!(
        file.starts_with("grafik/trend-") && file.ends_with(".png"),
        "{image}"
    );
    assert!(site.out().join(file).is_file(), "{file} is not written");
    assert_eq!(meta(&html, "twitter:image"), Some(image.clone()));
    assert_eq!(
        meta(&html, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(meta(&html, "og:title").as_deref(), Some("Kabupaten Paser"));
    // No description anywhere: the key figure, in Indonesian formatting.
    let desc = meta(&html, "description").unwrap();
    assert_eq!(desc, "Cakupan kepesertaan Kabupaten Paser: 64% (2024).");
    assert_eq!(meta(&html, "og:description"), Some(desc));
    assert!(html.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Cakupan Uji\" href=\"https://data.example.go.id/cakupan/feed.xml\">"
    ));
    // The home page's og:image is its ranking chart; the mark is never left behind.
    let home = site.output("index.html");
    assert_eq!(
        meta(&home, "og:url").as_deref(),
        Some("https://data.example.go.id/cakupan/")
    );
    assert!(meta(&home, "og:image")
        .unwrap()
        .contains("/grafik/ranking-"));
    assert!(!home.contains("cakupan:og-image"));
}

#[test]
fn relative_base_url_omits_og_url_and_image_but_keeps_the_rest() {
    let site = TestSite::new();
    site.replace("site.toml", BASE_URL_LINE, "base_url = \"/\"");
    site.build_ok();
    let html = site.output("wilayah/kabupaten-paser/index.html");
    assert_eq!(meta(&html, "og:url"), None);
    assert_eq!(meta(&html, "og:image"), None);
    assert!(!html.contains("rel=\"canonical\""));
    assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary"));
    assert_eq!(meta(&html, "og:title").as_deref(), Some("Kabupaten Paser"));
    assert!(meta(&html, "og:description").is_some_and(|d| !d.is_empty()));
    assert!(html
        .contains("type=\"application/atom+xml\" title=\"Cakupan Uji\" href=\"../../feed.xml\""));
}

#[test]
fn no_og_image_without_chart_pngs() {
    let site = abs_site();
    site.write(
        "site.toml",
        &format!("{}chart_png = false\n", site.read("site.toml")),
    );
    site.build_ok();
    let html = site.output("wilayah/kabupaten-paser/index.html");
    assert_eq!(meta(&html, "og:image"), None);
    assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary"));
    assert!(meta(&html, "og:url").is_some());
}

#[test]
fn descriptions_from_front_matter_else_first_sentence() {
    let site = abs_site();
    site.write(
        "content/ringkas.md",
        "+++\ntitle = \"Ringkas\"\ndescription = \"Ringkasan   cakupan\\n2024.\"\n+++\n\nIsi pertama.\n",
    );
    site.write(
        "content/catatan.md",
        "+++\ntitle = \"Catatan\"\n+++\n\n## Judul\n\nKalimat *pertama* & kedua. Kalimat berikutnya.\n",
    );
    site.build_ok();
    let r = site.output("ringkas/index.html");
    assert_eq!(
        meta(&r, "description").as_deref(),
        Some("Ringkasan cakupan 2024.")
    );
    let c = site.output("catatan/index.html");
    assert_eq!(
        meta(&c, "og:description").as_deref(),
        Some("Kalimat pertama &amp; kedua.")
    );
}

#[test]
fn hostile_titles_are_escaped_in_tags_and_feed() {
    let site = abs_site();
    let hostile = r#""><script>alert(1)</script> & 'x' \u0001"#;
    site.write(
        "content/serang.md",
        &format!(
            "+++\ntitle = \"{}\"\ndate = \"2025-09-01\"\ndescription = \"{}\"\n+++\n\nTeks.\n",
            hostile.replace('"', "\\\""),
            hostile.replace('"', "\\\"")
        ),
    );
    site.build_ok();
    let html = site.output("serang/index.html");
    assert!(
        !html.contains("<script>alert"),
        "unescaped title in the page"
    );
    assert!(meta(&html, "og:title").unwrap().contains("&lt;script&gt;"));
    let feed = site.output("feed.xml");
    assert!(!feed.contains("<script>"));
    assert!(
        !feed.contains('\u{1}'),
        "a control character XML cannot hold"
    );
    assert!(
        feed.contains(
            "<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39; </title>"
        ),
        "{feed}"
    );
}

#[test]
fn feed_lists_dated_pages_newest_first_with_absolute_links() {
    let site = abs_site();
    site.write(
        "content/lama.md",
        "+++\ntitle = \"Lama\"\ndate = \"2024-03-01\"\n+++\n\nx\n",
    );
    site.write(
        "content/baru.md",
        "+++\ntitle = \"Baru\"\ndate = \"2025-12-31\"\n+++\n\nx\n",
    );
    site.write(
        "content/bulan.md",
        "+++\ntitle = \"Bulan\"\ndate = \"2025-08\"\n+++\n\nx\n",
    );
    site.write(
        "content/tanpa.md",
        "+++\ntitle = \"Tanpa tanggal\"\n+++\n\nx\n",
    );
    site.build_ok();
    let feed = site.output("feed.xml");
    let titles: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| {
            let s = e.find("<title>").unwrap() + 7;
            &e[s..s + e[s..].find("</title>").unwrap()]
        })
        .collect();
    // metodologi is dated 2025-08-05, after "2025-08" (a month reads as its first day).
    assert_eq!(titles, ["Baru", "Metodologi", "Bulan", "Lama"]);
    assert!(feed.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://data.example.go.id/cakupan/baru/\"/>\n    <id>https://data.example.go.id/cakupan/baru/</id>\n    <published>2025-12-31T00:00:00Z</published>"
    ), "{feed}");
    assert!(feed.contains("<published>2025-08-01T00:00:00Z</published>"));
    assert!(feed.contains("<updated>2025-12-31T00:00:00Z</updated>\n  <author>"));
    assert!(!feed.contains("Tanpa tanggal"));
    assert!(feed.contains("href=\"https://data.example.go.id/cakupan/feed.xml\""));
    // Relative base_url: links from the root, ids still unique IRIs.
    let rel = TestSite::new();
    rel.replace("site.toml", BASE_URL_LINE, "base_url = \"/\"");
    rel.build_ok();
    let feed = rel.output("feed.xml");
    assert!(feed.contains("href=\"/metodologi/\""), "{feed}");
    assert!(feed.contains("<id>tag:cakupan.invalid,2000:/metodologi/</id>"));
}

#[test]
fn data_per_is_the_newest_cited_source_of_each_page() {
    let site = TestSite::new();
    site.build_ok();
    // Paser's figures all come from bpjstk-2024 (dated 2025-02-10).
    let paser = site.output("wilayah/kabupaten-paser/index.html");
    assert!(
        paser.contains("Data per <time datetime=\"2025-02-10\">10 Februari 2025</time>"),
        "{paser}"
    );
    // Samarinda's come from berita-2025 (2025-08-05).
    let smd = site.output("wilayah/kota-samarinda/index.html");
    assert!(smd.contains("Data per <time datetime=\"2025-08-05\">5 Agustus 2025</time>"));
    // The home page cites both.
    let home = site.output("index.html");
    assert!(home.contains("Data per <time datetime=\"2025-08-05\">5 Agustus 2025</time>"));
    // A page citing nothing says nothing.
    let m = site.output("metodologi/index.html");
    assert!(!m.contains("Data per"));
}

#[test]
fn data_as_of_is_the_newest_source_a_figure_names() {
    let site = TestSite::new();
    // A newer source that no figure uses does not make the data newer...
    site.write(
        "data/sources.toml",
        &format!(
            "{SOURCES_TOML}\n[bacaan]\ntitle = \"Bacaan\"\npublisher = \"X\"\ndate = \"2026-01-01\"\nkind = \"news\"\n"
        ),
    );
    site.build_ok();
    let json: serde_json::Value = serde_json::from_str(&site.output("data/summary.json")).unwrap();
    assert_eq!(json["data_as_of"], "2025-08-05");
    // ...and one it does use, dated later, does (an older period, a newer publication).
    site.write(
        "data/observations/baru.csv",
        "region,metric,period,value,source,note\n64.74,cakupan,2022,70,bacaan,\n",
    );
    site.build_ok();
    let json: serde_json::Value = serde_json::from_str(&site.output("data/summary.json")).unwrap();
    assert_eq!(json["data_as_of"], "2026-01-01");
    // Bontang's page cites only its latest figure (2024, bpjstk-2024): its own date, not the
    // site's.
    let b = site.output("wilayah/kota-bontang/index.html");
    assert!(b.contains("Data per <time datetime=\"2025-02-10\">10 Februari 2025</time>"));
}
