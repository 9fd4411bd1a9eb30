//! Charts as published: placed by `chart(...)` calls in markdown and templates, with their data
//! table, downloads and error reporting.

mod common;

use common::*;

/// Each `<text>` element's content, in document order.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .map(|(_, rest)| {
            rest.split("</text>")
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect()
}

fn first_svg_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in page"));
    let start = html[at..].find("<svg").unwrap() + at;
    let end = html[start..].find("</svg>").unwrap() + start + 6;
    &html[start..end]
}

fn page_with(site: &TestSite, body: &str) {
    site.write(
        "content/uji-grafik.md",
        &format!("+++\ntitle = \"Grafik\"\n+++\n\n{body}\n"),
    );
}

#[test]
fn ranking_chart_has_one_bar_per_region_in_rank_order() {
    let site = TestSite::new();
    page_with(
        &site,
        "{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2024\") }}",
    );
    site.build_ok();
    let html = site.output("uji-grafik/index.html");
    let svg = first_svg_after(&html, "id=\"grafik-ranking");
    // 2024: Bontang 82, Samarinda 75, Paser 64 (KEPESERTAAN_CSV)
    let bars = svg.matches("fill=\"#0072B2\"").count();
    assert_eq!(bars, 3, "one blue bar per region with data");
    let labels: Vec<String> = svg_texts(svg)
        .into_iter()
        .filter(|t| t.contains(". "))
        .collect();
    assert_eq!(
        labels,
        vec!["1. Kota Bontang", "2. Kota Samarinda", "3. Kabupaten Paser"]
    );
    // province (71%) and target (80%) reference lines are labelled
    let texts = svg_texts(svg).join("|");
    assert!(
        texts.contains("Kalimantan Timur 71%") && texts.contains("Target 80%"),
        "{texts}"
    );
    // <desc> states the data in words
    let desc = svg
        .split("<desc")
        .nth(1)
        .and_then(|d| d.split_once('>'))
        .unwrap()
        .1
        .split("</desc>")
        .next()
        .unwrap();
    assert!(
        desc.contains("tertinggi Kota Bontang (82%)")
            && desc.contains("terendah Kabupaten Paser (64%)"),
        "{desc}"
    );
    let root = &svg[..svg.find('>').unwrap()];
    assert!(
        root.contains("role=\"img\"") && root.contains("viewBox=") && !root.contains(" width="),
        "{root}"
    );
    // data table under the chart
    let details = &html[html.find("<details class=\"chart-data\">").unwrap()..];
    let table = &details[..details.find("</details>").unwrap()];
    assert!(
        table.contains("<td>1</td><td>Kota Bontang</td><td>82%</td><td>2024</td>"),
        "{table}"
    );
}

#[test]
fn missing_regions_are_listed_not_drawn_as_zero() {
    let site = TestSite::new();
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.01,cakupan,2024,64,bpjstk-2024,\n",
        "64.09,cakupan,2024,50,bpjstk-2024,\n",
    );
    // A fourth region, so three are ranked (fewer are not ranked at all).
    site.write(
        "data/regions.csv",
        &format!("{REGIONS_CSV}64.09,Kabupaten Penajam Paser Utara,PPU,Penajam,6409,3,1\n"),
    );
    page_with(
        &site,
        "{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2024\") }}",
    );
    site.build_ok();
    let html = site.output("uji-grafik/index.html");
    let svg = first_svg_after(&html, "id=\"grafik-ranking");
    assert_eq!(svg.matches("fill=\"#0072B2\"").count(), 3);
    let texts = svg_texts(svg);
    assert!(texts.iter().any(|t| t == "Kabupaten Paser"));
    assert!(texts.iter().any(|t| t == "tidak ada data"));
    assert!(!texts.iter().any(|t| t == "0%"));
}

#[test]
fn trend_joins_a_series_dashed_across_gaps() {
    let site = TestSite::new();
    // Paser: 2020, 2021, then nothing until 2023 and 2024 -> solid 2020-2021 and 2023-2024,
    // dashed across 2022
    site.write(
        "data/observations/paser.csv",
        "region,metric,period,value,source,note\n64.01,cakupan,2020,40,bpjstk-2024,\n64.01,cakupan,2021,45,bpjstk-2024,\n",
    );
    page_with(
        &site,
        "{{ chart(type=\"trend\", metric=\"cakupan\", region=\"64.01\") }}",
    );
    site.build_ok();
    let html = site.output("uji-grafik/index.html");
    let svg = first_svg_after(&html, "id=\"grafik-trend");
    let circles = svg.matches("<circle").count();
    // 4 Paser points + 1 province point (2024); no legend, the lines are labelled at their ends
    assert_eq!(circles, 5, "{svg}");
    assert!(svg.contains(">Paser</text>") && svg.contains(">Kalimantan Timur</text>"));
    assert_eq!(
        html.matches("class=\"chart-note\">Garis putus-putus")
            .count(),
        1,
        "the gap is explained once"
    );
    // Blue lines: two long solid ones, and short dashes across 2022
    let blue: Vec<&str> = svg
        .split("<polyline")
        .skip(1)
        .filter(|l| l.contains("stroke=\"#0072B2\""))
        .collect();
    let long = |l: &str| {
        let pts: Vec<(f64, f64)> = l
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .split_whitespace()
            .filter_map(|p| p.split_once(','))
            .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
            .collect();
        let (a, b) = (pts[0], pts[pts.len() - 1]);
        ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt() > 7.0
    };
    assert_eq!(blue.iter().filter(|l| long(l)).count(), 2, "{svg}");
    assert!(
        blue.iter().filter(|l| !long(l)).count() >= 3,
        "dashes across 2022"
    );
    let desc = svg
        .split("<desc")
        .nth(1)
        .and_then(|d| d.split_once('>'))
        .unwrap()
        .1
        .split("</desc>")
        .next()
        .unwrap();
    assert!(
        desc.contains("2020 40%") && desc.contains("2024 64%") && !desc.contains("2022"),
        "{desc}"
    );
}

#[test]
fn value_calls_render_formatted_with_period_and_citation() {
    let site = TestSite::new();
    page_with(
        &site,
        "Samarinda mencapai {{ value(region=\"64.72\", metric=\"peserta_aktif\") }} peserta.",
    );
    site.build_ok();
    let html = site.output("uji-grafik/index.html");
    assert!(
        html.contains(
            "<span class=\"value\">300.000</span> (2024)<sup><a href=\"#sumber-1\">[1]</a></sup>"
        ),
        "{html}"
    );
    // the cited source is listed on the page
    assert!(html.contains("id=\"sumber-1\"") && html.contains("Cakupan naik"));
}

#[test]
fn every_chart_type_renders_from_markdown() {
    let site = TestSite::new();
    page_with(
        &site,
        "{{ chart(type=\"tilemap\", metric=\"cakupan\", period=\"2024\") }}\n\n\
         {{ chart(type=\"scatter\", x=\"cakupan\", y=\"peserta_aktif\", period=\"2024\") }}\n\n\
         {{ chart(type=\"composition\", metrics=\"peserta_aktif,potensi_pekerja\", period=\"2024\") }}\n\n\
         {{ chart(type=\"target\", metric=\"peserta_aktif\", target=\"potensi_pekerja\", period=\"2024\") }}\n\n\
         Tren: {{ chart(type=\"sparkline\", metric=\"cakupan\", region=\"64.01\") }}\n",
    );
    site.build_ok();
    let html = site.output("uji-grafik/index.html");
    for id in [
        "grafik-tilemap-cakupan-2024",
        "grafik-scatter-2024-cakupan-peserta-aktif",
        "grafik-composition",
        "grafik-target",
    ] {
        assert!(html.contains(id), "{id} missing");
    }
    assert!(html.contains("class=\"spark\""), "sparkline inline");
    // target: Samarinda 300.000 of 400.000 = 75%
    let target = first_svg_after(&html, "id=\"grafik-target");
    assert!(
        svg_texts(target).iter().any(|t| t == "75%"),
        "{:?}",
        svg_texts(target)
    );
}

#[test]
fn downloads_exist_and_png_has_the_stated_size() {
    let site = TestSite::new();
    page_with(
        &site,
        "{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2024\") }}",
    );
    site.build_ok();
    let out = site.root().join("public/grafik");
    let stem = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("ranking-cakupan-2024-") && n.ends_with(".svg"))
        .expect("ranking SVG download")
        .trim_end_matches(".svg")
        .to_string();
    let file = |ext: &str| out.join(format!("{stem}.{ext}"));
    let svg = std::fs::read_to_string(file("svg")).unwrap();
    assert!(svg.starts_with("<?xml") && svg.contains("width=\"720\""));
    // a shared file keeps its caption and its sources
    assert!(
        svg.contains(">Peringkat Cakupan kepesertaan, 2024</text>"),
        "{svg}"
    );
    assert!(
        svg.contains(">Sumber: BPJS Ketenagakerjaan; ANTARA Kaltim. Cakupan Uji</text>"),
        "{svg}"
    );
    let (w, h) = cakupan::embed_size(&svg);
    let png = std::fs::read(file("png")).unwrap();
    let (pw, ph) = cakupan::raster::png_size(&png).expect("a PNG header");
    assert_eq!(pw, 1200);
    assert_eq!(ph, (h as f64 * 1200.0 / w as f64).round() as u32);
    let csv = std::fs::read_to_string(file("csv")).unwrap();
    // plain numbers with their sources: the three regions and the province reference line
    assert!(
        csv.starts_with(
            "region,region_name,metric,metric_label,period,value,source,source_title\n"
        ),
        "{csv}"
    );
    assert!(csv.contains("\n64.74,Kota Bontang,cakupan,Cakupan kepesertaan,2024,82,bpjstk-2024,Tabel kepesertaan 2024\n"), "{csv}");
    assert!(csv.contains("\n64,Kalimantan Timur,cakupan,"), "{csv}");
    assert_eq!(csv.lines().count(), 5, "{csv}");
    // links under the chart point at these files
    let html = site.output("uji-grafik/index.html");
    assert!(html.contains(&format!("href=\"../grafik/{stem}.png\"")));
    // rebuild: identical bytes
    site.build_ok();
    assert_eq!(std::fs::read(file("png")).unwrap(), png);
}

#[test]
fn bad_chart_calls_point_at_the_markdown_line() {
    let site = TestSite::new();
    // front matter is lines 1-3, blank line 4, body starts on line 5
    page_with(
        &site,
        "Teks.\n\n{{ chart(type=\"pie\", metric=\"cakupan\") }}\n\n{{ chart(type=\"ranking\", metric=\"cakupn\") }}\n\n\
         Nilai {{ value(region=\"64.99\", metric=\"cakupan\") }}.\n\n{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2019\") }}\n\n\
         {{ chart(type=\"ranking\" }}\n",
    );
    let errs = site.build_err();
    let text = render(&errs);
    assert_at(
        find(&errs, "unknown chart type `pie`"),
        "content/uji-grafik.md",
        7,
        1,
    );
    assert!(hint(find(&errs, "unknown chart type")).contains("ranking"));
    assert_at(find(&errs, "unknown metric"), "content/uji-grafik.md", 9, 1);
    assert!(
        hint(find(&errs, "unknown metric")).contains("`cakupan`"),
        "{text}"
    );
    assert_at(
        find(&errs, "unknown region `64.99`"),
        "content/uji-grafik.md",
        11,
        7,
    );
    assert_at(
        find(&errs, "cannot read this call"),
        "content/uji-grafik.md",
        15,
        1,
    );
    assert!(!site.root().join("public").exists(), "nothing written");
    // Calls are checked when the texts are loaded; a period without figures is found when
    // the chart's data is picked, once every call reads well.
    page_with(
        &site,
        "Teks.\n\n{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2019\") }}\n",
    );
    let errs = site.build_err();
    let text = render(&errs);
    assert_at(find(&errs, "in 2019"), "content/uji-grafik.md", 7, 1);
    assert!(hint(find(&errs, "in 2019")).contains("2024"), "{text}");
}

#[test]
fn home_and_region_pages_use_the_same_charts() {
    let site = TestSite::new();
    site.build_ok();
    let home = site.output("index.html");
    assert!(home.contains("id=\"grafik-ranking-cakupan-2024-"));
    assert!(
        home.contains("id=\"grafik-tilemap-cakupan-2024-"),
        "tiles exist in regions.csv"
    );
    let paser = site.output("wilayah/kabupaten-paser/index.html");
    assert!(paser.contains("id=\"grafik-trend-cakupan-64-01-"));
    assert!(
        paser.contains("class=\"spark\""),
        "figure card sparkline for two points"
    );
}

#[test]
fn value_accepts_a_region_name_like_chart_does() {
    let site = TestSite::new();
    page_with(
        &site,
        "{{ value(region=\"Kota Samarinda\", metric=\"cakupan\") }}",
    );
    site.build_ok();
    assert!(site
        .output("uji-grafik/index.html")
        .contains("<span class=\"value\">75%</span> (2024)"));
}

#[test]
fn long_rankings_show_top_and_bottom_and_say_so() {
    let site = TestSite::new();
    let mut regions = String::from("code,name\n");
    let mut obs = String::from("region,metric,period,value,source,note\n");
    for i in 1..=32 {
        regions.push_str(&format!("64.{i:02},Kabupaten Uji {i:02}\n"));
        obs.push_str(&format!("64.{i:02},cakupan,2024,{i},bpjstk-2024,\n"));
    }
    site.write("data/regions.csv", &regions);
    site.write("data/observations/kepesertaan.csv", &obs);
    std::fs::remove_file(site.root().join("content/wilayah/kota-samarinda.md")).unwrap();
    page_with(
        &site,
        "{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2024\") }}",
    );
    site.build_ok();
    let html = site.output("uji-grafik/index.html");
    let svg = first_svg_after(&html, "id=\"grafik-ranking");
    // 15 + 15 bars drawn, 32 ranked: the note under the chart says so, the table has all
    assert_eq!(svg.matches("fill=\"#0072B2\"").count(), 30);
    assert!(
        html.contains("Grafik menampilkan 15 teratas dan 15 terbawah dari 32 wilayah"),
        "note missing"
    );
    assert_eq!(
        site.output("index.html")
            .matches("Grafik menampilkan 15 teratas")
            .count(),
        1,
        "home too"
    );
}

/// Nine years of monthly coverage for Samarinda, as a monthly BPJS Ketenagakerjaan report
/// gives it: 108 figures, 2016-01 to 2024-12.
fn monthly_samarinda(site: &TestSite) {
    let mut csv = String::from("region,metric,period,value,source,note\n");
    for k in 0..108 {
        let (year, month) = (2016 + k / 12, k % 12 + 1);
        let value = 40.0 + k as f64 * 0.3 + (k % 5) as f64 * 0.2;
        csv.push_str(&format!(
            "64.72,cakupan,{year}-{month:02},{value:.1},bpjstk-2024,\n"
        ));
    }
    site.write("data/observations/bulanan.csv", &csv);
}

#[test]
fn a_monthly_decade_is_drawn_as_a_line_and_the_note_says_so() {
    let site = TestSite::new();
    monthly_samarinda(&site);
    // Months only: the yearly 2024 figure would be the series' last point (and its marker).
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.72,cakupan,2024,75,berita-2025,angka dibulatkan\n",
        "",
    );
    site.build_ok();
    let html = site.output("wilayah/kota-samarinda/index.html");
    let wide = first_svg_after(&html, "id=\"grafik-trend-cakupan");
    // One line through the months, not a square per month: 108 markers 5 units apart would
    // cover the line they mark. Only the latest month keeps its square.
    let squares = wide
        .matches("width=\"8\" height=\"8\" fill=\"#0072B2\"")
        .count();
    assert_eq!(squares, 1, "{wide}");
    let longest = wide
        .split("<polyline")
        .filter(|l| l.contains("stroke=\"#0072B2\""))
        .map(|l| {
            l.split(" points=\"")
                .nth(1)
                .and_then(|p| p.split('"').next())
                .map_or(0, |p| p.split_whitespace().count())
        })
        .max()
        .unwrap_or(0);
    assert!(
        longest >= 60,
        "one polyline through the months: {longest} points"
    );
    // The note under the chart does not promise a square per month.
    let doc = scraper::Html::parse_document(&html);
    let notes = texts(&doc, "figure[id^='grafik-trend-cakupan'] .chart-note");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("garis polos bila bulan-bulannya terlalu rapat"),
        "{notes:?}"
    );
    // The table under the chart and its CSV keep every month (and the yearly figures).
    let rows = texts(&doc, "figure[id^='grafik-trend-cakupan'] tbody tr");
    let months = rows
        .iter()
        .filter(|r| r.contains("2016") || r.contains("2024"))
        .count();
    assert!(rows.len() >= 108, "{} rows", rows.len());
    assert!(months >= 24, "{months}");
    let csv_link = attrs(
        &doc,
        "figure[id^='grafik-trend-cakupan'] a[href$='.csv']",
        "href",
    );
    let csv_path = csv_link
        .iter()
        .find(|h| !h.contains("excel"))
        .expect("a CSV download");
    let name = csv_path.rsplit('/').next().unwrap();
    let csv = site.output(&format!("grafik/{name}"));
    for month in ["2016-01", "2020-06", "2024-12"] {
        assert!(csv.contains(&format!(",{month},")), "{month} in the CSV");
    }
}

#[test]
fn yearly_figures_keep_their_markers_and_note() {
    let site = TestSite::new();
    site.build_ok();
    let html = site.output("wilayah/kabupaten-paser/index.html");
    // Paser: 2023 and 2024, yearly: a round marker each, no plain-line wording.
    let wide = first_svg_after(&html, "id=\"grafik-trend-cakupan");
    assert!(wide.matches("<circle").count() >= 2, "{wide}");
    assert!(!html.contains("garis polos"));
}
