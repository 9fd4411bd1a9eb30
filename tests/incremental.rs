//! `cakupan serve`'s incremental rebuild gives exactly what a full build gives: after each kind
//! of edit (narrative, home text, content page, CSV figure, template, site.toml, front matter,
//! a new chart, a broken call and its fix) every output file is byte-identical to
//! `cakupan::build_in_memory`, and so are the warnings and the errors. Edits of page bodies must
//! take the fast path (only their page rendered again); the others a full build.

mod common;

use cakupan::serve::{How, Incremental};
use std::path::Path;

/// The example site's inputs copied into a temporary folder, so tests can edit them.
fn example_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let from = common::example_root();
    for dir in ["data", "content"] {
        copy_dir(&from.join(dir), &tmp.path().join(dir));
    }
    // Without PNG copies of the charts: rasterising every chart in a debug build made each of
    // the ~40 builds below take seconds, and PNGs are made from the SVGs compared here anyway.
    let site = std::fs::read_to_string(from.join("site.toml")).unwrap();
    std::fs::write(
        tmp.path().join("site.toml"),
        format!("chart_png = false\n{site}"),
    )
    .unwrap();
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn edit(root: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let new = f(text.clone());
    assert_ne!(new, text, "the edit of {rel} changes nothing");
    std::fs::write(path, new).unwrap();
}

fn texts(d: &[cakupan::diagnostics::Diagnostic]) -> Vec<String> {
    d.iter().map(|d| format!("{d} | {:?}", d.hint)).collect()
}

/// Rebuilds incrementally, builds in full, and requires the same result; returns how the
/// incremental rebuild was done.
fn rebuild_same(inc: &mut Incremental, root: &Path) -> How {
    let (got, how) = inc.rebuild(root);
    let full = cakupan::build_in_memory(root);
    match (got, full) {
        (Ok((s, files)), Ok((fs, full_files))) => {
            assert_eq!(
                files.keys().collect::<Vec<_>>(),
                full_files.keys().collect::<Vec<_>>(),
                "the same files ({how:?})"
            );
            for (path, bytes) in &full_files {
                assert!(
                    files[path].as_slice() == bytes.as_slice(),
                    "{path} differs from the full build ({how:?})"
                );
            }
            assert_eq!(
                texts(&s.warnings),
                texts(&fs.warnings),
                "warnings ({how:?})"
            );
            assert_eq!(
                (s.pages, s.charts, s.files, s.figures, s.sources),
                (fs.pages, fs.charts, fs.files, fs.figures, fs.sources)
            );
        }
        (Err(a), Err(b)) => {
            assert_eq!(texts(&a.into_sorted()), texts(&b.into_sorted()), "errors");
        }
        (Ok(_), Err(b)) => panic!("incremental succeeded, full failed: {:?}", b.into_sorted()),
        (Err(a), Ok(_)) => panic!("incremental failed, full succeeded: {:?}", a.into_sorted()),
    }
    how
}

fn pages(paths: &[&str]) -> How {
    How::Pages(paths.iter().map(|s| s.to_string()).collect())
}

const SAMARINDA: &str = "content/wilayah/kota-samarinda.md";

#[test]
fn every_kind_of_edit_matches_a_full_build() {
    let tmp = example_copy();
    let root = tmp.path();
    let mut inc = Incremental::new();
    assert_eq!(rebuild_same(&mut inc, root), How::Full, "first build");

    // A sentence added to a region narrative: that page only.
    edit(root, SAMARINDA, |t| {
        format!("{t}\nSuntingan pertama: kalimat baru.\n")
    });
    assert_eq!(
        rebuild_same(&mut inc, root),
        pages(&["wilayah/kota-samarinda/index.html"])
    );

    // A stale figure typed in the narrative adds a prose warning; removing it takes it away.
    edit(root, SAMARINDA, |t| {
        format!("{t}\nPada 2024 cakupan kepesertaan kota ini 54,72 persen.\n")
    });
    assert_eq!(
        rebuild_same(&mut inc, root),
        pages(&["wilayah/kota-samarinda/index.html"])
    );
    let warned = cakupan::build_in_memory(root).unwrap().0.warnings;
    assert!(
        warned
            .iter()
            .any(|w| w.location.file.ends_with("kota-samarinda.md")),
        "a stale-figure warning: {:?}",
        texts(&warned)
    );
    edit(root, SAMARINDA, |t| {
        t.replace("54,72 persen", "40,39 persen")
    });
    assert_eq!(
        rebuild_same(&mut inc, root),
        pages(&["wilayah/kota-samarinda/index.html"])
    );

    // The home text and a content page.
    edit(root, "content/_index.md", |t| {
        format!("{t}\nBeranda disunting.\n")
    });
    assert_eq!(rebuild_same(&mut inc, root), pages(&["index.html"]));
    edit(root, "content/metodologi.md", |t| {
        format!("{t}\nMetode disunting.\n")
    });
    assert_eq!(
        rebuild_same(&mut inc, root),
        pages(&["metodologi/index.html"])
    );

    // Two narratives at once (a save-all in the editor).
    edit(root, SAMARINDA, |t| format!("{t}\nLagi.\n"));
    edit(root, "content/wilayah/kota-bontang.md", |t| {
        format!("{t}\nBontang juga.\n")
    });
    let how = rebuild_same(&mut inc, root);
    assert!(
        matches!(&how, How::Pages(p) if p.len() == 2),
        "two pages: {how:?}"
    );

    // A CSV figure: a full build; the next narrative edit is fast again, on the new figures.
    edit(root, "data/observations/kepesertaan.csv", |t| {
        t.replace(
            "64.72,peserta_aktif,2025-09,141278",
            "64.72,peserta_aktif,2025-09,141279",
        )
    });
    assert_eq!(rebuild_same(&mut inc, root), How::Full);
    edit(root, SAMARINDA, |t| format!("{t}\nSesudah CSV.\n"));
    assert_eq!(
        rebuild_same(&mut inc, root),
        pages(&["wilayah/kota-samarinda/index.html"])
    );

    // A template of the site's own (a new file, then an edit of it).
    let page =
        std::fs::read_to_string(common::example_root().join("themes/default/templates/page.html"))
            .unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/page.html"),
        page.replace("</article>", "<p>T1</p></article>"),
    )
    .unwrap();
    assert_eq!(rebuild_same(&mut inc, root), How::Full);
    edit(root, "templates/page.html", |t| t.replace("T1", "T2"));
    assert_eq!(rebuild_same(&mut inc, root), How::Full);
    edit(root, "content/metodologi.md", |t| {
        format!("{t}\nSesudah templat.\n")
    });
    assert_eq!(
        rebuild_same(&mut inc, root),
        pages(&["metodologi/index.html"])
    );

    // site.toml.
    edit(root, "site.toml", |t| {
        t.replacen("title = \"", "title = \"Uji ", 1)
    });
    assert_eq!(rebuild_same(&mut inc, root), How::Full);

    // Front matter: the title is in the nav, the feed and other pages.
    edit(root, "content/metodologi.md", |t| {
        t.replacen("title = \"", "title = \"Baru: ", 1)
    });
    assert_eq!(rebuild_same(&mut inc, root), How::Full);

    // A chart the page did not draw before adds chart files: a full build.
    edit(root, SAMARINDA, |t| {
        format!(
            "{t}\n{{{{ chart(type=\"trend\", metric=\"peserta_aktif\", regions=\"64.72\") }}}}\n"
        )
    });
    assert_eq!(rebuild_same(&mut inc, root), How::Full);

    // A broken call: the same errors as a full build; the fix brings the page back.
    edit(root, SAMARINDA, |t| {
        format!("{t}\n{{{{ value(region=\"64.72\", metric=\"tidak_ada\") }}}}\n")
    });
    rebuild_same(&mut inc, root);
    edit(root, SAMARINDA, |t| {
        t.replace("metric=\"tidak_ada\"", "metric=\"peserta_aktif\"")
    });
    assert_eq!(
        rebuild_same(&mut inc, root),
        pages(&["wilayah/kota-samarinda/index.html"])
    );

    // An editor's swap file beside the text is nothing the build reads: still the fast path.
    std::fs::write(
        root.join("content/wilayah/.kota-samarinda.md.swp"),
        b"\x00vim",
    )
    .unwrap();
    edit(root, SAMARINDA, |t| format!("{t}\nDengan berkas swap.\n"));
    assert_eq!(
        rebuild_same(&mut inc, root),
        pages(&["wilayah/kota-samarinda/index.html"])
    );
    std::fs::write(
        root.join("content/wilayah/.kota-samarinda.md.swp"),
        b"\x00vim2",
    )
    .unwrap();
    assert_eq!(rebuild_same(&mut inc, root), pages(&[]));

    // A new file and a deleted one.
    std::fs::write(
        root.join("content/baru.md"),
        "+++\ntitle = \"Halaman baru\"\n+++\n\nIsi.\n",
    )
    .unwrap();
    assert_eq!(rebuild_same(&mut inc, root), How::Full);
    std::fs::remove_file(root.join("content/baru.md")).unwrap();
    assert_eq!(rebuild_same(&mut inc, root), How::Full);

    // Nothing changed: the last build as it is.
    assert_eq!(rebuild_same(&mut inc, root), pages(&[]));
}
