//! Hostile and careless inputs (issue 7): nothing is skipped silently, numbers and years that
//! would mislead are refused, one broken reference file is reported alone, and reports stay
//! readable however many rows are wrong.

mod common;

use common::*;
use std::process::Command;

const EXTRA: &str = "data/observations/tambahan.csv";

fn cakupan(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("run cakupan")
}

fn check_cli(site: &TestSite) -> (i32, String, String) {
    let o = cakupan(&["check".as_ref(), "--site".as_ref(), site.root().as_os_str()]);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A site with one extra long-layout observation file.
fn site_with(rows: &str) -> TestSite {
    let site = TestSite::new();
    site.write(
        EXTRA,
        &format!("region,metric,period,value,source,note\n{rows}"),
    );
    site
}

#[test]
fn content_file_names_with_backslashes_are_refused_and_nothing_leaves_the_output() {
    let site = TestSite::new();
    let outside = site.root().join("tmp-target");
    let name = format!("content/{}\\y\\site.md", outside.display()).replace('/', "\\");
    // The whole name is one file in content/: backslashes are ordinary characters on Linux.
    let file = site
        .root()
        .join("content")
        .join(name.trim_start_matches("content\\"));
    std::fs::write(&file, "+++\ntitle = \"X\"\n+++\nteks\n").unwrap();
    std::fs::write(
        site.root().join("content/..\\..\\evil.md"),
        "+++\ntitle = \"Y\"\n+++\n",
    )
    .unwrap();
    let errs = site.build_err();
    let bad: Vec<_> = errs
        .iter()
        .filter(|e| e.message.contains("cannot become a page address"))
        .collect();
    assert_eq!(bad.len(), 2, "{}", render(&errs));
    assert!(
        bad.iter().all(|e| e.message.contains("backslash")),
        "{}",
        render(&errs)
    );
    assert!(bad[0].location.file.starts_with("content"));
    assert!(!outside.exists());
    assert!(!site.out().exists());
    assert!(!site.root().parent().unwrap().join("evil").exists());
}

#[cfg(unix)]
#[test]
fn symlinked_csv_inside_the_site_is_read_and_outside_refused() {
    let site = TestSite::new();
    site.write(
        "shared/tambahan.csv",
        "region,metric,period,value,source,note\n64.74,cakupan,2023,80,bpjstk-2024,\n",
    );
    std::os::unix::fs::symlink(
        site.root().join("shared/tambahan.csv"),
        site.root().join(EXTRA),
    )
    .unwrap();
    site.build_ok();
    let csv = site.output("data/observations.csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("64.74,") && l.contains(",2023,")),
        "the linked figure is missing:\n{csv}"
    );

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.csv"), "region\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("x.csv"),
        site.root().join("data/observations/luar.csv"),
    )
    .unwrap();
    let errs = site.build_err();
    let e = only(&errs);
    assert_eq!(
        e.location.file,
        std::path::Path::new("data/observations/luar.csv")
    );
    assert!(e.message.contains("outside the site"), "{e}");
}

#[cfg(unix)]
#[test]
fn unreadable_folders_are_reported_not_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::new();
    site.write("data/observations/arsip/lama.csv", "region\n");
    let dir = site.root().join("data/observations/arsip");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    // root reads everything regardless of permissions; then there is nothing to test.
    let readable = std::fs::read_dir(&dir).is_ok();
    let result = site.build();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    if readable {
        return;
    }
    let errs = result.expect_err("an unreadable folder must stop the build");
    assert!(
        render(&errs).contains("data/observations/arsip"),
        "{}",
        render(&errs)
    );
}

#[test]
fn files_that_are_not_read_get_a_warning_naming_them() {
    let site = TestSite::new();
    // Workbooks are read now (tests/xlsx.rs); a PDF export of the table is not.
    site.write_bytes("data/observations/kepesertaan.pdf", b"%PDF-1.4");
    site.write("data/observations/catatan.txt", "x");
    let summary = site.build_ok();
    let w: Vec<String> = summary.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with("warning: data/observations/catatan.txt: this file is not read"),
        "{w:?}"
    );
    assert!(
        w[1].starts_with("warning: data/observations/kepesertaan.pdf: this file is not read"),
        "{w:?}"
    );
    assert!(w[1].contains(".xlsx"), "{w:?}");
    let (code, stdout, stderr) = check_cli(&site);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: data/observations/kepesertaan.pdf"),
        "{stderr}"
    );
    assert!(stdout.contains(", 2 warning(s)"), "{stdout}");
}

#[test]
fn years_outside_the_sane_range_are_errors_and_the_range_is_a_setting() {
    let site =
        site_with("64.74,cakupan,2204,80,bpjstk-2024,\n64.74,cakupan,0000,80,bpjstk-2024,\n");
    let errs = site.build_err();
    assert_eq!(errs.len(), 2, "{}", render(&errs));
    assert_at(&errs[0], EXTRA, 2, 15);
    assert!(
        errs[0]
            .message
            .starts_with("period 2204 is outside the years 1945 to"),
        "{}",
        errs[0]
    );
    assert!(hint(&errs[0]).contains("period_range"));
    assert_at(&errs[1], EXTRA, 3, 15);

    let site = site_with("64.74,cakupan,1930,80,bpjstk-2024,\n");
    site.write(
        "site.toml",
        &format!("{SITE_TOML}period_range = [1900, 2040]\n"),
    );
    site.build_ok();
}

#[test]
fn a_single_thousands_group_in_a_count_is_refused_in_a_plain_site() {
    let site = site_with("64.74,peserta_aktif,2023,303.424,bpjstk-2024,\n");
    let errs = site.build_err();
    let e = only(&errs);
    assert_at(e, EXTRA, 2, 26);
    assert!(e.message.contains("303.424"), "{e}");
    assert!(
        hint(e).contains("303424") && hint(e).contains("number_format = \"id\""),
        "{e}"
    );
    // A percentage with three decimals is an ordinary figure.
    site_with("64.74,cakupan,2023,70.125,bpjstk-2024,\n").build_ok();
}

#[test]
fn a_grouped_looking_angka_value_is_refused_when_the_metric_is_whole() {
    let site = site_with(
        "64.74,indeks_kemiskinan,2023,12,bpjstk-2024,\n64.72,indeks_kemiskinan,2023,1.250,bpjstk-2024,\n",
    );
    let errs = site.build_err();
    let e = only(&errs);
    assert_at(e, EXTRA, 3, 30);
    assert!(e.message.contains("`1.250`"), "{e}");
    assert!(hint(e).contains("1250"), "{e}");
    assert!(
        e.message
            .contains("every other figure of this metric is a whole number"),
        "{e}"
    );
    // With decimals elsewhere in the metric, 1.250 is a decimal figure.
    site_with(
        "64.74,indeks_kemiskinan,2023,1.5,bpjstk-2024,\n64.72,indeks_kemiskinan,2023,1.250,bpjstk-2024,\n",
    )
    .build_ok();
}

#[test]
fn a_broken_sources_file_is_reported_alone() {
    let site = TestSite::new();
    site.replace("data/sources.toml", "kind = \"news\"", "kind = \"news");
    let errs = site.build_err();
    let e = only(&errs);
    assert_eq!(e.location.file, std::path::Path::new("data/sources.toml"));
    assert_eq!(e.location.line, 13, "{e}");
    assert!(!render(&errs).contains("unknown source"));
}

#[test]
fn a_broken_metrics_file_is_reported_alone() {
    let site = TestSite::new();
    site.replace("data/metrics.toml", "unit = \"angka\"", "unit = angka");
    let errs = site.build_err();
    let e = only(&errs);
    assert_eq!(e.location.file, std::path::Path::new("data/metrics.toml"));
    assert!(!render(&errs).contains("unknown metric"));
}

#[test]
fn non_utf8_markdown_points_at_the_line_and_column() {
    let site = TestSite::new();
    site.write_bytes(
        "content/metodologi.md",
        b"+++\ntitle = \"Metodologi\"\n+++\n\nCakupan na\xefve.\n",
    );
    let errs = site.build_err();
    let e = only(&errs);
    assert_at(e, "content/metodologi.md", 5, 11);
    assert!(hint(e).contains("UTF-8"), "{e}");
}

#[test]
fn duplicate_and_misspelt_columns_are_errors_and_extra_ones_warnings() {
    let site = TestSite::new();
    site.write(
        EXTRA,
        "region,metric,period,value,source,value\n64.74,cakupan,2023,80,bpjstk-2024,81\n",
    );
    let errs = site.build_err();
    let e = only(&errs);
    assert_at(e, EXTRA, 1, 35);
    assert!(e.message.contains("`value` appears twice"), "{e}");

    site.write(
        EXTRA,
        "region,metric,period,vaule,value,source\n64.74,cakupan,2023,80,80,bpjstk-2024\n",
    );
    let errs = site.build_err();
    let e = only(&errs);
    assert_at(e, EXTRA, 1, 22);
    assert!(hint(e).starts_with("did you mean `value`?"), "{e}");

    site.write(
        EXTRA,
        "region,metric,period,value,source,komentar\n64.74,cakupan,2023,80,bpjstk-2024,cek lagi\n",
    );
    let s = site.build_ok();
    assert_eq!(s.warnings.len(), 1);
    assert!(s.warnings[0].message.contains("`komentar` is not read"));
    assert_eq!(s.warnings[0].location.column, 35);
}

#[test]
fn two_regions_on_one_tile_are_an_error() {
    let site = TestSite::new();
    site.replace("data/regions.csv", "Bontang,6474,2,0", "Bontang,6474,1,1");
    let errs = site.build_err();
    let e = only(&errs);
    assert_at(e, "data/regions.csv", 4, 41);
    assert!(
        e.message
            .contains("also the tile of Kota Samarinda (line 3)"),
        "{e}"
    );
}

#[test]
fn toml_dates_are_accepted_in_sources() {
    let site = TestSite::new();
    site.replace(
        "data/sources.toml",
        "date = \"2025-02-10\"",
        "date = 2025-02-10",
    );
    site.build_ok();
    let json: serde_json::Value = serde_json::from_str(&site.output("data/summary.json")).unwrap();
    assert_eq!(json["data_as_of"], "2025-08-05");
    assert!(site.output("index.html").contains("10 Februari 2025"));
}

#[test]
fn toml_dates_are_accepted_in_front_matter() {
    let site = TestSite::new();
    site.replace(
        "content/metodologi.md",
        "date = \"2025-08-05\"",
        "date = 2025-08-05",
    );
    site.build_ok();
    assert!(site
        .output("metodologi/index.html")
        .contains("5 Agustus 2025"));
}

#[test]
fn thousands_of_errors_are_capped_with_a_count_of_the_rest() {
    let rows: String = (0..300)
        .map(|i| format!("64.74,cakupan,{},80,tidak-ada,\n", 1950 + i % 70))
        .collect();
    let site = site_with(&rows);
    let (code, _, stderr) = check_cli(&site);
    assert_eq!(code, 1);
    let shown = stderr.lines().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(shown, 50, "at most 50 per file");
    assert!(
        stderr.contains("... and 250 more"),
        "{}",
        &stderr[stderr.len().saturating_sub(400)..]
    );
    assert!(stderr.contains("300 error(s)"));
}

/// `check` is the build minus writing: for each kind of mistake found only while rendering or
/// planning the output, both refuse with the same diagnostics, and `check` writes nothing.
#[test]
fn check_refuses_exactly_what_build_refuses() {
    type Breaks = Box<dyn Fn(&TestSite)>;
    let cases: Vec<(&str, Breaks)> = vec![
        (
            "unknown chart type",
            Box::new(|s| {
                s.write("content/uji.md", "+++\ntitle = \"Uji\"\n+++\n\n{{ chart(type=\"rankng\", metric=\"cakupan\") }}\n")
            }),
        ),
        (
            "unknown region in value()",
            Box::new(|s| {
                s.write("content/uji.md", "+++\ntitle = \"Uji\"\n+++\n\nAngka {{ value(region=\"64.99\", metric=\"cakupan\") }}.\n")
            }),
        ),
        (
            "period without figures",
            Box::new(|s| {
                s.write("content/uji.md", "+++\ntitle = \"Uji\"\n+++\n\n{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2019\") }}\n")
            }),
        ),
        (
            "bad chart call in a template",
            Box::new(|s| {
                s.write(
                    "templates/page.html",
                    "{{ chart(type=\"nope\", metric=\"cakupan\") }}\n",
                )
            }),
        ),
        (
            "static file on a generated page",
            Box::new(|s| s.write("static/index.html", "<p>x</p>")),
        ),
        (
            // Both pages are taken by the render's sink, so only their paths reach the plan.
            "two content pages publishing at one path",
            Box::new(|s| {
                s.write("content/uji.md", "+++\ntitle = \"Uji\"\n+++\n\nSatu.\n");
                s.write(
                    "content/uji/_index.md",
                    "+++\ntitle = \"Uji\"\n+++\n\nDua.\n",
                );
            }),
        ),
        (
            "static file name with backslashes",
            Box::new(|s| s.write("static/..\\..\\x.txt", "x")),
        ),
    ];
    for (what, break_it) in cases {
        let site = TestSite::new();
        break_it(&site);
        let from_check = cakupan::check(site.root())
            .map(|_| ())
            .expect_err(&format!("check accepted: {what}"))
            .into_sorted();
        let from_build = site.build_err();
        assert_eq!(render(&from_check), render(&from_build), "{what}");
        assert!(!site.out().exists(), "{what}: output written");
        let (code, _, stderr) = check_cli(&site);
        assert_eq!(code, 1, "{what}: {stderr}");
        assert!(
            stderr.contains(&from_build[0].to_string()),
            "{what}: {stderr}"
        );
    }
}

/// `check` keeps only the paths of the pages and chart downloads it renders (not their bytes),
/// yet plans the same files a build writes: one count, and the build's output holds exactly
/// that many.
#[test]
fn check_plans_every_file_the_build_writes() {
    let checked = cakupan::check(&example_root()).expect("the example site passes check");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let built = cakupan::build(&example_root(), &out).expect("the example site builds");
    assert_eq!(checked.files, built.files);
    assert_eq!(checked.pages, built.pages);
    assert_eq!(checked.charts, built.charts);
    assert_eq!(snapshot(&out).len(), checked.files);
}

/// A national export in one large file (here 6,6 MB, 3.600 rows) is read in pieces on every
/// core; a piece must not move a row's line, lose a row or change a message. The same file
/// with one quoted cell is read whole (a quote may hide a line break), so the two runs must
/// report exactly the same problems at the same places.
#[test]
fn a_large_csv_read_in_pieces_keeps_every_row_and_every_line_number() {
    let note = "catatan panjang ".repeat(112);
    let mut rows = Vec::new();
    for region in ["64.01", "64.72", "64.74"] {
        for year in 1950..2050 {
            for month in 1..=12 {
                rows.push(format!(
                    "{region},cakupan,{year}-{month:02},{}.5,bpjstk-2024,{note}",
                    (year + month) % 90
                ));
            }
        }
    }
    let good = |rows: &[String]| {
        format!(
            "region,metric,period,value,source,note\n{}\n",
            rows.join("\n")
        )
    };
    let text = good(&rows);
    assert!(
        text.len() > 3 << 20 && !text.contains('"'),
        "{} bytes",
        text.len()
    );
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!("{SITE_TOML}period_range = [1900, 2060]\n"),
    );
    site.write(EXTRA, &text);
    site.build_ok();
    let export = site.output("data/observations.csv");
    let exported = |region: &str| {
        export
            .lines()
            .filter(|l| l.starts_with(&format!("{region},")) && l.contains(",cakupan,"))
            .filter(|l| l.contains(&note.trim_end().to_string()))
            .count()
    };
    for region in ["64.01", "64.72", "64.74"] {
        assert_eq!(
            exported(region),
            1200,
            "figures of {region} read from the large file"
        );
    }

    // Errors in the first, a middle and the last piece (data line k is file line k + 1).
    let mut bad = rows.clone();
    bad[10] = bad[10].replace(",cakupan,1950-11,", ",cakupan,1950-13,");
    bad[1800] = bad[1800].replacen("64.72,", "64.99,", 1);
    bad[3590] = format!("{},extra", bad[3590]);
    site.write(EXTRA, &good(&bad));
    let pieced = site.build_err();
    assert_eq!(pieced.len(), 3, "{}", render(&pieced));
    let at = |line: usize| {
        pieced
            .iter()
            .find(|d| d.location.file.ends_with("tambahan.csv") && d.location.line == line)
            .unwrap_or_else(|| panic!("no problem at line {line}: {}", render(&pieced)))
    };
    assert!(at(12).message.contains("period"), "{}", at(12));
    assert_eq!(at(12).location.column, 15);
    assert!(
        at(1802).message.contains("unknown region `64.99`"),
        "{}",
        at(1802)
    );
    assert_eq!(at(1802).location.column, 1);
    assert!(at(3592).message.contains("7 cells"), "{}", at(3592));

    bad[0] = bad[0].replacen(&note, &format!("\"{note}\""), 1);
    site.write(EXTRA, &good(&bad));
    let whole = site.build_err();
    assert_eq!(render(&whole), render(&pieced), "pieces changed the report");

    // Old Mac line ends (a lone '\r' ends a record too) with one '\n' at the very end: not a
    // file to cut at its '\n's, and none of its figures may go missing.
    site.write(EXTRA, &format!("{}\n", good(&rows).replace('\n', "\r")));
    site.build_ok();
    let export = site.output("data/observations.csv");
    assert_eq!(
        export
            .lines()
            .filter(|l| l.contains(",cakupan,") && l.contains(note.trim_end()))
            .count(),
        3600,
        "figures of a file with '\\r' line ends"
    );
}
