//! The assessment pages of the example site (Paritrana Award, Kalimantan Timur 2024), checked
//! against a hand computation from the round's data files.

mod common;

use common::{build_example, build_example_fresh, example_root as root, read};
use std::collections::BTreeMap;
use std::path::Path;

fn json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&read(&out.join("data/assessment-kaltim-2024.json"))).unwrap()
}

/// (criterion id, raw weight) in file order, read line by line from the round's TOML.
fn weights() -> Vec<(String, f64)> {
    let text = read(&root().join("data/assessments/kaltim-2024.toml"));
    let mut out = Vec::new();
    let mut id = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(v) = line.strip_prefix("id = ") {
            id = Some(v.trim_matches('"').to_string());
        }
        if let Some(v) = line.strip_prefix("weight = ") {
            out.push((id.take().unwrap(), v.parse::<f64>().unwrap()));
        }
    }
    out
}

/// Hand computation: mean of the assessors per panel criterion, the coverage figure mapped
/// linearly from [40, 100] to [0, 100], weights divided by their sum.
fn expected_composites() -> BTreeMap<&'static str, f64> {
    let text = read(&root().join("data/assessments/kaltim-2024-scores.csv"));
    let mut sums: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.splitn(5, ',').collect();
        let e = sums
            .entry((f[0].to_string(), f[1].to_string()))
            .or_insert((0.0, 0.0));
        e.0 += f[3].parse::<f64>().unwrap();
        e.1 += 1.0;
    }
    let w = weights();
    let total: f64 = w.iter().map(|(_, x)| x).sum();
    // Coverage in 2024 on the criterion's basis (peringkat_kacab) from
    // data/observations/kepesertaan.csv. Kutai Timur's 2024 figure names no denominator, so it
    // is not compared and Kutai Timur is incomplete.
    let coverage = [("64.74", 100.0), ("64.72", 54.72)];
    coverage
        .iter()
        .map(|&(code, cov)| {
            let composite: f64 = w
                .iter()
                .map(|(id, wt)| {
                    let score = if id == "cakupan" {
                        ((cov - 40.0) / 60.0 * 100.0_f64).clamp(0.0, 100.0)
                    } else {
                        let (s, n) = sums[&(code.to_string(), id.clone())];
                        s / n
                    };
                    wt / total * score
                })
                .sum();
            (code, composite)
        })
        .collect()
}

#[test]
fn ranking_and_composites_match_the_hand_computation() {
    let (_t, out) = build_example();
    let v = json(&out);
    let parts = v["participants"].as_array().unwrap();
    let by_code = |code: &str| {
        parts
            .iter()
            .find(|p| p["region"] == code)
            .unwrap_or_else(|| panic!("{code} missing"))
    };
    assert_eq!(by_code("64.74")["rank"], 1, "Bontang first");
    assert_eq!(by_code("64.72")["rank"], 2, "Samarinda second");
    assert!(
        by_code("64.08")["rank"].is_null(),
        "Kutai Timur: figure of another basis"
    );
    // Published 1 Bontang, 2 Kutai Timur: Bontang agrees, Kutai Timur cannot be compared.
    assert_eq!(by_code("64.74")["published_matches"], true);
    assert_eq!(by_code("64.08")["published_matches"], false);
    assert!(by_code("64.72")["published_matches"].is_null());
    for (code, want) in expected_composites() {
        let got = by_code(code)["composite"].as_f64().unwrap();
        assert!((got - want).abs() < 1e-3, "{code}: {got} vs {want}");
    }
    let sam = by_code("64.72")["scores"]["cakupan"].as_f64().unwrap();
    assert!(
        (sam - 24.533).abs() < 1e-2,
        "Samarinda coverage score {sam}"
    );
    // The round page shows the composites as formatted in Indonesian.
    let page = read(&out.join("penilaian/kaltim-2024/index.html"));
    for (code, want) in expected_composites() {
        let shown = format!("{:.1}", want).replace('.', ",");
        assert!(page.contains(&shown), "{code}: {shown} not on the page");
    }
}

#[test]
fn incomplete_participants_are_marked() {
    let (_t, out) = build_example();
    let v = json(&out);
    let page = read(&out.join("penilaian/kaltim-2024/index.html"));
    for code in ["64.03", "64.01", "64.09", "64.02", "64.08"] {
        let p = v["participants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["region"] == code)
            .unwrap();
        assert_eq!(p["complete"], false, "{code}");
        assert!(p["rank"].is_null(), "{code}");
        assert!(p["composite"].is_null(), "{code}");
        assert_eq!(p["missing"], serde_json::json!(["cakupan"]), "{code}");
        let name = p["name"].as_str().unwrap();
        assert!(
            page.contains(&format!("<strong>{name}</strong> (tidak lengkap)")),
            "{name} not marked incomplete on the page"
        );
    }
    assert_eq!(
        page.matches("<span class=\"tag warn\">tidak lengkap</span>")
            .count(),
        5
    );
    let csv = read(&out.join("data/assessment-kaltim-2024.csv"));
    assert_eq!(csv.lines().count(), 1 + 7 * 6);
    assert!(csv.contains("kaltim-2024,64.03,Kabupaten Berau,cakupan,0.3,,,,false,cakupan"));
}

#[test]
fn illustrative_notice_on_round_page_and_sheets() {
    let (_t, out) = build_example();
    let notice = "Halaman ini memuat angka ilustrasi (contoh), bukan data resmi.";
    let weights = "Bobot kriteria dan skor panel di halaman ini adalah contoh ilustratif";
    let page = read(&out.join("penilaian/kaltim-2024/index.html"));
    assert!(page.contains(notice));
    assert!(page.contains(weights));
    for slug in ["kota-bontang", "kabupaten-kutai-timur", "kabupaten-berau"] {
        let sheet = read(&out.join(format!("penilaian/kaltim-2024/{slug}/index.html")));
        assert!(sheet.contains(notice), "{slug}");
        assert!(sheet.contains(weights), "{slug}");
        assert!(sheet.contains("Catatan penilai"), "{slug}");
        assert!(sheet.contains("class=\"sheet-page\""), "{slug}");
    }
    let bontang = read(&out.join("penilaian/kaltim-2024/kota-bontang/index.html"));
    assert!(bontang.contains("Nilai komposit <strong>92,5</strong>"));
    assert!(bontang.contains("Penilai A 94"));
}

#[test]
fn chart_has_one_bar_per_complete_participant() {
    let (_t, out) = build_example();
    let page = read(&out.join("penilaian/kaltim-2024/index.html"));
    let start = page
        .find("<desc>Sumbangan tiap kriteria")
        .expect("chart desc");
    let desc = &page[start..start + page[start..].find("</desc>").unwrap()];
    assert!(desc.contains("2 peserta lengkap"), "{desc}");
    assert_eq!(desc.matches("; ").count(), 1, "two rows: {desc}");
    for row in ["1. Kota Bontang 92,5", "2. Kota Samarinda 58,3"] {
        assert!(desc.contains(row), "{row} in {desc}");
    }
    assert!(!desc.contains("Berau"));
    // Six criteria: the Samarinda bar has six segments of the six Okabe-Ito colours, and so on.
    let svg_start = page.find("<svg").unwrap();
    let svg = &page[svg_start..svg_start + page[svg_start..].find("</svg>").unwrap()];
    let orange = svg.matches("fill=\"#E69F00\"").count();
    assert_eq!(orange, 1 + 2, "legend swatch + one segment per bar");
}

#[test]
fn bontang_page_has_the_scorecard() {
    let (_t, out) = build_example();
    let page = read(&out.join("wilayah/kota-bontang/index.html"));
    assert!(page.contains("href=\"../../penilaian/kaltim-2024/index.html\""));
    assert!(page.contains("href=\"../../penilaian/kaltim-2024/kota-bontang/index.html\""));
    assert!(page.contains("Nilai komposit <strong>92,5</strong> · Peringkat 1 dari 2"));
    let berau = read(&out.join("wilayah/kabupaten-berau/index.html"));
    assert!(berau.contains("tidak lengkap"));
    let home = read(&out.join("index.html"));
    assert!(home.contains(">Penilaian</a>"), "nav link");
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("/penilaian/kaltim-2024/</loc>"));
    assert!(sitemap.contains("/penilaian/kaltim-2024/metodologi/</loc>"));
    assert!(sitemap.contains("/penilaian/kaltim-2024/kota-bontang/</loc>"));
}

#[test]
fn methodology_shows_every_weight() {
    let (_t, out) = build_example();
    let page = read(&out.join("penilaian/kaltim-2024/metodologi/index.html"));
    let w = weights();
    let total: f64 = w.iter().map(|(_, x)| x).sum();
    for (id, raw) in &w {
        let pct = format!("{:.1}%", raw / total * 100.0).replace('.', ",");
        assert!(
            page.contains(&format!("<td class=\"num\">{pct}</td>")),
            "{id} weight {pct}"
        );
    }
    assert!(page.contains("skor = (nilai − 40) / (100 − 40) × 100"));
    assert!(page.contains("rata-rata (mean)"));
    assert!(page.contains(
        "Capaian cakupan kepesertaan, Komitmen anggaran untuk pekerja rentan, Regulasi daerah"
    ));
}

#[test]
fn rebuild_is_byte_identical() {
    let (_a, out1) = build_example_fresh();
    let (_b, out2) = build_example_fresh();
    let files = [
        "penilaian/kaltim-2024/index.html",
        "penilaian/kaltim-2024/metodologi/index.html",
        "penilaian/kaltim-2024/kota-bontang/index.html",
        "penilaian/kaltim-2024/kabupaten-berau/index.html",
        "wilayah/kota-bontang/index.html",
        "data/assessment-kaltim-2024.json",
        "data/assessment-kaltim-2024.csv",
        "sitemap.xml",
    ];
    for f in files {
        assert_eq!(
            std::fs::read(out1.join(f)).unwrap(),
            std::fs::read(out2.join(f)).unwrap(),
            "{f} differs between builds"
        );
    }
}
