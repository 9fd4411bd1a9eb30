//! Pages people read: key sentences written from the data, at most six headline cards with
//! the rest in one table, definitions in one place, a list of every region, and a blank
//! assessor form per participant.

mod common;
use common::*;

/// The key sentences of a built page, whitespace-normalised.
fn key(doc: &scraper::Html) -> String {
    texts(doc, "p.key").join(" ")
}

#[test]
fn home_opens_with_sentences_that_match_the_figures() {
    let site = TestSite::new();
    site.build_ok();
    let home = dom(&site.out().join("index.html"));
    let k = key(&home);
    // From KEPESERTAAN_CSV: the province 71% (2024); Paser 64, Samarinda 75, Bontang 82 in
    // 2024, one basis, three regions: a fair ranking. The target is 80.
    assert!(
        k.contains("Cakupan kepesertaan Kalimantan Timur: 71% (2024)."),
        "{k}"
    );
    assert!(
        k.contains("Seluruh 3 wilayah punya angka Cakupan kepesertaan 2024."),
        "{k}"
    );
    assert!(
        k.contains("Peringkat teratas: Kota Bontang (82%); terbawah: Kabupaten Paser (64%)"),
        "{k}"
    );
    assert!(
        k.contains("1 dari 3 wilayah yang diperingkat mencapai target 80%."),
        "{k}"
    );
    // The sentences come before the ranking chart, which comes before the cards.
    let html = site.output("index.html");
    let (s, c, cards) = (
        html.find("class=\"key\"").unwrap(),
        html.find("id=\"peringkat\"").unwrap(),
        html.find("id=\"angka-provinsi\"").unwrap(),
    );
    assert!(s < c && c < cards, "story first: sentences, ranking, cards");
}

#[test]
fn sentences_never_name_a_top_when_the_set_is_not_comparable() {
    let site = TestSite::new();
    // Bontang's 2024 figure removed: two regions are too few to rank.
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.74,cakupan,2024,82,bpjstk-2024,\n",
        "",
    );
    site.build_ok();
    let k = key(&dom(&site.out().join("index.html")));
    assert!(
        k.contains("2 dari 3 wilayah punya angka Cakupan kepesertaan 2024; 1 belum."),
        "{k}"
    );
    assert!(k.contains("tidak diperingkat"), "{k}");
    assert!(!k.contains("teratas") && !k.contains("target"), "{k}");
}

#[test]
fn headline_cards_are_the_marked_metrics_and_the_rest_go_to_one_table() {
    let site = TestSite::new();
    site.replace(
        "data/metrics.toml",
        "label = \"Peserta aktif\"\n",
        "label = \"Peserta aktif\"\nheadline = true\n",
    );
    site.build_ok();
    let home = dom(&site.out().join("index.html"));
    let cards = texts(&home, ".cards .card-label");
    assert_eq!(
        cards,
        vec!["Peserta aktif"],
        "only the marked metric is a card"
    );
    let table = texts(&home, "table.figures tbody th");
    assert!(
        table.iter().any(|t| t == "Cakupan kepesertaan"),
        "{table:?}"
    );
    assert!(table.iter().any(|t| t == "Potensi pekerja"), "{table:?}");
    assert!(
        !table.iter().any(|t| t == "Peserta aktif"),
        "a card is not repeated"
    );
}

#[test]
fn more_than_six_headline_metrics_is_an_error_at_the_seventh() {
    let site = TestSite::new();
    let mut toml = String::new();
    for i in 1..=7 {
        toml.push_str(&format!(
            "[m{i}]\nlabel = \"Ukuran {i}\"\nunit = \"orang\"\nheadline = true\n\n"
        ));
    }
    let metrics = site.read("data/metrics.toml");
    site.write("data/metrics.toml", &format!("{metrics}\n{toml}"));
    let errs = site.build_err();
    let d = find(&errs, "7 metrics have headline = true");
    let text = site.read("data/metrics.toml");
    let line = text.lines().position(|l| l == "[m7]").unwrap() + 1;
    assert_eq!(d.location.line, line);
}

#[test]
fn definitions_live_once_and_cards_link_to_them() {
    let site = TestSite::new();
    site.build_ok();
    let defs = dom(&site.out().join("definisi/index.html"));
    let ids = attrs(&defs, "dl.definitions dt", "id");
    for m in [
        "cakupan",
        "peserta_aktif",
        "potensi_pekerja",
        "rasio_peserta",
        "indeks_kemiskinan",
    ] {
        assert!(ids.contains(&format!("m-{m}")), "{m} is defined: {ids:?}");
    }
    let body = texts(&defs, "dl.definitions dd").join(" ");
    assert!(body.contains("Persentase pekerja yang terdaftar."));
    assert!(
        body.contains("Dihitung: Peserta aktif dibagi Potensi pekerja × 100."),
        "{body}"
    );
    // The region page no longer repeats a definition on its cards; its labels link there.
    let sam = site.output("wilayah/kota-samarinda/index.html");
    assert!(!sam.contains("Persentase pekerja yang terdaftar."));
    let links = attrs(
        &dom(&site.out().join("wilayah/kota-samarinda/index.html")),
        ".fig-label a",
        "href",
    );
    assert!(
        links.contains(&"../../definisi/index.html#m-cakupan".to_string()),
        "{links:?}"
    );
}

#[test]
fn the_region_list_has_every_region_and_the_breadcrumb_reaches_it() {
    let site = TestSite::new();
    site.build_ok();
    let list = dom(&site.out().join("wilayah/index.html"));
    let names = texts(&list, "table.regions tbody th");
    assert_eq!(
        names,
        vec!["Kabupaten Paser", "Kota Samarinda", "Kota Bontang"]
    );
    let values = texts(&list, "table.regions tbody td.num");
    assert_eq!(
        values,
        vec!["64% [1]", "75% [2]", "82% [1]"],
        "value and its citation"
    );
    let crumb = attrs(
        &dom(&site.out().join("wilayah/kota-bontang/index.html")),
        "nav.crumbs a",
        "href",
    );
    assert_eq!(crumb, vec!["../../index.html", "../../wilayah/index.html"]);
    // Every link on the list resolves to a built page.
    for href in attrs(&list, "table.regions tbody th a", "href") {
        let target = site.out().join("wilayah").join(&href);
        assert!(target.is_file(), "{href} resolves");
    }
    // The header links to it.
    let nav = texts(&dom(&site.out().join("index.html")), "header nav a");
    assert!(nav.iter().any(|t| t == "Wilayah"), "{nav:?}");
}

#[test]
fn every_participant_gets_a_blank_form_with_a_box_per_assessor_and_panel_criterion() {
    let (_t, out) = build_example();
    let round = out.join("penilaian/kaltim-2024");
    let mut forms = 0;
    for e in std::fs::read_dir(&round).unwrap() {
        let dir = e.unwrap().path();
        if !dir.join("index.html").is_file() || dir.ends_with("metodologi") {
            continue;
        }
        let form = dir.join("formulir/index.html");
        assert!(form.is_file(), "{} has a blank form", dir.display());
        let doc = dom(&form);
        let heads = texts(&doc, "thead th.box-col");
        let panel_rows = texts(&doc, "tbody tr")
            .iter()
            .filter(|r| !r.contains("dihitung dari angka"))
            .count();
        let boxes = texts(&doc, "td.box");
        assert!(!heads.is_empty());
        assert_eq!(
            boxes.len(),
            heads.len() * panel_rows,
            "a box per assessor and panel criterion"
        );
        assert!(boxes.iter().all(String::is_empty), "the boxes are blank");
        forms += 1;
    }
    assert_eq!(forms, 7, "seven participants in the example round");
}

#[test]
fn downloads_open_in_excel_with_numbers_as_numbers() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    // Small tables are workbooks; the table of every figure is a CSV for Excel.
    let (_t, out) = build_example();
    let open = |rel: &str| {
        let bytes = std::fs::read(out.join(rel)).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let name = book.sheet_names()[0].clone();
        book.worksheet_range(&name).unwrap()
    };
    // observations-excel.csv: the same rows as observations.csv, as Indonesian Excel reads
    // CSV: a BOM, `;` between columns, decimal commas.
    let plain = read(&out.join("data/observations.csv"));
    let excel = std::fs::read(out.join("data/observations-excel.csv")).unwrap();
    assert_eq!(&excel[..3], b"\xEF\xBB\xBF", "starts with a UTF-8 BOM");
    let mut a = csv::Reader::from_reader(plain.as_bytes());
    let mut b = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&excel[3..]);
    let col = a
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "value")
        .unwrap();
    assert_eq!(a.headers().unwrap(), b.headers().unwrap());
    let (ra, rb): (Vec<_>, Vec<_>) = (
        a.records().map(Result::unwrap).collect(),
        b.records().map(Result::unwrap).collect(),
    );
    assert_eq!(ra.len(), rb.len());
    let mut decimals = 0;
    for (x, y) in ra.iter().zip(&rb) {
        let v: f64 = x[col].parse().unwrap();
        let w: f64 = y[col].replace(',', ".").parse().unwrap();
        assert_eq!(v, w);
        assert!(!y[col].contains('.'), "no decimal point: {}", &y[col]);
        decimals += usize::from(y[col].contains(','));
        for i in 0..x.len() {
            if i != col {
                assert_eq!(&x[i], &y[i]);
            }
        }
    }
    assert!(decimals > 0, "some values have decimals");
    // The assessment results: rounded as displayed, in the CSV and the workbook alike.
    let results = read(&out.join("data/assessment-kaltim-2024.csv"));
    for line in results.lines().skip(1) {
        for cell in line.split(',') {
            if let Some((_, decimals)) = cell.split_once('.') {
                if decimals.chars().all(|c| c.is_ascii_digit()) {
                    assert!(decimals.len() <= 3, "{cell} is rounded as shown");
                }
            }
        }
    }
    let sheet = open("data/assessment-kaltim-2024.xlsx");
    let score = sheet
        .rows()
        .skip(1)
        .find_map(|r| match &r[5] {
            Data::Float(x) => Some(*x),
            _ => None,
        })
        .expect("a numeric score");
    assert_eq!(
        (score * 10.0).round() / 10.0,
        score,
        "one decimal, as on the page"
    );
}

/// Tables written in markdown carry a caption: the one written after them (`: ...`), or, for
/// screen readers, the heading above them; the scroll box is named the same, in the site's
/// language when there is neither.
#[test]
fn markdown_tables_are_captioned() {
    let site = TestSite::new();
    let page = "+++\ntitle = \"Klaim\"\n+++\n\n\
                | Program | Klaim |\n|---|---:|\n| JHT | 10 |\n\n: Klaim per program, 2024\n\n\
                ## Kasus per program\n\n| Program | Kasus |\n|---|---:|\n| JKK | 5 |\n";
    site.write("content/klaim.md", page);
    site.build_ok();
    let doc = dom(&site.out().join("klaim/index.html"));
    assert_eq!(
        texts(&doc, "table caption"),
        ["Klaim per program, 2024", "Kasus per program"]
    );
    assert_eq!(
        texts(&doc, "caption.visually-hidden"),
        ["Kasus per program"]
    );
    assert_eq!(
        attrs(&doc, ".table-wrap", "aria-label"),
        ["Klaim per program, 2024", "Kasus per program"]
    );
    assert!(
        !texts(&doc, "main p")
            .iter()
            .any(|p| p.contains("Klaim per program")),
        "the caption paragraph is not repeated as text"
    );
    // Neither caption nor heading: the box is named by the word for a table.
    for (lang, word) in [("id", "Tabel"), ("en", "Table")] {
        site.replace(
            "site.toml",
            "language = \"id\"",
            &format!("language = \"{lang}\""),
        );
        site.write(
            "content/klaim.md",
            "+++\ntitle = \"Klaim\"\n+++\n\n| a |\n|---|\n| 1 |\n",
        );
        site.build_ok();
        let doc = dom(&site.out().join("klaim/index.html"));
        assert_eq!(attrs(&doc, ".table-wrap", "aria-label"), [word]);
        assert!(texts(&doc, "table caption").is_empty());
        site.replace(
            "site.toml",
            &format!("language = \"{lang}\""),
            "language = \"id\"",
        );
    }
}

/// A panel sheet states each criterion's definition as text (paper has no tooltips).
#[test]
fn panel_sheets_state_criterion_definitions() {
    let (_t, out) = build_example();
    let doc = dom(&out.join("penilaian/kaltim-2024/kota-samarinda/index.html"));
    let defs = texts(&doc, "table.sheet-table tbody th .crit-desc");
    let rubric =
        std::fs::read_to_string(example_root().join("data/assessments/kaltim-2024.toml")).unwrap();
    let rubric: toml::Value = toml::from_str(&rubric).unwrap();
    let want: Vec<String> = rubric["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c.get("description").and_then(|d| d.as_str()))
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(defs, want);
    assert!(attrs(&doc, "table.sheet-table [title]", "title").is_empty());
}

/// A region page tells its story first: key sentences, then the headline trend chart, then the
/// cards of every figure and the narratives.
#[test]
fn region_pages_open_with_sentences_then_the_trend_chart() {
    let (_t, out) = build_example();
    let html = read(&out.join("wilayah/kota-samarinda/index.html"));
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle} on the Samarinda page"))
    };
    let (key, trend, cards) = (
        at("<p class=\"key\">"),
        at("id=\"tren\""),
        at("id=\"angka\""),
    );
    assert!(key < trend && trend < cards, "{key} < {trend} < {cards}");
    let doc = dom(&out.join("wilayah/kota-samarinda/index.html"));
    let first_h2 = texts(&doc, "main h2")
        .into_iter()
        .next()
        .unwrap_or_default();
    assert_eq!(first_h2, "Perkembangan");
}

/// The table of all other figures has a denominator column only when a figure in it has one:
/// the example's province figures name none, so the column would be empty on every row.
#[test]
fn all_figures_table_has_no_empty_denominator_column() {
    let (_t, out) = build_example();
    let doc = dom(&out.join("index.html"));
    let heads = texts(&doc, "#semua-angka ~ div table thead th");
    assert_eq!(heads, ["Ukuran", "Nilai", "Periode"]);
    let widths: Vec<usize> = doc
        .select(&scraper::Selector::parse("#semua-angka ~ div table tbody tr").unwrap())
        .map(|tr| tr.children().filter(|c| c.value().is_element()).count())
        .collect();
    assert!(
        !widths.is_empty() && widths.iter().all(|&w| w == 3),
        "{widths:?}"
    );
}

/// Every chart's CSV has an Excel twin linked beside it: a BOM, `;` between columns and decimal
/// commas in the number columns only (region codes such as 64.72 stay as written).
#[test]
fn every_chart_csv_has_an_excel_twin() {
    let (_t, out) = build_example();
    let mut twins = 0;
    let mut commas = 0;
    for e in std::fs::read_dir(out.join("grafik")).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let Some(stem) = name.strip_suffix(".csv") else {
            continue;
        };
        if stem.ends_with("-excel") {
            continue;
        }
        let plain = read(&out.join("grafik").join(&name));
        let excel = std::fs::read(out.join(format!("grafik/{stem}-excel.csv")))
            .unwrap_or_else(|_| panic!("{stem}-excel.csv exists"));
        assert_eq!(&excel[..3], b"\xEF\xBB\xBF", "{stem}: BOM");
        let mut a = csv::Reader::from_reader(plain.as_bytes());
        let mut b = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&excel[3..]);
        let heads = a.headers().unwrap().clone();
        assert_eq!(&heads, b.headers().unwrap(), "{stem}");
        let ra: Vec<_> = a.records().map(Result::unwrap).collect();
        let rb: Vec<_> = b.records().map(Result::unwrap).collect();
        assert_eq!(ra.len(), rb.len(), "{stem}: same rows");
        for (x, y) in ra.iter().zip(&rb) {
            for (i, h) in heads.iter().enumerate() {
                let number =
                    h == "value" || h == "composite" || (stem.starts_with("kontribusi") && i >= 3);
                if number {
                    assert_eq!(x[i].replace('.', ","), y[i], "{stem} {h}");
                    commas += usize::from(y[i].contains(','));
                } else {
                    assert_eq!(x[i], y[i], "{stem} {h}: text stays as written");
                }
            }
        }
        twins += 1;
    }
    assert!(twins >= 10, "{twins} charts with downloads");
    assert!(commas > 0, "some values have decimals");
    // The pages link the twin next to the CSV, named in the site's language.
    let doc = dom(&out.join("wilayah/kota-samarinda/index.html"));
    let links = attrs(&doc, ".chart-links a", "href");
    assert!(links.iter().any(|h| h.ends_with("-excel.csv")), "{links:?}");
    assert!(texts(&doc, ".chart-links a")
        .iter()
        .any(|t| t == "CSV untuk Excel"));
}

/// A sparkline's accessible name reads a short series out whole and a long one (more than a
/// year of months) by its ends and extremes.
#[test]
fn long_sparklines_are_named_by_their_ends_and_extremes() {
    let site = TestSite::new();
    let title = |site: &TestSite| {
        let doc = dom(&site.out().join("wilayah/kabupaten-paser/index.html"));
        texts(&doc, "#m-peserta_aktif .fig-spark svg > title")
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    // Twelve months: read out one by one.
    let mut rows = String::new();
    for m in 1..=12 {
        rows.push_str(&format!(
            "64.01,peserta_aktif,2024-{m:02},{},bpjstk-2024,\n",
            1000 + m
        ));
    }
    site.write(
        "data/observations/bulanan.csv",
        &format!("region,metric,period,value,source,note\n{rows}"),
    );
    site.build_ok();
    let t = title(&site);
    assert!(
        t.starts_with("Peserta aktif: Januari 2024 1.001, Februari 2024 1.002"),
        "{t}"
    );
    assert_eq!(t.matches(", ").count(), 11, "{t}");
    // Thirty months with a dip: ends, lowest and highest.
    let mut rows = String::new();
    for i in 0..30 {
        let (y, m) = (2023 + i / 12, i % 12 + 1);
        let v = if i == 7 {
            500
        } else if i == 20 {
            9000
        } else {
            2000 + i
        };
        rows.push_str(&format!(
            "64.01,peserta_aktif,{y}-{m:02},{v},bpjstk-2024,\n"
        ));
    }
    site.write(
        "data/observations/bulanan.csv",
        &format!("region,metric,period,value,source,note\n{rows}"),
    );
    site.build_ok();
    assert_eq!(
        title(&site),
        "Peserta aktif: 30 angka, Januari 2023 2.000 sampai Juni 2025 2.029; terendah Agustus 2023 500, tertinggi September 2024 9.000"
    );
}
