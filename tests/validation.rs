//! Input validation, end to end: each test builds a real site in a temporary folder, breaks
//! one thing, and checks that the build reports it at the right file, line and column, with
//! a message and hint a data officer can act on.

mod common;

use common::*;
use std::process::Command;

const EXTRA: &str = "data/observations/tambahan.csv";
const LONG_HEADER: &str = "region,metric,period,value,source,note";

/// The base site plus `data/observations/tambahan.csv` holding `rows` in the long layout
/// (header on line 1, so `rows[i]` is on line `i + 2`).
fn site_with_rows(rows: &[&str]) -> TestSite {
    let site = TestSite::new();
    let mut text = format!("{LONG_HEADER}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    site.write(EXTRA, &text);
    site
}

// The column index of each cell in the long layout.
const REGION: usize = 0;
const METRIC: usize = 1;
const PERIOD: usize = 2;
const VALUE: usize = 3;
const SOURCE: usize = 4;

#[test]
fn base_site_builds() {
    let site = TestSite::new();
    let summary = site.build_ok();
    assert!(summary.pages >= 5, "{summary:?}");
    let home = site.output("index.html");
    assert!(home.contains("Kota Samarinda"));
    assert!(site.out().join("wilayah/kota-bontang/index.html").is_file());
    assert!(site.out().join("metodologi/index.html").is_file());
}

// 1. Unknown region code ------------------------------------------------------------------

#[test]
fn unknown_region_code_suggests_closest_code() {
    let row = "64.0l,cakupan,2024,50,bpjstk-2024,";
    let site = site_with_rows(&[row]);
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, EXTRA, 2, col_of(row, REGION));
    assert_eq!(d.message, "unknown region `64.0l`");
    let h = hint(d);
    assert!(h.contains("did you mean `64.01`?"), "{h}");
    assert!(h.contains("data/regions.csv"), "{h}");
}

#[test]
fn misspelled_region_name_suggests_closest_name() {
    let row = "Kota Samarnda,cakupan,2024,50,bpjstk-2024,";
    let site = site_with_rows(&[row]);
    let d = only(&site.build_err()).clone();
    assert_at(&d, EXTRA, 2, 1);
    assert!(d.message.contains("unknown region `Kota Samarnda`"), "{d}");
    assert!(hint(&d).contains("did you mean `Kota Samarinda`?"), "{d}");
}

#[test]
fn region_name_instead_of_code_hint_gives_the_code() {
    // Official name (any case) and short name both point at the code.
    let rows = [
        "Kota Samarinda,cakupan,2023,50,bpjstk-2024,",
        "kota bontang,cakupan,2023,50,bpjstk-2024,",
        "Paser,cakupan,2022,50,bpjstk-2024,",
    ];
    let site = site_with_rows(&rows);
    let diags = site.build_err();
    assert_eq!(diags.len(), 3, "{}", render(&diags));

    let d = find(&diags, "`Kota Samarinda`");
    assert_at(d, EXTRA, 2, 1);
    assert_eq!(
        hint(d),
        "write the region's code, not its name: 64.72 for Kota Samarinda"
    );
    let d = find(&diags, "`kota bontang`");
    assert_at(d, EXTRA, 3, 1);
    assert!(hint(d).contains("64.74 for Kota Bontang"), "{d}");
    let d = find(&diags, "`Paser`");
    assert_at(d, EXTRA, 4, 1);
    assert!(hint(d).contains("64.01 for Kabupaten Paser"), "{d}");
}

// 2. Unknown metric ------------------------------------------------------------------------

#[test]
fn unknown_metric_suggests_closest_id() {
    let row = "64.72,peserta_aktf,2023,290000,bpjstk-2024,";
    let site = site_with_rows(&[row]);
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, EXTRA, 2, col_of(row, METRIC));
    assert_eq!(d.message, "unknown metric `peserta_aktf`");
    assert_eq!(hint(d), "did you mean `peserta_aktif`?");
}

#[test]
fn derived_metric_cannot_be_entered() {
    let row = "64.72,rasio_peserta,2023,70,bpjstk-2024,";
    let site = site_with_rows(&[row]);
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, EXTRA, 2, col_of(row, METRIC));
    assert!(
        d.message.contains("`rasio_peserta` is a derived metric"),
        "{d}"
    );
    assert!(hint(d).contains("numerator and denominator"), "{d}");
}

// 3. Unknown source ------------------------------------------------------------------------

#[test]
fn unknown_source_suggests_closest_id() {
    let row = "64.72,cakupan,2023,70,bpjstk-2042,";
    let site = site_with_rows(&[row]);
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, EXTRA, 2, col_of(row, SOURCE));
    assert_eq!(d.message, "unknown source `bpjstk-2042`");
    let h = hint(d);
    assert!(h.contains("did you mean `bpjstk-2024`?"), "{h}");
    assert!(h.contains("data/sources.toml"), "{h}");
}

#[test]
fn empty_source_is_an_error() {
    let row = "64.72,cakupan,2023,70,,";
    let site = site_with_rows(&[row]);
    let d = only(&site.build_err()).clone();
    assert_at(&d, EXTRA, 2, col_of(row, SOURCE));
    assert_eq!(d.message, "the source is empty");
}

// 4. Duplicate (region, metric, period) ---------------------------------------------------

#[test]
fn duplicate_figure_names_both_rows() {
    let first = "64.74,peserta_aktif,2023-06,5000,bpjstk-2024,";
    let second = "64.74,peserta_aktif,2023-06,5100,berita-2025,angka lain";
    let site = site_with_rows(&[
        first,
        "64.74,peserta_aktif,2023-07,5050,bpjstk-2024,",
        second,
    ]);
    let diags = site.build_err();
    let d = only(&diags);
    // reported at the later row, naming the earlier one
    assert_at(d, EXTRA, 4, col_of(second, VALUE));
    assert!(d.message.starts_with("duplicate figure"), "{d}");
    assert!(d.message.contains("64.74"), "{d}");
    assert!(d.message.contains("`peserta_aktif`"), "{d}");
    assert!(d.message.contains("2023-06"), "{d}");
    let first_at = format!("{EXTRA}:2:{}", col_of(first, VALUE));
    assert!(
        d.message.contains(&first_at),
        "expected `{first_at}` in: {d}"
    );
    assert!(hint(d).contains("keep one row"), "{d}");
}

#[test]
fn duplicate_figure_across_files_names_both_files() {
    // 64.72 cakupan 2024 is on line 7 of kepesertaan.csv in the base site.
    let row = "64.72,cakupan,2024,76,bpjstk-2024,";
    let site = site_with_rows(&[row]);
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, EXTRA, 2, col_of(row, VALUE));
    assert!(
        d.message
            .contains("is also given at data/observations/kepesertaan.csv:7:"),
        "{d}"
    );
}

#[test]
fn a_row_after_empty_lines_is_reported_at_its_own_line_and_cell() {
    // Spreadsheets and hand edits leave empty lines; the csv reader's own position of the row
    // after them is the first empty line, which once put this message on a blank line,
    // column 1. Both readers: a file without quotes (split by hand) and one with them.
    for row in [
        "64.74,peserta_aktif,2023,banyak,bpjstk-2024,",
        "64.74,peserta_aktif,2023,banyak,bpjstk-2024,\"catatan, dengan koma\"",
    ] {
        let site = TestSite::new();
        site.write(EXTRA, &format!("{LONG_HEADER}\n\n\n{row}\n"));
        // build_err also holds `check` to the same messages.
        let diags = site.build_err();
        let d = only(&diags);
        assert_at(d, EXTRA, 4, col_of(row, VALUE));
        assert_eq!(
            d.message,
            "value `banyak` for `peserta_aktif` is not a number"
        );
    }
}

// 5. Number format --------------------------------------------------------------------------

#[test]
fn id_formatted_number_under_plain_format_hints_at_id() {
    let row = "64.74,peserta_aktif,2023,1.976.447,bpjstk-2024,";
    let site = site_with_rows(&[row]);
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, EXTRA, 2, col_of(row, VALUE));
    assert_eq!(
        d.message,
        "value `1.976.447` for `peserta_aktif` is not a number"
    );
    let h = hint(d);
    assert!(h.contains("\"plain\" format"), "{h}");
    assert!(h.contains("looks like the \"id\" format"), "{h}");
    assert!(h.contains("number_format = \"id\""), "{h}");
}

#[test]
fn plain_decimal_under_id_format_hints_at_plain() {
    let row = "64.74,cakupan,2023,70.86,bpjstk-2024,";
    let site = site_with_rows(&[row]);
    site.replace(
        "site.toml",
        "number_format = \"plain\"",
        "number_format = \"id\"",
    );
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, EXTRA, 2, col_of(row, VALUE));
    assert_eq!(d.message, "value `70.86` for `cakupan` is not a number");
    let h = hint(d);
    assert!(h.contains("\"id\" format (1.976.447 or 70,86)"), "{h}");
    assert!(h.contains("looks like the \"plain\" format"), "{h}");
}

#[test]
fn id_format_reads_grouped_and_comma_decimals() {
    let site = TestSite::new();
    // the comma decimal must be quoted in CSV
    site.write(
        EXTRA,
        &format!(
            "{LONG_HEADER}\n64.74,peserta_aktif,2025-06,1.976.447,bpjstk-2024,\n64.74,cakupan,2025-06,\"70,86\",bpjstk-2024,\n"
        ),
    );
    site.replace(
        "site.toml",
        "number_format = \"plain\"",
        "number_format = \"id\"",
    );
    site.build_ok();
    let page = site.output("wilayah/kota-bontang/index.html");
    assert!(page.contains("1.976.447"), "grouped count missing");
    assert!(page.contains("70,86%"), "comma decimal missing");
}

#[test]
fn words_in_a_value_cell_are_rejected() {
    let row = "64.74,peserta_aktif,2023,sekitar 5000,bpjstk-2024,";
    let site = site_with_rows(&[row]);
    let d = only(&site.build_err()).clone();
    assert_at(&d, EXTRA, 2, col_of(row, VALUE));
    assert!(d.message.contains("`sekitar 5000`"), "{d}");
    assert!(hint(&d).contains("without units or words"), "{d}");
}

// 6. Negative values --------------------------------------------------------------------------

#[test]
fn negative_count_is_an_error() {
    let row = "64.74,peserta_aktif,2023,-5000,bpjstk-2024,";
    let site = site_with_rows(&[row]);
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, EXTRA, 2, col_of(row, VALUE));
    assert!(d.message.contains("negative value -5000"), "{d}");
    assert!(d.message.contains("`peserta_aktif`"), "{d}");
    assert!(d.message.contains("cannot be below zero"), "{d}");
    assert!(hint(d).contains("check the sign"), "{d}");
}

#[test]
fn negative_angka_is_accepted() {
    let site = site_with_rows(&["64.74,indeks_kemiskinan,2024,-0.25,bpjstk-2024,"]);
    site.build_ok();
    let csv = site.output("data/observations.csv");
    assert!(
        csv.lines().any(|l| l.starts_with("64.74,")
            && l.contains(",indeks_kemiskinan,")
            && l.contains(",-0.25,")),
        "{csv}"
    );
    let page = site.output("wilayah/kota-bontang/index.html");
    assert!(
        page.contains("-0,25"),
        "negative index not shown on the page"
    );
}

// 7. Malformed period ---------------------------------------------------------------------------

#[test]
fn malformed_periods_are_errors() {
    let words = "64,peserta_aktif,s.d. 2024,970000,bpjstk-2024,";
    let month = "64.74,cakupan,2025-13,80,bpjstk-2024,";
    let site = site_with_rows(&[words, month]);
    let diags = site.build_err();
    assert_eq!(diags.len(), 2, "{}", render(&diags));

    let d = &diags[0];
    assert_at(d, EXTRA, 2, col_of(words, PERIOD));
    assert_eq!(d.message, "malformed period: 's.d. 2024' is not a period");
    assert!(hint(d).contains("note column"), "{d}");
    assert!(hint(d).contains("2025-05"), "{d}");

    let d = &diags[1];
    assert_at(d, EXTRA, 3, col_of(month, PERIOD));
    assert!(d.message.starts_with("malformed period"), "{d}");
    assert!(d.message.contains("month 13"), "{d}");
    assert!(d.message.contains("between 01 and 12"), "{d}");
}

// 8. Ragged rows ------------------------------------------------------------------------------

#[test]
fn ragged_row_is_reported_with_cell_counts() {
    // 1,976,447 written with unquoted thousands commas: two extra cells
    let site = site_with_rows(&[
        "64.74,cakupan,2023,80,bpjstk-2024,",
        "64.74,peserta_aktif,2023,1,976,447,bpjstk-2024,",
    ]);
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, EXTRA, 3, 1);
    assert_eq!(d.message, "this row has 8 cells but the header has 6");
    assert!(hint(d).contains("double quotes"), "{d}");
}

#[test]
fn ragged_row_does_not_hide_later_errors() {
    let site = site_with_rows(&[
        "64.74,cakupan,2023,80,bpjstk-2024,,extra",
        "64.74,cakupan,2022,80,nope,",
    ]);
    let diags = site.build_err();
    assert_eq!(diags.len(), 2, "{}", render(&diags));
    assert_at(find(&diags, "7 cells"), EXTRA, 2, 1);
    assert_at(find(&diags, "unknown source `nope`"), EXTRA, 3, 0);
}

// 9. TOML syntax errors -------------------------------------------------------------------------

#[test]
fn toml_syntax_error_in_metrics_points_at_the_line() {
    let site = TestSite::new();
    // line 14 of metrics.toml: the label of [potensi_pekerja], quotes forgotten
    site.replace(
        "data/metrics.toml",
        "label = \"Potensi pekerja\"",
        "label = Potensi pekerja",
    );
    let diags = site.build_err();
    // the first error is the syntax error; metrics are missing for the rest of the build
    let d = diags
        .iter()
        .find(|d| d.location.file.as_os_str() == "data/metrics.toml")
        .unwrap_or_else(|| panic!("no error in metrics.toml:\n{}", render(&diags)));
    assert_at(d, "data/metrics.toml", 14, 9);
    assert!(d.message.starts_with("invalid TOML"), "{d}");
    assert!(hint(d).contains("double quotes"), "{d}");
}

#[test]
fn toml_syntax_error_in_site_toml_points_at_the_line() {
    let site = TestSite::new();
    // line 5: unterminated string
    site.replace(
        "site.toml",
        "province_name = \"Kalimantan Timur\"",
        "province_name = \"Kalimantan Timur",
    );
    let diags = site.build_err();
    let d = only(&diags);
    assert_eq!(d.location.file.as_os_str(), "site.toml", "{d}");
    assert_eq!(d.location.line, 5, "{d}");
    assert!(d.message.starts_with("invalid TOML"), "{d}");
}

#[test]
fn unknown_key_in_site_toml_is_reported_at_its_line() {
    let site = TestSite::new();
    site.replace(
        "site.toml",
        "headline_metric = \"cakupan\"",
        "headline_metric = \"cakupan\"\nheadline = \"cakupan\"",
    );
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, "site.toml", 7, 1);
    assert!(d.message.contains("unknown field `headline`"), "{d}");
    assert!(hint(d).contains("check the spelling"), "{d}");
}

#[test]
fn unknown_headline_metric_points_at_site_toml() {
    let site = TestSite::new();
    site.replace(
        "site.toml",
        "headline_metric = \"cakupan\"",
        "headline_metric = \"cakupn\"",
    );
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, "site.toml", 6, 19);
    assert!(d.message.contains("headline_metric `cakupn`"), "{d}");
    assert_eq!(hint(d), "did you mean `cakupan`?");
}

// 10. Front matter ---------------------------------------------------------------------------------

#[test]
fn front_matter_error_line_counts_from_file_start() {
    let site = TestSite::new();
    // line 1 +++, 2 title, 3 date, 4 weight (broken), 5 +++
    site.write(
        "content/metodologi.md",
        "+++\ntitle = \"Metodologi\"\ndate = \"2025-08-05\"\nweight = satu\n+++\n\nTeks.\n",
    );
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, "content/metodologi.md", 4, 10);
    assert!(d.message.starts_with("invalid TOML"), "{d}");
}

#[test]
fn front_matter_unknown_key_and_bad_date_lines() {
    let site = TestSite::new();
    site.write(
        "content/metodologi.md",
        "+++\ntitle = \"Metodologi\"\n\nregoin = \"64.72\"\n+++\nTeks.\n",
    );
    site.write(
        "content/tentang.md",
        "+++\ntitle = \"Tentang\"\ndate = \"2025-02-30\"\n+++\nTeks.\n",
    );
    let diags = site.build_err();
    assert_eq!(diags.len(), 2, "{}", render(&diags));
    let d = find(&diags, "unknown field `regoin`");
    assert_at(d, "content/metodologi.md", 4, 1);
    let d = find(&diags, "2025-02-30");
    assert_at(d, "content/tentang.md", 3, 8);
    assert!(hint(d).contains("2025-08-05"), "{d}");
}

#[test]
fn front_matter_with_crlf_reports_same_line() {
    let site = TestSite::new();
    site.write(
        "content/metodologi.md",
        "+++\r\ntitle = \"Metodologi\"\r\nweight = satu\r\n+++\r\n\r\nTeks.\r\n",
    );
    let d = only(&site.build_err()).clone();
    assert_at(&d, "content/metodologi.md", 3, 10);
}

#[test]
fn front_matter_unknown_region_suggests_code() {
    let site = TestSite::new();
    site.write(
        "content/wilayah/kota-samarinda.md",
        "+++\ntitle = \"Catatan Samarinda\"\nregion = \"64.27\"\n+++\nTeks.\n",
    );
    let d = only(&site.build_err()).clone();
    // the engine points at the file start, not at the `region =` line
    assert_eq!(
        d.location.file.as_os_str(),
        "content/wilayah/kota-samarinda.md",
        "{d}"
    );
    assert_eq!(d.message, "front matter names unknown region `64.27`");
    assert!(hint(&d).contains("did you mean `64.72`?"), "{d}");
}

#[test]
fn missing_front_matter_is_reported() {
    let site = TestSite::new();
    site.write("content/tentang.md", "# Tentang\n\nTanpa front matter.\n");
    let d = only(&site.build_err()).clone();
    assert_at(&d, "content/tentang.md", 1, 1);
    assert!(
        d.message.contains("does not start with front matter"),
        "{d}"
    );
}

// 11. Template syntax errors --------------------------------------------------------------------

#[test]
fn template_syntax_error_in_site_override_names_file_and_line() {
    let site = TestSite::new();
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page_title }}</h1>\n<p>{{ site.title </p>\n{% endblock %}\n",
    );
    let diags = site.build_err();
    let d = only(&diags);
    assert_eq!(d.location.file.as_os_str(), "templates/index.html", "{d}");
    assert_eq!(d.location.line, 4, "{d}");
    assert!(d.location.column > 0, "{d}");
    assert!(d.message.starts_with("template error"), "{d}");
    assert!(hint(d).contains("template syntax"), "{d}");
}

#[test]
fn valid_site_template_override_is_used() {
    let site = TestSite::new();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<p>HALAMAN-HILANG-KHUSUS</p>{% endblock %}\n",
    );
    site.build_ok();
    assert!(site.output("404.html").contains("HALAMAN-HILANG-KHUSUS"));
}

// 12. BOM and CRLF ------------------------------------------------------------------------------

#[test]
fn bom_and_crlf_observation_file_builds() {
    let site = TestSite::new();
    let text = format!(
        "\u{feff}{LONG_HEADER}\r\n64.74,peserta_aktif,2025-06,123456,bpjstk-2024,dari Excel\r\n64.74,potensi_pekerja,2025-06,200000,bpjstk-2024,\r\n"
    );
    site.write_bytes(EXTRA, text.as_bytes());
    site.build_ok();
    let page = site.output("wilayah/kota-bontang/index.html");
    assert!(
        page.contains("123.456"),
        "value missing from the region page"
    );
    assert!(
        page.contains("dari Excel"),
        "note missing (CR left in the last cell?)"
    );
    let csv = site.output("data/observations.csv");
    assert!(
        csv.lines().any(|l| l.starts_with("64.74,")
            && l.contains(",peserta_aktif,")
            && l.contains(",123456,")),
        "{csv}"
    );
    // the ratio is derived from the two BOM/CRLF rows: 123456 / 200000 = 61.728%
    assert!(page.contains("61,73%"), "derived ratio missing");
}

#[test]
fn bom_and_crlf_errors_keep_line_and_column() {
    let site = TestSite::new();
    let bad = "64.74,cakupan,2025-6,80,bpjstk-2024,";
    let text = format!(
        "\u{feff}{LONG_HEADER}\r\n64.74,peserta_aktif,2025-06,123456,bpjstk-2024,\r\n{bad}\r\n"
    );
    site.write_bytes(EXTRA, text.as_bytes());
    let d = only(&site.build_err()).clone();
    assert_at(&d, EXTRA, 3, col_of(bad, PERIOD));
    assert!(d.message.contains("'2025-6' is not a period"), "{d}");
}

// 13. Percentages above 100 ---------------------------------------------------------------------

#[test]
fn persen_above_100_is_accepted_and_shown() {
    let site = site_with_rows(&["64.74,cakupan,2025-06,150,berita-2025,penyebut lama"]);
    site.build_ok();
    let page = site.output("wilayah/kota-bontang/index.html");
    assert!(page.contains("150%"), "150% not on the Bontang page");
    let csv = site.output("data/observations.csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("64.74,") && l.contains(",cakupan,") && l.contains(",150,")),
        "{csv}"
    );
}

// 14. All errors at once --------------------------------------------------------------------------

#[test]
fn all_errors_are_reported_together() {
    let site = site_with_rows(&[
        "64.99,cakupan,2023,50,bpjstk-2024,",
        "64.74,cakupan,2023,lima puluh,bpjstk-2024,",
    ]);
    site.write(
        "content/metodologi.md",
        "+++\ntitle = \"Metodologi\"\ndate = 2025-08-05x\n+++\nTeks.\n",
    );
    let diags = site.build_err();
    assert!(diags.len() >= 3, "{}", render(&diags));
    assert_at(find(&diags, "unknown region `64.99`"), EXTRA, 2, 1);
    assert_at(find(&diags, "`lima puluh`"), EXTRA, 3, 0);
    let fm = diags
        .iter()
        .find(|d| d.location.file.as_os_str() == "content/metodologi.md")
        .unwrap_or_else(|| panic!("front matter error missing:\n{}", render(&diags)));
    assert_eq!(fm.location.line, 3, "{fm}");
    // sorted by file, then line
    let files: Vec<_> = diags.iter().map(|d| d.location.clone()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

#[test]
fn errors_in_every_data_file_are_reported_together() {
    let site = site_with_rows(&["64.74,cakupan,2023,80,bpjstk-2042,"]);
    site.replace(
        "data/sources.toml",
        "date = \"2025-08-05\"",
        "date = \"5 Agustus 2025\"",
    );
    site.write("data/regions.csv", &format!("{REGIONS_CSV}64.75,,,,,,\n"));
    let diags = site.build_err();
    assert!(diags.len() >= 3, "{}", render(&diags));
    assert_at(find(&diags, "unknown source `bpjstk-2042`"), EXTRA, 2, 0);
    assert_at(find(&diags, "5 Agustus 2025"), "data/sources.toml", 12, 8);
    assert_at(find(&diags, "code and a name"), "data/regions.csv", 5, 7);
}

// 15. Atomic output -------------------------------------------------------------------------------

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = TestSite::new();
    site.build_ok();
    let before = snapshot(&site.out());
    assert!(before.contains_key(std::path::Path::new("index.html")));

    site.replace(
        "data/observations/kepesertaan.csv",
        "64.74,cakupan,2024,82,",
        "64.74,cakupan,2024,8.2.0,",
    );
    let diags = site.build_err();
    assert_at(
        find(&diags, "`8.2.0`"),
        "data/observations/kepesertaan.csv",
        10,
        0,
    );

    assert_eq!(
        snapshot(&site.out()),
        before,
        "public/ changed after a failed build"
    );
    let stray: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(stray.is_empty(), "stray staging folders: {stray:?}");
}

#[test]
fn successful_rebuild_replaces_output_and_cleans_up() {
    let site = TestSite::new();
    site.build_ok();
    std::fs::write(site.out().join("stale.html"), "old").unwrap();
    site.build_ok();
    assert!(!site.out().join("stale.html").exists(), "old output kept");
    let stray: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(stray.is_empty(), "stray staging folders: {stray:?}");
}

// 16. Wide layout -----------------------------------------------------------------------------------

#[test]
fn wide_format_observations_are_read() {
    let site = TestSite::new();
    site.write(
        "data/observations/lebar.csv",
        "region,period,source,peserta_aktif,potensi_pekerja,note\n\
         64.74,2025-03,bpjstk-2024,43210,60000,tabel lebar\n\
         64.01,2025-03,berita-2025,11111,,hanya peserta\n",
    );
    site.build_ok();
    let csv = site.output("data/observations.csv");
    let has = |region: &str, metric: &str, value: &str| {
        csv.lines().any(|l| {
            l.starts_with(&format!("{region},"))
                && l.contains(&format!(",{metric},"))
                && l.contains(",2025-03,")
                && l.contains(&format!(",{value},"))
        })
    };
    assert!(has("64.74", "peserta_aktif", "43210"), "{csv}");
    assert!(has("64.74", "potensi_pekerja", "60000"), "{csv}");
    assert!(has("64.01", "peserta_aktif", "11111"), "{csv}");
    // an empty cell is no figure
    assert!(
        !csv.lines()
            .any(|l| l.starts_with("64.01,") && l.contains(",potensi_pekerja,")),
        "{csv}"
    );
    // and the ratio is derived from the wide row
    assert!(
        csv.lines().any(|l| l.starts_with("64.74,")
            && l.contains(",rasio_peserta,")
            && l.contains(",2025-03,")
            && l.contains(",72.016667,")),
        "{csv}"
    );
}

#[test]
fn wide_format_errors_point_at_cells_and_header() {
    let site = TestSite::new();
    let row = "64.74,2025-03,bpjstk-2024,-4,abc";
    site.write(
        "data/observations/lebar.csv",
        &format!("region,period,source,peserta_aktif,potensi_pekerja,peserta_aktf\n{row},5\n"),
    );
    let diags = site.build_err();
    assert_eq!(diags.len(), 3, "{}", render(&diags));
    let d = find(&diags, "column `peserta_aktf`");
    // at the misspelt header cell itself (column 52), not the start of the line
    assert_at(d, "data/observations/lebar.csv", 1, 52);
    assert_eq!(hint(d), "did you mean `peserta_aktif`?");
    assert_at(
        find(&diags, "negative value -4"),
        "data/observations/lebar.csv",
        2,
        col_of(row, 3),
    );
    assert_at(
        find(&diags, "`abc`"),
        "data/observations/lebar.csv",
        2,
        col_of(row, 4),
    );
}

// 17. URL collisions ------------------------------------------------------------------------------

#[test]
fn region_slug_collision_is_an_error() {
    let site = TestSite::new();
    site.write(
        "data/regions.csv",
        &format!("{REGIONS_CSV}64.75,\"KOTA  Bontang.\",,,,,\n"),
    );
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, "data/regions.csv", 5, 7);
    assert!(d.message.contains("/wilayah/kota-bontang/"), "{d}");
    assert!(d.message.contains("Kota Bontang (line 4)"), "{d}");
    assert!(hint(d).contains("punctuation or capital letters"), "{d}");
}

#[test]
fn content_page_colliding_with_region_page_is_an_error() {
    let site = TestSite::new();
    // no `region =` in front matter: it would be published at /wilayah/kota-bontang/
    site.write(
        "content/wilayah/kota-bontang.md",
        "+++\ntitle = \"Kota Bontang\"\n+++\nTeks.\n",
    );
    let diags = site.build_err();
    let d = only(&diags);
    assert_at(d, "content/wilayah/kota-bontang.md", 1, 1);
    assert!(
        d.message
            .contains("/wilayah/kota-bontang/, which is already the page of Kota Bontang"),
        "{d}"
    );
    assert!(hint(d).contains("region = \"<code>\""), "{d}");
}

#[test]
fn content_page_colliding_with_data_downloads_is_an_error() {
    let site = TestSite::new();
    site.write("content/data.md", "+++\ntitle = \"Data\"\n+++\nTeks.\n");
    let d = only(&site.build_err()).clone();
    assert_at(&d, "content/data.md", 1, 1);
    assert!(d.message.contains("the data downloads"), "{d}");
}

// 18. Command line ----------------------------------------------------------------------------------

fn cakupan(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("run cakupan")
}

#[test]
fn cli_exit_code_0_on_success() {
    let site = TestSite::new();
    let out = site.root().join("keluaran");
    let o = cakupan(&[
        "build".as_ref(),
        "--site".as_ref(),
        site.root().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("built "));
    assert!(out.join("index.html").is_file());

    let o = cakupan(&["check".as_ref(), "--site".as_ref(), site.root().as_os_str()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("ok: 3 regions"));
}

#[test]
fn cli_exit_code_1_on_bad_input_with_file_line_col() {
    let row = "64.74,cakupan,2023,80,bpjstk-2042,";
    let site = site_with_rows(&[row]);
    let out = site.root().join("keluaran");
    let o = cakupan(&[
        "build".as_ref(),
        "--site".as_ref(),
        site.root().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let at = format!(
        "error: {EXTRA}:2:{}: unknown source `bpjstk-2042`",
        col_of(row, SOURCE)
    );
    assert!(stderr.contains(&at), "expected `{at}` in:\n{stderr}");
    assert!(
        stderr.contains("hint: did you mean `bpjstk-2024`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 error(s); nothing was written"),
        "{stderr}"
    );
    assert!(!out.exists(), "output written despite errors");

    let o = cakupan(&["check".as_ref(), "--site".as_ref(), site.root().as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&at));
}

#[test]
fn cli_exit_code_2_on_usage_error() {
    let site = TestSite::new();
    let o = cakupan(&[
        "build".as_ref(),
        "--site".as_ref(),
        site.root().as_os_str(),
        "--bogus".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--bogus"), "{stderr}");
    assert!(!site.out().exists());

    let o = cakupan(&["bangun".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn cli_refuses_output_folder_containing_the_site() {
    let site = TestSite::new();
    let o = cakupan(&[
        "build".as_ref(),
        "--site".as_ref(),
        site.root().as_os_str(),
        "--out".as_ref(),
        site.root().as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("contains the site itself"));
    assert!(
        site.root().join("site.toml").is_file(),
        "the site was replaced"
    );
}

#[test]
fn content_page_inside_a_generated_folder_is_an_error() {
    let site = TestSite::new();
    site.write(
        "content/penilaian/catatan.md",
        "+++\ntitle = \"Catatan\"\n+++\n\nTeks.\n",
    );
    site.write("content/grafik/a.md", "+++\ntitle = \"A\"\n+++\n\nTeks.\n");
    let errs = site.build_err();
    let pen = find(&errs, "inside /penilaian/");
    assert_eq!(
        pen.location.file,
        std::path::PathBuf::from("content/penilaian/catatan.md")
    );
    find(&errs, "inside /grafik/");
}

#[test]
fn output_folder_that_would_destroy_inputs_or_foreign_files_is_refused() {
    let site = TestSite::new();
    // inside an input folder
    let inside = site.root().join("data/out");
    let errs = cakupan::build(site.root(), &inside)
        .unwrap_err()
        .into_sorted();
    assert!(
        errs[0].message.contains("inside the site's data/ folder"),
        "{}",
        errs[0]
    );
    assert!(
        site.root().join("data/observations").is_dir(),
        "inputs untouched"
    );
    // an existing folder with someone else's files
    let foreign = site.root().join("laporan-lama");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("skripsi.docx"), b"not ours").unwrap();
    let errs = cakupan::build(site.root(), &foreign)
        .unwrap_err()
        .into_sorted();
    assert!(errs[0].message.contains("did not write"), "{}", errs[0]);
    assert_eq!(
        std::fs::read(foreign.join("skripsi.docx")).unwrap(),
        b"not ours"
    );
    // our own output is marked and can be rebuilt
    site.build_ok();
    assert!(site.root().join("public/.cakupan-output").exists());
    site.build_ok();
    // the CLI reports it as a usage error
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(["build", "--site"])
        .arg(site.root())
        .arg("--out")
        .arg(&foreign)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&status.stderr).contains("did not write"));
}

#[test]
fn absurd_numbers_punctuation_names_and_empty_regions_are_clear_errors() {
    let site = TestSite::new();
    let huge = "9".repeat(400);
    site.write("data/observations/besar.csv", &format!("region,metric,period,value,source,note\n64.01,peserta_aktif,2022,{huge},bpjstk-2024,\n"));
    let errs = site.build_err();
    let d = find(&errs, "is not a number");
    assert_at(d, "data/observations/besar.csv", 2, 26);
    assert!(
        d.message.len() < 120,
        "long values are shortened: {}",
        d.message
    );
    assert!(hint(d).contains("too large"));

    let site = TestSite::new();
    site.replace("data/regions.csv", "64.74,Kota Bontang,", "64.74,...,");
    let errs = site.build_err();
    find(&errs, "no letters or digits");

    let site = TestSite::new();
    site.write("data/regions.csv", "");
    let errs = site.build_err();
    assert_eq!(errs.len(), 1, "only the cause: {}", render(&errs));
    assert!(errs[0].message.contains("empty"));
}

#[test]
fn a_row_with_several_mistakes_reports_each() {
    let site = TestSite::new();
    site.write(
        "data/observations/salah.csv",
        "region,metric,period,value,source,note\n64.01,cakupan,2024,é70,sumber-tak-ada,\n",
    );
    let errs = site.build_err();
    find(&errs, "unknown source");
    find(&errs, "is not a number");
}

#[test]
fn csv_exports_do_not_carry_spreadsheet_formulas() {
    let site = TestSite::new();
    site.write(
        "data/observations/catatan.csv",
        "region,metric,period,value,source,note\n64.74,peserta_aktif,2023,1000,bpjstk-2024,\"=HYPERLINK(\"\"http://x\"\")\"\n",
    );
    site.build_ok();
    let csv = site.output("data/observations.csv");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"));
}

#[test]
fn rebuild_reuses_unchanged_files_and_rewrites_changed_ones() {
    let site = TestSite::new();
    site.build_ok();
    let before_paser = site.output("wilayah/kabupaten-paser/index.html");
    let before_bontang = site.output("wilayah/kota-bontang/index.html");
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.74,cakupan,2024,82,",
        "64.74,cakupan,2024,83,",
    );
    site.build_ok();
    assert_eq!(
        site.output("wilayah/kabupaten-paser/index.html"),
        before_paser
    );
    let bontang = site.output("wilayah/kota-bontang/index.html");
    assert_ne!(bontang, before_bontang);
    assert!(bontang.contains("83%"));
    // the previous output is gone: every published file has exactly one name
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(
            site.root()
                .join("public/wilayah/kabupaten-paser/index.html"),
        )
        .unwrap();
        assert_eq!(meta.nlink(), 1);
    }
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty());
}
