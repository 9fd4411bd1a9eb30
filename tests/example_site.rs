//! Builds the repository's own example site (Kalimantan Timur) and checks the published pages
//! against figures in the sourced data files.

mod common;

use common::{attrs, build_example, build_example_fresh, dom, example_root as root, read, texts};

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
        let doc = dom(&page);
        assert_eq!(
            texts(&doc, "h1"),
            vec![name.to_string()],
            "{slug}: one heading, its name"
        );
    }
    // Samarinda, September 2025: 141.278 active participants of 349.784 potential workers,
    // 40,39% coverage (borneoflash, 1 November 2025).
    let sam = strip_tags(&read(&out.join("wilayah/kota-samarinda/index.html")));
    assert!(sam.contains("40,39%"), "coverage in Indonesian format");
    assert!(sam.contains("141.278"));
    assert!(sam.contains("349.784"));
    assert!(sam.contains("September 2025"));
    // 44,98% (May 2025) names no denominator and 40,39% is of potential workers: a change
    // between them would be a change of method, so none is shown.
    assert!(sam.contains("44,98%"));
    assert!(
        !sam.contains("-4,59 poin"),
        "no change across different denominators"
    );
    // the cited source is listed with its publisher
    assert!(
        sam.contains("borneoflash") || sam.contains("Borneoflash") || sam.contains("BorneoFlash")
    );
}

#[test]
fn no_page_ranks_figures_of_different_denominators() {
    let (_t, out) = build_example();
    // 2025 coverage figures in data/observations/kepesertaan.csv: Bontang and Kutai Timur 100%
    // (by name by address), Samarinda 40,39% (potential workers), Balikpapan 67% and Mahakam
    // Ulu 12,7% (denominator not stated). No basis has three regions, so nothing is ranked.
    let home = read(&out.join("index.html"));
    assert!(
        home.contains("Belum ada peringkat untuk"),
        "the home page says why there is no ranking"
    );
    let table = &home[home.find("<table class=\"ranking\">").unwrap_or(0)..];
    let table = &table[..table.find("</table>").unwrap_or(0)];
    assert!(
        !table.contains("<td class=\"num\">1</td>"),
        "the home page ranks no mixed-basis set: {table}"
    );
    let cmp = strip_tags(&read(&out.join("perbandingan/index.html")));
    // 2024: Bontang and Samarinda come from one branch-office ranking, Kutai Timur from an award
    // that names no denominator: two comparable figures are not a ranking.
    assert!(
        cmp.contains("Tidak diperingkat: hanya 2 wilayah"),
        "2024 is not ranked"
    );
    assert!(cmp.contains("Kabupaten Kutai Timur 100% (tidak disebut sumber)"));
    // the 2025 tile map colours one basis and lists the others with their denominators
    assert!(cmp.contains(
        "Kota Bontang 100% (Kepesertaan dicocokkan dengan data by name by address pemerintah daerah)"
    ));
    assert!(cmp.contains("Kota Balikpapan 67% (tidak disebut sumber)"));
    // the shortcode figures in the text come from the data, with their periods
    assert!(cmp.contains("40,39% (September 2025)"));
    // plans and quotas are not summed with registrations: Mahakam Ulu's 3.294 is a plan
    assert!(
        !cmp.contains("3.294 2025"),
        "a plan in the realised composition"
    );
}

#[test]
fn region_without_data_says_so() {
    let (_t, out) = build_example();
    // Kutai Barat has one sourced figure only (peserta aktif, Sept 2025) and no coverage rate
    let kubar = strip_tags(&read(&out.join("wilayah/kabupaten-kutai-barat/index.html")));
    assert!(kubar.contains("60.000"));
    assert!(!kubar.contains("Cakupan kepesertaan (dilaporkan) 0%"));
}

#[test]
fn seed_figures_reach_their_region_pages() {
    let (_t, out) = build_example();
    // Kutai Timur, audiensi 24 Maret 2025: 75.000 of a 150.000 quota; 2024 claims and scholarships
    let kutim = strip_tags(&read(&out.join("wilayah/kabupaten-kutai-timur/index.html")));
    for s in [
        "75.000 (Maret 2025)",
        "4.553 (2024)",
        "Rp120 miliar (2024)",
        "99 (2024)",
        "Rp355 juta (2024)",
    ] {
        assert!(kutim.contains(s), "Kutai Timur lacks {s}");
    }
    // the quota is not a realised figure: the latest realised count stays 93.000 (Oktober 2025)
    assert!(kutim.contains("93.000"));
    // it is shown as a target, with the share realised beside it
    assert!(
        kutim.contains("target 150.000 (Oktober 2025), terealisasi 93.000 (62%) [3]"),
        "{kutim}"
    );
    assert!(!kutim.contains("\n150.000"));
    // Mahakam Ulu, per 18 Juli 2025: per-dinas counts
    let mahulu = strip_tags(&read(&out.join("wilayah/kabupaten-mahakam-ulu/index.html")));
    assert!(mahulu.contains("Dinas PUPR 133 (Juli 2025)"), "{mahulu}");
    // the plan is no realised figure of the region
    assert!(!mahulu.contains("3.294 ["));
    let home = strip_tags(&read(&out.join("index.html")));
    assert!(home.contains("63% (Mei 2025)"));
    assert!(home.contains("Rp42 juta"));
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
    let derived_col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "derived")
        .unwrap();
    let derived = rows.iter().filter(|x| &x[derived_col] == "true").count();
    assert_eq!(
        rows.len() - derived,
        source_rows,
        "every reported figure is exported once"
    );
    assert!(
        derived >= 2,
        "the peserta/potensi ratio is derived for the province and Samarinda"
    );

    let text = read(&out.join("data/summary.json"));
    let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Written field by field from the figures, the file must still be what a JSON value tree
    // prints (every object's keys sorted, two-space indent, a final newline): `cakupan diff`
    // and the scripts of a site's users read it, and a release diff must show real changes.
    assert_eq!(
        text,
        format!("{}\n", serde_json::to_string_pretty(&summary).unwrap()),
        "summary.json is not in sorted, pretty-printed form"
    );
    let regions = summary["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 10);
    let sam = regions.iter().find(|r| r["code"] == "64.72").unwrap();
    assert_eq!(sam["url"], "/kaltim/wilayah/kota-samarinda/");
    assert_eq!(sam["metrics"]["cakupan_kepesertaan"]["value"], 40.39);
    assert_eq!(sam["metrics"]["cakupan_kepesertaan"]["period"], "2025-09");
    // one region with coverage of potential workers: not ranked
    assert!(
        sam["rank"]["cakupan_kepesertaan"].is_null(),
        "{}",
        sam["rank"]
    );
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
    assert!(
        sitemap.contains("<loc>https://cakupan.example.go.id/kaltim/wilayah/kota-bontang/</loc>")
    );
    assert!(sitemap.contains("<loc>https://cakupan.example.go.id/kaltim/metodologi/</loc>"));
    assert!(!sitemap.contains("404"));
    assert!(out.join("404.html").exists());
    let css = read(&out.join("style.css"));
    assert!(css.contains("@media print") && css.contains("size: A4"));
    // the chart font ships with the site (as WOFF2, tests/webfonts.rs), with its licence
    assert!(css.contains("url(\"fonts/LiberationSans-Regular.woff2\")"));
    let font = std::fs::read(out.join("fonts/LiberationSans-Regular.woff2")).unwrap();
    assert_eq!(&font[..4], b"wOF2", "a WOFF2 file");
    assert!(read(&out.join("fonts/LICENSE-OFL.txt")).contains("SIL OPEN FONT LICENSE"));
    let page = dom(&out.join("metodologi/index.html"));
    assert_eq!(texts(&page, "h1").len(), 1);
    assert!(
        texts(&page, "script").is_empty(),
        "pages need no JavaScript"
    );
    assert!(attrs(&page, "[onclick],[onload],[onerror]", "onclick").is_empty());
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, out_a) = build_example_fresh();
    let (_b, out_b) = build_example_fresh();
    let (ta, tb) = (common::snapshot(&out_a), common::snapshot(&out_b));
    assert!(ta.len() > 15);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{} differs between builds", k.display());
    }
}
