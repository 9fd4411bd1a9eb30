//! Figures in Excel workbooks: long and wide sheets give the same figures as their CSV twins,
//! errors point at sheet and cell, `_` sheets are skipped, date cells become months, number
//! cells are values (never reread through the site's number format).

mod common;

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell to write: text, number, date (y, m, d) or nothing.
#[derive(Clone, Copy)]
enum C<'a> {
    S(&'a str),
    N(f64),
    D(u16, u8, u8),
    E,
}
use C::*;

fn workbook(sheets: &[(&str, Vec<Vec<C>>)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match *cell {
                    S(s) => {
                        ws.write_string(r, c, s).unwrap();
                    }
                    N(n) => {
                        ws.write_number(r, c, n).unwrap();
                    }
                    D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(y, m, d).unwrap();
                        ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
                    }
                    E => {}
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The long rows of `common::KEPESERTAAN_CSV` as workbook cells: regions and sources as
/// text, periods and values as numbers, as staff type them in Excel.
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

fn notes_sheet() -> (&'static str, Vec<Vec<C<'static>>>) {
    // Not a table at all: it would fail every check if it were read.
    (
        "_notes",
        vec![
            vec![S("Catatan"), S("diisi oleh Disnakertrans")],
            vec![N(-5.0)],
        ],
    )
}

fn with_workbook(sheets: &[(&str, Vec<Vec<C>>)]) -> TestSite {
    let site = TestSite::new();
    std::fs::remove_file(site.root().join("data/observations/kepesertaan.csv")).unwrap();
    site.write_bytes("data/observations/kepesertaan.xlsx", &workbook(sheets));
    site
}

#[test]
fn long_workbook_builds_the_same_figures_as_its_csv_twin() {
    let csv = TestSite::new();
    csv.build_ok();
    let xlsx = with_workbook(&[("Kaltim", long_rows()), notes_sheet()]);
    let summary = xlsx.build_ok();
    let want = csv.output("data/observations.csv");
    assert!(want.contains("64.72,"), "{want}");
    assert_eq!(xlsx.output("data/observations.csv"), want);
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

#[test]
fn wide_workbook_builds_the_same_figures_as_its_csv_twin() {
    let csv = TestSite::new();
    csv.write(
        "data/observations/kepesertaan.csv",
        "region,period,source,cakupan,peserta_aktif,potensi_pekerja\n\
         64,2024,bpjstk-2024,71.25,962711,1358649\n\
         64.72,2024,berita-2025,75,300000,400000\n\
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
    // Two sheets, one table each; the region code typed as a number as Excel stores it.
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
            N(2024.0),
            S("berita-2025"),
            N(75.0),
            N(300000.0),
            N(400000.0),
        ],
        vec![E, E, E, E, E, E],
        vec![S("64.74"), S("2024"), S("bpjstk-2024"), S("82"), E, E],
    ];
    let xlsx = with_workbook(&[("Provinsi", a), notes_sheet(), ("Kota", b)]);
    xlsx.build_ok();
    let want = csv.output("data/observations.csv");
    assert!(want.contains("71.25"), "{want}");
    assert_eq!(xlsx.output("data/observations.csv"), want);
}

#[test]
fn errors_point_at_sheet_and_cell() {
    let mut rows = long_rows();
    // Row 3 of the sheet: a value typed as text with units, an unknown region.
    rows[2][3] = S("962.711 orang");
    rows[4][0] = S("64.99");
    let site = with_workbook(&[("Kaltim", rows), notes_sheet()]);
    let diags = site.build_err();
    let text = render(&diags);
    let v = find(&diags, "is not a number");
    assert_eq!(
        v.location.to_string(),
        "data/observations/kepesertaan.xlsx, sheet Kaltim, cell D3",
        "{text}"
    );
    let r = find(&diags, "unknown region `64.99`");
    assert_eq!(
        r.location.to_string(),
        "data/observations/kepesertaan.xlsx, sheet Kaltim, cell A5",
        "{text}"
    );
    assert!(text.contains("sheet Kaltim, cell D3"), "{text}");
    // nothing from the skipped `_notes` sheet
    assert!(!text.contains("_notes"), "{text}");
}

/// `--format json` names the sheet and the cell; `--format github` annotates the file and puts
/// sheet and cell in the message (a row of a sheet is no line of the file).
#[test]
fn machine_formats_name_the_sheet_and_cell() {
    let mut rows = long_rows();
    rows[2][3] = S("962.711 orang");
    let site = with_workbook(&[("Kaltim", rows), notes_sheet()]);
    let run = |format: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_cakupan"))
            .args(["check", "--format", format, "--site"])
            .arg(site.root())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        String::from_utf8(o.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let e = &json["errors"][0];
    assert_eq!(e["file"], "data/observations/kepesertaan.xlsx", "{json}");
    assert_eq!(e["sheet"], "Kaltim", "{json}");
    assert_eq!(e["cell"], "D3", "{json}");
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(3), Some(4))
    );
    // A text file's problem has neither.
    site.write(
        "data/observations/tambahan.csv",
        "region,metric,period,value,source,note
64.0l,cakupan,2024,50,bpjstk-2024,
",
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let csv = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == "data/observations/tambahan.csv")
        .expect("the CSV error");
    assert!(
        csv.get("sheet").is_none() && csv.get("cell").is_none(),
        "{csv}"
    );

    let github = run("github");
    let line = github
        .lines()
        .find(|l| l.contains("kepesertaan.xlsx"))
        .unwrap_or_else(|| panic!("{github}"));
    let root = site
        .root()
        .to_string_lossy()
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert!(
        line.starts_with(&format!(
            "::error file={root}/data/observations/kepesertaan.xlsx,title="
        )),
        "{line}"
    );
    // The site is Indonesian: the sheet and cell are said in its words.
    assert!(line.contains("::lembar Kaltim, sel D3: "), "{line}");
}

/// The terminal says a workbook's place in the reader's language; a file's place stays as is.
#[test]
fn terminal_says_sheet_and_cell_in_the_site_language() {
    let mut rows = long_rows();
    rows[2][3] = S("962.711 orang");
    let site = with_workbook(&[("Kaltim", rows), notes_sheet()]);
    let run = |lang: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_cakupan"))
            .args(lang)
            .args(["check", "--site"])
            .arg(site.root())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        String::from_utf8(o.stderr).unwrap()
    };
    let id = run(&[]);
    assert!(
        id.contains("data/observations/kepesertaan.xlsx, lembar Kaltim, sel D3: "),
        "{id}"
    );
    assert!(!id.contains("sheet Kaltim"), "{id}");
    let en = run(&["--lang", "en"]);
    assert!(
        en.contains("data/observations/kepesertaan.xlsx, sheet Kaltim, cell D3: "),
        "{en}"
    );
}

#[test]
fn header_errors_point_at_the_header_row_of_the_sheet() {
    // The table starts at B3, as a sheet with a title above it would.
    let rows = vec![
        vec![],
        vec![],
        vec![
            E,
            S("region"),
            S("period"),
            S("source"),
            S("cakupan"),
            S("cakupn"),
        ],
        vec![E, S("64.74"), N(2024.0), S("bpjstk-2024"), N(82.0), N(1.0)],
    ];
    let site = with_workbook(&[("Data", rows)]);
    let diags = site.build_err();
    let d = find(&diags, "`cakupn`");
    assert_eq!(
        d.location.to_string(),
        "data/observations/kepesertaan.xlsx, sheet Data, cell F3",
        "{}",
        render(&diags)
    );
}

#[test]
fn a_date_cell_is_a_month_period_and_number_cells_are_not_reread_as_text() {
    let rows = vec![
        vec![
            S("region"),
            S("metric"),
            S("period"),
            S("value"),
            S("source"),
        ],
        vec![
            S("64.74"),
            S("cakupan"),
            D(2025, 5, 15),
            N(70.86),
            S("bpjstk-2024"),
        ],
        // 303.424 typed in a number cell is the value 303.424, not a thousands group.
        vec![
            S("64.74"),
            S("indeks_kemiskinan"),
            N(2023.0),
            N(303.424),
            S("bpjstk-2024"),
        ],
        vec![
            S("64.72"),
            S("indeks_kemiskinan"),
            N(2023.0),
            N(12.0),
            S("bpjstk-2024"),
        ],
        vec![
            S("64.01"),
            S("indeks_kemiskinan"),
            N(2023.0),
            N(-3.0),
            S("bpjstk-2024"),
        ],
    ];
    let site = TestSite::new();
    site.write_bytes(
        "data/observations/tambahan.xlsx",
        &workbook(&[("Sheet1", rows)]),
    );
    site.build_ok();
    let out = site.output("data/observations.csv");
    let has = |region: &str, metric: &str, period: &str, value: &str| {
        out.lines().any(|l| {
            let f: Vec<&str> = l.split(',').collect();
            f.len() > 4
                && f.contains(&region)
                && f.contains(&metric)
                && f.contains(&period)
                && f.contains(&value)
        })
    };
    assert!(has("64.74", "cakupan", "2025-05", "70.86"), "{out}");
    assert!(
        has("64.74", "indeks_kemiskinan", "2023", "303.424"),
        "{out}"
    );
}

#[test]
fn a_negative_count_in_a_number_cell_is_refused_at_its_cell() {
    let mut rows = long_rows();
    rows[2][3] = N(-962711.0);
    let site = with_workbook(&[("Kaltim", rows)]);
    let diags = site.build_err();
    let d = only(&diags);
    assert!(d.message.contains("negative"), "{}", render(&diags));
    assert_eq!(
        d.location.to_string(),
        "data/observations/kepesertaan.xlsx, sheet Kaltim, cell D3"
    );
}

#[test]
fn a_corrupt_workbook_is_an_error_naming_the_file() {
    let site = TestSite::new();
    site.write_bytes(
        "data/observations/rusak.xlsx",
        b"PK\x03\x04 not really a zip",
    );
    let diags = site.build_err();
    let d = find(&diags, "cannot read the workbook");
    assert_eq!(d.location.to_string(), "data/observations/rusak.xlsx");
    // Excel's lock file next to an open workbook is ignored, not an error.
    let site = TestSite::new();
    site.write_bytes("data/observations/~$kepesertaan.xlsx", b"\x00lock");
    site.build_ok();
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// The example site (with its Paritrana round) in a temporary folder.
fn example_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_root();
    for d in ["data", "content", "themes"] {
        copy_dir(&root.join(d), &tmp.path().join(d));
    }
    std::fs::copy(root.join("site.toml"), tmp.path().join("site.toml")).unwrap();
    tmp
}

const SCORES_CSV: &str = "data/assessments/kaltim-2024-scores.csv";
const SCORES_XLSX: &str = "data/assessments/kaltim-2024-scores.xlsx";

/// The example's score rows as a workbook, split into one sheet per assessor; `edit` may
/// change a row's cells (row index in the CSV, 0 = first data row).
fn scores_workbook(edit: impl Fn(usize, &mut Vec<C<'static>>)) -> Vec<u8> {
    let text: &'static str = Box::leak(read(&example_root().join(SCORES_CSV)).into_boxed_str());
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = vec![
        S("region"),
        S("criterion"),
        S("assessor"),
        S("score"),
        S("note"),
    ];
    let mut sheets: Vec<(String, Vec<Vec<C<'static>>>)> = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.unwrap();
        let f: Vec<&'static str> = (0..5)
            .map(|k| &*Box::leak(rec[k].to_string().into_boxed_str()))
            .collect();
        let mut row = vec![S(f[0]), S(f[1]), S(f[2]), N(f[3].parse().unwrap()), S(f[4])];
        edit(i, &mut row);
        let sheet = f[2].to_string();
        match sheets.iter_mut().find(|(n, _)| *n == sheet) {
            Some((_, rows)) => rows.push(row),
            None => sheets.push((sheet, vec![header.clone(), row])),
        }
    }
    assert!(sheets.len() > 1, "the example has several assessors");
    let named: Vec<(&str, Vec<Vec<C>>)> = sheets
        .iter()
        .map(|(n, rows)| (n.as_str(), rows.clone()))
        .chain([notes_sheet()])
        .collect();
    workbook(&named)
}

#[test]
fn scores_workbook_gives_the_same_assessment_as_the_csv() {
    let (_t, out) = build_example();
    let want = read(&out.join("data/assessment-kaltim-2024.json"));
    let site = example_copy();
    std::fs::remove_file(site.path().join(SCORES_CSV)).unwrap();
    std::fs::write(site.path().join(SCORES_XLSX), scores_workbook(|_, _| {})).unwrap();
    let out2 = site.path().join("public");
    cakupan::build(site.path(), &out2).unwrap_or_else(|d| panic!("{}", render(&d.into_sorted())));
    assert_eq!(read(&out2.join("data/assessment-kaltim-2024.json")), want);
}

#[test]
fn score_errors_point_at_sheet_and_cell() {
    let site = example_copy();
    std::fs::remove_file(site.path().join(SCORES_CSV)).unwrap();
    // First data row of the "Penilai A" sheet is CSV row 0; its score is in column D, row 2.
    let wb = scores_workbook(|i, row| {
        if i == 0 {
            row[3] = N(176.0);
        }
    });
    std::fs::write(site.path().join(SCORES_XLSX), wb).unwrap();
    let diags = cakupan::build(site.path(), &site.path().join("public"))
        .map(|_| ())
        .expect_err("a score of 176 must be refused")
        .into_sorted();
    let d = find(&diags, "outside 0-100");
    assert_eq!(
        d.location.to_string(),
        "data/assessments/kaltim-2024-scores.xlsx, sheet Penilai A, cell D2",
        "{}",
        render(&diags)
    );
}
