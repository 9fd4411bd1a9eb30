//! Fuzzing harness that runs on stable Rust in CI (proptest): random and mutated CSV rows,
//! TOML files, front matter and markdown with chart/value calls are built as real sites.
//!
//! Properties, for every input: the build never panics; it either succeeds or reports at least
//! one error; no built page holds a script or a script link; every error points at a file of the site (a relative path) with a message and
//! a hint-or-message a user can read; nothing is written outside the output folder; and a
//! failed build leaves the previously published output byte for byte as it was.
//!
//! The committed corpus (`tests/fuzz-corpus/<target>/*`) holds hostile inputs found by hand
//! and by earlier runs; every file is replayed on each run and used as a seed for mutation.
//!
//! Short run (CI, a few seconds): `cargo test --test fuzz`.
//! Longer run: `FUZZ_CASES=20000 cargo test --release --test fuzz -- --nocapture`.

mod common;

use common::*;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

/// Which file of the site an input replaces.
#[derive(Debug, Clone, Copy)]
enum Target {
    Csv,
    Regions,
    Metrics,
    Sources,
    FrontMatter,
    Markdown,
}

impl Target {
    fn corpus(self) -> &'static str {
        match self {
            Target::Csv => "csv",
            Target::Regions => "regions",
            Target::Metrics => "metrics",
            Target::Sources => "sources",
            Target::FrontMatter => "front-matter",
            Target::Markdown => "markdown",
        }
    }

    fn rel(self) -> &'static str {
        match self {
            Target::Csv => "data/observations/fuzz.csv",
            Target::Regions => "data/regions.csv",
            Target::Metrics => "data/metrics.toml",
            Target::Sources => "data/sources.toml",
            Target::FrontMatter | Target::Markdown => "content/fuzz.md",
        }
    }

    /// A valid input of the target, mutated by the fuzzer.
    fn seed(self) -> String {
        match self {
            Target::Csv => "region,metric,period,value,source,note\n64.74,cakupan,2023,80,bpjstk-2024,\n64.72,peserta_aktif,2023,1000,berita-2025,catatan\n".into(),
            Target::Regions => REGIONS_CSV.into(),
            Target::Metrics => METRICS_TOML.into(),
            Target::Sources => SOURCES_TOML.into(),
            Target::FrontMatter => "+++\ntitle = \"Uji\"\ndate = 2025-08-05\nregion = \"64.72\"\nweight = 2\n+++\nTeks.\n".into(),
            Target::Markdown => "+++\ntitle = \"Uji\"\n+++\n\nSamarinda {{ value(region=\"64.72\", metric=\"cakupan\") }}.\n\n{{ chart(type=\"ranking\", metric=\"cakupan\", period=\"2024\") }}\n\n[tautan](https://example.org) dan ![gambar](/a.png)\n".into(),
        }
    }
}

const TARGETS: [Target; 6] = [
    Target::Csv,
    Target::Regions,
    Target::Metrics,
    Target::Sources,
    Target::FrontMatter,
    Target::Markdown,
];

/// Fragments that break parsers, links and paths: mixed into seeds by the mutator.
const NASTY: &[&str] = &[
    "\"",
    ",",
    ";",
    "\n",
    "\r\n",
    "\t",
    "\u{feff}",
    "\0",
    "+++",
    "{{",
    "}}",
    "{%",
    "%}",
    "{{ chart(type=\"rankng\") }}",
    "{{ value(region=\"64.99\", metric=\"x\") }}",
    "{{ chart(type=\"trend\", metric=\"cakupan\", region=\"64.72\") }}",
    "javascript:alert(1)",
    "&#x6A;avascript:",
    "data:text/html;base64,PHNjcmlwdD4=",
    "<script>alert(1)</script>",
    "..\\..\\x",
    "/etc/passwd",
    "../../",
    "2204",
    "0000",
    "9999-99",
    "303.424",
    "1.976.447",
    "70,86",
    "-1",
    "1e309",
    "nan",
    "inf",
    "99999999999999999999",
    "=HYPERLINK(\"x\")",
    "ä",
    "𝔘",
    "\u{202e}",
    "[x]: javascript:y",
    "<javascript:x>",
    "date = 2025-13-45",
    "[a]\nb = 1",
    "= 1",
    "]]",
    "[[criteria]]",
];

fn corpus_dir(target: Target) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(target.corpus())
}

fn corpus(target: Target) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(corpus_dir(target))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// The site with one published build, then `bytes` as `target`'s file, built again.
fn run(target: Target, bytes: &[u8]) -> Result<(), TestCaseError> {
    let site = TestSite::new();
    site.write("site.toml", &format!("{SITE_TOML}chart_png = false\n"));
    let first = site.build();
    prop_assert!(first.is_ok(), "the base site must build: {:?}", first.err());
    let before = snapshot(&site.out());
    site.write_bytes(target.rel(), bytes);
    let inputs_before = inputs(site.root());
    let result = std::panic::catch_unwind(|| site.build());
    let result = match result {
        Ok(r) => r,
        Err(_) => return Err(TestCaseError::fail("the build panicked")),
    };
    let built = result.is_ok();
    match result {
        Ok(summary) => {
            prop_assert!(summary.pages > 0);
            for (path, bytes) in snapshot(&site.out()) {
                if path.extension().is_some_and(|e| e == "html" || e == "svg") {
                    let text = String::from_utf8_lossy(&bytes).to_lowercase();
                    for bad in [
                        "href=\"javascript:",
                        "src=\"javascript:",
                        "href=\"data:",
                        "href=\"vbscript:",
                        "<script",
                    ] {
                        prop_assert!(!text.contains(bad), "{} holds {bad}", path.display());
                    }
                }
            }
            for w in &summary.warnings {
                prop_assert!(w.location.file.is_relative(), "{w}");
            }
        }
        Err(errors) => {
            prop_assert!(!errors.is_empty());
            for e in &errors {
                prop_assert!(!e.message.trim().is_empty(), "empty message: {e:?}");
                prop_assert!(
                    e.location.file.is_relative() && !e.location.file.as_os_str().is_empty(),
                    "error not at a site file: {e}"
                );
            }
            prop_assert!(
                snapshot(&site.out()) == before,
                "a failed build changed the published output"
            );
        }
    }
    // Nothing written in the site outside its output folder (no staging, lock or stray file
    // left behind, no input touched). A build that succeeds may add to its build cache beside
    // the output: a mutated label brings new characters, so new font subsets (`.cakupan-cache/
    // fonts`, src/buildcache.rs); a failed build touches nothing at all.
    let cache = |files: Vec<(PathBuf, Vec<u8>)>| -> Vec<(PathBuf, Vec<u8>)> {
        files
            .into_iter()
            .filter(|(p, _)| {
                !built
                    || !(p.starts_with(".cakupan-cache/fonts")
                        || p.starts_with(".cakupan-cache/png"))
            })
            .collect()
    };
    prop_assert_eq!(cache(inputs(site.root())), cache(inputs_before));
    Ok(())
}

/// Every file of the site outside `public/`, with its bytes. The previous output kept as the
/// next build's staging tree (`.cakupan-cache/staging-public`, src/write/staging.rs) belongs to
/// the output, not to the inputs; tests/output_reuse.rs checks it.
fn inputs(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    snapshot(root)
        .into_iter()
        .filter(|(p, _)| {
            !p.starts_with("public")
                && !p.starts_with(".cakupan-cache/staging-public")
                && !p.starts_with(".cakupan-cache/staging-public.id")
        })
        .collect()
}

/// Inserts, deletes and replaces at random places, with fragments from [`NASTY`].
fn mutate(seed: &str, edits: &[(usize, usize, usize)]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for &(pos, kind, pick) in edits {
        let at = if chars.is_empty() {
            0
        } else {
            pos % (chars.len() + 1)
        };
        match kind % 3 {
            0 => {
                let frag: Vec<char> = NASTY[pick % NASTY.len()].chars().collect();
                chars.splice(at..at, frag);
            }
            1 => {
                let end = (at + 1 + pick % 8).min(chars.len());
                if at < end {
                    chars.drain(at..end);
                }
            }
            _ => {
                if at < chars.len() {
                    chars[at] = ['0', '.', ',', '"', '\n', '=', '[', 'x'][pick % 8];
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn committed_corpus_replays_cleanly() {
    let mut replayed = 0;
    for target in TARGETS {
        for (path, bytes) in corpus(target) {
            run(target, &bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            replayed += 1;
        }
    }
    assert!(replayed >= 12, "corpus too small: {replayed}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_inputs_never_panic_or_escape(
        which in 0usize..TARGETS.len(),
        from_corpus in any::<bool>(),
        corpus_pick in any::<usize>(),
        edits in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 1..8),
    ) {
        let target = TARGETS[which];
        let files = corpus(target);
        let seed = if from_corpus && !files.is_empty() {
            String::from_utf8_lossy(&files[corpus_pick % files.len()].1).into_owned()
        } else {
            target.seed()
        };
        run(target, mutate(&seed, &edits).as_bytes())?;
    }

    #[test]
    fn random_bytes_never_panic(which in 0usize..TARGETS.len(), bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        run(TARGETS[which], &bytes)?;
    }
}

/// Found by the proptest above (CI, session 19): a metric label mutated to new characters
/// builds, and the build adds font subsets to its cache. That is the cache doing its job, not
/// a stray write; the inputs themselves stay untouched.
#[test]
fn a_build_with_new_characters_may_only_add_to_its_cache() {
    let target = TARGETS[2];
    let edits = [
        (
            4940620652393483841,
            8932931101007859430,
            9420618794892479320,
        ),
        (
            425327415367109694,
            15091039022798000136,
            3799912009293838161,
        ),
        (
            4899199462504244422,
            11204386195449160386,
            1327035426683691716,
        ),
    ];
    let text = mutate(&target.seed(), &edits);
    assert!(text.contains("303.424Indeks"), "{text}");
    run(target, text.as_bytes()).unwrap();
}
