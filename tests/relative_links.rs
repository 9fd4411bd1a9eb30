//! Pages that open from disk: every internal `href`/`src` of every built page is relative
//! and names a file that exists next to it (file:// shows no folder's index.html by itself),
//! while sitemap.xml and feed.xml keep absolute, clean addresses; a path-only base_url warns.
//! Each test builds a real site into a temporary folder.

mod common;

use common::*;
use std::path::{Component, Path, PathBuf};

const ABS: &str = "https://data.example.go.id/cakupan/";

/// Every `href="…"` and `src="…"` value of a page, in order.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("a closed attribute");
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Links that leave the site or stay on the page.
fn external(link: &str) -> bool {
    link.starts_with('#')
        || link.starts_with("https://")
        || link.starts_with("http://")
        || link.starts_with("mailto:")
        || link.starts_with("data:")
}

/// `dir/link` with `.` and `..` folded, or None when it climbs above the output folder.
fn resolve(out: &Path, page: &Path, link: &str) -> Option<PathBuf> {
    let path = link.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<String> = page
        .parent()
        .unwrap()
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for c in Path::new(path).components() {
        match c {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.iter().fold(out.to_path_buf(), |p, s| p.join(s)))
}

/// Every HTML file of a built site, relative to its folder.
fn pages(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walk(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| p.strip_prefix(out).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else {
            v.push(p);
        }
    }
    v
}

/// Asserts that every internal link of every page (but `skip`) is relative and names an
/// existing file; returns how many links were checked.
fn assert_links_resolve(out: &Path, skip: &[&str]) -> usize {
    let mut checked = 0;
    let mut bad = Vec::new();
    let all = pages(out);
    assert!(all.len() > 3, "too few pages: {all:?}");
    for page in &all {
        if skip.iter().any(|s| Path::new(s) == page) {
            continue;
        }
        let html = read(&out.join(page));
        for link in links(&html) {
            if external(&link) {
                continue;
            }
            checked += 1;
            if link.starts_with('/') || link.is_empty() {
                bad.push(format!("{}: `{link}` is not relative", page.display()));
                continue;
            }
            match resolve(out, page, &link) {
                Some(p) if p.is_file() => {}
                _ => bad.push(format!("{}: `{link}` names no file", page.display())),
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} broken links:\n{}",
        bad.len(),
        bad.join("\n")
    );
    checked
}

/// The test site with `base_url = "/"`, as a site previewed before it has an address.
fn path_only(site: TestSite) -> TestSite {
    site.replace("site.toml", BASE_URL_LINE, "base_url = \"/\"");
    site
}

/// The test site with a nested content page that draws a chart and links back into the site.
fn nested_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/laporan/2025/ringkas.md",
        "+++\ntitle = \"Ringkasan 2025\"\n+++\n\nLihat [Samarinda](/wilayah/kota-samarinda/#angka) dan [metodologi](/metodologi/).\n\n{{ chart(type=\"trend\", metric=\"cakupan\", region=\"64.01\") }}\n",
    );
    site
}

#[test]
fn every_internal_link_of_the_test_site_opens_from_disk() {
    let site = path_only(nested_site());
    site.build_ok();
    let out = site.out();
    // With a path-only base_url the 404 page is a root page on disk like index.html.
    let n = assert_links_resolve(&out, &[]);
    assert!(n > 50, "only {n} links checked");
    let nested = site.output("laporan/2025/ringkas/index.html");
    assert!(
        nested.contains("href=\"../../../wilayah/kota-samarinda/index.html#angka\""),
        "a writer's site link is made relative"
    );
    assert!(
        nested.contains("href=\"../../../grafik/"),
        "chart downloads"
    );
    assert!(site.output("404.html").contains("href=\"style.css\""));
}

#[test]
fn nested_pages_link_their_stylesheet_relatively() {
    let site = TestSite::new();
    site.build_ok();
    let home = site.output("index.html");
    assert!(home.contains("<link rel=\"stylesheet\" href=\"style.css\">"));
    assert!(home.contains("class=\"brand\" href=\"index.html\""));
    let region = site.output("wilayah/kota-samarinda/index.html");
    assert!(
        region.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"),
        "nested stylesheet must be relative"
    );
    assert!(
        region.contains("href=\"../../metodologi/index.html\""),
        "nav"
    );
    assert!(!region.contains("href=\"/"), "no site-absolute link left");
    // The fonts are named from style.css, which sits at the root with them.
    let css = site.output("style.css");
    assert!(!css.contains("url(\"/") && !css.contains("url(/"), "{css}");
}

#[test]
fn a_sub_folder_base_url_still_gives_relative_links_and_an_absolute_404() {
    let site = nested_site();
    site.replace("site.toml", BASE_URL_LINE, &format!("base_url = \"{ABS}\""));
    site.build_ok();
    let out = site.out();
    assert_links_resolve(&out, &["404.html"]);
    let region = site.output("wilayah/kabupaten-paser/index.html");
    assert!(region.contains("href=\"../../style.css\""));
    // og:url and canonical keep the clean absolute address.
    assert!(region.contains("href=\"https://data.example.go.id/cakupan/wilayah/kabupaten-paser/\""));
    // The 404 page is served at any depth: its links start at the base path.
    let nf = site.output("404.html");
    assert!(nf.contains("href=\"/cakupan/style.css\""), "{nf}");
    assert!(nf.contains("href=\"/cakupan/index.html\""));
    for link in links(&nf).iter().filter(|l| !external(l)) {
        assert!(link.starts_with("/cakupan/"), "404 link `{link}`");
    }
}

#[test]
fn the_example_site_opens_from_disk() {
    let (_tmp, out) = build_example();
    let n = assert_links_resolve(&out, &["404.html"]);
    assert!(n > 300, "only {n} links checked");
}

#[test]
fn sitemap_and_feed_stay_absolute_and_clean() {
    let site = nested_site();
    site.replace("site.toml", BASE_URL_LINE, &format!("base_url = \"{ABS}\""));
    let summary = site.build_ok();
    assert!(
        !summary
            .warnings
            .iter()
            .any(|w| w.message.contains("absolute base_url")),
        "an absolute base_url does not warn"
    );
    let sitemap = site.output("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    assert!(locs.len() > 5, "{sitemap}");
    for loc in &locs {
        assert!(loc.starts_with(ABS), "sitemap loc `{loc}`");
        assert!(
            loc.ends_with('/') && !loc.contains("index.html"),
            "clean: `{loc}`"
        );
    }
    assert!(locs.contains(&"https://data.example.go.id/cakupan/laporan/2025/ringkas/"));
    let feed = site.output("feed.xml");
    assert!(
        feed.contains("href=\"https://data.example.go.id/cakupan/feed.xml\""),
        "{feed}"
    );
    assert!(!feed.contains("href=\"/"), "{feed}");
}

#[test]
fn a_path_only_base_url_warns_at_its_line() {
    let site = path_only(TestSite::new());
    let summary = site.build_ok();
    let w: Vec<_> = summary
        .warnings
        .iter()
        .filter(|w| w.message.contains("the sitemap needs an absolute base_url"))
        .collect();
    assert_eq!(w.len(), 1, "{}", render(&summary.warnings));
    assert_at(w[0], "site.toml", 2, 12);
    assert!(hint(w[0]).contains("https://"), "{}", w[0]);
    // The pages themselves still link relatively.
    assert!(site
        .output("wilayah/kota-samarinda/index.html")
        .contains("href=\"../../style.css\""));

    // Left out, it is the default "/": the warning names the file.
    let site = TestSite::new();
    site.replace("site.toml", &format!("{BASE_URL_LINE}\n"), "");
    let summary = site.build_ok();
    let w = find(&summary.warnings, "the sitemap needs an absolute base_url");
    assert_eq!(w.location.file, Path::new("site.toml"));

    // A sub-folder path alone warns too; `check` says the same.
    let site = TestSite::new();
    site.replace("site.toml", BASE_URL_LINE, "base_url = \"/laporan/\"");
    let checked = cakupan::check(site.root()).expect("check passes");
    assert_at(
        find(&checked.warnings, "absolute base_url"),
        "site.toml",
        2,
        12,
    );
    // An invalid base_url is an error, not also this warning.
    let site = TestSite::new();
    site.replace("site.toml", BASE_URL_LINE, "base_url = \"laporan\"");
    let errs = site.build_err();
    assert!(!errs.iter().any(|d| d.message.contains("sitemap needs")));
}
