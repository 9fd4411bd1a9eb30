//! A minimal, valid Cakupan site written into a temporary folder, for tests that break one
//! thing at a time and check the diagnostics the build reports.

#![allow(dead_code)]

use cakupan::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The base_url line of `SITE_TOML`: absolute, as a published site's is (a path-only one
/// warns, and the minimal valid site builds without warnings). Tests that change it replace
/// this line.
pub const BASE_URL_LINE: &str = "base_url = \"https://cakupan.example.go.id/\"";

pub const SITE_TOML: &str = r#"title = "Cakupan Uji"
base_url = "https://cakupan.example.go.id/"
language = "id"
province_code = "64"
province_name = "Kalimantan Timur"
headline_metric = "cakupan"
number_format = "plain"
"#;

/// Line 1 is the header, so region 64.01 is on line 2, 64.72 on line 3, 64.74 on line 4.
pub const REGIONS_CSV: &str = "\
code,name,short_name,capital,bps_code,tile_x,tile_y
64.01,Kabupaten Paser,Paser,Tana Paser,6401,0,1
64.72,Kota Samarinda,Samarinda,Samarinda,6472,1,1
64.74,Kota Bontang,Bontang,Bontang,6474,2,0
";

/// `[cakupan]` starts on line 1, `[peserta_aktif]` on line 8, `[potensi_pekerja]` on line 13,
/// `[rasio_peserta]` on line 18, `[indeks_kemiskinan]` on line 22.
pub const METRICS_TOML: &str = r#"[cakupan]
label = "Cakupan kepesertaan"
unit = "persen"
higher_is_better = true
description = "Persentase pekerja yang terdaftar."
target = 80

[peserta_aktif]
label = "Peserta aktif"
unit = "orang"
description = "Jumlah peserta aktif."

[potensi_pekerja]
label = "Potensi pekerja"
unit = "orang"
description = "Penyebut versi BPJSTK."

[rasio_peserta]
label = "Rasio peserta terhadap potensi"
ratio = { numerator = "peserta_aktif", denominator = "potensi_pekerja" }

[indeks_kemiskinan]
label = "Indeks kedalaman kemiskinan"
unit = "angka"
higher_is_better = false
description = "Bisa bernilai negatif setelah penyesuaian."
"#;

pub const SOURCES_TOML: &str = r#"[bpjstk-2024]
title = "Tabel kepesertaan 2024"
publisher = "BPJS Ketenagakerjaan"
url = "https://example.org/bpjstk-2024"
date = "2025-02-10"
kind = "official-table"

[berita-2025]
title = "Cakupan naik"
publisher = "ANTARA Kaltim"
url = "https://example.org/berita-2025"
date = "2025-08-05"
kind = "news"
"#;

/// Values are whole numbers so the same file is valid in both number formats.
pub const KEPESERTAAN_CSV: &str = "\
region,metric,period,value,source,note
64,cakupan,2024,71,bpjstk-2024,
64,peserta_aktif,2024,962711,bpjstk-2024,
64,potensi_pekerja,2024,1358649,bpjstk-2024,
64.01,cakupan,2023,60,bpjstk-2024,
64.01,cakupan,2024,64,bpjstk-2024,
64.72,cakupan,2024,75,berita-2025,angka dibulatkan
64.72,peserta_aktif,2024,300000,berita-2025,
64.72,potensi_pekerja,2024,400000,berita-2025,
64.74,cakupan,2024,82,bpjstk-2024,
";

pub const HOME_MD: &str = "+++\ntitle = \"Cakupan Kalimantan Timur\"\n+++\n\nPengantar situs.\n";

pub const METODOLOGI_MD: &str = "\
+++
title = \"Metodologi\"
date = \"2025-08-05\"
weight = 1
+++

Cara menghitung cakupan.
";

pub const SAMARINDA_MD: &str = "\
+++
title = \"Catatan Samarinda\"
region = \"64.72\"
+++

Narasi untuk Kota Samarinda.
";

/// A site folder in a temporary directory; the output goes to `<site>/public`.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// The minimal valid site.
    pub fn new() -> Self {
        let site = TestSite {
            dir: tempfile::Builder::new()
                .prefix("cakupan-test-")
                .tempdir()
                .expect("create temp dir"),
        };
        site.write("site.toml", SITE_TOML);
        site.write("data/regions.csv", REGIONS_CSV);
        site.write("data/metrics.toml", METRICS_TOML);
        site.write("data/sources.toml", SOURCES_TOML);
        site.write("data/observations/kepesertaan.csv", KEPESERTAAN_CSV);
        site.write("content/_index.md", HOME_MD);
        site.write("content/metodologi.md", METODOLOGI_MD);
        site.write("content/wilayah/kota-samarinda.md", SAMARINDA_MD);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes (or overwrites) a file of the site, creating its folders.
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replaces the only occurrence of `from` in a site file.
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur exactly once in {rel}"
        );
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn build(&self) -> Result<cakupan::Summary, Vec<Diagnostic>> {
        cakupan::build(self.root(), &self.out()).map_err(|d| d.into_sorted())
    }

    /// Builds and expects success, printing every diagnostic otherwise.
    pub fn build_ok(&self) -> cakupan::Summary {
        match self.build() {
            Ok(s) => s,
            Err(diags) => panic!("expected the build to succeed:\n{}", render(&diags)),
        }
    }

    /// Builds and expects failure, returning the sorted diagnostics. Every bad-input test goes
    /// through here, so each one also proves that `check` refuses the same input with the same
    /// diagnostics (CI gates on `check`).
    pub fn build_err(&self) -> Vec<Diagnostic> {
        match self.build() {
            Ok(_) => panic!("expected the build to fail, but it succeeded"),
            Err(diags) => {
                assert!(!diags.is_empty(), "Err with no diagnostics");
                // Problems of the output folder (a lock, a dangling link) are placed at its
                // absolute path; `check` has no output folder, so only input problems compare.
                if diags.iter().any(|d| d.location.file.is_absolute()) {
                    return diags;
                }
                let checked = cakupan::check(self.root())
                    .map(|_| ())
                    .expect_err("check accepted what build refused")
                    .into_sorted();
                assert_eq!(render(&checked), render(&diags), "check and build disagree");
                diags
            }
        }
    }

    /// A file of the built site, as text.
    pub fn output(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read output {}: {e}", path.display()))
    }
}

/// Every file under `dir`, relative path -> bytes.
/// The repository's own example site (Kalimantan Timur).
pub fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example site, built once per test binary and shared by its tests (read it, never
/// write into it). Kept in cargo's target/tmp, so it survives the process; the next run
/// replaces it. The returned guard only keeps the old call shape `let (_t, out) = ...`.
pub fn build_example() -> ((), PathBuf) {
    static OUT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let out = OUT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("example-{}", env!("CARGO_CRATE_NAME")));
        let out = dir.join("public");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        cakupan::build(&example_root(), &out)
            .unwrap_or_else(|d| panic!("example site must build: {:?}", d.into_sorted()));
        out
    });
    ((), out.clone())
}

/// A build of the example site of its own, for tests that compare two builds.
pub fn build_example_fresh() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    cakupan::build(&example_root(), &out)
        .unwrap_or_else(|d| panic!("example site must build: {:?}", d.into_sorted()));
    (tmp, out)
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

pub fn render(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The single diagnostic of a failed build (fails the test with all of them otherwise).
pub fn only(diags: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(
        diags.len(),
        1,
        "expected exactly one error:\n{}",
        render(diags)
    );
    &diags[0]
}

/// The diagnostic whose message contains `needle`.
pub fn find<'a>(diags: &'a [Diagnostic], needle: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| panic!("no error mentions `{needle}`:\n{}", render(diags)))
}

/// Asserts file, line and column (column 0 = do not check).
pub fn assert_at(d: &Diagnostic, file: &str, line: usize, column: usize) {
    assert_eq!(d.location.file, Path::new(file), "wrong file for: {d}");
    assert_eq!(d.location.line, line, "wrong line for: {d}");
    if column != 0 {
        assert_eq!(d.location.column, column, "wrong column for: {d}");
    }
}

pub fn hint(d: &Diagnostic) -> &str {
    d.hint
        .as_deref()
        .unwrap_or_else(|| panic!("expected a hint on: {d}"))
}

/// 1-based column where cell `index` (0-based) starts in a CSV line without quotes.
pub fn col_of(line: &str, index: usize) -> usize {
    line.split(',')
        .take(index)
        .map(|c| c.chars().count() + 1)
        .sum::<usize>()
        + 1
}

/// A built page parsed as a document, so tests ask for elements instead of matching markup.
pub fn dom(p: &Path) -> scraper::Html {
    scraper::Html::parse_document(&read(p))
}

/// The whitespace-normalised text of every element matching `selector`.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector)
        .unwrap_or_else(|e| panic!("bad selector {selector}: {e}"));
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The value of `attr` on every element matching `selector`.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector)
        .unwrap_or_else(|e| panic!("bad selector {selector}: {e}"));
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
