//! `cakupan new DIR --province N`: a starter site that builds at once, for any province, with
//! the province's kabupaten/kota from the vendored national list.

use std::path::Path;
use std::process::{Command, Output};

fn cakupan(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cakupan"))
        .args(args)
        .output()
        .expect("run cakupan")
}

fn new_site(dir: &Path, province: &str) -> Output {
    cakupan(&[
        "new".as_ref(),
        dir.as_os_str(),
        "--province".as_ref(),
        province.as_ref(),
    ])
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Creates, builds and returns the region codes of a new site for `province`.
fn created_and_built(province: &str) -> (tempfile::TempDir, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("situs");
    let o = new_site(&dir, province);
    assert!(o.status.success(), "{}", text(&o));
    let b = cakupan(&["build".as_ref(), "--site".as_ref(), dir.as_os_str()]);
    assert!(b.status.success(), "{}", text(&b));
    assert!(!text(&b).contains("warning"), "{}", text(&b));
    assert!(dir.join("public/index.html").is_file());
    let regions = std::fs::read_to_string(dir.join("data/regions.csv")).unwrap();
    let codes = regions
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    (tmp, codes)
}

#[test]
fn kalimantan_selatan_has_13_regions_and_builds() {
    let (tmp, codes) = created_and_built("63");
    assert_eq!(codes.len(), 13, "{codes:?}");
    assert!(codes.iter().all(|c| c.starts_with("63.")), "{codes:?}");
    let dir = tmp.path().join("situs");
    let regions = std::fs::read_to_string(dir.join("data/regions.csv")).unwrap();
    assert!(regions.contains("63.71,Kota Banjarmasin"), "{regions}");
    let site = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(
        site.contains("province_name = \"Kalimantan Selatan\""),
        "{site}"
    );
    // ODbL: the attribution is on the generated site, not only in its sources.
    let home = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(
        home.contains("Open Database License"),
        "home page lacks the attribution"
    );
    assert!(home.contains("idn-area-data"));
    let sources = std::fs::read_to_string(dir.join("data/sources.toml")).unwrap();
    assert!(sources.contains("kind = \"illustrative\""));
}

#[test]
fn kalimantan_timur_has_10_regions_and_builds() {
    let (_tmp, codes) = created_and_built("64");
    assert_eq!(codes.len(), 10, "{codes:?}");
    assert!(codes.contains(&"64.74".to_string()), "{codes:?}");
    assert!(codes.contains(&"64.11".to_string()), "{codes:?}");
}

#[test]
fn unknown_province_lists_the_valid_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("situs");
    let o = new_site(&dir, "99");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("unknown province code `99`"), "{t}");
    assert!(t.contains("63 Kalimantan Selatan"), "{t}");
    assert!(t.contains("11 Aceh"), "{t}");
    assert!(!dir.exists(), "nothing is created for an unknown code");
}

#[test]
fn a_non_empty_folder_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("site.toml"), "title = \"milik saya\"\n").unwrap();
    let o = new_site(tmp.path(), "64");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("not empty"), "{}", text(&o));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("site.toml")).unwrap(),
        "title = \"milik saya\"\n"
    );
    assert!(!tmp.path().join("data").exists());
    // An existing empty folder is fine.
    let empty = tmp.path().join("kosong");
    std::fs::create_dir(&empty).unwrap();
    assert!(new_site(&empty, "64").status.success());
}
