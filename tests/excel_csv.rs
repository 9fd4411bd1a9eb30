//! CSV as Excel writes it with Indonesian regional settings: semicolons and decimal commas,
//! byte-order marks and CRLF, UTF-16 "Unicode Text"; other encodings refused at their line.

mod common;

use common::*;

const EXTRA: &str = "data/observations/tambahan.csv";

/// The figures of `data/observations.csv` for 64.74 in 2023, as `metric=value`.
fn figures_2023(site: &TestSite) -> Vec<String> {
    let csv = site.output("data/observations.csv");
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (region, metric, period, value) =
        (col("region"), col("metric"), col("period"), col("value"));
    let mut out: Vec<String> = r
        .records()
        .map(Result::unwrap)
        .filter(|row| &row[region] == "64.74" && &row[period] == "2023")
        .map(|row| format!("{}={}", &row[metric], &row[value]))
        .collect();
    out.sort();
    out
}

fn with_bytes(bytes: &[u8]) -> TestSite {
    let site = TestSite::new();
    site.write_bytes(EXTRA, bytes);
    site
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        b.extend(u.to_le_bytes());
    }
    b
}

#[test]
fn semicolon_decimal_comma_files_read_the_same_figures_as_comma_files() {
    let comma = with_bytes(
        b"region,metric,period,value,source,note\n64.74,cakupan,2023,70.86,bpjstk-2024,\n64.74,peserta_aktif,2023,1976447,bpjstk-2024,\"a, b\"\n",
    );
    comma.build_ok();
    // As Excel (Indonesian settings) saves "CSV": BOM, CRLF, semicolons, decimal comma.
    let semi = with_bytes(
        b"\xef\xbb\xbfregion;metric;period;value;source;note\r\n64.74;cakupan;2023;70,86;bpjstk-2024;\r\n64.74;peserta_aktif;2023;1976447;bpjstk-2024;a, b\r\n",
    );
    semi.build_ok();
    let want = vec![
        "cakupan=70.86".to_string(),
        "peserta_aktif=1976447".to_string(),
    ];
    assert_eq!(figures_2023(&comma), want);
    assert_eq!(figures_2023(&semi), want);
}

#[test]
fn utf16_unicode_text_is_decoded() {
    // Excel "Unicode Text": UTF-16 LE with BOM, tab-separated, decimal comma.
    let tab = with_bytes(&utf16le(
        "region\tmetric\tperiod\tvalue\tsource\tnote\r\n64.74\tcakupan\t2023\t70,86\tbpjstk-2024\t\r\n",
    ));
    tab.build_ok();
    assert_eq!(figures_2023(&tab), vec!["cakupan=70.86".to_string()]);
    let semi = with_bytes(&utf16le(
        "region;metric;period;value;source;note\r\n64.74;cakupan;2023;70,86;bpjstk-2024;Kota Bontang\r\n",
    ));
    semi.build_ok();
    assert_eq!(figures_2023(&semi), vec!["cakupan=70.86".to_string()]);
}

#[test]
fn windows_1252_is_refused_at_the_first_offending_line() {
    // "Kota Bontang (catatan ñ)" with ñ as the single byte 0xF1 of Windows-1252.
    let site = with_bytes(
        b"region,metric,period,value,source,note\n64.74,cakupan,2023,80,bpjstk-2024,ok\n64.74,peserta_aktif,2023,5,bpjstk-2024,catatan \xf1\n",
    );
    let errs = site.build_err();
    let e = only(&errs);
    assert_at(e, EXTRA, 3, 48);
    assert!(e.message.contains("not UTF-8"), "{e}");
    assert!(hint(e).contains("CSV UTF-8"), "{e}");
}

#[test]
fn a_ragged_row_names_the_separator_the_file_uses() {
    let site = with_bytes(
        b"region;metric;period;value;source;note\n64.74;cakupan;2023;80,5;bpjstk-2024\n",
    );
    let errs = site.build_err();
    let e = only(&errs);
    assert_at(e, EXTRA, 2, 1);
    assert!(hint(e).contains("semicolons (;)"), "{e}");
    let site =
        with_bytes(b"region,metric,period,value,source,note\n64.74,cakupan,2023,80,bpjstk-2024\n");
    assert!(hint(only(&site.build_err())).contains("commas (,)"));
}

#[test]
fn cells_of_a_semicolon_file_are_located_exactly() {
    let row = "64.74;cakupan;2023;80,5;nggak-ada;";
    let site = with_bytes(format!("region;metric;period;value;source;note\n{row}\n").as_bytes());
    let errs = site.build_err();
    let e = only(&errs);
    let col = row
        .split(';')
        .take(4)
        .map(|c| c.chars().count() + 1)
        .sum::<usize>()
        + 1;
    assert_at(e, EXTRA, 2, col);
    assert!(e.message.contains("unknown source `nggak-ada`"));
}
