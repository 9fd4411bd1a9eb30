//! Output safety, end to end: hostile static names, symbolic links, collisions between static
//! and generated files, an output that is a file or a link, concurrent builds, killed builds,
//! and an atomic swap. Sites are real (the repository's example site copied into a temporary
//! folder, or the minimal test site) and the CLI runs as the real binary.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The example site copied into `<tmp>/site`; `<tmp>` holds nothing else, so anything the build
/// writes outside the site shows up in [`outside`].
struct Example {
    tmp: tempfile::TempDir,
}

impl Example {
    fn new() -> Self {
        let tmp = tempfile::Builder::new()
            .prefix("cakupan-out-")
            .tempdir()
            .unwrap();
        let src = example_root();
        let dst = tmp.path().join("site");
        std::fs::create_dir(&dst).unwrap();
        for part in [
            "site.toml",
            "data",
            "content",
            "themes",
            "static",
            "templates",
        ] {
            let from = src.join(part);
            if from.exists() {
                copy_tree(&from, &dst.join(part));
            }
        }
        Example { tmp }
    }

    fn root(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Names directly in the temporary folder besides `site` (must stay empty).
    fn outside(&self) -> BTreeSet<String> {
        names(self.tmp.path())
            .into_iter()
            .filter(|n| n != "site")
            .collect()
    }
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy_tree(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
    }
}

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn cakupan_build(site: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(["build", "--site"])
        .arg(site)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run cakupan")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn errors(root: &Path, out: &Path) -> Vec<cakupan::diagnostics::Diagnostic> {
    match cakupan::build(root, out) {
        Ok(_) => panic!("expected the build to fail"),
        Err(d) => d.into_sorted(),
    }
}

// 1. An output that is an existing file ---------------------------------------------------

#[test]
fn out_that_is_an_existing_file_is_refused_and_nothing_is_renamed() {
    let ex = Example::new();
    let target = ex.root().join("site.toml");
    let before = std::fs::read(&target).unwrap();
    let listing = names(&ex.root());
    let o = cakupan_build(&ex.root(), &target);
    let err = stderr(&o);
    // Refusals of --out are usage errors in this CLI (exit 2, like `--out <the site>`).
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("is an existing file"), "{err}");
    assert!(err.contains(&target.display().to_string()), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), before, "site.toml changed");
    assert!(target.is_file());
    assert_eq!(
        names(&ex.root()),
        listing,
        "something was created or renamed"
    );
    assert!(ex.outside().is_empty());

    // The library reports it as a diagnostic at the path, with a hint.
    let d = errors(&ex.root(), &target);
    let d = only(&d);
    assert_eq!(d.location.file, target);
    assert!(hint(d).contains("--out"), "{d}");

    // A folder below a file is refused the same way.
    let below = target.join("public");
    let d = errors(&ex.root(), &below);
    assert!(only(&d).message.contains("which is a file"), "{}", d[0]);
    assert_eq!(names(&ex.root()), listing);
}

// 6. Hostile names and symbolic links in static/ -----------------------------------------

#[test]
fn hostile_static_names_and_links_outside_are_errors_at_the_input_file() {
    let ex = Example::new();
    let secret_dir = tempfile::tempdir().unwrap();
    std::fs::write(secret_dir.path().join("secret.txt"), b"do not publish").unwrap();
    let tmp_x_existed = Path::new("/tmp/x").exists();

    ex.write("static/\\tmp\\x\\notes.txt", b"climb");
    ex.write("static/..\\..\\x.txt", b"climb");
    ex.write("static/ok/readme.txt", b"fine");
    std::os::unix::fs::symlink(
        secret_dir.path().join("secret.txt"),
        ex.root().join("static/leak.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(secret_dir.path(), ex.root().join("static/leakdir")).unwrap();
    // Inside the site: followed.
    std::os::unix::fs::symlink(
        "../content/tentang.md",
        ex.root().join("static/tentang.txt"),
    )
    .unwrap();

    let diags = errors(&ex.root(), &ex.out());
    assert_eq!(diags.len(), 4, "{}", render(&diags));
    for name in ["\\tmp\\x\\notes.txt", "..\\..\\x.txt"] {
        let d = diags
            .iter()
            .find(|d| d.location.file == Path::new("static").join(name))
            .unwrap_or_else(|| panic!("no error at static/{name}:\n{}", render(&diags)));
        assert!(d.message.contains("backslash"), "{d}");
        assert!(hint(d).starts_with("rename the file"), "{d}");
    }
    for link in ["static/leak.txt", "static/leakdir"] {
        let d = diags
            .iter()
            .find(|d| d.location.file == Path::new(link))
            .unwrap_or_else(|| panic!("no error at {link}:\n{}", render(&diags)));
        assert!(d.message.contains("points outside the site folder"), "{d}");
    }
    assert!(!ex.out().exists(), "output written despite errors");
    assert!(ex.outside().is_empty(), "{:?}", ex.outside());
    assert_eq!(Path::new("/tmp/x").exists(), tmp_x_existed);

    // The CLI exits 1 with the same errors.
    let o = cakupan_build(&ex.root(), &ex.out());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: static/leak.txt: "),
        "{}",
        stderr(&o)
    );

    // Without the hostile files the build succeeds and follows the link inside the site.
    for bad in [
        "\\tmp\\x\\notes.txt",
        "..\\..\\x.txt",
        "leak.txt",
        "leakdir",
    ] {
        std::fs::remove_file(ex.root().join("static").join(bad)).unwrap();
    }
    cakupan::build(&ex.root(), &ex.out()).unwrap();
    assert_eq!(
        std::fs::read(ex.out().join("tentang.txt")).unwrap(),
        std::fs::read(ex.root().join("content/tentang.md")).unwrap()
    );
    assert!(ex.out().join("ok/readme.txt").is_file());
    assert!(ex.outside().is_empty());
}

#[test]
fn a_symlink_loop_in_static_is_reported_not_dropped() {
    let site = TestSite::new();
    site.write("static/a/b.txt", "b");
    std::os::unix::fs::symlink("..", site.root().join("static/a/loop")).unwrap();
    let diags = site.build_err();
    let d = only(&diags);
    assert_eq!(d.location.file, Path::new("static/a/loop"), "{d}");
    assert!(d.message.contains("cannot read"), "{d}");
    assert!(!site.out().exists());
}

// 7. Collisions between static and generated files ---------------------------------------

#[test]
fn static_files_on_generated_paths_are_errors_before_anything_is_written() {
    let ex = Example::new();
    ex.write("static/index.html", b"<p>mine</p>");
    ex.write("static/data/summary.json", b"{}");
    ex.write("static/wilayah/kota-bontang/index.html", b"<p>mine</p>");
    ex.write("themes/default/static/grafik/x.txt", b"fine");
    // The theme's own static file overridden by the site's: on purpose, not a collision.
    ex.write("static/style.css", b"body{}");

    let diags = errors(&ex.root(), &ex.out());
    assert_eq!(diags.len(), 3, "{}", render(&diags));
    let home = find(&diags, "/index.html, where the build writes the home page");
    assert_eq!(home.location.file, Path::new("static/index.html"));
    let summary = find(&diags, "/data/summary.json");
    assert_eq!(summary.location.file, Path::new("static/data/summary.json"));
    assert!(summary.message.contains("a data download"), "{summary}");
    let region = find(&diags, "the page /wilayah/kota-bontang/");
    assert_eq!(
        region.location.file,
        Path::new("static/wilayah/kota-bontang/index.html")
    );
    assert!(!ex.out().exists(), "output written despite collisions");
    assert_eq!(
        names(&ex.root())
            .iter()
            .filter(|n| n.starts_with(".public"))
            .count(),
        0
    );

    let o = cakupan_build(&ex.root(), &ex.out());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("File exists"), "{err}");
    assert!(!err.contains("disk is not full"), "{err}");

    // Only the override left: builds, and the site's style.css wins.
    for rel in [
        "index.html",
        "data/summary.json",
        "wilayah/kota-bontang/index.html",
    ] {
        std::fs::remove_file(ex.root().join("static").join(rel)).unwrap();
    }
    cakupan::build(&ex.root(), &ex.out()).unwrap();
    assert_eq!(
        std::fs::read(ex.out().join("style.css")).unwrap(),
        b"body{}"
    );
    assert!(ex.out().join("grafik/x.txt").is_file());
}

#[test]
fn a_static_file_where_the_build_needs_a_folder_is_an_error() {
    let site = TestSite::new();
    site.write("static/wilayah", "not a folder");
    let diags = site.build_err();
    let d = only(&diags);
    assert_eq!(d.location.file, Path::new("static/wilayah"));
    assert!(d.message.contains("must be a folder"), "{d}");
}

// 2. An output that is a symbolic link ---------------------------------------------------

#[test]
fn output_link_stays_a_link_and_its_target_holds_the_new_site() {
    let site = TestSite::new();
    let web = tempfile::tempdir().unwrap();
    let webroot = web.path().join("www/site");
    std::fs::create_dir_all(&webroot).unwrap();
    std::os::unix::fs::symlink(&webroot, site.out()).unwrap();

    for round in ["Pengantar pertama.", "Pengantar kedua."] {
        site.replace_home(round);
        site.build_ok();
        let meta = std::fs::symlink_metadata(site.out()).unwrap();
        assert!(meta.file_type().is_symlink(), "the link was replaced");
        assert_eq!(std::fs::read_link(site.out()).unwrap(), webroot);
        let home = read(&webroot.join("index.html"));
        assert!(home.contains(round), "target holds an old site");
        assert!(webroot.join(".cakupan-output").is_file());
        // Staging (and the lock) happened next to the target and left nothing behind.
        assert_eq!(
            names(&web.path().join("www")),
            BTreeSet::from(["site".to_string()])
        );
    }
    // No staging next to the link either.
    assert!(!names(site.root()).iter().any(|n| n.starts_with(".public")));
}

#[test]
fn dangling_output_link_is_refused() {
    let site = TestSite::new();
    std::os::unix::fs::symlink("/nonexistent/cakupan-web", site.out()).unwrap();
    let d = site.build_err();
    assert!(
        only(&d).message.contains("which does not exist"),
        "{}",
        d[0]
    );
    assert!(std::fs::symlink_metadata(site.out())
        .unwrap()
        .file_type()
        .is_symlink());
}

// 3. The swap is atomic ------------------------------------------------------------------

#[test]
fn public_index_exists_at_every_instant_across_rebuilds() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    let site = TestSite::new();
    site.build_ok();
    let index = site.out().join("index.html");
    let done = Arc::new(AtomicBool::new(false));
    let (misses, polls) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let poller = {
        let (done, misses, polls, index) =
            (done.clone(), misses.clone(), polls.clone(), index.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                // Opening (not just stat) the file: it must be readable, not only named.
                if std::fs::File::open(&index).is_err() {
                    misses.fetch_add(1, Ordering::Relaxed);
                }
                polls.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    for i in 0..12 {
        // A changed page each round, so the swap is a real exchange of different trees.
        site.replace_home(&format!("Putaran {i}."));
        site.build_ok();
    }
    done.store(true, Ordering::Relaxed);
    poller.join().unwrap();
    assert!(polls.load(Ordering::Relaxed) > 1000, "poller barely ran");
    assert_eq!(
        misses.load(Ordering::Relaxed),
        0,
        "public/index.html was missing"
    );
    assert!(site.output("index.html").contains("Putaran 11."));
    assert!(!names(site.root())
        .iter()
        .any(|n| n.contains(".public.new-") || n.contains(".public.old-")));
}

#[test]
fn a_build_killed_mid_write_leaves_the_previous_site_whole() {
    let ex = Example::new();
    cakupan::build(&ex.root(), &ex.out()).unwrap();
    let before = snapshot(&ex.out());
    ex.write(
        "content/tentang.md",
        b"+++\ntitle = \"Tentang\"\n+++\n\nBaru.\n",
    );
    // The first build's tree became public/, so the second one makes a new staging tree.
    // Checked before the child starts: a release build makes it within a millisecond.
    let staging = ex.root().join(".cakupan-cache/staging-public");
    assert!(!staging.exists());
    let mut child = Command::new(env!("CARGO_BIN_EXE_cakupan"))
        // These assertions read the English wording (tests/messages.rs covers Indonesian).
        .args(["--lang", "en"])
        .args(["build", "--site"])
        .arg(ex.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill once the staging tree appears (the build is writing), or after a timeout.
    let started = std::time::Instant::now();
    while !staging.exists() && started.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let killed_mid_write = staging.exists();
    eprintln!("killed while writing: {killed_mid_write}");
    let after = snapshot(&ex.out());
    let new_about = after
        .get(Path::new("tentang/index.html"))
        .is_some_and(|b| String::from_utf8_lossy(b).contains("Baru."));
    // Killed before the swap: the old site, byte for byte; after it: the whole new site (the
    // same files; only one page's text changed).
    if new_about {
        assert!(after.keys().eq(before.keys()), "a partial new site");
    } else {
        assert_eq!(after, before, "a half-written site was published");
    }
    // The next build removes the killed build's staging and publishes a whole site.
    cakupan::build(&ex.root(), &ex.out()).unwrap();
    assert!(read(&ex.out().join("tentang/index.html")).contains("Baru."));
    assert!(!names(&ex.root())
        .iter()
        .any(|n| n.starts_with(".public.") && n != ".public.lock"));
}

// 4. The lock ----------------------------------------------------------------------------

#[test]
fn a_second_build_into_the_same_output_stops_with_a_clear_message() {
    let site = TestSite::new();
    site.build_ok();
    let before = snapshot(&site.out());
    let lock_path = site.root().join(".public.lock");
    // This process holds the lock; the binary is the second build.
    let held = cakupan::testing::lock_output(&lock_path, &site.out()).unwrap();
    site.replace_home("Tidak boleh terbit.");
    let o = cakupan_build(site.root(), &site.out());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let expected = format!(
        "another build is writing {} (pid {}); wait for it or remove {}",
        site.out().display(),
        std::process::id(),
        lock_path.display()
    );
    assert!(err.contains(&expected), "expected `{expected}` in:\n{err}");
    assert_eq!(snapshot(&site.out()), before, "the locked output changed");
    drop(held);
    let o = cakupan_build(site.root(), &site.out());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(site.output("index.html").contains("Tidak boleh terbit."));
}

#[test]
fn concurrent_builds_either_finish_or_stop_at_the_lock() {
    let site = TestSite::new();
    site.build_ok();
    let (root, out) = (site.root().to_path_buf(), site.out());
    let results: Vec<Result<(), String>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (root, out) = (&root, &out);
                s.spawn(move || {
                    (0..4)
                        .map(|_| {
                            cakupan::build(root, out)
                                .map(|_| ())
                                .map_err(|d| render(&d.into_sorted()))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    for r in &results {
        if let Err(e) = r {
            assert!(e.contains("another build is writing"), "{e}");
        }
    }
    assert!(results.iter().any(|r| r.is_ok()));
    assert!(site.output("index.html").contains("Pengantar situs."));
    assert!(!names(site.root()).iter().any(|n| n.starts_with(".public")));
}

// 5. Stale staging folders of killed builds ----------------------------------------------

#[test]
fn stale_staging_folders_are_removed_and_foreign_ones_stay() {
    let site = TestSite::new();
    for stale in [".public.new-4000001", ".public.old-77"] {
        site.write(&format!("{stale}/index.html"), "stale");
    }
    for foreign in [".public.new-keep", ".public.backup", ".other.new-5"] {
        site.write(&format!("{foreign}/x"), "mine");
    }
    site.build_ok();
    let left = names(site.root());
    assert!(!left.contains(".public.new-4000001"), "{left:?}");
    assert!(!left.contains(".public.old-77"), "{left:?}");
    for foreign in [".public.new-keep", ".public.backup", ".other.new-5"] {
        assert!(left.contains(foreign), "{foreign} removed: {left:?}");
    }
}

#[test]
fn stale_staging_is_kept_while_another_build_holds_the_lock() {
    let site = TestSite::new();
    site.write(".public.new-4000002/index.html", "running build");
    let held =
        cakupan::testing::lock_output(&site.root().join(".public.lock"), &site.out()).unwrap();
    let d = site.build_err();
    assert!(
        only(&d).message.contains("another build is writing"),
        "{}",
        d[0]
    );
    assert!(site.root().join(".public.new-4000002/index.html").is_file());
    drop(held);
}

// 8. A failed write names the file -------------------------------------------------------

#[test]
fn a_failed_write_names_the_file() {
    use std::os::unix::process::CommandExt;
    let site = TestSite::new();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cakupan"));
    cmd.args(["--lang", "en", "build", "--site"])
        .arg(site.root());
    // Files above 8 KiB fail with EFBIG (the stylesheet and the WOFF2 fonts are ~15 KB): a
    // real write error.
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 8 * 1024,
                rlim_max: 8 * 1024,
            };
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // Files are written in parallel, so which large file fails first varies; it is named by
    // its place in the output (a font, a PNG chart or a data download).
    let named = err
        .lines()
        .find(|l| l.starts_with(&format!("error: {}/", site.out().display())))
        .unwrap_or_else(|| panic!("the failed file is not named:\n{err}"));
    assert!(named.contains("File too large"), "{named}");
    assert!(err.contains("cannot write this file"), "{err}");
    assert!(!site.out().exists(), "a partial site was published");
    assert!(!names(site.root())
        .iter()
        .any(|n| n.starts_with(".public.new-")));
}

trait Home {
    fn replace_home(&self, text: &str);
}

impl Home for TestSite {
    /// Rewrites the home page's text.
    fn replace_home(&self, text: &str) {
        self.write(
            "content/_index.md",
            &format!("+++\ntitle = \"Cakupan Kalimantan Timur\"\n+++\n\n{text}\n"),
        );
    }
}
