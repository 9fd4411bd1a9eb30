//! Text that comes from the libraries (toml's parse errors, serde's field and type errors,
//! csv's record errors, calamine's workbook errors, UTF-8 errors) reads in Indonesian inside an
//! Indonesian message, and stays as the library wrote it in English. Real broken sites, run
//! through the real binary; csv's record error, which the site's own reader cannot produce
//! (it reads ragged rows itself), comes from the csv crate and goes through the catalogue.

mod common;

use cakupan::messages::{translate, Lang};
use common::*;
use std::process::Command;

/// `cakupan check` on the site: its stderr, in the site's language or `--lang en`.
fn check(site: &TestSite, en: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cakupan"));
    cmd.arg("check").arg("--site").arg(site.root());
    if en {
        cmd.args(["--lang", "en"]);
    }
    let o = cmd.output().expect("run cakupan");
    assert_eq!(o.status.code(), Some(1), "the check must fail");
    String::from_utf8(o.stderr).unwrap()
}

/// English a library writes, which must not be left in an Indonesian message.
const ENGLISH: &[&str] = &[
    "expected",
    "found",
    "invalid",
    "missing",
    "unknown",
    "duplicate",
    "unexpected",
    "error",
    "field",
    "key with",
    "string",
    "must be",
    "check the",
    "add the",
    "newline",
    "Could not",
];

fn no_english(text: &str) {
    for w in ENGLISH {
        assert!(!text.contains(w), "English `{w}` left in:\n{text}");
    }
}

/// Breaks one thing of the minimal site, checks it in Indonesian (the site's language) and in
/// English, and requires each wording.
fn case(break_it: impl Fn(&TestSite), id: &[&str], en: &[&str]) {
    let site = TestSite::new();
    break_it(&site);
    let out = check(&site, false);
    for want in id {
        assert!(out.contains(want), "`{want}` not in:\n{out}");
    }
    no_english(&out);
    let out = check(&site, true);
    for want in en {
        assert!(out.contains(want), "`{want}` not in:\n{out}");
    }
}

#[test]
fn toml_parse_errors() {
    // expected `=`
    case(
        |s| {
            s.replace(
                "site.toml",
                "title = \"Cakupan Uji\"",
                "title \"Cakupan Uji\"",
            )
        },
        &["site.toml:1:7: TOML tidak sah: kunci tanpa nilai; seharusnya `=`"],
        &["site.toml:1:7: invalid TOML: key with no value, expected `=`"],
    );
    // invalid string (a value without quotes)
    case(
        |s| s.replace("site.toml", "title = \"Cakupan Uji\"", "title = Cakupan Uji"),
        &[
            "TOML tidak sah: nilai teks harus diberi tanda kutip; seharusnya teks dalam tanda kutip",
            "saran: nilai teks perlu tanda kutip ganda, misalnya title = \"Kota Bontang\"",
        ],
        &["invalid TOML: string values must be quoted, expected literal string"],
    );
    // a string left open
    case(
        |s| {
            s.replace(
                "site.toml",
                "title = \"Cakupan Uji\"",
                "title = \"Cakupan Uji",
            )
        },
        &["TOML tidak sah: teks dalam tanda kutip ganda tidak sah; seharusnya `\"`"],
        &["invalid TOML: invalid basic string, expected `\"`"],
    );
    // duplicate key
    case(
        |s| s.write("site.toml", &format!("{SITE_TOML}language = \"en\"\n")),
        &["TOML tidak sah: kunci ini sudah ditulis sebelumnya (kunci ganda)"],
        &["invalid TOML: duplicate key"],
    );
    // unexpected character after a value
    case(
        |s| s.replace("site.toml", "title = \"Cakupan Uji\"", "title = \"Cakupan Uji\" x"),
        &["TOML tidak sah: ada kunci atau nilai yang tidak pada tempatnya; seharusnya akhir baris, `#`"],
        &["invalid TOML: unexpected key or value, expected newline, `#`"],
    );
    // a date that is no date
    case(
        |s| {
            s.replace(
                "content/metodologi.md",
                "date = \"2025-08-05\"",
                "date = 2025-13-05",
            )
        },
        &["content/metodologi.md:3:8: TOML tidak sah: tanggal tidak sah; seharusnya bulan antara 01 dan 12"],
        &["invalid TOML: invalid date, expected month between 01 and 12"],
    );
}

#[test]
fn serde_field_and_type_errors() {
    // unknown field
    case(
        |s| s.replace("content/metodologi.md", "title = ", "titel = "),
        &[
            "TOML tidak sah: kunci `titel` tidak dikenal; seharusnya salah satu dari `title`, `date`",
            "saran: periksa ejaan kuncinya",
        ],
        &["invalid TOML: unknown field `titel`, expected one of `title`, `date`"],
    );
    // missing field
    case(
        |s| s.replace("content/metodologi.md", "title = \"Metodologi\"\n", ""),
        &[
            "TOML tidak sah: kunci `title` belum ada",
            "saran: tambahkan kunci yang belum ada ke tabel ini",
        ],
        &["invalid TOML: missing field `title`"],
    );
    // invalid type
    case(
        |s| s.replace("content/metodologi.md", "weight = 1", "weight = \"1\""),
        &[
            "TOML tidak sah: seharusnya bilangan bulat, tetapi tertulis teks dalam tanda kutip ganda",
            "saran: tulis angkanya tanpa tanda kutip atau satuan",
        ],
        &["invalid TOML: expected a whole number, found text in double quotes"],
    );
}

#[test]
fn workbook_and_encoding_errors() {
    // A file named .xlsx that is no workbook (cut short, as a failed download leaves it).
    case(
        |s| {
            s.write_bytes(
                "data/observations/rusak.xlsx",
                b"PK\x03\x04 bukan buku kerja",
            )
        },
        &["buku kerja tidak bisa dibaca: kesalahan Xlsx: kesalahan Zip: arsip Zip tidak sah"],
        &["cannot read the workbook: Xlsx error: Zip error: invalid Zip archive"],
    );
    // Windows-1252 in a page.
    case(
        |s| {
            s.write_bytes(
                "content/metodologi.md",
                b"+++\ntitle = \"Metodologi\"\n+++\n\nCara menghitung \xe9 cakupan.\n",
            )
        },
        &["berkas ini bukan teks UTF-8"],
        &["the file is not UTF-8 text"],
    );
}

/// The message csv's own record check gives (a row with more fields than the header), inside
/// the loader's "cannot read CSV: {}".
#[test]
fn csv_record_errors() {
    let mut reader = csv::Reader::from_reader("region,value\n64.01,5,6\n".as_bytes());
    let e = reader
        .records()
        .find_map(Result::err)
        .expect("a ragged row is an error for a strict reader");
    let message = format!("cannot read CSV: {e}");
    assert!(message.contains("found record with 3 fields"), "{message}");
    let (id, _) = translate(&message, None, Lang::Id);
    assert_eq!(
        id,
        "CSV tidak dapat dibaca: kesalahan CSV pada catatan 1 (baris 2, bita 13): baris ini punya 3 kolom, padahal baris sebelumnya 2 kolom"
    );
    no_english(&id);
    // UTF-8 text of std inside the same shape.
    let bad = String::from_utf8(vec![b'a', 0xff])
        .unwrap_err()
        .utf8_error();
    let (id, _) = translate(&format!("cannot read CSV: {bad}"), None, Lang::Id);
    assert_eq!(
        id,
        "CSV tidak dapat dibaca: urutan UTF-8 tidak sah (1 bita mulai dari indeks 1)"
    );
    assert_eq!(translate(&message, None, Lang::En).0, message);
}
