//! `--format json|github` and the stable problem codes: real sites broken in known ways, run
//! through the real binary, their output parsed (JSON) or compared byte for byte (GitHub).

mod common;

use cakupan::diagnostics::{code_for, github_line, to_json, CODES};
use common::*;
use std::path::Path;
use std::process::{Command, Output};

const EXTRA: &str = "data/observations/tambahan.csv";

fn site_with_rows(rows: &[&str]) -> TestSite {
    let site = TestSite::new();
    let mut text = String::from("region,metric,period,value,source,note\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    site.write(EXTRA, &text);
    site
}

fn run(site: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(args)
        .arg("--site")
        .arg(site)
        .output()
        .expect("run cakupan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

#[test]
fn json_errors_parse_with_numeric_places_and_codes() {
    let site = site_with_rows(&[
        "64.0l,cakupan,2024,50,bpjstk-2024,",
        "64.01,cakupan,2022,lima,bpjstk-2024,",
    ]);
    let o = run(site.root(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("stdout is one JSON");
    let errors = doc["errors"].as_array().expect("errors is a list");
    assert_eq!(errors.len(), 2, "{doc:#}");
    assert!(doc["warnings"]
        .as_array()
        .expect("warnings list")
        .is_empty());
    let region = &errors[0];
    assert_eq!(region["file"], EXTRA);
    assert_eq!(region["line"].as_u64(), Some(2));
    assert_eq!(region["column"].as_u64(), Some(1));
    assert_eq!(region["severity"], "error");
    assert_eq!(region["code"], "CK101");
    assert_eq!(region["message"], "unknown region `64.0l`");
    assert!(region["hint"].as_str().unwrap().contains("64.01"));
    let number = &errors[1];
    assert_eq!(number["line"].as_u64(), Some(3));
    assert_eq!(
        number["column"].as_u64(),
        Some(col_of("64.01,cakupan,2022,lima,bpjstk-2024,", 3) as u64)
    );
    assert_eq!(number["code"], "CK106");
    // Field order as documented, so a person reading the output finds the place first.
    let text = stdout(&o);
    let f = text.find("\"file\"").unwrap();
    let l = text.find("\"line\"").unwrap();
    let h = text.find("\"hint\"").unwrap();
    assert!(f < l && l < h, "{text}");
    // The summary line is not mixed into stdout.
    assert!(!text.contains("error(s)"));
}

#[test]
fn json_on_success_is_an_empty_error_list_and_holds_warnings() {
    let site = TestSite::new();
    // An extra column is read as a warning, not an error.
    site.write("data/observations/catatan.txt", "not a figure file\n");
    let o = run(site.root(), &["check", "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(doc["errors"], serde_json::json!([]));
    let warnings = doc["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{doc:#}");
    assert_eq!(warnings[0]["severity"], "warning");
    assert_eq!(warnings[0]["code"], "CK701");
    assert_eq!(warnings[0]["line"].as_u64(), Some(0));
    // The ok line goes to stderr.
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("ok: "));
    // build too
    let out = site.root().join("keluaran");
    let o = Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(["build", "--format", "json", "--site"])
        .arg(site.root())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(doc["errors"], serde_json::json!([]));
    assert!(out.join("index.html").is_file());
}

#[test]
fn strict_json_run_fails_with_its_warnings_and_a_coded_stop() {
    let site = TestSite::new();
    site.write("data/observations/catatan.txt", "x\n");
    let o = run(site.root(), &["check", "--strict", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["errors"][0]["code"], "CK900");
    assert_eq!(doc["warnings"][0]["code"], "CK701");
}

#[test]
fn github_annotation_is_exact_for_an_unknown_region() {
    let site = site_with_rows(&["64.0l,cakupan,2024,50,bpjstk-2024,"]);
    let o = Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .current_dir(site.root())
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "::error file=data/observations/tambahan.csv,line=2,col=1,title=CK101::unknown region `64.0l`%0Ahint: did you mean `64.01`? (regions are listed in data/regions.csv)\n"
    );
    // With --site, the path is given from where cakupan runs (the repository root in CI).
    let diags = site.build_err();
    assert_eq!(
        github_line(&diags[0], Path::new("laporan")),
        "::error file=laporan/data/observations/tambahan.csv,line=2,col=1,title=CK101::unknown region `64.0l`%0Ahint: did you mean `64.01`? (regions are listed in data/regions.csv)"
    );
}

#[test]
fn github_escapes_hostile_file_names_and_messages() {
    // A file name with `,` and `:` would end the property early; `%` and newlines in a
    // message would end the command.
    let site = TestSite::new();
    site.write(
        "data/observations/a,b:c%.csv",
        "region,metric,period,value,source,note\n64.01,cakupan,2024,50,sumber%0A::error::x,\n",
    );
    let diags = site.build_err();
    let d = find(&diags, "unknown source");
    let line = github_line(d, Path::new("."));
    assert!(
        line.starts_with("::error file=data/observations/a%2Cb%3Ac%25.csv,line=2,col="),
        "{line}"
    );
    assert!(line.contains("title=CK110::"), "{line}");
    assert!(line.contains("sumber%250A::error::x"), "{line}");
    assert!(!line.contains('\n'));
}

#[test]
fn text_output_is_unchanged() {
    let site = site_with_rows(&["64.0l,cakupan,2024,50,bpjstk-2024,"]);
    let o = run(site.root(), &["check"]);
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with(&format!(
            "error: {EXTRA}:2:1: unknown region `64.0l`\n  hint: "
        )),
        "{err}"
    );
    assert!(!err.contains("CK101"));
}

#[test]
fn codes_are_stable_for_common_errors() {
    let site = site_with_rows(&[
        "64.0l,cakupan,2024,50,bpjstk-2024,",      // unknown region
        "64.01,cakupn,2024,50,bpjstk-2024,",       // unknown metric
        "64.01,cakupan,s.d. 2024,50,bpjstk-2024,", // malformed period
        "64.01,cakupan,2022,lima,bpjstk-2024,",    // not a number
        "64.01,cakupan,2021,50,bpjstk-2042,",      // unknown source
        "64.74,cakupan,2024,82,bpjstk-2024,",      // duplicate of kepesertaan.csv
    ]);
    site.write(
        "data/sources.toml",
        &format!("{}\n[baru]\ntitel = \"x\"\n", SOURCES_TOML),
    );
    let diags = site.build_err();
    let code = |needle: &str| find(&diags, needle).code();
    // The TOML error stops data/sources.toml; the figures are still checked.
    assert_eq!(code("unknown field"), "CK004");
    assert_eq!(code("unknown region `64.0l`"), "CK101");
    assert_eq!(code("unknown metric `cakupn`"), "CK102");
    assert_eq!(code("malformed period"), "CK104");
    assert_eq!(code("`lima`"), "CK106");
    assert_eq!(code("duplicate figure"), "CK109");
    assert!(
        diags.iter().all(|d| d.code() != "CK000"),
        "{}",
        render(&diags)
    );
}

#[test]
fn json_of_hostile_text_round_trips() {
    let site = site_with_rows(&["\"64\u{0}\\\"</x>\",cakupan,2024,50,bpjstk-2024,"]);
    let diags = site.build_err();
    let doc: serde_json::Value = serde_json::from_str(&to_json(&diags, &[])).unwrap();
    assert_eq!(
        doc["errors"][0]["message"].as_str().unwrap(),
        diags[0].message
    );
}

#[test]
fn every_code_is_documented_in_the_readme() {
    let readme = std::fs::read_to_string(example_root().join("README.md")).unwrap();
    for c in CODES {
        let row = format!("| `{}` | `{}` |", c.code, c.name);
        assert!(readme.contains(&row), "README lacks the row `{row}`");
    }
    assert!(readme.contains("| `CK000` | `other` |"));
    assert_eq!(code_for("a message nobody has written yet").code, "CK000");
}
