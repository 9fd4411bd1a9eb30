//! Fair comparisons (issue 9): figures of different bases (denominators) or statuses (plans,
//! quotas) are never ranked, charted or differenced together; small sets and counts are not
//! ranked. Expected values are worked out by hand from the rows below.

mod common;

use common::*;

const REGIONS: &str = "\
code,name,short_name,capital,bps_code,tile_x,tile_y
64.01,Kabupaten Paser,Paser,Tana Paser,6401,0,1
64.72,Kota Samarinda,Samarinda,Samarinda,6472,1,1
64.74,Kota Bontang,Bontang,Bontang,6474,2,0
64.09,Kabupaten Penajam Paser Utara,PPU,Penajam,6409,3,1
64.08,Kabupaten Kutai Timur,Kutim,Sangatta,6404,2,1
";

const METRICS: &str = r#"[cakupan]
label = "Cakupan kepesertaan"
unit = "persen"
description = "Peserta aktif dibagi penyebut."
bases = { potensi = "Potensi pekerja versi BPJSTK", bnba = "Data by name by address pemda" }
default_basis = "potensi"

[peserta_aktif]
label = "Peserta aktif"
unit = "orang"

[potensi_pekerja]
label = "Potensi pekerja"
unit = "orang"

[rasio_peserta]
label = "Rasio peserta terhadap potensi"
ratio = { numerator = "peserta_aktif", denominator = "potensi_pekerja" }

[indeks_kemiskinan]
label = "Indeks kedalaman kemiskinan"
unit = "angka"

[pekerja_rentan]
label = "Pekerja rentan yang iurannya dibayar APBD"
unit = "orang"
"#;

/// Potensi basis: Paser 64 (2024), Samarinda 40 (2024), PPU 50 (2024) -> ranked 1 Paser,
/// 2 PPU, 3 Samarinda. Bnba basis: Bontang 100, Kutim 100 -> listed apart, never ranked.
/// Samarinda 2023 was 55 on the bnba basis: no change is computed against it.
const FIGURES: &str = "\
region,metric,period,value,source,note,basis,status
64.01,cakupan,2024,64,bpjstk-2024,,,
64.72,cakupan,2023,55,bpjstk-2024,,bnba,
64.72,cakupan,2024,40,bpjstk-2024,,potensi,
64.09,cakupan,2024,50,bpjstk-2024,,potensi,
64.74,cakupan,2024,100,bpjstk-2024,,bnba,
64.08,cakupan,2024,100,bpjstk-2024,,bnba,
64.01,peserta_aktif,2024,1000,bpjstk-2024,,,
64.72,peserta_aktif,2024,300000,bpjstk-2024,,,
64.74,peserta_aktif,2024,50000,bpjstk-2024,,,
64.09,pekerja_rentan,2025-08,15000,berita-2025,APBD-P,,kuota
64.09,pekerja_rentan,2025-08,5600,berita-2025,terdaftar,,
64.08,pekerja_rentan,2025-03,150000,berita-2025,,,kuota
64.08,pekerja_rentan,2025-03,75000,berita-2025,,,realisasi
64.01,pekerja_rentan,2025,3294,berita-2025,belum realisasi,,rencana
";

fn kaltim() -> TestSite {
    let site = TestSite::new();
    site.write("data/regions.csv", REGIONS);
    site.write("data/metrics.toml", METRICS);
    site.write("data/observations/kepesertaan.csv", FIGURES);
    site
}

fn summary(site: &TestSite) -> serde_json::Value {
    serde_json::from_str(&site.output("data/summary.json")).unwrap()
}

fn region<'a>(doc: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    doc["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
        .unwrap()
}

#[test]
fn ranks_compare_one_basis_only() {
    let site = kaltim();
    site.build_ok();
    let doc = summary(&site);
    assert_eq!(doc["ranking_basis"], "potensi");
    assert_eq!(region(&doc, "64.01")["rank"]["cakupan"], 1);
    assert_eq!(region(&doc, "64.09")["rank"]["cakupan"], 2);
    assert_eq!(region(&doc, "64.72")["rank"]["cakupan"], 3);
    for code in ["64.74", "64.08"] {
        assert!(
            region(&doc, code)["rank"].get("cakupan").is_none(),
            "{code} ranked"
        );
        assert_eq!(region(&doc, code)["metrics"]["cakupan"]["basis"], "bnba");
    }
    assert_eq!(
        region(&doc, "64.01")["metrics"]["cakupan"]["basis"],
        "potensi",
        "default basis"
    );
    let home = site.output("index.html");
    let ranked = &home[home.find("<table class=\"ranking\">").unwrap()..];
    let first_table = &ranked[..ranked.find("</table>").unwrap()];
    assert!(
        !first_table.contains("Kota Bontang"),
        "bnba figure in the ranking"
    );
    let other = &home[home
        .find("Penyebut berbeda, tidak diperingkat bersama")
        .expect("other-basis group")..];
    assert!(other.contains("Kota Bontang") && other.contains("Data by name by address pemda"));
    // The ranking chart draws three bars; the other basis is named under it, not drawn.
    let svg = &home[home.find("id=\"grafik-ranking").unwrap()..];
    let svg = &svg[svg.find("<svg").unwrap()..svg.find("</svg>").unwrap()];
    assert_eq!(svg.matches("fill=\"#0072B2\"").count(), 3, "{svg}");
    assert!(home.contains("Tidak dibandingkan karena penyebutnya berbeda: Kota Bontang 100% (Data by name by address pemda)"));
    // Region badges: none for a bnba figure.
    assert!(!site
        .output("wilayah/kota-bontang/index.html")
        .contains("Peringkat 1 dari"));
}

#[test]
fn changes_are_only_computed_within_one_basis() {
    let site = kaltim();
    site.build_ok();
    let page = site.output("wilayah/kota-samarinda/index.html");
    let card = &page[page.find("id=\"m-cakupan\"").unwrap()..];
    let card = &card[..card
        .find("</div>\n    </div>")
        .unwrap_or(card.len().min(2000))];
    assert!(!card.contains("sejak"), "change across bases: {card}");
    assert!(
        card.contains("Penyebut: Potensi pekerja versi BPJSTK"),
        "{card}"
    );
}

#[test]
fn sets_under_three_and_counts_are_not_ranked() {
    let site = kaltim();
    site.build_ok();
    let doc = summary(&site);
    // peserta_aktif has three regions but is a count.
    for r in doc["regions"].as_array().unwrap() {
        assert!(r["rank"].get("peserta_aktif").is_none(), "{}", r["code"]);
    }
    // Only two regions on the potensi basis in 2024 -> no ranking at all.
    let two = kaltim();
    two.replace(
        "data/observations/kepesertaan.csv",
        "64.09,cakupan,2024,50,bpjstk-2024,,potensi,\n",
        "",
    );
    two.write(
        "content/banding.md",
        "+++\ntitle = \"Banding\"\n+++\n\n{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2024\") }}\n",
    );
    two.build_ok();
    let doc = summary(&two);
    assert!(doc["regions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["rank"].get("cakupan").is_none()));
    let home = two.output("index.html");
    assert!(
        home.contains(
            "Belum ada peringkat untuk 2024: hanya 2 wilayah punya angka realisasi yang sebanding"
        ),
        "home"
    );
    assert!(
        !home.contains("id=\"grafik-ranking"),
        "no ranking chart on the home page"
    );
    let page = two.output("banding/index.html");
    let svg = &page[page.find("id=\"grafik-ranking").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(
        svg.contains("Tidak diperingkat: hanya 2 wilayah"),
        "the chart says why: {svg}"
    );
    assert!(!svg.contains("fill=\"#0072B2\""), "no bars drawn");
    assert!(!home.contains("Peringkat 1 dari 2"));
}

#[test]
fn plans_and_quotas_are_never_realisation_and_absorption_is_shown() {
    let site = kaltim();
    site.write(
        "content/rentan.md",
        "+++\ntitle = \"Rentan\"\n+++\n\n{{ chart(type=\"target\", metric=\"pekerja_rentan\", period=\"2025\") }}\n",
    );
    site.build_ok();
    let doc = summary(&site);
    let ppu = &region(&doc, "64.09")["planned"]["pekerja_rentan"];
    assert_eq!(ppu["status"], "kuota");
    assert_eq!(ppu["value"], 15000.0);
    // 5600 / 15000 = 37.333...%
    assert_eq!(ppu["absorption"].as_f64().unwrap(), 37.333333);
    assert_eq!(
        region(&doc, "64.09")["metrics"]["pekerja_rentan"]["value"],
        5600.0
    );
    let paser = &region(&doc, "64.01");
    assert!(
        paser["metrics"].get("pekerja_rentan").is_none(),
        "a plan reported as realised"
    );
    assert_eq!(paser["planned"]["pekerja_rentan"]["status"], "rencana");
    assert!(paser["planned"]["pekerja_rentan"]["absorption"].is_null());
    // A plan with no realisation says so (`null`); a realised figure has no absorption at all.
    let plan = paser["planned"]["pekerja_rentan"].as_object().unwrap();
    assert!(plan.contains_key("absorption"));
    let realised = region(&doc, "64.09")["metrics"]["pekerja_rentan"]
        .as_object()
        .unwrap();
    assert!(!realised.contains_key("absorption"), "{realised:?}");

    let card = site.output("wilayah/kabupaten-penajam-paser-utara/index.html");
    assert!(card.contains("kuota 15.000 (Agustus 2025)"), "region card");
    assert!(card.contains("terealisasi 5.600 (37,3%)"), "region card");
    let paser_page = site.output("wilayah/kabupaten-paser/index.html");
    assert!(paser_page.contains("belum ada realisasi"));
    assert!(paser_page.contains("rencana 3.294 (2025)"));

    let chart = site.output("rentan/index.html");
    let table = &chart[chart.find("<details class=\"chart-data\">").unwrap()..];
    // Paser's plan is a plan; its realisation column is empty.
    assert!(
        table.contains("<td>Kabupaten Paser</td><td></td><td></td><td>rencana 3.294</td>"),
        "{table}"
    );
    assert!(table.contains("<td>Kabupaten Kutai Timur</td><td>75.000</td><td>Maret 2025</td><td>kuota 150.000</td><td>Maret 2025</td><td>penyerapan 50%</td>"), "{table}");
}

#[test]
fn bases_and_statuses_are_checked_at_their_cell() {
    let site = kaltim();
    site.write(
        "data/observations/tambahan.csv",
        "region,metric,period,value,source,basis,status\n\
         64.74,cakupan,2023,80,bpjstk-2024,angkatan,\n\
         64.74,indeks_kemiskinan,2023,3,bpjstk-2024,potensi,\n\
         64.74,peserta_aktif,2023,3,bpjstk-2024,,rencna\n",
    );
    let errs = site.build_err();
    assert_eq!(errs.len(), 3, "{}", render(&errs));
    let f = "data/observations/tambahan.csv";
    let rows = [
        "64.74,cakupan,2023,80,bpjstk-2024,angkatan,",
        "64.74,indeks_kemiskinan,2023,3,bpjstk-2024,potensi,",
        "64.74,peserta_aktif,2023,3,bpjstk-2024,,rencna",
    ];
    assert_at(&errs[0], f, 2, col_of(rows[0], 5));
    assert!(errs[0]
        .message
        .contains("`cakupan` has no basis `angkatan`"));
    assert!(hint(&errs[0]).contains("potensi, bnba"));
    assert_at(&errs[1], f, 3, col_of(rows[1], 5));
    assert!(errs[1].message.contains("declares no bases"));
    assert_at(&errs[2], f, 4, col_of(rows[2], 6));
    assert!(hint(&errs[2]).contains("realisasi, rencana, kuota, target"));

    // Without a default basis a figure must name one.
    let site = site_without_default();
    let errs = site.build_err();
    assert!(
        errs.iter().all(|e| e.message.contains("names no basis")),
        "{}",
        render(&errs)
    );
    assert_at(&errs[0], "data/observations/kepesertaan.csv", 2, 0);
}

fn site_without_default() -> TestSite {
    let s = kaltim();
    s.replace("data/metrics.toml", "default_basis = \"potensi\"\n", "");
    s
}

#[test]
fn a_duplicate_is_the_same_basis_and_status() {
    let site = kaltim();
    // Same region, metric and period as Samarinda's potensi figure, other basis: allowed.
    site.write(
        "data/observations/tambahan.csv",
        "region,metric,period,value,source,basis\n64.72,cakupan,2024,90,bpjstk-2024,bnba\n",
    );
    site.build_ok();
    site.write(
        "data/observations/tambahan.csv",
        "region,metric,period,value,source,basis\n64.72,cakupan,2024,90,bpjstk-2024,potensi\n",
    );
    let errs = site.build_err();
    assert!(only(&errs).message.starts_with("duplicate figure"));
}

#[test]
fn value_calls_name_plans_and_bases() {
    let site = kaltim();
    site.write(
        "content/wilayah/ppu.md",
        "+++\ntitle = \"PPU\"\nregion = \"64.09\"\n+++\n\nKuota {{ value(region=\"64.09\", metric=\"pekerja_rentan\", status=\"kuota\") }}, terdaftar {{ value(region=\"64.09\", metric=\"pekerja_rentan\") }}. Samarinda {{ value(region=\"64.72\", metric=\"cakupan\", basis=\"bnba\") }}.\n",
    );
    site.build_ok();
    let page = site.output("wilayah/kabupaten-penajam-paser-utara/index.html");
    assert!(
        page.contains("<span class=\"value\">kuota 15.000</span> (Agustus 2025)"),
        "plan printed as plan"
    );
    assert!(page.contains("terdaftar <span class=\"value\">5.600</span> (Agustus 2025)"));
    assert!(
        page.contains("Samarinda <span class=\"value\">55%</span> (2023)"),
        "basis picks the bnba figure"
    );
}

#[test]
fn unranked_bases_are_never_ranked() {
    let site = kaltim();
    site.replace(
        "data/metrics.toml",
        "default_basis = \"potensi\"\n",
        "default_basis = \"potensi\"\nunranked_bases = [\"potensi\"]\n",
    );
    site.build_ok();
    let doc = summary(&site);
    // potensi is excluded; bnba has only Bontang and Kutim in 2024 -> too few to rank.
    assert!(doc["regions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["rank"].get("cakupan").is_none()));
}

/// A sparkline joins only the figures of one denominator, the latest figure's: monthly figures
/// on the potensi basis followed by bnba ones draw (and name) the bnba months alone.
#[test]
fn sparklines_never_join_two_bases() {
    let site = kaltim();
    let rows = "64.08,cakupan,2025-01,30,bpjstk-2024,,potensi,\n\
                64.08,cakupan,2025-02,31,bpjstk-2024,,potensi,\n\
                64.08,cakupan,2025-03,90,bpjstk-2024,,bnba,\n\
                64.08,cakupan,2025-04,95,bpjstk-2024,,bnba,\n";
    site.write(
        "data/observations/bulanan.csv",
        &format!("region,metric,period,value,source,note,basis,status\n{rows}"),
    );
    site.build_ok();
    let doc = dom(&site.out().join("wilayah/kabupaten-kutai-timur/index.html"));
    let titles = texts(&doc, "#m-cakupan .fig-spark svg > title");
    assert_eq!(titles.len(), 1, "{titles:?}");
    let t = &titles[0];
    assert!(
        t.contains("Maret 2025 90%") && t.contains("April 2025 95%"),
        "{t}"
    );
    assert!(!t.contains("Januari") && !t.contains("Februari"), "{t}");
    // The bnba figures only: Kutim's 2024 figure (bnba, a lone dot) and the two bnba months
    // (one segment); the potensi months would have made three segments.
    assert!(t.contains("2024 100%"), "{t}");
    let paths = attrs(&doc, "#m-cakupan .fig-spark svg path", "d");
    let segments: usize = paths.iter().map(|d| d.matches('L').count()).sum();
    let dots: usize = paths.iter().map(|d| d.matches("h0").count()).sum();
    assert_eq!((segments, dots), (1, 1), "{paths:?}");
}

/// Figures are sorted once while loading (by region, metric, period, basis, status); where a
/// derived ratio has two numerators of one period on different bases, the one later in the
/// files still counts, not the one the sort puts last. Here the later file's basis (`a`)
/// sorts first.
#[test]
fn a_ratio_takes_the_later_figure_in_the_files_whatever_the_sort_order() {
    let site = TestSite::new();
    site.replace(
        "data/metrics.toml",
        "[peserta_aktif]\nlabel = \"Peserta aktif\"\nunit = \"orang\"\n",
        "[peserta_aktif]\nlabel = \"Peserta aktif\"\nunit = \"orang\"\nbases = { z = \"Basis z\", a = \"Basis a\" }\ndefault_basis = \"z\"\n",
    );
    site.write(
        "data/observations/kepesertaan.csv",
        "region,metric,period,value,source,note,basis\n\
         64,cakupan,2024,71,bpjstk-2024,,\n\
         64.72,potensi_pekerja,2024,400000,berita-2025,,\n\
         64.72,peserta_aktif,2024,300000,berita-2025,,z\n",
    );
    site.write(
        "data/observations/tambahan.csv",
        "region,metric,period,value,source,note,basis\n\
         64.72,peserta_aktif,2024,200000,berita-2025,,a\n",
    );
    site.build_ok();
    let csv = site.output("data/observations.csv");
    let ratio: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("64.72,") && l.contains(",rasio_peserta,"))
        .collect();
    // 100 * 200000 / 400000 from the later file; 75 would be the first file's figure
    assert_eq!(ratio.len(), 1, "{csv}");
    assert!(ratio[0].contains(",50,"), "{}", ratio[0]);
    // and the rows of one region and metric are in the order of their bases' ids
    let rows: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("64.72,") && l.contains(",peserta_aktif,"))
        .collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(
        rows[0].contains(",a,") && rows[1].contains(",z,"),
        "{rows:?}"
    );
}

/// A figure given twice is reported at the later row, naming the first, also when the two
/// rows are in different files and far apart in the order of the files.
#[test]
fn a_figure_given_twice_in_two_files_is_one_error_naming_both_rows() {
    let site = TestSite::new();
    site.write(
        "data/observations/zz-lagi.csv",
        "region,metric,period,value,source,note\n64.74,cakupan,2023,80,bpjstk-2024,\n64.01,cakupan,2024,64,bpjstk-2024,\n",
    );
    let errors = site.build_err();
    let d = only(&errors);
    assert!(d.message.contains("duplicate figure"), "{}", d.message);
    assert!(
        d.message.contains("data/observations/kepesertaan.csv:6:"),
        "{}",
        d.message
    );
    assert_at(d, "data/observations/zz-lagi.csv", 3, 20);
}
