//! `cakupan diff` and `build --previous`: two hand-made versions of the test site, with the
//! expected differences worked out by hand below (never by calling the comparison).
//!
//! The old version is the minimal test site: cakupan 2024 Bontang 82 (rank 1), Samarinda 75
//! (rank 2), Paser 64 (rank 3), target 80 (higher is better). The new version changes:
//! - Paser cakupan 2024 64 -> 85: a changed value (relative 21/64 = 0.328125), a target
//!   crossing (below 80, now above) and rank moves Paser 3 -> 1, Bontang 1 -> 2,
//!   Samarinda 2 -> 3;
//! - Bontang peserta_aktif 2024 = 50000: a new figure;
//! - Samarinda potensi_pekerja 2024 (400000) removed: a removed figure, and with it the derived
//!   rasio_peserta 2024 (100 * 300000 / 400000 = 75) is removed too;
//! - source berita-2025 retitled "Cakupan naik" -> "Cakupan naik lagi".

mod common;

use common::TestSite;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn new_version(site: &TestSite) {
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.01,cakupan,2024,64,",
        "64.01,cakupan,2024,85,",
    );
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.72,potensi_pekerja,2024,400000,berita-2025,\n",
        "",
    );
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.74,cakupan,2024,82,bpjstk-2024,\n",
        "64.74,cakupan,2024,82,bpjstk-2024,\n64.74,peserta_aktif,2024,50000,bpjstk-2024,\n",
    );
    site.replace(
        "data/sources.toml",
        "title = \"Cakupan naik\"",
        "title = \"Cakupan naik lagi\"",
    );
}

fn pair() -> (TestSite, TestSite) {
    let old = TestSite::new();
    let new = TestSite::new();
    new_version(&new);
    (old, new)
}

fn cakupan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("run cakupan")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn json_lists_changed_new_and_removed_figures_with_nulls_biggest_first() {
    let (old, new) = pair();
    let out = cakupan(&["diff", s(old.root()), s(new.root()), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let j = json_of(&out);
    let changes = j["changes"].as_array().unwrap();
    let keys: Vec<(&str, &str, &str)> = changes
        .iter()
        .map(|c| {
            (
                c["region"].as_str().unwrap(),
                c["metric"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
            )
        })
        .collect();
    // Appearing and disappearing figures first (region, then metric order), then by size.
    assert_eq!(
        keys,
        [
            ("64.72", "potensi_pekerja", "removed"),
            ("64.72", "rasio_peserta", "removed"),
            ("64.74", "peserta_aktif", "new"),
            ("64.01", "cakupan", "changed"),
        ]
    );
    let removed = &changes[0];
    assert_eq!(removed["old"], 400000.0);
    assert!(removed["new"].is_null());
    assert_eq!(removed["old_period"], "2024");
    assert!(removed["new_period"].is_null());
    assert_eq!(changes[1]["old"], 75.0, "derived ratio 300000/400000");
    let added = &changes[2];
    assert!(added["old"].is_null() && added["old_period"].is_null());
    assert_eq!(added["new"], 50000.0);
    assert_eq!(added["new_period"], "2024");
    let changed = &changes[3];
    assert_eq!(changed["old"], 64.0);
    assert_eq!(changed["new"], 85.0);
    assert_eq!(changed["old_period"], "2024");
    assert_eq!(changed["new_period"], "2024");
    assert_eq!(changed["relative"], 0.328125);
    assert_eq!(changed["region_name"], "Kabupaten Paser");

    let moves: Vec<(&str, u64, u64)> = j["rank_moves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            assert_eq!(m["metric"], "cakupan");
            (
                m["region"].as_str().unwrap(),
                m["from"].as_u64().unwrap(),
                m["to"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        [("64.01", 3, 1), ("64.72", 2, 3), ("64.74", 1, 2)],
        "two steps first, then one step in region order"
    );

    let crossings = j["target_crossings"].as_array().unwrap();
    assert_eq!(crossings.len(), 1, "{crossings:?}");
    assert_eq!(crossings[0]["region"], "64.01");
    assert_eq!(crossings[0]["metric"], "cakupan");
    assert_eq!(crossings[0]["target"], 80.0);
    assert_eq!(crossings[0]["direction"], "reached");

    assert_eq!(j["regions_gained"], serde_json::json!([]));
    assert_eq!(j["regions_lost"], serde_json::json!([]));
    let sources = j["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0]["id"], "berita-2025");
    assert_eq!(sources[0]["kind"], "changed");
    assert_eq!(sources[0]["old_title"], "Cakupan naik");
    assert_eq!(sources[0]["new_title"], "Cakupan naik lagi");
    assert_eq!(sources[0]["old_url"], sources[0]["new_url"]);
}

#[test]
fn markdown_has_indonesian_headings_and_formatted_numbers() {
    let (old, new) = pair();
    let out = cakupan(&["diff", s(old.root()), s(new.root())]);
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    for heading in [
        "## Apa yang berubah\n",
        "### Angka yang berubah (1)\n",
        "### Angka baru (1)\n",
        "### Angka yang dihapus (2)\n",
        "### Perubahan peringkat (3)\n",
        "### Target (1)\n",
        "### Sumber (1)\n",
        "| Wilayah | Indikator | Lama | Baru | Perubahan |",
    ] {
        assert!(md.contains(heading), "missing `{heading}` in:\n{md}");
    }
    assert!(
        md.contains(
            "| Kabupaten Paser | Cakupan kepesertaan | 64% (2024) | 85% (2024) | +21 poin |"
        ),
        "{md}"
    );
    // Counts get Indonesian grouping; a removed figure has a dash for its new side.
    assert!(
        md.contains("| Kota Samarinda | Potensi pekerja | 400.000 (2024) | – |"),
        "{md}"
    );
    assert!(
        md.contains("| Kota Bontang | Peserta aktif | – | 50.000 (2024) |"),
        "{md}"
    );
    assert!(
        md.contains("Kabupaten Paser · Cakupan kepesertaan: 3 → 1 (2024)"),
        "{md}"
    );
    assert!(md.contains("kini memenuhi target (target 80%)"), "{md}");
    assert!(!md.contains("What changed"));
}

#[test]
fn english_site_gets_english_markdown() {
    let (old, new) = pair();
    new.replace("site.toml", "language = \"id\"", "language = \"en\"");
    let out = cakupan(&["diff", s(old.root()), s(new.root())]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("## What changed\n"), "{md}");
    assert!(md.contains("### Changed figures (1)"), "{md}");
    assert!(
        md.contains("| Kota Samarinda | Potensi pekerja | 400,000 (2024) | – |"),
        "{md}"
    );
    assert!(md.contains("+21 pp"), "{md}");
}

#[test]
fn hostile_names_cannot_break_the_markdown_table() {
    let (old, new) = pair();
    new.replace(
        "data/regions.csv",
        "64.01,Kabupaten Paser,",
        "64.01,\"Paser | <img src=x onerror=alert(1)>\",",
    );
    let out = cakupan(&["diff", s(old.root()), s(new.root())]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(!md.contains("<img"), "{md}");
    assert!(
        md.contains(
            "| Paser \\| &lt;img src=x onerror=alert(1)&gt; | Cakupan kepesertaan | 64% (2024)"
        ),
        "{md}"
    );
}

#[test]
fn fail_on_exit_codes() {
    let (old, new) = pair();
    let (o, n) = (s(old.root()), s(new.root()));
    assert_eq!(cakupan(&["diff", o, n]).status.code(), Some(0));
    assert_eq!(
        cakupan(&["diff", o, n, "--fail-on", "any"]).status.code(),
        Some(1)
    );
    assert_eq!(
        cakupan(&["diff", o, n, "--fail-on", "rank-change"])
            .status
            .code(),
        Some(1)
    );
    // Identical versions: nothing to fail on.
    assert_eq!(
        cakupan(&["diff", o, o, "--fail-on", "any"]).status.code(),
        Some(0)
    );
    let same = cakupan(&["diff", o, o]);
    assert_eq!(
        String::from_utf8_lossy(&same.stdout),
        "## Apa yang berubah\n\nTidak ada perubahan.\n"
    );
    // A change that moves no rank (Paser 64 -> 65 stays third) fails `any` only.
    let small = TestSite::new();
    small.replace(
        "data/observations/kepesertaan.csv",
        "64.01,cakupan,2024,64,",
        "64.01,cakupan,2024,65,",
    );
    let m = s(small.root());
    assert_eq!(
        cakupan(&["diff", o, m, "--fail-on", "rank-change"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        cakupan(&["diff", o, m, "--fail-on", "any"]).status.code(),
        Some(1)
    );
}

#[test]
fn bad_input_on_either_side_is_reported_with_its_position() {
    let (old, new) = pair();
    old.replace(
        "data/observations/kepesertaan.csv",
        "64.74,cakupan,2024,82,",
        "64.74,cakupan,2024,8x2,",
    );
    let out = cakupan(&["diff", s(old.root()), s(new.root())]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("data/observations/kepesertaan.csv:10:"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no report when a side is broken");

    let missing = cakupan(&["diff", s(new.root()), "/nonexistent/cakupan-site"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such folder or file"));

    let junk = new.root().join("junk.json");
    std::fs::write(&junk, "{\"regions\": [ {\"code\": 1,").unwrap();
    let bad = cakupan(&["diff", s(&junk), s(new.root())]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("junk.json:1:"));
}

#[test]
fn a_region_losing_its_data_and_a_ranking_too_small_to_compare() {
    let old = TestSite::new();
    let new = TestSite::new();
    // Bontang loses its only figure: two regions are left, too few to rank.
    new.replace(
        "data/observations/kepesertaan.csv",
        "64.74,cakupan,2024,82,bpjstk-2024,\n",
        "",
    );
    let j = json_of(&cakupan(&[
        "diff",
        s(old.root()),
        s(new.root()),
        "--format",
        "json",
    ]));
    assert_eq!(
        j["regions_lost"],
        serde_json::json!([{"region": "64.74", "name": "Kota Bontang"}])
    );
    assert_eq!(j["regions_gained"], serde_json::json!([]));
    assert_eq!(j["rank_moves"], serde_json::json!([]), "no set to compare");
    let nc = &j["rankings_not_compared"][0];
    assert_eq!(nc["metric"], "cakupan");
    assert_eq!(nc["old_year"], 2024);
    assert!(nc["new_year"].is_null());
    // Swapped: the region gained data.
    let j = json_of(&cakupan(&[
        "diff",
        s(new.root()),
        s(old.root()),
        "--format",
        "json",
    ]));
    assert_eq!(j["regions_gained"][0]["region"], "64.74");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Uji", "-c", "user.email=uji@example.org"])
        .args(args)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

#[test]
fn git_compares_the_working_site_with_a_revision_in_a_sub_folder() {
    let repo = tempfile::tempdir().unwrap();
    // The site lives in repo/laporan/, beside a file outside it.
    let root = repo.path().join("laporan");
    for (rel, text) in [
        ("site.toml", common::SITE_TOML),
        ("data/regions.csv", common::REGIONS_CSV),
        ("data/metrics.toml", common::METRICS_TOML),
        ("data/sources.toml", common::SOURCES_TOML),
        ("data/observations/kepesertaan.csv", common::KEPESERTAAN_CSV),
        ("content/_index.md", common::HOME_MD),
    ] {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    std::fs::write(repo.path().join("README.md"), "repo").unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-qm", "first"]);
    let csv = root.join("data/observations/kepesertaan.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(
        &csv,
        text.replace("64.01,cakupan,2024,64,", "64.01,cakupan,2024,85,"),
    )
    .unwrap();

    let out = cakupan(&[
        "diff",
        "--git",
        "HEAD",
        "--site",
        s(&root),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let j = json_of(&out);
    let changes = j["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["region"], "64.01");
    assert_eq!(changes[0]["old"], 64.0);
    assert_eq!(changes[0]["new"], 85.0);
    assert_eq!(j["rank_moves"].as_array().unwrap().len(), 3);
    assert_eq!(
        cakupan(&[
            "diff",
            "--git",
            "HEAD",
            "--site",
            s(&root),
            "--fail-on",
            "any"
        ])
        .status
        .code(),
        Some(1)
    );
    // Committed: no difference left.
    git(repo.path(), &["commit", "-qam", "second"]);
    let same = cakupan(&[
        "diff",
        "--git",
        "HEAD",
        "--site",
        s(&root),
        "--fail-on",
        "any",
    ]);
    assert_eq!(same.status.code(), Some(0), "{same:?}");
    // HEAD~1 is the first version again.
    let j = json_of(&cakupan(&[
        "diff",
        "--git",
        "HEAD~1",
        "--site",
        s(&root),
        "--format",
        "json",
    ]));
    assert_eq!(j["changes"][0]["old"], 64.0);

    // A revision that does not exist, or one that looks like an option.
    for rev in ["no-such-rev", "--output=/tmp/x"] {
        let flag = format!("--git={rev}");
        let bad = cakupan(&["diff", &flag, "--site", s(&root)]);
        assert_eq!(bad.status.code(), Some(1), "{rev}: {bad:?}");
        assert!(
            String::from_utf8_lossy(&bad.stderr).contains("is not a revision"),
            "{rev}: {bad:?}"
        );
    }
    // A broken old revision is reported as such, with the revision in the file name.
    std::fs::write(&csv, "region,metric\n").unwrap();
    git(repo.path(), &["commit", "-qam", "broken"]);
    std::fs::write(&csv, common::KEPESERTAAN_CSV).unwrap();
    let broken = cakupan(&["diff", "--git", "HEAD", "--site", s(&root)]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("HEAD:data/observations/kepesertaan.csv"),
        "{broken:?}"
    );
}

#[test]
fn git_with_the_site_at_the_top_of_the_repository() {
    let site = TestSite::new();
    git(site.root(), &["init", "-q"]);
    git(site.root(), &["add", "."]);
    git(site.root(), &["commit", "-qm", "first"]);
    new_version(&site);
    let out = cakupan(&[
        "diff",
        "--git",
        "HEAD",
        "--site",
        s(site.root()),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let j = json_of(&out);
    assert_eq!(j["changes"].as_array().unwrap().len(), 4, "{j}");
    assert_eq!(j["sources"][0]["new_title"], "Cakupan naik lagi");
}

#[test]
fn git_outside_a_repository_is_an_error() {
    let site = TestSite::new();
    let out = cakupan(&["diff", "--git", "HEAD", "--site", s(site.root())]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in a git repository"));
}

#[test]
fn build_previous_publishes_the_changes_page_and_region_lists() {
    let (old, new) = pair();
    cakupan::build_compared(
        new.root(),
        &new.out(),
        &cakupan::Options::default(),
        old.root(),
    )
    .unwrap_or_else(|d| panic!("{:?}", d.into_sorted()));
    let page = new.output("perubahan/index.html");
    assert!(page.contains("<h1>Apa yang berubah</h1>"), "{page}");
    assert!(page.contains("<h2>Angka yang berubah (1)</h2>"), "{page}");
    assert!(
        page.contains("<a href=\"../wilayah/kabupaten-paser/index.html\">Kabupaten Paser</a></td><td>Cakupan kepesertaan</td><td class=\"num\">64% (2024)</td><td class=\"num\">85% (2024)</td><td class=\"num\">+21 poin</td>"),
        "{page}"
    );
    assert!(page.contains("<h2>Angka yang dihapus (2)</h2>"), "{page}");
    assert!(page.contains("Cakupan naik lagi"), "{page}");
    let home = new.output("index.html");
    assert!(
        home.contains("<a href=\"perubahan/index.html\">Apa yang berubah</a>"),
        "home links the page"
    );
    let paser = new.output("wilayah/kabupaten-paser/index.html");
    assert!(
        paser.contains("<li>Cakupan kepesertaan: 64% (2024) → 85% (2024) (+21 poin)</li>"),
        "{paser}"
    );
    assert!(paser.contains("<li>Peringkat Cakupan kepesertaan: 3 → 1 (2024)</li>"));
    assert!(paser.contains("kini memenuhi target"));
    // Bontang's page lists only Bontang's changes.
    let bontang = new.output("wilayah/kota-bontang/index.html");
    assert!(
        bontang.contains("<li>Peserta aktif: – → 50.000 (2024)</li>"),
        "{bontang}"
    );
    assert!(!bontang.contains("Kabupaten Paser: "));
    assert!(!bontang.contains("64% (2024)"));
    assert!(new.output("sitemap.xml").contains("/perubahan/"));
}

#[test]
fn build_previous_from_a_published_summary_json() {
    let (old, new) = pair();
    old.build_ok();
    let summary = old.out().join("data/summary.json");
    let out = new.root().join("rilis");
    cakupan::build_compared(new.root(), &out, &cakupan::Options::default(), &summary)
        .unwrap_or_else(|d| panic!("{:?}", d.into_sorted()));
    let page = std::fs::read_to_string(out.join("perubahan/index.html")).unwrap();
    assert!(
        page.contains("64% (2024)") && page.contains("85% (2024)"),
        "{page}"
    );
    assert!(
        page.contains("Kabupaten Paser</a> · Cakupan kepesertaan: 3 → 1 (2024)"),
        "{page}"
    );
    // summary.json publishes no sources and no province figures: neither is reported.
    assert!(!page.contains("Cakupan naik lagi"), "{page}");
    assert!(!page.contains("Kalimantan Timur</a>"), "{page}");
    // The same file through the command line, and a built folder standing for its summary.
    let j = json_of(&cakupan(&[
        "diff",
        s(&old.out()),
        s(new.root()),
        "--format",
        "json",
    ]));
    assert_eq!(j["changes"].as_array().unwrap().len(), 4, "{j}");
    assert_eq!(j["sources"], serde_json::json!([]));
}

#[test]
fn without_previous_nothing_changes() {
    let (_, new) = pair();
    new.build_ok();
    assert!(!new.out().join("perubahan").exists());
    assert!(!new.output("index.html").contains("/perubahan/"));
    assert!(!new
        .output("wilayah/kabupaten-paser/index.html")
        .contains("perubahan"));
    // A broken previous release stops the build with its own positions.
    let old = TestSite::new();
    old.write("site.toml", "title = 3\n");
    let err = cakupan::build_compared(
        new.root(),
        &new.root().join("out2"),
        &cakupan::Options::default(),
        old.root(),
    )
    .unwrap_err()
    .into_sorted();
    assert!(
        err.iter().any(|d| d
            .location
            .file
            .display()
            .to_string()
            .ends_with("/site.toml")
            && d.location.file.starts_with(old.root())),
        "{err:?}"
    );
    assert!(!new.root().join("out2").exists());
}
