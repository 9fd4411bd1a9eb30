//! Tests of planning and publishing the output folder.

use super::*;

fn out_file(path: &str) -> OutFile {
    OutFile {
        path: path.into(),
        bytes: b"x".to_vec(),
    }
}

fn statics(names: &[(&str, &str)]) -> BTreeMap<String, StaticFile> {
    names
        .iter()
        .map(|(rel, src)| {
            (
                rel.to_string(),
                StaticFile {
                    source: PathBuf::from(src),
                    bytes: b"s".to_vec(),
                },
            )
        })
        .collect()
}

#[test]
fn plan_refuses_static_files_on_generated_paths_and_file_folder_clashes() {
    let files = [
        out_file("index.html"),
        out_file("wilayah/kota-bontang/index.html"),
        out_file("data/summary.json"),
    ];
    let st = statics(&[
        ("index.html", "static/index.html"),
        (
            "data/summary.json",
            "themes/default/static/data/summary.json",
        ),
        ("wilayah/kota-bontang", "static/wilayah/kota-bontang"),
        ("style.css", "static/style.css"),
    ]);
    let diags = plan(&files, &st).unwrap_err().into_sorted();
    assert_eq!(diags.len(), 3, "{diags:?}");
    let home = diags
        .iter()
        .find(|d| d.location.file == Path::new("static/index.html"))
        .unwrap();
    assert!(home.message.contains("the home page"), "{home}");
    assert!(diags.iter().any(
        |d| d.location.file == Path::new("static/wilayah/kota-bontang")
            && d.message.contains("must be a folder")
    ));
}

#[test]
fn plan_accepts_disjoint_paths_and_counts_the_marker() {
    let files = [out_file("index.html"), out_file("grafik/a.svg")];
    let st = statics(&[("style.css", "static/style.css")]);
    let p = plan(&files, &st).unwrap();
    assert_eq!(p.len(), 4);
    let hostile = statics(&[("..\\..\\x", "static/..\\..\\x")]);
    assert!(plan(&files, &hostile).is_err());
    assert!(plan(&[out_file("../x")], &BTreeMap::new()).is_err());
    assert!(plan(&[out_file("a"), out_file("a")], &BTreeMap::new()).is_err());
}

#[cfg(unix)]
#[test]
fn the_old_tree_is_removed_whole_without_following_links() {
    let tmp = tempfile::tempdir().unwrap();
    let keep = tmp.path().join("keep");
    fs::create_dir(&keep).unwrap();
    fs::write(keep.join("precious"), b"x").unwrap();
    let old = tmp.path().join("old");
    for d in ["wilayah/a", "wilayah/b/c", "grafik", "data"] {
        fs::create_dir_all(old.join(d)).unwrap();
    }
    for f in [
        "index.html",
        "wilayah/a/index.html",
        "wilayah/b/c/x",
        "grafik/g.svg",
    ] {
        fs::write(old.join(f), b"y").unwrap();
    }
    std::os::unix::fs::symlink(&keep, old.join("wilayah/link")).unwrap();
    std::os::unix::fs::symlink(&keep, old.join("top-link")).unwrap();
    remove_tree(&old);
    assert!(!old.exists());
    assert!(keep.join("precious").is_file());
}

#[cfg(target_os = "linux")]
#[test]
fn exchange_swaps_two_folders_in_one_call() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    fs::create_dir(&a).unwrap();
    fs::create_dir(&b).unwrap();
    fs::write(a.join("from-a"), b"").unwrap();
    fs::write(b.join("from-b"), b"").unwrap();
    exchange(&a, &b).unwrap();
    assert!(a.join("from-b").is_file() && !a.join("from-a").exists());
    assert!(b.join("from-a").is_file() && !b.join("from-b").exists());
    // Exchange needs both names to exist: it never degrades into a plain move.
    let missing = tmp.path().join("missing");
    assert!(exchange(&a, &missing).is_err());
    assert!(a.is_dir());
}

#[test]
fn a_second_lock_on_the_same_file_is_refused_until_the_first_is_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(".public.lock");
    let out = tmp.path().join("public");
    let held = lock::acquire(&path, &out).unwrap();
    let (msg, _) = lock::acquire(&path, &out).unwrap_err();
    assert!(
        msg.contains(&format!("(pid {})", std::process::id())),
        "{msg}"
    );
    assert!(msg.contains("another build is writing"), "{msg}");
    drop(held);
    assert!(!path.exists(), "the lock file stays after the build");
    let again = lock::acquire(&path, &out).unwrap();
    // A stale name (the file replaced under a holder) is not removed by the old holder.
    std::fs::remove_file(&path).unwrap();
    let newer = lock::acquire(&path, &out).unwrap();
    drop(again);
    assert!(path.exists(), "the old holder removed the new lock file");
    drop(newer);
}
