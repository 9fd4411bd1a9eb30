//! Figures in OpenDocument spreadsheets (`.ods`, as LibreOffice saves them): long and wide
//! sheets give the same figures as their CSV twins, `_` sheets are skipped, date cells are
//! months, errors name the sheet and cell. There is no LibreOffice here, so the test writes the
//! ODS package itself: a zip with `mimetype` first and stored, the manifest and content.xml,
//! cells typed the way LibreOffice types them (`office:value-type` float, string or date).

mod common;

use common::*;
use std::io::Write;

/// A cell: text, number, date (`2025-05-01`) or nothing.
#[derive(Clone, Copy)]
enum C<'a> {
    S(&'a str),
    N(f64),
    D(&'a str),
    E,
}
use C::*;

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn content_xml(sheets: &[(&str, Vec<Vec<C>>)]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">\
         <office:body><office:spreadsheet>",
    );
    for (name, rows) in sheets {
        x.push_str(&format!(
            "<table:table table:name=\"{}\">",
            xml_escape(name)
        ));
        for row in rows {
            x.push_str("<table:table-row>");
            for cell in row {
                match *cell {
                    S(s) => x.push_str(&format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                        xml_escape(s)
                    )),
                    // The display text is the Indonesian format; the value is what counts.
                    N(n) => x.push_str(&format!(
                        "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{}</text:p></table:table-cell>",
                        n.to_string().replace('.', ",")
                    )),
                    D(d) => x.push_str(&format!(
                        "<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>"
                    )),
                    E => x.push_str("<table:table-cell/>"),
                }
            }
            x.push_str("</table:table-row>");
        }
        x.push_str("</table:table>");
    }
    x.push_str("</office:spreadsheet></office:body></office:document-content>\n");
    x
}

/// The bytes of an .ods file holding these sheets.
fn ods(sheets: &[(&str, Vec<Vec<C>>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        zip.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
              <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
              <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
              <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
              </manifest:manifest>\n",
        )
        .unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(content_xml(sheets).as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

fn notes_sheet() -> (&'static str, Vec<Vec<C<'static>>>) {
    // Not a table: it would fail every check if it were read.
    (
        "_catatan",
        vec![
            vec![S("Catatan"), S("diisi oleh Disnakertrans")],
            vec![N(-5.0)],
        ],
    )
}

/// The minimal site with its kepesertaan.csv replaced by `kepesertaan.ods`.
fn with_ods(sheets: &[(&str, Vec<Vec<C>>)]) -> TestSite {
    let site = TestSite::new();
    std::fs::remove_file(site.root().join("data/observations/kepesertaan.csv")).unwrap();
    site.write_bytes("data/observations/kepesertaan.ods", &ods(sheets));
    site
}

/// `common::KEPESERTAAN_CSV` as sheet rows: periods and values as numbers.
fn long_rows() -> Vec<Vec<C<'static>>> {
    let mut rows = vec![vec![
        S("region"),
        S("metric"),
        S("period"),
        S("value"),
        S("source"),
        S("note"),
    ]];
    for line in KEPESERTAAN_CSV.lines().skip(1) {
        let f: Vec<&'static str> = line.split(',').collect();
        rows.push(vec![
            S(f[0]),
            S(f[1]),
            N(f[2].parse().unwrap()),
            N(f[3].parse().unwrap()),
            S(f[4]),
            if f[5].is_empty() { E } else { S(f[5]) },
        ]);
    }
    rows
}

#[test]
fn long_ods_builds_the_same_figures_as_its_csv_twin() {
    let csv = TestSite::new();
    csv.build_ok();
    let sheet = with_ods(&[("Kaltim", long_rows()), notes_sheet()]);
    let summary = sheet.build_ok();
    let want = csv.output("data/observations.csv");
    assert!(want.contains("64.72,"), "{want}");
    assert_eq!(sheet.output("data/observations.csv"), want);
    assert_eq!(
        sheet.output("data/summary.json"),
        csv.output("data/summary.json")
    );
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

#[test]
fn wide_ods_builds_the_same_figures_as_its_csv_twin() {
    let csv = TestSite::new();
    csv.write(
        "data/observations/kepesertaan.csv",
        "region,period,source,cakupan,peserta_aktif,potensi_pekerja\n\
         64,2024,bpjstk-2024,71.25,962711,1358649\n\
         64.72,2025-05,berita-2025,75,300000,400000\n\
         64.74,2024,bpjstk-2024,82,,\n",
    );
    csv.build_ok();
    let header = vec![
        S("region"),
        S("period"),
        S("source"),
        S("cakupan"),
        S("peserta_aktif"),
        S("potensi_pekerja"),
    ];
    // Two tables on two sheets; a region code typed as a number, a date cell as the period.
    let a = vec![
        header.clone(),
        vec![
            N(64.0),
            N(2024.0),
            S("bpjstk-2024"),
            N(71.25),
            N(962711.0),
            N(1358649.0),
        ],
    ];
    let b = vec![
        header,
        vec![
            S("64.72"),
            D("2025-05-14"),
            S("berita-2025"),
            N(75.0),
            N(300000.0),
            N(400000.0),
        ],
        vec![E, E, E, E, E, E],
        vec![S("64.74"), S("2024"), S("bpjstk-2024"), S("82"), E, E],
    ];
    let sheet = with_ods(&[("Provinsi", a), notes_sheet(), ("Kota", b)]);
    sheet.build_ok();
    let want = csv.output("data/observations.csv");
    assert!(want.contains("2025-05") && want.contains("71.25"), "{want}");
    assert_eq!(sheet.output("data/observations.csv"), want);
}

#[test]
fn ods_errors_name_the_sheet_and_cell() {
    let mut rows = long_rows();
    rows[2][3] = S("962.711 orang");
    let site = with_ods(&[("Kaltim", rows), notes_sheet()]);
    let diags = site.build_err();
    let d = find(&diags, "is not a number");
    assert_eq!(
        d.location.to_string(),
        "data/observations/kepesertaan.ods, sheet Kaltim, cell D3",
        "{}",
        render(&diags)
    );
    assert!(!render(&diags).contains("_catatan"));
}
