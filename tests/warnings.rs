//! Warnings that do not stop a build, end to end: implausible figures (outside their range, a
//! tenfold jump), stale figures quoted in region narratives, and `--strict`, which turns them
//! into a failed run that writes nothing.

mod common;

use cakupan::diagnostics::Diagnostic;
use common::*;
use std::process::Command;

const EXTRA: &str = "data/observations/tambahan.csv";
const HEADER: &str = "region,metric,period,value,source,note,basis,status";
const VALUE: usize = 3;
const SAMARINDA: &str = "content/wilayah/kota-samarinda.md";

/// The base site plus `tambahan.csv` holding `rows` (row i on line i + 2), and a metric with
/// two bases (`angkatan_kerja`, `potensi`) for the basis tests.
fn site_with_rows(rows: &[&str]) -> TestSite {
    let site = TestSite::new();
    let metrics = format!(
        "{METRICS_TOML}\n[cakupan_basis]\nlabel = \"Cakupan menurut penyebut\"\nunit = \"persen\"\n\
         bases = {{ angkatan_kerja = \"angkatan kerja BPS\", potensi = \"potensi versi BPJSTK\" }}\n"
    );
    site.write("data/metrics.toml", &metrics);
    let mut text = format!("{HEADER}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    site.write(EXTRA, &text);
    site
}

fn warnings(site: &TestSite) -> Vec<Diagnostic> {
    site.build_ok().warnings
}

/// The warnings whose message contains `needle`.
fn with<'a>(list: &'a [Diagnostic], needle: &str) -> Vec<&'a Diagnostic> {
    list.iter().filter(|d| d.message.contains(needle)).collect()
}

// 1. Range -----------------------------------------------------------------------------------

#[test]
fn typo_4039_percent_warns_at_its_cell() {
    let row = "64.72,cakupan,2025-05,4039,berita-2025,,,";
    let site = site_with_rows(&[row]);
    let w = warnings(&site);
    let d = find(&w, "outside the plausible range");
    assert_at(d, EXTRA, 2, col_of(row, VALUE));
    assert_eq!(
        d.message,
        "value 4.039% for `cakupan` is outside the plausible range 0-100%"
    );
    let h = hint(d);
    assert!(h.contains("denominator is an estimate"), "{h}");
    assert!(h.contains("typing error"), "{h}");
    assert!(
        h.contains("range = [lo, hi] for `cakupan` in data/metrics.toml"),
        "{h}"
    );
    assert_eq!(
        d.to_string().lines().next().unwrap(),
        format!(
        "warning: {EXTRA}:2:{}: value 4.039% for `cakupan` is outside the plausible range 0-100%",
        col_of(row, VALUE)
    )
    );
}

#[test]
fn planned_figures_and_declared_ranges_are_checked_too() {
    let rows = [
        "64.74,cakupan,2026,120,bpjstk-2024,,,target",
        "64.01,peserta_aktif,2024,-5,bpjstk-2024,,,",
    ];
    let site = site_with_rows(&rows);
    // A declared range replaces the default; a figure inside it is quiet, one outside is not.
    site.replace(
        "data/metrics.toml",
        "description = \"Persentase pekerja yang terdaftar.\"\n",
        "description = \"Persentase pekerja yang terdaftar.\"\nrange = [0, 110]\n",
    );
    site.replace(
        EXTRA,
        "64.01,peserta_aktif,2024,-5,bpjstk-2024,,,\n",
        "64.01,cakupan,2025,105,bpjstk-2024,,,\n",
    );
    let w = warnings(&site);
    let out = with(&w, "outside the plausible range");
    assert_eq!(out.len(), 1, "{}", render(&w));
    assert_at(out[0], EXTRA, 2, col_of(rows[0], VALUE));
    assert_eq!(
        out[0].message,
        "value 120% (target) for `cakupan` is outside the plausible range 0-110%"
    );
}

#[test]
fn derived_ratio_outside_its_range_warns_at_the_numerator() {
    // 500000 / 400000 = 125% for Samarinda 2024; the numerator's cell is the one to check.
    let site = TestSite::new();
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.72,peserta_aktif,2024,300000",
        "64.72,peserta_aktif,2024,500000",
    );
    let w = warnings(&site);
    let d = find(&w, "`rasio_peserta`");
    assert_at(
        d,
        "data/observations/kepesertaan.csv",
        8,
        col_of("64.72,peserta_aktif,2024,500000", VALUE),
    );
    assert!(
        d.message
            .contains("value 125% for `rasio_peserta` is outside the plausible range 0-100% (derived: 100 x `peserta_aktif` / `potensi_pekerja`)"),
        "{d}"
    );
    // The derived series is never checked for jumps: only the range warning is about it.
    assert_eq!(with(&w, "rasio_peserta").len(), 1, "{}", render(&w));
}

// 2. Jumps ------------------------------------------------------------------------------------

#[test]
fn tenfold_drop_warns_at_the_newer_figure() {
    // 64.01 cakupan 2024 = 64 is on line 6 of kepesertaan.csv.
    let row = "64.01,cakupan,2025-05,6.4,berita-2025,,,";
    let site = site_with_rows(&[row]);
    let w = warnings(&site);
    let d = find(&w, "falls from");
    assert_at(d, EXTRA, 2, col_of(row, VALUE));
    assert_eq!(
        d.message,
        "`cakupan` falls from 64% (2024) to 6,4% (2025-05), a tenth of the previous figure"
    );
    let h = hint(d);
    assert!(h.contains("misplaced decimal point"), "{h}");
    assert!(h.contains("data/observations/kepesertaan.csv:6:"), "{h}");
    assert_eq!(w.len(), 1, "{}", render(&w));
}

#[test]
fn tenfold_rise_warns_and_threefold_does_not() {
    let rows = [
        "64.74,peserta_aktif,2023,4000,bpjstk-2024,,,",
        "64.74,peserta_aktif,2024,40000,bpjstk-2024,,,",
        "64.74,potensi_pekerja,2023,10000,bpjstk-2024,,,",
        "64.74,potensi_pekerja,2024,29000,bpjstk-2024,,,",
    ];
    let site = site_with_rows(&rows);
    let w = warnings(&site);
    let jumps = with(&w, "rises from");
    assert_eq!(jumps.len(), 1, "{}", render(&w));
    assert_at(jumps[0], EXTRA, 3, col_of(rows[1], VALUE));
    assert_eq!(
        jumps[0].message,
        "`peserta_aktif` rises from 4.000 (2023) to 40.000 (2024), ten times the previous figure"
    );
}

#[test]
fn same_drop_across_bases_or_statuses_does_not_warn() {
    let rows = [
        "64.72,cakupan_basis,2024,45.5,berita-2025,,angkatan_kerja,",
        "64.72,cakupan_basis,2025-05,4.55,berita-2025,,potensi,",
        "64.74,cakupan,2026,8.2,bpjstk-2024,,,rencana",
    ];
    let site = site_with_rows(&rows);
    let w = warnings(&site);
    assert!(w.is_empty(), "{}", render(&w));

    // The control: the same two figures over one basis do warn.
    site.replace(
        EXTRA,
        "4.55,berita-2025,,potensi",
        "4.55,berita-2025,,angkatan_kerja",
    );
    let w = warnings(&site);
    let d = only(&w);
    assert_at(d, EXTRA, 3, col_of(rows[1], VALUE));
    assert_eq!(
        d.message,
        "`cakupan_basis` (basis `angkatan_kerja`) falls from 45,5% (2024) to 4,55% (2025-05), a tenth of the previous figure"
    );
}

// 3. Stale figures in prose ------------------------------------------------------------------

/// The base site's Samarinda potential is 400000 against 300000 participants, so the derived
/// ratio is 75%, the same as its cakupan: a number equal to a latest figure is never stale.
/// 500000 makes the ratio 60% and leaves 75 to cakupan alone.
fn separate_ratio(site: &TestSite) {
    site.replace(
        "data/observations/kepesertaan.csv",
        "64.72,potensi_pekerja,2024,400000",
        "64.72,potensi_pekerja,2024,500000",
    );
}

/// Samarinda's cakupan: 75 (2024, base site) and 77,5 (May 2025, added here).
fn samarinda_site(body: &str) -> TestSite {
    let site = site_with_rows(&["64.72,cakupan,2025-05,77.5,berita-2025,,,"]);
    separate_ratio(&site);
    site.write(
        SAMARINDA,
        &format!("+++\ntitle = \"Catatan Samarinda\"\nregion = \"64.72\"\n+++\n\n{body}"),
    );
    site
}

/// 1-based line and character column of the first `needle` in a site file.
fn position(site: &TestSite, rel: &str, needle: &str) -> (usize, usize) {
    let text = site.read(rel);
    let at = text.find(needle).expect("needle in file");
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, text[start..at].chars().count() + 1)
}

#[test]
fn stale_prose_number_warns_at_its_line_and_column() {
    // The em dash and "é" before the number make byte and character columns differ.
    let site = samarinda_site(
        "Narasi untuk Kota Samarinda.\n\nCatatan — café: cakupan kota 75 persen pada 2024.\n",
    );
    let w = warnings(&site);
    let d = only(&w);
    let (line, column) = position(&site, SAMARINDA, "75 persen");
    assert_eq!((line, column), (8, 30));
    assert_at(d, SAMARINDA, line, column);
    assert_eq!(
        d.message,
        "`75 persen` is the figure of 2024 for `cakupan`; the latest is 77,5% (Mei 2025)"
    );
    let h = hint(d);
    assert!(
        h.contains("{{ value(region=\"64.72\", metric=\"cakupan\") }}"),
        "{h}"
    );
    assert!(h.contains("period=\"2024\""), "{h}");
}

#[test]
fn every_written_form_of_a_stale_number_is_found() {
    let rows = [
        "64.72,cakupan,2025-05,77.5,berita-2025,,,",
        "64.72,peserta_aktif,2025-05,310000,berita-2025,,,",
    ];
    let site = site_with_rows(&rows);
    separate_ratio(&site);
    site.write(
        SAMARINDA,
        "+++\ntitle = \"Catatan Samarinda\"\nregion = \"64.72\"\n+++\n\n\
         | tahun | cakupan | peserta |\n|---|---|---|\n| 2024 | 75% | 300.000 |\n\n\
         Sekitar 300 ribu pekerja\nterdaftar, atau *75\npersen*.\n",
    );
    let w = warnings(&site);
    assert_eq!(w.len(), 4, "{}", render(&w));
    let at = |needle: &str| position(&site, SAMARINDA, needle);
    let find_at = |(line, column): (usize, usize)| {
        w.iter()
            .find(|d| d.location.line == line && d.location.column == column)
            .unwrap_or_else(|| panic!("no warning at {line}:{column}:\n{}", render(&w)))
    };
    assert!(find_at(at("75% |"))
        .message
        .starts_with("`75%` is the figure of 2024 for `cakupan`"));
    assert!(find_at(at("300.000 |"))
        .message
        .starts_with("`300.000` is the figure of 2024 for `peserta_aktif`; the latest is 310.000"));
    assert!(find_at(at("300 ribu"))
        .message
        .starts_with("`300 ribu pekerja` is the figure of 2024 for `peserta_aktif`"));
    // A unit word on the next line still makes it a percentage.
    assert!(find_at(at("75\npersen"))
        .message
        .starts_with("`75 persen` is the figure of 2024 for `cakupan`"));
}

#[test]
fn number_equal_to_any_latest_figure_does_not_warn() {
    // 75 is Samarinda's cakupan of 2024 but also its latest derived ratio (300000 / 400000).
    let site = site_with_rows(&["64.72,cakupan,2025-05,77.5,berita-2025,,,"]);
    site.replace(
        SAMARINDA,
        "Narasi untuk Kota Samarinda.",
        "Cakupan 75 persen.",
    );
    let w = warnings(&site);
    assert!(w.is_empty(), "{}", render(&w));
}

#[test]
fn latest_figures_calls_code_and_other_units_do_not_warn() {
    let site = samarinda_site(concat!(
        "Kini cakupan 77,5 persen (77,50%).\n\n",
        "Dulu {{ value(region=\"64.72\", metric=\"cakupan\", period=\"2024\") }}, ",
        "ditulis `75 persen` di kode.\n\n",
        "```\ncakupan 75 persen\n```\n\n",
        "    75 persen di blok indentasi\n\n",
        "Sekitar 75 pekerja, naik 75 poin, pada 9 Mei 2025, kode 64.72, Rp75.\n",
    ));
    site.write(
        "content/metodologi.md",
        "+++\ntitle = \"Metodologi\"\n+++\n\nCakupan Samarinda 75 persen pada 2024.\n",
    );
    let w = warnings(&site);
    assert!(w.is_empty(), "{}", render(&w));
}

#[test]
fn precision_written_decides_a_match() {
    let site = site_with_rows(&[
        "64.72,cakupan,2023,40.386,berita-2025,,,",
        "64.72,cakupan,2025-05,41.5,berita-2025,,,",
    ]);
    site.write(
        SAMARINDA,
        "+++\ntitle = \"S\"\nregion = \"64.72\"\n+++\n\nDulu 40,39 persen, lalu 40,4 persen, lalu 40,3 persen.\n",
    );
    let w = warnings(&site);
    // 40,39 and 40,4 are 40,386 to the precision written; 40,3 is not.
    assert_eq!(w.len(), 2, "{}", render(&w));
    assert!(
        w.iter().all(|d| d.message.contains("figure of 2023")),
        "{}",
        render(&w)
    );
    assert!(w
        .iter()
        .all(|d| d.message.contains("the latest is 41,5% (Mei 2025)")));
}

// 4. --strict --------------------------------------------------------------------------------

fn cakupan(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("run cakupan")
}

fn typo_site() -> TestSite {
    site_with_rows(&["64.72,cakupan,2025-05,4039,berita-2025,,,"])
}

#[test]
fn strict_check_and_build_fail_and_write_nothing() {
    let site = typo_site();
    let root = site.root().as_os_str();
    let out = site.root().join("keluaran");
    let n = warnings(&site).len();
    assert_eq!(n, 2, "range and jump");
    std::fs::remove_dir_all(site.out()).unwrap();

    let check = cakupan(&[
        "check".as_ref(),
        "--strict".as_ref(),
        "--site".as_ref(),
        root,
    ]);
    let build = cakupan(&[
        "build".as_ref(),
        "--strict".as_ref(),
        "--site".as_ref(),
        root,
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    for o in [&check, &build] {
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("warning: {EXTRA}:2:")),
            "warnings are printed as warnings: {err}"
        );
        assert!(err.contains("outside the plausible range"), "{err}");
        assert!(
            err.trim_end().ends_with(&format!(
                "{n} warning(s) treated as errors (--strict); nothing was written"
            )),
            "{err}"
        );
        assert!(!err.contains("error:"), "{err}");
        assert!(
            o.stdout.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    // check and build print the same problems.
    assert_eq!(check.stderr, build.stderr);
    assert!(!out.exists(), "strict build wrote {}", out.display());
    let left: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !left
            .iter()
            .any(|n| n.to_string_lossy().contains("keluaran")),
        "staging left behind: {left:?}"
    );
}

#[test]
fn strict_build_keeps_an_existing_output_untouched() {
    let site = typo_site();
    site.build_ok();
    let before = snapshot(&site.out());
    site.replace(EXTRA, "4039", "40390");
    let r = cakupan::build_with(site.root(), &site.out(), &cakupan::Options { strict: true });
    let diags = r.expect_err("strict build must fail");
    let (errors, warns) = diags.into_all();
    assert_eq!(errors.len(), 1);
    assert!(cakupan::is_strict_stop(&errors[0]), "{}", errors[0]);
    assert!(
        warns.iter().any(|w| w.message.contains("40.390%")),
        "{}",
        render(&warns)
    );
    assert_eq!(snapshot(&site.out()), before);
    // The library's check agrees with build.
    let c = cakupan::check_with(site.root(), &cakupan::Options { strict: true });
    assert_eq!(c.expect_err("strict check must fail").into_all().1, warns);
}

#[test]
fn strict_never_hides_a_real_error() {
    let site = typo_site();
    site.write(
        "content/tentang.md",
        "+++\ntitle = \"Tentang\"\n+++\n\n{{ value(metric=\"tidak_ada\") }}\n",
    );
    let o = cakupan(&[
        "check".as_ref(),
        "--strict".as_ref(),
        "--site".as_ref(),
        site.root().as_os_str(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: content/tentang.md:5:1: value(): unknown metric `tidak_ada`"),
        "{err}"
    );
    assert!(!err.contains("treated as errors"), "{err}");
}

#[test]
fn without_strict_exit_0_and_the_summary_counts_warnings() {
    let site = typo_site();
    let root = site.root().as_os_str();
    let check = cakupan(&["check".as_ref(), "--site".as_ref(), root]);
    let build = cakupan(&["build".as_ref(), "--site".as_ref(), root]);
    for o in [&check, &build] {
        let err = String::from_utf8_lossy(&o.stderr);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert!(err.contains(&format!("warning: {EXTRA}:2:")), "{err}");
        assert!(out.trim_end().ends_with(", 2 warning(s)"), "{out}");
    }
    assert!(site.out().join("index.html").is_file());
}
