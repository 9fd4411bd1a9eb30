//! Builds the repository's own example site (Kalimantan Timur) and checks the published pages
//! against figures in the sourced data files.

mod common;

use common::{build_example, example_root as root, read};

/// Text of the element following `marker`, tags stripped, for loose content checks.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_region_gets_a_page_and_figures_match_the_data() {
    let (_t, out) = build_example();
    let regions = read(&root().join("data/regions.csv"));
    let names: Vec<&str> = regions
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    assert_eq!(names.len(), 10);
    for name in &names {
        let slug = name.to_lowercase().replace(' ', "-");
        let page = out.join(format!("wilayah/{slug}/index.html"));
        let html = read(&page);
        assert!(
            html.contains(&format!("<h1>{name}</h1>")),
            "{slug} lacks its heading"
        );
    }
    // Samarinda, September 2025: 141.278 active participants of 349.784 potential workers,
    // 40,39% coverage (borneoflash, 1 November 2025).
    let sam = strip_tags(&read(&out.join("wilayah/kota-samarinda/index.html")));
    assert!(sam.contains("40,39%"), "coverage in Indonesian format");
    assert!(sam.contains("141.278"));
    assert!(sam.contains("349.784"));
    assert!(sam.contains("September 2025"));
    // change from 44,98% (May 2025) to 40,39%: -4,59 points
    assert!(
        sam.contains("-4,59 poin"),
        "change against the previous period"
    );
    // the cited source is listed with its publisher
    assert!(
        sam.contains("borneoflash") || sam.contains("Borneoflash") || sam.contains("BorneoFlash")
    );
}

#[test]
fn home_ranks_regions_with_ties_sharing_a_rank() {
    let (_t, out) = build_example();
    let html = read(&out.join("index.html"));
    let start = html
        .find("<table class=\"ranking\">")
        .expect("ranking table");
    let end = html[start..].find("</table>").unwrap() + start;
    let rows: Vec<String> = html[start..end]
        .split("<tr>")
        .skip(2)
        .map(strip_tags)
        .collect();
    // 2025 figures in data/observations/kepesertaan.csv: Bontang and Kutai Timur 100% (May),
    // Balikpapan 67% (Sept), Samarinda 40,39% (Sept), Mahakam Ulu 12,7% (July).
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(
        rows[0].starts_with("1 ") && rows[1].starts_with("1 "),
        "tie shares rank 1: {rows:?}"
    );
    let top: Vec<&String> = rows[..2].iter().collect();
    assert!(
        top.iter().any(|r| r.contains("Kota Bontang"))
            && top.iter().any(|r| r.contains("Kutai Timur"))
    );
    assert!(rows[2].starts_with("3 Kota Balikpapan 67%"), "{}", rows[2]);
    assert!(
        rows[3].starts_with("4 Kota Samarinda 40,39%"),
        "{}",
        rows[3]
    );
    assert!(
        rows[4].starts_with("5 Kabupaten Mahakam Ulu 12,7%"),
        "{}",
        rows[4]
    );
    // regions without a 2025 figure are listed as such, never as zero
    assert!(html.contains("Tanpa data pada tahun ini"));
    assert!(!strip_tags(&html[start..end]).contains(" 0%"));
}

#[test]
fn region_without_data_says_so() {
    let (_t, out) = build_example();
    // Kutai Barat has one sourced figure only (peserta aktif, Sept 2025) and no coverage rate
    let kubar = strip_tags(&read(&out.join("wilayah/kabupaten-kutai-barat/index.html")));
    assert!(kubar.contains("60.000"));
    assert!(
        kubar.contains("Belum diperingkat: tidak ada angka 2025"),
        "not ranked on the headline metric"
    );
    assert!(!kubar.contains("Cakupan kepesertaan (dilaporkan) 0%"));
}

#[test]
fn exports_hold_every_observation_and_latest_values() {
    let (_t, out) = build_example();
    let mut source_rows = 0;
    for e in std::fs::read_dir(root().join("data/observations")).unwrap() {
        let text = read(&e.unwrap().path());
        source_rows += csv::Reader::from_reader(text.as_bytes()).records().count();
    }
    let exported = read(&out.join("data/observations.csv"));
    let mut r = csv::Reader::from_reader(exported.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let derived = rows.iter().filter(|x| &x[10] == "true").count();
    assert_eq!(
        rows.len() - derived,
        source_rows,
        "every reported figure is exported once"
    );
    assert!(
        derived >= 2,
        "the peserta/potensi ratio is derived for the province and Samarinda"
    );

    let summary: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/summary.json"))).unwrap();
    let regions = summary["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 10);
    let sam = regions.iter().find(|r| r["code"] == "64.72").unwrap();
    assert_eq!(sam["url"], "/wilayah/kota-samarinda/");
    assert_eq!(sam["metrics"]["cakupan_kepesertaan"]["value"], 40.39);
    assert_eq!(sam["metrics"]["cakupan_kepesertaan"]["period"], "2025-09");
    assert_eq!(sam["rank"]["cakupan_kepesertaan"], 4);
    // derived: 100 * 141278 / 349784 = 40.390069...
    let ratio = sam["metrics"]["rasio_peserta_potensi"]["value"]
        .as_f64()
        .unwrap();
    assert!((ratio - 40.390069).abs() < 1e-5, "{ratio}");
}

#[test]
fn site_has_sitemap_404_and_print_styles() {
    let (_t, out) = build_example();
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>/wilayah/kota-bontang/</loc>"));
    assert!(sitemap.contains("<loc>/metodologi/</loc>"));
    assert!(!sitemap.contains("404"));
    assert!(out.join("404.html").exists());
    let css = read(&out.join("style.css"));
    assert!(css.contains("@media print") && css.contains("size: A4"));
    // the chart font ships with the site, with its licence
    assert!(css.contains("url(\"fonts/LiberationSans-Regular.ttf\")"));
    let font = std::fs::read(out.join("fonts/LiberationSans-Regular.ttf")).unwrap();
    assert_eq!(&font[..4], &[0, 1, 0, 0], "a TrueType file");
    assert!(read(&out.join("fonts/LICENSE-OFL.txt")).contains("SIL OPEN FONT LICENSE"));
    let page = read(&out.join("metodologi/index.html"));
    assert!(page.contains("<h1>"));
    assert!(!page.contains("<script"), "pages need no JavaScript");
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, out_a) = build_example();
    let (_b, out_b) = build_example();
    let (ta, tb) = (common::snapshot(&out_a), common::snapshot(&out_b));
    assert!(ta.len() > 15);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{} differs between builds", k.display());
    }
}
