//! Chart and value calls as typed specs: `check` refuses every bad call that `build` refuses,
//! at the same file:line:col, from markdown and from templates; a chart's CSV download, data
//! table and drawing hold the same rows; chart SVGs carry one viewBox and their accessible
//! name and description.

mod common;

use common::*;

fn page_with(site: &TestSite, body: &str) {
    site.write(
        "content/uji-grafik.md",
        &format!("+++\ntitle = \"Grafik\"\n+++\n\n{body}\n"),
    );
}

/// Both commands refuse the site with the same diagnostics (`build_err` compares them).
fn refused(site: &TestSite) -> Vec<cakupan::diagnostics::Diagnostic> {
    let errs = site.build_err();
    let checked = cakupan::check(site.root())
        .map(|_| ())
        .expect_err("check must refuse it")
        .into_sorted();
    assert_eq!(render(&checked), render(&errs));
    errs
}

#[test]
fn check_refuses_every_kind_of_bad_call_in_markdown_at_its_place() {
    let site = TestSite::new();
    // The body starts on line 5; one call per line from there.
    let calls = [
        (
            "{{ chart(type=\"rankng\") }}",
            "unknown chart type `rankng`",
        ),
        (
            "{{ chart(type=\"ranking\", metric=\"cakupn\") }}",
            "metric=\"cakupn\": unknown metric",
        ),
        (
            "{{ chart(type=\"ranking\", period=\"2024-13\") }}",
            "period: ",
        ),
        (
            "{{ chart(type=\"ranking\", colour=\"red\") }}",
            "chart(): unknown argument `colour`",
        ),
        (
            "{{ chart(type=\"trend\", region=\"Atlantis\") }}",
            "unknown region `Atlantis`",
        ),
        ("{{ chart(type=\"trend\") }}", "a trend chart needs region="),
        (
            "{{ chart(type=\"scatter\", x=\"cakupan\") }}",
            "this chart needs `y`",
        ),
        (
            "{{ chart(type=\"composition\", metrics=\"cakupan,peserta_aktif\") }}",
            "has a different unit",
        ),
        ("{{ chart() }}", "chart() needs a type"),
        (
            "x {{ value(metric=\"cakupan\", colour=\"red\") }}",
            "value(): unknown argument `colour`",
        ),
        (
            "x {{ value(metric=\"cakupan\", status=\"maybe\") }}",
            "value(): unknown status `maybe`",
        ),
        (
            "x {{ value(region=\"64.99\") }}",
            "value(): unknown region `64.99`",
        ),
        (
            "x {{ value(metric=\"nope\") }}",
            "value(): unknown metric `nope`",
        ),
        (
            "x {{ value(metric=\"cakupan\", period=\"20x4\") }}",
            "value(): period: ",
        ),
    ];
    let body: Vec<&str> = calls.iter().map(|c| c.0).collect();
    page_with(&site, &body.join("\n"));
    let errs = refused(&site);
    assert_eq!(errs.len(), calls.len(), "{}", render(&errs));
    for (i, (call, message)) in calls.iter().enumerate() {
        let d = find(&errs, message);
        let col = if call.starts_with("x ") { 3 } else { 1 };
        assert_at(d, "content/uji-grafik.md", 5 + i, col);
        assert!(
            d.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "{message}: a hint"
        );
    }
    assert!(hint(find(&errs, "rankng")).contains("`ranking`"));
}

#[test]
fn check_alone_refuses_a_bad_call_without_rendering() {
    // check_calls works on the loaded site: no figures, no templates needed.
    let site = TestSite::new();
    page_with(&site, "{{ chart(type=\"pie\") }}");
    let errs = cakupan::testing::check_calls(site.root()).into_sorted();
    assert_at(only(&errs), "content/uji-grafik.md", 5, 1);
    assert!(only(&errs).message.contains("unknown chart type `pie`"));
}

/// The default page template with one line added inside its content block (line 3).
fn template_with(site: &TestSite, line: &str) -> usize {
    let default =
        std::fs::read_to_string(example_root().join("themes/default/templates/page.html"))
            .expect("default page template");
    let mut lines: Vec<&str> = default.lines().collect();
    lines.insert(2, line);
    site.write("templates/page.html", &(lines.join("\n") + "\n"));
    3
}

#[test]
fn template_calls_are_refused_at_the_template_line() {
    for (call, message) in [
        (
            "{{ chart(type=\"rankng\") }}",
            "unknown chart type `rankng`",
        ),
        (
            "{{ chart(type=\"ranking\", metric=\"cakupn\") }}",
            "unknown metric",
        ),
        (
            "{{ chart(type=\"ranking\", period=\"2019\") }}",
            "no region has figures for cakupan in 2019",
        ),
        (
            "{{ value(metric=\"cakupan\", status=\"maybe\") }}",
            "value(): unknown status `maybe`",
        ),
    ] {
        let site = TestSite::new();
        let line = template_with(&site, &format!("  {call}"));
        let errs = refused(&site);
        let d = find(&errs, message);
        assert_eq!(
            d.location.file,
            std::path::Path::new("templates/page.html"),
            "{call}"
        );
        assert_eq!(d.location.line, line, "{call}");
        assert!(
            d.location.column >= 3,
            "{call}: column {}",
            d.location.column
        );
        assert!(
            hint(d).len() > 3,
            "{call}: the call's own hint, not a syntax hint"
        );
        assert!(!d.message.starts_with("template error"), "{}", d.message);
    }
}

#[test]
fn template_calls_draw_charts_and_values() {
    let site = TestSite::new();
    template_with(
        &site,
        "  {{ chart(type=\"ranking\", metric=\"cakupan\", period=2024) }} {{ value(region=\"64.72\", metric=\"peserta_aktif\") }}",
    );
    site.build_ok();
    let html = site.output("metodologi/index.html");
    assert!(
        html.contains("id=\"grafik-ranking-cakupan-2024-"),
        "a chart figure"
    );
    assert!(html.contains("<span class=\"value\" title=\"Cakupan naik\">300.000</span> (2024)"));
    assert!(!html.contains("<!--cakupan-"), "no marker round trip");
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn chart_stem(site: &TestSite, prefix: &str) -> String {
    std::fs::read_dir(site.root().join("public/grafik"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with(prefix) && n.ends_with(".csv") && !n.ends_with("-excel.csv"))
        .unwrap_or_else(|| panic!("no {prefix}*.csv"))
        .trim_end_matches(".csv")
        .to_string()
}

fn table_first_cells(html: &str, id: &str) -> Vec<String> {
    let at = html
        .find(&format!("id=\"grafik-{id}"))
        .expect("the chart's figure");
    let fig = &html[at..at + html[at..].find("</figure>").unwrap()];
    let body = &fig[fig.find("<tbody>").unwrap()..fig.find("</tbody>").unwrap()];
    body.split("<tr><td>")
        .skip(1)
        .map(|r| r.split("</td>").next().unwrap().to_string())
        .collect()
}

#[test]
fn scatter_csv_holds_exactly_the_regions_it_draws() {
    // 2024: cakupan for Paser, Samarinda, Bontang; peserta_aktif only for Samarinda (and the
    // province, drawn as reference lines). Only Samarinda has a point.
    let site = TestSite::new();
    page_with(
        &site,
        "{{ chart(type=\"scatter\", x=\"cakupan\", y=\"peserta_aktif\", period=\"2024\") }}",
    );
    site.build_ok();
    let stem = chart_stem(&site, "scatter-");
    let csv = site.output(&format!("grafik/{stem}.csv"));
    let rows = csv_rows(&csv);
    let regions: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r[0].as_str())
        .filter(|r| *r != "64")
        .collect();
    assert_eq!(
        regions.into_iter().collect::<Vec<_>>(),
        vec!["64.72"],
        "{csv}"
    );
    // both figures of the point, and the two reference lines
    assert_eq!(rows.len(), 4, "{csv}");
    let html = site.output("uji-grafik/index.html");
    assert_eq!(table_first_cells(&html, &stem), vec!["Kota Samarinda"]);
    let at = html.find(&format!("id=\"grafik-{stem}")).unwrap();
    let svg = &html[at..at + html[at..].find("</svg>").unwrap()];
    // A point is drawn as a dot and its white outline.
    assert_eq!(svg.matches("<circle").count(), 2, "one point drawn");
    assert!(svg.contains(">Samarinda</text>"));
    assert!(!svg.contains(">Paser</text>") && !svg.contains(">Bontang</text>"));
    let name_rows: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "64.72").collect();
    assert!(name_rows.iter().all(|r| r[1] == "Kota Samarinda"));
}

#[test]
fn ranking_csv_rows_equal_its_table_and_bars() {
    let site = TestSite::new();
    page_with(
        &site,
        "{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2024\") }}",
    );
    site.build_ok();
    let stem = chart_stem(&site, "ranking-");
    let rows = csv_rows(&site.output(&format!("grafik/{stem}.csv")));
    let html = site.output("uji-grafik/index.html");
    let mut in_csv: Vec<String> = rows
        .iter()
        .filter(|r| r[0] != "64")
        .map(|r| r[1].clone())
        .collect();
    let mut in_table: Vec<String> = {
        let at = html.find(&format!("id=\"grafik-{stem}")).unwrap();
        let fig = &html[at..at + html[at..].find("</figure>").unwrap()];
        let body = &fig[fig.find("<tbody>").unwrap()..];
        body.split("<tr><td>")
            .skip(1)
            .map(|r| r.split("</td><td>").nth(1).unwrap().to_string())
            .collect()
    };
    in_csv.sort();
    in_table.sort();
    assert_eq!(in_csv, in_table);
}

#[test]
fn chart_svgs_have_one_view_box_role_img_and_one_labelled_title_and_desc() {
    let site = TestSite::new();
    page_with(
        &site,
        "{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2024\") }}\n\n\
         {{ chart(type=\"trend\", metric=\"cakupan\", region=\"64.01\") }}\n\n\
         {{ chart(type=\"tilemap\", metric=\"cakupan\", period=\"2024\") }}\n\n\
         {{ chart(type=\"scatter\", x=\"cakupan\", y=\"peserta_aktif\", period=\"2024\") }}\n\n\
         {{ chart(type=\"composition\", metrics=\"peserta_aktif,potensi_pekerja\", period=\"2024\") }}\n\n\
         {{ chart(type=\"target\", metric=\"peserta_aktif\", target=\"potensi_pekerja\", period=\"2024\") }}\n",
    );
    site.build_ok();
    let html = site.output("uji-grafik/index.html");
    let svgs: Vec<&str> = html
        .split("<svg")
        .skip(1)
        .map(|s| &s[..s.find("</svg>").unwrap()])
        .collect();
    // Each chart twice: the wide rendering with the title and description, then the phone
    // rendering named by the same two elements.
    assert_eq!(svgs.len(), 12);
    for pair in svgs.chunks(2) {
        let (wide, narrow) = (pair[0], pair[1]);
        let mut names = Vec::new();
        for (svg, class) in [(wide, "chart chart-wide"), (narrow, "chart chart-narrow")] {
            let root = &svg[..svg.find('>').unwrap()];
            assert!(root.contains(&format!("class=\"{class}\"")), "{root}");
            assert_eq!(svg.matches("viewBox=").count(), 1, "{root}");
            assert!(root.contains("role=\"img\""), "{root}");
            assert!(!root.contains(" width="), "responsive: {root}");
            let labelled = root
                .split("aria-labelledby=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_else(|| panic!("aria-labelledby: {root}"));
            names.push(labelled.to_string());
        }
        assert_eq!(names[0], names[1], "both renderings have one name");
        let ids: Vec<&str> = names[0].split(' ').collect();
        assert_eq!(ids.len(), 2, "{}", names[0]);
        assert!(wide.contains(&format!("<title id=\"{}\">", ids[0])));
        assert!(wide.contains(&format!("<desc id=\"{}\">", ids[1])));
        assert!(!narrow.contains("<title") && !narrow.contains("<desc"));
    }
}

#[test]
fn the_chart_count_counts_each_chart_once() {
    let (_tmp, out) = build_example();
    let svgs = std::fs::read_dir(out.join("grafik"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".svg")
        })
        .count();
    let summary = cakupan::check(&example_root()).expect("the example site checks");
    assert_eq!(summary.charts, svgs, "one chart per download set");
}
