//! The kept staging tree (`.cakupan-cache/staging-public`, src/write/staging.rs): a rebuild
//! brings the previous build's output up to date instead of writing a fresh tree. These tests
//! plant what a pull request could (links and files at the staging path and inside the tree,
//! a tree the build did not make), break builds half way, and check every time that the
//! published files are exactly those of a fresh build and nothing outside the site changed.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::os::unix::fs::{symlink, MetadataExt};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What is at a path of a tree, read without following links.
#[derive(Debug, PartialEq, Eq, Clone)]
enum Entry {
    File(Vec<u8>),
    Folder,
    Link(PathBuf),
}

/// Every entry under `dir` by relative path, links not followed.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(base).unwrap().to_path_buf();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.file_type().is_symlink() {
                out.insert(rel, Entry::Link(std::fs::read_link(&p).unwrap()));
            } else if m.is_dir() {
                out.insert(rel, Entry::Folder);
                walk(base, &p, out);
            } else {
                out.insert(rel, Entry::File(std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The site built from scratch into a folder of its own: what every rebuild must equal.
fn fresh(site: &TestSite) -> BTreeMap<PathBuf, Entry> {
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("public");
    cakupan::build(site.root(), &out).unwrap_or_else(|d| panic!("{}", render(&d.into_sorted())));
    tree(&out)
}

fn staging(site: &TestSite) -> PathBuf {
    site.root().join(".cakupan-cache/staging-public")
}

/// A folder outside the site with a file in it, whose bytes must never change.
struct Outside {
    dir: tempfile::TempDir,
}

impl Outside {
    fn new(bytes: &[u8]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious"), bytes).unwrap();
        Outside { dir }
    }
    fn file(&self) -> PathBuf {
        self.dir.path().join("precious")
    }
    fn assert_untouched(&self, bytes: &[u8]) {
        assert_eq!(
            tree(self.dir.path()).len(),
            1,
            "files added outside the site"
        );
        assert_eq!(
            std::fs::read(self.file()).unwrap(),
            bytes,
            "outside file changed"
        );
    }
}

#[test]
fn rebuilds_after_deleting_adding_and_changing_pages_give_exactly_a_fresh_build() {
    let site = TestSite::new();
    site.build_ok();
    assert_eq!(tree(&site.out()), fresh(&site));
    // The second build swaps the first one's tree out and keeps it as the next staging tree.
    site.write(
        "content/baru.md",
        "+++\ntitle = \"Baru\"\n+++\n\nHalaman baru.\n",
    );
    site.build_ok();
    assert!(staging(&site).join("index.html").is_file(), "no kept tree");
    assert_eq!(tree(&site.out()), fresh(&site));
    // Each of these rebuilds starts from the tree of the build before the previous one.
    let steps: [&dyn Fn(); 5] = [
        &|| {
            site.replace(
                "content/metodologi.md",
                "Cara menghitung",
                "Cara baru menghitung",
            )
        },
        &|| std::fs::remove_file(site.root().join("content/baru.md")).unwrap(),
        &|| {
            site.write(
                "content/lain/dalam.md",
                "+++\ntitle = \"Dalam\"\n+++\n\nIsi.\n",
            )
        },
        &|| std::fs::remove_file(site.root().join("content/metodologi.md")).unwrap(),
        &|| site.write("static/catatan.txt", "statis"),
    ];
    for step in steps {
        step();
        site.build_ok();
        assert_eq!(tree(&site.out()), fresh(&site));
    }
    // Unchanged files are left alone (same inode), a rebuild with no change at all too.
    let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
    let before = ino(&site.out().join("index.html"));
    site.build_ok();
    site.build_ok();
    assert_eq!(ino(&site.out().join("index.html")), before);
    assert_eq!(tree(&site.out()), fresh(&site));
}

#[test]
fn links_and_files_planted_inside_the_kept_tree_are_replaced_never_followed() {
    let site = TestSite::new();
    site.build_ok();
    site.build_ok();
    let st = staging(&site);
    assert!(st.join("index.html").is_file());
    let home = std::fs::read(st.join("index.html")).unwrap();
    // Same bytes as the planned file behind a link, other bytes behind a link, a hard link to
    // an outside file, a link where a folder goes, a file where a folder goes, a folder where
    // a file goes, and extras (a link to an outside folder, a FIFO).
    let same = Outside::new(&home);
    let other = Outside::new(b"rahasia");
    let hard = Outside::new(b"hard");
    let folder = Outside::new(b"folder");
    std::fs::remove_file(st.join("index.html")).unwrap();
    symlink(same.file(), st.join("index.html")).unwrap();
    std::fs::remove_file(st.join("404.html")).unwrap();
    symlink(other.file(), st.join("404.html")).unwrap();
    std::fs::remove_file(st.join("metodologi/index.html")).unwrap();
    std::fs::hard_link(hard.file(), st.join("metodologi/index.html")).unwrap();
    std::fs::remove_dir_all(st.join("wilayah")).unwrap();
    symlink(folder.dir.path(), st.join("wilayah")).unwrap();
    std::fs::remove_dir_all(st.join("data")).unwrap();
    std::fs::write(st.join("data"), b"not a folder").unwrap();
    std::fs::remove_file(st.join("style.css")).unwrap_or(());
    std::fs::create_dir_all(st.join("style.css/inner")).unwrap();
    symlink(folder.dir.path(), st.join("extra-link")).unwrap();
    let fifo = std::ffi::CString::new(st.join("pipe").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    site.replace_home_text("Teks baru.");
    site.build_ok();
    assert_eq!(tree(&site.out()), fresh(&site));
    same.assert_untouched(&home);
    other.assert_untouched(b"rahasia");
    hard.assert_untouched(b"hard");
    folder.assert_untouched(b"folder");
    // The published tree has no link and no file with a second name.
    for (rel, e) in tree(&site.out()) {
        assert!(!matches!(e, Entry::Link(_)), "{} is a link", rel.display());
        let m = std::fs::symlink_metadata(site.out().join(&rel)).unwrap();
        assert!(
            m.is_dir() || m.nlink() == 1,
            "{} has {} names",
            rel.display(),
            m.nlink()
        );
    }
    // And the tree swapped out is brought up to date just as well by the next build.
    site.build_ok();
    assert_eq!(tree(&site.out()), fresh(&site));
}

#[test]
fn a_tree_at_the_staging_path_that_the_build_did_not_leave_is_not_used() {
    let site = TestSite::new();
    let outside = Outside::new(b"x");
    // As a pull request would commit it: the tree, a forged identity file, a link in it.
    site.write(".cakupan-cache/staging-public/index.html", "ditanam");
    site.write(
        ".cakupan-cache/staging-public/metodologi/index.html",
        "ditanam",
    );
    site.write(".cakupan-cache/staging-public.id", "1 2 3 4\n");
    symlink(outside.dir.path(), staging(&site).join("wilayah")).unwrap();
    site.build_ok();
    assert_eq!(tree(&site.out()), fresh(&site));
    outside.assert_untouched(b"x");
    // Kept trees are recognised by the folder itself, so a copy of the whole site (a restored
    // CI cache) is not taken for one either.
    site.build_ok();
    site.build_ok();
    let copy = tempfile::tempdir().unwrap();
    let status = Command::new("cp")
        .arg("-a")
        .arg(format!("{}/.", site.root().display()))
        .arg(copy.path())
        .status()
        .unwrap();
    assert!(status.success());
    let copied = copy.path().join(".cakupan-cache/staging-public");
    std::fs::write(copied.join("index.html"), b"diubah di salinan").unwrap();
    let out = copy.path().join("public");
    cakupan::build(copy.path(), &out).unwrap_or_else(|d| panic!("{}", render(&d.into_sorted())));
    assert_eq!(tree(&out), fresh(&site));
}

#[test]
fn a_link_or_a_file_at_the_staging_path_is_left_alone() {
    for kind in ["link", "file", "cache-link"] {
        let site = TestSite::new();
        let outside = Outside::new(b"x");
        std::fs::create_dir_all(site.root().join(".cakupan-cache")).unwrap();
        match kind {
            "link" => symlink(outside.dir.path(), staging(&site)).unwrap(),
            "file" => std::fs::write(staging(&site), b"bukan folder").unwrap(),
            _ => {
                std::fs::remove_dir(site.root().join(".cakupan-cache")).unwrap();
                symlink(outside.dir.path(), site.root().join(".cakupan-cache")).unwrap();
            }
        }
        let planted = tree(site.root());
        for _ in 0..3 {
            site.replace_home_text(&format!("Teks {kind}."));
            site.build_ok();
            assert_eq!(tree(&site.out()), fresh(&site), "{kind}");
            outside.assert_untouched(b"x");
        }
        let after = tree(site.root());
        let at = |t: &BTreeMap<PathBuf, Entry>, rel: &str| t.get(Path::new(rel)).cloned();
        for rel in [".cakupan-cache", ".cakupan-cache/staging-public"] {
            assert_eq!(at(&after, rel), at(&planted, rel), "{kind}: {rel} changed");
        }
        // The fallback's one-off staging folders are gone.
        assert!(!std::fs::read_dir(site.root()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".public.")));
    }
}

/// Runs the build with files above 8 KiB refused by the kernel (EFBIG): a write error half
/// way through the write stage.
fn build_with_small_file_limit(site: &TestSite) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cakupan"));
    cmd.args(["--lang", "en", "build", "--site"])
        .arg(site.root());
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
    cmd.output().unwrap()
}

#[test]
fn a_build_failing_while_it_writes_leaves_the_output_byte_identical() {
    let site = TestSite::new();
    site.build_ok();
    site.build_ok();
    let published = tree(&site.out());
    assert!(staging(&site).is_dir());
    // A changed page and a new large static file: the kept tree is half brought up to date
    // when the large file fails.
    site.replace_home_text("Tidak terbit.");
    site.write_bytes("static/besar.bin", &vec![7u8; 64 * 1024]);
    let o = build_with_small_file_limit(&site);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // The changed home page or the new file, whichever is written first.
    assert!(err.contains("File too large"), "{err}");
    assert_eq!(tree(&site.out()), published, "the output changed");
    // The half-written tree is still used (or rebuilt) by the next build, which publishes
    // exactly a fresh build's files.
    site.build_ok();
    assert_eq!(tree(&site.out()), fresh(&site));
    assert!(site.output("index.html").contains("Tidak terbit."));
    // A large file that shrinks is rewritten in place and cut to its new length.
    site.write_bytes("static/besar.bin", &[8u8; 100]);
    site.build_ok();
    site.write_bytes("static/besar.bin", &[9u8; 10]);
    site.build_ok();
    assert_eq!(tree(&site.out()), fresh(&site));
}

/// Pages are written to the staging tree while they render; a build refused after that (here
/// by the plan, which sees every path only once rendering is done) publishes nothing, and
/// `check` refuses it with the same diagnostics (`build_err` compares them).
#[test]
fn a_build_refused_after_pages_were_written_leaves_the_output_byte_identical() {
    let site = TestSite::new();
    site.build_ok();
    site.build_ok();
    let published = tree(&site.out());
    site.replace_home_text("Tidak terbit.");
    site.write(
        "content/baru.md",
        "+++\ntitle = \"Baru\"\n+++\n\nHalaman baru.\n",
    );
    site.write("static/metodologi/index.html", "bentrok");
    let d = site.build_err();
    assert!(
        only(&d).message.contains("where the build writes"),
        "{}",
        render(&d)
    );
    assert_eq!(tree(&site.out()), published, "the output changed");
    // The staging tree got the new pages; the next good build still equals a fresh one.
    std::fs::remove_dir_all(site.root().join("static")).unwrap();
    site.build_ok();
    assert_eq!(tree(&site.out()), fresh(&site));
    assert!(site.output("baru/index.html").contains("Halaman baru."));
}

/// `check` and serve's in-memory build render the same pages without a sink on disk: nothing
/// appears beside the site, not even the cache folder.
#[test]
fn check_and_the_in_memory_build_touch_no_disk() {
    let site = TestSite::new();
    let before = tree(site.root());
    cakupan::check(site.root()).unwrap_or_else(|d| panic!("{}", render(&d.into_sorted())));
    let (_, files) = cakupan::build_in_memory(site.root())
        .unwrap_or_else(|d| panic!("{}", render(&d.into_sorted())));
    assert_eq!(tree(site.root()), before, "check or build_in_memory wrote");
    // And they hold every file a build writes (the marker aside).
    let built: Vec<PathBuf> = fresh(&site)
        .into_iter()
        .filter(|(p, e)| *e != Entry::Folder && p != Path::new(".cakupan-output"))
        .map(|(p, _)| p)
        .collect();
    let held: Vec<PathBuf> = files.keys().map(PathBuf::from).collect();
    assert_eq!(held, built);
}

trait Home {
    fn replace_home_text(&self, text: &str);
}

impl Home for TestSite {
    fn replace_home_text(&self, text: &str) {
        self.write(
            "content/_index.md",
            &format!("+++\ntitle = \"Cakupan Kalimantan Timur\"\n+++\n\n{text}\n"),
        );
    }
}
