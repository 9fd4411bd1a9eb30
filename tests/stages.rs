//! The load stage reads and validates every input before anything renders: word tables,
//! templates, static files and assessment rounds are refused together, by `check` as by
//! `build`, and a site can change the theme's words key by key.

mod common;
use common::*;

#[test]
fn a_site_overrides_words_of_its_language_key_by_key() {
    let site = TestSite::new();
    site.write(
        "i18n/id.toml",
        "[page]\nhome = \"Halaman Utama\"\n\n[text]\nunchanged = \"sama saja\"\n",
    );
    site.build_ok();
    let home = site.output("index.html");
    assert!(home.contains(">Halaman Utama</a>"), "nav uses the override");
    // Words not overridden keep the theme's: the skip link of base.html.
    assert!(
        home.contains("Langsung ke isi"),
        "other words stay built-in"
    );
    // An English word table of the same site is not read for an Indonesian site.
    site.write("i18n/en.toml", "[page]\nhome = \"Front\"\nnot_a_word = 1\n");
    site.build_ok();
}

#[test]
fn unknown_words_and_sections_are_errors_at_their_line() {
    let site = TestSite::new();
    site.write(
        "i18n/id.toml",
        "[page]\nhome = \"Halaman Utama\"\nhomee = \"x\"\nrank = 3\n\n[pages]\nhome = \"y\"\n",
    );
    let errs = site.build_err();
    let d = find(&errs, "unknown word `homee`");
    assert_at(d, "i18n/id.toml", 3, 1);
    assert!(hint(d).contains("`home`"), "did-you-mean: {}", hint(d));
    let d = find(&errs, "word `rank` must be text");
    assert_eq!(d.location.line, 4);
    let d = find(&errs, "unknown section `[pages]`");
    assert_eq!(d.location.line, 6);
    assert!(!site.out().exists(), "nothing written");
}

#[test]
fn inputs_that_fail_after_the_data_loaded_are_reported_in_one_run() {
    let site = TestSite::new();
    // A broken template, an unpublishable static file name and a bad word table: three
    // loaders that ran at three different stages before; now one run reports all three.
    site.write("templates/page.html", "{% if %}\n");
    site.write("static/a:b.css", "body{}");
    site.write("i18n/id.toml", "[page]\nnope = \"x\"\n");
    let errs = site.build_err();
    let text = render(&errs);
    assert!(text.contains("templates/page.html"), "{text}");
    assert!(text.contains("static/a:b.css"), "{text}");
    assert!(text.contains("i18n/id.toml"), "{text}");
}
