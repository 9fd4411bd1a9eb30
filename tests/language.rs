//! The same data published in English: numbers, dates and interface words follow `language`.

use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if !matches!(
            first.as_deref(),
            None | Some("data") | Some("content") | Some("site.toml")
        ) {
            continue;
        }
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

#[test]
fn english_site_formats_numbers_the_english_way() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(Path::new(env!("CARGO_MANIFEST_DIR")), &site);
    let toml = std::fs::read_to_string(site.join("site.toml"))
        .unwrap()
        .replace("language = \"id\"", "language = \"en\"");
    assert!(toml.contains("language = \"en\""));
    std::fs::write(site.join("site.toml"), toml).unwrap();
    let out = tmp.path().join("out");
    cakupan::build(&site, &out).unwrap_or_else(|d| panic!("{:?}", d.into_sorted()));
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("<html lang=\"en\">"));
    // province: 1.976.447 people employed (BPS, August 2024) -> 1,976,447 in English
    assert!(home.contains("1,976,447"));
    assert!(home.contains("70.86%"));
    assert!(home.contains("Rp1.07 trillion"));
    assert!(!home.contains("1.976.447"));
    let sam = std::fs::read_to_string(out.join("wilayah/kota-samarinda/index.html")).unwrap();
    assert!(sam.contains("September 2025") && sam.contains("141,278"));
    // changes are shown only within one denominator: Paser's active participants, 2023
    let paser = std::fs::read_to_string(out.join("wilayah/kabupaten-paser/index.html")).unwrap();
    assert!(paser.contains("+15,542"), "change in English format");
    assert!(sam.contains("Latest figures"));
}
