//! Messages in the site's language: real sites broken in known ways, run through the real
//! binary, their stderr read line by line; and a gate that every message the source can emit
//! has an Indonesian wording in src/messages.rs.

mod common;

use cakupan::messages::{self, Lang, CATALOGUE, PASSTHROUGH};
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
        .args(args)
        .arg("--site")
        .arg(site)
        .output()
        .expect("run cakupan")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// `64.0l` (a lower-case L for the digit 1) on line 2, column 1 of tambahan.csv.
fn unknown_region_site() -> TestSite {
    site_with_rows(&["64.0l,cakupan,2024,50,bpjstk-2024,"])
}

const ID_ERROR: &str = "kesalahan: data/observations/tambahan.csv:2:1: wilayah `64.0l` tidak dikenal\n  saran: maksud Anda `64.01`? (wilayah tercantum di data/regions.csv)\n";
const EN_ERROR: &str = "error: data/observations/tambahan.csv:2:1: unknown region `64.0l`\n  hint: did you mean `64.01`? (regions are listed in data/regions.csv)\n";

#[test]
fn indonesian_site_prints_the_unknown_region_in_indonesian_at_the_same_place() {
    let site = unknown_region_site();
    let o = run(site.root(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with(ID_ERROR), "{err}");
    assert!(
        err.ends_with("1 kesalahan; tidak ada yang ditulis\n"),
        "{err}"
    );
    assert!(!err.contains("error"), "English left in: {err}");
    // build says the same, and writes nothing.
    let o = run(site.root(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with(ID_ERROR), "{}", stderr(&o));
    assert!(!site.out().join("index.html").exists());
}

#[test]
fn lang_en_overrides_an_indonesian_site() {
    let site = unknown_region_site();
    for args in [
        &["check", "--lang", "en"][..],
        &["--lang", "en", "check"][..],
    ] {
        let o = run(site.root(), args);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert_eq!(err, format!("{EN_ERROR}1 error(s); nothing was written\n"));
    }
}

#[test]
fn english_site_prints_english_and_lang_id_overrides_it() {
    let site = unknown_region_site();
    site.replace("site.toml", "language = \"id\"", "language = \"en\"");
    let o = run(site.root(), &["check"]);
    assert_eq!(
        stderr(&o),
        format!("{EN_ERROR}1 error(s); nothing was written\n")
    );
    let o = run(site.root(), &["check", "--lang", "id"]);
    assert!(stderr(&o).starts_with(ID_ERROR), "{}", stderr(&o));
}

#[test]
fn unreadable_site_toml_defaults_to_indonesian() {
    let site = unknown_region_site();
    std::fs::remove_file(site.root().join("site.toml")).unwrap();
    let o = run(site.root(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("kesalahan: site.toml"), "{err}");
    assert!(err.contains(": tidak ada site.toml di "), "{err}");
    assert!(
        err.contains(
            "  saran: jalankan perintah ini di folder situs, atau berikan --site <folder>"
        ),
        "{err}"
    );
}

#[test]
fn bad_lang_is_refused() {
    let site = TestSite::new();
    let o = run(site.root(), &["check", "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown language `fr`"),
        "{}",
        stderr(&o)
    );
}

/// 4039 for a percentage: outside the plausible range, and a tenfold jump from 75.
fn typo_site() -> TestSite {
    site_with_rows(&["64.72,cakupan,2025-05,4039,berita-2025,"])
}

#[test]
fn warnings_and_summary_lines_are_indonesian() {
    let site = typo_site();
    let o = run(site.root(), &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("peringatan: data/observations/tambahan.csv:2:23: nilai 4.039% untuk `cakupan` di luar rentang wajar 0-100%\n"),
        "{err}"
    );
    assert!(
        err.contains("  saran: periksa nilainya, mungkin ada salah ketik seperti tanda desimal yang hilang; cakupan di atas 100% biasanya berarti penyebutnya hanya perkiraan; jika nilai seperti itu memang nyata, atur range = [lo, hi] untuk `cakupan` di data/metrics.toml\n"),
        "{err}"
    );
    assert!(
        err.contains("`cakupan` naik dari 75% (2024) menjadi 4.039% (2025-05), sekitar "),
        "{err}"
    );
    assert!(!err.contains("warning"), "{err}");
    let out = stdout(&o);
    assert!(out.starts_with("selesai: "), "{out}");
    assert!(out.contains(" halaman, "), "{out}");
    assert!(out.trim_end().ends_with(", 2 peringatan"), "{out}");

    let o = run(site.root(), &["check"]);
    let out = stdout(&o);
    assert!(
        out.starts_with("lolos pemeriksaan: 3 wilayah, 5 metrik, 2 sumber, "),
        "{out}"
    );
    assert!(out.trim_end().ends_with(", 2 peringatan"), "{out}");

    let o = run(site.root(), &["check", "--lang", "en"]);
    assert!(
        stdout(&o).starts_with("ok: 3 regions, 5 metrics"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("warning: data/observations/tambahan.csv:2:23: value 4.039%"));
}

#[test]
fn strict_stop_is_indonesian() {
    let site = typo_site();
    let o = run(site.root(), &["check", "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.ends_with("2 peringatan dianggap kesalahan (--strict); tidak ada yang ditulis\n"),
        "{err}"
    );
}

#[test]
fn codes_are_the_same_in_both_languages() {
    let site = site_with_rows(&[
        "64.0l,cakupan,2024,50,bpjstk-2024,",
        "64.01,cakupan,2024,abc,bpjstk-2024,",
        "64.01,cakupan,2024,50,tidak-ada,",
    ]);
    let mut codes = Vec::new();
    for lang in ["id", "en"] {
        let o = run(site.root(), &["check", "--format", "json", "--lang", lang]);
        assert_eq!(o.status.code(), Some(1));
        let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let errors = doc["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 3);
        // `message` stays English for scripts; `message_id` is the Indonesian wording.
        assert_eq!(errors[0]["message"], "unknown region `64.0l`");
        assert_eq!(errors[0]["message_id"], "wilayah `64.0l` tidak dikenal");
        assert_eq!(
            errors[0]["hint_id"],
            "maksud Anda `64.01`? (wilayah tercantum di data/regions.csv)"
        );
        // The loader joins the number format's two examples with "or": a nested part.
        assert_eq!(
            errors[1]["hint_id"],
            "tulis bilangan dalam format \"plain\", misalnya 1976447 atau 70.86, tanpa satuan atau kata"
        );
        codes.push(
            errors
                .iter()
                .map(|e| e["code"].as_str().unwrap().to_string())
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(codes[0], ["CK101", "CK106", "CK110"]);
    assert_eq!(codes[0], codes[1]);

    // GitHub annotations are read by people: translated, with the same place and code.
    let id = stdout(&run(site.root(), &["check", "--format", "github"]));
    let en = stdout(&run(
        site.root(),
        &["check", "--format", "github", "--lang", "en"],
    ));
    assert!(id.contains("/tambahan.csv,line=2,col=1,title=CK101::wilayah `64.0l` tidak dikenal%0Asaran: maksud Anda `64.01`?"), "{id}");
    assert!(en.contains("/tambahan.csv,line=2,col=1,title=CK101::unknown region `64.0l`%0Ahint: did you mean `64.01`?"), "{en}");
    let titles = |s: &str| {
        s.lines()
            .map(|l| l.split("::").nth(1).unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&id), titles(&en));
}

#[test]
fn hints_and_nested_parts_are_translated() {
    let t = |m: &str| messages::translate(m, None, Lang::Id).0;
    assert_eq!(t("unknown region `64.99`"), "wilayah `64.99` tidak dikenal");
    assert_eq!(
        messages::translate(
            "unknown region `64.99`",
            Some("did you mean `64.09`? (regions are listed in data/regions.csv)"),
            Lang::Id
        )
        .1
        .as_deref(),
        Some("maksud Anda `64.09`? (wilayah tercantum di data/regions.csv)")
    );
    assert_eq!(
        t("no region with a similar name exists (regions are listed in data/regions.csv)"),
        "tidak ada wilayah dengan nama yang mirip (wilayah tercantum di data/regions.csv)"
    );
    // A nested message behind a prefix.
    assert_eq!(
        t("source `bps`: the url is empty"),
        "sumber `bps`: url kosong"
    );
    // Ids captured from the message are never translated, even when they are English words.
    assert_eq!(
        t("unknown metric `region`"),
        "metrik `region` tidak dikenal"
    );
    // Unknown shapes pass through unchanged, and English is always unchanged.
    assert_eq!(t("something new happened"), "something new happened");
    assert_eq!(
        messages::translate("unknown region `x`", Some("h"), Lang::En),
        ("unknown region `x`".to_string(), Some("h".to_string()))
    );
}

#[test]
fn capped_list_line_is_indonesian() {
    assert_eq!(
        messages::more_line(7, 50, 200, Lang::Id),
        "... dan 7 lagi (paling banyak 50 per berkas dan 200 seluruhnya yang ditampilkan; perbaiki yang ini lalu jalankan lagi)"
    );
    let site = TestSite::new();
    let mut text = String::from("region,metric,period,value,source,note\n");
    for _ in 0..60 {
        text.push_str("64.99,cakupan,2024,50,bpjstk-2024,\n");
    }
    site.write(EXTRA, &text);
    let err = stderr(&run(site.root(), &["check"]));
    assert!(
        err.contains("\n... dan 10 lagi (paling banyak 50 per berkas"),
        "{err}"
    );
    assert!(
        err.ends_with("60 kesalahan; tidak ada yang ditulis\n"),
        "{err}"
    );
}

// Coverage gate ------------------------------------------------------------------------------

/// A message literal found in the source: where, and its shape (`{...}` holes as `{}`).
struct Literal {
    place: String,
    shape: String,
    /// Appended to a message or hint (`push_str`): covered when part of a catalogue shape.
    fragment: bool,
}

/// The Rust string literals in `code` (plain `"..."` only), unescaped.
fn literals(code: &str) -> Vec<String> {
    let b: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            '\'' if i + 2 < b.len() && b[i + 2] == '\'' => i += 3,
            '\'' if i + 3 < b.len() && b[i + 1] == '\\' && b[i + 3] == '\'' => i += 4,
            '"' => {
                let mut s = String::new();
                i += 1;
                while i < b.len() && b[i] != '"' {
                    if b[i] == '\\' && i + 1 < b.len() {
                        i += 1;
                        match b[i] {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            '\n' => {
                                while i + 1 < b.len() && b[i + 1].is_whitespace() {
                                    i += 1;
                                }
                            }
                            c => s.push(c),
                        }
                    } else {
                        s.push(b[i]);
                    }
                    i += 1;
                }
                out.push(s);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The text of a call's arguments from just after its `(` to the matching `)`, skipping
/// parentheses inside strings and character literals.
fn call_args(code: &str) -> &str {
    let b = code.as_bytes();
    let (mut depth, mut i) = (1, 0);
    while i < b.len() && depth > 0 {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'\'' if i + 2 < b.len() && b[i + 2] == b'\'' => i += 2,
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    &code[..i.min(code.len())]
}

/// The expression of a struct field, up to the `,` or `}` that ends it.
fn field_expr(code: &str) -> &str {
    let b = code.as_bytes();
    let (mut depth, mut i) = (0i32, 0);
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => break,
            b')' | b']' | b'}' => depth -= 1,
            b',' | b';' if depth == 0 => break,
            _ => {}
        }
        i += 1;
    }
    &code[..i.min(code.len())]
}

/// `{x}`, `{:?}`, `{}` become `{}`; `{{` and `}}` stay (the catalogue writes shapes that way).
fn shape(s: &str) -> String {
    let c: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < c.len() {
        if (c[i] == '{' || c[i] == '}') && c.get(i + 1) == Some(&c[i]) {
            out.push(c[i]);
            out.push(c[i]);
            i += 2;
        } else if c[i] == '{' {
            while i < c.len() && c[i] != '}' {
                i += 1;
            }
            out.push_str("{}");
            i += 1;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn source_literals() -> Vec<Literal> {
    let mut found = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        // The catalogue itself (src/messages.rs or the src/messages/ folder) is not scanned.
        let catalogue = path.ends_with("messages.rs") || path.starts_with(src.join("messages"));
        if path.extension().is_none_or(|e| e != "rs") || catalogue {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        // Test modules build messages of their own to test against.
        let text = text.split("#[cfg(test)]").next().unwrap();
        let rel = path.strip_prefix(&src).unwrap().display().to_string();
        for (needle, fragment) in [
            (".error_hint(", false),
            (".error(", false),
            (".warn(", false),
            ("hint.push_str(", true),
            ("h.push_str(", true),
            // Problems the render modules build as values (charts, value(), calls).
            ("err(", false),
            ("message: ", false),
            ("hint: ", false),
        ] {
            for (at, _) in text.match_indices(needle) {
                // `err(` is the render modules' helper; not `map_err(` or `.err(`.
                let before = text[..at].chars().next_back().unwrap_or(' ');
                if needle == "err(" && (before.is_alphanumeric() || "_.".contains(before)) {
                    continue;
                }
                // Struct fields named message/hint elsewhere are not problems: the
                // diagnostics module's own types, the page texts of i18n.rs.
                let own = rel.starts_with("diagnostics") || rel.ends_with("i18n.rs");
                if own && !needle.starts_with('.') {
                    continue;
                }
                let rest = &text[at + needle.len()..];
                let args = if needle.ends_with('(') {
                    call_args(rest)
                } else {
                    field_expr(rest)
                };
                let line = text[..at].matches('\n').count() + 1;
                for l in literals(args) {
                    found.push(Literal {
                        place: format!("src/{rel}:{line}"),
                        shape: shape(&l),
                        fragment,
                    });
                }
            }
        }
    }
    found
}

#[test]
fn every_message_in_the_source_has_an_indonesian_wording() {
    let found = source_literals();
    assert!(found.len() > 250, "the scan found only {}", found.len());
    let mut missing = Vec::new();
    let (mut covered, mut passed) = (0, 0);
    for l in &found {
        let exact = CATALOGUE.iter().any(|(en, _)| *en == l.shape);
        // A literal that starts with a separator is joined to another part, whatever builds it.
        let joined = l.fragment || ["; ", " (", ", "].iter().any(|p| l.shape.starts_with(p));
        let part = joined && CATALOGUE.iter().any(|(en, _)| en.contains(l.shape.trim()));
        if exact || part {
            covered += 1;
        } else if PASSTHROUGH.iter().any(|(p, _)| *p == l.shape) {
            passed += 1;
        } else {
            missing.push(format!("{}: {:?}", l.place, l.shape));
        }
    }
    eprintln!(
        "{} literals: {covered} in the catalogue, {passed} passthrough",
        found.len()
    );
    assert!(
        missing.is_empty(),
        "{} message literal(s) without an Indonesian wording in src/messages.rs:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn catalogue_is_well_formed() {
    let mut seen = std::collections::BTreeSet::new();
    let holes = |s: &str| shape(s).matches("{}").count();
    // The library shapes keep the same rules as the project's own.
    for (en, id) in CATALOGUE.iter().chain(messages::LIBRARY) {
        assert!(seen.insert(*en), "`{en}` twice");
        assert_ne!(en, id, "`{en}` is not translated");
        // Every captured part (an id, a value, a place) reappears in the Indonesian wording.
        let numbered = (0..10).any(|n| id.contains(&format!("{{{n}}}")));
        if !numbered {
            assert_eq!(holes(en), holes(id), "`{en}` -> `{id}`");
        }
        // No English left over in common words.
        for word in [" the ", " is ", " not ", " and ", " with "] {
            assert!(!id.contains(word), "`{id}` contains `{word}`");
        }
    }
    for (p, why) in PASSTHROUGH {
        assert!(!why.is_empty(), "passthrough `{p}` needs a reason");
    }
}

#[test]
fn chart_call_errors_in_a_text_are_indonesian() {
    let site = TestSite::new();
    site.write(
        "content/metodologi.md",
        "+++\ntitle = \"Metodologi\"\n+++\n\n{{ chart(type=\"batang\", metric=\"cakupan\") }}\n",
    );
    let o = run(site.root(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("kesalahan: content/metodologi.md:5:"), "{err}");
    assert!(
        err.contains(": jenis grafik `batang` tidak dikenal\n"),
        "{err}"
    );
    assert!(err.contains("  saran: "), "{err}");
    assert!(err.contains("; jenis: ranking, "), "{err}");
}

/// Every kind of thing a "did you mean" hint names (`suggest("word", ...)`) has an Indonesian
/// word: the hint of an unknown word-table key once read "tidak ada word dengan nama yang mirip".
#[test]
fn every_suggested_kind_is_said_in_indonesian() {
    let mut kinds = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (i, _) in text.match_indices("suggest(\n") {
            let rest = text[i + 9..].trim_start();
            if let Some(lit) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) {
                kinds.insert(lit.to_string());
            }
        }
        for (i, _) in text.match_indices("suggest(\"") {
            if let Some(lit) = text[i + 9..].split('"').next() {
                kinds.insert(lit.to_string());
            }
        }
    }
    kinds.remove("metric"); // the test of suggest itself uses it too; it is in WORDS anyway
    assert!(kinds.len() >= 5, "{kinds:?}");
    for what in kinds.iter().chain(["metric".to_string()].iter()) {
        let (id, _) = messages::translate(
            &format!("no {what} with a similar name exists"),
            None,
            Lang::Id,
        );
        assert!(
            id.starts_with("tidak ada ") && !id.contains(&format!(" {what} ")),
            "{what}: {id}"
        );
    }
}
